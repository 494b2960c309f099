/**
 * A citizen on Telegram says where with the location button or a venue: the case
 * keeps the coordinates and the place's words, the coordinates decide the
 * district when the words do not, and the district's unit is suggested.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "../../support/fake-telegram.ts";
import { TelegramCitizen } from "../../support/telegram-citizen.ts";
import {
  CLERK_LI,
  deliver,
  STAFF_CHAT,
  STAFF_ENV,
  STAFF_OVERRIDES,
} from "../../support/telegram-staff.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { PROVIDERS } from "../../support/databases.ts";

/** The crossing of 人民路 and 七一路 in 川汇区 (src/directory/default-places.geojson). */
const CHUANHUI = { latitude: 33.627, longitude: 114.652 };

describe.each(PROVIDERS)("sharing a location on Telegram (%s)", { timeout: 60_000 }, (provider) => {
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

  async function describeTheProblem() {
    await citizen.command("/start");
    await citizen.tap("我要反映问题");
    await citizen.say("这里的井盖没了，晚上很危险");
    await citizen.tap("对，就是这个");
    expect(telegram.replyKeyboard(1001)).toBeDefined();
  }

  async function finishAndLoad() {
    await citizen.tap("不记得了");
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");
    const summary = citizen.text;
    await citizen.tap("提交");
    const stored = await service.app.db.case.findFirstOrThrow({
      where: { channel: "telegram" },
      include: { suggestions: true },
    });
    return { summary, stored };
  }

  it("keeps a GPS point, places it in its district and suggests the district's unit", async () => {
    await describeTheProblem();
    await citizen.shareLocation(CHUANHUI.latitude, CHUANHUI.longitude);
    expect(citizen.text).toContain("收到位置，在川汇区七一路街道。");
    const { summary, stored } = await finishAndLoad();
    expect(summary).toContain("【地点】川汇区七一路街道，已发送位置");
    expect(stored).toMatchObject({
      ...CHUANHUI,
      address: null,
      regionCode: "chuanhui",
      regionSource: "coordinates",
    });
    expect(stored.suggestions.find((s) => s.chosen)).toMatchObject({
      regionCode: "chuanhui",
      unitId: "urban_management.chuanhui",
    });
  });

  it("keeps a venue's name and address with its point", async () => {
    await describeTheProblem();
    await citizen.shareVenue(CHUANHUI.latitude, CHUANHUI.longitude, "人民公园", "东门广场");
    const { stored } = await finishAndLoad();
    expect(stored).toMatchObject({
      ...CHUANHUI,
      address: "人民公园（东门广场）",
      regionCode: "chuanhui",
      regionSource: "coordinates",
    });
  });
});

describe("the clerks' card of a case filed with a GPS point", { timeout: 60_000 }, () => {
  let telegram: FakeTelegram;
  let service: TestApp;

  beforeEach(async () => {
    telegram = await startFakeTelegram();
    service = await startTestApp({ telegram, env: STAFF_ENV, overrides: STAFF_OVERRIDES });
  });
  afterEach(async () => {
    await service.stop();
    await telegram.close();
  });

  /** Files an open manhole whose place is only the shared point; `answerWhen` the time asked. */
  async function fileAtTheSharedPoint(answerWhen: (citizen: TelegramCitizen) => Promise<unknown>) {
    const citizen = new TelegramCitizen(telegram, () => service.app.db, 1001);
    telegram.groupUser(STAFF_CHAT, CLERK_LI, { firstName: "李娜" });
    await citizen.command("/new");
    await citizen.say("这里的井盖没了，晚上很危险");
    await citizen.tap("对，就是这个");
    await citizen.shareLocation(CHUANHUI.latitude, CHUANHUI.longitude);
    await answerWhen(citizen);
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");
    await citizen.tap("提交");
    expect(citizen.text).toContain("您的编号是");
  }

  it("shows the coordinates, the district and town they lie in, and that they decided the district", async () => {
    await fileAtTheSharedPoint((citizen) => citizen.tap("不记得了"));

    await deliver(service);
    const [card] = telegram.sentMessages(STAFF_CHAT);
    expect(card!.text).toContain("地区：川汇区（依据：位置坐标）");
    expect(card!.text).toContain("位置：33.62700, 114.65200（川汇区七一路街道）");
    expect(card!.text).toMatch(/建议交办：川汇区城市管理局/);
  });

  it("shows a holiday said without its name as the holiday it was read as", async () => {
    await fileAtTheSharedPoint((citizen) => citizen.say("节前"));

    await deliver(service);
    const [card] = telegram.sentMessages(STAFF_CHAT);
    // The test clock is 28 November 2026: the latest holiday was 国庆节, 1–7 October.
    expect(card!.text).toContain("时间：2026年9月30日（节前（国庆节））");
  });
});
