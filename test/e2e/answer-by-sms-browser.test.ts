/**
 * 有信必复 when the chat cannot reach the citizen, in headless Chromium: a WeChat citizen files
 * a complaint through 微信客服 and writes nothing for two days, so WeCom's 48-hour window is
 * closed when the unit answers. The handler answers on the console's case page with a photo of
 * the repaired street light; the answer goes by SMS (fake Tencent Cloud SMS checking the
 * signatures) with the status page's address, not through WeCom. In another browser the
 * citizen opens that address, types the number and the query code of the receipt SMS, reads
 * the answer with the unit's photo, and rates it there.
 */
import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { CHROMIUM, launchChromium } from "../support/browser.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOUR, MovableClock } from "../support/clock.ts";
import { signIn } from "../support/console-pages.ts";
import { startFakeWeCom, type FakeWeCom } from "../support/fake-wecom.ts";
import type { FakeTencentSms } from "../support/fake-tencent-sms.ts";
import { waitUntil } from "../support/wait.ts";
import { PASSWORD, startConsoleWorld, type ConsoleWorld } from "../console/console-world.ts";
import { fileComplaint, WeComCitizen, weComSetup } from "../channels/wecom/wecom-citizen.ts";
import { TEMPLATE_IDS } from "../channels/sms/templates.ts";
import { PUBLIC_URL, tencentFor } from "../channels/sms/tencent-service.ts";

const CLERK = { kind: "clerk", id: "clerk-li" } as const;
/** A real 1×1 PNG, so that the browser decodes the photo it is shown. */
const PHOTO = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

describe.skipIf(!existsSync(CHROMIUM))(
  "a WeChat citizen outside the window reads and rates the answer on the status page",
  { timeout: 90_000 },
  () => {
    let clock: MovableClock;
    let wecom: FakeWeCom;
    let tencent: FakeTencentSms;
    let world: ConsoleWorld;
    let browser: Browser;

    beforeAll(async () => {
      clock = new MovableClock();
      wecom = await startFakeWeCom({ clock: () => clock.now().getTime() });
      const setup = weComSetup(wecom, clock);
      const sms = await tencentFor(clock);
      tencent = sms.fake;
      [world, browser] = await Promise.all([
        startConsoleWorld(sms.env, { wecom: setup.wecom, clock, overrides: sms.overrides }),
        launchChromium(),
      ]);
      const citizen = new WeComCitizen(
        wecom,
        setup.sender,
        () => ({ url: world.url, db: world.app.db }),
        clock,
        "wmCITIZEN1",
      );
      filed = await fileComplaint(citizen);
    });
    afterAll(async () => {
      await browser?.close();
      await world?.stop();
      await wecom?.close();
      await tencent?.close();
    });

    let filed: string;

    /** Waits until every notice to the citizen about case `no` has gone one way or another. */
    async function noticesDone(no: string): Promise<void> {
      await waitUntil(
        async () =>
          (await world.app.db.outboxMessage.count({
            where: { case: { trackingNo: no }, audience: "citizen", status: "pending" },
          })) === 0,
      );
    }

    /** A fresh browser (no cookie, no history) on a phone or a desk. */
    async function newPage(viewport: { width: number; height: number }): Promise<Page> {
      const context = await browser.newContext({
        viewport,
        locale: "zh-CN",
        timezoneId: "Asia/Shanghai",
      });
      const page = await context.newPage();
      page.on("pageerror", (error) => {
        throw error;
      });
      return page;
    }

    it("gets the answer by SMS, then reads it with the unit's photo and rates it", async () => {
      const no = filed;
      await noticesDone(no);
      const receipt = tencent.sent.find((s) => s.templateId === TEMPLATE_IDS.receipt);
      expect(receipt?.params[0]).toBe(no);
      const queryCode = receipt!.params[1]!;

      // Two days without a word from the citizen: WeCom lets us write no more.
      clock.advance(49 * HOUR);
      const unitId = world.app.directory.units[0]!.id;
      await world.app.caseActions.act(no, { type: "route", unitId }, CLERK);
      await world.addStaff("zhao", "handler", unitId, "赵工");
      // Each notice goes by SMS; a phone gets at most one a minute, so time passes between them.
      await noticesDone(no);
      clock.advance(2 * HOUR);
      const kfBefore = wecom.kfSent("wmCITIZEN1").length;

      // The handler answers on the case page, with a photo of the repair.
      const desk = await newPage({ width: 1366, height: 900 });
      await signIn(desk, world.url, "zhao", PASSWORD);
      await desk.getByRole("link", { name: no }).click();
      await desk.getByRole("button", { name: "开始办理" }).click();
      await desk.getByRole("button", { name: "答复" }).waitFor();
      await noticesDone(no);
      clock.advance(2 * HOUR);
      await desk.getByRole("button", { name: "答复" }).click();
      await desk.getByRole("radio", { name: "支持", exact: true }).check({ force: true });
      await desk.getByLabel("答复内容").fill("经现场核查，路灯线路老化，已于今日更换并恢复照明。");
      await desk
        .locator('input[name="photos"]')
        .setInputFiles({ name: "repaired.png", mimeType: "image/png", buffer: PHOTO });
      await desk.getByRole("button", { name: "提交" }).click();
      await desk.locator(".card-answer").waitFor();
      // The case's history shows the photo with the answer, to staff.
      const kept = desk.locator(".timeline .tl-answered img");
      await expect
        .poll(() =>
          kept.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
        )
        .toBe(1);

      // The answer goes by SMS with the status page's address; nothing through WeCom.
      await waitUntil(() => tencent.sent.some((s) => s.templateId === TEMPLATE_IDS.answer_ready));
      const answerSms = tencent.sent.find((s) => s.templateId === TEMPLATE_IDS.answer_ready)!;
      expect(answerSms).toMatchObject({ phone: "+8613812345678", params: [no] });
      expect(wecom.kfSent("wmCITIZEN1")).toHaveLength(kfBefore);

      // Another browser: the SMS's address (<PUBLIC_URL>/status), number and code typed in.
      const phone = await newPage({ width: 390, height: 844 });
      const statusUrl = `${PUBLIC_URL}/status`.replace(PUBLIC_URL, world.url);
      await phone.goto(statusUrl);
      await phone.getByLabel("编号").fill(no.toLowerCase().replaceAll("-", ""));
      await phone.getByLabel("查询码").fill(queryCode);
      await phone.getByRole("button", { name: "查询" }).click();

      const answer = phone.getByRole("region", { name: "办理单位的答复" });
      await expect(answer.textContent()).resolves.toContain("已于今日更换并恢复照明");
      const photo = answer.getByRole("img", { name: "办理单位的照片 1" });
      await expect
        .poll(() =>
          photo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
        )
        .toBe(1);
      // The photo's link works only as signed: a changed signature is refused.
      const src = (await photo.getAttribute("src"))!;
      expect((await phone.request.get(`${world.url}${src}`)).status()).toBe(200);
      expect((await phone.request.get(`${world.url}${src}x`)).status()).toBe(403);

      const form = phone.locator("form.rating-form");
      await form.getByRole("radio", { name: "已解决" }).check();
      await form.getByRole("radio", { name: "满意", exact: true }).check();
      await form.getByRole("button", { name: "提交评价" }).click();
      await expect(phone.getByRole("status").textContent()).resolves.toContain("谢谢您的评价");
      expect(await world.app.db.rating.findFirstOrThrow()).toMatchObject({
        solved: true,
        satisfaction: "satisfied",
      });
    });
  },
);
