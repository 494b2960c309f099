/**
 * A citizen files a complaint on Telegram, from /start to a tracking number,
 * with the real grammY client against a fake Bot API server and the real
 * service on a real database.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "../../support/fake-telegram.ts";
import { TelegramCitizen } from "../../support/telegram-citizen.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { PROVIDERS } from "../../support/databases.ts";

describe.each(PROVIDERS)("filing a complaint on Telegram (%s)", { timeout: 60_000 }, (provider) => {
  let telegram: FakeTelegram;
  let service: TestApp;
  let citizen: TelegramCitizen;

  beforeEach(async () => {
    telegram = await startFakeTelegram();
    service = await startTestApp({ provider, telegram });
    citizen = new TelegramCitizen(telegram, () => service.app.db, 1001);
  });
  afterEach(async () => {
    await service.stop();
    await telegram.close();
  });

  it("answers a button press with a call of its own, once, when it polls", async () => {
    await citizen.command("/start");
    const press = await citizen.tap("我要反映问题");

    expect(
      telegram
        .callsOf("answerCallbackQuery")
        .filter((call) => call.params.callback_query_id === press.callback_query?.id)
        .map((call) => call.via),
    ).toEqual(["http"]);
  });

  it("goes from /start to a tracking number and stores the case with every field", async () => {
    await citizen.command("/start");
    expect(citizen.text).toContain("周口市群众诉求服务");
    await citizen.tap("我要反映问题");
    await citizen.say("我们小区门口的路灯坏了很久了，晚上很黑，老人走路不方便");
    expect(citizen.text).toContain("【市政市容】");
    await citizen.tap("对，就是这个");
    expect(telegram.replyKeyboard(1001)).toBeDefined();
    await citizen.say("川汇区七一路和八一路交叉口东边");
    await citizen.fileAnywayIfOffered();
    await citizen.say("前天下午");
    await citizen.sendPhoto("photo-file-1");
    await citizen.tap("照片发完了");
    await citizen.shareContact("+86 138 1234 5678");
    expect(citizen.text).toContain("【类别】市政市容");
    await citizen.tap("提交");

    expect(citizen.text).toContain("您的编号是：ZK-20261128-0001");
    const stored = await service.app.db.case.findUniqueOrThrow({
      where: { trackingNo: "ZK-20261128-0001" },
      include: {
        attachments: true,
        timeline: true,
        suggestions: true,
        notifications: true,
        identity: true,
      },
    });
    expect(stored).toMatchObject({
      status: "submitted",
      channel: "telegram",
      categoryCode: "municipal",
      regionCode: "chuanhui",
      caseClass: "request",
      address: "川汇区七一路和八一路交叉口东边",
      occurredText: "前天下午",
      anonymous: false,
      contactPhone: "13812345678",
      isEmergency: false,
    });
    expect(stored.description).toContain("路灯坏了很久了");
    expect(stored.occurredAt?.toISOString()).toBe("2026-11-26T04:00:00.000Z");
    expect(stored.acceptanceDueAt.getTime()).toBeGreaterThan(stored.submittedAt.getTime());
    expect(stored.queryCode).toMatch(/^\d{6}$/);
    expect(stored.identity).toMatchObject({
      channel: "telegram",
      externalId: "1001",
      chatId: "1001",
    });
    // The photo is the service's own copy, which the console shows staff.
    expect(stored.attachments).toEqual([
      expect.objectContaining({
        fileId: (await citizen.keptPhotos())[0],
        mimeType: "image/jpeg",
        storagePath: expect.stringMatching(/^uploads\//),
      }),
    ]);
    expect(stored.timeline.map((e) => e.kind)).toEqual(["submitted"]);
    expect(stored.suggestions.find((s) => s.chosen)).toMatchObject({
      categoryCode: "municipal",
      unitId: "urban_management.chuanhui",
      flagged: false,
      unsure: false,
      language: "zh",
    });
    expect(stored.notifications).toEqual([]);
  });
});
