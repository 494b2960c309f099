import { describe, expect, it } from "vitest";
import { matchKeywordRule } from "../../src/classification/keyword-rules.ts";
import { askPart, requestPart } from "../../src/classification/request-focus.ts";
import { createFeatureExtractor } from "../../src/classification/text-features.ts";
import { readComplaint, REQUEST_REPEATS } from "../../src/classification/train-model.ts";

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
    expect(count("路灯")).toBe(1 + REQUEST_REPEATS);
    expect(count("医保")).toBe(1);
  });

  it("is the story's last part after 就一件事 or 问题是", () => {
    expect(requestPart(`${BACKGROUND}今天打电话就一件事：大马路上有个井盖没了`)).toBe(
      "就一件事：大马路上有个井盖没了",
    );
  });
});

const SCHOOL_LIFE =
  "我家孩子今年上初一，老师都挺好，学校食堂也干净，孩子在学校吃得挺好，我跟他爸都上班，早上七点半就出门。";

describe("the asks of a long story without a turn", () => {
  it("are the clauses from each ask word to the end of its sentence", () => {
    const story = `${SCHOOL_LIFE}学校旁边小卖部后屋天天有人打牌赌钱，孩子们放学都能看见。请公安机关去查一查这个赌博窝点。要是需要照片，麻烦你们说一声。`;
    expect(askPart(story)).toBe("请公安机关去查一查这个赌博窝点。麻烦你们说一声。");
    expect(requestPart(story)).toBe(askPart(story));
  });

  it("are none in a short complaint, without an ask word, or when the asks are most of it", () => {
    expect(askPart("学校旁边有人赌钱，请公安机关去查一查这个赌博窝点。")).toBeNull();
    expect(
      askPart(`${SCHOOL_LIFE}学校旁边小卖部后屋天天有人打牌赌钱，孩子们放学都能看见。`),
    ).toBeNull();
    expect(
      askPart(
        `${SCHOOL_LIFE}请公安机关查一查学校旁边那个小卖部后屋天天打牌赌钱的一帮人，孩子们放学都从门口过，有的大孩子还进去看热闹，求求你们赶紧管管。`,
      ),
    ).toBeNull();
  });

  it("are what the keyword rules read, so that a school canteen told first does not fire them", () => {
    const extractor = createFeatureExtractor();
    const story = `${SCHOOL_LIFE}孩子中午在校门外一家快餐店吃了黄焖鸡，当天晚上上吐下泻，同班几个孩子也这样。我们要求查查这个快餐店的卫生，该罚就罚。`;
    expect(matchKeywordRule(story)?.rule.category).toBe("education");
    const { ruleText } = readComplaint(extractor, story);
    expect(ruleText).toBe("要求查查这个快餐店的卫生，该罚就罚。");
    expect(matchKeywordRule(ruleText)?.rule.category).not.toBe("education");
  });
});
