/**
 * 我的诉求 in headless Chromium, on a phone-sized screen: a citizen who filed on Telegram opens
 * /my on another device, asks for a code, types the one the SMS brought (from the fake
 * Tencent), sees their case and opens it without its query code.
 */
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";
import { CHROMIUM, launchChromium } from "../../support/browser.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MovableClock } from "../../support/clock.ts";
import type { FakeTencentSms } from "../../support/fake-tencent-sms.ts";
import { fileDirectly } from "../../support/telegram-staff.ts";
import type { TestApp } from "../../support/test-app.ts";
import { waitUntil } from "../../support/wait.ts";
import { TEMPLATE_IDS } from "../sms/templates.ts";
import { startTestAppWithSms } from "../sms/tencent-service.ts";

describe.skipIf(!existsSync(CHROMIUM))("我的诉求 in a browser", { timeout: 90_000 }, () => {
  let service: TestApp;
  let tencent: FakeTencentSms;
  let browser: Browser;
  let clock: MovableClock;

  beforeAll(async () => {
    clock = new MovableClock();
    let started: { service: TestApp; tencent: FakeTencentSms };
    [started, browser] = await Promise.all([startTestAppWithSms(clock), launchChromium()]);
    ({ service, tencent } = started);
  });
  afterAll(async () => {
    await browser?.close();
    await tencent?.close();
  });

  it("signs in with the SMS code and opens a case filed on Telegram", async () => {
    const no = await fileDirectly(service, 4242);

    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: "zh-CN",
      timezoneId: "Asia/Shanghai",
    });
    const page = await context.newPage();
    page.on("pageerror", (error) => {
      throw error;
    });
    await page.goto(`${service.url}/status`);
    await page.getByRole("link", { name: "我的诉求" }).click();
    // A page of text keeps a margin on a phone; only the chat runs edge to edge.
    const heading = await page.getByRole("heading", { name: "我的诉求", level: 1 }).boundingBox();
    expect(heading!.x).toBeGreaterThanOrEqual(12);
    await page.getByLabel("手机号码").fill("138 1234 5678");
    await page.getByRole("button", { name: "获取验证码" }).click();
    await expect(page.getByRole("status").textContent()).resolves.toContain("138****5678");

    await waitUntil(() => tencent.sent.some((s) => s.templateId === TEMPLATE_IDS.login_code));
    const code = tencent.sent.find((s) => s.templateId === TEMPLATE_IDS.login_code)!.params[0]!;
    // Typed in two groups, as it is read out of the SMS: the space is no wrong try.
    await page.getByLabel("短信验证码").pressSequentially(`${code.slice(0, 3)} ${code.slice(3)}`);
    await page.getByRole("button", { name: "查看我的诉求" }).click();

    await page.getByRole("link", { name: no }).click();
    await expect(page.locator(".status-badge").textContent()).resolves.toContain(
      "已收到，等待受理",
    );
    expect(page.url()).toBe(`${service.url}/my/cases/${no}`);
  });
});
