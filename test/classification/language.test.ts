/**
 * Complaints arrive in simplified and traditional characters, in English, and
 * in pinyin typed on phones without a Chinese keyboard: each is read, and the
 * classifier says when it cannot tell instead of a confident "other".
 */
import { beforeAll, describe, expect, it } from "vitest";
import { readLanguage, splitPinyin } from "../../src/classification/language.ts";
import {
  createOfflineClassifier,
  type OfflineClassifier,
} from "../../src/classification/offline-classifier.ts";
import { loadDirectory } from "../../src/directory/load-directory.ts";
import { baseModel } from "../support/classifier-model.ts";

let classifier: OfflineClassifier;

beforeAll(async () => {
  classifier = createOfflineClassifier({
    directory: await loadDirectory(),
    model: await baseModel(),
  });
});

describe("reading the language of a complaint", () => {
  it.each([
    ["我家门口的井盖丢了", "zh"],
    ["樓道裡有很濃的煤氣味", "zh_hant"],
    ["The street light outside my house has been broken for weeks", "en"],
    ["wo jia men kou de jing gai diu le", "pinyin"],
    ["jǐng gài diū le", "pinyin"],
    ["jing3 gai4 diu1 le", "pinyin"],
    ["🙂🙂", "unknown"],
    ["12345", "unknown"],
  ] as const)("%s → %s", (text, language) => {
    expect(readLanguage(text).language).toBe(language);
  });

  it("simplifies traditional characters and splits joined pinyin into syllables", () => {
    expect(readLanguage("樓道裡煤氣味").simplified).toBe("楼道里煤气味");
    expect(splitPinyin("jinggai")).toEqual(["jing", "gai"]);
    expect(splitPinyin("water")).toBeNull();
  });
});

describe("classifying other languages", () => {
  it.each([
    ["There is a strong smell of gas in our stairwell", "utilities"],
    ["My boss has not paid my wages for three months", "labor"],
    ["The ambulance took 40 minutes to arrive", "health"],
    ["lou dao li mei qi wei hen da", "utilities"],
    ["lao ban tuo qian gong zi", "labor"],
    ["學校亂收費，一學期好幾百", "education"],
  ] as const)("%s → %s", (text, category) => {
    const result = classifier.classifySync(text);
    expect(result.category).toBe(category);
    expect(result.language).not.toBe("zh");
  });

  it("finds the region named in pinyin or English", () => {
    expect(classifier.classifySync("The road in Xiangcheng city is full of potholes").region).toBe(
      "xiangcheng",
    );
    expect(classifier.classifySync("shen qiu xian de lu deng huai le").region).toBe("shenqiu");
    // 喜欢 (xi huan) is not 西华 (xi hua).
    expect(classifier.classifySync("wo xi huan zhe li").region).toBeNull();
  });

  it("says it is unsure, with the language, instead of a confident guess", () => {
    for (const text of ["🙂🙂", "asdf", "ok"]) {
      const result = classifier.classifySync(text);
      expect(result.unsure, text).toBe(true);
      expect(result.confidence, text).toBeLessThan(0.5);
    }
    const french = classifier.classifySync("Bonjour, je voudrais parler à quelqu'un");
    expect(french.language).toBe("en");
    expect(french.unsure).toBe(true);
  });
});
