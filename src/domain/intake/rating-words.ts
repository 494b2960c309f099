/**
 * A rating of an answer read from a citizen's few words ("修好了，谢谢", "还是没修",
 * "基本满意"), on the product's scale: solved or not, and 满意 / 基本满意 / 不满意. Only
 * clear words count; the engine then offers the rating for a yes, never stores it unasked.
 */
import type { AnswerRating } from "./ports.ts";
import { charLength, cleanText } from "./text-quality.ts";

/** Longest text read as a rating, in characters: a longer one may be a new matter. */
const MAX_RATING_LENGTH = 20;

// Read before SOLVED: "还没修好" contains 修好, "又坏了" undoes a repair.
const UNSOLVED =
  /没解决|没有解决|未解决|没修|没有修|没弄好|没处理|没办|没人来|没人管|没人修|没动静|没好|又不好|还是不好|问题还在|还是不行|还是老样子|又坏|还是坏|还坏着|还是不亮|还在漏|not (?:fixed|solved|resolved)|still (?:broken|not)/iu;
const SOLVED =
  /解决了|已解决|修好了|修好啦|弄好了|处理好了|办好了|搞定了|好了|(?:^|\b)(?:fixed|solved|resolved)\b|works now/iu;
// Read in this order: 不满意 and 基本满意 both contain 满意.
const DISSATISFIED =
  /不满意|不太满意|不满|太差|很差|差劲|糊弄|敷衍|dissatisfied|not (?:satisfied|happy)|unhappy/iu;
const BASICALLY =
  /基本满意|基本解决|还行|还可以|凑合|一般般|basically satisfied|mostly satisfied|so-so/iu;
const SATISFIED = /满意|挺好|很好|不错|好评|点赞|satisfied|great|very good/iu;
// Thanks alone may be for anything (the receipt, a reply): it rates only with a repair said.
const THANKS = /谢谢|感谢|多谢|辛苦了|thanks?(?: you)?/iu;

function satisfactionIn(text: string): AnswerRating["satisfaction"] | null {
  if (DISSATISFIED.test(text)) return "dissatisfied";
  if (BASICALLY.test(text)) return "basically_satisfied";
  if (SATISFIED.test(text)) return "satisfied";
  return null;
}

function solvedIn(text: string): boolean | null {
  if (UNSOLVED.test(text)) return false;
  if (SOLVED.test(text)) return true;
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
  if (charLength(text) > MAX_RATING_LENGTH) return null;
  const solved = solvedIn(text);
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
