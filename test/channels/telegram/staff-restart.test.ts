/**
 * A restart with notifications pending: the card a failed attempt left
 * behind is delivered once by the next instance, and the clerks work from it.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HOUR } from "../../support/clock.ts";
import { startFakeTelegram, type FakeTelegram } from "../../support/fake-telegram.ts";
import {
  CLERK_LI,
  deliver,
  fileDirectly,
  press,
  STAFF_CHAT,
  STAFF_ENV,
  STAFF_OVERRIDES,
  openStaffChats,
} from "../../support/telegram-staff.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";

describe("a restart with pending notifications", { timeout: 60_000 }, () => {
  let telegram: FakeTelegram;
  let service: TestApp;

  beforeEach(async () => {
    telegram = await startFakeTelegram();
    openStaffChats(telegram);
    service = await startTestApp({ telegram, env: STAFF_ENV, overrides: STAFF_OVERRIDES });
  });
  afterEach(async () => {
    await service.stop();
    await telegram.close();
  });

  it("delivers the card once after the restart, and the card still works", async () => {
    await service.app.outboxWorker.stop();
    telegram.user(5001);
    const no = await fileDirectly(service, 5001);
    telegram.failNext("sendMessage", 1, { status: 502 });
    expect(await service.app.outboxWorker.drain()).toMatchObject({ retried: 1 });
    expect(telegram.sentMessages(STAFF_CHAT)).toEqual([]);

    await service.stop();
    service = await service.another();
    service.clock.advance(HOUR);
    await deliver(service);

    const cards = telegram.sentMessages(STAFF_CHAT);
    expect(cards.map((m) => m.text)).toEqual([expect.stringContaining(`【新反映】${no}`)]);
    const clerk = telegram.groupUser(STAFF_CHAT, CLERK_LI, { firstName: "李娜" });
    expect(await press(() => service, telegram, clerk, cards[0]!, `k:ok:${no}`)).toMatchObject({
      text: "已处理",
    });
    await deliver(service);
    expect(telegram.sentMessages(5001).map((m) => m.text)).toEqual([
      expect.stringContaining(`编号 ${no}）已受理`),
    ]);
    const row = await service.app.db.outboxMessage.findFirstOrThrow({
      where: { case: { trackingNo: no }, kind: "new_case" },
    });
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
  });
});
