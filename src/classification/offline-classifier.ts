import type { Jieba } from "@node-rs/jieba";
import type {
  CategoryScore,
  Classification,
  ClassificationHints,
  Classifier,
} from "../domain/classification.ts";
import type { Directory } from "../domain/directory.ts";
import type { CorpusItem } from "./corpus.ts";
import { stripInstructions } from "./injection-guard.ts";
import { KEYWORD_RULES, matchKeywordRule, type KeywordRule } from "./keyword-rules.ts";
import { createRegionDetector, type RegionFinding } from "./region-detector.ts";
import {
  createFeatureExtractor,
  createSegmenter,
  DEFAULT_FEATURE_OPTIONS,
  normalizeText,
  type FeatureOptions,
} from "./text-features.ts";
import {
  DEFAULT_LR_OPTIONS,
  fitVectorizer,
  trainLogisticRegression,
  trainNaiveBayes,
  type LogisticRegressionOptions,
} from "./text-model.ts";

export interface OfflineClassifierOptions {
  readonly model: "logistic_regression" | "naive_bayes";
  readonly features: FeatureOptions;
  readonly logisticRegression: LogisticRegressionOptions;
  /** Keyword rules; [] turns them off (the model alone decides). */
  readonly rules: readonly KeywordRule[];
  /** A rule's category gets at least this confidence. */
  readonly ruleConfidence: number;
}

export const DEFAULT_OFFLINE_OPTIONS: OfflineClassifierOptions = {
  model: "logistic_regression",
  features: DEFAULT_FEATURE_OPTIONS,
  logisticRegression: DEFAULT_LR_OPTIONS,
  rules: KEYWORD_RULES,
  ruleConfidence: 0.9,
};

export interface OfflineClassifierDeps {
  readonly directory: Directory;
  /** Training data; items whose category is not in the directory are ignored. */
  readonly corpus: readonly CorpusItem[];
  /** A jieba instance to reuse (one is created with the directory's place names otherwise). */
  readonly segmenter?: Jieba;
  readonly options?: Partial<OfflineClassifierOptions>;
}

/** The offline classifier; `classifySync` is the same answer without a promise. */
export interface OfflineClassifier extends Classifier {
  classifySync(text: string, hints?: ClassificationHints): Classification;
  /** The region part alone (used by the LLM classifier to check the model's region). */
  detectRegion(text: string, hints?: ClassificationHints): RegionFinding;
}

const FALLBACK_CATEGORY = "other";

/**
 * Trains the statistical model from `corpus` (deterministic: the same corpus
 * and options give the same answers) and returns a classifier that needs no
 * network. Keyword rules for the taxonomy's decision rules take precedence
 * over the model. Instructions inside a complaint are removed before
 * classification. Never throws for bad text: empty or meaningless text is
 * "other" with low confidence.
 * @throws Error when the corpus has fewer than two categories of the directory.
 */
export function createOfflineClassifier(deps: OfflineClassifierDeps): OfflineClassifier {
  const options = { ...DEFAULT_OFFLINE_OPTIONS, ...deps.options };
  const { directory } = deps;
  const known = new Set(directory.categories.map((category) => category.code));
  const corpus = deps.corpus.filter((item) => known.has(item.category));
  if (new Set(corpus.map((item) => item.category)).size < 2) {
    throw new Error("the training corpus needs at least two categories of the directory");
  }
  const fallback = known.has(FALLBACK_CATEGORY)
    ? FALLBACK_CATEGORY
    : directory.categories[directory.categories.length - 1]!.code;

  const segmenter =
    options.features.words && !deps.segmenter
      ? createSegmenter(directory.regions.flatMap((region) => [...region.names, ...region.towns]))
      : (deps.segmenter ?? null);
  const extractor = createFeatureExtractor(options.features, segmenter);
  const documents = corpus.map((item) => extractor.features(stripInstructions(item.text)));
  const vectorizer = fitVectorizer(documents);
  const vectors = documents.map((features) => vectorizer.vectorize(features));
  const labels = corpus.map((item) => item.category);
  const model =
    options.model === "naive_bayes"
      ? trainNaiveBayes(vectors, labels, vectorizer.size)
      : trainLogisticRegression(vectors, labels, vectorizer.size, options.logisticRegression);

  const regionDetector = createRegionDetector(directory);
  const regionCodes = new Set(directory.regions.map((region) => region.code));
  const categoryNames = new Map(directory.categories.map((c) => [c.code, c.name]));
  const regionNames = new Map(directory.regions.map((r) => [r.code, r.name]));

  function detectRegion(text: string, hints?: ClassificationHints): RegionFinding {
    if (hints?.region && regionCodes.has(hints.region)) {
      return { region: hints.region, evidence: ["(given)"] };
    }
    if (hints?.address) {
      const fromAddress = regionDetector.detect(hints.address);
      if (fromAddress.region) return fromAddress;
    }
    return regionDetector.detect(stripInstructions(text));
  }

  function classifySync(text: string, hints?: ClassificationHints): Classification {
    const cleaned = stripInstructions(typeof text === "string" ? text : "");
    const finding = detectRegion(cleaned, hints);
    const regionNote = finding.region
      ? `地区：${regionNames.get(finding.region)}（依据：${finding.evidence.join("、")}）`
      : "地区：无法从文字确定";

    if (normalizeText(cleaned).replace(/[\s0]/g, "").length < 2) {
      return {
        category: fallback,
        confidence: 0.2,
        alternatives: [{ category: fallback, confidence: 0.2 }],
        region: finding.region,
        rationale: `内容过短或为空，请人工分办；${regionNote}`,
        method: "rules",
      };
    }

    const probabilities = model.predict(vectorizer.vectorize(extractor.features(cleaned)));
    const scores = new Map<string, number>();
    model.labels.forEach((label, k) => scores.set(label, probabilities[k]!));
    const ranked: CategoryScore[] = [...scores]
      .map(([category, confidence]) => ({ category, confidence }))
      .sort((a, b) => b.confidence - a.confidence || (a.category < b.category ? -1 : 1));

    const hit = matchKeywordRule(cleaned, options.rules);
    if (hit && known.has(hit.rule.category)) {
      const confidence = Math.max(scores.get(hit.rule.category) ?? 0, options.ruleConfidence);
      const rest = ranked.filter((score) => score.category !== hit.rule.category);
      const alternatives = [
        { category: hit.rule.category, confidence: round(confidence) },
        ...rest.slice(0, 2).map((score) => ({
          category: score.category,
          confidence: round(Math.min(score.confidence, 1 - confidence)),
        })),
      ];
      return {
        category: hit.rule.category,
        confidence: round(confidence),
        alternatives,
        region: finding.region,
        rationale: `规则「${hit.rule.name}」：“${hit.match}”→${categoryNames.get(hit.rule.category)}；${regionNote}`,
        method: "rules",
      };
    }

    const top = ranked[0]!;
    return {
      category: top.category,
      confidence: round(top.confidence),
      alternatives: ranked
        .slice(0, 3)
        .map((score) => ({ category: score.category, confidence: round(score.confidence) })),
      region: finding.region,
      rationale: `统计模型：${categoryNames.get(top.category)}（${Math.round(top.confidence * 100)}%）；${regionNote}`,
      method: "model",
    };
  }

  return {
    classifySync,
    detectRegion,
    classify: async (text, hints) => classifySync(text, hints),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
