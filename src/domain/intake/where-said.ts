/**
 * Where the matter is, said at a question that asks something else (the kind of matter, the
 * photos): the citizen is still on the place, and the words belong in the address, not the
 * description.
 */
import { addressAsSaid } from "../places/place-text.ts";
import { addPlaceSaid, addToAddress } from "./address-words.ts";
import { saysWhereOnlyByHome } from "./home-place.ts";
import { regionFromDescription } from "./description-step.ts";
import type { Draft } from "./state.ts";
import { meaningfulChars } from "./text-quality.ts";
import type { Turn } from "./turn.ts";

// "就在…", "对了，是在…", "地点在…", "next to…", "on Wenchang Avenue": words that open with where
// the matter is. Words of the matter that name a road ("这条路上已经出了好几次事故") do not.
const OPENS_WITH_WHERE =
  /^(?:(?:对了|哦|噢|还有)[，,、\s]*)?(?:就|是|地点|位置|地址|具体)*[:：]?(?:在|位于)|^(?:(?:oh|and|also)[, ]+)?(?:it[’']?s |it is )?(?:next to|near|at|on|in front of|behind|opposite|beside|by)\b/iu;

/** Letters beside a place that still say only where ("就在", "下面", "那边"). */
const MOST_WORDS_BESIDE_PLACE = 3;

/**
 * Words that say where and nothing more — opening with where, or a place and at most a word
 * or two beside it ("城关镇建设路幸福小区", "幸福小区3号楼下面") — are added to the address, a
 * county named in them replacing one only guessed, and said so; false, and nothing changed,
 * for words of the matter ("建设路幸福小区，晚上吵死了").
 */
export function takeWhereSaid(turn: Turn, draft: Draft, text: string): boolean {
  if (saysWhereOnlyByHome(text)) return takeHomeSaid(turn, draft, text);
  if (!OPENS_WITH_WHERE.test(text) && !namesOnlyPlace(turn, text)) return false;
  if (!addPlaceSaid(turn, draft, addressAsSaid(text))) return false;
  // "对了，是在川汇区文昌大道那边": a county named replaces one only guessed before.
  regionFromDescription(turn, draft, draft.region?.code ?? null, text);
  return true;
}

/**
 * "就在我家门口": where, though no place the staff could find — the place question's answer all
 * the same (the home's address is asked for at the where step, `placeOnlyByHome`), not words of
 * the matter.
 */
function takeHomeSaid(turn: Turn, draft: Draft, text: string): boolean {
  if (!addToAddress(turn, draft, text, "none")) return false;
  turn.say({ text: turn.tr("placeAdded", { words: text }) });
  return true;
}

/**
 * A place and at most a word or two beside it, inside the frame citizens say it in ("俺们是城关镇
 * 李庄村的", "俺家在幸福小区": the frame is no words of the matter).
 */
function namesOnlyPlace(turn: Turn, text: string): boolean {
  const said = addressAsSaid(text);
  const { place, keys } = turn.deps.placeReader.readDescription(said);
  if (place === null || keys.length === 0) return false;
  return meaningfulChars(said.replace(place, "")).length <= MOST_WORDS_BESIDE_PLACE;
}
