/**
 * A routing explanation (src/domain/routing-explanation.ts) in words, one line per fact, in
 * Chinese or English: the one place its wording lives. The staff cards say it in Chinese; the
 * console API serves it in both of the console's languages (routingProposals) and the console
 * shows the reader's.
 */
import { nameOfCode, type Directory } from "../domain/directory.ts";
import { confidencePercent } from "../domain/classification.ts";
import type {
  Explanation,
  ExplanationFact,
  ModelDoubt,
  RegionEvidenceSource,
} from "../domain/routing-explanation.ts";
import { labelOf, type LabelLocale } from "./labels.ts";

/** An explanation in each of the console's languages, one line per fact. */
export type ExplanationLines = Readonly<Record<LabelLocale, readonly string[]>>;

type Names = Pick<Directory, "categories" | "regions">;

/** The words of each fact in one language; names and labels come already in that language. */
interface Wording {
  keyword(words: string, category: string): string;
  /** `doubt` is one of `doubts`, or "" when the model was sure. */
  model(category: string, percent: number, doubt: string): string;
  readonly doubts: Readonly<Record<ModelDoubt, string>>;
  readonly unreadable: string;
  llm(prompt: string, reason: string): string;
  region(region: string, source: string): string;
  readonly regionUnknown: string;
  language(language: string): string;
  /** What showed the region; `evidence` may be empty for words and an address (said again at filing). */
  readonly source: Readonly<Record<RegionEvidenceSource, (evidence: readonly string[]) => string>>;
}

const ZH: Wording = {
  keyword: (words, category) => `关键词“${words}”→${category}`,
  model: (category, percent, doubt) => `统计模型：${category}（${percent}%${doubt}）`,
  doubts: { unknown_words: "，多为未见过的词，不确定", low_confidence: "，不确定" },
  unreadable: "内容过短或无法识别，请人工分办",
  llm: (prompt, reason) => `LLM（${prompt}）：${reason}`,
  region: (region, source) => `地区：${region}（${source}）`,
  regionUnknown: "地区：无法确定",
  language: (language) => `语言：${language}`,
  source: {
    words: (evidence) => (evidence.length ? `依据：${evidence.join("、")}` : "依据：群众所述"),
    address: (evidence) =>
      evidence.length ? `依据地址：${evidence.join("、")}` : "依据：群众所填地址",
    model_words: (evidence) => `依据：${evidence.join("、")}（大模型引述）`,
    dialogue: () => "群众在对话中选择",
    coordinates: () => "依据：群众发送的位置",
    given: () => "已给出",
    clerk: () => "工作人员确定",
  },
};

/**
 * The citizen's words and the LLM's reason stay as written (mostly Chinese), marked as quoted
 * source text so that an English reader knows why they are not in English.
 */
const quoted = (words: readonly string[]) => `words: ${words.map((w) => `“${w}”`).join(", ")}`;

const EN: Wording = {
  keyword: (words, category) => `Keyword rule: ${category} (${quoted([words])})`,
  model: (category, percent, doubt) => `Statistical model: ${category} (${percent}%${doubt})`,
  doubts: { unknown_words: ", mostly unseen words, unsure", low_confidence: ", unsure" },
  unreadable: "Too short or unreadable: left to the clerk",
  llm: (prompt, reason) => `LLM (${prompt}), its reason as written: “${reason}”`,
  region: (region, source) => `Region: ${region} (${source})`,
  regionUnknown: "Region: unknown",
  language: (language) => `Language: ${language}`,
  source: {
    words: (evidence) =>
      evidence.length ? `named in the text, ${quoted(evidence)}` : "the citizen's words",
    address: (evidence) =>
      evidence.length
        ? `named in the address, ${quoted(evidence)}`
        : "the address the citizen gave",
    model_words: (evidence) => `quoted from the text by the LLM, ${quoted(evidence)}`,
    dialogue: () => "chosen by the citizen in the dialogue",
    coordinates: () => "the location the citizen shared",
    given: () => "known before the text was read",
    clerk: () => "set by a clerk",
  },
};

const WORDING: Readonly<Record<LabelLocale, Wording>> = { zh: ZH, en: EN };

/**
 * `facts` in `locale`, one line per fact in their order, e.g. "地区：川汇区（群众在对话中选择）" /
 * "Region: Chuanhui District (chosen by the citizen in the dialogue)". A code the directory no
 * longer has is shown as the code; a percentage is the stored confidence rounded as the 置信度
 * beside it (confidencePercent).
 */
export function explanationLines(facts: Explanation, names: Names, locale: LabelLocale): string[] {
  const w = WORDING[locale];
  const category = (code: string) => nameOfCode(names.categories, code, locale);
  const region = (code: string) => nameOfCode(names.regions, code, locale);
  const say = (fact: ExplanationFact): string => {
    switch (fact.kind) {
      case "keyword":
        return w.keyword(fact.words, category(fact.category));
      case "model":
        return w.model(
          category(fact.category),
          confidencePercent(fact.confidence),
          fact.doubt ? w.doubts[fact.doubt] : "",
        );
      case "unreadable":
        return w.unreadable;
      case "llm":
        return w.llm(fact.prompt, fact.reason);
      case "region":
        return w.region(region(fact.region), w.source[fact.source](fact.evidence));
      case "region_unknown":
        return w.regionUnknown;
      case "language":
        return w.language(labelOf("language", fact.language, locale));
    }
  };
  return facts.map(say);
}

/** `facts` in each of the console's languages (explanationLines). */
export function explanationInBoth(facts: Explanation, names: Names): ExplanationLines {
  return { zh: explanationLines(facts, names, "zh"), en: explanationLines(facts, names, "en") };
}

/** `facts` as one Chinese sentence for the staff cards, e.g. "关键词“噪音”→生态环境；地区：川汇区（群众在对话中选择）". */
export function routingExplanationZh(facts: Explanation, names: Names): string {
  return explanationLines(facts, names, "zh").join("；");
}
