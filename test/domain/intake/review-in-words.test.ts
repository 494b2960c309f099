/**
 * A citizen who does not accept an answer asks for its review (复查, then 复核) in words instead
 * of tapping 未解决 and then 申请复查. The review is one tap away, with its last day; the case's
 * rules decide on the tap, as under the answer. Words asking for one are never offered for
 * filing as a new complaint.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { Conversation, citizenCase, createWorld, type World } from "./fakes.ts";

const ANSWERED = "ZK-20261120-0007";
const LAST_DAY = new Date("2026-12-20T23:59:59.999+08:00");

describe("asking for a review in words", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world, "telegram:1001");
    world.cases.add(
      "telegram:1001",
      citizenCase(ANSWERED, {
        status: "answered",
        category: "environment",
        reviewRequest: { stage: 1, lastDay: LAST_DAY, open: true },
      }),
    );
  });

  it.each([
    ["我要申请复查", "申请复查"],
    ["我要求复查", "申请复查"],
    ["能不能帮我复查一下", "申请复查"],
    ["I want a review of the answer", "Ask for a review"],
  ])("offers the review of the latest answer for %s", async (words, button) => {
    await c.say(words);
    expect(c.state.pending).toBeNull();
    expect(c.labels[0]).toBe(button);
  });

  it.each([
    [
      1,
      "我要申请复查",
      "复查",
      `对编号 ${ANSWERED} 的答复不服的，可以申请复查，最晚 2026年12月20日 前。复查由办理单位的上一级机关办理，30 天内给您复查意见。要申请就点下面的按钮。`,
    ],
    [
      2,
      "复查意见我也不服，我要申请复核",
      "复核",
      `对编号 ${ANSWERED} 的复查意见仍然不服的，可以申请复核，最晚 2026年12月20日 前。复核由复查机关的上一级机关办理，30 天内给您复核意见，复核意见是最终意见。要申请就点下面的按钮。`,
    ],
  ] as const)(
    "says which review (stage %i: %s), when and by whom, and asks for it on the tap",
    async (stage, words, review, offer) => {
      world.cases.cases[0]!.detail = {
        ...world.cases.cases[0]!.detail,
        reviewRequest: { stage, lastDay: LAST_DAY, open: true },
      };
      await c.say(words);
      expect(c.text).toBe(offer);
      expect(c.labels[0]).toBe(`申请${review}`);
      await c.tap(`申请${review}`);
      expect(world.ratings.reviews).toEqual([ANSWERED]);
      expect(c.text).toBe(`已为编号 ${ANSWERED} 申请${review}，结果会在这里告诉您。`);
    },
  );

  it("offers a second review in English as a second review", async () => {
    world.cases.cases[0]!.detail = {
      ...world.cases.cases[0]!.detail,
      reviewRequest: { stage: 2, lastDay: LAST_DAY, open: true },
    };
    await c.say("I want a review of the answer");
    expect(c.text).toContain("you can ask for a second review by");
    expect(c.text).toContain("The office above the one that reviewed handles it");
    expect(c.labels[0]).toBe("Ask for a second review");
  });

  it("offers words that also say how the answer went as that rating first, the review after it", async () => {
    const words = "还是一样呛人，我不服，要申请复查";
    await c.say(words);
    expect(c.text).toBe(`要把诉求 ${ANSWERED} 的答复评为「未解决，不满意」吗？`);
    await c.tap("是，就这样评价");
    expect(world.ratings.reasons).toEqual([{ trackingNo: ANSWERED, reason: words }]);
    expect(c.labels).toContain("申请复查");
  });

  it("explains the review's rules and its passed last day when it may no longer be asked for", async () => {
    world.cases.cases[0]!.detail = {
      ...world.cases.cases[0]!.detail,
      reviewRequest: { stage: 1, lastDay: LAST_DAY, open: false },
    };
    await c.say("我要申请复查");
    expect(c.state.pending).toBeNull();
    expect(c.text).toContain("申请复查的期限（2026年12月20日）已经过了");
    expect(c.labels).not.toContain("申请复查");
  });

  it("explains the review's rules to a citizen with no answered case", async () => {
    const other = new Conversation(world, "telegram:2002");
    await other.say("我要申请复查");
    expect(other.state.pending).toBeNull();
    expect(other.text).toContain("答复后 30 天内可以申请复查");
  });

  it.each(["不用复查了", "对法院判决不服，想申请再审"])(
    "reads %s as no request for a review",
    async (words) => {
      await c.say(words);
      expect(c.labels).not.toContain("申请复查");
    },
  );
});
