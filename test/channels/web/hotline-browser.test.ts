/**
 * The operator's hotline (SERVICE_PHONE) in headless Chromium: the chat page shows it one tap
 * away in its footer, and when the citizen asks "能打电话吗" the number in the answer is a call
 * too (in the assistant's words, otherwise only 110 / 119 / 120 are); the status page's footer
 * has it as well.
 */
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, launchChromium } from "../../support/browser.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";

const HOTLINE = "0394-12345";

describe.skipIf(!existsSync(CHROMIUM))("the hotline in a browser", { timeout: 60_000 }, () => {
  let service: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [service, browser] = await Promise.all([
      startTestApp({ env: { SERVICE_PHONE: HOTLINE } }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("is one tap away in the chat's answer and footer, and in the status page's footer", async () => {
    const context = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    const page = await context.newPage();
    page.on("pageerror", (error) => {
      throw error;
    });
    await page.goto(service.url);
    const footerCall = page.locator(`footer a[href="tel:${HOTLINE}"]`);
    await expect.poll(() => footerCall.isVisible()).toBe(true);
    expect(await page.locator("footer").textContent()).toContain(`热线电话：${HOTLINE}`);

    await page.getByRole("textbox", { name: "输入您要说的话" }).fill("能打电话吗");
    await page.keyboard.press("Enter");
    const answerCall = page.locator(`.msg-service a.tel[href="tel:${HOTLINE}"]`);
    await expect.poll(() => answerCall.count()).toBe(1);
    expect(await answerCall.textContent()).toBe(HOTLINE);
    await expect(
      page.locator(".msg-service").last().locator("a.tel").allTextContents(),
    ).resolves.toEqual([HOTLINE, "110", "119", "120"]);

    await page.getByRole("link", { name: "查询进度" }).first().click();
    await expect.poll(() => page.locator(`footer a[href="tel:${HOTLINE}"]`).count()).toBe(1);
    await context.close();
  });
});
