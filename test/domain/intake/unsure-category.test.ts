/**
 * When the classifier is unsure (its calibrated confidence below CLASSIFIER_UNSURE_BELOW),
 * the citizen is not told a guess: they choose among its top categories, or leave the
 * kind of matter to the clerk (filed under 其他, which the clerks triage — never under the
 * top guess).
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Classification } from "../../../src/domain/classification.ts";
import { Conversation, createWorld, type World } from "./fakes.ts";

const UNSURE: Classification = {
  category: "housing",
  confidence: 0.41,
  alternatives: [
    { category: "housing", confidence: 0.41 },
    { category: "utilities", confidence: 0.33 },
    { category: "municipal", confidence: 0.12 },
  ],
  unsure: true,
  language: "zh",
  region: null,
  explanation: [{ kind: "model", category: "housing", confidence: 0.41, doubt: "low_confidence" }],
  method: "model",
};

describe("an unsure classification", () => {
  let world: World;
  let c: Conversation;
  beforeEach(async () => {
    world = await createWorld();
    c = new Conversation(world);
  });

  it("asks the citizen to choose among the top 3 instead of proposing a guess", async () => {
    world.classifier.answer = UNSURE;
    await c.command("new");
    await c.say("楼道里的水管一直往下滴水，楼下也漏了");

    expect(c.text).not.toContain("我理解您反映的是");
    expect(c.text).toContain("我没能完全看明白是哪一类事");
    expect(c.labels).toEqual([
      "物业、电梯、房屋质量、烂尾楼、老旧小区等",
      "停水、停电、燃气、暖气等",
      "道路、井盖、路灯、下水道、垃圾、占道、违建等街面问题",
      "其他 / 不确定，交给工作人员",
    ]);

    await c.tap("停水、停电、燃气、暖气等");
    expect(c.state.draft?.category).toBe("utilities");
    expect(c.state.step).toBe("place");
  });

  it("leaves the kind of matter to the clerk: no top guess behind 其他 / 不确定", async () => {
    world.classifier.answer = UNSURE;
    await c.command("new");
    await c.say("楼道里的水管一直往下滴水，楼下也漏了");
    expect(c.buttonId("其他 / 不确定，交给工作人员")).toBe("d1:cat:-");
    await c.tap("其他 / 不确定，交给工作人员");

    expect(c.state.draft?.category).toBe("other");
    expect(c.state.step).toBe("place");
  });

  it("files it as 其他 for the clerk to route, the classifier's unsure answer kept", async () => {
    world.classifier.answer = UNSURE;
    await c.command("new");
    await c.say("楼道里的水管一直往下滴水，楼下也漏了");
    await c.tap("其他 / 不确定，交给工作人员");
    await c.say("川汇区七一路和八一路交叉口东边");
    await c.tap("不记得了");
    await c.tap("没有照片");
    await c.tap("匿名反映");
    expect(c.text).toContain("其他");
    await c.tap("提交");

    expect(world.submitter.submissions).toHaveLength(1);
    expect(world.submitter.submissions[0]).toMatchObject({
      category: "other",
      categoryLeftToClerk: true,
      classification: { category: "housing", unsure: true },
    });
  });

  it("files a kind picked after leaving it to the clerk as the citizen's own choice", async () => {
    world.classifier.answer = UNSURE;
    await c.command("new");
    await c.say("楼道里的水管一直往下滴水，楼下也漏了");
    await c.tap("其他 / 不确定，交给工作人员");
    expect(c.state.draft?.categoryLeftToClerk).toBe(true);
    await c.say("川汇区七一路和八一路交叉口东边");
    await c.tap("不记得了");
    await c.tap("没有照片");
    await c.tap("匿名反映");
    await c.tap("修改");
    await c.tap("类别");
    await c.tap(c.labels[0]!);
    expect(c.state.draft?.categoryLeftToClerk).toBe(false);
  });

  it.each(["不知道", "不清楚是哪一类"])("takes a typed %s as 其他 / 不确定", async (words) => {
    world.classifier.answer = UNSURE;
    await c.command("new");
    await c.say("楼道里的水管一直往下滴水，楼下也漏了");
    await c.say(words);
    expect(c.state.draft?.category).toBe("other");
  });

  it("refuses the clerk's choice at the one-tap question, where it was never offered", async () => {
    world.classifier.answer = { ...UNSURE, confidence: 0.62, unsure: false };
    await c.command("new");
    await c.say("楼道里的水管一直往下滴水，楼下也漏了");
    await c.send({ type: "choice", id: "d1:cat:-" });
    expect(c.state.draft?.category).toBeNull();
    expect(c.state.step).toBe("category");
  });

  it("is proposed with one tap when the classifier is sure, even at a modest confidence", async () => {
    world.classifier.answer = { ...UNSURE, confidence: 0.62, unsure: false };
    await c.command("new");
    await c.say("楼道里的水管一直往下滴水，楼下也漏了");

    expect(c.text).toContain("我理解您反映的是【住房城建】");
    expect(c.labels).toContain("对，就是这个");
  });
});
