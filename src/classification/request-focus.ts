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
    "(现在|眼下)?(的)?问题(就)?是",
    // 今天打电话就一件事 / 这回只说这一个事
    "(就|只)(说|为)?(一|这一?)(件|个)事",
    "\\b(my (complaint|request|question|problem) is|what i want to (report|ask|complain about) is|i am writing (because|about)|i'm writing (because|about))\\b",
  ].join("|"),
  "gi",
);

/** Below this many characters of background, the whole text is the request. */
export const MIN_BACKGROUND = 30;
/** A request shorter than this (its own characters, not the turn's) is not enough to read alone. */
const MIN_REQUEST = 6;

/**
 * Words that ask for something ("请…", "希望…", "求求恁…", "我们要求…", "建议…"): in a long
 * story without a turn, the clauses from such a word to the end of its sentence are the ask.
 */
const ASK_WORD = new RegExp(
  [
    "恳请|请求|请(?!假|客|教|过|来的|柬)",
    "希望|盼着|要求|求求|求(你|恁|您)|麻烦(你|恁|您)",
    "(想|就想|只想)(叫|让|请|要|问问|问一下|知道)",
    "帮(俺|我)(们)?|给(俺|我)(们)?(做主|个说法)|建议|能不能",
  ].join("|"),
  "gi",
);

/** Where a sentence ends. */
const SENTENCE_END = /[。！？!?；;\n]/u;

/** A story shorter than this has no background to set apart from its ask. */
export const MIN_STORY_FOR_ASK = 60;

/**
 * The request of a complaint that tells a background first: from the last turn to the
 * request ("我要反映的是", "说正事", "My complaint is") that follows at least
 * MIN_BACKGROUND characters; else, in a story of MIN_STORY_FOR_ASK characters or more, its
 * asks (askPart); null when there is none. Never throws.
 */
export function requestPart(text: string): string | null {
  let found: string | null = null;
  for (const match of text.matchAll(REQUEST_TURN)) {
    if (match.index < MIN_BACKGROUND) continue;
    const after = text.slice(match.index + match[0].length);
    if (lettersOf(after) >= MIN_REQUEST) found = text.slice(match.index);
  }
  return found ?? askPart(text);
}

/**
 * The asks of a long story that states its request without a turn ("…请公安机关去查一查这个
 * 赌博窝点"): each from an ask word after MIN_BACKGROUND characters to the end of its sentence,
 * joined; null when the story is short, has no ask, or its asks are most of it.
 */
export function askPart(text: string): string | null {
  const length = Array.from(text).length;
  if (length < MIN_STORY_FOR_ASK) return null;
  const asks: string[] = [];
  let readTo = 0;
  for (const match of text.matchAll(ASK_WORD)) {
    if (match.index < MIN_BACKGROUND || match.index < readTo) continue;
    const rest = text.slice(match.index);
    const end = rest.search(SENTENCE_END);
    const ask = end < 0 ? rest : rest.slice(0, end + 1);
    readTo = match.index + ask.length;
    if (lettersOf(ask) >= MIN_REQUEST) asks.push(ask);
  }
  const joined = asks.join("");
  return joined !== "" && Array.from(joined).length * 2 <= length ? joined : null;
}

function lettersOf(text: string): number {
  return text.replace(/[\s\p{P}]/gu, "").length;
}
