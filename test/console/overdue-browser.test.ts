/**
 * 已超期 in headless Chromium: a case whose running deadline has passed by the server's clock
 * is marked in words (not in red alone) beside its deadline, in the case list's 期限 and on its
 * page beside the deadline that runs; a case still within its deadline is not, whatever the
 * browser's own clock says; the list's 已超期 filter keeps those alone, and the dashboard's
 * 当前超期案件 leads there. A unit's handler is not shown the clerks' routing time (分办时效).
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { localDateOf } from "../../src/domain/calendar.ts";
import { DAY } from "../support/clock.ts";
import { useConsoleAndBrowser } from "./console-world.ts";

const FUGOU = "urban_management.fugou";
const scene = useConsoleAndBrowser({
  staff: [
    { username: "li", role: "clerk" },
    { username: "zhao", role: "handler", unitId: FUGOU },
  ],
});

/** The 期限 cell of the list's row of `trackingNo`. */
async function listedDue(page: Page, trackingNo: string) {
  await page.goto(`${scene.world.url}/console/cases`);
  const row = page.locator(".case-list tbody tr", { hasText: trackingNo });
  await row.waitFor();
  return row.locator("td").last();
}

/** The value beside `name` among the case page's facts. */
async function pageFact(page: Page, trackingNo: string, name: string) {
  await page.goto(`${scene.world.url}/console/cases/${encodeURIComponent(trackingNo)}`);
  await page.locator(".action-bar").waitFor();
  return page.locator("dt", { hasText: name }).locator("xpath=following-sibling::dd[1]");
}

describe("overdue cases in the console", { timeout: 60_000 }, () => {
  it("marks 已超期 beside a running deadline once the server's clock has passed it, and filters by it", async () => {
    const waiting = await scene.world.file("citizen-1");
    const routed = await scene.world.file("citizen-2");
    const li = await scene.signedIn("li");
    await li.send("POST", `/api/cases/${routed}/actions`, {
      action: { type: "route", unitId: FUGOU },
    });
    const overdue = (cell: ReturnType<Page["locator"]>) =>
      cell.locator(".badge", { hasText: "已超期" });

    // The browser's clock says next summer, past every deadline; the server's does not.
    const before = await scene.signedInPage("li");
    await before.page.clock.setSystemTime(new Date("2027-07-01T10:00:00+08:00"));
    expect(await before.page.evaluate(() => new Date().getFullYear())).toBe(2027);
    expect(await overdue(await listedDue(before.page, waiting)).count()).toBe(0);
    expect(await overdue(await pageFact(before.page, waiting, "受理期限")).count()).toBe(0);

    // Twenty days on: past the acceptance deadline (15 days), within the handling one (60).
    scene.world.clock.advance(20 * DAY);
    const { page, errors } = await scene.signedInPage("li", { errors: before.errors });
    const waitingDue = await listedDue(page, waiting);
    await overdue(waitingDue).waitFor();
    expect(await waitingDue.textContent()).toMatch(/^\d{4}-\d{2}-\d{2}已超期$/);
    expect(await overdue(await listedDue(page, routed)).count()).toBe(0);

    // 已超期 beside the list's filters keeps the overdue cases alone, and says so in the address.
    await page.getByLabel("已超期").selectOption({ label: "仅已超期（超期最久的在前）" });
    await page.getByRole("button", { name: "查询" }).click();
    await page.waitForURL(/[?&]overdue=true/);
    await expect.poll(() => page.locator(".case-list tbody tr").count()).toBe(1);
    expect(await page.locator(".case-list tbody tr").textContent()).toContain(waiting);

    const accept = await pageFact(page, waiting, "受理期限");
    expect(await overdue(accept).count()).toBe(1);
    const handling = await pageFact(page, routed, "办理期限");
    expect(await handling.textContent()).not.toContain("已超期");

    // The unit's handler reads the same of their case, without the clerks' routing time.
    const zhao = await scene.signedInPage("zhao", { errors });
    await pageFact(zhao.page, routed, "办理期限");
    expect(await zhao.page.locator(".side-dispatch").count()).toBe(0);
    expect(await zhao.page.locator("main, #app").first().textContent()).not.toContain("分办");
    expect(errors).toEqual([]);
  });

  it("leads from the dashboard's 当前超期案件 to the list's 已超期, with the page's filters but not its period", async () => {
    const late = await scene.world.file("citizen-3");
    const elsewhere = await scene.world.file("citizen-4", { region: "chuanhui" });
    scene.world.clock.advance(20 * DAY);
    const today = localDateOf(scene.world.clock.now());
    const { page, errors } = await scene.signedInPage("li");
    await page.goto(`${scene.world.url}/console/dashboard?from=${today}&to=${today}&region=fugou`);
    const figure = page.locator(".kpi", { hasText: "超期案件" }).locator(".kpi-value a");
    await figure.waitFor();
    // Filed twenty days before the period the page shows: counted, as overdue now.
    const count = Number(await figure.textContent());
    expect(count).toBeGreaterThanOrEqual(1);
    const heading = page.getByRole("link", { name: `当前超期案件 (${count})` });
    expect(await heading.getAttribute("href")).toBe(await figure.getAttribute("href"));

    await figure.click();
    await page.waitForURL(/\/console\/cases\?/);

    const address = new URL(page.url()).searchParams;
    expect(Object.fromEntries(address)).toEqual({ region: "fugou", overdue: "true" });
    await expect.poll(() => page.locator(".case-list tbody tr").count()).toBe(count);
    const listed = await page.locator(".case-list tbody").textContent();
    expect(listed).toContain(late);
    expect(listed).not.toContain(elsewhere);
    expect(await page.getByLabel("已超期").inputValue()).toBe("true");
    expect(errors).toEqual([]);
  });

  it("keeps 已超期 with a handling unit chosen beside it, in the address, a shared link and the back button", async () => {
    const late = await scene.world.file("citizen-5");
    const li = await scene.signedIn("li");
    await li.send("POST", `/api/cases/${late}/actions`, {
      action: { type: "route", unitId: FUGOU },
    });
    const elsewhere = await scene.world.file("citizen-6");
    // Past the handling deadline (60 days) of the routed case; the other is past its acceptance.
    scene.world.clock.advance(61 * DAY);
    const { page, errors } = await scene.signedInPage("li");
    await page.goto(`${scene.world.url}/console/cases?overdue=true`);
    const rows = page.locator(".case-list tbody tr");
    await rows.filter({ hasText: elsewhere }).waitFor();

    await page.getByLabel("承办单位").selectOption({ label: "扶沟县城市管理局" });
    await page.getByRole("button", { name: "查询" }).click();
    await page.waitForURL(/[?&]unit=/);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({
      unit: FUGOU,
      overdue: "true",
    });
    await expect.poll(() => rows.filter({ hasText: elsewhere }).count()).toBe(0);
    expect(await rows.filter({ hasText: late }).count()).toBe(1);

    // The address shared with a colleague opens the same list, its choices shown.
    const colleague = await scene.signedInPage("li", { errors });
    await colleague.page.goto(page.url());
    await colleague.page.locator(".case-list tbody tr", { hasText: late }).waitFor();
    expect(await colleague.page.getByLabel("承办单位").inputValue()).toBe(FUGOU);
    expect(await colleague.page.getByLabel("已超期").inputValue()).toBe("true");

    await page.goBack();
    await rows.filter({ hasText: elsewhere }).waitFor();
    expect(await page.getByLabel("承办单位").inputValue()).toBe("");
    expect(await page.getByLabel("已超期").inputValue()).toBe("true");

    // A handler's list is their unit's alone: no unit to choose.
    const zhao = await scene.signedInPage("zhao", { errors });
    await zhao.page.goto(`${scene.world.url}/console/cases?overdue=true`);
    await zhao.page.locator(".case-list tbody tr", { hasText: late }).waitFor();
    expect(await zhao.page.getByLabel("承办单位").count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
