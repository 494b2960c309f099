import { describe, expect, it } from "vitest";
import { matchKeywordRule } from "../../src/classification/keyword-rules.ts";
import { lastSentences, requestPart } from "../../src/classification/request-focus.ts";
import { createFeatureExtractor } from "../../src/classification/text-features.ts";
import { ASK_NAMESPACE, readComplaint } from "../../src/classification/train-model.ts";

const BACKGROUND =
  "俺是个老党员了，年轻时候在村里当过会计，后来在县医院干了二十年，老伴常年吃药，医保报销这块也都顺当。";

describe("the request of a long complaint", () => {
  it("is the part from the turn to the request after a long background", () => {
    expect(requestPart(`${BACKGROUND}就是有个事想麻烦恁：俺家门口的路灯坏了俩月了`)).toBe(
      "有个事想麻烦恁：俺家门口的路灯坏了俩月了",
    );
    expect(requestPart(`${BACKGROUND}我要反映的是村里的养鸡场臭得没法开窗`)).toBe(
      "要反映的是村里的养鸡场臭得没法开窗",
    );
  });

  it("is the last such turn", () => {
    expect(requestPart(`${BACKGROUND}我想说的是学校，不说学校了，小区物业乱收停车费`)).toBe(
      "不说学校了，小区物业乱收停车费",
    );
  });

  it("is none when the background is short or the request too short to read alone", () => {
    expect(requestPart("我要反映的是村里的养鸡场臭得没法开窗")).toBeNull();
    expect(requestPart(`${BACKGROUND}我要反映的是：路灯`)).toBeNull();
    expect(requestPart(BACKGROUND)).toBeNull();
  });

  it("is what the keyword rules read, so that the background does not fire them", () => {
    const extractor = createFeatureExtractor();
    const story = `${BACKGROUND}就是有个事想麻烦恁：俺家门口的路灯坏了俩月了`;
    expect(matchKeywordRule(story)?.rule.category).toBe("health");
    const { ruleText } = readComplaint(extractor, story);
    expect(matchKeywordRule(ruleText)).toBeNull();
  });

  it("weighs more in the features than the background", () => {
    const extractor = createFeatureExtractor();
    const { features } = readComplaint(extractor, `${BACKGROUND}我要反映的是路灯坏了俩月了`);
    const count = (feature: string) => features.filter((f) => f === feature).length;
    expect(count("路灯")).toBe(3);
    expect(count("医保")).toBe(1);
  });
});

describe("the ask of a story without a turn to its request", () => {
  const STORY =
    "我们小区物业费一年涨了两回，电梯也老坏，业主群里天天吵，这些我们自己跟物业去说。今天就一件事：大门外头马路上的井盖没了，晚上骑车的看不见。赶紧派人盖上。";

  it("is its last sentences, from the last one on until there are enough words to read", () => {
    expect(lastSentences(STORY)).toBe(
      "今天就一件事：大门外头马路上的井盖没了，晚上骑车的看不见。赶紧派人盖上",
    );
    expect(lastSentences("The manhole cover outside No. 3 school is gone.")).toBe(
      "The manhole cover outside No. 3 school is gone",
    );
  });

  it("is what the keyword rules read in a long story, so that its background does not fire them", () => {
    const extractor = createFeatureExtractor();
    expect(matchKeywordRule(STORY)?.rule.category).toBe("housing");
    expect(matchKeywordRule(readComplaint(extractor, STORY).ruleText)?.rule.category).not.toBe(
      "housing",
    );
    const short = "小区物业费一年涨了两回，电梯也老坏。";
    expect(readComplaint(extractor, short).ruleText).toBe(short);
  });

  it("is read by the model in a namespace of its own", () => {
    const extractor = createFeatureExtractor();
    const { features } = readComplaint(extractor, STORY);
    expect(features).toContain(`${ASK_NAMESPACE}井盖`);
    expect(features).not.toContain(`${ASK_NAMESPACE}物业`);
    expect(features).toContain("物业");
  });
});
