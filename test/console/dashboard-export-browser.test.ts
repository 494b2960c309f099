/**
 * The dashboard's 导出 CSV in headless Chromium exports the cases the page counts: opened
 * without a period, the page shows the last 30 days, and the export holds those, not every
 * case ever filed.
 */
import { describe, expect, it } from "vitest";
import { DAY } from "../support/clock.ts";
import { useConsoleAndBrowser } from "./console-world.ts";

const scene = useConsoleAndBrowser({ staff: [{ username: "li", role: "clerk" }] });

describe("the dashboard's export", { timeout: 60_000 }, () => {
  it("exports the cases of the period the page shows", async () => {
    scene.world.clock.advance(-40 * DAY);
    const old = await scene.world.file("citizen-1");
    scene.world.clock.advance(40 * DAY);
    const recent = await scene.world.file("citizen-2");
    const { page, errors } = await scene.signedInPage("li");
    await page.goto(`${scene.world.url}/console/dashboard`);
    const exportLink = page.getByRole("link", { name: "导出 CSV" });
    await exportLink.waitFor();
    expect(
      await page.locator(".kpi", { hasText: "案件总数" }).locator(".kpi-value").textContent(),
    ).toBe("1");

    const href = (await exportLink.getAttribute("href")) ?? "";
    const csv = await page.evaluate(
      async (url) => (await fetch(url, { credentials: "same-origin" })).text(),
      href,
    );

    expect(csv).toContain(recent);
    expect(csv).not.toContain(old);
    expect(errors).toEqual([]);
  });
});
