/**
 * A handler answering from the unit's Telegram chat gives the promised day (承诺办结日期) as the
 * console does: after the answer's words the bot asks once which day, with a 不需要 button. The
 * day is kept with the answer, told to the citizen and followed up the day after it; a day the
 * bot cannot read or one out of range (today to the day before the review deadline) is refused
 * with the question asked again, the answer's words kept; 不需要 sends the answer without one.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startOfLocalDay } from "../../../src/domain/calendar.ts";
import type { FakeTelegram } from "../../support/fake-telegram.ts";
import {
  buttonData,
  deliver,
  done,
  press,
  routeStreetLightToUnit,
  UNIT_CHAT,
  startStaffService,
  type StaffService,
} from "../../support/telegram-staff.ts";
import type { TestApp } from "../../support/test-app.ts";

describe("a promised day given with an answer on Telegram", { timeout: 60_000 }, () => {
  let telegram: FakeTelegram;
  let service: TestApp;
  let staff: StaffService;
  const app = () => service;

  beforeEach(async () => {
    staff = await startStaffService();
    ({ telegram, service } = staff);
  });
  afterEach(() => staff.stop());

  /** A citizen's case routed to the unit and started from its card; the card and its handler. */
  async function startedCase() {
    const routed = await routeStreetLightToUnit(staff);
    await press(app, telegram, routed.handler, routed.card(), `k:st:${routed.no}`);
    return routed;
  }

  /**
   * A citizen's case routed to the unit and started; its handler has pressed 答复 → 支持 and typed
   * the answer's words, and is asked for the promised day.
   */
  async function answerTyped() {
    const started = await startedCase();
    const { handler, no, card } = started;
    await press(app, telegram, handler, card(), `k:an:${no}`);
    await press(app, telegram, handler, card(), `k:ao:${no}:support`);
    await done(app, telegram, handler.sendText("路灯线路老化，已安排更换。"));
    return { ...started, asked: telegram.lastMessage(UNIT_CHAT)! };
  }

  const caseRow = (no: string) =>
    service.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } });

  it("is asked after the answer's words, kept with the answer, told to the citizen and followed up", async () => {
    const { citizen, handler, no, card, asked } = await answerTyped();
    expect(asked.text).toBe(
      `${no} 承诺哪天办好？请回复日期，如 12月20日、下周五；不需要承诺就回复“不需要”。答复在您回复后发给反映人。`,
    );
    expect(buttonData(asked)).toEqual([`k:np:${no}`]);
    // Nothing is sent until the day is given.
    expect((await caseRow(no)).status).toBe("in_progress");

    await done(app, telegram, handler.sendText("12月20日前"));
    expect(telegram.lastMessage(UNIT_CHAT)!.text).toBe(`已处理：${no}`);
    expect(card().text).toContain("赵科长 💬 答复");
    expect(await caseRow(no)).toMatchObject({
      status: "answered",
      answerText: "路灯线路老化，已安排更换。",
      answerPromisedBy: "2026-12-20",
    });

    await deliver(service);
    const told = telegram.sentMessages(citizen.id).map((m) => m.text);
    expect(told.join("\n")).toContain("办理单位承诺于 2026年12月20日 前办好。");
    expect(told.join("\n")).not.toContain("12月20日前");

    service.clock.set(new Date(startOfLocalDay("2026-12-21").getTime() + 60_000));
    expect(await service.app.deadlines.runOnce()).toMatchObject({ followedUp: 1 });
    await deliver(service);
    expect(telegram.sentMessages(citizen.id).at(-1)!.text).toBe(
      `编号 ${no} 的答复说 2026年12月20日 前办好，现在事情解决了吗？\n如果您对答复不满意，可以在 2026年12月28日前申请复查。`,
    );
  });

  it("is asked again, the answer's words kept, after a day not read or out of range; 不需要 sends the answer without one", async () => {
    const { citizen, handler, no, card } = await answerTyped();

    await done(app, telegram, handler.sendText("尽快吧"));
    const unread = telegram.lastMessage(UNIT_CHAT)!;
    expect(unread.text).toContain("没看懂这个日期，答复还没有发出。");
    expect(buttonData(unread)).toEqual([`k:np:${no}`]);

    // The review deadline is 2026-12-28: the promise must come before it.
    await done(app, telegram, handler.sendText("2026-12-28"));
    const outOfRange = telegram.lastMessage(UNIT_CHAT)!;
    expect(outOfRange.text).toBe(
      `承诺日期须在今天到反映人申请复查期限的前一天之间，答复还没有发出。请重新回复 ${no} 承诺办好的日期，不需要承诺就回复“不需要”。`,
    );
    expect(buttonData(outOfRange)).toEqual([`k:np:${no}`]);
    expect(await caseRow(no)).toMatchObject({ status: "in_progress", answerPromisedBy: null });

    await press(app, telegram, handler, outOfRange, `k:np:${no}`);
    expect(telegram.lastMessage(UNIT_CHAT)!.text).toBe(`已处理：${no}`);
    expect(
      buttonData(
        telegram.sentMessages(UNIT_CHAT).find((m) => m.message_id === outOfRange.message_id),
      ),
    ).toEqual([]);
    expect(card().text).toContain("赵科长 💬 答复");
    expect(await caseRow(no)).toMatchObject({
      status: "answered",
      answerText: "路灯线路老化，已安排更换。",
      answerPromisedBy: null,
      // Without a promise, the answer is still followed up, a week after it (answer-follow-up.ts).
      followUpAt: expect.any(Date),
    });
    await deliver(service);
    const told = telegram
      .sentMessages(citizen.id)
      .map((m) => m.text)
      .join("\n");
    expect(told).toContain("处理意见：\n路灯线路老化，已安排更换。");
    expect(told).not.toContain("承诺");

    // The question is answered: the 不需要 of an earlier question has expired.
    const again = await press(app, telegram, handler, unread, `k:np:${no}`);
    expect(again).toMatchObject({ text: "这个按钮已过期。" });
  });

  it("may be left out by typing 不需要", async () => {
    const { handler, no } = await answerTyped();
    await done(app, telegram, handler.sendText("不需要"));
    expect(telegram.lastMessage(UNIT_CHAT)!.text).toBe(`已处理：${no}`);
    expect(await caseRow(no)).toMatchObject({ status: "answered", answerPromisedBy: null });
  });

  it("is asked after a typed /answer too", async () => {
    const { handler, no } = await startedCase();
    await done(app, telegram, handler.sendCommand(`/answer ${no} 支持 路灯线路老化，已安排更换。`));
    const asked = telegram.lastMessage(UNIT_CHAT)!;
    expect(asked.text).toContain(`${no} 承诺哪天办好？`);
    expect(buttonData(asked)).toEqual([`k:np:${no}`]);
    // 2026-11-28 is a Saturday: 下周五 is the Friday of the week after.
    await done(app, telegram, handler.sendText("下周五"));
    expect(telegram.lastMessage(UNIT_CHAT)!.text).toBe(`已处理：${no}`);
    expect(await caseRow(no)).toMatchObject({
      status: "answered",
      answerOutcome: "support",
      answerText: "路灯线路老化，已安排更换。",
      answerPromisedBy: "2026-12-04",
    });
  });
});
