/**
 * The routing explanation's facts in words, one line per fact, in Chinese and in English, from
 * the one module the staff cards and the console both read. On the English side the citizen's
 * words and the LLM's reason stay as written, marked as quoted source text.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Directory } from "../../src/domain/directory.ts";
import type { Explanation } from "../../src/domain/routing-explanation.ts";
import { loadDirectory } from "../../src/directory/load-directory.ts";
import {
  explanationInBoth,
  explanationLines,
  routingExplanationZh,
} from "../../src/i18n/routing-explanation.ts";

let directory: Directory;
beforeAll(async () => {
  directory = await loadDirectory();
});

/** Chinese characters left once the quoted source text is taken out. */
const hanOutsideQuotes = (line: string) =>
  line.replace(/“[^”]*”/g, "").match(/\p{Script=Han}/gu) ?? [];

describe("the routing explanation in words", () => {
  it("says a keyword rule and the words the citizen chose in the dialogue", () => {
    const facts: Explanation = [
      { kind: "keyword", words: "井盖没了", category: "municipal" },
      { kind: "region", region: "chuanhui", source: "dialogue", evidence: [] },
    ];
    expect(explanationInBoth(facts, directory)).toEqual({
      zh: ["关键词“井盖没了”→市政市容", "地区：川汇区（群众在对话中选择）"],
      en: [
        "Keyword rule: City streets and public spaces (words: “井盖没了”)",
        "Region: Chuanhui District (chosen by the citizen in the dialogue)",
      ],
    });
    expect(routingExplanationZh(facts, directory)).toBe(
      "关键词“井盖没了”→市政市容；地区：川汇区（群众在对话中选择）",
    );
  });

  it("says the statistical model's figures and doubt, the region's words and the language", () => {
    const facts: Explanation = [
      { kind: "model", category: "environment", confidence: 0.554, doubt: "low_confidence" },
      { kind: "region", region: "xiangcheng", source: "words", evidence: ["项城市", "王明口镇"] },
      { kind: "language", language: "zh_hant" },
    ];
    expect(explanationLines(facts, directory, "zh")).toEqual([
      "统计模型：生态环境（55%，不确定）",
      "地区：项城市（依据：项城市、王明口镇）",
      "语言：繁体中文",
    ]);
    expect(explanationLines(facts, directory, "en")).toEqual([
      "Statistical model: Noise and pollution (55%, unsure)",
      "Region: Xiangcheng City (named in the text, words: “项城市”, “王明口镇”)",
      "Language: Traditional Chinese",
    ]);
  });

  it("keeps the LLM's reason and its quote as written, marked as quoted in English", () => {
    const facts: Explanation = [
      { kind: "llm", prompt: "classify.v1", reason: "群众反映路灯损坏，属市政设施" },
      { kind: "region", region: "xiangcheng", source: "model_words", evidence: ["项城那边"] },
    ];
    expect(explanationLines(facts, directory, "zh")).toEqual([
      "LLM（classify.v1）：群众反映路灯损坏，属市政设施",
      "地区：项城市（依据：项城那边（大模型引述））",
    ]);
    const en = explanationLines(facts, directory, "en");
    expect(en).toEqual([
      "LLM (classify.v1), its reason as written: “群众反映路灯损坏，属市政设施”",
      "Region: Xiangcheng City (quoted from the text by the LLM, words: “项城那边”)",
    ]);
    expect(en.flatMap(hanOutsideQuotes)).toEqual([]);
  });

  it("says what is unknown, where words left none to quote, and a code the directory lost", () => {
    const facts: Explanation = [
      { kind: "unreadable" },
      { kind: "region_unknown" },
      { kind: "region", region: "xiangcheng", source: "address", evidence: [] },
      { kind: "region", region: "chuanhui", source: "words", evidence: [] },
      { kind: "region", region: "chuanhui", source: "coordinates", evidence: [] },
      { kind: "region", region: "chuanhui", source: "clerk", evidence: [] },
      { kind: "keyword", words: "噪音", category: "retired_category" },
    ];
    expect(explanationLines(facts, directory, "zh")).toEqual([
      "内容过短或无法识别，请人工分办",
      "地区：无法确定",
      "地区：项城市（依据：群众所填地址）",
      "地区：川汇区（依据：群众所述）",
      "地区：川汇区（依据：群众发送的位置）",
      "地区：川汇区（工作人员确定）",
      "关键词“噪音”→retired_category",
    ]);
    expect(explanationLines(facts, directory, "en")).toEqual([
      "Too short or unreadable: left to the clerk",
      "Region: unknown",
      "Region: Xiangcheng City (the address the citizen gave)",
      "Region: Chuanhui District (the citizen's words)",
      "Region: Chuanhui District (the location the citizen shared)",
      "Region: Chuanhui District (set by a clerk)",
      "Keyword rule: retired_category (words: “噪音”)",
    ]);
  });
});
