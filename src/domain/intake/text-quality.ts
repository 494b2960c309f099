import { toHalfWidth } from "../half-width.ts";
import { dropAskingWords } from "../opening-words.ts";

/** Longest description a citizen can send, in characters (code points). */
export const MAX_DESCRIPTION_LENGTH = 2000;
/** Fewest letters/digits a description must have to say anything ("路灯坏了" has 4). */
export const MIN_DESCRIPTION_LETTERS = 4;

export type DescriptionProblem =
  "empty" | "no_words" | "numbers_only" | "too_short" | "too_long" | "generic";

export type DescriptionCheck =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problem: DescriptionProblem; readonly length: number };

/** Letters (Han characters included) and digits; emoji, punctuation and spaces do not count. */
export function meaningfulChars(text: string): string[] {
  return [...text].filter((char) => /[\p{L}\p{N}]/u.test(char));
}

/**
 * A message's clauses, split at commas, full stops, question and exclamation marks, semicolons,
 * tildes and line breaks, each trimmed; spaces do not split (English words are kept together).
 */
export function clausesOf(text: string): string[] {
  return text
    .split(/[,，。.!！?？;；~～\n]+/u)
    .map((clause) => clause.trim())
    .filter((clause) => clause !== "");
}

/** Code points, so an emoji counts once, as a citizen would count it. */
export function charLength(text: string): number {
  return [...text].length;
}

/** Han characters from which words repeated inside what was said are taken as said already. */
const MIN_REPEATED_HAN = 3;

/**
 * Whether `words` are said already: a line of `said` (the same words sent again, by a second tap
 * on send or for want of an answer seen), or Chinese words it holds ("好几年了" after "…反映好几年
 * 了没人管"), punctuation aside, are no more of the matter.
 */
export function saidAlready(said: string | null, words: string): boolean {
  if (said === null) return false;
  if (said.split("\n").includes(words)) return true;
  const repeated = meaningfulChars(words);
  const han = repeated.filter((char) => /\p{Script=Han}/u.test(char)).length;
  return han >= MIN_REPEATED_HAN && meaningfulChars(said).join("").includes(repeated.join(""));
}

/** Trims and collapses runs of blank lines; keeps the citizen's own words otherwise. */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t\u3000]+/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

// "我要投诉", "我想问一下", "俺有个事" say the citizen wants to tell something, not what: start a
// draft and ask.
const GENERIC_INTENT =
  /^(?:你好|您好)?(?:我|俺)?(?:要|想|想要|需要)?(?:投诉|举报|反映|反应|信访|上访|求助|咨询|报告|问|说|有)(?:一下|个|一个|件)?(?:问题|事情|事|情况)?(?:想(?:说|问|反映)(?:一下)?)?$/u;
// Words that fill a pause and say nothing: "我想问一下，就是那个，唉，怎么说呢".
const FILLERS = /就是|那个|那啥|这个|唉|哎|嗯|呃|额|啊|怎么说呢|咋说呢|是这样的?|这样的/gu;

/** True for "我要投诉", "反映问题", "举报", "我想问一下，就是那个…" and the like. */
export function isGenericIntent(text: string): boolean {
  const said = cleanText(text)
    .replace(FILLERS, "")
    .replace(/[\s，,。.!！?？~～…、]/gu, "");
  return GENERIC_INTENT.test(said);
}

// "我要举报我们村支书…": the wish to file said with the matter itself.
const INTENT_WITH_MATTER =
  /^(?:你好|您好)?[，,\s]*(?:我|俺|咱)们?(?:要|想|想要)(?:投诉|举报|反映|反应)(?!.{0,2}(?:的事|那件|之前|上次))/u;

/** True for a message that asks to file and tells the matter ("我要举报我们村支书…"). */
export function opensWithIntent(text: string): boolean {
  return INTENT_WITH_MATTER.test(cleanText(text)) && !isGenericIntent(text);
}

/**
 * Code that is never a citizen's words of a matter, however many letters it has: a script or
 * style with what it holds, a markup tag, a template expression, the parts of an SQL statement
 * ("<script>alert(1)</script>", "<img src=x onerror=…>", "{{7*7}}", "'; DROP TABLE …").
 * Each pattern stops where the code does, so the words around it stay.
 */
const CODE: readonly RegExp[] = [
  /<(script|style)\b[^>]*>[^]*?(?:<\/\1\s*>|$)/giu,
  /<\/?[a-z][\w:-]*(?:\s[^<>]*)?\/?>|<![^<>]*>/giu,
  /\{\{[^{}]*\}\}|\{%[^]*?%\}|<%[^]*?%>|[$#]\{[^{}]*\}/gu,
  /\bjavascript:\S*/giu,
  /\b(?:drop|truncate)\s+(?:table|database)\b(?:\s+[\w."`]+)?|\bunion\s+(?:all\s+)?select\b/giu,
  /\b(?:insert\s+into|delete\s+from)\s+[\w."`]+|\bselect\s+(?:\*|[\w.,`]+)\s+from\s+[\w."`]+/giu,
  /['"`]\s*(?:or|and)\s+['"`]?\w+['"`]?\s*=\s*['"`]?\w+['"`]?/giu,
];

/** `text` with its code (CODE) removed: what is left to tell a matter with. */
export function withoutCode(text: string): string {
  return CODE.reduce((rest, code) => rest.replace(code, " "), text);
}

/**
 * Decides whether a text can serve as a complaint description: its words once `screen` has
 * taken out what addresses the classifier (the injection guard, the turn's
 * `deps.withoutInstructions`) and code is removed (withoutCode); a text of markup, script or
 * instructions alone has none. The description kept is the citizen's text as written. Never
 * throws; `length` is the text's length in characters (for the "too long" answer).
 */
export function checkDescription(raw: string, screen: (text: string) => string): DescriptionCheck {
  const text = cleanText(raw);
  const length = charLength(text);
  if (length === 0) return { ok: false, problem: "empty", length };
  if (length > MAX_DESCRIPTION_LENGTH) return { ok: false, problem: "too_long", length };
  const letters = meaningfulChars(withoutCode(screen(text)));
  if (letters.length === 0) return { ok: false, problem: "no_words", length };
  // "123456", an ID card's or a house's number typed alone: no words of a matter.
  if (letters.every((char) => /\p{N}/u.test(char))) {
    return { ok: false, problem: "numbers_only", length };
  }
  if (isGenericIntent(text)) return { ok: false, problem: "generic", length };
  if (letters.length < MIN_DESCRIPTION_LETTERS || new Set(letters).size < 3) {
    return { ok: false, problem: "too_short", length };
  }
  return { ok: true, text };
}

/**
 * Whether words sent at a question after the description are more of the matter, to be added
 * to it: words a description could be, or too many of them (adding says so and keeps nothing).
 * Never code, instructions to the classifier or a number alone; nor a few words ("塌了") or a
 * bare "我要反映", which answer the question asked.
 */
export function moreOfTheMatter(check: DescriptionCheck): boolean {
  return check.ok || check.problem === "too_long";
}

/** Words that tell the clerk nothing wherever they are sent: none, code or instructions alone, a number alone. */
const SAYS_NOTHING: ReadonlySet<DescriptionProblem> = new Set([
  "empty",
  "no_words",
  "numbers_only",
]);

/**
 * Whether a photo's caption after the description is more of the matter: as other words
 * (moreOfTheMatter), and a few words too ("塌了"), which say what the photo shows.
 */
export function captionOfTheMatter(check: DescriptionCheck): boolean {
  return check.ok || !SAYS_NOTHING.has(check.problem);
}

// "我的事办得怎么样了", "俺那个下水道的事办得咋样了", "俺上回反映那个路灯咋样了": asks after the
// citizen's own cases, not a new complaint. Who (我/俺/咱, with 的/那个/之前…), up to a few words
// of which matter, the matter word (事, 反映…), then a question about its progress, and nothing
// after it.
const OWN = "(?:我|俺|咱)们?(?:的|那个?|之前|上次|上回|以前|前些天|前几天|前两天|前段时间)?";
const MATTER = "(?:事情?|问题|反映|投诉|说的|报的)";
const HOW_FAR =
  "(?:怎么样了|咋样了|怎样了|如何了|(?:办|处理|弄|修)得(?:怎么样|咋样)|有结果了[吗没]?|有结果没|" +
  "有进展吗|办好了吗|办了没|处理了吗|处理了没|处理好了吗|有人管吗|到哪一步了|进展到哪了)";
const STATUS_QUESTION = new RegExp(
  `^${OWN}[^。！？?]{0,10}?${MATTER}[^。！？?]{0,8}${HOW_FAR}[吗呢啊呀嘞？?。.!！~～]*$` +
    "|^(?:how is|how's|what about|what's happening with|what happened to|(?:is there )?any (?:news|updates?|progress) (?:on|about|with)|status of) my (?:[a-z-]+ ){0,3}(?:report|complaint|case|request)s?\\b",
  "iu",
);

// "我的诉求" (what the web calls a citizen's cases), "查看我反映过的事" (the menu's button typed),
// "俺的投诉", "My reports": asks for the list of the citizen's cases, said alone. A looking word
// may lead; the matter word must be one of filing (诉求, 投诉…) or follow 反映过的, since "我的事"
// alone is as likely the start of a story.
const LOOK = "(?:请|麻烦)?(?:帮我)?(?:查看|看看|看一下|查一下|查查|查询|打开)?(?:一下)?";
const CASES_ASKED = new RegExp(
  `^${LOOK}(?:我|俺|咱)们?(?:的(?:诉求|投诉|反映|案件|工单)|(?:反映|投诉|提交|报)过?的(?:诉求|事情?|问题)?)(?:列表|记录)?(?:吧|呢)?[。.!！~～]*$` +
    "|^(?:(?:show|see|view|check|open|list)(?: me)? )?my (?:reports?|cases?|complaints?|requests?)[.!?]*$",
  "iu",
);

// "查进度", "查一下进度", "进度查询", "check my status": the receipt keeps the number "以后查进度要用",
// so those words, said alone, ask for the citizen's cases too.
const PROGRESS_ASKED = new RegExp(
  `^(?:我|俺)?(?:想|要)?(?:${LOOK}|查|看)(?:我|俺)?的?(?:办理)?(?:进度|进展)(?:查询)?(?:吧|呢)?[。.!！~～]*$` +
    "|^check (?:my |the )?(?:status|progress)[.!]*$",
  "iu",
);

/**
 * True for "我的事办得怎么样了", "俺想问一下我之前反映的那个怎么样了" and the like, and for the
 * list of the citizen's cases asked for ("我的诉求", "My reports", see CASES_ASKED). Read without
 * the caller's greetings and fillers (withoutFillers in opening-words.ts, at the intake's seam).
 */
export function isStatusQuestion(text: string): boolean {
  const compact = cleanText(dropAskingWords(text)).replace(/\s(?=[^a-z])/giu, "");
  return STATUS_QUESTION.test(compact) || CASES_ASKED.test(compact) || PROGRESS_ASKED.test(compact);
}

// "啥时候能给俺们钱啊", "怎么还没人来", "还要等多久": a short question of when, which from a
// citizen with a case running asks after it as likely as it tells a new matter.
const WHEN_ASKED =
  /啥时候|什么时候|几时|多久|多长时间|还要等|还得等|(?:咋|怎么|为啥|为什么)还没|有没有人管|有人管没|\bwhen will\b|\bhow long\b/iu;
const MAX_PROGRESS_QUESTION_WORDS = 16;

/** True for a short question of when ("啥时候能修好", "还要等多久"), see WHEN_ASKED. */
export function isProgressQuestion(text: string): boolean {
  // A Chinese character counts as a word, as does a run of Latin letters or digits.
  const words = text.match(/\p{Script=Han}|[\p{L}\p{N}]+/gu)?.length ?? 0;
  return words <= MAX_PROGRESS_QUESTION_WORDS && WHEN_ASKED.test(cleanText(text));
}

/** Letters beside the number that still make a look-up ("帮我查一下…现在怎么样了"), not a story. */
const MAX_LOOKUP_WORDS = 12;

/**
 * The tracking number a short message asks about ("帮我查一下ZK-20261204-0001",
 * "zk 20261204 0001怎么样了"), written with any separators or full-width; null when there is
 * none, or when the message says more than a question about it (a story is kept as words).
 */
export function trackingNoAsked(text: string, prefix: string): string | null {
  const half = toHalfWidth(text);
  const number = new RegExp(
    `${prefix}[\\s_\\-—–]*(\\d{8})[\\s_\\-—–]*(\\d{1,6})(?!\\d)`,
    "iu",
  ).exec(half);
  if (!number) return null;
  const rest = half.slice(0, number.index) + half.slice(number.index + number[0].length);
  if (meaningfulChars(rest).length > MAX_LOOKUP_WORDS) return null;
  return `${prefix.toUpperCase()}-${number[1]}-${number[2]}`;
}

/** Digits of a tracking number's serial: the day's first case is "…-0001". */
const TRACKING_SERIAL_DIGITS = 4;

/** The tracking number of the day's `serial`-th case ("ZK", "20261128", 42 → "ZK-20261128-0042"). */
export function trackingNoOf(prefix: string, day: string, serial: number | string): string {
  return `${prefix}-${day}-${String(serial).padStart(TRACKING_SERIAL_DIGITS, "0")}`;
}

/** Marks a copied text may carry unseen: zero-width spaces and joiners, direction marks, BOMs. */
const INVISIBLE_MARKS = /\p{Cf}/gu;

/** `text` without the marks a copy may carry unseen (INVISIBLE_MARKS). */
export function withoutInvisibleMarks(text: string): string {
  return text.replace(INVISIBLE_MARKS, "");
}

/**
 * "zk 20261128 0042", "ＺＫ－20261128－0042" → "ZK-20261128-0042" (a typed number, whole); also
 * pasted from a receipt with its label and stop ("编号：ZK-20261128-0042。") or unseen marks, and
 * with the serial's leading zeros left out ("zk 20261128 42").
 */
export function normaliseTrackingNo(raw: string): string {
  const compact = toHalfWidth(withoutInvisibleMarks(raw))
    .toUpperCase()
    .replace(/[\s_—–]/g, "-")
    .replace(/-+/g, "-")
    .trim();
  // What is before the prefix's letters and after the serial's digits: a label, a stop, a dash.
  const number = compact.replace(/^[^A-Z0-9]+|[^A-Z0-9]+$/gu, "");
  const parts = /^([A-Z]{1,6})-?(\d{8})-?(\d{1,6})$/.exec(number);
  return parts ? trackingNoOf(parts[1]!, parts[2]!, parts[3]!) : compact.slice(0, 40);
}

// Words of almost every English sentence, and of no pinyin one ("wo jia men kou" has none).
const ENGLISH_WORD =
  /^(?:i|i'm|my|me|we|our|you|your|the|a|an|is|are|was|were|has|have|it|its|this|that|there|to|of|in|on|at|for|and|not|no|please|want|can|help|hello|hi)$/u;

/**
 * The language a message is written in, when it plainly is one: "zh" for Chinese characters,
 * "en" for English sentences; null for pinyin, numbers, a word or two.
 */
export function writtenLanguage(text: string): "zh" | "en" | null {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = text.toLowerCase().match(/[a-z']+/g) ?? [];
  if (han >= 2 && han >= words.length) return "zh";
  if (han === 0 && words.length >= 3 && words.some((word) => ENGLISH_WORD.test(word))) return "en";
  return null;
}

// "等一下", "稍等哈", "我想想", "我找一下", "hold on": the citizen needs a moment, says nothing else.
const WAIT =
  /^(?:(?:请|你|您)?(?:等一下|等一等|等下|等等|稍等(?:一下|片刻|会儿?)?|等一?会儿?)|(?:让我|我)?(?:想想|想一想|想一下|找找|找一下|找一找)|(?:让我|我)(?:查一下|翻一下|看一下)|(?:please )?(?:hold on|wait|one moment|just a (?:moment|minute|sec(?:ond)?)|give me a (?:moment|minute|sec(?:ond)?))(?: please)?)[哈啊呀吧哦噢喔昂嗷，,。.!！~～…\s]*$/iu;

/** True for words that only ask for a moment: "等一下", "稍等哈", "我想想", "hold on". */
export function asksToWait(text: string): boolean {
  return WAIT.test(cleanText(text));
}

const GREETING_WORD =
  "(?:请问)?(?:工作人员|同志|领导|客服|师傅)?(?:你好|您好|在吗|在么|在不在|有人吗|有人在吗)|哈喽|嗨|" +
  "早上好|上午好|中午好|下午好|晚上好|喂+|(?:hello|hi|hey)(?: there)?|(?:is )?any(?:one|body) there|are you there";
// One greeting or several in a row: "你好，在吗？", "您好，请问有人吗", "hello, anyone there?".
const GREETING = new RegExp(`^(?:(?:${GREETING_WORD})[呀啊吗呢？?。.!！~～，,\\s]*)+$`, "iu");

/** True for a greeting alone: "你好", "在吗", "你好，在吗？", "hello". */
export function isGreeting(text: string): boolean {
  return GREETING.test(cleanText(text));
}
