/**
 * Two clerks deciding the same case at once: one decision is taken, the
 * other clerk is told who took it, on both database providers.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PROVIDERS } from "../../support/databases.ts";
import { startFakeTelegram, type FakeTelegram } from "../../support/fake-telegram.ts";
import { handled } from "../../support/telegram-citizen.ts";
import {
  buttonData,
  CLERK_LI,
  CLERK_WANG,
  deliver,
  fileDirectly,
  STAFF_CHAT,
  STAFF_ENV,
  STAFF_OVERRIDES,
  openStaffChats,
} from "../../support/telegram-staff.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";

describe.each(PROVIDERS)("two clerks at once (%s)", { timeout: 60_000 }, (provider) => {
  let telegram: FakeTelegram;
  let service: TestApp;

  beforeEach(async () => {
    telegram = await startFakeTelegram();
    openStaffChats(telegram);
    service = await startTestApp({
      provider,
      telegram,
      env: STAFF_ENV,
      overrides: STAFF_OVERRIDES,
    });
  });
  afterEach(async () => {
    await service.stop();
    await telegram.close();
  });

  async function decisionsOf(no: string) {
    const entries = await service.app.db.timelineEntry.findMany({
      where: { case: { trackingNo: no }, kind: { in: ["accepted", "reassigned", "not_accepted"] } },
    });
    const toCitizen = await service.app.db.outboxMessage.count({
      where: { case: { trackingNo: no }, audience: "citizen" },
    });
    return { entries: entries.length, toCitizen };
  }

  it("lets the first press win and tells the second clerk who decided", async () => {
    telegram.user(4001);
    const no = await fileDirectly(service, 4001);
    await deliver(service);
    const card = telegram.sentMessages(STAFF_CHAT)[0]!;
    const li = telegram.groupUser(STAFF_CHAT, CLERK_LI, { firstName: "李娜" });
    const wang = telegram.groupUser(STAFF_CHAT, CLERK_WANG, { firstName: "王芳" });

    const presses = [
      li.pressButton(card.message_id, `k:ok:${no}`),
      wang.pressButton(card.message_id, `k:ok:${no}`),
    ];
    await Promise.all(presses.map((u) => handled(service.app.db, u.update_id)));

    const [first, second] = presses.map((u) => telegram.callbackAnswer(u.callback_query!.id));
    expect(first).toMatchObject({ text: "已处理" });
    expect(second).toMatchObject({ text: "已由 李娜 处理", show_alert: true });
    expect(await decisionsOf(no)).toEqual({ entries: 1, toCitizen: 1 });
    const edited = telegram.sentMessages(STAFF_CHAT)[0]!;
    expect(edited.text).toContain("李娜 📤 交办");
    expect(buttonData(edited)).toEqual([]);
  });

  it("takes one decision when the button and a command from another chat race", async () => {
    telegram.user(4002);
    const no = await fileDirectly(service, 4002);
    await deliver(service);
    const card = telegram.sentMessages(STAFF_CHAT)[0]!;
    const li = telegram.groupUser(STAFF_CHAT, CLERK_LI, { firstName: "李娜" });
    const wangPrivate = telegram.user(CLERK_WANG, { firstName: "王芳" });

    const updates = [
      li.pressButton(card.message_id, `k:ok:${no}`),
      wangPrivate.sendCommand(`/route ${no} urban_management.city`),
    ];
    await Promise.all(updates.map((u) => handled(service.app.db, u.update_id)));

    expect(await decisionsOf(no)).toEqual({ entries: 1, toCitizen: 1 });
    const buttonAnswer = telegram.callbackAnswer(updates[0]!.callback_query!.id)?.text;
    const commandAnswer = telegram.lastMessage(CLERK_WANG)?.text;
    const outcomes = [buttonAnswer, commandAnswer].sort();
    expect(
      outcomes.join(" | ") === [`已处理：${no}`, "已由 王芳 处理"].sort().join(" | ") ||
        outcomes.join(" | ") === ["已处理", "已由 李娜 处理"].sort().join(" | "),
    ).toBe(true);
  });
});
