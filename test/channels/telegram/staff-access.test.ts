/**
 * Who may act on the staff side, and what is refused: anyone who is not a
 * registered staff member, a clerk pressing a unit's button, a handler of
 * another unit, and transitions the lifecycle does not allow.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeTelegram, FakeUser } from "../../support/fake-telegram.ts";
import {
  buttonData,
  CLERK_LI,
  deliver,
  done,
  fileDirectly,
  HANDLER_ZHAO,
  press,
  since,
  STAFF_CHAT,
  UNIT_CHAT,
  startStaffService,
  type StaffService,
} from "../../support/telegram-staff.ts";
import type { TestApp } from "../../support/test-app.ts";

describe("staff access on Telegram", { timeout: 60_000 }, () => {
  let telegram: FakeTelegram;
  let service: TestApp;
  let staff: StaffService;
  const app = () => service;
  let nextCitizen = 3000;

  beforeAll(async () => {
    staff = await startStaffService();
    ({ telegram, service } = staff);
  });
  afterAll(() => staff.stop());

  /** A new case and its card in the clerks' chat. */
  async function newCard(citizenId = nextCitizen++) {
    const no = await fileDirectly(service, citizenId);
    await deliver(service);
    const card = telegram.sentMessages(STAFF_CHAT).find((m) => m.text?.includes(no));
    if (!card) throw new Error(`no card for ${no}`);
    return { no, card };
  }

  const statusOf = async (no: string) =>
    (await service.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } })).status;

  /** The bot's last message in a chat. */
  const lastIn = (chatId: number) => telegram.lastMessage(chatId)?.text;

  /**
   * With its reason asked for, case `no` is not extended yet; `handler` types the reason and it
   * is extended by the days kept, with that reason.
   */
  async function extendsWhenTold(
    handler: FakeUser,
    no: string,
    { days, reason }: { days: number; reason: string },
  ) {
    const row = () => service.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } });
    expect((await row()).extensionDays).toBeNull();
    await done(app, telegram, handler.sendText(reason));
    expect(lastIn(UNIT_CHAT)).toBe(`已处理：${no}`);
    expect(await row()).toMatchObject({ extensionDays: days, extensionReason: reason });
  }

  it("refuses a clerk button or a staff command from someone who is not staff", async () => {
    const { no, card } = await newCard();
    const stranger = telegram.groupUser(STAFF_CHAT, 7777, { firstName: "路人" });

    const answer = await press(app, telegram, stranger, card, `k:ok:${no}`);
    expect(answer).toMatchObject({
      text: "您不是登记在册的工作人员，无权操作。",
      show_alert: true,
    });
    expect(await statusOf(no)).toBe("submitted");
    expect(
      telegram.sentMessages(STAFF_CHAT).find((m) => m.message_id === card.message_id),
    ).toMatchObject({
      edited: false,
    });

    await done(app, telegram, stranger.sendCommand(`/route ${no} urban_management.chuanhui`));
    expect(lastIn(STAFF_CHAT)).toBe("您不是登记在册的工作人员，无权操作。");
    const citizen = telegram.user(7778);
    await done(app, telegram, citizen.sendCommand(`/answer ${no} 支持 已处理`));
    expect(lastIn(7778)).toBe("您不是登记在册的工作人员，无权操作。");
    expect(await statusOf(no)).toBe("submitted");
  });

  it("refuses illegal transitions with a clear answer and changes nothing", async () => {
    const { no, card } = await newCard();
    const clerk = telegram.groupUser(STAFF_CHAT, CLERK_LI, { firstName: "李娜" });
    const handler = telegram.groupUser(UNIT_CHAT, HANDLER_ZHAO, { firstName: "赵强" });

    // A unit cannot start a case nobody sent it.
    await done(app, telegram, handler.sendCommand(`/progress ${no}`));
    expect(lastIn(UNIT_CHAT)).toBe("当前状态（待受理）不能进行这项操作。");

    await press(app, telegram, clerk, card, `k:ok:${no}`);
    await deliver(service);
    const unitCard = telegram
      .sentMessages(UNIT_CHAT)
      .find((m) => m.text?.includes(no) && buttonData(m).length > 0)!;

    // Answering before starting is not a step of the lifecycle.
    await done(app, telegram, handler.sendCommand(`/answer ${no} 支持 已修复`));
    expect(lastIn(UNIT_CHAT)).toBe("当前状态（已交办）不能进行这项操作。");
    // A clerk is not the unit.
    await done(app, telegram, clerk.sendCommand(`/progress ${no}`));
    expect(lastIn(STAFF_CHAT)).toBe("您的角色不能进行这项操作。");
    // A handler of another unit may not touch it.
    await service.app.db.staffMember.create({
      data: {
        username: "qian",
        displayName: "钱",
        role: "handler",
        unitId: "urban_management.fugou",
        telegramUserId: "9201",
      },
    });
    const other = telegram.groupUser(UNIT_CHAT, 9201, { firstName: "钱" });
    expect(await press(app, telegram, other, unitCard, `k:st:${no}`)).toMatchObject({
      text: "这个事项不在本单位，您无权操作。",
      show_alert: true,
    });
    // One extension only.
    await done(app, telegram, handler.sendCommand(`/extend ${no} 10 需要现场勘查`));
    expect(lastIn(UNIT_CHAT)).toBe(`已处理：${no}`);
    await done(app, telegram, handler.sendCommand(`/extend ${no} 5 还要再等`));
    expect(lastIn(UNIT_CHAT)).toBe("已经延期过一次，不能再延期。");
    expect(await statusOf(no)).toBe("assigned");

    const kinds = await service.app.db.timelineEntry.findMany({
      where: { case: { trackingNo: no } },
      orderBy: { at: "asc" },
    });
    expect(kinds.map((e) => e.kind)).toEqual(["submitted", "accepted", "assigned", "extended"]);
  });

  it("sends a report against officials only to the discipline body", async () => {
    const no = await fileDirectly(service, nextCitizen++, {
      category: "discipline",
      description: "川汇区某村支书把低保名额给了自己亲戚，要求查处",
    });
    await deliver(service);
    const card = telegram.sentMessages(STAFF_CHAT).find((m) => m.text?.includes(no))!;
    const clerk = telegram.groupUser(STAFF_CHAT, CLERK_LI, { firstName: "李娜" });

    await press(app, telegram, clerk, card, `k:ch:${no}`);
    const categories = buttonData(
      telegram.sentMessages(STAFF_CHAT).find((m) => m.message_id === card.message_id),
    );
    expect(categories.filter((d) => d.startsWith("k:cat:"))).toEqual([`k:cat:${no}:discipline`]);

    await done(app, telegram, clerk.sendCommand(`/route ${no} civil_affairs.chuanhui`));
    expect(lastIn(STAFF_CHAT)).toBe("检举控告类事项只能交纪检监察机关办理。");
    expect(await statusOf(no)).toBe("submitted");
  });

  it("lets a clerk pick another unit in two taps, or not accept with a typed reason", async () => {
    const first = await newCard();
    const clerk = telegram.groupUser(STAFF_CHAT, CLERK_LI, { firstName: "李娜" });
    const cardOf = (id: number) =>
      telegram.sentMessages(STAFF_CHAT).find((m) => m.message_id === id)!;

    await press(app, telegram, clerk, first.card, `k:ch:${first.no}`);
    await press(
      app,
      telegram,
      clerk,
      cardOf(first.card.message_id),
      `k:cat:${first.no}:environment`,
    );
    expect(buttonData(cardOf(first.card.message_id))[0]).toBe(
      `k:u:${first.no}:ecology_environment.chuanhui:r`,
    );
    await press(
      app,
      telegram,
      clerk,
      cardOf(first.card.message_id),
      `k:u:${first.no}:ecology_environment.chuanhui:r`,
    );
    expect(await statusOf(first.no)).toBe("assigned");
    expect(cardOf(first.card.message_id).text).toMatch(
      /李娜 📤 交办：川汇区生态环境分局|李娜 📤 交办：/,
    );

    const second = await newCard();
    await press(app, telegram, clerk, second.card, `k:na:${second.no}`);
    expect(buttonData(cardOf(second.card.message_id))).toEqual([
      `k:nt:${second.no}:litigation`,
      `k:nt:${second.no}:labour_arbitration`,
      `k:nt:${second.no}:administrative_review`,
      `k:nt:${second.no}:discipline`,
      `k:nt:${second.no}:other_procedure`,
      `k:nt:${second.no}:concluded`,
      `k:nx:${second.no}`,
      `k:bk:${second.no}`,
    ]);
    await press(app, telegram, clerk, cardOf(second.card.message_id), `k:nx:${second.no}`);
    expect(telegram.lastMessage(STAFF_CHAT)).toMatchObject({
      text: `请回复 ${second.no} 不予受理的原因：`,
      reply_markup: { force_reply: true },
    });
    await done(app, telegram, clerk.sendText("重复反映，已在处理"));
    expect(await statusOf(second.no)).toBe("not_accepted");
    expect(cardOf(second.card.message_id).text).toContain("李娜 ⛔ 不予受理：重复反映，已在处理");
    expect(buttonData(cardOf(second.card.message_id))).toEqual([]);

    const third = await newCard();
    await press(app, telegram, clerk, third.card, `k:na:${third.no}`);
    await press(app, telegram, clerk, cardOf(third.card.message_id), `k:nt:${third.no}:litigation`);
    const row = await service.app.db.case.findUniqueOrThrow({ where: { trackingNo: third.no } });
    expect(row).toMatchObject({ status: "not_accepted", notAcceptedChannel: "court" });
    expect(row.notAcceptedReason).toContain("诉讼途径");
  });

  it("shows a possible duplicate on the card and merges into it in two taps", async () => {
    const citizenId = nextCitizen++;
    telegram.user(citizenId);
    const first = await fileDirectly(service, citizenId);
    const no = await fileDirectly(service, citizenId);
    await deliver(service);
    const card = telegram
      .sentMessages(STAFF_CHAT)
      .find((m) => m.text?.includes(`【新反映】${no}`))!;
    // Why, as the scorer found it: the same citizen first, then the place, words and days.
    expect(card.text).toMatch(
      new RegExp(`可能重复：${first}（同一反映人，[^）]*相隔 0 天，待受理）`),
    );
    const clerk = telegram.groupUser(STAFF_CHAT, CLERK_LI, { firstName: "李娜" });
    const cardOf = () =>
      telegram.sentMessages(STAFF_CHAT).find((m) => m.message_id === card.message_id)!;

    await press(app, telegram, clerk, card, `k:mg:${no}`);
    // The same citizen's case first, then the same place and category (earlier tests' cases).
    expect(buttonData(cardOf())[0]).toBe(`k:mi:${no}:${first}`);
    expect(buttonData(cardOf()).slice(-2)).toEqual([`k:mx:${no}`, `k:bk:${no}`]);
    expect(await press(app, telegram, clerk, cardOf(), `k:mi:${no}:${first}`)).toMatchObject({
      text: "已处理",
    });
    expect(await statusOf(no)).toBe("merged");
    expect(cardOf().text).toContain(`李娜 🔗 合并到：${first}`);
    await deliver(service);
    expect(telegram.lastMessage(citizenId)?.text).toContain(`已合并办理`);
  });

  it("lets a unit send a case back with a typed reason, and a clerk assign it again", async () => {
    const { no, unitCard } = await assignedCase();
    const handler = telegram.groupUser(UNIT_CHAT, HANDLER_ZHAO, { firstName: "赵强" });

    await press(app, telegram, handler, unitCard, `k:rt:${no}`);
    expect(lastIn(UNIT_CHAT)).toBe(`请回复 ${no} 退回的原因（为什么不属于本单位职责）：`);
    await done(app, telegram, handler.sendText("该路段由市公路局管理"));
    expect(await statusOf(no)).toBe("returned");
    await deliver(service);
    const notice = telegram.lastMessage(STAFF_CHAT)!;
    expect(notice.text).toContain(`【退回】事项 ${no} 被川汇区城市管理局退回。`);
    expect(notice.text).toContain("原因：该路段由市公路局管理。");
    expect(buttonData(notice)).toEqual([`k:ch:${no}`]);

    const clerk = telegram.groupUser(STAFF_CHAT, CLERK_LI, { firstName: "李娜" });
    await press(app, telegram, clerk, notice, `k:ch:${no}`);
    await press(app, telegram, clerk, telegram.lastMessage(STAFF_CHAT)!, `k:cat:${no}:transport`);
    const units = buttonData(telegram.lastMessage(STAFF_CHAT));
    expect(units[0]).toBe(`k:u:${no}:transport.chuanhui:a`);
    await press(app, telegram, clerk, telegram.lastMessage(STAFF_CHAT)!, units[0]!);
    expect(await statusOf(no)).toBe("assigned");
    expect(telegram.lastMessage(STAFF_CHAT)!.text).toMatch(
      /赵科长 ↩ 退回：该路段由市公路局管理[\s\S]*李娜 📤 交办/,
    );
  });

  it("asks a unit for the days and reason of an extension, and asks again when the reply is not understood", async () => {
    const { no, unitCard } = await assignedCase();
    const handler = telegram.groupUser(UNIT_CHAT, HANDLER_ZHAO, { firstName: "赵强" });

    await press(app, telegram, handler, unitCard, `k:ex:${no}`);
    expect(lastIn(UNIT_CHAT)).toContain(`请回复 ${no} 延期的天数和原因`);
    await done(app, telegram, handler.sendText("需要现场勘查"));
    expect(lastIn(UNIT_CHAT)).toBe("格式不对。请回复天数和原因，例如：15 需要现场勘查");
    await done(app, telegram, handler.sendText("15 需要现场勘查"));
    expect(lastIn(UNIT_CHAT)).toBe(`已处理：${no}`);
    const row = await service.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } });
    expect(row).toMatchObject({ extensionDays: 15, extensionReason: "需要现场勘查" });
    const edited = telegram
      .sentMessages(UNIT_CHAT)
      .find((m) => m.message_id === unitCard.message_id)!;
    expect(edited.text).toContain("赵科长 ⏳ 延期：15 天，需要现场勘查");
    // The one extension is used: the card no longer offers 延期.
    expect(buttonData(edited)).toEqual([`k:st:${no}`, `k:pg:${no}`, `k:rt:${no}`]);
  });

  it("asks for the reason of an extension given as days only, and takes the next message as it", async () => {
    const { no, unitCard } = await assignedCase();
    const handler = telegram.groupUser(UNIT_CHAT, HANDLER_ZHAO, { firstName: "赵强" });

    await press(app, telegram, handler, unitCard, `k:ex:${no}`);
    await done(app, telegram, handler.sendText("10天"));
    expect(lastIn(UNIT_CHAT)).toBe("延期须说明理由。请回复延期 10 天的理由，例如：需要现场勘查");
    await done(app, telegram, handler.sendText("   "));
    expect(lastIn(UNIT_CHAT)).toBe("延期须说明理由。请回复延期 10 天的理由，例如：需要现场勘查");
    await extendsWhenTold(handler, no, { days: 10, reason: "需要协调供电公司" });
  });

  it("asks for the reason of /extend typed with days only, keeping its case and days", async () => {
    const { no } = await assignedCase();
    const handler = telegram.groupUser(UNIT_CHAT, HANDLER_ZHAO, { firstName: "赵强" });

    await done(app, telegram, handler.sendCommand(`/extend ${no} 15`));
    const question = telegram.lastMessage(UNIT_CHAT)!;
    expect(question.text).toBe("延期须说明理由。请回复延期 15 天的理由，例如：需要现场勘查");
    expect(question.reply_markup).toMatchObject({ force_reply: true });
    await extendsWhenTold(handler, no, { days: 15, reason: "需要协调供电公司" });
    // Without days the command is not understood: its usage, nothing asked.
    await done(app, telegram, handler.sendCommand(`/extend ${no} 需要协调`));
    expect(lastIn(UNIT_CHAT)).toBe("用法：/extend 编号 天数 原因");
  });

  it("asks again for a return's reason when the reply has none, and takes the next message as it", async () => {
    const { no, unitCard } = await assignedCase();
    const handler = telegram.groupUser(UNIT_CHAT, HANDLER_ZHAO, { firstName: "赵强" });

    await press(app, telegram, handler, unitCard, `k:rt:${no}`);
    await done(app, telegram, handler.sendText(" \n "));
    expect(lastIn(UNIT_CHAT)).toBe("退回须说明理由。请回复退回的原因（为什么不属于本单位职责）：");
    expect(await statusOf(no)).toBe("assigned");
    await done(app, telegram, handler.sendText("该路段由市公路局管理"));
    expect(await statusOf(no)).toBe("returned");
  });

  /** A case sent to the unit, filed by a citizen whose private chat is open; its unit card. */
  async function assignedCase() {
    const citizenId = nextCitizen++;
    telegram.user(citizenId);
    const { no, card } = await newCard(citizenId);
    const clerk = telegram.groupUser(STAFF_CHAT, CLERK_LI, { firstName: "李娜" });
    await press(app, telegram, clerk, card, `k:ok:${no}`);
    await deliver(service);
    const unitCard = telegram
      .sentMessages(UNIT_CHAT)
      .find((m) => m.text?.includes(`【交办】 ${no}`))!;
    return { no, citizenId, unitCard, seen: telegram.sentMessages(citizenId).length };
  }

  it("lets a unit report progress with a typed text: the case starts and the citizen reads it", async () => {
    const { no, citizenId, unitCard, seen } = await assignedCase();
    const handler = telegram.groupUser(UNIT_CHAT, HANDLER_ZHAO, { firstName: "赵强" });
    expect(buttonData(unitCard)).toContain(`k:pg:${no}`);

    await press(app, telegram, handler, unitCard, `k:pg:${no}`);
    expect(lastIn(UNIT_CHAT)).toBe(
      `请回复 ${no} 的办理进展，这段文字会原样发给反映人，例如：已派人现场查看，预计周五前修复`,
    );
    await done(app, telegram, handler.sendText("已派人现场查看，预计周五前修复"));

    expect(lastIn(UNIT_CHAT)).toBe(`已处理：${no}`);
    expect(await statusOf(no)).toBe("in_progress");
    const edited = telegram
      .sentMessages(UNIT_CHAT)
      .find((m) => m.message_id === unitCard.message_id)!;
    expect(edited.text).toMatch(
      /赵科长 ▶ 开始办理\n.*赵科长 📝 办理进展：已派人现场查看，预计周五前修复/,
    );
    expect(buttonData(edited)).toEqual([`k:an:${no}`, `k:pg:${no}`, `k:ex:${no}`, `k:rt:${no}`]);
    await deliver(service);
    const told = since(telegram, citizenId, seen).map((m) => m.text);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(`（编号 ${no}）有新的办理进展：已派人现场查看，预计周五前修复。`);
  });

  it("starts a case with /progress NO, and reports progress with /progress NO text", async () => {
    const { no, citizenId, seen } = await assignedCase();
    const handler = telegram.groupUser(UNIT_CHAT, HANDLER_ZHAO, { firstName: "赵强" });

    await done(app, telegram, handler.sendCommand(`/progress ${no}`));
    expect(lastIn(UNIT_CHAT)).toBe(`已处理：${no}`);
    expect(await statusOf(no)).toBe("in_progress");
    await done(app, telegram, handler.sendCommand(`/progress ${no} 已联系施工单位  明天补装井盖`));
    expect(lastIn(UNIT_CHAT)).toBe(`已处理：${no}`);

    const entries = await service.app.db.timelineEntry.findMany({
      where: { case: { trackingNo: no }, kind: { in: ["started", "progress"] } },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    });
    expect(entries.map((e) => [e.kind, e.note])).toEqual([
      ["started", null],
      ["progress", "已联系施工单位  明天补装井盖"],
    ]);
    await deliver(service);
    const told = since(telegram, citizenId, seen).map((m) => m.text);
    expect(told).toHaveLength(2);
    expect(told[0]).toContain("办理单位已经开始办理");
    expect(told[1]).toContain("有新的办理进展：已联系施工单位  明天补装井盖。");
    // The note stays in the citizen's own view of the case.
    await done(app, telegram, telegram.user(citizenId).sendCommand(`/status ${no}`));
    expect(telegram.lastMessage(citizenId)?.text).toContain("进展：已联系施工单位  明天补装井盖");
  });
});
