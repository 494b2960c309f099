/**
 * When the classifier is unsure (its calibrated confidence below CLASSIFIER_UNSURE_BELOW),
 * the citizen is not told a guess: they choose among its top categories, or leave the
 * kind of matter to the clerk.
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
  rationale: "model",
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

  it("leaves the kind of matter to the clerk, the classifier's unsure answer kept", async () => {
    world.classifier.answer = UNSURE;
    await c.command("new");
    await c.say("楼道里的水管一直往下滴水，楼下也漏了");
    await c.tap("其他 / 不确定，交给工作人员");

    expect(c.state.draft?.category).toBe("housing");
    expect(c.state.draft?.classification).toMatchObject({ unsure: true });
    expect(c.state.step).toBe("place");
  });

  it("is proposed with one tap when the classifier is sure, even at a modest confidence", async () => {
    world.classifier.answer = { ...UNSURE, confidence: 0.62, unsure: false };
    await c.command("new");
    await c.say("楼道里的水管一直往下滴水，楼下也漏了");

    expect(c.text).toContain("我理解您反映的是【住房城建】");
    expect(c.labels).toContain("对，就是这个");
  });
});
