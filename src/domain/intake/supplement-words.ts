/**
 * A citizen asking in words to add to what they reported (补充): "补充一下：井盖旁边还有个大坑",
 * "我再补充一点", "还有个情况要说", "I want to add something to my complaint: …". Only the
 * opening words count ("需要补充材料吗" asks something else), and only outside a draft: within
 * one, words go to the draft as ever.
 */
import { TOLD_MANY_TIMES, TOLD_MANY_TIMES_EN } from "./earlier-report-words.ts";
import { saysOneOf } from "./confirmation.ts";
import { labelKey } from "./replies.ts";
import { meaningfulChars } from "./text-quality.ts";

/** Asked to add; `words`: the addition said with it, or null when it is still to come. */
export interface SupplementAsked {
  readonly words: string | null;
}

/** The case reported before, pointed at: "我的", "那个", "原来那个", "上次那件", "之前的". */
const CASE_POINTED_AT =
  "(?:我的|俺的|这个|那个|这件|那件|(?:原来|上次|上回|之前|以前|前面|先前)的?那?(?:一个|一件|个|件)?)";
/** Into what of the case, after it: "…投诉里", "…那个里", "…上", "…进去". */
const INTO = "(?:投诉|反映|诉求|事情|事|问题)?(?:里面|里头|里|上|中)?去?";
/** What may break the opening from the addition. */
const BREAK = "[\\s:：，,。.!！;；、—-]";

/**
 * Each opening: the verb, then what may follow it (`tail`). A bare verb run into a word
 * ("补充材料…", "add street lights") is no opening: it needs a break after it.
 */
const OPENINGS: readonly RegExp[] = [
  // "补充一下：…", "我再补充一点", "俺还要补充几句", "追加一个情况", "补充到我的投诉：",
  // "补充到原来那个里", "补充进去"
  new RegExp(
    `^(?:我|俺)?(?:想|要|再|还|得)*(?:补充|追加|补报)(?<tail>(?:一下|下|一点|几句|一句|两句)?(?:一个|个|点)?(?:情况|内容|说明)?(?:到|给|进)?${CASE_POINTED_AT}?${INTO})`,
    "u",
  ),
  // "加到上次那个里吧", "放进去": everyday verbs ("加到三千了"), so only with what they add to,
  // then a break.
  new RegExp(
    `^(?:我|俺)?(?:想|要|再|还|得|就)*(?:加|添|放|并)(?<tail>(?:到|进|在)${CASE_POINTED_AT}${INTO}|进去)(?=$|${BREAK}|吧)`,
    "u",
  ),
  // "还有个情况要说", "另外还有件事要补充一下"
  /^(?:另外)?还有(?:一个|个|一件|件|一点|点)?(?:情况|事情|事)(?<tail>(?:要|想|得)?(?:说|讲|补充|反映)?(?:一下|下)?)/u,
  // "I want to add something to my complaint: …", "add it to the last one"
  /^(?:i\s+(?:want|would\s+like|'d\s+like)\s+to\s+)?add(?<tail>(?:\s+(?:something|more|a\s+detail|this|it|that))?(?:\s+to\s+(?:my|the|it|that)(?:\s+(?:last|old|earlier|previous|same|existing))?(?:\s+(?:one|complaint|report|case|matter))?)?)/iu,
  /^one\s+more\s+thing(?<tail>)/iu,
];

/** Between the opening and the addition. */
const SEPARATOR = new RegExp(`^${BREAK}+`, "u");

/** What is too little to be an addition: "吧", "！", "to it". */
const MIN_ADDITION_CHARS = 2;

export function asksToSupplement(text: string): SupplementAsked | null {
  const trimmed = text.trim();
  for (const opening of OPENINGS) {
    const found = opening.exec(trimmed);
    if (!found) continue;
    const after = trimmed.slice(found[0].length);
    const broken = after === "" || SEPARATOR.test(after);
    if (!broken && (found.groups?.["tail"] ?? "") === "") continue;
    const rest = after.replace(SEPARATOR, "").trim();
    return { words: meaningfulChars(rest).length < MIN_ADDITION_CHARS ? null : rest };
  }
  return null;
}

/**
 * Words saying the matter is the case reported before, not a new one: "是上次那件事",
 * "就是原来那个事吧", "同一件事", "the same one", "the last one" (read without spaces).
 */
const SAME_MATTER = new RegExp(
  `^(?:嗯|哦)?(?:就|还|这)?(?:是|算)?(?:(?:原来|上次|上回|之前|以前|前面|先前)的?那?(?:一个|一件|个|件)?(?:事情|事|投诉|反映|问题)?|同一(?:个|件)(?:事情|事)?|一(?:回|码)事)[吧啊呀的]*$|^(?:its|thats)?(?:the)?(?:same(?:one|matter|thing|case|report)?|(?:last|old|earlier|previous)(?:one|matter|case|report))$`,
  "u",
);

/**
 * True when words answering "作为新的反映，还是补充到…？" choose the addition: a bare ask to add
 * ("补充", "补充到原来那个里", "加到上次那个里", "add it to the last one") or the same matter
 * ("是上次那件事").
 */
export function choosesAddition(text: string): boolean {
  return asksToSupplement(text)?.words === null || SAME_MATTER.test(labelKey(text));
}

/**
 * Words choosing a new report over an addition to a running case ("新的", "另外一件事",
 * "不是一回事", "new one"), read by saysOneOf.
 */
export const NEW_MATTER_WORDS: readonly string[] = [
  "新的",
  "是新的",
  "新反映",
  "新的反映",
  "作为新的",
  "新事",
  "新的事",
  "新的事情",
  "新问题",
  "新的问题",
  "另外一件事",
  "另一件事",
  "另外的事",
  "别的事",
  "不是一回事",
  "不是一件事",
  "不是同一件事",
  "两回事",
  "两码事",
  "new",
  "new one",
  "a new one",
  "new report",
  "a new report",
  "new matter",
  "a new matter",
  "something new",
  "something else",
  "a different matter",
  "it's a different matter",
  "different matter",
  "another matter",
  "not the same",
];

/**
 * Words that only point at the photos sent ("就是这个", "你看看", "如图", "see the photo"), typed
 * where the words of a photo's addition are asked: they say nothing the photos do not, so the
 * photos are added alone (as the "just this photo" button does).
 */
const POINTING_WORDS: readonly string[] = [
  "就是这个",
  "就这个",
  "这个",
  "就是这样",
  "就这样",
  "你看",
  "你看看",
  "您看",
  "您看看",
  "看看",
  "看",
  "看图",
  "看照片",
  "如图",
  "见图",
  "图片",
  "照片",
  "this",
  "see photo",
  "see the photo",
  "see picture",
  "look",
];

/** True when `text` only points at the photos sent with it (see POINTING_WORDS). */
export function onlyPointsAtPhotos(text: string): boolean {
  return saysOneOf(POINTING_WORDS, text);
}

/**
 * How words that only add a detail open ("对了 是楼上602的", "还有，井盖旁边的路也塌了一块",
 * "忘了说，是晚上十点以后"), as citizens go on after filing without saying "补充".
 */
const DETAIL_OPENING =
  /^(?:(?:哦|噢|喔|啊)?对了|还有|另外|再就是|忘了说|忘说了|刚才忘了|顺便说一下|补充|(?:oh,?\s+)?and\b|also\b|i\s+forgot\b|forgot\s+to\s+say\b)/iu;

/** Longest words, in letters, read as only a detail: more is a story of its own. */
const MAX_DETAIL_CHARS = 30;

/** True for short words that open as a detail added (see DETAIL_OPENING). */
export function opensAsDetail(text: string): boolean {
  const trimmed = text.trim();
  return meaningfulChars(trimmed).length <= MAX_DETAIL_CHARS && DETAIL_OPENING.test(trimmed);
}

/**
 * Words that urge the matter on (催): "能不能快点，老伴冻病了", "麻烦抓紧给办一下", "催一下",
 * "please hurry" — and a citizen fed up with telling it again ("这个问题反映好几次了，不想再反映了",
 * "说了多少遍了", "I have reported this three times"). From a citizen with a case running they are
 * for that case, not a new matter.
 */
const URGING = new RegExp(
  [
    "快点|快些|快一点|快一些|尽快|抓紧|赶紧|赶快|早点|催(?:一下|一催|催|办|下)|等不了|等不起|急死了",
    TOLD_MANY_TIMES,
    "please\\s+hurry|hurry\\s+up|as\\s+soon\\s+as\\s+possible|\\basap\\b",
    TOLD_MANY_TIMES_EN,
  ].join("|"),
  "iu",
);

/** True for short words that urge the matter on (see URGING). */
export function urgesOn(text: string): boolean {
  const trimmed = text.trim();
  return meaningfulChars(trimmed).length <= MAX_DETAIL_CHARS && URGING.test(trimmed);
}
