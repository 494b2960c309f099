/**
 * The staff cards in Telegram follow the case wherever it is decided: a clerk in the web
 * console, a direct call of the case actions, a unit answering in the console. The card is
 * edited to the case as it now is — its history names who decided, and the buttons for a
 * decision already taken are gone. A card lists the citizen's newest additions (群众补充) under
 * the description, masked on the unit's card as the description is, and what clerks corrected
 * (urgency, category, region): a clerk's reason for the urgency is the clerks' own, never on a
 * unit's card. A card that cannot be edited never undoes the decision.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "../../../src/console/passwords.ts";
import { createConsoleStaffStore } from "../../../src/storage/staff-store.ts";
import type { FakeTelegram } from "../../support/fake-telegram.ts";
import { sonOnlyBefore } from "../../support/former-contact.ts";
import {
  buttonData,
  CLERK_LI,
  deliver,
  fileDirectly,
  fileStreetLight,
  press,
  STAFF_CHAT,
  UNIT_CHAT,
  UNIT_ID,
  startStaffService,
  type StaffService,
} from "../../support/telegram-staff.ts";
import { TelegramCitizen } from "../../support/telegram-citizen.ts";
import type { TestApp } from "../../support/test-app.ts";
import { ConsoleClient, PASSWORD } from "../../console/console-world.ts";

const CITIZEN = 1001;

describe("staff cards kept up to date after decisions taken elsewhere", { timeout: 60_000 }, () => {
  let telegram: FakeTelegram;
  let service: TestApp;
  let staff: StaffService;
  const app = () => service;

  beforeEach(async () => {
    staff = await startStaffService();
    ({ telegram, service } = staff);
    telegram.user(CITIZEN, { firstName: "秀英" });
  });
  afterEach(() => staff.stop());

  /** A staff member of the console, signed in. */
  async function consoleUser(
    username: string,
    displayName: string,
    role: "clerk" | "handler",
  ): Promise<{ client: ConsoleClient; id: string }> {
    const member = await createConsoleStaffStore(service.app.db).add({
      username,
      displayName,
      role,
      unitId: role === "handler" ? UNIT_ID : null,
      passwordHash: await hashPassword(PASSWORD),
    });
    const client = new ConsoleClient(service.url);
    expect((await client.signIn(username)).status).toBe(200);
    return { client, id: member.id };
  }

  /** A new case and its clerk card in the staff chat, still offering its buttons. */
  async function newCaseWithCard(): Promise<{ no: string; cardId: number }> {
    const no = await fileDirectly(service, CITIZEN);
    await deliver(service);
    const card = telegram.sentMessages(STAFF_CHAT).find((m) => m.text?.includes(`【新反映】${no}`));
    expect(buttonData(card)).toContain(`k:ch:${no}`);
    return { no, cardId: card!.message_id };
  }

  function message(chatId: number, messageId: number) {
    return telegram.sentMessages(chatId).find((m) => m.message_id === messageId)!;
  }

  /** Waits until the message shows no buttons any more, and returns it. */
  async function buttonsGone(chatId: number, messageId: number) {
    await telegram.waitUntil(() => buttonData(message(chatId, messageId)).length === 0, {
      description: `buttons of message ${messageId} removed`,
    });
    return message(chatId, messageId);
  }

  it("edits the clerk card when a clerk routes the case in the web console", async () => {
    const { no, cardId } = await newCaseWithCard();
    const { client } = await consoleUser("liu", "刘芳", "clerk");

    const routed = await client.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "route", unitId: UNIT_ID },
      expectedStatus: "submitted",
    });

    expect(routed.status).toBe(200);
    const card = await buttonsGone(STAFF_CHAT, cardId);
    expect(card.edited).toBe(true);
    expect(card.text).toContain(`【新反映】${no}（已交办）`);
    expect(card.text).toMatch(/刘芳 📤 交办：川汇区城市管理局/);
    // The identity stays in the staff chat: the edit is of the clerks' card only.
    expect(card.text).toContain("13812345678");
  });

  it("edits the clerk card when the case actions are called directly", async () => {
    const { no, cardId } = await newCaseWithCard();
    const { id } = await consoleUser("sun", "孙伟", "clerk");

    await service.app.caseActions.act(
      no,
      { type: "not_accept", reason: "不属于受理范围", channel: null },
      { kind: "clerk", id },
    );

    const card = await buttonsGone(STAFF_CHAT, cardId);
    expect(card.text).toContain(`【新反映】${no}（不予受理）`);
    expect(card.text).toMatch(/孙伟 .*不予受理/);
  });

  it("edits the unit's card when the unit answers in the web console", async () => {
    const { no, cardId } = await newCaseWithCard();
    const clerk = telegram.groupUser(STAFF_CHAT, CLERK_LI, { firstName: "李娜" });
    await press(app, telegram, clerk, message(STAFF_CHAT, cardId), `k:ok:${no}`);
    await deliver(service);
    const unitCard = telegram.sentMessages(UNIT_CHAT).find((m) => m.text?.startsWith("【交办】"))!;
    expect(buttonData(unitCard)).toContain(`k:st:${no}`);
    const { client } = await consoleUser("qian", "钱科员", "handler");

    await client.send("POST", `/api/cases/${no}/actions`, { action: { type: "start" } });
    const answered = await client.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "answer", outcome: "support", text: "井盖已于今日补装。" },
    });

    expect(answered.status).toBe(200);
    const card = await buttonsGone(UNIT_CHAT, unitCard.message_id);
    expect(card.text).toContain(`【交办】 ${no}（已答复）`);
    expect(card.text).toMatch(/钱科员 💬 答复/);
    expect(card.text).not.toContain("13812345678");
    // The clerks' card follows too: it names the unit's answer under the clerk's routing.
    await telegram.waitUntil(() => /钱科员 💬 答复/.test(message(STAFF_CHAT, cardId).text!));
    expect(message(STAFF_CHAT, cardId).text).toMatch(/李娜 📤 交办[\s\S]*钱科员 💬 答复/);
  });

  it("lists the citizen's two newest additions, masked on the unit's card", async () => {
    const { no, cardId } = await newCaseWithCard();
    const citizen = { kind: "citizen", id: `telegram:${CITIZEN}` } as const;
    for (const text of [
      "井盖是上周五丢的",
      "旁边还有个大坑",
      "王大爷昨晚差点掉下去，电话13812345678",
    ]) {
      await service.app.caseActions.act(no, { type: "supplement", text }, citizen);
    }
    const clerk = telegram.groupUser(STAFF_CHAT, CLERK_LI, { firstName: "李娜" });

    await press(app, telegram, clerk, message(STAFF_CHAT, cardId), `k:ok:${no}`);
    await deliver(service);

    const clerkCard = await buttonsGone(STAFF_CHAT, cardId);
    expect(clerkCard.text).toContain("群众补充（共 3 条，最新 2 条）：");
    expect(clerkCard.text).toMatch(/旁边还有个大坑\n.*王大爷昨晚差点掉下去，电话13812345678/);
    expect(clerkCard.text).not.toContain("井盖是上周五丢的");
    const unitCard = telegram.sentMessages(UNIT_CHAT).find((m) => m.text?.startsWith("【交办】"))!;
    expect(unitCard.text).toContain("旁边还有个大坑");
    expect(unitCard.text).toContain("昨晚差点掉下去");
    expect(unitCard.text).not.toContain("王大爷");
    expect(unitCard.text).not.toContain("13812345678");
  });

  it("masks on the unit's card and in its notice of an addition every contact the case kept before", async () => {
    const { no, cardId } = await newCaseWithCard();
    const citizen = { kind: "citizen", id: `telegram:${CITIZEN}` } as const;
    await sonOnlyBefore(service.app.caseActions, no, citizen.id);
    const onCard = "我儿子张强昨晚去看了，找他打 158.1234.5678";
    await service.app.caseActions.act(no, { type: "supplement", text: onCard }, citizen);
    const clerk = telegram.groupUser(STAFF_CHAT, CLERK_LI, { firstName: "李娜" });
    await press(app, telegram, clerk, message(STAFF_CHAT, cardId), `k:ok:${no}`);
    await deliver(service);
    // Once the unit holds the case, an addition is told to it in a notice of its own.
    await service.app.caseActions.act(
      no,
      { type: "supplement", text: "张强今早又去看了，井盖还没补" },
      citizen,
    );
    await deliver(service);

    const toUnit = telegram.sentMessages(UNIT_CHAT).map((m) => m.text ?? "");
    expect(toUnit.find((t) => t.startsWith("【交办】"))).toContain(
      "我儿子**昨晚去看了，找他打 ***.****.****",
    );
    expect(toUnit.find((t) => t.startsWith("【群众补充】"))).toContain(
      "补充内容：**今早又去看了，井盖还没补",
    );
    expect(toUnit.join("\n")).not.toMatch(/张强|1234/);
    // The clerks read the words as written.
    expect(message(STAFF_CHAT, cardId).text).toContain(onCard);
  });

  it("marks a consultation's clerk card and unit card 【咨询】", async () => {
    const no = await fileDirectly(service, CITIZEN, {
      description: "请问今年新农合一年交多少钱，在哪交",
      requestKind: "consultation",
    });
    await deliver(service);
    const clerkCard = telegram.sentMessages(STAFF_CHAT).find((m) => m.text?.includes(no));
    expect(clerkCard?.text).toMatch(new RegExp(`^【咨询】【新反映】${no}`));

    await service.app.caseActions.act(
      no,
      { type: "route", unitId: UNIT_ID },
      { kind: "clerk", id: "clerk-li" },
    );
    await deliver(service);

    const unitCard = telegram
      .sentMessages(UNIT_CHAT)
      .find((m) => m.text?.includes(`【交办】 ${no}`));
    expect(unitCard?.text).toMatch(new RegExp(`^【咨询】【交办】 ${no}`));
  });

  it("marks the clerk card of a case not yet routed 【紧急】 when the citizen's addition in the chat makes it urgent", async () => {
    const citizen = new TelegramCitizen(telegram, () => service.app.db, CITIZEN);
    const no = await fileStreetLight(citizen);
    await deliver(service);
    const card = () =>
      telegram.sentMessages(STAFF_CHAT).find((m) => m.text?.includes(`【新反映】${no}`))!;
    expect(card().text).not.toContain("【紧急】");

    await citizen.say("补充一下：又有一个骑电动车的摔进去了");
    await citizen.tap("补充进去");

    await telegram.waitUntil(() => card().text!.startsWith(`【紧急】【新反映】${no}`), {
      description: "the clerk card marked urgent",
    });
    expect(card().edited).toBe(true);
    expect(card().text).toContain("又有一个骑电动车的摔进去了");
    expect(card().text).toMatch(/反映人 🚨 标为紧急：补充的情况有紧急危险$/m);
    expect(buttonData(card())).toContain(`k:ch:${no}`);
  });

  it("counts the citizen's urges (催办) on the clerk card, the urge confirmed in the chat", async () => {
    const citizen = new TelegramCitizen(telegram, () => service.app.db, CITIZEN);
    const no = await fileStreetLight(citizen);
    await deliver(service);
    const card = () =>
      telegram.sentMessages(STAFF_CHAT).find((m) => m.text?.includes(`【新反映】${no}`))!;
    expect(card().text).not.toContain("催办");

    await citizen.say("麻烦抓紧给处理一下");
    await citizen.tap("是，催办");
    expect(citizen.text).toContain(
      `已为您催办，承办单位会尽快处理。（编号 ${no}，第 1 次催办；您说的情况已一并补充）`,
    );

    await telegram.waitUntil(() => card().text!.includes("催办：1 次"), {
      description: "the clerk card counting the urge",
    });
    expect(card().text).toContain("麻烦抓紧给处理一下");
  });

  it("marks the clerk card 【紧急】 when the urgent addition came before the card was sent", async () => {
    const citizen = new TelegramCitizen(telegram, () => service.app.db, CITIZEN);
    const no = await fileStreetLight(citizen);
    await citizen.say("补充一下：又有一个骑电动车的摔进去了");
    await citizen.tap("补充进去");
    await deliver(service);
    const card = () =>
      telegram.sentMessages(STAFF_CHAT).find((m) => m.text?.includes(`【新反映】${no}`))!;
    await telegram.waitUntil(() => card().text!.startsWith(`【紧急】【新反映】${no}`), {
      description: "the clerk card marked urgent",
    });
  });

  it("says an addition of photos without words is one, with how many photos", async () => {
    const { no, cardId } = await newCaseWithCard();
    const citizen = { kind: "citizen", id: `telegram:${CITIZEN}` } as const;
    await service.app.caseActions.act(
      no,
      { type: "supplement", text: null, photoIds: ["cover-1", "cover-2"] },
      citizen,
    );
    const clerk = telegram.groupUser(STAFF_CHAT, CLERK_LI, { firstName: "李娜" });

    await press(app, telegram, clerk, message(STAFF_CHAT, cardId), `k:ok:${no}`);
    await deliver(service);

    const clerkCard = await buttonsGone(STAFF_CHAT, cardId);
    expect(clerkCard.text).toMatch(/群众补充：\n.*（照片 2 张，没有文字）/);
    expect(clerkCard.text).not.toContain("null");
  });

  it("takes the buttons off a unit's card once the case went to another unit", async () => {
    const { no } = await newCaseWithCard();
    const { client } = await consoleUser("he", "何静", "clerk");
    await client.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "route", unitId: UNIT_ID },
    });
    await deliver(service);
    const unitCard = telegram.sentMessages(UNIT_CHAT).find((m) => m.text?.startsWith("【交办】"))!;
    expect(buttonData(unitCard)).toContain(`k:st:${no}`);

    const reassigned = await client.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "reassign", unitId: "urban_management.fugou" },
    });

    expect(reassigned.status).toBe(200);
    const card = await buttonsGone(UNIT_CHAT, unitCard.message_id);
    expect(card.text).toMatch(/何静 .*扶沟县城市管理局/);
  });

  it("names in a card's history the days and reason of an extension", async () => {
    const { no } = await newCaseWithCard();
    const { client: clerk } = await consoleUser("zhou", "周敏", "clerk");
    await clerk.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "route", unitId: UNIT_ID },
    });
    await deliver(service);
    const unitCard = telegram.sentMessages(UNIT_CHAT).find((m) => m.text?.startsWith("【交办】"))!;
    const { client: handler } = await consoleUser("wu", "吴科员", "handler");

    const extended = await handler.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "extend", days: 15, reason: "需要现场勘验" },
    });

    expect(extended.status).toBe(200);
    await telegram.waitUntil(() =>
      /吴科员 .*：15 天，需要现场勘验/.test(message(UNIT_CHAT, unitCard.message_id).text!),
    );
  });

  it("lists a clerk's urgency mark and its lifting, with the clerk's reason on the clerks' card only", async () => {
    const { no, cardId } = await newCaseWithCard();
    const { client } = await consoleUser("liu", "刘芳", "clerk");
    await client.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "route", unitId: UNIT_ID },
    });
    await deliver(service);
    const unitCardId = telegram
      .sentMessages(UNIT_CHAT)
      .find((m) => m.text?.startsWith("【交办】"))!.message_id;
    const clerkCard = () => message(STAFF_CHAT, cardId).text!;
    const unitCard = () => message(UNIT_CHAT, unitCardId).text!;

    const marked = await client.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "set_urgency", urgent: true, reason: "电话核实：井口冒出燃气味" },
    });

    expect(marked.status).toBe(200);
    await telegram.waitUntil(() =>
      clerkCard().includes("刘芳 🚨 标为紧急：电话核实：井口冒出燃气味"),
    );
    await telegram.waitUntil(() => /刘芳 🚨 标为紧急$/m.test(unitCard()));
    expect(unitCard()).toMatch(new RegExp(`^【紧急】【交办】 ${no}`));
    expect(unitCard()).not.toContain("燃气味");

    const lifted = await client.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "set_urgency", urgent: false, reason: "复查：是下水道的沼气，已通风" },
    });

    expect(lifted.status).toBe(200);
    await telegram.waitUntil(() =>
      clerkCard().includes("刘芳 🔕 取消紧急：复查：是下水道的沼气，已通风"),
    );
    await telegram.waitUntil(() => /刘芳 🔕 取消紧急$/m.test(unitCard()));
    expect(unitCard()).toMatch(new RegExp(`^【交办】 ${no}`));
    expect(clerkCard()).toMatch(/刘芳 📤 交办[\s\S]*刘芳 🚨 标为紧急[\s\S]*刘芳 🔕 取消紧急/);
    expect(unitCard()).not.toContain("燃气味");
    expect(unitCard()).not.toContain("沼气");
  });

  it("names a clerk's category, region and class corrections, from → to, on the clerks' card and on the unit's card sent after them", async () => {
    const { no, cardId } = await newCaseWithCard();
    const { client } = await consoleUser("liu", "刘芳", "clerk");
    const clerkCard = () => message(STAFF_CHAT, cardId).text!;

    await client.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "recategorize", categoryCode: "environment" },
    });
    await client.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "set_region", regionCode: "xihua" },
    });

    await client.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "set_class", caseClass: "suggestion" },
    });

    await telegram.waitUntil(() =>
      clerkCard().includes("刘芳 🏷 调整性质：申诉求决类 → 建议意见类"),
    );
    expect(clerkCard()).toContain("刘芳 🏷 调整类别：市政市容 → 生态环境");
    expect(clerkCard()).toContain("刘芳 📍 更正地区：川汇区 → 西华县");
    await client.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "route", unitId: UNIT_ID },
    });
    await deliver(service);
    const unitCard = telegram.sentMessages(UNIT_CHAT).find((m) => m.text?.startsWith("【交办】"))!;
    expect(unitCard.text).toMatch(
      /刘芳 🏷 调整类别：市政市容 → 生态环境\n.*刘芳 📍 更正地区：川汇区 → 西华县\n.*刘芳 🏷 调整性质：申诉求决类 → 建议意见类\n.*刘芳 ✅ 受理\n.*刘芳 📤 交办：川汇区城市管理局/,
    );
    expect(unitCard.text).not.toContain("13812345678");
  });

  it("keeps the decision when Telegram refuses the edit, and catches up on the next one", async () => {
    const { no, cardId } = await newCaseWithCard();
    const { client } = await consoleUser("zhou", "周敏", "clerk");
    telegram.failNext("editMessageText", 1, {
      status: 400,
      description: "Bad Request: message can't be edited",
    });
    const editsBefore = telegram.callsOf("editMessageText").length;

    const routed = await client.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "route", unitId: UNIT_ID },
      expectedStatus: "submitted",
    });

    expect(routed.status).toBe(200);
    await telegram.waitUntil(() => telegram.callsOf("editMessageText").length > editsBefore);
    expect(telegram.callsOf("editMessageText").at(-1)).toMatchObject({ ok: false, injected: true });
    const stored = await service.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } });
    expect(stored.status).toBe("assigned");
    expect(buttonData(message(STAFF_CHAT, cardId))).not.toEqual([]);

    // The unit starts in the console: the card is brought up to date then.
    const { client: unit } = await consoleUser("wu", "吴科员", "handler");
    expect(
      (await unit.send("POST", `/api/cases/${no}/actions`, { action: { type: "start" } })).status,
    ).toBe(200);
    const card = await buttonsGone(STAFF_CHAT, cardId);
    expect(card.text).toMatch(/周敏 📤 交办[\s\S]*吴科员 ▶ 开始办理/);
  });
});
