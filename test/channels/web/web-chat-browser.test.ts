/**
 * End to end in headless Chromium: a citizen files a complaint in the web
 * chat by clicking and typing, sees the tracking number and query code, and
 * checks the status page. Screenshots (phone and desktop) are written to
 * WEB_SCREENSHOTS_DIR, or a temp folder, for a person to look at.
 */
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { CHROMIUM, launchChromium } from "../../support/browser.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { PNG_BYTES } from "./web-citizen.ts";
import { answerCase } from "../../support/answered-case.ts";

const SHOTS = process.env.WEB_SCREENSHOTS_DIR ?? path.join(os.tmpdir(), "web-chat-screenshots");
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
/** Zhoukou, 川汇区. */
const ZHOUKOU = { latitude: 33.6253, longitude: 114.6496 };

describe.skipIf(!existsSync(CHROMIUM))("the web chat in a browser", { timeout: 60_000 }, () => {
  let service: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    [service, browser] = await Promise.all([startTestApp(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function newPage(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({
      viewport,
      locale: "zh-CN",
      timezoneId: "Asia/Shanghai",
      geolocation: ZHOUKOU,
      permissions: ["geolocation"],
    });
    const page = await context.newPage();
    page.on("pageerror", (error) => {
      throw error;
    });
    return page;
  }

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });

  it("sends words typed while the chat still opens after its welcome, in order", async () => {
    const page = await newPage(PHONE);
    // The chat's session is held until the citizen has typed and pressed Enter.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/chat/session", async (route) => {
      await held;
      await route.continue();
    });
    const sent: string[] = [];
    page.on("request", (request) => {
      if (!request.url().endsWith("/chat/events")) return;
      const { event } = request.postDataJSON() as { event: { type: string; name?: string } };
      sent.push(event.name ? `${event.type} ${event.name}` : event.type);
    });
    await page.goto(service.url);
    await page.getByRole("textbox", { name: "输入您要说的话" }).fill("能打电话吗");
    await page.keyboard.press("Enter");
    release();
    const said = page.locator(".msg-citizen");
    await expect.poll(() => said.count()).toBe(1);
    await expect.poll(() => page.locator(".msg").last().textContent()).toContain("不能打电话");
    const order = await page
      .locator(".msg")
      .evaluateAll((all) =>
        all.map((m) => (m.classList.contains("msg-citizen") ? "citizen" : "service")),
      );
    expect(order).toEqual(["service", "citizen", "service"]);
    expect(sent).toEqual(["command start", "text"]);
  });

  it("makes the emergency number one tap away when a danger is told", async () => {
    const page = await newPage(PHONE);
    await page.goto(service.url);
    await page.getByRole("button", { name: "我要反映问题" }).click();
    await page.getByRole("textbox", { name: "输入您要说的话" }).fill("楼道里一股煤气味，很危险");
    await page.keyboard.press("Enter");

    const call = page.locator('.msg-service a[href="tel:119"]').first();
    await expect.poll(() => call.count()).toBe(1);
    expect(await call.textContent()).toBe("119");
    await shot(page, "phone-emergency");
  });

  it("sends what is typed while a tap is still on its way, right after it", async () => {
    const page = await newPage(PHONE);
    await page.goto(service.url);
    const fileButton = page.getByRole("button", { name: "我要反映问题" });
    await fileButton.waitFor();
    let letTapThrough!: () => void;
    const tapHeld = new Promise<void>((resolve) => (letTapThrough = resolve));
    await page.route(
      "**/chat/events",
      async (route) => {
        await tapHeld;
        await route.continue();
      },
      { times: 1 },
    );

    await fileButton.click();
    await page.getByRole("textbox", { name: "输入您要说的话" }).fill("小区门口的路灯坏了");
    await page.keyboard.press("Enter");
    letTapThrough();

    await expect
      .poll(() => page.locator(".msg-citizen").last().textContent())
      .toContain("小区门口的路灯坏了");
    await expect
      .poll(() => page.locator(".choices:not([hidden])").textContent())
      .toContain("对，就是这个");
    await expect(page.getByRole("textbox", { name: "输入您要说的话" }).inputValue()).resolves.toBe(
      "",
    );
  });

  it("files a complaint on a phone and finds it on the status page", async () => {
    const page = await newPage(PHONE);
    await page.goto(service.url);
    const press = (name: string | RegExp) =>
      page.locator(".choices:not([hidden])").getByRole("button", { name }).first().click();
    const lastService = page.locator(".msg-service").last();

    await page.getByRole("button", { name: "我要反映问题" }).click();
    await shot(page, "phone-1-welcome");
    await page
      .getByRole("textbox", { name: "输入您要说的话" })
      .fill("我们小区门口的路灯坏了很久了，晚上很黑，老人走路不方便");
    await page.keyboard.press("Enter");
    await press("对，就是这个");

    await page.getByRole("button", { name: /位置/ }).click();
    await expect
      .poll(() => page.locator(".msg-citizen").last().textContent())
      .toContain("我的位置");
    // The browser's point lies in 川汇区: the coordinates decide the district, nothing is asked.
    await expect
      .poll(() => page.locator(".messages").textContent())
      .toContain("收到位置，在川汇区七一路街道。");
    await page.getByRole("textbox", { name: "输入您要说的话" }).fill("前天下午");
    await page.getByRole("button", { name: "发送", exact: true }).click();

    await page.locator("#photo-input").setInputFiles({
      name: "lamp.png",
      mimeType: "image/png",
      buffer: PNG_BYTES,
    });
    await expect.poll(() => page.locator(".msg-citizen img").count()).toBe(1);
    await press("照片发完了");

    await page.getByLabel("手机号码").fill("13812345678");
    await page.getByLabel("姓名（可以不填）").fill("王芳");
    await page.getByRole("button", { name: "提交联系方式" }).click();
    await expect.poll(() => lastService.textContent()).toContain("没问题就点“提交”");
    await shot(page, "phone-2-summary");

    await press(/提交/);
    await expect.poll(() => lastService.textContent()).toContain("您的查询码是");
    await shot(page, "phone-3-receipt");
    const receipt = (await page.locator(".messages").textContent()) ?? "";
    const trackingNo = /您的编号是：(ZK-\d{8}-\d{4})/.exec(receipt)?.[1];
    const code = /您的查询码是：(\d{6})/.exec(receipt)?.[1];
    expect(trackingNo).toBeDefined();
    expect(code).toBeDefined();
    expect(
      await service.app.db.case.findUniqueOrThrow({ where: { trackingNo: trackingNo! } }),
    ).toMatchObject({ ...ZHOUKOU, regionCode: "chuanhui", regionSource: "coordinates" });

    await page.getByRole("link", { name: "查询进度" }).first().click();
    await page.getByLabel("编号").fill(trackingNo!);
    await page.getByLabel("查询码").fill(code!);
    await page.getByRole("button", { name: "查询" }).click();
    await expect(page.locator(".status-badge").textContent()).resolves.toContain(
      "已收到，等待受理",
    );
    await shot(page, "phone-4-status");

    await page.getByLabel("查询码").fill("000000");
    await page.getByLabel("编号").fill(trackingNo!);
    await page.getByRole("button", { name: "查询" }).click();
    await expect(page.getByRole("alert").textContent()).resolves.toContain("没有找到这件事");

    // Back in the chat, a reload shows the whole conversation again, and progress arrives there.
    await page.getByRole("link", { name: "在线反映", exact: true }).click();
    await expect.poll(() => page.locator(".messages").textContent()).toContain(trackingNo!);
    await answerCase(
      service.app,
      trackingNo!,
      "按照管理办法第110条，路灯已修复，更换灯具120元由我局承担。如仍不亮，请拨打 0394-8123456。",
    );
    await expect
      .poll(() => page.locator(".msg-notice").count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    // The unit's hotline in its answer is one tap away; in the assistant's words only the
    // emergency numbers are (not the example number, the tracking number or the query code).
    const hotline = page.locator('.messages a[href="tel:0394-8123456"]');
    await expect.poll(() => hotline.count(), { timeout: 15_000 }).toBe(1);
    // A short number that counts (第110条, 120元) is no call link, as on the status page.
    const noticeLinks = page.locator(".msg-notice a.tel");
    await expect(noticeLinks.allTextContents()).resolves.toEqual(["0394-8123456"]);
    await shot(page, "phone-5-progress-notice");
    const assistantLinks = page.locator(".msg-service a.tel");
    await expect(assistantLinks.allTextContents()).resolves.toEqual(["110", "119", "120"]);
  });

  it("looks right on a desktop, in Chinese and in English", async () => {
    const page = await newPage(DESKTOP);
    await page.goto(service.url);
    await page.getByRole("button", { name: "我要反映问题" }).waitFor();
    await shot(page, "desktop-1-welcome");

    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("File a complaint online");
    await page
      .locator(".choices:not([hidden])")
      .getByRole("button", { name: "Report a problem" })
      .waitFor();
    await shot(page, "desktop-2-english");

    await page.goto(`${service.url}/status`);
    await page.getByLabel("编号").fill("ZK-20261128-0001");
    await page.getByLabel("查询码").fill("123456");
    await page.getByRole("button", { name: "查询" }).click();
    await page.getByRole("alert").waitFor();
    await shot(page, "desktop-3-status-not-found");
  });
});
