/**
 * A unit's handler on the page of a case their unit holds, in headless Chromium: within the 5
 * working days to return it, 退回 is offered beside the day it may be returned until; once
 * they are over, 退回 is gone and the day says why and who can still move the case (the
 * clerks, by reassigning it), instead of a button silently missing.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DAY } from "../support/clock.ts";
import { useConsoleAndBrowser } from "./console-world.ts";

const FUGOU = "urban_management.fugou";
const scene = useConsoleAndBrowser({
  staff: [
    { username: "li", role: "clerk" },
    { username: "zhao", role: "handler", unitId: FUGOU },
  ],
});

/** The case page's action bar and its 可退回至 fact, once drawn. */
async function openCase(page: Page, trackingNo: string) {
  await page.goto(`${scene.world.url}/console/cases/${encodeURIComponent(trackingNo)}`);
  await page.locator(".action-bar").waitFor();
  const returnDue = page
    .locator("dt", { hasText: "可退回至" })
    .locator("xpath=following-sibling::dd[1]");
  return {
    returnButton: page.locator('.action-bar [data-action="return"]'),
    returnDue: (await returnDue.textContent()) ?? "",
  };
}

describe("a handler's return window on the case page", { timeout: 60_000 }, () => {
  it("offers 退回 within the window and says who can move the case once it is over", async () => {
    const no = await scene.world.file("citizen-1");
    const li = scene.world.client();
    await li.signIn("li");
    await li.send("POST", `/api/cases/${no}/actions`, { action: { type: "route", unitId: FUGOU } });
    const { page, errors } = await scene.signedInPage("zhao");

    const open = await openCase(page, no);
    expect(await open.returnButton.count()).toBe(1);
    expect(open.returnDue).not.toContain("已过");

    // Ten days on (the session long over): signed in again.
    scene.world.clock.advance(10 * DAY);
    const later = await scene.signedInPage("zhao", { errors });
    const closed = await openCase(later.page, no);
    expect(await closed.returnButton.count()).toBe(0);
    expect(closed.returnDue).toContain("已过，如不属本单位职责请联系信访部门改派");
    expect(errors).toEqual([]);
  });
});
