/**
 * A clerk marks a case urgent from its page in the console, and lifts the mark from a false
 * alarm, in headless Chromium: the dialog asks for the reason (required: an empty or blank one
 * is held by the dialog with 请填写此项, nothing recorded), the page then shows the case as urgent (紧急) and the entry with the reason
 * in its history, and the button turns into 取消紧急.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useConsoleAndBrowser } from "./console-world.ts";

const scene = useConsoleAndBrowser({
  staff: [{ username: "li", role: "clerk", displayName: "李文" }],
});

const MISSED = "电话核实：井盖下面有一米多深，天黑根本看不见";
const FALSE_ALARM = "电话核实：井盖已经由物业盖好了";

/** The case's urgency as stored. */
const isEmergency = async (trackingNo: string) =>
  (await scene.world.app.db.case.findUniqueOrThrow({ where: { trackingNo } })).isEmergency;

/** The dialog of the case page's urgency button (`name`, 标为紧急 or 取消紧急), opened. */
async function openUrgencyDialog(page: Page, name: string) {
  await page.locator('.action-bar [data-action="set_urgency"]', { hasText: name }).click();
  const dialog = page.getByRole("dialog").filter({ has: page.getByRole("heading", { name }) });
  await dialog.waitFor();
  return {
    dialog,
    reason: dialog.getByLabel("理由（如：电话核实的情况）"),
    submit: dialog.getByRole("button", { name }),
  };
}

describe("a clerk's urgency mark on the case page", { timeout: 60_000 }, () => {
  it("asks the reason, marks the case urgent with it, and lifts the mark the same way", async () => {
    const no = await scene.world.file("citizen-1");
    const { page, errors } = await scene.signedInPage("li");
    await page.goto(`${scene.world.url}/console/cases/${encodeURIComponent(no)}`);
    const urgentBadge = page.locator(".case-head .badge-danger", { hasText: "紧急" });
    await page.locator(".action-bar").waitFor();
    expect(await urgentBadge.count()).toBe(0);

    // An empty reason is not sent: the dialog holds the form and says so.
    const mark = await openUrgencyDialog(page, "标为紧急");
    await mark.submit.click();
    expect(await mark.dialog.locator('textarea[name="reason"]:invalid').count()).toBe(1);
    const refusal = mark.dialog.locator(".form-error");
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe("请填写此项");
    await expect.poll(() => mark.dialog.isVisible()).toBe(true);
    // A blank one passes the browser's check and is held by the dialog the same way.
    await mark.reason.fill("   ");
    await mark.submit.click();
    expect(await refusal.textContent()).toBe("请填写此项");
    expect(await isEmergency(no)).toBe(false);

    await mark.reason.fill(MISSED);
    await mark.submit.click();
    await urgentBadge.waitFor();
    await expect.poll(() => mark.dialog.count()).toBe(0);
    expect(await isEmergency(no)).toBe(true);
    const marked = page.locator(".timeline li.tl-made_urgent");
    expect(await marked.locator(".tl-head strong").textContent()).toBe("标为紧急");
    expect(await marked.locator(".tl-actor").textContent()).toBe("登记员 · 李文");
    expect(await marked.locator(".tl-note").allTextContents()).toEqual([MISSED]);

    const lift = await openUrgencyDialog(page, "取消紧急");
    await lift.reason.fill(FALSE_ALARM);
    await lift.submit.click();
    await expect.poll(() => urgentBadge.count()).toBe(0);
    expect(await isEmergency(no)).toBe(false);
    const lifted = page.locator(".timeline li.tl-urgency_lifted");
    expect(await lifted.locator(".tl-head strong").textContent()).toBe("取消紧急");
    expect(await lifted.locator(".tl-note").allTextContents()).toEqual([FALSE_ALARM]);
    await page
      .locator('.action-bar [data-action="set_urgency"]', { hasText: "标为紧急" })
      .waitFor();
    expect(errors).toEqual([]);
  });
});
