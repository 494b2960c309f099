/** Longest description a citizen can send, in characters (code points). */
export const MAX_DESCRIPTION_LENGTH = 2000;
/** Fewest letters/digits a description must have to say anything ("路灯坏了" has 4). */
export const MIN_DESCRIPTION_LETTERS = 4;

export type DescriptionProblem = "empty" | "no_words" | "too_short" | "too_long" | "generic";

export type DescriptionCheck =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problem: DescriptionProblem; readonly length: number };

/** Letters (Han characters included) and digits; emoji, punctuation and spaces do not count. */
export function meaningfulChars(text: string): string[] {
  return [...text].filter((char) => /[\p{L}\p{N}]/u.test(char));
}

/** Code points, so an emoji counts once, as a citizen would count it. */
export function charLength(text: string): number {
  return [...text].length;
}

/** Trims and collapses runs of blank lines; keeps the citizen's own words otherwise. */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t\u3000]+/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

// "我要投诉" says the citizen wants to complain, not what about: start a draft and ask.
const GENERIC_INTENT =
  /^(?:你好|您好)?[，,\s]*(?:我)?(?:要|想|想要|需要)?(?:投诉|举报|反映|反应|信访|上访|求助|咨询|报告)(?:一下|个|一个)?(?:问题|事情|事|情况)?[。.!！~～]*$/u;

/** True for "我要投诉", "反映问题", "举报" and the like. */
export function isGenericIntent(text: string): boolean {
  return GENERIC_INTENT.test(cleanText(text).replace(/\s/g, ""));
}

/**
 * Decides whether a text can serve as a complaint description.
 * Never throws; `length` is the text's length in characters (for the "too long" answer).
 */
export function checkDescription(raw: string): DescriptionCheck {
  const text = cleanText(raw);
  const length = charLength(text);
  if (length === 0) return { ok: false, problem: "empty", length };
  if (length > MAX_DESCRIPTION_LENGTH) return { ok: false, problem: "too_long", length };
  const letters = meaningfulChars(text);
  if (letters.length === 0) return { ok: false, problem: "no_words", length };
  if (isGenericIntent(text)) return { ok: false, problem: "generic", length };
  if (letters.length < MIN_DESCRIPTION_LETTERS || new Set(letters).size < 3) {
    return { ok: false, problem: "too_short", length };
  }
  return { ok: true, text };
}
