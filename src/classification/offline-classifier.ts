import type { Jieba } from "@node-rs/jieba";
import {
  DEFAULT_UNSURE_BELOW,
  type CategoryScore,
  type Classification,
  type ClassificationHints,
  type Classifier,
} from "../domain/classification.ts";
import type { Directory } from "../domain/directory.ts";
import type { ExplanationFact, RegionFact } from "../domain/routing-explanation.ts";
import { KEYWORD_RULES, matchKeywordRule, type KeywordRule } from "./keyword-rules.ts";
import type { ModelArtifact } from "./model.ts";
import { createRegionDetector, type RegionFinding } from "./region-detector.ts";
import { stripInstructions } from "./injection-guard.ts";
import { toSimplified } from "./language.ts";
import {
  createFeatureExtractor,
  DEFAULT_FEATURE_OPTIONS,
  FEATURES_VERSION,
  normalizeText,
} from "./text-features.ts";
import { softmax } from "./text-model.ts";
import {
  createDirectorySegmenter,
  readComplaint,
  restoreModel,
  ruleStands,
} from "./train-model.ts";

export interface OfflineClassifierDeps {
  readonly directory: Directory;
  /** A trained model (train-model.ts, or loaded from the cache or the database). */
  readonly model: ModelArtifact;
  /** A jieba instance to reuse (one is created with the directory's place names otherwise). */
  readonly segmenter?: Jieba;
  /** Calibrated confidence below which an answer is `unsure` (DEFAULT_UNSURE_BELOW). */
  readonly unsureBelow?: number;
  /** Keyword rules; [] turns them off (the model alone decides). */
  readonly rules?: readonly KeywordRule[];
}

/** The offline classifier; `classifySync` is the same answer without a promise. */
export interface OfflineClassifier extends Classifier {
  classifySync(text: string, hints?: ClassificationHints): Classification;
  /** The region part alone (used by the LLM classifier to check the model's region). */
  detectRegion(text: string, hints?: ClassificationHints): RegionReading;
  /** The model it answers with (its provenance is shown to admins). */
  readonly model: ModelArtifact;
}

/** A region finding, and where it was found. */
export interface RegionReading extends RegionFinding {
  /** given: the hint's region; address: the separate address; words: the description. */
  readonly source: "given" | "address" | "words";
}

/** What a region reading says to the clerk: the region and what showed it, or that none did. */
export function regionFactOfReading(finding: RegionReading): RegionFact {
  return finding.region
    ? {
        kind: "region",
        region: finding.region,
        source: finding.source,
        evidence: [...finding.evidence],
      }
    : { kind: "region_unknown" };
}

const FALLBACK_CATEGORY = "other";

/**
 * Below this share of its distinct features known to the model, a text is mostly
 * words the model never saw (another language, gibberish): its answer is unsure
 * whatever the probabilities say. English complaints of the dev set know 27 % or more.
 */
export const MIN_KNOWN_FEATURES = 0.2;

/**
 * A classifier that needs no network, answering with `model`: keyword rules for
 * the taxonomy's decision rules take precedence over the statistical model, unless
 * in a long story the model all but rules their category out (ruleStands);
 * instructions inside a complaint are removed first; confidences are the model's
 * calibrated probabilities. Never throws for bad text: empty or meaningless text
 * is "other", unsure.
 * @throws Error when the model was trained by code with other features
 *   (FEATURES_VERSION), or knows fewer than two categories of the directory.
 */
export function createOfflineClassifier(deps: OfflineClassifierDeps): OfflineClassifier {
  const { directory, model } = deps;
  const rules = deps.rules ?? KEYWORD_RULES;
  const unsureBelow = deps.unsureBelow ?? DEFAULT_UNSURE_BELOW;
  if (model.featuresVersion !== FEATURES_VERSION) {
    throw new Error(
      `the model has features version ${model.featuresVersion}, this code ${FEATURES_VERSION}`,
    );
  }
  const known = new Set(directory.categories.map((category) => category.code));
  if (model.labels.filter((label) => known.has(label)).length < 2) {
    throw new Error("the model knows fewer than two categories of the directory");
  }
  const fallback = known.has(FALLBACK_CATEGORY)
    ? FALLBACK_CATEGORY
    : directory.categories[directory.categories.length - 1]!.code;
  const extractor = createFeatureExtractor(
    DEFAULT_FEATURE_OPTIONS,
    deps.segmenter ?? createDirectorySegmenter(directory),
  );
  const { vectorizer, linear } = restoreModel(model);

  const regionDetector = createRegionDetector(directory);
  const regionCodes = new Set(directory.regions.map((region) => region.code));

  function detectRegion(text: string, hints?: ClassificationHints): RegionReading {
    if (hints?.region && regionCodes.has(hints.region)) {
      return { region: hints.region, evidence: [], source: "given" };
    }
    if (hints?.address) {
      const fromAddress = regionDetector.detect(toSimplified(hints.address));
      if (fromAddress.region) return { ...fromAddress, source: "address" };
    }
    return { ...regionDetector.detect(stripInstructions(toSimplified(text))), source: "words" };
  }

  function classifySync(text: string, hints?: ClassificationHints): Classification {
    const { reading, features, ruleText } = readComplaint(
      extractor,
      typeof text === "string" ? text : "",
    );
    const cleaned = reading.simplified;
    const finding = detectRegion(cleaned, hints);
    const regionFact = regionFactOfReading(finding);
    const languageFacts: ExplanationFact[] =
      reading.language === "zh" ? [] : [{ kind: "language", language: reading.language }];
    const because = (fact: ExplanationFact): ExplanationFact[] => [
      fact,
      regionFact,
      ...languageFacts,
    ];

    const meaningful = normalizeText(cleaned).replace(/[\s0]/g, "").length;
    if (features.length === 0 || reading.language === "unknown" || meaningful < 2) {
      return {
        category: fallback,
        confidence: 0.2,
        alternatives: [{ category: fallback, confidence: 0.2 }],
        unsure: true,
        language: reading.language,
        region: finding.region,
        explanation: because({ kind: "unreadable" }),
        method: "rules",
      };
    }

    const vector = vectorizer.vectorize(features);
    const knownShare = vector.indices.length / new Set(features).size;
    const unknownWords = knownShare < MIN_KNOWN_FEATURES;
    const probabilities = softmax(linear.logits(vector), model.temperature);
    const ranked: CategoryScore[] = linear.labels
      .map((category, k) => ({ category, confidence: probabilities[k]! }))
      .filter((score) => known.has(score.category))
      .sort((a, b) => b.confidence - a.confidence || (a.category < b.category ? -1 : 1));

    const hit = matchKeywordRule(ruleText, rules);
    const ruled = hit ? ranked.find((score) => score.category === hit.rule.category) : undefined;
    if (hit && known.has(hit.rule.category) && ruleStands(ruled?.confidence, cleaned)) {
      const confidence = Math.max(ruled?.confidence ?? 0, model.ruleConfidence);
      const rest = ranked.filter((score) => score.category !== hit.rule.category);
      return {
        category: hit.rule.category,
        confidence: round(confidence),
        alternatives: [
          { category: hit.rule.category, confidence: round(confidence) },
          ...rest.slice(0, 2).map((score) => ({
            category: score.category,
            confidence: round(Math.min(score.confidence, 1 - confidence)),
          })),
        ],
        unsure: confidence < unsureBelow,
        language: reading.language,
        region: finding.region,
        explanation: because({ kind: "keyword", words: hit.match, category: hit.rule.category }),
        method: "rules",
      };
    }

    const top = ranked[0]!;
    // The explanation states the confidence as kept and shown beside it, not the raw one.
    const confidence = round(top.confidence);
    return {
      category: top.category,
      confidence,
      alternatives: ranked
        .slice(0, 3)
        .map((score) => ({ category: score.category, confidence: round(score.confidence) })),
      unsure: unknownWords || top.confidence < unsureBelow,
      language: reading.language,
      region: finding.region,
      explanation: because({
        kind: "model",
        category: top.category,
        confidence,
        doubt: unknownWords
          ? "unknown_words"
          : top.confidence < unsureBelow
            ? "low_confidence"
            : null,
      }),
      method: "model",
    };
  }

  return {
    model,
    classifySync,
    detectRegion,
    classify: async (text, hints) => classifySync(text, hints),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
