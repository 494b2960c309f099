/**
 * A case's action dialogs in headless Chromium, used by keyboard alone and read by a screen
 * reader: the dialog is named by its title, focus moves into it when it opens and Tab keeps it
 * there, Enter in a one-line field submits, and Escape closes it (gone from the page, not
 * merely hidden) with focus back on the button that opened it. A double-clicked submit, or a
 * double-clicked one-tap confirm, makes one action and shows the clerk no error. A reason
 * longer than the server takes is said with the field's name and its limit, the words kept in
 * the box to be shortened.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { startedAtUnit, useConsoleAndBrowser } from "./console-world.ts";

const FUGOU = "urban_management.fugou";

const scene = useConsoleAndBrowser({
  staff: [
    { username: "li", role: "clerk" },
    { username: "zhao", role: "handler", unitId: FUGOU },
  ],
});

/** A case started at the unit, its page open in zhao's browser. */
async function handlersCasePage(citizen: string) {
  const { no } = await startedAtUnit(scene, citizen, FUGOU);
  const { page, errors } = await scene.signedInPage("zhao");
  await page.goto(`${scene.world.url}/console/cases/${encodeURIComponent(no)}`);
  const extend = page.locator('.action-bar [data-action="extend"]');
  await extend.waitFor();
  return { no, page, errors, extend };
}

/** Whether the focused element is inside the open dialog. */
const focusInDialog = (page: Page) =>
  page
    .locator("dialog[open]")
    .evaluate((dialog) => dialog.contains(dialog.ownerDocument.activeElement));

/** How many timeline entries of `kind` the case has. */
async function entries(no: string, kind: string) {
  const found = await scene.world.app.db.case.findUniqueOrThrow({
    where: { trackingNo: no },
    include: { timeline: { where: { kind } } },
  });
  return found.timeline.length;
}

describe("a case's action dialogs by keyboard", { timeout: 60_000 }, () => {
  it("is named by its title, holds focus while open and gives it back on Escape", async () => {
    const { page, errors, extend } = await handlersCasePage("keyboard-escape");

    await extend.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "申请延期" });
    await dialog.waitFor();
    expect(await focusInDialog(page)).toBe(true);
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      expect(await focusInDialog(page)).toBe(true);
    }

    await page.keyboard.press("Escape");

    await expect.poll(() => page.locator("dialog").count()).toBe(0);
    expect(await extend.evaluate((button) => button === button.ownerDocument.activeElement)).toBe(
      true,
    );
    expect(errors).toEqual([]);
  });

  it("gives focus back to the opener on 取消 too", async () => {
    const { page, errors, extend } = await handlersCasePage("keyboard-cancel");

    await extend.click();
    await page.getByRole("dialog").getByRole("button", { name: "取消" }).click();

    await expect.poll(() => page.locator("dialog").count()).toBe(0);
    expect(await extend.evaluate((button) => button === button.ownerDocument.activeElement)).toBe(
      true,
    );
    expect(errors).toEqual([]);
  });

  it("submits on Enter in a one-line field, and one double-clicked submit extends once", async () => {
    const { no, page, errors, extend } = await handlersCasePage("keyboard-enter");

    await extend.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await dialog.locator('textarea[name="reason"]').fill("需协调多个部门现场核查");
    await dialog.locator('input[name="days"]').fill("5");
    await dialog.locator('input[name="days"]').press("Enter");
    await page.locator(".toast-ok").first().waitFor();
    expect(await entries(no, "extended")).toBe(1);

    await page.locator('.action-bar [data-action="report_progress"]').click();
    await dialog.locator('textarea[name="note"]').fill("已派员到现场");
    await dialog.getByRole("button", { name: "提交" }).dblclick();
    await expect.poll(() => page.locator("dialog").count()).toBe(0);
    await page.waitForTimeout(300);

    expect(await entries(no, "progress")).toBe(1);
    expect(await page.locator(".toast-error").count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("says a reason over the limit with the field's name and limit, and keeps the words", async () => {
    const { no, page, errors, extend } = await handlersCasePage("keyboard-long-reason");
    const reason = "因涉及多个部门，需要现场联合核查。".repeat(70);

    await extend.click();
    const dialog = page.getByRole("dialog");
    await dialog.locator('textarea[name="reason"]').fill(reason);
    await dialog.getByRole("button", { name: "提交" }).click();

    const said = dialog.getByRole("alert");
    await said.waitFor();
    expect(await said.textContent()).toBe("“理由”最多 1,000 字，现有 1,190 字，请精简后再提交。");
    expect(await dialog.locator('textarea[name="reason"]').inputValue()).toBe(reason);
    expect(await entries(no, "extended")).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe("a double-clicked one-tap confirm in the queue", { timeout: 60_000 }, () => {
  it("routes the case once and shows no error", async () => {
    const no = await scene.world.file("double-confirm");
    const { page, errors } = await scene.signedInPage("li");
    const card = page.locator(".qcard", { hasText: no });

    await card.getByRole("button", { name: "确认" }).dblclick();

    await page.locator(".toast-ok", { hasText: no }).waitFor();
    await page.waitForTimeout(300);
    expect(await page.locator(".toast-error").count()).toBe(0);
    expect(await entries(no, "assigned")).toBe(1);
    expect(errors).toEqual([]);
  });
});
