/**
 * End to end in headless Chromium: the web chat's receipt offers the number and the
 * query code to copy and leads to the status page; on another device, a citizen opens
 * the status page from a notice's link, reads the office's answer and rates it there.
 * In between, the citizen adds words and a photo to the running case at phone size (a file
 * that is no picture is refused, the words kept), and urges it on with 催办 (counted once a
 * day). Screenshots are written to
 * WEB_SCREENSHOTS_DIR, or a temp folder, for a person to look at.
 */
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { CHROMIUM, launchChromium } from "../../support/browser.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../../src/channels/web/session.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { PNG_BYTES, WebCitizen, fileComplaint } from "./web-citizen.ts";

const SHOTS = process.env.WEB_SCREENSHOTS_DIR ?? path.join(os.tmpdir(), "web-chat-screenshots");
const PHONE = { width: 390, height: 844 };
const CLERK = { kind: "clerk", id: "clerk-li" } as const;

describe.skipIf(!existsSync(CHROMIUM))("the status page in a browser", { timeout: 60_000 }, () => {
  let service: TestApp;
  let browser: Browser;
  let citizen: WebCitizen;
  let filed: { trackingNo: string; code: string };

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    [service, browser] = await Promise.all([startTestApp(), launchChromium()]);
    citizen = new WebCitizen(service.url);
    filed = await fileComplaint(citizen);
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function newPage(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser.newContext({
      viewport: PHONE,
      locale: "zh-CN",
      timezoneId: "Asia/Shanghai",
      ...options,
    });
    const page = await context.newPage();
    page.on("pageerror", (error) => {
      throw error;
    });
    return page;
  }

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

  it("shows the receipt with copy buttons and the status page's link", async () => {
    const page = await newPage({ permissions: ["clipboard-read", "clipboard-write"] });
    // The citizen's own browser: the session that filed the complaint.
    await page
      .context()
      .addCookies([
        { name: SESSION_COOKIE, value: citizen.cookie(SESSION_COOKIE)!, url: service.url },
      ]);
    await page.goto(service.url);
    const receipt = page.locator(".msg-service").filter({ has: page.locator(".receipt-fields") });
    await receipt.waitFor();
    await expect(receipt.textContent()).resolves.not.toContain("/status");
    await receipt.scrollIntoViewIfNeeded();
    await shot(page, "status-1-chat-receipt");

    const copyCode = receipt.getByRole("button", { name: "复制 查询码" });
    await copyCode.click();
    await expect.poll(() => copyCode.textContent()).toBe("已复制");
    await expect(page.evaluate("navigator.clipboard.readText()")).resolves.toBe(filed.code);
    await receipt.getByRole("button", { name: "复制 编号" }).click();
    await expect.poll(() => page.evaluate("navigator.clipboard.readText()")).toBe(filed.trackingNo);

    await receipt.getByRole("link", { name: "查看办理进度" }).click();
    await expect(page.getByLabel("编号").inputValue()).resolves.toBe(filed.trackingNo);
    await page.getByLabel("查询码").fill(filed.code);
    await page.getByRole("button", { name: "查询" }).click();
    await expect(page.locator(".status-badge").textContent()).resolves.toContain(
      "已收到，等待受理",
    );
  });

  it("takes words and a photo added on a phone, and keeps the words when a photo is refused", async () => {
    const page = await newPage();
    await page.goto(`${service.url}/status?no=${filed.trackingNo}`);
    await page.getByLabel("查询码").fill(filed.code);
    await page.getByRole("button", { name: "查询" }).click();

    const form = page.locator("form.supplement-form");
    await form.getByLabel("要补充的内容").fill("路灯杆底座也锈穿了，拍了照片");
    const picker = form.getByLabel("照片（可以不选，最多 5 张）");
    await picker.setInputFiles({
      name: "notes.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("x"),
    });
    await form.getByRole("button", { name: "补充" }).click();
    await expect(page.getByRole("status").textContent()).resolves.toContain(
      "只能上传 JPG、PNG、WebP 或 HEIC 格式的照片。",
    );
    await expect(
      page.locator("form.supplement-form").getByLabel("要补充的内容").inputValue(),
    ).resolves.toBe("路灯杆底座也锈穿了，拍了照片");

    await page
      .locator("form.supplement-form")
      .getByLabel("照片（可以不选，最多 5 张）")
      .setInputFiles({ name: "base.png", mimeType: "image/png", buffer: PNG_BYTES });
    await page.locator("form.supplement-form").getByRole("button", { name: "补充" }).click();
    await expect(page.getByRole("status").textContent()).resolves.toContain("已补充到这件事");
    await expect(page.locator(".timeline").textContent()).resolves.toContain(
      "您补充了：路灯杆底座也锈穿了，拍了照片",
    );
    await shot(page, "status-2-supplemented-with-photo");
    const entry = await service.app.db.timelineEntry.findFirstOrThrow({
      where: { case: { trackingNo: filed.trackingNo }, kind: "supplemented" },
    });
    expect(entry.data).toEqual({
      text: "路灯杆底座也锈穿了，拍了照片",
      photoIds: [expect.stringMatching(/^[0-9a-f]{32}$/)],
    });
  });

  it("urges the running case on with one tap (催办), once a day counted, and says so", async () => {
    const page = await newPage();
    await page.goto(`${service.url}/status?no=${filed.trackingNo}`);
    await page.getByLabel("查询码").fill(filed.code);
    await page.getByRole("button", { name: "查询" }).click();

    await page.locator("form.urge-form").getByRole("button", { name: "催办" }).click();
    await expect(page.getByRole("status").textContent()).resolves.toContain(
      `已为您催办，承办单位会尽快处理。（编号 ${filed.trackingNo}，第 1 次催办）`,
    );
    await expect(page.locator(".timeline").textContent()).resolves.toContain("您催办了这件事");
    await shot(page, "status-2b-urged");
    await page.locator("form.urge-form").getByRole("button", { name: "催办" }).click();
    await expect(page.getByRole("status").textContent()).resolves.toContain("今天已经为您催办过了");
    const stored = await service.app.db.case.findUniqueOrThrow({
      where: { trackingNo: filed.trackingNo },
      select: { urgeCount: true },
    });
    expect(stored.urgeCount).toBe(1);
  });

  it("lets a citizen on another device read the answer and rate it", async () => {
    const unitId = service.app.directory.units[0]!.id;
    const handler = { kind: "handler", id: "handler-zhao", unitId } as const;
    await service.app.caseActions.act(filed.trackingNo, { type: "route", unitId }, CLERK);
    await service.app.caseActions.act(filed.trackingNo, { type: "start" }, handler);
    await service.app.caseActions.act(
      filed.trackingNo,
      {
        type: "answer",
        outcome: "support",
        text: "经现场核查，路灯线路老化，已于今日更换并恢复照明。如有问题请拨打13912345678。",
      },
      handler,
    );

    // A notice's link: the number is filled in, the code is the citizen's to type — here in
    // two groups, as it is easier to read out ("724 504"): the field takes the space too.
    const page = await newPage();
    await page.goto(`${service.url}/status?no=${filed.trackingNo}`);
    await expect(page.getByLabel("编号").inputValue()).resolves.toBe(filed.trackingNo);
    await page
      .getByLabel("查询码")
      .pressSequentially(` ${filed.code.slice(0, 3)} ${filed.code.slice(3)} `);
    await page.getByRole("button", { name: "查询" }).click();

    const answer = page.getByRole("region", { name: "办理单位的答复" });
    await expect(answer.textContent()).resolves.toContain("已于今日更换并恢复照明");
    await expect(
      answer.getByRole("link", { name: "13912345678" }).getAttribute("href"),
    ).resolves.toBe("tel:13912345678");
    await shot(page, "status-3-answer");

    const form = page.locator("form.rating-form");
    await form.getByRole("radio", { name: "已解决" }).check();
    await form.getByRole("radio", { name: "基本满意" }).check();
    await form.getByLabel("您的意见（可以不填）").fill("修得很快，就是等了一个月。");
    await form.getByRole("button", { name: "提交评价" }).click();

    await expect(page.getByRole("status").textContent()).resolves.toContain("谢谢您的评价");
    await expect(page.locator(".facts").first().textContent()).resolves.toContain(
      "已解决，基本满意",
    );
    await expect(page.locator("form.rating-form").count()).resolves.toBe(0);
    await shot(page, "status-4-rated");
    expect(await service.app.db.rating.findFirstOrThrow()).toMatchObject({
      solved: true,
      satisfaction: "basically_satisfied",
      reason: "修得很快，就是等了一个月。",
    });
  });
});
