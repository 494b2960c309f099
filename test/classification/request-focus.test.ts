import { describe, expect, it } from "vitest";
import { matchKeywordRule } from "../../src/classification/keyword-rules.ts";
import { requestPart } from "../../src/classification/request-focus.ts";
import { createFeatureExtractor } from "../../src/classification/text-features.ts";
import { readComplaint } from "../../src/classification/train-model.ts";

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
