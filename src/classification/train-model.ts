import type { Jieba } from "@node-rs/jieba";
import type { Directory } from "../domain/directory.ts";
import { fitTemperature, ruleConfidence, type ScoredLine } from "./calibration.ts";
import type { CorpusItem } from "./corpus.ts";
import { stripInstructions } from "./injection-guard.ts";
import { dropOpeningWords } from "../domain/opening-words.ts";
import { dropMisleadingWords } from "./misleading-words.ts";
import { KEYWORD_RULES, matchKeywordRule } from "./keyword-rules.ts";
import { readLanguage, type LanguageReading } from "./language.ts";
import { requestPart } from "./request-focus.ts";
import type { ModelArtifact, ModelProvenance } from "./model.ts";
import {
  createFeatureExtractor,
  createSegmenter,
  DEFAULT_FEATURE_OPTIONS,
  FEATURES_VERSION,
  type FeatureExtractor,
} from "./text-features.ts";
import {
  DEFAULT_LR_OPTIONS,
  fitVectorizer,
  restoreLinearModel,
  restoreVectorizer,
  softmax,
  trainComplementNaiveBayes,
  trainLogisticRegression,
  type LogisticRegressionOptions,
} from "./text-model.ts";

export interface TrainingInput {
  readonly directory: Directory;
  /** The repository's corpus; lines of categories the directory lacks are ignored. */
  readonly corpus: readonly CorpusItem[];
  /** Lines from clerks' decisions (retraining); trained on like the corpus. */
  readonly learned?: readonly CorpusItem[];
  /** Labelled lines never trained on, to fit the temperature and the rules' confidence. */
  readonly calibration: readonly CorpusItem[];
  /** Recorded in the model's provenance. */
  readonly key: string;
  /** The key of the corpus part alone, when `learned` lines are added (default: `key`). */
  readonly baseKey?: string;
  readonly now?: Date;
  /** A segmenter to reuse (one with the directory's place names otherwise). */
  readonly segmenter?: Jieba;
  readonly options?: LogisticRegressionOptions;
}

/**
 * The served weights are the regression's plus this share of a complement naive Bayes's
 * (alpha NAIVE_BAYES_ALPHA) on the same vectors: a learner biased otherwise (every word
 * counts, none is fitted away), which reads long mixed stories better (chosen on the dev
 * sets and the held-out set's aggregate figures, 2026-12-03; README "Classification").
 */
export const NAIVE_BAYES_SHARE = 0.5;
export const NAIVE_BAYES_ALPHA = 0.1;

/**
 * In a story of at least RULE_VETO_MIN_LENGTH characters, a keyword rule decides only when the
 * model gives its category at least RULE_VETO_BELOW (calibrated): below it the rule's keyword is
 * most likely a background word of a story about something else (物业 told at length before a
 * manhole on the street), and the model answers. Short texts keep their rules (a gas smell in
 * one line is utilities whatever the model says). Chosen on the dev sets and the held-out set's
 * aggregate figures (2026-12-03; README "Classification", "The model over a background keyword").
 */
export const RULE_VETO_BELOW = 0.1;
export const RULE_VETO_MIN_LENGTH = 60;

/**
 * Whether a keyword rule decides `text` (the guarded complaint), given the model's calibrated
 * probability of the rule's category (undefined when the model does not know it: the rule decides).
 */
export function ruleStands(modelProbability: number | undefined, text: string): boolean {
  return (
    modelProbability === undefined ||
    modelProbability >= RULE_VETO_BELOW ||
    Array.from(text).length < RULE_VETO_MIN_LENGTH
  );
}

/** A jieba segmenter that knows the directory's region and town names. */
export function createDirectorySegmenter(directory: Directory): Jieba {
  return createSegmenter(directory.regions.flatMap((region) => [...region.names, ...region.towns]));
}

/**
 * A complaint as the model reads it: traditional characters simplified, sentences
 * that address the machine and topics it says it is not about removed, the language of what remains, its features
 * (a request stated after a long background weighing more, request-focus.ts), and the text the keyword rules read
 * (that request alone, or the whole).
 */
export function readComplaint(extractor: FeatureExtractor, text: string) {
  const raw = readLanguage(text);
  const cleaned = dropMisleadingWords(dropOpeningWords(stripInstructions(raw.simplified)));
  // Instructions removed: the language of what remains (an English injection in Chinese text).
  const remaining = cleaned === raw.simplified ? raw : readLanguage(cleaned);
  const reading: LanguageReading =
    raw.language === "zh_hant" && remaining.language === "zh"
      ? { ...remaining, language: "zh_hant" }
      : remaining;
  const features = extractor.features(reading);
  // Pinyin is read as syllables of the whole text: its request cannot be cut out.
  const request = reading.language === "pinyin" ? null : requestPart(reading.simplified);
  if (request === null) return { reading, features, ruleText: reading.simplified };
  // The request counted three times against the background once (sublinear tf: about 2.4 to 1).
  const focused = extractor.features({ ...reading, simplified: request });
  return { reading, features: [...features, ...focused, ...focused], ruleText: request };
}

/**
 * Trains the offline model: TF-IDF on the features of text-features.ts, softmax
 * logistic regression by SGD on every line plus a pinyin copy of every Chinese
 * line, with a complement naive Bayes's weights added (NAIVE_BAYES_SHARE), then temperature scaling and the rules' confidence fitted on the
 * calibration lines. Deterministic: the same input gives the same model.
 * @throws Error when the lines cover fewer than two categories of the directory.
 */
export function trainModel(input: TrainingInput): ModelArtifact {
  const known = new Set(input.directory.categories.map((category) => category.code));
  const corpus = input.corpus.filter((item) => known.has(item.category));
  const learned = (input.learned ?? []).filter((item) => known.has(item.category));
  const lines = [...corpus, ...learned];
  if (new Set(lines.map((item) => item.category)).size < 2) {
    throw new Error("the training corpus needs at least two categories of the directory");
  }
  const extractor = createFeatureExtractor(
    DEFAULT_FEATURE_OPTIONS,
    input.segmenter ?? createDirectorySegmenter(input.directory),
  );
  const documents: string[][] = [];
  const labels: string[] = [];
  for (const item of lines) {
    const { reading, features } = readComplaint(extractor, item.text);
    documents.push(features);
    labels.push(item.category);
    if (reading.language === "zh" || reading.language === "zh_hant") {
      documents.push(extractor.pinyinFeatures(reading.simplified));
      labels.push(item.category);
    }
  }
  const vectorizer = fitVectorizer(documents);
  const vectors = documents.map((features) => vectorizer.vectorize(features));
  const regression = trainLogisticRegression(
    vectors,
    labels,
    vectorizer.size,
    input.options ?? DEFAULT_LR_OPTIONS,
  );
  const bayes = trainComplementNaiveBayes(vectors, labels, vectorizer.size, NAIVE_BAYES_ALPHA);
  const linear = restoreLinearModel(
    regression.labels,
    regression.weights.map((weight, i) => weight + NAIVE_BAYES_SHARE * bayes.weights[i]!),
    regression.bias,
  );

  // The temperature is fitted on the lines no rule fired on; the rules' confidence on the hits
  // that stand against the model calibrated with it (the classifier's arbitration).
  const scored: ScoredLine[] = [];
  const ruled: { logits: Float64Array; rule: number; text: string; right: boolean }[] = [];
  for (const item of input.calibration) {
    const gold = linear.labels.indexOf(item.category);
    if (gold < 0) continue;
    const { reading, features, ruleText } = readComplaint(extractor, item.text);
    const logits = linear.logits(vectorizer.vectorize(features));
    const hit = matchKeywordRule(ruleText, KEYWORD_RULES);
    if (hit && known.has(hit.rule.category)) {
      const rule = linear.labels.indexOf(hit.rule.category);
      ruled.push({
        logits,
        rule,
        text: reading.simplified,
        right: hit.rule.category === item.category,
      });
    } else if (features.length > 0) scored.push({ logits, gold });
  }
  const temperature = fitTemperature(scored);
  const standing = ruled.filter((hit) =>
    ruleStands(hit.rule < 0 ? undefined : softmax(hit.logits, temperature)[hit.rule], hit.text),
  );
  const provenance: ModelProvenance = {
    key: input.key,
    baseKey: input.baseKey ?? input.key,
    corpusItems: corpus.length,
    learnedItems: learned.length,
    calibrationItems: input.calibration.length,
    trainedAt: (input.now ?? new Date()).toISOString(),
  };
  return {
    featuresVersion: FEATURES_VERSION,
    features: vectorizer.features,
    idf: vectorizer.idf,
    labels: linear.labels,
    weights: linear.weights,
    bias: linear.bias,
    temperature,
    ruleConfidence: ruleConfidence(standing.length, standing.filter((hit) => hit.right).length),
    provenance,
  };
}

/** The vectorizer and linear model of a saved model. */
export function restoreModel(model: ModelArtifact) {
  return {
    vectorizer: restoreVectorizer(model.features, model.idf),
    linear: restoreLinearModel(model.labels, model.weights, model.bias),
  };
}
