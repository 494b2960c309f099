/**
 * The case list's 导出 CSV in headless Chromium exports the cases its filters keep, whatever page
 * of them is shown; beside a search, which finds cases but filters no export, there is none.
 */
import { describe, expect, it } from "vitest";
import { useConsoleAndBrowser } from "./console-world.ts";

const FUGOU = "urban_management.fugou";
const scene = useConsoleAndBrowser({ staff: [{ username: "li", role: "clerk" }] });

describe("the case list's export", { timeout: 60_000 }, () => {
  it("exports the cases the list's filters keep", async () => {
    const waiting = await scene.world.file("citizen-1");
    const routed = await scene.world.file("citizen-2");
    const li = await scene.signedIn("li");
    await li.send("POST", `/api/cases/${routed}/actions`, {
      action: { type: "route", unitId: FUGOU },
    });
    const { page, errors } = await scene.signedInPage("li");
    await page.goto(`${scene.world.url}/console/cases?status=assigned`);
    await page.locator(".case-list tbody tr").first().waitFor();

    const exportLink = page.getByRole("link", { name: "导出 CSV" });
    const href = (await exportLink.getAttribute("href")) ?? "";
    expect(href).toBe("/api/export.csv?status=assigned");
    const csv = await page.evaluate(
      async (url) => (await fetch(url, { credentials: "same-origin" })).text(),
      href,
    );
    expect(csv).toContain(routed);
    expect(csv).not.toContain(waiting);

    await page.goto(`${scene.world.url}/console/cases?q=${encodeURIComponent(waiting)}`);
    await page.locator(".case-list tbody tr").first().waitFor();
    expect(await page.getByRole("link", { name: "导出 CSV" }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
