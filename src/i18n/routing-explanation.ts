/**
 * A routing explanation (src/domain/routing-explanation.ts) in Chinese words, as staff read
 * it on their cards. The console says the same facts in its reader's language from its own
 * catalogue (src/console/static/i18n.js, `explain`).
 */
import type { Directory } from "../domain/directory.ts";
import { confidencePercent } from "../domain/classification.ts";
import type { Explanation, ExplanationFact } from "../domain/routing-explanation.ts";
import { labelOf } from "./labels.ts";

/**
 * `facts` as one Chinese sentence, e.g. "关键词“噪音”→生态环境；地区：川汇区（群众在对话中选择）".
 * A code the directory no longer has is shown as the code.
 */
export function routingExplanationZh(
  facts: Explanation,
  directory: Pick<Directory, "categories" | "regions">,
): string {
  const category = (code: string) =>
    directory.categories.find((c) => c.code === code)?.name ?? code;
  const region = (code: string) => directory.regions.find((r) => r.code === code)?.name ?? code;
  const say = (fact: ExplanationFact): string => {
    switch (fact.kind) {
      case "keyword":
        return `关键词“${fact.words}”→${category(fact.category)}`;
      case "model": {
        const doubt =
          fact.doubt === "unknown_words"
            ? "，多为未见过的词，不确定"
            : fact.doubt
              ? "，不确定"
              : "";
        return `统计模型：${category(fact.category)}（${confidencePercent(fact.confidence)}%${doubt}）`;
      }
      case "unreadable":
        return "内容过短或无法识别，请人工分办";
      case "llm":
        return `LLM（${fact.prompt}）：${fact.reason}`;
      case "region":
        return `地区：${region(fact.region)}（${REGION_SOURCE_ZH[fact.source](fact.evidence.join("、"))}）`;
      case "region_unknown":
        return "地区：无法确定";
      case "language":
        return `语言：${labelOf("language", fact.language, "zh")}`;
    }
  };
  return facts.map(say).join("；");
}

const REGION_SOURCE_ZH: Record<
  (ExplanationFact & { kind: "region" })["source"],
  (evidence: string) => string
> = {
  words: (evidence) => (evidence ? `依据：${evidence}` : "依据：群众所述"),
  address: (evidence) => (evidence ? `依据地址：${evidence}` : "依据：群众所填地址"),
  model_words: (evidence) => `依据：${evidence}（大模型引述）`,
  dialogue: () => "群众在对话中选择",
  coordinates: () => "依据：群众发送的位置",
  given: () => "已给出",
  clerk: () => "工作人员确定",
};
