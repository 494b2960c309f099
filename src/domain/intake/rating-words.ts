/**
 * A citizen's few words about an answer ("修好了，谢谢", "灯修好了谢谢", "还是没修"), the
 * rating they give on the product's scale (solved or not, and 满意 / 基本满意 / 不满意), and
 * thanks said alone ("谢谢你们"). Only clear words count; the engine then offers the rating
 * for a yes, never stores it unasked.
 */
import type { AnswerRating } from "./ports.ts";
import { charLength, cleanText, meaningfulChars } from "./text-quality.ts";

/**
 * How long the words after "what was not solved?" are taken as its answer, in every channel
 * (the conversation and the web chat's rating buttons alike).
 */
export const REASON_WINDOW_MS = 3_600_000;

/** Longest text read as words about an answer, in characters: a longer one may be a new matter. */
const MAX_FEEDBACK_LENGTH = 20;

/**
 * Longest story read for how the answer went ("钱还没到手呢，说是10号给，谁知道给不给"): a few
 * sentences; a longer text says more than how it went and is offered for filing.
 */
const MAX_STORY_LENGTH = 80;

// "钱是给了，但是少给了两千": paid or done only in part is not solved.
const PART_ONLY =
  "少给|没给够|没给全|没给齐|只给了一?(?:半|部分)|还差|还欠|没到账|没到手|没拿到|not (?:paid|all paid)";
// Read before SOLVED: "还没修好" contains 修好, "又坏了" undoes a repair.
const UNSOLVED = new RegExp(
  `${PART_ONLY}|` +
    /没解决|没有解决|未解决|没修|没有修|没弄好|没处理|没办|没人来|没人管|没人修|没给钱|没发工资|没动静|没好|又不好|还是不好|问题还在|还是不行|还是老样子|还是一样|跟原来一样|跟以前一样|一点没变|一点变化都没有|没(?:有|什么)?变化|又坏|还是坏|还坏着|还是不亮|还在漏|not (?:fixed|solved|resolved)|still (?:broken|not|the same)|(?:broke|broken) again/iu
      .source,
  "iu",
);
// The problem is back ("路灯又坏了"): the repair did not last, or it is a new one of its kind.
const RECURRED = /又坏|又不好|(?:broke|broken) again/iu;
// Words about the handling itself: with one of them "又坏了" is plainly about the answer.
const HANDLING = new RegExp(
  `${PART_ONLY}|` +
    /没解决|没有解决|未解决|没修|没有修|没弄好|没处理|没办|没人来|没人管|没人修|没动静|问题还在|还是老样子|not (?:fixed|solved|resolved)/iu
      .source,
  "iu",
);
// A story's solved words: no bare 好了, which a story says of a promise ("说好了下礼拜来修").
const SOLVED_IN_STORY =
  /解决了|已解决|修好了|修好啦|弄好了|处理好了|办好了|搞定了|拿到了|到手了|到账了|(?:^|\b)(?:fixed|solved|resolved)\b|works now/iu;
const SOLVED = new RegExp(`${SOLVED_IN_STORY.source}|(?<![不没说])好了`, "iu");
// Read in this order: 不满意 and 基本满意 both contain 满意; 不得劲 (Henan's "not right") contains
// 得劲 (its "just right").
// 不服 only of the answer: "对判决不服" is a matter of its own (the courts).
const DISSATISFIED =
  /不满意|不太满意|不满|太差|很差|差劲|差评|不得劲|糊弄|敷衍|(?:我|俺)不服|对(?:这个)?(?:答复|回复|处理|结果)不服|不服(?:这个)?(?:答复|回复|处理|结果)|dissatisfied|not (?:satisfied|happy)|unhappy/iu;
const BASICALLY =
  /基本满意|基本解决|还行|还可以|凑合|一般般|basically satisfied|mostly satisfied|so-so/iu;
const SATISFIED = /满意|挺好|很好|不错|好评|点赞|得劲|satisfied|great|very good/iu;
// Thanks alone may be for anything (the receipt, a reply): it rates only with a repair said.
const THANKS = /谢谢|感谢|多谢|辛苦了|thanks?(?: you)?|thank you/iu;
// The whole message is thanks: "谢谢", "谢谢你们", "好的，辛苦了", "thank you very much".
const THANKS_ALONE = new RegExp(
  String.raw`^(?:好的|好|嗯|哦|ok|okay)?[，,\s]*(?:${THANKS.source})(?:\s*(?:你们|您|你|大家|工作人员|啦|了|啊|呀|哈|very much|so much|a lot|all))*[，,。.!！~～❤🙏👍\s]*(?:再见|拜拜|bye|goodbye)?[。.!！~～\s]*$`,
  "iu",
);
// "修好了，谢谢", "还是没解决", "不满意": how the citizen finds the answer, not a new matter.
const FEEDBACK =
  /^(?:已经|都)?(?:解决了|基本解决|修好了|弄好了|处理好了|办好了|没解决|没有解决|还没解决|没修|还没修|还是没|没人来|没人管|问题还在|不满意|很不满意|不太满意|满意|很满意|非常满意|基本满意|挺好|还行|还可以|谢谢|感谢|多谢|(?:it'?s |it is )?(?:fixed|solved|not (?:fixed|solved))|thanks?(?: you)?|(?:not )?satisfied)/iu;

function satisfactionIn(text: string): AnswerRating["satisfaction"] | null {
  if (DISSATISFIED.test(text)) return "dissatisfied";
  if (BASICALLY.test(text)) return "basically_satisfied";
  if (SATISFIED.test(text)) return "satisfied";
  return null;
}

function solvedIn(text: string, solvedWords: RegExp): boolean | null {
  if (UNSOLVED.test(text)) return false;
  if (solvedWords.test(text)) return true;
  return null;
}

/**
 * The rating a short text gives an answer, or null when it gives none clearly. A word of
 * satisfaction alone rates it solved unless it is 不满意 ("满意" → 已解决，满意; "不满意" →
 * 未解决，不满意); a repair said alone, or with thanks, is 满意 ("修好了，谢谢"); a repair
 * denied alone is 不满意 ("还是没修"). Not solved but 满意 reads as politeness, not a rating.
 */
export function ratingInWords(raw: string): AnswerRating | null {
  const text = cleanText(raw);
  return charLength(text) <= MAX_FEEDBACK_LENGTH ? ratingIn(text, SOLVED) : null;
}

/**
 * The rating a few sentences about an answer give ("钱还没到手呢，说是10号给，谁知道给不给" →
 * 未解决，不满意; "谢谢人社局的同志，俺的工资全部拿到了" → 已解决，满意), read as
 * {@link ratingInWords} reads a few words; null for a longer text or no clear rating in it.
 * The engine offers it only when the words do not read as a new matter.
 */
export function ratingInStory(raw: string): AnswerRating | null {
  const text = cleanText(raw);
  return charLength(text) <= MAX_STORY_LENGTH ? ratingIn(text, SOLVED_IN_STORY) : null;
}

function ratingIn(text: string, solvedWords: RegExp): AnswerRating | null {
  const solved = solvedIn(text, solvedWords);
  const said = satisfactionIn(text);
  if (solved === null) {
    return said === null ? null : { solved: said !== "dissatisfied", satisfaction: said };
  }
  if (!solved) {
    if (said === "satisfied" || (said === null && THANKS.test(text))) return null;
    return { solved, satisfaction: said ?? "dissatisfied" };
  }
  return { solved, satisfaction: said ?? "satisfied" };
}

/**
 * The satisfaction a few words give (满意 / 基本满意 / 不满意: "不太满意", "还行"), where it is
 * asked; null for none, or for a longer text, which says more than how satisfied.
 */
export function satisfactionInWords(raw: string): AnswerRating["satisfaction"] | null {
  const text = cleanText(raw);
  return charLength(text) <= MAX_FEEDBACK_LENGTH ? satisfactionIn(text) : null;
}

/**
 * True for a few words about an answer received: words that open with how the citizen finds
 * it ("修好了，谢谢", "还是没解决", "谢谢"), or that give a clear rating anywhere ("灯修好了谢谢",
 * "路灯还是没修"). A longer text ("谢谢上次修了路灯，这次是井盖又没了") may be a new matter and
 * is taken as one; so is a short one that only ends in thanks ("路灯坏了，谢谢").
 */
export function isFeedbackOnAnswer(raw: string): boolean {
  const text = cleanText(raw);
  return (
    charLength(text) <= MAX_FEEDBACK_LENGTH && (FEEDBACK.test(text) || ratingInWords(text) !== null)
  );
}

// Words that only carry a rating, or hold it together: what is left without them is a reason.
const RATING_FILLER = /还是|但是|可是|就是|都|已经|了|啊|呀|吧|呢|的|俺|我|but|still|it'?s|is/giu;
const MIN_REASON_LETTERS = 4;

/**
 * The words themselves when they say what was wrong beside the rating ("钱是给了，但是少给了俺
 * 两千块"), kept as its reason instead of asking for one; null for a bare rating ("还是没修",
 * "不满意").
 */
export function reasonInWords(raw: string): string | null {
  const text = cleanText(raw);
  const rest = [UNSOLVED, SOLVED, DISSATISFIED, BASICALLY, SATISFIED, THANKS, RATING_FILLER].reduce(
    (left, words) => left.replace(new RegExp(words.source, "giu"), ""),
    text,
  );
  return meaningfulChars(rest).length >= MIN_REASON_LETTERS ? text : null;
}

/**
 * True when the rating a short text gives rests only on its saying the problem is back
 * ("路灯又坏了", "又坏了"): the same problem came back, or a new one of its kind — the citizen
 * is asked which. False for a plain rating ("还是没修", "又坏了，不满意", "没人来修，又坏了").
 */
export function isRecurrence(raw: string): boolean {
  const text = cleanText(raw);
  return (
    RECURRED.test(text) &&
    !HANDLING.test(text) &&
    satisfactionIn(text) === null &&
    ratingInWords(text) !== null
  );
}

/** Longest message read as waiting to see before rating: a longer one tells more. */
const MAX_WAIT_LENGTH = 40;

// "等20号再说吧", "先等等看", "过几天看看再说", "到时候再说": waiting to see what the answer
// promised, said at the end of a clause ("等了好几天也没人来看看" is a matter, not this).
const WAIT_TO_SEE =
  /(?:(?:等|过)(?:到)?[^，,。！？!?]{0,6}?(?:再说|再看看?|再评价?)|先等等看?|等等看|到时候再说|看看再说|以后再评价?)(?:吧|呗|呢|啊|了)*(?:[，,。.！!～~\s]|$)|\b(?:wait and see|let'?s wait|i'?ll wait)\b/iu;

// "那俺等着他们上门吧", "好，我就等通知了", "行，等人家来修吧": the citizen settles down to wait
// for what the answer promised (吧 or 了 says it is decided, so "等着他们上门修，结果没人来"
// stays a matter).
const WAIT_FOR_IT =
  /(?:^|[，,。\s])(?:那|好的?|行|嗯|中|哦)?[，,\s]*(?:我|俺|我们|俺们|咱)?(?:就|先)?等(?:着|他们|人家|通知|消息)[^，,。！？!?]{0,10}?(?:吧|呗|了)+(?:[，,。.！!～~\s]|$)/u;

/**
 * True for a few words that put off rating until the answer's promise is kept or not ("还没给钱呢，
 * 等20号再说吧", "先等等看"): nothing to rate or file yet.
 */
export function waitsToRate(raw: string): boolean {
  const text = cleanText(raw);
  return charLength(text) <= MAX_WAIT_LENGTH && (WAIT_TO_SEE.test(text) || WAIT_FOR_IT.test(text));
}

// What elderly citizens say around their thanks: "麻烦你们了", "辛苦您了", "让你们费心了", "俺也不
// 懂这些". A clause of thanks itself (麻烦…了) or only polite around it.
const THANKS_CLAUSE =
  /^(?:麻烦|辛苦|劳烦)(?:你们|您|你|大家)?了?$|^(?:让|给)?(?:你们|您)(?:费心|操心|添麻烦)了$/u;
const POLITE_CLAUSE =
  /^(?:好的|好|嗯|哦|行|中|ok|okay|(?:我|俺)(?:也|啥也)?不(?:太)?懂(?:这些|这个|啥)?|(?:真是)?太好了|再见|拜拜)$/iu;

/**
 * True for thanks said alone ("谢谢", "谢谢你们！", "thank you", "谢谢你们啊，俺也不懂这些，麻烦你们
 * 了"): nothing to file in it.
 */
export function isThanksAlone(raw: string): boolean {
  const text = cleanText(raw);
  if (THANKS_ALONE.test(text)) return true;
  const clauses = text.split(/[，,。.!！~～\s]+/u).filter((clause) => clause !== "");
  const thanks = (clause: string) => THANKS_ALONE.test(clause) || THANKS_CLAUSE.test(clause);
  return (
    clauses.some(thanks) && clauses.every((clause) => thanks(clause) || POLITE_CLAUSE.test(clause))
  );
}
