/**
 * The draft's address in the words citizens type: what marks words as an address, and how
 * words added to it are kept. Read by the place questions, and by the time and photo
 * questions, where a citizen still on the place says more of it.
 */
import { PLACE_PRECISIONS, type PlacePrecision, type PlaceText } from "../places/place-text.ts";
import { YES_WORDS, saysOneOf } from "./confirmation.ts";
import { placeOnlyByHome } from "./home-place.ts";
import { isThanksAlone } from "./rating-words.ts";
import { asksWhatIsMeant, labelKey } from "./replies.ts";
import type { Draft } from "./state.ts";
import { charLength, clausesOf } from "./text-quality.ts";
import type { Turn } from "./turn.ts";

/** Longest typed address kept, in characters. */
export const MAX_ADDRESS_LENGTH = 200;

// An address in the description lets the engine skip "where?" and ask only the county.
const ADDRESS_MARK = /号楼|号院|单元|[路街巷道]\d+号|交叉口|路口|十字路/u;
// "镇上", "村上", "乡下" say in town or in the village, of no town or village named ("找村里说是镇上
// 水厂的事").
const NAMED_PLACE =
  /([\p{Script=Han}A-Za-z0-9]{1,8}?)(小区|社区|花园|家园|村|镇|乡)(?![民委干长里子政村上下])/gu;
// "我们小区", "这个村", "在农村", "老家乡下", "就在俺村" say where the citizen lives, not which place.
const NOT_A_NAME = /(?:我们|我家|咱们|咱家|俺们|俺家|他们|这个|那个|[这那本农城老家乡俺咱我])$/u;

/** True when words mark an address: a building, a crossing, a named 小区 or 村 ("3号楼", "人民路口"). */
export function hasAddressHint(text: string): boolean {
  if (ADDRESS_MARK.test(text)) return true;
  return [...text.matchAll(NAMED_PLACE)].some((match) => !NOT_A_NAME.test(match[1] ?? ""));
}

// "不想说", "这个不方便说", "保密", "I'd rather not say": the citizen will not say it.
const DECLINES_TO_SAY =
  /^(?:这个|那个)?(?:我|俺)?(?:就)?(?:不想说|不方便说|不好说|不愿意说|不想告诉你?|不方便告诉你?|不想透露|不方便透露|不说|保密|这是隐私|隐私)(?:了|吧|啊|哈)*[。.!！~～]*$|^(?:i[’']?d )?(?:rather|prefer) not(?: to)?(?: say| tell)?[.!]*$|^(?:i )?(?:don[’']?t|do not) want to (?:say|tell)(?: you)?[.!]*$/iu;

/** Words that refuse to say what was asked ("不想说", "不方便说"): not an answer to keep. */
export function declinesToSay(text: string): boolean {
  return DECLINES_TO_SAY.test(text.trim());
}

// "你们看着办吧", "随便", "up to you": the place left to the staff, none said (punctuation and
// spaces aside, as `labelKey` leaves them).
const LEFT_TO_STAFF =
  /^(?:(?:你们|您|你)?(?:看着办|看着弄|看着处理|定|决定|处理|安排)(?:吧|就行|就好|就中)?|随便|都行|咋都中|无所谓|uptoyou|whatever|youdecide)$/u;
// Assent beside the plain yes words: "好吧", "收到", "知道了".
const ASSENT = /^(?:好吧|行吧|中吧|好嘞|收到|知道了|明白|明白了|晓得了|fine)$/u;

/**
 * True for a reply that clearly names no place, clause by clause: politeness, assent, the place
 * left to the staff, asking what is meant ("麻烦了", "好的", "你们看着办吧", "ok", "要写什么").
 * Any other words may be a place a
 * citizen knows by its own name ("东关", "县医院门口"), and are taken.
 */
export function namesNoPlaceAtAll(text: string): boolean {
  const clauses = clausesOf(text).filter((clause) => labelKey(clause) !== "");
  return (
    clauses.length > 0 &&
    clauses.every((clause) => {
      const key = labelKey(clause);
      return (
        saysOneOf(YES_WORDS, clause) ||
        isThanksAlone(clause) ||
        LEFT_TO_STAFF.test(key) ||
        ASSENT.test(key) ||
        asksWhatIsMeant(clause)
      );
    })
  );
}

/**
 * Words that say more of where, added to the address and said so to the citizen; false, and
 * nothing changed, when they name no road, crossing or landmark and mark no address, or the
 * address would grow too long.
 */
export function addPlaceSaid(turn: Turn, draft: Draft, text: string): boolean {
  const read = turn.deps.placeReader.readAddress(text);
  if (!namesAPlace(read, text)) return false;
  if (!addToAddress(turn, draft, text, read.precision)) return false;
  turn.say({ text: turn.tr("placeAdded", { words: text }) });
  return true;
}

/** Words that name a road, crossing or landmark (`read` is theirs), or mark an address. */
export function namesAPlace(read: PlaceText, text: string): boolean {
  return read.keys.length > 0 || hasAddressHint(text);
}

/**
 * Adds typed words to the draft's address; false when the address would be too long. The
 * address keeps the more precise of its precision and the words': "商水县练集镇" added to
 * "王庄村" still says the village.
 */
export function addToAddress(
  turn: Turn,
  draft: Draft,
  text: string,
  precision: Draft["placePrecision"],
): boolean {
  const before = draft.address;
  const address = before === null ? text : joinedAddress(turn, before, text);
  if (charLength(address) > MAX_ADDRESS_LENGTH) return false;
  draft.address = address;
  draft.placePrecision = before === null ? precision : morePrecise(draft.placePrecision, precision);
  return true;
}

function morePrecise(a: PlacePrecision, b: PlacePrecision): PlacePrecision {
  return PLACE_PRECISIONS.indexOf(a) <= PLACE_PRECISIONS.indexOf(b) ? a : b;
}

/**
 * The address with words added, each part said once. Words that name no place ("就俺家门口啊",
 * "我家楼下那个路口", "outside my home") follow a named place in brackets, so the clerk reads where first and the
 * citizen's own words after it; a county or town alone goes before the place it holds, as addresses are written.
 */
function joinedAddress(turn: Turn, before: string, added: string): string {
  const merged = saidOnce(before, added);
  if (merged !== null) return merged;
  const precisionOf = (words: string) => turn.deps.placeReader.readAddress(words).precision;
  const [was, adds] = [precisionOf(before), precisionOf(added)];
  // "川汇区我家楼下那个路口" names the county, yet no more of the place than "我家门口" does.
  const namedNone = was === "none" || placeOnlyByHome({ address: before, placePrecision: was });
  if (namedNone && adds !== "none")
    return turn.tr("placeWithOwnWords", { place: added, words: before });
  if (was === "street" && (adds === "town" || adds === "region")) return `${added} ${before}`;
  return `${before} ${added}`;
}

/** Shortest repeat that counts: one letter ("村") is in too many places' names to join them by. */
const MIN_REPEAT = 2;

/**
 * The two as one when one repeats the other ("王庄村" and "商水县练集镇王庄村"), or the end of
 * one is the start of the other ("商水县练集镇" and "练集镇王庄村": "商水县练集镇王庄村"); null
 * when they share nothing.
 */
function saidOnce(before: string, added: string): string | null {
  if (added.includes(before)) return added;
  if (before.includes(added)) return before;
  for (let length = Math.min(before.length, added.length) - 1; length >= MIN_REPEAT; length--) {
    if (before.endsWith(added.slice(0, length))) return before + added.slice(length);
    if (added.endsWith(before.slice(0, length))) return added + before.slice(length);
  }
  return null;
}
