import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";

/** Turns a complaint into the features of the statistical model. */
export interface FeatureExtractor {
  /** Features of `text`, with repetitions (term frequencies count). Never throws. */
  features(text: string): string[];
}

export interface FeatureOptions {
  /** Character n-gram sizes, e.g. [1, 2, 3]. */
  readonly charNgrams: readonly number[];
  /** Add jieba words (prefixed "w:") to the character n-grams. */
  readonly words: boolean;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = { charNgrams: [1, 2, 3], words: true };

/**
 * Normalises text for features: full-width ASCII to half-width, lower case,
 * runs of digits to "0", whitespace and punctuation to a single separator.
 */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\d+(\.\d+)?/g, "0")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * A jieba segmenter with the default dictionary (about 170 ms to load).
 * Optional extra words (place names) are added to the dictionary.
 */
export function createSegmenter(extraWords: readonly string[] = []): Jieba {
  if (extraWords.length === 0) return Jieba.withDict(dict);
  const extra = new TextEncoder().encode(
    "\n" + extraWords.map((word) => `${word} 1000 ns`).join("\n") + "\n",
  );
  const merged = new Uint8Array(dict.length + extra.length);
  merged.set(dict, 0);
  merged.set(extra, dict.length);
  return Jieba.withDict(merged);
}

/**
 * Character n-grams of each run of the normalised text (n-grams never cross
 * punctuation), plus jieba words when `options.words` and a segmenter are given.
 */
export function createFeatureExtractor(
  options: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
  segmenter: Jieba | null = null,
): FeatureExtractor {
  return {
    features(text) {
      const normalized = normalizeText(text);
      const out: string[] = [];
      for (const run of normalized.split(" ")) {
        if (run.length === 0) continue;
        const chars = Array.from(run);
        for (const n of options.charNgrams) {
          for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(""));
        }
      }
      if (options.words && segmenter) {
        for (const word of segmenter.cut(normalized, false)) {
          if (word.trim().length > 0) out.push(`w:${word}`);
        }
      }
      return out;
    },
  };
}
