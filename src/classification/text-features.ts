import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { pinyin } from "pinyin-pro";
import { latinWords, splitPinyin, type LanguageReading } from "./language.ts";

/**
 * The version of the features below; a saved model records it and is used only by
 * code with the same version. Bump it whenever what `features` returns changes.
 */
export const FEATURES_VERSION = 4;

/** Turns a complaint into the features of the statistical model. */
export interface FeatureExtractor {
  /** Features of a read complaint, with repetitions (term frequencies count). Never throws. */
  features(reading: LanguageReading): string[];
  /**
   * The features the same complaint would have if typed in pinyin (training copies of
   * Chinese lines, so that pinyin complaints are understood). Never throws.
   */
  pinyinFeatures(chinese: string): string[];
}

export interface FeatureOptions {
  /** Character n-gram sizes of Chinese text, e.g. [1, 2, 3]. */
  readonly charNgrams: readonly number[];
  /** Add jieba words (prefixed "w:") to the character n-grams. */
  readonly words: boolean;
  /**
   * Add the toneless pinyin syllable bigrams of Chinese text ("p:jing_gai"), so that a
   * homophone typed by a pinyin keyboard's slip (景盖 for 井盖) still reads as its word.
   */
  readonly soundBigrams: boolean;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  charNgrams: [1, 2, 3],
  words: true,
  soundBigrams: true,
};

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
 * Chinese: character n-grams of each run of Chinese characters (never across
 * punctuation), its pinyin syllable bigrams ("p:"), jieba words ("w:"), and stems of
 * Latin words inside ("e:").
 * English: word stems and stem bigrams ("e:"). Pinyin: syllables and syllable
 * bigrams ("p:"), the same features `pinyinFeatures` gives the Chinese corpus.
 */
export function createFeatureExtractor(
  options: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
  segmenter: Jieba | null = null,
): FeatureExtractor {
  return {
    features(reading) {
      if (reading.language === "pinyin") return syllableFeatures(reading.syllables);
      const normalized = normalizeText(reading.simplified);
      const out: string[] = [];
      const stems: string[] = [];
      for (const run of normalized.split(" ")) {
        for (const piece of run.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? []) {
          if (!/\p{Script=Han}/u.test(piece)) {
            stems.push(...latinWords(piece).flatMap(openCompound).map(stem).filter(Boolean));
            continue;
          }
          const chars = Array.from(piece);
          if (options.soundBigrams) {
            out.push(...syllableFeatures(chars.map(soundOf)).filter((f) => f.includes("_")));
          }
          for (const n of options.charNgrams) {
            for (let i = 0; i + n <= chars.length; i++) {
              let gram = chars[i]!;
              for (let k = 1; k < n; k++) gram += chars[i + k]!;
              out.push(gram);
            }
          }
        }
      }
      for (const [i, word] of stems.entries()) {
        out.push(`e:${word}`);
        if (reading.language === "en" && i > 0) out.push(`e:${stems[i - 1]}_${word}`);
      }
      if (options.words && segmenter && reading.language !== "en") {
        for (const word of segmenter.cut(normalized, false)) {
          if (/\p{Script=Han}/u.test(word)) out.push(`w:${word}`);
        }
      }
      return out;
    },
    pinyinFeatures(chinese) {
      return syllableFeatures(syllablesOf(normalizeText(chinese)));
    },
  };
}

/** The toneless pinyin syllables of Chinese text, in order (pinyin-pro's reading in context). */
function syllablesOf(chinese: string): string[] {
  return pinyin(chinese, { toneType: "none", type: "array", v: true }).flatMap(
    (piece) => splitPinyin(piece) ?? [],
  );
}

/** Each character's usual toneless syllable, read once (a bounded set: the Han characters). */
const SOUNDS = new Map<string, string>();

/**
 * The usual toneless syllable of one Chinese character. Out of context on purpose: a sound
 * feature must be the same for a word and its homophone slip, and reading each text in
 * context cost five times the rest of the features.
 */
function soundOf(char: string): string {
  let sound = SOUNDS.get(char);
  if (sound === undefined) {
    sound = pinyin(char, { toneType: "none", v: true });
    SOUNDS.set(char, sound);
  }
  return sound;
}

function syllableFeatures(syllables: readonly string[]): string[] {
  const out: string[] = [];
  syllables.forEach((syllable, i) => {
    out.push(`p:${syllable}`);
    if (i > 0) out.push(`p:${syllables[i - 1]}_${syllable}`);
  });
  return out;
}

const STOP_WORDS = new Set(
  "the a an is are was were be been am to of in on at for and or but it its this that i my me we our us you your they their he she his her them there as by with from have has had do does did not no so".split(
    " ",
  ),
);

/**
 * English compounds written closed as often as open ("streetlight", "street light"): read
 * open, so that both spellings give the features the corpus taught.
 */
const OPEN_COMPOUNDS = new Map(
  [
    "street light",
    "street lamp",
    "lamp post",
    "car park",
    "road work",
    "power line",
    "waste water",
  ].map((open) => [open.replace(" ", ""), open.split(" ")] as const),
);

function openCompound(word: string): readonly string[] {
  return OPEN_COMPOUNDS.get(word.replace(/s$/, "")) ?? [word];
}

/** A light English stem (plural and verb endings); common function words give "". */
function stem(word: string): string {
  if (STOP_WORDS.has(word) || word.length < 2) return "";
  return word
    .replace(/(ies|ied)$/, "y")
    .replace(/([^su])s$/, "$1")
    .replace(/(ing|ed)$/, "")
    .replace(/(.)\1$/, "$1");
}
