/**
 * The case list's search box in headless Chromium: a clerk is told it finds a contact phone and
 * finds a petitioner's earlier cases by the number typed as people type it; a unit's handler is
 * offered the search of numbers and words only, and finds nothing by the number.
 */
import { describe, expect, it } from "vitest";
import { HOUR } from "../support/clock.ts";
import { useConsoleAndBrowser } from "./console-world.ts";

const FUGOU = "urban_management.fugou";

const scene = useConsoleAndBrowser({
  staff: [
    { username: "li", role: "clerk" },
    { username: "zhao", role: "handler", unitId: FUGOU },
  ],
});

describe("the case list's search box", { timeout: 60_000 }, () => {
  it("finds a petitioner's earlier cases by phone for a clerk, and nothing for the unit", async () => {
    const contact = { kind: "named", name: "王先生", phone: "13812345678" } as const;
    const li = scene.world.client();
    await li.signIn("li");
    const filed: string[] = [];
    for (const description of ["小区门口井盖没了", "井盖还是没人修"]) {
      const no = await scene.world.file("wang", { description, contact });
      await li.send("POST", `/api/cases/${no}/actions`, {
        action: { type: "route", unitId: FUGOU },
      });
      filed.push(no);
      scene.world.clock.advance(HOUR);
    }
    const other = await scene.world.file("li-si", {
      contact: { kind: "named", name: "李四", phone: "13912345678" },
    });

    const newestFirst = [...filed].reverse();
    const expectations: [string, string, string[]][] = [
      ["li", "搜索编号、联系电话或内容", newestFirst],
      ["zhao", "搜索编号或内容", []],
    ];
    for (const [username, placeholder, found] of expectations) {
      const { page, errors } = await scene.signedInPage(username);
      await page.goto(`${scene.world.url}/console/cases`);
      const box = page.locator('input[name="q"]');
      expect(await box.getAttribute("placeholder"), username).toBe(placeholder);
      // The unfiltered list shows the cases first: the search's page replaces it.
      await expect.poll(() => page.locator(".case-list tbody tr").count()).toBeGreaterThan(0);
      await box.fill("138 1234 5678");
      await box.press("Enter");
      await page.waitForURL(/q=138/);
      // The first cell of each row is its tracking number.
      const listed = () => page.locator(".case-list tbody tr td:first-child").allTextContents();
      await expect.poll(listed, { message: username }).toEqual(found);
      expect(await listed()).not.toContain(other);
      expect(errors).toEqual([]);
    }
  });
});
