/**
 * SMS as the citizen's channel of last resort, through the whole service: a notice the
 * citizen's chat cannot deliver (a WeChat citizen outside WeCom's 48-hour window, a Telegram
 * citizen who blocked the bot) goes by SMS to the mobile number they left, through the real
 * Tencent SDK against a fake Tencent that checks its signatures. A citizen who left no number
 * is not reachable, a phone that had its share of SMS is recorded as such, and the clerks'
 * case API says for each notice where it went; a delivery receipt updates the SMS.
 */
import { afterEach, describe, expect, it } from "vitest";
import { smsTemplateVariable } from "../../../src/channels/sms/sms-settings.ts";
import type { DatabaseProvider } from "../../../src/storage/database-url.ts";
import { HOUR, MovableClock } from "../../support/clock.ts";
import { PROVIDERS } from "../../support/databases.ts";
import { startFakeAliyunSms, type FakeAliyunSms } from "../../support/fake-aliyun-sms.ts";
import type { FakeTencentSms } from "../../support/fake-tencent-sms.ts";
import { startFakeWeCom, type FakeWeCom } from "../../support/fake-wecom.ts";
import { startTelegramService, type TelegramService } from "../../support/telegram-service.ts";
import { fileDirectly } from "../../support/telegram-staff.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { fileComplaint, WeComCitizen, weComSetup } from "../wecom/wecom-citizen.ts";
import { APPROVED_TEMPLATES, TEMPLATE_IDS } from "./templates.ts";
import { clerkView, PUBLIC_URL, RECEIPT_TOKEN, settled, tencentFor } from "./tencent-service.ts";

const CLERK = { kind: "clerk", id: "clerk-test" } as const;

describe.each(PROVIDERS)(
  "a WeChat citizen outside the window (%s)",
  { timeout: 90_000 },
  (provider) => {
    let wecom: FakeWeCom;
    let tencent: FakeTencentSms;
    let service: TestApp;

    afterEach(async () => {
      await service.stop();
      await wecom.close();
      await tencent.close();
    });

    async function start(providerName: DatabaseProvider) {
      const clock = new MovableClock();
      wecom = await startFakeWeCom({ clock: () => clock.now().getTime() });
      const setup = weComSetup(wecom, clock);
      const sms = await tencentFor(clock);
      tencent = sms.fake;
      service = await startTestApp({
        provider: providerName,
        wecom: setup.wecom,
        clock,
        env: sms.env,
        overrides: sms.overrides,
      });
      const citizen = new WeComCitizen(
        wecom,
        setup.sender,
        () => ({ url: service.url, db: service.app.db }),
        clock,
        "wmCITIZEN1",
      );
      return { clock, citizen };
    }

    it("gets the answer and its follow-up by SMS with the status link, and the delivery receipt is recorded", async () => {
      const { clock, citizen } = await start(provider);
      const no = await fileComplaint(citizen);
      const kfAtReceipt = wecom.kfSent("wmCITIZEN1").length;
      const [receipt] = await settled(service, no);
      // The receipt is in the chat, and by SMS too: number and query code survive a lost chat.
      const { queryCode } = await service.app.db.case.findUniqueOrThrow({
        where: { trackingNo: no },
      });
      expect(receipt).toMatchObject({ kind: "received", route: "sms" });
      expect(tencent.sent).toMatchObject([
        { phone: "+8613812345678", templateId: TEMPLATE_IDS.receipt, params: [no, queryCode] },
      ]);
      expect(wecom.kfSent("wmCITIZEN1")).toHaveLength(kfAtReceipt);
      clock.advance(49 * HOUR);
      const unit = service.app.directory.units[0]!;
      const handler = { kind: "handler", id: "handler-test", unitId: unit.id } as const;
      await service.app.caseActions.act(no, { type: "route", unitId: unit.id }, CLERK);
      await settled(service, no);
      clock.advance(2 * HOUR);
      await service.app.caseActions.act(no, { type: "start" }, handler);
      await settled(service, no);
      clock.advance(2 * HOUR);
      const kfBefore = wecom.kfSent("wmCITIZEN1").length;
      await service.app.caseActions.act(
        no,
        { type: "answer", outcome: "support", text: "路灯已于今日修复。" },
        handler,
      );
      const notices = await settled(service, no);

      const answered = notices.find((n) => n.kind === "answered")!;
      expect(answered).toMatchObject({ channel: "wecom", route: "sms", status: "sent" });
      expect(answered.sms).toMatchObject({ status: "sent" });
      // Nothing went through WeCom outside the window; the SMS is the approved answer template.
      expect(wecom.kfSent("wmCITIZEN1")).toHaveLength(kfBefore);
      const sms = tencent.sent.at(-1)!;
      expect(sms).toMatchObject({
        phone: "+8613812345678",
        templateId: TEMPLATE_IDS.answer_ready,
        params: [no],
      });
      // Every notice after the window closed went by SMS, an hour or more apart.
      expect(notices.map((n) => n.route)).toEqual(notices.map(() => "sms"));
      // Nothing is held: every notice went one way or the other.
      expect((await clerkView(service, no)).citizenUnreachable).toBe(false);

      const pushed = await tencent.pushReceipts(`${service.url}/sms/receipts/${RECEIPT_TOKEN}`, [
        tencent.receiptFor(sms, true),
      ]);
      expect(pushed.status).toBe(200);
      const after = (await clerkView(service, no)).citizenNotices.find(
        (n) => n.kind === "answered",
      )!;
      expect(after.sms).toMatchObject({ status: "delivered", receiptCode: "DELIVRD" });

      // Unrated a week later, the answer's follow-up asks in its own approved template.
      clock.advance(7 * 24 * HOUR);
      expect(await service.app.deadlines.runOnce()).toMatchObject({ followedUp: 1 });
      const followUp = (await settled(service, no)).find((n) => n.kind === "answer_follow_up");
      expect(followUp).toMatchObject({ channel: "wecom", route: "sms", status: "sent" });
      expect(tencent.sent.at(-1)).toMatchObject({
        phone: "+8613812345678",
        templateId: TEMPLATE_IDS.answer_follow_up,
        params: [no],
      });
    });
  },
);

describe("a Telegram citizen who blocked the bot", { timeout: 90_000 }, () => {
  let service: TelegramService;
  let tencent: FakeTencentSms;

  afterEach(async () => {
    await service.stop();
    await tencent.close();
  });

  async function start() {
    const clock = new MovableClock();
    const sms = await tencentFor(clock);
    tencent = sms.fake;
    service = await startTelegramService({ clock, env: sms.env, overrides: sms.overrides });
    return clock;
  }

  it("gets the decision by SMS", async () => {
    await start();
    const citizen = service.citizen();
    const no = await fileDirectly(service.app, citizen.id);
    citizen.user.block();
    await service.app.app.caseActions.act(
      no,
      { type: "not_accept", reason: "不属于信访受理范围", channel: null },
      CLERK,
    );
    const notices = await settled(service.app, no);
    expect(notices.find((n) => n.kind === "not_accepted")).toMatchObject({
      channel: "telegram",
      route: "sms",
    });
    expect(tencent.sent.at(-1)).toMatchObject({
      phone: "+8613812345678",
      templateId: TEMPLATE_IDS.status_changed,
      params: [no, "不予受理"],
    });
  });

  it("who left no phone is not reachable, and the clerks see it", async () => {
    await start();
    const citizen = service.citizen();
    const no = await fileDirectly(service.app, citizen.id, { contact: { kind: "anonymous" } });
    citizen.user.block();
    await service.app.app.caseActions.act(
      no,
      { type: "not_accept", reason: "不属于信访受理范围", channel: null },
      CLERK,
    );
    const notices = await settled(service.app, no);
    expect(notices.find((n) => n.kind === "not_accepted")).toMatchObject({
      route: "not_reachable",
      status: "failed",
      sms: null,
    });
    expect(tencent.sent).toHaveLength(0);
  });

  it("whose phone had its share of SMS: the limit is recorded and the notice not retried", async () => {
    const clock = await start();
    const citizen = service.citizen();
    const no = await fileDirectly(service.app, citizen.id);
    citizen.user.block();
    const unit = service.app.app.directory.units[0]!;
    await service.app.app.caseActions.act(no, { type: "route", unitId: unit.id }, CLERK);
    await settled(service.app, no);
    // Within the minute another notice: the phone had its share.
    clock.advance(10_000);
    await service.app.app.caseActions.act(
      no,
      { type: "start" },
      { kind: "handler", id: "handler-test", unitId: unit.id },
    );
    const notices = await settled(service.app, no);
    const [first, second] = notices;
    expect(first).toMatchObject({ route: "sms" });
    expect(second).toMatchObject({
      route: "not_reachable",
      status: "failed",
      sms: { status: "failed", errorCode: "local.rate_limit" },
    });
    expect(tencent.sent).toHaveLength(1);
    // Given up for good: a later round sends nothing more.
    clock.advance(2 * HOUR);
    expect(await service.app.app.outboxWorker.drain()).toMatchObject({ claimed: 0 });
    expect(tencent.sent).toHaveLength(1);
  });
});

describe("through Alibaba Cloud, set up by the settings alone", { timeout: 90_000 }, () => {
  let service: TelegramService;
  let aliyun: FakeAliyunSms;

  afterEach(async () => {
    await service.stop();
    await aliyun.close();
  });

  it("a Telegram citizen who blocked the bot gets the answer by SMS, and its receipt is recorded", async () => {
    const clock = new MovableClock();
    aliyun = await startFakeAliyunSms({
      templates: APPROVED_TEMPLATES,
      clock: () => clock.now().getTime(),
    });
    service = await startTelegramService({
      clock,
      env: {
        PUBLIC_URL,
        SMS_PROVIDER: "aliyun",
        SMS_ACCESS_KEY_ID: aliyun.accessKeyId,
        SMS_ACCESS_KEY_SECRET: aliyun.accessKeySecret,
        SMS_SIGN_NAME: aliyun.signName,
        SMS_ENDPOINT: aliyun.endpoint.href,
        SMS_RECEIPT_TOKEN: RECEIPT_TOKEN,
        ...Object.fromEntries(
          Object.entries(TEMPLATE_IDS).map(([name, id]) => [
            smsTemplateVariable(name as keyof typeof TEMPLATE_IDS),
            id,
          ]),
        ),
      },
    });
    const citizen = service.citizen();
    const no = await fileDirectly(service.app, citizen.id);
    const unit = service.app.app.directory.units[0]!;
    const handler = { kind: "handler", id: "handler-test", unitId: unit.id } as const;
    await service.app.app.caseActions.act(no, { type: "route", unitId: unit.id }, CLERK);
    await service.app.app.caseActions.act(no, { type: "start" }, handler);
    await settled(service.app, no);
    citizen.user.block();
    await service.app.app.caseActions.act(
      no,
      { type: "answer", outcome: "support", text: "井盖已补上。" },
      handler,
    );
    const notices = await settled(service.app, no);
    expect(notices.at(-1)).toMatchObject({ kind: "answered", channel: "telegram", route: "sms" });
    const sms = aliyun.sent.at(-1)!;
    expect(sms).toMatchObject({
      phone: "13812345678",
      templateCode: TEMPLATE_IDS.answer_ready,
      params: { trackingNo: no },
    });

    const pushed = await aliyun.pushReceipts(`${service.app.url}/sms/receipts/${RECEIPT_TOKEN}`, [
      aliyun.receiptFor(sms, false),
    ]);
    expect(pushed.status).toBe(200);
    const after = (await clerkView(service.app, no)).citizenNotices.at(-1)!;
    expect(after.sms).toMatchObject({ status: "undelivered" });
  });
});
