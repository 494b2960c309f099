/**
 * Nearby reports before filing on Telegram, through the fake Bot API against the whole
 * service: a citizen sharing a location near an open case of the same problem is shown it
 * and joins it (附议) instead of filing; the supporter is told of its later progress in
 * their own chat and finds the case among their own, marked 附议; a citizen farther away than NEARBY_RADIUS_METERS files as usual.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "../../support/fake-telegram.ts";
import { TelegramCitizen } from "../../support/telegram-citizen.ts";
import { deliver } from "../../support/telegram-staff.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { PROVIDERS } from "../../support/databases.ts";

const clerk = { kind: "clerk", id: "clerk-li" } as const;
/** The crossing of 人民路 and 七一路 in 川汇区. */
const CROSSING = { latitude: 33.627, longitude: 114.652 };
/** About 90 m east of it. */
const ACROSS_THE_STREET = { latitude: 33.627, longitude: 114.653 };
/** About 2 km north of it. */
const ACROSS_TOWN = { latitude: 33.645, longitude: 114.652 };

describe.each(PROVIDERS)("nearby reports on Telegram (%s)", { timeout: 90_000 }, (provider) => {
  let telegram: FakeTelegram;
  let service: TestApp;
  let trackingNo: string;

  beforeAll(async () => {
    telegram = await startFakeTelegram();
    service = await startTestApp({ provider, telegram });
    const reporter = new TelegramCitizen(telegram, () => service.app.db, 1001, "李建国");
    await describeAt(reporter, CROSSING);
    await finish(reporter);
    trackingNo = (await reporter.cases())[0]!.trackingNo;
  });
  afterAll(async () => {
    await service.stop();
    await telegram.close();
  });

  async function describeAt(citizen: TelegramCitizen, point: typeof CROSSING) {
    await citizen.command("/new");
    await citizen.say("路灯坏了，晚上过马路看不清");
    await citizen.tap("对，就是这个");
    await citizen.shareLocation(point.latitude, point.longitude);
  }

  async function finish(citizen: TelegramCitizen) {
    await citizen.tap("不记得了");
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");
    await citizen.tap("提交");
    expect(citizen.text).toContain("您的编号是");
  }

  it("offers the open case across the street and joins it", async () => {
    const neighbour = new TelegramCitizen(telegram, () => service.app.db, 1002, "王芳");
    await describeAt(neighbour, ACROSS_THE_STREET);
    expect(neighbour.text).toContain("附近已经有人反映过同类的问题");
    expect(neighbour.text).toContain("1. 市政市容 · 川汇区");
    expect(neighbour.text).not.toContain("李建国");
    expect(neighbour.text).not.toContain(trackingNo);
    expect(neighbour.buttons).toEqual(["第1件是同一个问题（附议）", "不是，继续登记"]);

    await neighbour.tap("第1件是同一个问题（附议）");
    expect(neighbour.text).toContain("✅ 已附议。");
    expect(neighbour.text).toContain(`编号：${trackingNo}`);
    expect(await neighbour.dialogue()).toMatchObject({ step: "idle", draft: null });
    expect(await service.app.db.case.count()).toBe(1);

    await service.app.caseActions.act(
      trackingNo,
      { type: "route", unitId: "urban_management.chuanhui" },
      clerk,
    );
    const before = telegram.sentMessages(1002).length;
    await deliver(service);
    const notices = telegram.sentMessages(1002).slice(before);
    expect(notices.map((m) => m.text).join("\n")).toContain(trackingNo);
  });

  it("lists the joined case under /mycases as 附议 and shows its course, never its reporter", async () => {
    const neighbour = new TelegramCitizen(telegram, () => service.app.db, 1002, "王芳");
    await neighbour.command("/mycases");
    expect(neighbour.text).toContain(`${trackingNo}（附议）`);
    expect(neighbour.text).not.toContain("李建国");
    expect(neighbour.buttons).toContain(`查看 ${trackingNo}`);

    await neighbour.tap(`查看 ${trackingNo}`);
    expect(neighbour.text).toContain(`编号：${trackingNo}`);
    expect(neighbour.text).toContain("这是您附议的事");
    expect(neighbour.text).toContain("您附议了这件事");
    expect(neighbour.text).toContain("已交给办理单位");
    expect(neighbour.text).not.toContain("您提交了反映");
    expect(neighbour.text).not.toContain("路灯坏了，晚上过马路看不清");
    expect(neighbour.text).not.toContain("李建国");
  });

  it("files as usual across town", async () => {
    const other = new TelegramCitizen(telegram, () => service.app.db, 1003);
    await describeAt(other, ACROSS_TOWN);
    expect(other.text).not.toContain("附近已经有人反映过");
    expect(other.text).toContain("这件事是什么时候发生的");
    await finish(other);
  });
});
