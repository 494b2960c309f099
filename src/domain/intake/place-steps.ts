/**
 * Where the matter is: the place, region (county) and street questions, a shared location, and
 * the readers of places in words the other steps share.
 */
import { addressAsSaid, type PlaceWord } from "../places/place-text.ts";
import { isUnknownTimeAnswer } from "./occurred-at.ts";
import {
  MAX_ADDRESS_LENGTH,
  addToAddress,
  declinesToSay,
  hasAddressHint,
  namesAPlace,
  namesNoPlaceAtAll,
} from "./address-words.ts";
import { placeOnlyByHome, saysWhereOnlyByHome } from "./home-place.ts";
import { regionName } from "./prompts.ts";
import { keepBeforeWords } from "./before-words.ts";
import { saysSamePlace, takeSamePlace } from "./same-place.ts";
import type { Draft } from "./state.ts";
import { charLength, cleanText, meaningfulChars } from "./text-quality.ts";
import { SKIP } from "./step-words.ts";
import { pastTimeIn, takeTimeSaid } from "./time-step.ts";
import type { ResolvedDeps, Turn } from "./turn.ts";

/**
 * "前年的事了" where the place or county is asked answers when, not where (the citizen read
 * ahead or misread): the time is kept and the question asked again, instead of "前年的事了"
 * taken as the address or answered with "use the buttons".
 */
function answersTimeNotPlace(turn: Turn, draft: Draft, text: string): boolean {
  const when = pastTimeIn(turn, text);
  if (!when || hasAddressHint(text)) return false;
  const place = turn.deps.placeReader.readDescription(text);
  if (place.place !== null || place.regionWords.length > 0 || place.townWords.length > 0) {
    return false;
  }
  draft.occurredAt = when;
  turn.say({ text: turn.tr("timeNotedNotPlace", { words: when.text }) });
  turn.reask();
  return true;
}

export function knownRegion(turn: Turn, code: string | null): string | null {
  return regionKnown(turn.deps, code);
}

export function regionKnown(deps: ResolvedDeps, code: string | null): string | null {
  return code !== null && deps.directory.regions.some((r) => r.code === code) ? code : null;
}

/**
 * Where a description says the matter is, as a first message is read: an address mark
 * ("3号楼", "人民路口", a named 小区 or 村: `hinted`), and the street or landmark it names
 * (`address`) when it also says where in the city — a region or town (`regionNamed`: the
 * region detected in it), in any script ("川汇区人民路" keeps 人民路); a place word alone
 * ("楼下饭店") is no address. `named`: either. `road`: a named road or crossing alone.
 */
export function placeNamedIn(
  deps: ResolvedDeps,
  text: string,
  regionNamed: string | null,
): {
  hinted: boolean;
  address: string | null;
  /** The road or crossing named, without the region: the place of a first message only. */
  road: string | null;
  precision: Draft["placePrecision"];
  named: boolean;
  townWords: readonly PlaceWord[];
} {
  const hinted = hasAddressHint(text);
  const place = deps.placeReader.readDescription(text);
  const namesWhere =
    hinted || place.regionWords.length > 0 || place.townWords.length > 0 || regionNamed !== null;
  const address = place.place !== null && namesWhere ? place.place : null;
  const namesRoad = place.keys.some((key) => key.kind === "road" || key.kind === "crossing");
  return {
    hinted,
    address,
    road: namesRoad ? place.place : null,
    precision: place.precision,
    named: hinted || address !== null,
    townWords: place.townWords,
  };
}

/** The one region all the town words name, or null. */
export function regionOf(towns: readonly PlaceWord[]): string | null {
  const regions = new Set(towns.flatMap((word) => word.regions));
  return regions.size === 1 ? [...regions][0]! : null;
}

/** The one town of `region` the words name, by its official name (城关镇 is in several counties). */
export function townOfRegion(words: readonly PlaceWord[], region: string | null): string | null {
  const towns = new Set(
    words.flatMap((word) => {
      const town = region === null ? undefined : word.townIn[region];
      return town === undefined ? [] : [town];
    }),
  );
  return towns.size === 1 ? [...towns][0]! : null;
}

/**
 * "不知道" said alone means the citizen cannot tell where; said beside a road, a landmark
 * ("就在莲花大道边上，叫什么名字俺不知道") or a county or town ("就在项城那边的工地，叫啥公司
 * 俺也不知道") it is about a detail, and the place is kept.
 */
function cannotTellWhere(turn: Turn, text: string): boolean {
  if (!isUnknownTimeAnswer(text)) return false;
  const { keys, regionWords, townWords } = turn.deps.placeReader.readDescription(text);
  if (regionWords.length > 0 || townWords.length > 0) return false;
  return !keys.some((key) => key.kind !== "party") && !saysWhereBeside(text);
}

/** The clauses of an answer but those that only say the citizen does not know ("不清楚，"). */
export function withoutNotKnowing(text: string): string {
  const clauses = text.split(/[，,；;。\s]+/u).filter((clause) => clause !== "");
  const kept = clauses.filter((clause) => !isUnknownTimeAnswer(clause));
  return kept.length > 0 ? kept.join("，") : text;
}

// A clause that says where without a name the reader knows: "在港区那个新建的物流园" ("在哪里"
// asks where; it says nothing).
const SAYS_WHERE =
  /^(?:就|反正|好像|大概|应该|可能|也|都)*是?(?:在|位于)(?!哪|啥|什么)\p{Script=Han}{2,}/u;

/** "不知道公司叫啥，包工头姓刘，在港区那个新建的物流园": what is not known beside where it is. */
function saysWhereBeside(text: string): boolean {
  return text
    .split(/[，,。.;；!！?？\s]+/u)
    .some((clause) => SAYS_WHERE.test(clause) && !isUnknownTimeAnswer(clause));
}

export async function onPlaceText(turn: Turn, draft: Draft, said: string): Promise<void> {
  if (saysSamePlace(said)) {
    const lastPlace = turn.s.lastPlace;
    if (lastPlace !== null) return takeSamePlace(turn, draft, lastPlace);
    // No case was just filed with a place: "同上" says none.
    return turn.sayWithButtons(turn.tr("noPlaceBefore"));
  }
  const text = addressAsSaid(said);
  // "不想说" where, as "说不清": the county is asked, no road.
  if (cannotTellWhere(turn, text) || declinesToSay(text)) return goOnWithoutPlace(turn, draft);
  if (namesNoPlaceAtAll(text)) return placeNotNamed(turn, draft);
  if (answersTimeNotPlace(turn, draft, text)) return;
  if (meaningfulChars(text).length < 2) return turn.sayWithButtons(turn.tr("placeTooShort"));
  if (charLength(text) > MAX_ADDRESS_LENGTH) {
    return turn.sayWithButtons(turn.tr("placeTooLong", { max: MAX_ADDRESS_LENGTH }));
  }
  draft.address = text;
  draft.location = null;
  draft.nearby = null;
  // The typed address replaces whatever place the description named.
  draft.placeInDescription = false;
  const read = turn.deps.placeReader.readAddress(text);
  draft.placePrecision = read.precision;
  // "项城那边，具体在哪俺也不知道": the road would be asked next, and the citizen said already
  // that they cannot tell it.
  if (isUnknownTimeAnswer(text)) draft.streetAsked = true;
  takeTimeSaid(turn, draft, text);
  // The county in pinyin ("Chuanhui district") or a town of one county only says it too.
  const code =
    knownRegion(turn, turn.deps.regionDetector.detect(text)) ??
    regionOf([...read.regionWords, ...read.townWords]);
  draft.region = code
    ? { code, source: "address", town: townOfRegion(read.townWords, code) }
    : null;
  if (!code) return turn.ask("region");
  turn.advance();
}

/** "说不清具体地址": the county is asked, and no road after it. */
export function goOnWithoutPlace(turn: Turn, draft: Draft): void {
  draft.streetAsked = true;
  turn.ask("region");
}

/**
 * "好的", "麻烦了" at the place question: nothing kept, and the place asked once more with an
 * example; a second such reply goes on as "说不清具体地址" does, never asking round and round.
 */
function placeNotNamed(turn: Turn, draft: Draft): void {
  if (draft.placeAskedAgain) return goOnWithoutPlace(turn, draft);
  draft.placeAskedAgain = true;
  turn.sayWithButtons(turn.tr("placeNotNamed"));
}

/**
 * A shared location: kept with the place's name when the channel sent one. The region
 * comes from words first (the place's name, else what the draft already knows) and from
 * the coordinates only when no words decided it.
 */
export async function onLocation(
  turn: Turn,
  point: { latitude: number; longitude: number },
  placeName: string | undefined,
): Promise<void> {
  const { s } = turn;
  const draft = s.draft;
  if (!draft)
    return keepBeforeWords(turn, { location: { ...point, placeName: placeName ?? null } });
  const step = s.step;
  const address = placeNameAsAddress(placeName);
  if (step === "place") {
    draft.address = null;
    draft.region = null;
  }
  if (step === "street") draft.streetAsked = true;
  takePoint(turn, draft, point, address);
  if (step === "place" || step === "region" || step === "street" || step === "nearby") {
    return turn.advance();
  }
  turn.reask();
}

/** The name of a shared place (WeCom, Telegram venues), as an address. */
export function placeNameAsAddress(placeName: string | null | undefined): string | null {
  return placeName ? cleanText(placeName).slice(0, MAX_ADDRESS_LENGTH) : null;
}

/**
 * The point is the draft's location, its place's name the address when none was said; the region
 * is read from that name, else from the point while words decided none.
 */
export function takePoint(
  turn: Turn,
  draft: Draft,
  point: { latitude: number; longitude: number },
  address: string | null,
): void {
  const { deps } = turn;
  draft.location = { latitude: point.latitude, longitude: point.longitude };
  draft.nearby = null;
  if (address !== null && draft.address === null) draft.address = address;
  const byWords = address === null ? null : knownRegion(turn, deps.regionDetector.detect(address));
  if (byWords !== null && (draft.region === null || draft.region.code === null)) {
    draft.region = { code: byWords, source: "address", town: null };
  } else if (
    draft.region === null ||
    draft.region.code === null ||
    draft.region.source === "coordinates"
  ) {
    const placed = deps.locator?.locate(point);
    if (placed?.inCity) {
      draft.region = { code: placed.region, source: "coordinates", town: placed.town };
      turn.say({
        text: turn.tr("locationPlaced", {
          region: regionName(deps.directory, turn.locale, placed.region),
          town: placed.town,
        }),
      });
    }
  }
}

/**
 * The answer to "which road or landmark?" (or, after "就在我家门口", "where is your home?"):
 * kept beside what the citizen said before.
 */
export async function onStreetText(turn: Turn, draft: Draft, text: string): Promise<void> {
  // The home's address is asked once: whatever the answer, it is not asked again.
  const askedForHome = placeOnlyByHome(draft);
  // "不想说", "不知道", or "就在俺家门口啊" again to where their home is: the place stays as said.
  if (
    SKIP.test(text) ||
    declinesToSay(text) ||
    cannotTellWhere(turn, text) ||
    (askedForHome && saysWhereOnlyByHome(text))
  ) {
    draft.streetAsked = true;
    return turn.advance();
  }
  // "好的" names no place: nothing kept, the road asked once more, then no more.
  if (namesNoPlaceAtAll(text)) {
    draft.streetAsked = draft.streetVague || askedForHome;
    draft.streetVague = true;
    return turn.advance();
  }
  if (answersTimeNotPlace(turn, draft, text)) return;
  if (meaningfulChars(text).length < 2) return turn.sayWithButtons(turn.tr("placeTooShort"));
  const read = turn.deps.placeReader.readAddress(text);
  const added = addToAddress(turn, draft, text, read.precision);
  if (!added) return turn.sayWithButtons(turn.tr("placeTooLong", { max: MAX_ADDRESS_LENGTH }));
  takeTimeSaid(turn, draft, text);
  // "川汇区建业小区" where the county was not known: the home's address names it.
  const county =
    draft.region?.code === null && knownRegion(turn, turn.deps.regionDetector.detect(text));
  if (county)
    draft.region = { code: county, source: "address", town: townOfRegion(read.townWords, county) };
  // "俺家门口" tells the citizen where, not the staff: asked once more (the words are kept).
  if (read.place === null && !draft.streetVague && !askedForHome) draft.streetVague = true;
  else draft.streetAsked = true;
  turn.advance();
}

export async function onRegionText(turn: Turn, draft: Draft, text: string): Promise<void> {
  const code = knownRegion(turn, turn.deps.regionDetector.detect(text));
  if (code) {
    // "商水县练集镇王庄村" answers more than the county: the town and village are the address.
    const { precision, townWords } = turn.deps.placeReader.readAddress(text);
    draft.region = { code, source: "citizen", town: townOfRegion(townWords, code) };
    if (precision === "street" || precision === "town") {
      addToAddress(turn, draft, addressAsSaid(text), precision);
    }
    takeTimeSaid(turn, draft, text);
    return turn.advance();
  }
  if (declinesToSay(text)) return leaveRegionToClerk(turn, draft, null);
  if (isUnknownTimeAnswer(text)) {
    draft.region = { code: null, source: "citizen", town: null };
    // "不知道是哪个区，就在七一路菜市场那边": the clerk finds the district by the place kept, the
    // county not known being said by the region left to the clerk.
    if (!cannotTellWhere(turn, text)) addToAddress(turn, draft, withoutNotKnowing(text), "street");
    return turn.advance();
  }
  if (answersTimeNotPlace(turn, draft, text)) return;
  const place = placeInsteadOfCounty(turn, draft, text);
  if (place !== null || draft.regionAskedAgain) return leaveRegionToClerk(turn, draft, place);
  draft.regionAskedAgain = true;
  turn.sayWithButtons(turn.tr("regionUseButtons"));
}

/**
 * "就在万达广场附近", "在火车站对面" at the county question: the citizen knows the place, not
 * its county. The words are added to the address (null when they say no place, or the address
 * would grow too long).
 */
function placeInsteadOfCounty(turn: Turn, draft: Draft, text: string): string | null {
  const said = addressAsSaid(text);
  const read = turn.deps.placeReader.readAddress(said);
  const saysPlace = namesAPlace(read, said) || saysWhereBeside(said);
  return saysPlace && addToAddress(turn, draft, said, "street") ? said : null;
}

/**
 * The county left to the clerk, who finds it by the place said: after a place said instead of a
 * county, or a second reply that names none, so the question never goes round and round.
 */
function leaveRegionToClerk(turn: Turn, draft: Draft, placeSaid: string | null): void {
  draft.region = { code: null, source: "citizen", town: null };
  turn.say({ text: turn.tr("regionLeftToClerk", { place: placeSaid }) });
  turn.advance();
}
