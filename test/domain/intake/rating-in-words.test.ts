/**
 * A citizen whose answer came back writes how they find it instead of tapping the rating
 * buttons under it. Clear words are offered as the rating, on the product's scale (已解决 /
 * 未解决, 满意 / 基本满意 / 不满意), for a typed or tapped yes; stored then as the buttons
 * store it: once, while the answer may be rated, with a review offered after a negative one.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { Conversation, citizenCase, createWorld, type World } from "./fakes.ts";

const ANSWERED = "ZK-20261120-0007";

describe("rating an answer in words", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world, "telegram:1001");
    world.cases.add("telegram:1001", citizenCase(ANSWERED, { status: "answered" }));
  });

  it.each([
    ["修好了，谢谢你们", "已解决，满意"],
    ["都修好了谢谢", "已解决，满意"],
    ["满意", "已解决，满意"],
    ["很满意！", "已解决，满意"],
    ["挺好的", "已解决，满意"],
    ["基本满意吧", "已解决，基本满意"],
    ["还行", "已解决，基本满意"],
    ["不满意", "未解决，不满意"],
    ["还是没修", "未解决，不满意"],
    ["还是没解决，灯还是不亮", "未解决，不满意"],
    ["没人来", "未解决，不满意"],
    ["修好了，但是不满意", "已解决，不满意"],
  ])("offers %s as the rating 「%s」", async (words, rating) => {
    await c.say(words);
    expect(c.text).toBe(`要把诉求 ${ANSWERED} 的答复评为「${rating}」吗？`);
    expect(c.labels).toEqual(["是，就这样评价", "不评价"]);
    expect(world.ratings.ratings).toEqual([]);
  });

  it("stores a satisfied rating on a typed yes, and thanks", async () => {
    await c.say("修好了，谢谢你们");
    await c.say("好的");
    expect(world.ratings.ratings).toEqual([
      { trackingNo: ANSWERED, rating: { solved: true, satisfaction: "satisfied" } },
    ]);
    expect(c.text).toBe(`谢谢您的评价（编号 ${ANSWERED}）。`);
    expect(c.labels).toContain("我要反映问题");
    expect(c.state.pending).toBeNull();
  });

  it("offers a review after an unsatisfied rating, as the buttons under the answer do", async () => {
    await c.say("还是没修");
    await c.tap("是，就这样评价");
    expect(world.ratings.ratings).toEqual([
      { trackingNo: ANSWERED, rating: { solved: false, satisfaction: "dissatisfied" } },
    ]);
    expect(c.text).toContain("如果您对答复不服，可以申请复查");
    const review = c.buttonId("申请复查");
    await c.say("灯还是不亮");
    // The button stays under the rating's thanks, the reason given meanwhile.
    await c.send({ type: "choice", id: review });
    expect(world.ratings.reviews).toEqual([ANSWERED]);
    expect(c.text).toContain(`已为编号 ${ANSWERED} 申请复查`);
    // The button stays under the earlier message; a second press is refused by the rules.
    await c.send({ type: "choice", id: review });
    expect(c.text).toContain("现在不能申请复查");
  });

  it.each([
    ["还是没修", "未解决"],
    ["不满意", "不满意"],
  ])(
    "asks after %s what was wrong, in the words of the buttons under the answer",
    async (words) => {
      await c.say(words);
      await c.say("是");
      expect(c.text).toContain(
        `请直接回复，说说编号 ${ANSWERED} 哪里没有解决或不满意，我们会认真改进：`,
      );
      await c.say("路灯还是一闪一闪的，晚上看不清路");
      expect(world.ratings.reasons).toEqual([
        { trackingNo: ANSWERED, reason: "路灯还是一闪一闪的，晚上看不清路" },
      ]);
      expect(c.text).toContain("已记录您的意见，谢谢。");
      expect(c.labels).toContain("我要反映问题");
      expect(c.state.pending).toBeNull();
    },
  );

  it("asks no reason after a satisfied rating", async () => {
    await c.say("修好了，谢谢你们");
    await c.say("是");
    expect(c.text).not.toContain("哪里没有解决");
    await c.say("小区门口的井盖又没了，晚上很危险");
    expect(world.ratings.reasons).toEqual([]);
    expect(c.state.pending?.kind).toBe("offer");
  });

  it("reads words long after the reason was asked afresh, as a new matter", async () => {
    await c.say("还是没修");
    await c.say("是");
    c.now = new Date(c.now.getTime() + 2 * 3_600_000);
    await c.say("小区门口的井盖又没了，晚上很危险");
    expect(world.ratings.reasons).toEqual([]);
    expect(c.state.pending?.kind).toBe("offer");
  });

  it("keeps asking for the reason when it cannot be stored now", async () => {
    await c.say("还是没修");
    await c.say("是");
    world.ratings.failing = true;
    await c.say("根本没人来看过");
    expect(c.text).toContain("您的意见没有记下");
    world.ratings.failing = false;
    await c.say("根本没人来看过");
    expect(world.ratings.reasons).toEqual([{ trackingNo: ANSWERED, reason: "根本没人来看过" }]);
  });

  it.each([
    ["灯修好了谢谢", "已解决，满意"],
    ["路灯已经修好了，谢谢你们", "已解决，满意"],
    ["楼道灯还是没修好", "未解决，不满意"],
    ["这次处理得挺好", "已解决，满意"],
  ])("reads %s, feedback after a few words, as the rating 「%s」", async (words, rating) => {
    await c.say(words);
    expect(c.text).toBe(`要把诉求 ${ANSWERED} 的答复评为「${rating}」吗？`);
  });

  it.each([
    "路灯坏了，谢谢",
    "我家楼下的下水道堵了一个星期了，臭得不行，麻烦你们派人来看看，谢谢",
    "小区门口的井盖又没了，晚上很危险，谢谢你们",
  ])("offers %s, a new matter ending in thanks, for filing", async (words) => {
    await c.say(words);
    expect(c.state.pending?.kind).toBe("offer");
  });

  it.each(["不", "不用", "不评价"])("stores nothing after %s", async (no) => {
    await c.say("满意");
    await c.say(no);
    expect(world.ratings.ratings).toEqual([]);
    expect(c.text).toContain("没有评价");
    expect(c.state.pending).toBeNull();
  });

  it("rates an answer only once", async () => {
    await c.say("满意");
    await c.say("是");
    await c.say("很满意");
    expect(c.text).toContain("您是在说 ZK-20261120-0007 的答复吧");
    expect(world.ratings.ratings).toHaveLength(1);
  });

  it("refuses a yes once the answer was rated meanwhile (under the answer)", async () => {
    await c.say("满意");
    world.ratings.ratings.push({
      trackingNo: ANSWERED,
      rating: { solved: true, satisfaction: "basically_satisfied" },
    });
    await c.say("是的");
    expect(c.text).toContain("已经评价过了");
    expect(world.ratings.ratings).toHaveLength(1);
  });

  it("keeps the offer and asks again when the rating cannot be stored now", async () => {
    await c.say("满意");
    world.ratings.failing = true;
    await c.say("对");
    expect(c.text).toContain("评价没有记下");
    expect(c.state.pending?.kind).toBe("rate");
    world.ratings.failing = false;
    await c.say("对");
    expect(world.ratings.ratings).toHaveLength(1);
  });

  it("reads other words afresh: a new matter is offered for filing", async () => {
    await c.say("满意");
    await c.say("小区门口的井盖又没了，晚上很危险");
    expect(c.state.pending?.kind).toBe("offer");
    expect(world.ratings.ratings).toEqual([]);
  });

  it.each(["谢谢", "感谢你们", "还是没解决，谢谢"])(
    "keeps pointing %s to the buttons: no clear rating in it",
    async (words) => {
      await c.say(words);
      expect(c.state.pending).toBeNull();
      expect(c.text).toContain("您是在说 ZK-20261120-0007 的答复吧");
    },
  );

  it("does not offer a rating for a case that is not answered", async () => {
    world.cases.cases.length = 0;
    world.cases.add("telegram:1001", citizenCase(ANSWERED, { status: "in_progress" }));
    await c.say("不满意");
    expect(c.state.pending?.kind).not.toBe("rate");
  });

  it("offers it in English too", async () => {
    await c.command("lang", "en");
    await c.say("fixed, thanks");
    expect(c.text).toBe(`Shall I rate the answer to ${ANSWERED} as “solved, satisfied”?`);
    await c.say("yes");
    expect(c.text).toBe(`Thank you for your rating (no. ${ANSWERED}).`);
    expect(world.ratings.ratings).toHaveLength(1);
  });
});

describe("thanks with no answer to rate", () => {
  let c: Conversation;
  beforeEach(async () => {
    c = new Conversation(await createWorld(), "telegram:1001");
  });

  it.each(["谢谢", "谢谢你们", "谢谢你们！", "好的，辛苦了", "多谢🙏", "thank you"])(
    "answers %s politely with the menu, never as a complaint",
    async (words) => {
      await c.say(words);
      expect(c.text).toMatch(/^(?:不客气，有需要随时找我们。|You're welcome)/u);
      expect(c.labels.length).toBeGreaterThan(0);
      expect(c.state.pending).toBeNull();
      expect(c.state.draft).toBeNull();
    },
  );

  it.each([
    "路灯坏了，谢谢",
    "我家楼下的下水道堵了一个星期了，臭得不行，麻烦你们派人来看看，谢谢",
    "谢谢上次修了路灯，这次是小区门口的井盖又没了",
  ])("still offers %s, a matter with thanks in it, for filing", async (words) => {
    await c.say(words);
    expect(c.state.pending?.kind).toBe("offer");
  });

  it("keeps a message offered for filing and asks again", async () => {
    await c.say("小区门口的井盖又没了，晚上很危险");
    await c.say("谢谢");
    expect(c.text).toContain("不客气");
    expect(c.state.pending).toMatchObject({
      kind: "offer",
      text: "小区门口的井盖又没了，晚上很危险",
    });
  });
});
