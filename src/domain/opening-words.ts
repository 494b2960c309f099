/**
 * What a caller says before the matter — "喂，你好", "同志你好", "俺想问一下", "想反映个事" —
 * tells nothing of its category, but the corpus's consultations open so too: removed from the
 * front, a complaint opened as a question ("喂 你好 俺想问一下 俺们那个低保咋还没批下来") is read by
 * its matter, not as a question for the hotline. A greeting with no matter after it stays.
 *
 * The intake reads what a typed message asks for ("喂 你好 我不想反映了", "那个，解决了，挺满意的",
 * "对了 我想补充一下") without the greeting and the fillers a caller opens with, as said on the
 * hotline (withoutFillers); the words kept as the citizen's (a description, a reason, an
 * addition) stay as written.
 */

// Said before anything on the line, and never of the matter: "喂", "你好", "同志".
const GREETING = "喂+|哎+|唉+|嗯+|你好|您好|你们好|同志|领导|师傅|工作人员";
// Fillers of speech, and polite openings of a question, which the classifier keeps (a
// consultation opens with 请问): "对了", "请问一下", "麻烦问一下". 那个, 这个, 就是, 还有, 另外 and
// the sounds of a pause, one or several ("那个那个"), are fillers only before a pause or the
// speaker — "那个事不用管了" and "就是这个" say which. English callers open so too: "hello, hi
// there", "um".
const PAUSE = "(?=[，,。.！!、…：:\\s~～]|[我俺咱])";
const FILLER =
  `对了|请问(?:一下)?|麻烦(?:您|你)?问一下|(?:那个|这个|就是|还有|另外|呃|额|哦|噢)+${PAUSE}|` +
  "(?:hello|hi|hey)(?: there)?(?![a-z'])|good (?:morning|afternoon|evening)(?![a-z'])|" +
  "excuse me(?![a-z'])|(?:um+|uh+|erm|er+)(?![a-z'])";
const SEPARATOR = "[，,。.！!、…~～\\s]*";
// "(我)想问一下", "俺就想反映个事": the caller's wish to ask or to tell, not yet what.
const ASKING =
  "(?:(?:我|俺)们?)?就?(?:想|要)?(?:问一下|问问|问个事|咨询一下|咨询个事|反映一下|反映个事|反映个情况|反映一个情况|说个事|说一下)[，,。：:！!、\\s]*";

const OPENING = new RegExp(`^(?:\\s*(?:${GREETING})[，,。！!、\\s~～]*)*(?:${ASKING})?`, "u");
const FILLERS = new RegExp(`^(?:\\s*(?:${GREETING}|${FILLER})${SEPARATOR})*`, "iu");
const ASKING_FIRST = new RegExp(`^${ASKING}`, "u");

/** Letters a matter needs after the opening for the opening to go. */
const MATTER_LETTERS = 4;

/** `text` without the greeting and "I'd like to ask" it opens with. Never throws. */
export function dropOpeningWords(text: string): string {
  const rest = text.replace(OPENING, "");
  return letterCount(rest) >= MATTER_LETTERS ? rest : text;
}

/**
 * What a typed message asks for: `text` without the greetings and fillers it opens with ("喂
 * 你好", "那个，", "对了", "请问一下", "hello, hi there"). A message of these alone ("喂 你好",
 * "hello") is kept whole: a greeting. Never throws.
 */
export function withoutFillers(text: string): string {
  const rest = text.replace(FILLERS, "");
  return letterCount(rest) > 0 ? rest : text;
}

/** `text` without the wish to ask or tell it opens with ("我想问一下", "俺想反映个事"). */
export function dropAskingWords(text: string): string {
  return text.replace(ASKING_FIRST, "");
}

function letterCount(text: string): number {
  return text.replace(/[^\p{L}\p{N}]/gu, "").length;
}
