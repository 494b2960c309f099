/**
 * The classification contract shared by every channel and every classifier
 * (offline statistical model, keyword rules, LLM). Codes are the directory's
 * category and region codes (see src/directory/default-directory.yaml).
 */

import type { Explanation } from "./routing-explanation.ts";
import type { ClassificationMethod, DetectedLanguage } from "./vocabulary.ts";

export type { ClassificationMethod } from "./vocabulary.ts";

export { DETECTED_LANGUAGES, type DetectedLanguage } from "./vocabulary.ts";

/**
 * Below this calibrated confidence a classification is `unsure` (the default of the
 * CLASSIFIER_UNSURE_BELOW setting). Chosen on the team's own dev set: among answers at or
 * above it, about nine in ten are right; below it, about half.
 */
export const DEFAULT_UNSURE_BELOW = 0.6;

/**
 * A confidence as the whole percent shown to people: the one rounding of the classifier's
 * explanation and of every 置信度 beside it (the staff cards; the console's twin in
 * src/console/static/format.js), applied to the confidence as kept, so that they agree.
 */
export function confidencePercent(confidence: number): number {
  return Math.round(confidence * 100);
}

export interface CategoryScore {
  readonly category: string;
  /**
   * Calibrated probability in [0, 1]: among answers given 0.8, about 8 in 10 are right
   * (offline classifier; measured as expected calibration error by `npm run eval`).
   */
  readonly confidence: number;
}

/**
 * What a classifier says about a complaint. How a channel uses it:
 * - not `unsure`: propose `category` (one tap confirms it);
 * - `unsure`: say so, and offer the top 3 of `alternatives` to choose from (the
 *   clerk, or the citizen among the top categories) instead of a guess. `category`
 *   is then only the most likely of them, never a fact.
 */
export interface Classification {
  /** The most likely category (a directory category code). */
  readonly category: string;
  /** Calibrated probability that `category` is right. */
  readonly confidence: number;
  /** Top 3 categories, best first; the first one is `category`. */
  readonly alternatives: readonly CategoryScore[];
  /**
   * True when the classifier does not know: confidence below the threshold
   * (CLASSIFIER_UNSURE_BELOW), text too short to tell, or a language it cannot read.
   */
  readonly unsure: boolean;
  /** The language detected in the complaint (the offline classifier's reading). */
  readonly language: DetectedLanguage;
  /** Region code, or null when the text does not let a careful reader know it. */
  readonly region: string | null;
  /**
   * Why, as facts (what decided the category, the region and what showed it, the language),
   * put into words in the reader's language when shown to the clerk (never to the unit).
   * Never empty (at least what decided the category and the region): an empty list is a
   * dialogue's draft stored before explanations were facts.
   */
  readonly explanation: Explanation;
  readonly method: ClassificationMethod;
  /**
   * When another method (the LLM) gave this answer: the offline classifier's
   * own answer, kept so that both are stored with the routing suggestion.
   */
  readonly offline?: Classification;
}

export interface ClassificationHints {
  /** Region already known from elsewhere (a shared location, a citizen's choice). */
  readonly region?: string | null;
  /** Free-text address given separately from the description. */
  readonly address?: string;
}

/** A classifier never throws for bad text: it answers, at worst with category "other". */
export interface Classifier {
  classify(text: string, hints?: ClassificationHints): Promise<Classification>;
}
