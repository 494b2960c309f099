/**
 * The draft's address in the words citizens type: what marks words as an address, and how
 * words added to it are kept. Read by the place questions, and by the time and photo
 * questions, where a citizen still on the place says more of it.
 */
import type { Draft } from "./state.ts";
import { charLength } from "./text-quality.ts";
import type { Turn } from "./turn.ts";

/** Longest typed address kept, in characters. */
export const MAX_ADDRESS_LENGTH = 200;

// An address in the description lets the engine skip "where?" and ask only the county.
const ADDRESS_MARK = /号楼|号院|单元|[路街巷道]\d+号|交叉口|路口|十字路/u;
// "镇上", "村上", "乡下" say in town or in the village, of no town or village named ("找村里说是镇上
// 水厂的事").
const NAMED_PLACE =
  /([\p{Script=Han}A-Za-z0-9]{1,8}?)(小区|社区|花园|家园|村|镇|乡)(?![民委干长里子政村上下])/gu;
// "我们小区", "这个村", "在农村", "老家乡下" say where the citizen lives, not which place.
const NOT_A_NAME = /(?:我们|我家|咱们|咱家|俺们|俺家|他们|这个|那个|[这那本农城老家乡])$/u;

/** True when words mark an address: a building, a crossing, a named 小区 or 村 ("3号楼", "人民路口"). */
export function hasAddressHint(text: string): boolean {
  if (ADDRESS_MARK.test(text)) return true;
  return [...text.matchAll(NAMED_PLACE)].some((match) => !NOT_A_NAME.test(match[1] ?? ""));
}

/**
 * Words that say more of where, added to the address and said so to the citizen; false, and
 * nothing changed, when they name no road, crossing or landmark and mark no address, or the
 * address would grow too long.
 */
export function addPlaceSaid(turn: Turn, draft: Draft, text: string): boolean {
  const read = turn.deps.placeReader.readAddress(text);
  if (read.keys.length === 0 && !hasAddressHint(text)) return false;
  if (!addToAddress(turn, draft, text, read.precision)) return false;
  turn.say({ text: turn.tr("placeAdded", { words: text }) });
  return true;
}

/**
 * Adds typed words to the draft's address; false when the address would be too long. Words
 * that name no place ("就俺家门口啊") follow a named place in brackets, so the clerk reads
 * where first and the citizen's own words after it.
 */
export function addToAddress(
  turn: Turn,
  draft: Draft,
  text: string,
  precision: Draft["placePrecision"],
): boolean {
  const address = draft.address === null ? text : joinedAddress(turn, draft.address, text);
  if (charLength(address) > MAX_ADDRESS_LENGTH) return false;
  draft.address = address;
  draft.placePrecision = precision;
  return true;
}

function joinedAddress(turn: Turn, before: string, added: string): string {
  const { placeReader } = turn.deps;
  const namesNoPlace = (words: string) => placeReader.readAddress(words).precision === "none";
  if (namesNoPlace(before) && !namesNoPlace(added)) return `${added}（${before}）`;
  return `${before} ${added}`;
}
