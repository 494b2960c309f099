/**
 * A long complaint often tells a life first and states its request last ("我是老党员
 * …医保报销也都顺当…就是有个事想麻烦恁：门口路灯坏了"). The taxonomy's "main request
 * decides" means the part after such a turn weighs more than the background: the
 * keyword rules read only it, and the model reads it on top of the whole text.
 */

/** Words that turn from the background to the request. */
const REQUEST_TURN = new RegExp(
  [
    // 想反映的是 / 我要说的事是 / 要问的问题就是
    "(想|要|来)(反映|反应|投诉|举报|说|问|咨询|求助)的(事|事情|问题)?(就)?是",
    // 今天主要是反映 / 这回想投诉一下 / 主要反映
    "(主要|今天|这次|这回)(就)?(是)?(想|要|来)?(反映|反应|投诉|举报|说|问)(一下|的是)?",
    // 就是有个事想麻烦恁 / 有一件事求你们
    "有(一|个|一个|一件|件)(个|件)?事(情|儿)?(想|要)?(麻烦|请|求|反映|问)",
    "诉求(就)?(是|[:：])",
    "说正事|说正经的|言归正传|回到正题|不说(这些|这个|那些|别的|[^，。,]{1,6})了",
    "(现在|眼下)(的)?问题是",
    "\\b(my (complaint|request|question|problem) is|what i want to (report|ask|complain about) is|i am writing (because|about)|i'm writing (because|about))\\b",
  ].join("|"),
  "gi",
);

/** Below this many characters of background, the whole text is the request. */
export const MIN_BACKGROUND = 30;
/** A request shorter than this (its own characters, not the turn's) is not enough to read alone. */
const MIN_REQUEST = 6;

/**
 * The request of a complaint that tells a background first: from the last turn to the
 * request ("我要反映的是", "说正事", "My complaint is") that follows at least
 * MIN_BACKGROUND characters; null when there is none. Never throws.
 */
export function requestPart(text: string): string | null {
  let found: string | null = null;
  for (const match of text.matchAll(REQUEST_TURN)) {
    if (match.index < MIN_BACKGROUND) continue;
    const after = text.slice(match.index + match[0].length);
    if (after.replace(/[\s\p{P}]/gu, "").length >= MIN_REQUEST) found = text.slice(match.index);
  }
  return found;
}
