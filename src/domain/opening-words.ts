/**
 * What a caller says before the matter — "喂，你好", "同志你好", "俺想问一下", "想反映个事" —
 * tells nothing of its category, but the corpus's consultations open so too: removed from the
 * front, a complaint opened as a question ("喂 你好 俺想问一下 俺们那个低保咋还没批下来") is read by
 * its matter, not as a question for the hotline. A greeting with no matter after it stays.
 */
const OPENING =
  /^(?:\s*(?:喂+|哎+|唉+|嗯+|你好|您好|你们好|同志|领导|师傅|工作人员)[，,。！!、\s~～]*)*(?:(?:(?:我|俺)们?)?就?(?:想|要)?(?:问一下|问问|问个事|咨询一下|咨询个事|反映一下|反映个事|反映个情况|反映一个情况|说个事|说一下)[，,。：:！!、\s]*)?/u;

/** Letters a matter needs after the opening for the opening to go. */
const MATTER_LETTERS = 4;

/** `text` without the greeting and "I'd like to ask" it opens with. Never throws. */
export function dropOpeningWords(text: string): string {
  const rest = text.replace(OPENING, "");
  return rest.replace(/[^\p{L}\p{N}]/gu, "").length >= MATTER_LETTERS ? rest : text;
}
