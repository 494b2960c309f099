/**
 * A unit's answer (答复) machine-translated for a citizen who reads English. The units write in
 * Chinese and the original stays the authoritative text: a translation is only ever shown beside
 * it, labelled as machine translation. Only the answer's words are translated, never anything
 * of the citizen.
 */
import type { Locale } from "./locale.ts";

/** The languages an answer is translated into: every one but the units' own. */
export type TranslatedLocale = Exclude<Locale, "zh">;

/** Whether a reader in `locale` gets the answer translated. */
export function readsTranslated(locale: Locale): locale is TranslatedLocale {
  return locale !== "zh";
}

/** What became of one request for a translation. */
export type TranslationOutcome =
  | { readonly kind: "translated"; readonly text: string }
  /** `reason`: for the logs, never the answer's words (a timeout, an HTTP status, junk). */
  | { readonly kind: "failed"; readonly reason: string };

/** Translates an answer (an adapter: the LLM). */
export interface AnswerTranslator {
  /** Never rejects: any failure, junk included, is a `failed` outcome. */
  translate(answer: string, into: TranslatedLocale): Promise<TranslationOutcome>;
}

/** An answer of a case, as a reader is shown it. */
export interface CaseAnswer {
  readonly trackingNo: string;
  readonly text: string;
}

/** The translations of the cases' answers, made once and kept. */
export interface AnswerTranslations {
  /**
   * The answer in `locale`, machine-translated: the kept translation, else a new one, kept.
   * Null for Chinese (nothing asked), or when none could be made (logged once, with the case
   * number). Never rejects, and takes at most the translator's timeout.
   */
  translationOf(answer: CaseAnswer, locale: Locale): Promise<string | null>;
  /**
   * The answer's translation as it stands, never waiting for the translator, for a notice that
   * must not hold back others: `translated` when one is kept; `making` when one is being made
   * (started now unless under way), `made` resolving (never rejecting) once it is kept or has
   * failed; `untranslated` for Chinese, after a recent failure (logged then) or when it cannot
   * be read (logged once, with the case number).
   */
  translationAhead(answer: CaseAnswer, locale: Locale): Promise<TranslationAhead>;
}

/** What a reader of an answer can be given now; see AnswerTranslations.translationAhead. */
export type TranslationAhead =
  | { readonly kind: "translated"; readonly text: string }
  | { readonly kind: "making"; readonly made: Promise<void> }
  | { readonly kind: "untranslated" };

/**
 * A translation's characters per character of the answer at most: English takes about two to
 * three letters per Chinese character; far more is the model writing something else.
 */
const MAX_TRANSLATION_GROWTH = 6;
/** Headroom for a very short answer ("已处理。" → "It has been dealt with."). */
const SHORT_ANSWER_SLACK = 200;
/** Chinese characters in an English translation at most, as a share of its letters. */
const MAX_HAN_SHARE = 0.2;

/** Why a model's translation of `answer` is junk, or null when it may be shown. */
export function junkTranslationReason(answer: string, translation: string): string | null {
  const text = translation.trim();
  if (text === "") return "empty translation";
  if (text.length > answer.length * MAX_TRANSLATION_GROWTH + SHORT_ANSWER_SLACK) {
    return `translation too long (${text.length} characters for ${answer.length})`;
  }
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  if (han > text.length * MAX_HAN_SHARE) return "translation still mostly Chinese";
  return null;
}
