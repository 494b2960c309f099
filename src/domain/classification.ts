/**
 * The classification contract shared by every channel and every classifier
 * (offline statistical model, keyword rules, LLM). Codes are the directory's
 * category and region codes (see src/directory/default-directory.yaml).
 */

export type ClassificationMethod = "rules" | "model" | "llm";

export interface CategoryScore {
  readonly category: string;
  /** Probability-like score in [0, 1]. */
  readonly confidence: number;
}

export interface Classification {
  readonly category: string;
  readonly confidence: number;
  /** Top 3 categories, best first; the first one is `category`. */
  readonly alternatives: readonly CategoryScore[];
  /** Region code, or null when the text does not let a careful reader know it. */
  readonly region: string | null;
  /** Short human-readable reason, shown to the clerk (never to the unit). */
  readonly rationale: string;
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
