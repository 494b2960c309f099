/**
 * The clerk and unit workflow in Telegram, end to end: a citizen files, a
 * clerk confirms the suggested unit on the card, the unit starts and
 * answers, the citizen rates the answer and asks for a review, which the clerk
 * sends to the unit's next higher organ (first in the list of units to reassign to, which
 * leaves out the unit whose answer is disputed) — with every message the citizen, the
 * clerks and the unit receive.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ratingsOf,
  resolutionRate,
  responseRate,
  satisfactionRate,
} from "../../../src/domain/lifecycle/rates.ts";
import { answerCase, answerReview } from "../../support/answered-case.ts";
import { HOUR } from "../../support/clock.ts";
import type { FakeTelegram } from "../../support/fake-telegram.ts";
import { TelegramCitizen } from "../../support/telegram-citizen.ts";
import {
  buttonData,
  CLERK_LI,
  deliver,
  done,
  fileStreetLight,
  HANDLER_ZHAO,
  press,
  reachStreetLightContact,
  since,
  STAFF_CHAT,
  UNIT_CHAT,
  startStaffService,
  type StaffService,
} from "../../support/telegram-staff.ts";
import type { TestApp } from "../../support/test-app.ts";

describe("the clerk and unit workflow on Telegram", { timeout: 60_000 }, () => {
  let telegram: FakeTelegram;
  let service: TestApp;
  let staff: StaffService;
  const app = () => service;

  beforeEach(async () => {
    staff = await startStaffService();
    ({ telegram, service } = staff);
  });
  afterEach(() => staff.stop());

  it("shows the clerks a surname said alone at the name question as a surname, not asked again", async () => {
    const citizen = new TelegramCitizen(telegram, () => service.app.db, 1002);
    await reachStreetLightContact(citizen);
    await citizen.say("13812345678");
    await citizen.say("俺姓赵");
    // Straight to the summary, the surname as the name: no second question for a full name.
    expect(citizen.text).toContain("内容对不对");
    expect(citizen.text).toContain("赵，138");
    await citizen.tap("提交");

    await deliver(service);
    const [card] = telegram.sentMessages(STAFF_CHAT);
    expect(card!.text).toContain("反映人：赵（只留了姓）  电话：138");
  });

  // The whole life of a case, some 30 updates and deliveries: 20 s on a quiet machine, 112 s
  // once at CI's load 22 (the file's first test also loads what the later ones find loaded).
  it("goes from submission through confirmation, handling, answer, rating and review", async () => {
    const citizen = new TelegramCitizen(telegram, () => service.app.db, 1001);
    const clerk = telegram.groupUser(STAFF_CHAT, CLERK_LI, { firstName: "李娜" });
    const handler = telegram.groupUser(UNIT_CHAT, HANDLER_ZHAO, { firstName: "赵强" });
    // The citizen also writes who they are into the complaint, as many do.
    const no = await fileStreetLight(
      citizen,
      "我们小区门口的路灯坏了很久了，晚上很黑，老人走路不方便。我是张秀英，电话13812345678",
    );
    let citizenSeen = telegram.sentMessages(1001).length;

    // The clerks get the card: identity, suggestion, buttons.
    await deliver(service);
    const [card] = telegram.sentMessages(STAFF_CHAT);
    expect(telegram.sentMessages(STAFF_CHAT)).toHaveLength(1);
    expect(card!.text).toContain(`【新反映】${no}（待受理）`);
    expect(card!.text).toContain("类别：市政市容（申诉求决类）");
    expect(card!.text).toContain("地区：川汇区");
    // The day the citizen's words were read as, then their words, as the console shows them.
    expect(card!.text).toMatch(/时间：\d{4}年\d{1,2}月\d{1,2}日（前天下午）/);
    expect(card!.text).toContain("路灯坏了很久了");
    expect(card!.text).toContain("13812345678");
    expect(card!.text).toMatch(/建议交办：川汇区城市管理局（把握 \d+%/);
    expect(buttonData(card)).toEqual([`k:ok:${no}`, `k:ch:${no}`, `k:na:${no}`, `k:mg:${no}`]);

    // One tap: accepted and assigned; the card says so and by whom.
    const answer = await press(app, telegram, clerk, card!, `k:ok:${no}`);
    expect(answer?.text).toBe("已处理");
    const decided = telegram.sentMessages(STAFF_CHAT)[0]!;
    expect(decided.edited).toBe(true);
    expect(decided.text).toContain("（已交办）");
    expect(decided.text).toMatch(/李娜 📤 交办：川汇区城市管理局/);
    expect(buttonData(decided)).toEqual([]);

    // The citizen is told; the unit gets the case without the citizen's identity.
    await deliver(service);
    expect(since(telegram, 1001, citizenSeen).map((m) => m.text)).toEqual([
      expect.stringContaining(`您反映的问题（编号 ${no}）已受理`),
    ]);
    citizenSeen = telegram.sentMessages(1001).length;
    const unitMessages = telegram.sentMessages(UNIT_CHAT);
    expect(unitMessages.map((m) => m.text)).toEqual([
      expect.stringContaining(`【新交办】事项 ${no}（申诉求决类）已交由本单位办理`),
      expect.stringContaining(`【交办】 ${no}（已交办）`),
    ]);
    const unitCard = unitMessages[1]!;
    expect(unitCard.text).toContain("路灯坏了很久了");
    // Masked as the name the citizen shared (秀英) and every valid phone number.
    expect(unitCard.text).toContain("我是张**，电话***********");
    for (const message of unitMessages) {
      expect(message.text).not.toContain("13812345678");
      expect(message.text).not.toContain("秀英");
    }
    expect(buttonData(unitCard)).toEqual([`k:st:${no}`, `k:pg:${no}`, `k:ex:${no}`, `k:rt:${no}`]);

    // The handler starts: the citizen hears of it, the card offers the answer.
    service.clock.advance(HOUR);
    expect((await press(app, telegram, handler, unitCard, `k:st:${no}`))?.text).toBe("已处理");
    expect(buttonData(telegram.sentMessages(UNIT_CHAT)[1])).toEqual([
      `k:an:${no}`,
      `k:pg:${no}`,
      `k:ex:${no}`,
      `k:rt:${no}`,
    ]);
    await deliver(service);
    expect(since(telegram, 1001, citizenSeen).map((m) => m.text)).toEqual([
      expect.stringContaining("办理单位已经开始办理"),
    ]);
    citizenSeen = telegram.sentMessages(1001).length;

    // Answer: outcome by button, text by reply.
    await press(app, telegram, handler, telegram.sentMessages(UNIT_CHAT)[1]!, `k:an:${no}`);
    await press(app, telegram, handler, telegram.sentMessages(UNIT_CHAT)[1]!, `k:ao:${no}:support`);
    const prompt = telegram.lastMessage(UNIT_CHAT)!;
    expect(prompt.text).toContain(`请回复 ${no} 的答复内容（支持）`);
    expect(prompt.reply_markup).toMatchObject({ force_reply: true });
    await done(app, telegram, handler.sendText("路灯已于今日修复，感谢您的反映。"));
    // Then the promised day is asked, with a button for none (staff-answer-promise.test.ts).
    const promise = telegram.lastMessage(UNIT_CHAT)!;
    expect(promise.text).toContain(`${no} 承诺哪天办好？`);
    await press(app, telegram, handler, promise, `k:np:${no}`);
    expect(telegram.lastMessage(UNIT_CHAT)!.text).toBe(`已处理：${no}`);
    const answeredCard = telegram.sentMessages(UNIT_CHAT)[1]!;
    expect(answeredCard.text).toContain("赵科长 💬 答复");
    expect(buttonData(answeredCard)).toEqual([]);

    // The citizen gets the answer and the rating question.
    await deliver(service);
    const toCitizen = since(telegram, 1001, citizenSeen);
    expect(toCitizen.map((m) => m.text)).toEqual([
      expect.stringContaining("已有答复（支持您的诉求）"),
      "处理意见：\n路灯已于今日修复，感谢您的反映。",
      "请告诉我们：您反映的问题解决了吗？",
    ]);
    const question = toCitizen[2]!;
    expect(buttonData(question)).toEqual([`k:sv:${no}:1`, `k:sv:${no}:0`]);
    citizenSeen = telegram.sentMessages(1001).length;

    // 未解决, 不满意: asked why, offered a review.
    await press(app, telegram, citizen.user, question, `k:sv:${no}:0`);
    const satisfaction = telegram
      .sentMessages(1001)
      .find((m) => m.message_id === question.message_id)!;
    expect(satisfaction.text).toContain("您选择了“未解决”");
    expect(buttonData(satisfaction)).toEqual([
      `k:sf:${no}:0:s`,
      `k:sf:${no}:0:b`,
      `k:sf:${no}:0:d`,
    ]);
    await press(app, telegram, citizen.user, satisfaction, `k:sf:${no}:0:d`);
    expect(
      telegram.sentMessages(1001).find((m) => m.message_id === question.message_id)!.text,
    ).toBe(`谢谢您的评价（编号 ${no}）。`);
    const followUp = since(telegram, 1001, citizenSeen);
    expect(followUp.map((m) => m.text)).toEqual([
      expect.stringContaining(`说说编号 ${no} 哪里没有解决或不满意`),
      expect.stringMatching(
        new RegExp(
          `^如果您对编号 ${no} 的答复不服，可以在 .+ 前申请复查，由办理单位的上一级机关办理`,
        ),
      ),
    ]);
    citizenSeen = telegram.sentMessages(1001).length;

    // The typed reason is recorded, not taken for a new complaint.
    await citizen.say("路灯只亮了一天又坏了");
    expect(since(telegram, 1001, citizenSeen).map((m) => m.text)).toEqual([
      "已记录您的意见，谢谢。",
    ]);
    citizenSeen = telegram.sentMessages(1001).length;
    const stored = await service.app.db.case.findUniqueOrThrow({
      where: { trackingNo: no },
      include: { ratings: true },
    });
    expect(stored.ratings).toMatchObject([
      { solved: false, satisfaction: "dissatisfied", reason: "路灯只亮了一天又坏了" },
    ]);
    const ratings = ratingsOf([{ solved: false, satisfaction: "dissatisfied" }]);
    expect(resolutionRate(ratings).value).toBe(0);
    expect(satisfactionRate(ratings).value).toBe(0);
    expect(responseRate([stored]).value).toBe(1);

    // The review request reaches the citizen and the clerks.
    const clerkSeen = telegram.sentMessages(STAFF_CHAT).length;
    await press(app, telegram, citizen.user, followUp[1]!, `k:rv:${no}`);
    await deliver(service);
    expect(since(telegram, 1001, citizenSeen).map((m) => m.text)).toEqual([
      expect.stringContaining(`您对编号 ${no} 的复查申请已收到`),
    ]);
    const toClerks = since(telegram, STAFF_CHAT, clerkSeen);
    expect(toClerks.map((m) => m.text)).toEqual([
      expect.stringContaining(`【复查申请】事项 ${no} 申请复查（原办理单位：川汇区城市管理局）`),
    ]);
    // Proposed: the next higher organ of the unit that answered (the city's bureau), not the
    // district bureau itself; one tap sends the review there.
    const proposal = `k:u:${no}:urban_management.city:x`;
    expect(toClerks[0]!.text).toContain(
      "建议复查机关：周口市城市管理局（作出答复单位的上一级机关）",
    );
    expect(buttonData(toClerks[0])).toEqual([proposal, `k:ch:${no}`]);
    // Everything the unit received: the notice, its card (kept up to date: the answer, then the
    // review the citizen asked for, which is not this unit's to answer: no buttons), the
    // question, the receipt.
    await telegram.waitUntil(() => /复查复核中/.test(telegram.sentMessages(UNIT_CHAT)[1]!.text!));
    expect(buttonData(telegram.sentMessages(UNIT_CHAT)[1])).toEqual([]);
    expect(telegram.sentMessages(UNIT_CHAT).map((m) => m.text)).toEqual([
      expect.stringContaining("已交由本单位办理"),
      expect.stringMatching(/【交办】 .*（复查复核中）[\s\S]*赵科长 💬 答复/),
      expect.stringContaining("的答复内容（支持）"),
      expect.stringContaining("承诺哪天办好？"),
      `已处理：${no}`,
    ]);
    // And the clerks: the card (decided by 李娜) and the review request.
    expect(telegram.sentMessages(STAFF_CHAT).map((m) => m.text)).toEqual([
      expect.stringMatching(/【新反映】[\s\S]*李娜 📤 交办/),
      expect.stringContaining("【复查申请】"),
    ]);

    // 改派其他单位 lists the units the review may go to: the proposed organ first, never the
    // district bureau whose answer is disputed (the lifecycle refuses it).
    const { categoryCode } = await service.app.db.case.findUniqueOrThrow({
      where: { trackingNo: no },
    });
    const notice = () =>
      telegram.sentMessages(STAFF_CHAT).find((m) => m.message_id === toClerks[0]!.message_id)!;
    await press(app, telegram, clerk, notice(), `k:ch:${no}`);
    await press(app, telegram, clerk, notice(), `k:cat:${no}:${categoryCode}`);
    const units = buttonData(notice());
    expect(units[0]).toBe(proposal);
    expect(units).not.toContain(`k:u:${no}:urban_management.chuanhui:x`);
    expect(units.length).toBeGreaterThan(2);
    expect(units.at(-1)).toBe(`k:ch:${no}`);

    // The clerk takes the proposal: the city's bureau now holds the review.
    expect((await press(app, telegram, clerk, notice(), proposal))?.text).toBe("已处理");
    expect(
      await service.app.db.case.findUniqueOrThrow({
        where: { trackingNo: no },
        select: { status: true, unitId: true, reviewStage: true },
      }),
    ).toEqual({ status: "under_review", unitId: "urban_management.city", reviewStage: 1 });
  }, 180_000);

  /** A citizen's street light filed and answered: the case and the rating question under it. */
  async function answeredStreetLight() {
    const citizen = new TelegramCitizen(telegram, () => service.app.db, 1001);
    const no = await fileStreetLight(
      citizen,
      "我们小区门口的路灯坏了很久了，晚上很黑，老人走路不方便",
    );
    await answerCase(service.app, no);
    await deliver(service);
    const question = telegram.sentMessages(1001).at(-1)!;
    expect(question.text).toBe("请告诉我们：您反映的问题解决了吗？");
    return { citizen, no, question };
  }

  it("keeps a reason that reads as a new matter and offers it for filing too", async () => {
    const { citizen, no, question } = await answeredStreetLight();
    await press(app, telegram, citizen.user, question, `k:sv:${no}:0`);
    await press(app, telegram, citizen.user, question, `k:sf:${no}:0:d`);
    const seen = telegram.sentMessages(1001).length;

    const words = "我家楼下的下水道堵了，臭得很，在川汇区人民路";
    await citizen.say(words);
    expect(since(telegram, 1001, seen).map((m) => m.text)).toEqual([
      "已记录您的意见，谢谢。",
      "这听起来也像是一件新的事：",
      `您说的是：“${words}”\n要把这件事作为一条新的反映吗？`,
    ]);
    const stored = await service.app.db.case.findUniqueOrThrow({
      where: { trackingNo: no },
      include: { ratings: true },
    });
    expect(stored.ratings).toMatchObject([{ solved: false, reason: words }]);
  });

  it("offers the second review (复核) under an unsatisfied rating of the 复查 opinion", async () => {
    const { citizen, no, question } = await answeredStreetLight();
    await press(app, telegram, citizen.user, question, `k:sv:${no}:0`);
    await press(app, telegram, citizen.user, question, `k:sf:${no}:0:d`);
    const offer = telegram.sentMessages(1001).at(-1)!;
    expect(labels(offer)).toEqual(["申请复查"]);
    await press(app, telegram, citizen.user, offer, `k:rv:${no}`);
    await answerReview(service.app, no);
    await deliver(service);
    const opinion = telegram.sentMessages(1001).at(-1)!;
    expect(buttonData(opinion)).toEqual([`k:sv:${no}:1`, `k:sv:${no}:0`]);
    const seen = telegram.sentMessages(1001).length;

    await press(app, telegram, citizen.user, opinion, `k:sv:${no}:0`);
    await press(app, telegram, citizen.user, opinion, `k:sf:${no}:0:d`);
    const second = since(telegram, 1001, seen).at(-1)!;
    expect(second.text).toMatch(
      new RegExp(
        `^如果您对编号 ${no} 的复查意见仍然不服，可以在 .+ 前申请复核，由复查机关的上一级机关办理，30 天内给您复核意见，复核意见是最终意见：$`,
      ),
    );
    expect(labels(second)).toEqual(["申请复核"]);
    await press(app, telegram, citizen.user, second, `k:rv:${no}`);
    expect(
      await service.app.db.case.findUniqueOrThrow({
        where: { trackingNo: no },
        select: { status: true, reviewStage: true },
      }),
    ).toEqual({ status: "under_review", reviewStage: 2 });
  });

  it("records words typed where it asks how satisfied on the case at once, and asks again", async () => {
    const { citizen, no, question } = await answeredStreetLight();
    await press(app, telegram, citizen.user, question, `k:sv:${no}:0`);
    let seen = telegram.sentMessages(1001).length;

    const words = "灯是换了，可是晚上还是一会儿亮一会儿不亮，他们根本没来看过";
    await citizen.say(words);
    const asked = since(telegram, 1001, seen);
    expect(asked.map((m) => m.text)).toEqual([
      "您说的话已经记在这件事上，工作人员看得到。您对这次办理满意吗？请点下面的按钮，您说的话也会作为评价的理由：",
    ]);
    expect(buttonData(asked[0]!)).toEqual([`k:sf:${no}:0:s`, `k:sf:${no}:0:b`, `k:sf:${no}:0:d`]);
    expect(await service.app.db.rating.count()).toBe(0);
    // On the case before any tap: a citizen who never taps loses nothing.
    const commented = await service.app.db.timelineEntry.findMany({
      where: { case: { trackingNo: no }, kind: "answer_commented" },
    });
    expect(commented).toEqual([
      expect.objectContaining({ actorKind: "citizen", data: { text: words }, note: null }),
    ]);
    seen = telegram.sentMessages(1001).length;

    await press(app, telegram, citizen.user, asked[0]!, `k:sf:${no}:0:b`);
    expect(since(telegram, 1001, seen).map((m) => m.text)).toEqual([
      "您说的情况已经和评价一起记下，工作人员会看到。",
      expect.stringMatching(
        new RegExp(
          `^如果您对编号 ${no} 的答复不服，可以在 .+ 前申请复查，由办理单位的上一级机关办理`,
        ),
      ),
    ]);
    // The words are on the case already: the rating does not copy them as its reason.
    expect(await service.app.db.rating.findFirstOrThrow()).toMatchObject({
      solved: false,
      satisfaction: "basically_satisfied",
      reason: null,
    });
    // The question is answered: later words go their usual way.
    seen = telegram.sentMessages(1001).length;
    await citizen.say("不满意");
    expect(
      since(telegram, 1001, seen)
        .map((m) => m.text)
        .join("\n"),
    ).not.toContain("记在这件事上");
  });

  it("offers words typed where it asks how satisfied for filing too when they read as a new matter", async () => {
    const { citizen, no, question } = await answeredStreetLight();
    await press(app, telegram, citizen.user, question, `k:sv:${no}:0`);
    const seen = telegram.sentMessages(1001).length;
    const words = "我家楼下的下水道堵了，臭得很，在川汇区人民路";
    await citizen.say(words);
    expect(since(telegram, 1001, seen).map((m) => m.text)).toEqual([
      "您说的话已经记在这件事上，工作人员看得到。您对这次办理满意吗？请点下面的按钮，您说的话也会作为评价的理由：",
      "这听起来也像是一件新的事：",
      `您说的是：“${words}”\n要把这件事作为一条新的反映吗？`,
    ]);
  });

  it("answers a question to the service where it asks how satisfied, records nothing, and asks again", async () => {
    const { citizen, no, question } = await answeredStreetLight();
    await press(app, telegram, citizen.user, question, `k:sv:${no}:0`);
    const seen = telegram.sentMessages(1001).length;

    await citizen.say("不满意怎么办");
    const replies = since(telegram, 1001, seen);
    expect(replies.map((m) => m.text)).toEqual([
      expect.stringContaining("天内可以申请复查"),
      "您选择了“未解决”。您对这次办理满意吗？",
    ]);
    expect(buttonData(replies.at(-1)!)).toEqual([
      `k:sf:${no}:0:s`,
      `k:sf:${no}:0:b`,
      `k:sf:${no}:0:d`,
    ]);
    const commented = await service.app.db.timelineEntry.count({
      where: { case: { trackingNo: no }, kind: "answer_commented" },
    });
    expect(commented).toBe(0);

    await press(app, telegram, citizen.user, replies.at(-1)!, `k:sf:${no}:0:d`);
    const rating = await service.app.db.rating.findFirstOrThrow({
      where: { case: { trackingNo: no } },
    });
    expect(rating).toMatchObject({ solved: false, satisfaction: "dissatisfied", reason: null });
  });

  it("answers a question to the service where it asks what was wrong, and still takes the reason", async () => {
    const { citizen, no, question } = await answeredStreetLight();
    await press(app, telegram, citizen.user, question, `k:sv:${no}:0`);
    await press(app, telegram, citizen.user, question, `k:sf:${no}:0:d`);
    const seen = telegram.sentMessages(1001).length;

    await citizen.say("要花钱吗");
    expect(since(telegram, 1001, seen).map((m) => m.text)).toEqual([
      expect.stringContaining("不收任何费用"),
      expect.stringContaining("哪里没有解决或不满意"),
    ]);
    const reasonOf = async () =>
      (await service.app.db.rating.findFirstOrThrow({ where: { case: { trackingNo: no } } }))
        .reason;
    expect(await reasonOf()).toBeNull();

    await citizen.say("修的人根本没来");
    expect(await reasonOf()).toBe("修的人根本没来");
  });

  it("shows the citizen their words about the answer, unmasked, in /status 办理经过", async () => {
    const { citizen, no, question } = await answeredStreetLight();
    await press(app, telegram, citizen.user, question, `k:sv:${no}:1`);
    const words = "修是修了，我是王芳，师傅态度不太好";
    await citizen.say(words);
    const asked = telegram.sentMessages(1001).at(-1)!;
    await press(app, telegram, citizen.user, asked, `k:sf:${no}:1:b`);

    await citizen.command(`/status ${no}`);
    expect(citizen.text).toContain(`您对答复的意见：${words}`);
  });
});

/** The labels of a message's inline buttons. */
function labels(message: { reply_markup?: unknown }): string[] {
  const markup = message.reply_markup as { inline_keyboard?: { text: string }[][] } | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((b) => b.text);
}
