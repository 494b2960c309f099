/**
 * A long complaint often tells a life first and states its request last ("我是老党员
 * …医保报销也都顺当…就是有个事想麻烦恁：门口路灯坏了"), or tells a story and closes
 * with what it asks ("…恁叫人来查查这个药店"). The taxonomy's "main request decides"
 * means that part weighs more than the background: the keyword rules read only it, and
 * the model reads it on top of the whole text.
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
 * Words that ask for something, as a story's last sentences do when they are its request
 * ("恁叫人来查查这个药店", "希望尽快处理", "What can we do?").
 */
const ASKING =
  /(要求|希望|请求|请|想让|想要|想把|想问|想知道|麻烦|求求|盼|能不能|能否|给个说法|管管|管一管|处理|解决|查查|查一查|查处|退|赔|恁|what can|please|want|ask)/i;

/** A story at least this long may close with its request. */
export const MIN_STORY = 60;
/** The closing request: the fewest last sentences with at least this many characters … */
const MIN_CLOSING = 20;
/** … and at most this share of the story (else it is the story, not its close). */
const MAX_CLOSING_SHARE = 0.6;

/**
 * The request of a complaint that tells a background first: from the last turn to the
 * request ("我要反映的是", "说正事", "My complaint is") that follows at least
 * MIN_BACKGROUND characters; without such a turn, the last sentences of a long story when
 * they ask for something (closingRequest); null when there is none. Never throws.
 */
export function requestPart(text: string): string | null {
  let found: string | null = null;
  for (const match of text.matchAll(REQUEST_TURN)) {
    if (match.index < MIN_BACKGROUND) continue;
    const after = text.slice(match.index + match[0].length);
    if (letters(after) >= MIN_REQUEST) found = text.slice(match.index);
  }
  return found ?? closingRequest(text);
}

/**
 * The last sentences of a story of MIN_STORY characters or more that ask for something:
 * most citizens tell what happened and close with what they want, in words no list of
 * turns foresees. Sentences end at a full stop, a line or a space (unpunctuated speech).
 */
function closingRequest(text: string): string | null {
  if (text.length < MIN_STORY) return null;
  const sentences = text.split(/(?<=[。！？!?\n；;\s])/).filter((sentence) => sentence.trim());
  let closing = "";
  for (let i = sentences.length - 1; i >= 1 && letters(closing) < MIN_CLOSING; i--) {
    closing = sentences[i]! + closing;
  }
  if (letters(closing) < MIN_CLOSING || closing.length > text.length * MAX_CLOSING_SHARE)
    return null;
  return ASKING.test(closing) ? closing : null;
}

/** Characters other than spaces and punctuation. */
function letters(text: string): number {
  return text.replace(/[\s\p{P}]/gu, "").length;
}
