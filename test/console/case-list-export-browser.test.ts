/**
 * The case list's 导出 CSV in headless Chromium exports the cases its filters keep, whatever page
 * of them is shown; beside a search, the cases the search found with those filters.
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

    expect(errors).toEqual([]);
  });

  it("exports the cases a search found, with the list's filters", async () => {
    const waiting = await scene.world.file("citizen-3");
    const { page, errors } = await scene.signedInPage("li");
    await page.goto(`${scene.world.url}/console/cases?status=submitted&q=${waiting}`);
    await page.locator(".case-list tbody tr").first().waitFor();

    const href = (await page.getByRole("link", { name: "导出 CSV" }).getAttribute("href")) ?? "";
    expect(href).toBe(`/api/export.csv?status=submitted&q=${waiting}`);
    const csv = await page.evaluate(
      async (url) => (await fetch(url, { credentials: "same-origin" })).text(),
      href,
    );
    expect(
      csv
        .trimEnd()
        .split("\r\n")
        .slice(1)
        .map((row) => row.split(",")[0]),
    ).toEqual([waiting]);
    expect(errors).toEqual([]);
  });
});
