/**
 * Group chats other than the clerks' and the units': the bot takes no complaint there and does
 * not join the chatter, but whoever speaks to it (/start, another command, a mention) is told
 * once, in their language, to talk to it privately, with a link to the private chat. The staff
 * groups go on as before: nothing is said there for a /start.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeTelegram, FakeUser } from "../../support/fake-telegram.ts";
import {
  CLERK_LI,
  done,
  HANDLER_ZHAO,
  STAFF_CHAT,
  UNIT_CHAT,
  startStaffService,
  type StaffService,
} from "../../support/telegram-staff.ts";

const NEIGHBOURS_CHAT = -100700;

describe("Telegram group chats that are not the staff's", { timeout: 60_000 }, () => {
  let staff: StaffService;
  let telegram: FakeTelegram;
  let nextMember = 7001;
  const app = () => staff.service;
  const botLink = () => `https://t.me/${telegram.botInfo.username}`;

  beforeAll(async () => {
    staff = await startStaffService();
    ({ telegram } = staff);
  });
  afterAll(() => staff.stop());

  const member = (languageCode?: string): FakeUser =>
    telegram.groupUser(NEIGHBOURS_CHAT, nextMember++, {
      ...(languageCode !== undefined && { languageCode }),
    });

  /** What the bot said in the neighbours' group after `seen` of its messages. */
  const saidInGroupSince = (seen: number) =>
    telegram
      .sentMessages(NEIGHBOURS_CHAT)
      .slice(seen)
      .map((message) => message.text);

  it("answers /start with one short pointer to the private chat, in Chinese", async () => {
    const seen = telegram.sentMessages(NEIGHBOURS_CHAT).length;
    const start = member().sendCommand("/start");
    await done(app, telegram, start);
    const said = saidInGroupSince(seen);
    expect(said).toHaveLength(1);
    expect(said[0]).toContain("群里不受理诉求");
    expect(said[0]).toContain(botLink());
  });

  it("answers in English a member whose Telegram is in English", async () => {
    const seen = telegram.sentMessages(NEIGHBOURS_CHAT).length;
    await done(app, telegram, member("en-GB").sendCommand("/start"));
    expect(saidInGroupSince(seen)).toEqual([
      `Hello! Reports are not taken in group chats, and nothing said in the group is recorded. To report a problem, chat with me privately here: ${botLink()}`,
    ]);
  });

  it("points a member who mentions the bot, or sends it another command, to the private chat", async () => {
    const seen = telegram.sentMessages(NEIGHBOURS_CHAT).length;
    const neighbour = member();
    await done(
      app,
      telegram,
      neighbour.sendText(`@${telegram.botInfo.username} 小区门口的路灯坏了一个星期了`),
    );
    await done(app, telegram, neighbour.sendCommand(`/help@${telegram.botInfo.username}`));
    const said = saidInGroupSince(seen);
    expect(said).toHaveLength(2);
    for (const text of said) expect(text).toContain(botLink());
  });

  it("files nothing from a group and stays silent in its chatter and at other bots' commands", async () => {
    const seen = telegram.sentMessages(NEIGHBOURS_CHAT).length;
    const neighbour = member();
    const updates = [
      neighbour.sendText("小区门口的路灯坏了一个星期了，晚上很黑，谁能反映一下"),
      neighbour.sendText("我要投诉"),
      neighbour.sendCommand("/start@another_bot"),
    ];
    for (const update of updates) await done(app, telegram, update);
    expect(saidInGroupSince(seen)).toEqual([]);
    expect(await app().app.db.case.count()).toBe(0);
    expect(await app().app.db.dialogueState.count()).toBe(0);
  });

  it("says nothing to a /start in the clerks' group or in a unit's group, as before", async () => {
    const clerks = telegram.sentMessages(STAFF_CHAT).length;
    const unit = telegram.sentMessages(UNIT_CHAT).length;
    await done(app, telegram, telegram.groupUser(STAFF_CHAT, CLERK_LI).sendCommand("/start"));
    await done(app, telegram, telegram.groupUser(UNIT_CHAT, HANDLER_ZHAO).sendCommand("/start"));
    expect(telegram.sentMessages(STAFF_CHAT).slice(clerks)).toEqual([]);
    expect(telegram.sentMessages(UNIT_CHAT).slice(unit)).toEqual([]);
  });
});
