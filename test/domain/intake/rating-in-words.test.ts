/**
 * A citizen whose answer came back writes how they find it instead of tapping the rating
 * buttons under it. Clear words are offered as the rating, on the product's scale (已解决 /
 * 未解决, 满意 / 基本满意 / 不满意), for a typed or tapped yes; stored then as the buttons
 * store it: once, while the answer may be rated, with a review offered after a negative one.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { Conversation, citizenCase, createWorld, type World } from "./fakes.ts";

const ANSWERED = "ZK-20261120-0007";
const LAST_DAY = new Date("2026-12-20T23:59:59.999+08:00");

describe("rating an answer in words", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world, "telegram:1001");
    world.cases.add(
      "telegram:1001",
      citizenCase(ANSWERED, {
        status: "answered",
        reviewRequest: { stage: 1, lastDay: LAST_DAY, open: true },
      }),
    );
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
    ["钱是给了，但是少给了俺两千块", "未解决，不满意"],
    ["只给了一半", "未解决，不满意"],
    ["还是一样", "未解决，不满意"],
    ["一点没变", "未解决，不满意"],
    ["俺不服", "未解决，不满意"],
    ["差评", "未解决，不满意"],
    // Henan words: 得劲 is "just right", 不得劲 "not right".
    ["得劲", "已解决，满意"],
    ["不得劲", "未解决，不满意"],
  ])("offers %s as the rating 「%s」", async (words, rating) => {
    await c.say(words);
    expect(c.text).toBe(`要把诉求 ${ANSWERED} 的答复评为「${rating}」吗？`);
    expect(c.labels).toEqual(["是，就这样评价", "不评价"]);
    expect(world.ratings.ratings).toEqual([]);
  });

  it("takes words about the answer over an offer left unanswered before the answer came", async () => {
    await c.say("啥时候能给俺们钱啊");
    expect(c.text).toContain("要把这件事作为一条新的反映吗");
    await c.say("钱是给了，但是少给了俺两千块");
    expect(c.text).toBe(`要把诉求 ${ANSWERED} 的答复评为「未解决，不满意」吗？`);
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
    expect(c.text).toContain(
      `对编号 ${ANSWERED} 的答复不服的，可以申请复查，最晚 2026年12月20日 前`,
    );
    const review = c.buttonId("申请复查");
    await c.say("灯还是不亮");
    // The button stays under the rating's thanks, the reason given meanwhile.
    await c.send({ type: "choice", id: review });
    expect(world.ratings.reviews).toEqual([ANSWERED]);
    expect(c.text).toContain(`已为编号 ${ANSWERED} 申请复查`);
    // The button stays under the earlier message; a second press is refused by the rules.
    await c.send({ type: "choice", id: review });
    expect(c.text).toContain("现在不能申请复查或复核");
  });

  it("offers the second review (复核) after an unsatisfied rating of the 复查 opinion", async () => {
    world.cases.cases[0]!.detail = {
      ...world.cases.cases[0]!.detail,
      reviewRequest: { stage: 2, lastDay: LAST_DAY, open: true },
    };
    await c.say("复查了还是没修");
    await c.tap("是，就这样评价");
    expect(c.text).toContain(`对编号 ${ANSWERED} 的复查意见仍然不服的，可以申请复核`);
    expect(c.text).not.toContain("申请复查");
    await c.tap("申请复核");
    expect(c.text).toContain(`已为编号 ${ANSWERED} 申请复核`);
  });

  it("offers no review after an unsatisfied rating of the final 复核 opinion", async () => {
    world.cases.cases[0]!.detail = { ...world.cases.cases[0]!.detail, reviewRequest: null };
    await c.say("还是没修");
    await c.tap("是，就这样评价");
    expect(c.text).toContain(`谢谢您的评价（编号 ${ANSWERED}）。`);
    expect(c.labels).not.toContain("申请复查");
    expect(c.labels).not.toContain("申请复核");
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

  it.each(["钱是给了，但是少给了俺两千块", "路灯还是不亮，晚上黑乎乎的"])(
    "keeps %s as the reason of the rating it gives, without asking what was wrong",
    async (words) => {
      await c.say(words);
      await c.say("是");
      expect(world.ratings.reasons).toEqual([{ trackingNo: ANSWERED, reason: words }]);
      expect(c.text).not.toContain("哪里没有解决");
      expect(c.text).toContain("您说的情况已经和评价一起记下，工作人员会看到。");
      expect(c.labels).toEqual(["申请复查"]);
      expect(c.state.pending).toBeNull();
    },
  );

  it("keeps the words of a satisfied rating that say more than it as its remark", async () => {
    const words = "修好了，师傅人很好，谢谢你们";
    await c.say(words);
    expect(c.text).toBe(`要把诉求 ${ANSWERED} 的答复评为「已解决，满意」吗？`);
    await c.say("是");
    expect(world.ratings.ratings).toEqual([
      { trackingNo: ANSWERED, rating: { solved: true, satisfaction: "satisfied" } },
    ]);
    expect(world.ratings.reasons).toEqual([{ trackingNo: ANSWERED, reason: words }]);
    expect(c.text).toContain("您说的情况已经和评价一起记下，工作人员会看到。");
    expect(c.text).not.toContain("哪里没有解决");
    expect(c.state.pending).toBeNull();
  });

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
    ["不满意怎么办", "天内可以申请复查"],
    ["要花钱吗", "不收任何费用"],
    ["我的事办得怎么样了", ANSWERED],
    [`${ANSWERED}怎么样了`, ANSWERED],
  ])(
    "answers %s, a question to the service or a look at the cases where the reason is asked, and asks again",
    async (question, answer) => {
      await c.say("还是没修");
      await c.say("是");
      await c.say(question);
      expect(c.text).toContain(answer);
      expect(c.text).toContain(`说说编号 ${ANSWERED} 哪里没有解决或不满意`);
      expect(world.ratings.reasons).toEqual([]);
      await c.say("根本没人来看过");
      expect(world.ratings.reasons).toEqual([{ trackingNo: ANSWERED, reason: "根本没人来看过" }]);
    },
  );

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

  it("takes the rating offered, said again in other words (挺满意的), as its yes", async () => {
    await c.say("修好了，谢谢你们");
    await c.say("挺满意的");
    expect(world.ratings.ratings).toEqual([
      { trackingNo: ANSWERED, rating: { solved: true, satisfaction: "satisfied" } },
    ]);
    expect(c.text).toBe(`谢谢您的评价（编号 ${ANSWERED}）。`);
  });

  it("offers another rating said to the offer in its place", async () => {
    await c.say("满意");
    await c.say("基本满意吧");
    expect(c.text).toBe(`要把诉求 ${ANSWERED} 的答复评为「已解决，基本满意」吗？`);
    expect(world.ratings.ratings).toEqual([]);
  });

  describe("once the answer was rated", () => {
    beforeEach(async () => {
      await c.say("满意");
      await c.say("是");
    });

    it.each(["谢谢", "谢谢你们！"])(
      "answers %s as thanks, never as a rating to give",
      async (words) => {
        await c.say(words);
        expect(c.text).toMatch(/^不客气，有需要随时找我们。/u);
        expect(c.text).not.toContain("按钮评价");
        expect(c.state.pending).toBeNull();
      },
    );

    it("tells words about the answer it was rated, and offers the review while it may be asked", async () => {
      await c.say("还是没修好");
      expect(c.text).toContain(
        `您是在说 ${ANSWERED} 的答复吧？谢谢您告诉我们。这次答复您已经评价过了。`,
      );
      expect(c.text).toContain(
        `对编号 ${ANSWERED} 的答复不服的，可以申请复查，最晚 2026年12月20日 前`,
      );
      expect(c.labels).toContain("申请复查");
      expect(world.ratings.ratings).toHaveLength(1);
    });

    it("offers no review when none may be asked for", async () => {
      world.cases.cases[0]!.detail = { ...world.cases.cases[0]!.detail, reviewRequest: null };
      await c.say("很满意");
      expect(c.text).toContain("这次答复您已经评价过了。");
      expect(c.labels).not.toContain("申请复查");
      expect(c.labels).toContain("我要反映问题");
    });

    it("says so in English too", async () => {
      await c.command("lang", "en");
      await c.say("very satisfied");
      expect(c.text).toContain(`You have already rated this answer.`);
    });
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

  it("mentions the review beside the buttons for a complaint's answer, never for a question's", async () => {
    await c.say("还是没解决，谢谢");
    expect(c.text).toContain("不满意还可以申请复查");

    world.cases.cases.length = 0;
    world.cases.add(
      "telegram:1001",
      citizenCase(ANSWERED, { status: "answered", requestKind: "consultation" }),
    );
    await c.say("还是没解决，谢谢");
    expect(c.text).toContain("您是在说 ZK-20261120-0007 的答复吧");
    expect(c.text).not.toContain("复查");
  });

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

describe("a new matter typed where the reason for 未解决 is awaited", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world, "telegram:1001");
    world.cases.add("telegram:1001", citizenCase(ANSWERED, { status: "answered" }));
    await c.say("还是没修");
    await c.say("是");
    expect(c.text).toContain("哪里没有解决或不满意");
  });

  it.each([
    "我家楼下的下水道堵了，臭得很，在川汇区人民路",
    "建业小区3号楼门口的垃圾桶好几天没人清了",
    "小区门口的井盖又没了，晚上很危险",
  ])("keeps %s as the reason and offers it for filing too", async (words) => {
    await c.say(words);
    expect(world.ratings.reasons).toEqual([{ trackingNo: ANSWERED, reason: words }]);
    expect(c.text).toContain("已记录您的意见，谢谢。\n---\n这听起来也像是一件新的事：");
    expect(c.text).toContain("要把这件事作为一条新的反映吗？");
    expect(c.state.pending).toMatchObject({ kind: "offer", text: words });
    await c.tap("是，开始反映");
    expect(c.state.draft?.description).toBe(words);
    expect(world.ratings.reasons).toHaveLength(1);
  });

  it("files nothing when the citizen says it was the reason after all", async () => {
    await c.say("我家楼下的下水道堵了，臭得很，在川汇区人民路");
    await c.tap("不用了");
    expect(c.state.pending).toBeNull();
    expect(c.state.draft).toBeNull();
    expect(world.submitter.submissions).toEqual([]);
    expect(world.ratings.reasons).toHaveLength(1);
  });

  it.each([
    "路灯还是一闪一闪的，晚上看不清路",
    "根本没人来看过，打了三次电话都说在处理",
    "灯还是不亮",
  ])("keeps %s as the reason alone: words about the answer", async (words) => {
    await c.say(words);
    expect(world.ratings.reasons).toEqual([{ trackingNo: ANSWERED, reason: words }]);
    expect(c.text).toBe("已记录您的意见，谢谢。");
    expect(c.state.pending).toBeNull();
  });
});

describe("a matter of another kind typed where the reason for 未解决 is awaited", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world, "telegram:1001");
    // The case answered was about a lift (住房): a street light or wages are another matter.
    world.cases.add(
      "telegram:1001",
      citizenCase(ANSWERED, { status: "answered", category: "housing" }),
    );
    await c.say("还是没修");
    await c.say("是");
    expect(c.text).toContain("哪里没有解决或不满意");
  });

  it.each([
    "还有个事，路灯坏了半个月了，黑灯瞎火的",
    "咱这还有个事，工地欠俺们工资仨月了，老板不露面",
  ])(
    "keeps %s as the reason and offers it for filing: no place, but another kind of matter",
    async (words) => {
      await c.say(words);
      expect(world.ratings.reasons).toEqual([{ trackingNo: ANSWERED, reason: words }]);
      expect(c.text).toContain("这听起来也像是一件新的事：");
      expect(c.state.pending).toMatchObject({ kind: "offer", text: words });
      await c.tap("是，开始反映");
      expect(c.state.draft?.description).toBe(words);
      expect(world.ratings.reasons).toHaveLength(1);
    },
  );

  it.each(["电梯还是三天两头坏，物业也不管", "恁说修好了，电梯今儿又停了，俺娘下不来楼"])(
    "keeps %s as the reason alone: the same kind of matter as the case",
    async (words) => {
      await c.say(words);
      expect(world.ratings.reasons).toEqual([{ trackingNo: ANSWERED, reason: words }]);
      expect(c.text).toBe("已记录您的意见，谢谢。");
      expect(c.state.pending).toBeNull();
    },
  );

  it("keeps the reason alone when the words' kind cannot be told now", async () => {
    world.classifier.failing = true;
    await c.say("还有个事，路灯坏了半个月了，黑灯瞎火的");
    expect(world.ratings.reasons).toHaveLength(1);
    expect(c.text).toBe("已记录您的意见，谢谢。");
    expect(world.problems).toHaveLength(1);
  });
});

describe("a reason given under the answer's buttons that reads as a new matter", () => {
  const WORDS = "我家楼下的下水道堵了，臭得很，在川汇区人民路";

  it("is recognised as a new matter, and a reason about the answer is not", async () => {
    const world = await createWorld();
    world.cases.add("telegram:1001", citizenCase(ANSWERED, { status: "answered" }));
    const readsAsNewMatter = (text: string) =>
      world.engine.readsAsNewMatter(text, { citizenRef: "telegram:1001", trackingNo: ANSWERED });
    expect(await readsAsNewMatter(WORDS)).toBe(true);
    expect(await readsAsNewMatter("小区门口的井盖又没了，晚上很危险")).toBe(true);
    expect(await readsAsNewMatter("还有个事，俺家楼上天天半夜噪音吵得睡不着")).toBe(true);
    expect(await readsAsNewMatter("路灯还是一闪一闪的，晚上看不清路")).toBe(false);
    expect(await readsAsNewMatter("还是没修好，人民路")).toBe(false);
    expect(await readsAsNewMatter("不满意")).toBe(false);
  });

  it("is offered for filing when the channel hands it over (it kept the reason)", async () => {
    const c = new Conversation(await createWorld());
    await c.send({ type: "new_matter", text: WORDS });
    expect(c.text).toBe(
      `这听起来也像是一件新的事：\n---\n您说的是：“${WORDS}”\n要把这件事作为一条新的反映吗？`,
    );
    await c.tap("是，开始反映");
    expect(c.state.draft?.description).toBe(WORDS);
  });

  it("leaves a draft in progress as it was", async () => {
    const c = new Conversation(await createWorld());
    await c.command("new");
    await c.say("小区电梯天天坏，物业也不管");
    const before = c.state;
    await c.send({ type: "new_matter", text: WORDS });
    expect(c.state.draft).toEqual(before.draft);
    expect(c.state.pending).toBeNull();
  });
});

describe("words that the problem is back, from a citizen whose case is answered", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world, "telegram:1001");
    world.cases.add("telegram:1001", citizenCase(ANSWERED, { status: "answered" }));
  });

  it.each(["路灯又坏了", "又坏了", "楼道灯又坏了！"])(
    "asks whether %s is that case not solved, or a new matter",
    async (words) => {
      await c.say(words);
      expect(c.text).toBe(`是编号 ${ANSWERED} 那件事没解决，还是要反映一件新的事？`);
      expect(c.labels).toEqual([`${ANSWERED} 那件事没解决`, "我要反映新问题"]);
      expect(world.ratings.ratings).toEqual([]);
    },
  );

  it("offers the rating 未解决 when it is that case", async () => {
    await c.say("路灯又坏了");
    await c.tap("那件事没解决");
    expect(c.text).toBe(`要把诉求 ${ANSWERED} 的答复评为「未解决，不满意」吗？`);
    await c.say("是的");
    expect(world.ratings.ratings).toEqual([
      { trackingNo: ANSWERED, rating: { solved: false, satisfaction: "dissatisfied" } },
    ]);
  });

  it("starts a new complaint with the words when it is a new matter", async () => {
    await c.say("路灯又坏了");
    await c.tap("我要反映新问题");
    expect(c.state.draft?.description).toBe("路灯又坏了");
    expect(c.state.step).not.toBe("description");
    expect(world.ratings.ratings).toEqual([]);
  });

  it("asks for the words again when they were too few to describe a new matter", async () => {
    await c.say("又坏了");
    await c.say("新的");
    expect(c.state.draft?.description).toBeNull();
    expect(c.state.step).toBe("description");
  });

  it.each([
    ["没解决", "rate"],
    ["新问题", null],
  ])("takes %s typed as the answer", async (typed, pending) => {
    await c.say("路灯又坏了");
    await c.say(typed);
    expect(c.state.pending?.kind ?? null).toBe(pending);
    if (pending === null) expect(c.state.draft?.description).toBe("路灯又坏了");
  });

  it("offers it for filing when the answer was rated already", async () => {
    world.ratings.ratings.push({
      trackingNo: ANSWERED,
      rating: { solved: true, satisfaction: "satisfied" },
    });
    await c.say("路灯又坏了");
    expect(c.state.pending).toMatchObject({ kind: "offer", text: "路灯又坏了" });
  });

  it.each([
    ["又坏了，不满意", "未解决，不满意"],
    ["没人来修，又坏了", "未解决，不满意"],
    ["还是没修", "未解决，不满意"],
  ])("offers %s, plainly a rating, as the rating 「%s」", async (words, rating) => {
    await c.say(words);
    expect(c.text).toBe(`要把诉求 ${ANSWERED} 的答复评为「${rating}」吗？`);
  });

  it("asks it in English too", async () => {
    await c.command("lang", "en");
    await c.say("light broke again");
    expect(c.text).toBe(
      `Is this about no. ${ANSWERED} not being solved, or is it a new matter to report?`,
    );
  });
});

describe("a few sentences on how the answer to unpaid wages went", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world, "telegram:1001");
    const wages = citizenCase(ANSWERED, { status: "answered", category: "labor" });
    world.cases.add("telegram:1001", wages);
  });

  it.each([
    ["钱还没到手呢，说是10号给，谁知道给不给", "未解决，不满意"],
    ["人社局的同志打电话来了，可俺的工资到现在还是没拿到", "未解决，不满意"],
    ["非常感谢人社局的同志，俺的工资已经全部拿到了，过年能回家了", "已解决，满意"],
    ["工资昨天到账了，不过拖了快一个月，基本满意吧", "已解决，基本满意"],
  ])("offers %s as the rating 「%s」, not as a matter to file", async (words, rating) => {
    await c.say(words);
    expect(c.text).toBe(`要把诉求 ${ANSWERED} 的答复评为「${rating}」吗？`);
    expect(world.ratings.ratings).toEqual([]);
  });

  it("keeps the words as the reason of a negative rating: nothing asked again", async () => {
    const words = "钱还没到手呢，说是10号给，谁知道给不给";
    await c.say(words);
    await c.tap("是，就这样评价");
    expect(world.ratings.ratings).toEqual([
      { trackingNo: ANSWERED, rating: { solved: false, satisfaction: "dissatisfied" } },
    ]);
    expect(world.ratings.reasons).toEqual([{ trackingNo: ANSWERED, reason: words }]);
    expect(c.text).not.toContain("哪里没有解决");
  });

  it("keeps the words as the remark of a positive rating, as a negative one's reason", async () => {
    const words = "非常感谢人社局的同志，俺的工资已经全部拿到了，过年能回家了";
    await c.say(words);
    await c.tap("是，就这样评价");
    expect(world.ratings.ratings).toEqual([
      { trackingNo: ANSWERED, rating: { solved: true, satisfaction: "satisfied" } },
    ]);
    expect(world.ratings.reasons).toEqual([{ trackingNo: ANSWERED, reason: words }]);
    expect(c.text).toContain("您说的情况已经和评价一起记下，工作人员会看到。");
  });

  it("offers for filing a story that says no more than a promise (说好了下礼拜来修)", async () => {
    await c.say("他们说好了下礼拜派人来看看，俺家那个墙还裂着缝呢");
    expect(c.state.pending?.kind).toBe("offer");
  });

  describe("waiting to see whether the answer's promise is kept", () => {
    it.each([
      "还没给钱呢，等20号再说吧",
      "他们说好了下礼拜派人来看看，到时候再说吧",
      "先等等看",
      "过几天看看再说",
      "那俺等着他们上门吧，谢谢政府",
      "好，我就等通知了",
      "行，等人家来修吧",
    ])("tells %s to rate it once they know, storing and filing nothing", async (words) => {
      await c.say(words);
      expect(c.text).toContain(`编号 ${ANSWERED} 的答复，等有了结果再评价`);
      expect(c.state.pending).toBeNull();
      expect(world.ratings.ratings).toEqual([]);
    });

    it("says so in English too", async () => {
      await c.say("Let's wait and see");
      expect(c.text).toContain(`Rate the answer to ${ANSWERED} once you know`);
    });

    it("rates it when the citizen comes back to say how it went", async () => {
      await c.say("还没给钱呢，等20号再说吧");
      await c.say("还是没给钱");
      expect(c.text).toBe(`要把诉求 ${ANSWERED} 的答复评为「未解决，不满意」吗？`);
    });

    it("reads the words as any others once the answer was rated", async () => {
      world.ratings.ratings.push({
        trackingNo: ANSWERED,
        rating: { solved: true, satisfaction: "satisfied" },
      });
      await c.say("先等等看");
      expect(c.text).not.toContain("等有了结果再评价");
    });

    it.each(["路灯坏了，等了好几天也没人来看看", "等着他们上门修，结果一直没人来"])(
      "does not read waiting told in a story as waiting to rate (%s)",
      async (words) => {
        await c.say(words);
        expect(c.text).not.toContain("等有了结果再评价");
      },
    );
  });

  it("offers for filing a story that names a danger, though it says the last one was solved", async () => {
    await c.say("上次的事解决了，这回是俺家门口的井盖没了，晚上黑");
    expect(c.state.pending?.kind).toBe("offer");
  });

  it("offers for filing a story once the answer was rated", async () => {
    world.ratings.ratings.push({
      trackingNo: ANSWERED,
      rating: { solved: true, satisfaction: "satisfied" },
    });
    await c.say("人社局的同志打电话来了，可俺的工资到现在还是没拿到");
    expect(c.state.pending?.kind).toBe("offer");
  });

  it("reads a longer story as a matter to file", async () => {
    const long =
      "钱还没到手呢，说是10号给。俺在工地上干了大半年，吃住都在工棚里，包工头天天说下个月结，" +
      "到了下个月又说甲方没给钱，俺们十几个人都是这样，家里老人孩子都等着这个钱过年呢。";
    await c.say(long);
    expect(c.state.pending?.kind).toBe("offer");
  });
});

describe("thanks with no answer to rate", () => {
  let c: Conversation;
  beforeEach(async () => {
    c = new Conversation(await createWorld(), "telegram:1001");
  });

  it.each([
    "谢谢",
    "谢谢你们",
    "谢谢你们！",
    "好的，辛苦了",
    "多谢🙏",
    "谢谢，再见",
    "thank you",
    "thanks, bye",
    "thanks a lot, bye",
    "Thank you very much!",
    "谢谢你们啊，俺也不懂这些，麻烦你们了",
    "麻烦你们了",
    "辛苦您了，让你们费心了",
  ])("answers %s politely with the menu, never as a complaint", async (words) => {
    await c.say(words);
    expect(c.text).toMatch(/(?:^|---\n)(?:不客气，有需要随时找我们。|You're welcome)/u);
    expect(c.labels.length).toBeGreaterThan(0);
    expect(c.state.pending).toBeNull();
    expect(c.state.draft).toBeNull();
  });

  it.each([
    "路灯坏了，谢谢",
    "我家楼下的下水道堵了一个星期了，臭得不行，麻烦你们派人来看看，谢谢",
    "谢谢上次修了路灯，这次是小区门口的井盖又没了",
    "麻烦你们了，井盖又没了",
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

describe("photos sent about an answered case", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world, "wecom:wm-1001");
    world.cases.add("wecom:wm-1001", citizenCase(ANSWERED, { status: "answered" }));
  });

  it("keeps a photo with the words that rate the answer, once the rating is given", async () => {
    await c.send({ type: "photo", fileId: "dark-lamp", caption: "还是没修" });
    expect(c.text).toBe(`要把诉求 ${ANSWERED} 的答复评为「未解决，不满意」吗？`);
    expect(world.ratings.photos).toEqual([]);
    await c.tap("是，就这样评价");
    expect(world.ratings.photos).toEqual([{ trackingNo: ANSWERED, photoIds: ["dark-lamp"] }]);
    expect(c.text).toContain("1 张照片已经跟您的评价一起保存，工作人员看得到。");
  });

  it("keeps a photo without words sent while the reason is asked (any channel), and asks again", async () => {
    await c.say("还是没修");
    await c.tap("是，就这样评价");
    await c.send({ type: "photo", fileId: "dark-lamp" });
    expect(world.ratings.photos).toEqual([{ trackingNo: ANSWERED, photoIds: ["dark-lamp"] }]);
    expect(c.text).toContain(`说说编号 ${ANSWERED} 哪里没有解决或不满意`);
    await c.say("灯还是不亮");
    expect(world.ratings.reasons).toEqual([{ trackingNo: ANSWERED, reason: "灯还是不亮" }]);
  });

  it("tells the citizen a photo under a status question was not kept", async () => {
    await c.send({ type: "photo", fileId: "dark-lamp", caption: "我的事办得咋样了" });
    expect(c.text).toContain(ANSWERED);
    expect(c.text).toContain(
      "这张照片没有保存。要反映新问题，请点“我要反映问题”或者说“我要反映”，再把照片发来。",
    );
    expect(world.ratings.photos).toEqual([]);
  });

  it("tells the citizen the photos were not kept when the rating cannot be given", async () => {
    await c.send({ type: "photo", fileId: "dark-lamp", caption: "还是没修" });
    world.ratings.ratings.push({
      trackingNo: ANSWERED,
      rating: { solved: true, satisfaction: "satisfied" },
    });
    await c.tap("是，就这样评价");
    expect(c.text).toContain(
      "这张照片没有保存。要反映新问题，请点“我要反映问题”或者说“我要反映”，再把照片发来。",
    );
    expect(world.ratings.photos).toEqual([]);
  });
});
