/**
 * The whole product in headless Chromium: a citizen files a complaint in the
 * web chat on a phone, a clerk confirms the routing in the console, a handler
 * answers, the citizen reads the answer in the chat and rates it, the status
 * page shows the rating and the dashboard counts the case. Screenshots go to
 * E2E_SCREENSHOTS (or a temporary folder) for a person to look at.
 */
import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { CHROMIUM, launchChromium } from "../support/browser.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaseCards } from "../../src/cases/case-cards.ts";
import { testLogger } from "../support/error-logs.ts";
import { createCaseReads } from "../../src/storage/case-reads.ts";
import { PNG_BYTES } from "../channels/web/web-citizen.ts";
import { PASSWORD, startConsoleWorld, type ConsoleWorld } from "../console/console-world.ts";
import { chartBars } from "../support/browser-charts.ts";
import { signIn as signInAs, startAndAnswer } from "../support/console-pages.ts";

describe.skipIf(!existsSync(CHROMIUM))(
  "a complaint from filing to rating",
  { timeout: 60_000 },
  () => {
    let world: ConsoleWorld;
    let browser: Browser;
    let shots: string;
    const errors: string[] = [];

    beforeAll(async () => {
      shots = process.env.E2E_SCREENSHOTS ?? (await mkdtemp(path.join(os.tmpdir(), "e2e-shots-")));
      [world, browser] = await Promise.all([startConsoleWorld(), launchChromium()]);
      await world.addStaff("li", "clerk");
    });
    afterAll(async () => {
      await browser?.close();
    });

    async function newPage(viewport: { width: number; height: number }, mobile = false) {
      const context = await browser.newContext({
        viewport,
        isMobile: mobile,
        locale: "zh-CN",
        timezoneId: "Asia/Shanghai",
      });
      const page = await context.newPage();
      page.on("pageerror", (error) => errors.push(error.message));
      return page;
    }

    const signIn = (page: Page, username: string) => signInAs(page, world.url, username, PASSWORD);

    const shot = (page: Page, name: string, fullPage = false) =>
      page.screenshot({ path: path.join(shots, `${name}.png`), fullPage });

    it("files, routes, answers, rates and counts one complaint", async () => {
      // ---- the citizen files in the web chat, on a phone
      const chat = await newPage({ width: 390, height: 844 }, true);
      await chat.goto(world.url);
      const press = (name: string | RegExp) =>
        chat.locator(".choices:not([hidden])").getByRole("button", { name }).first().click();
      const say = async (text: string) => {
        await chat.getByRole("textbox", { name: "输入您要说的话" }).fill(text);
        await chat.keyboard.press("Enter");
      };
      const lastService = chat.locator(".msg-service").last();
      await press("我要反映问题");
      await say("我们小区门口的路灯坏了很久了，晚上很黑，老人走路不方便");
      await press("对，就是这个");
      await say("川汇区七一路和八一路交叉口东边");
      await expect.poll(() => lastService.textContent()).toMatch(/什么时候/);
      await say("前天下午");
      await chat.locator("#photo-input").setInputFiles({
        name: "lamp.png",
        mimeType: "image/png",
        buffer: PNG_BYTES,
      });
      await expect.poll(() => chat.locator(".msg-citizen img").count()).toBe(1);
      await press("照片发完了");
      await chat.getByLabel("手机号码").fill("13812345678");
      await chat.getByLabel("姓名（可以不填）").fill("王芳");
      await chat.getByRole("button", { name: "提交联系方式" }).click();
      await expect.poll(() => lastService.textContent()).toContain("没问题就点“提交”");
      await press(/提交/);
      await expect.poll(() => lastService.textContent()).toContain("您的查询码是");
      const receipt = (await chat.locator(".messages").textContent()) ?? "";
      const no = /您的编号是：(ZK-\d{8}-\d{4})/.exec(receipt)![1]!;
      const code = /您的查询码是：(\d{6})/.exec(receipt)![1]!;

      // ---- a clerk confirms the suggested routing; the unit's handler answers
      const reads = createCaseReads(world.app.db, testLogger(undefined));
      const suggestion = (
        await createCaseCards({
          store: reads.cards,
          suggestions: reads.suggestions,
          duplicates: world.app.queries.duplicates,
          directory: world.app.directory,
          locatedIn: world.app.locatedIn,
        }).clerkCard(no)
      )?.suggestion;
      expect(suggestion).toBeTruthy();
      await world.addStaff("zhao", "handler", suggestion!.unitId);
      const clerk = await newPage({ width: 1366, height: 900 });
      await signIn(clerk, "li");
      const card = clerk.locator(".qcard", { hasText: no });
      await card.getByRole("button", { name: "确认交办" }).click();
      await expect.poll(() => card.count()).toBe(0);

      // The status page tells the citizen what happens next, and by when.
      await chat.goto(`${world.url}/status`);
      await chat.getByLabel("编号").fill(no);
      await chat.getByLabel("查询码").fill(code);
      await chat.getByRole("button", { name: "查询" }).click();
      await expect(chat.locator(".next-step").textContent()).resolves.toMatch(
        /办理单位会在 \d{4}年\d{1,2}月\d{1,2}日 前答复您/,
      );
      await shot(chat, "0-status-next-step", true);

      const handler = await newPage({ width: 1366, height: 900 });
      await signIn(handler, "zhao");
      await startAndAnswer(
        handler,
        no,
        "经核查，七一路与八一路交叉口的路灯已于今日更换灯头，恢复照明。感谢您的反映。",
      );

      // ---- the answer arrives in the chat with the rating question; the citizen rates
      await chat.goto(world.url);
      await expect
        .poll(() => chat.locator(".msg-notice").last().textContent(), { timeout: 15_000 })
        .toContain("解决了吗");
      await expect.poll(() => chat.locator(".messages").textContent()).toContain("恢复照明");
      await shot(chat, "1-chat-answer");
      await press("已解决");
      await press("基本满意");
      await expect.poll(() => lastService.textContent()).toContain("谢谢您的评价");
      await expect(chat.locator(".msg-notice .choices:not([hidden])").count()).resolves.toBe(0);
      await shot(chat, "2-chat-rated");
      const rating = await world.app.db.rating.findFirstOrThrow();
      expect(rating).toMatchObject({ solved: true, satisfaction: "basically_satisfied" });

      await chat.getByRole("link", { name: "查询进度" }).first().click();
      await chat.getByLabel("编号").fill(no);
      await chat.getByLabel("查询码").fill(code);
      await chat.getByRole("button", { name: "查询" }).click();
      await expect(chat.locator(".facts").textContent()).resolves.toContain("已解决，基本满意");
      await expect(chat.locator(".next-step").count()).resolves.toBe(0);
      await shot(chat, "3-status-rated", true);

      // ---- the dashboard counts the case and the satisfaction rate
      await clerk.goto(`${world.url}/console/dashboard`);
      await clerk.locator("#chart-category").waitFor();
      await expect.poll(() => chartBars(clerk, "chart-category")).toContain("市政市容:1");
      const satisfaction = clerk.locator(".kpi", { hasText: "满意率" });
      await expect(satisfaction.textContent()).resolves.toMatch(/100.*1\/1/);
      await shot(clerk, "4-dashboard", true);

      expect(errors).toEqual([]);
    });
  },
);
