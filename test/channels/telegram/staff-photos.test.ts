/**
 * Photos of the fix from a unit's Telegram chat: after 答复 (or 报告进展), the handler sends
 * photos and then the words; the citizen gets the answer and then the photos, and the case
 * keeps them with the answer. A photo sent as a reply to the case's card is kept the same way
 * (the progress note is asked for; 答复 takes it along instead). A photo sent without a question
 * open or a card is not lost in silence: the bot says how to attach one.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeTelegram } from "../../support/fake-telegram.ts";
import {
  deliver,
  done,
  press,
  routeStreetLightToUnit,
  UNIT_CHAT,
  startStaffService,
  type StaffService,
} from "../../support/telegram-staff.ts";
import type { TestApp } from "../../support/test-app.ts";
import { PNG_BYTES } from "../web/web-citizen.ts";

describe("a unit's photos from Telegram", { timeout: 60_000 }, () => {
  let telegram: FakeTelegram;
  let service: TestApp;
  let staff: StaffService;
  const app = () => service;

  beforeEach(async () => {
    staff = await startStaffService();
    ({ telegram, service } = staff);
  });
  afterEach(() => staff.stop());

  const routedCase = () => routeStreetLightToUnit(staff);

  it("go with the answer typed after them, to the citizen and into the case", async () => {
    const { citizen, handler, no, card } = await routedCase();

    // Without a question open, a photo gets the way to attach one.
    await done(app, telegram, handler.sendPhoto(undefined, undefined, PNG_BYTES));
    expect(telegram.lastMessage(UNIT_CHAT)!.text).toContain("请直接回复办理中事项的卡片发照片");

    await press(app, telegram, handler, card(), `k:st:${no}`);
    await press(app, telegram, handler, card(), `k:an:${no}`);
    await press(app, telegram, handler, card(), `k:ao:${no}:support`);
    await done(app, telegram, handler.sendPhoto(undefined, undefined, PNG_BYTES));
    expect(telegram.lastMessage(UNIT_CHAT)!.text).toBe(
      `已收到 ${no} 的照片1张，将随文字一并发给反映人。可以继续发照片，最后回复文字。`,
    );
    // Not a picture at all: refused, the question stays open.
    await done(app, telegram, handler.sendPhoto(undefined, undefined, Buffer.from("no picture")));
    expect(telegram.lastMessage(UNIT_CHAT)!.text).toContain("这张照片无法使用");
    await done(app, telegram, handler.sendText("路灯已于今日修复，感谢您的反映。"));
    await done(app, telegram, handler.sendText("不需要")); // no promised day
    expect(telegram.lastMessage(UNIT_CHAT)!.text).toBe(`已处理：${no}`);

    await deliver(service);
    const photo = telegram
      .callsOf("sendPhoto")
      .find((c) => c.params.chat_id === String(citizen.id))!;
    expect((photo.params.photo as { bytes: Buffer }).bytes.equals(PNG_BYTES)).toBe(true);
    expect(photo.params.caption).toBe(`办理单位随附照片1张（编号 ${no}）`);
    const entry = await service.app.db.timelineEntry.findFirstOrThrow({
      where: { case: { trackingNo: no }, kind: "answered" },
    });
    expect(entry.data).toMatchObject({ outcome: "support", photoIds: [expect.any(String)] });
  });

  it("sent as a reply to the case card, is kept for the case and goes with the words that follow", async () => {
    const { citizen, handler, no, card } = await routedCase();
    await press(app, telegram, handler, card(), `k:st:${no}`);

    await done(
      app,
      telegram,
      handler.sendPhoto(undefined, undefined, PNG_BYTES, card().message_id),
    );
    const asked = telegram.lastMessage(UNIT_CHAT)!;
    expect(asked.text).toContain(`已收到 ${no} 的照片1张。请回复这条消息写下办理进展`);
    expect(asked.reply_markup).toMatchObject({ force_reply: true });

    // The handler meant the answer: 答复 takes the photo along.
    await press(app, telegram, handler, card(), `k:an:${no}`);
    await press(app, telegram, handler, card(), `k:ao:${no}:support`);
    await done(app, telegram, handler.sendText("路灯已于今日修复，感谢您的反映。"));
    await done(app, telegram, handler.sendText("不需要")); // no promised day
    expect(telegram.lastMessage(UNIT_CHAT)!.text).toBe(`已处理：${no}`);
    const entry = await service.app.db.timelineEntry.findFirstOrThrow({
      where: { case: { trackingNo: no }, kind: "answered" },
    });
    expect(entry.data).toMatchObject({ outcome: "support", photoIds: [expect.any(String)] });
    await deliver(service);
    expect(telegram.callsOf("sendPhoto").some((c) => c.params.chat_id === String(citizen.id))).toBe(
      true,
    );

    // Once answered, the card has no buttons and takes no more photos: the bot says how photos go.
    await done(
      app,
      telegram,
      handler.sendPhoto(undefined, undefined, PNG_BYTES, card().message_id),
    );
    expect(telegram.lastMessage(UNIT_CHAT)!.text).toContain("已办结的事项不再收照片");
  });
});
