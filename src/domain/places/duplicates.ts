/**
 * Are two complaints one matter? A careful clerk merges two cases when one
 * handling settles both: the same problem, at the same place, in the same
 * occurrence — or the same citizen repeating the same matter (重复信访).
 * The scorer weighs the evidence for each and returns it as data (reasons and
 * objections), so a clerk sees why two cases look alike. Precision first: a
 * flag that is always on is a flag nobody reads, so a missing place, a far
 * distance or a closed first case keeps two citizens' cases apart.
 *
 * The settings were chosen from the rules of the work and then checked on
 * the developer's own pairs (test/places/dev-pairs.jsonl), never on the
 * measurement set (test/places/duplicate-pairs.jsonl).
 */
import { boxAround, metresBetween, type LatLngBox } from "./geo.ts";
import type { PlaceKey, PlaceReader, PlaceText } from "./place-text.ts";
import type { GeoPoint } from "./places.ts";
import { problemTopics } from "./problem-topics.ts";
import type { TextSimilarity } from "./text-similarity.ts";
import { DAY_MS } from "../shanghai-time.ts";

/** What the scorer reads of a case. */
export interface DuplicateFacts {
  /** The citizen's description. */
  readonly text: string;
  readonly category: string | null;
  readonly region: string | null;
  /** The typed or picked address, null when none. */
  readonly address: string | null;
  readonly point: GeoPoint | null;
  readonly submittedAt: Date;
  /** An opaque id of the person who filed it. */
  readonly citizen: string;
  /** When the case was closed (answered, finished), null while it is open. */
  readonly closedAt?: Date | null;
}

export interface DuplicateSettings {
  /** Within this distance two positions are one spot (two phones' GPS error). */
  readonly sameSpotMetres: number;
  /** Within this distance two positions are near: listed as possible, never flagged. */
  readonly nearMetres: number;
  /** Beyond this distance two positions are different places. */
  readonly apartMetres: number;
  /** Different citizens: a matter still open after this is a new occurrence (60 days' handling). */
  readonly windowDays: number;
  /** The same citizen: 60 days' handling plus one 30-day extension. */
  readonly citizenWindowDays: number;
  /** Problem words this alike are the same problem told twice. */
  readonly sameProblem: number;
  /** Problem words this alike may be the same problem. */
  readonly similarProblem: number;
}

export const DEFAULT_DUPLICATE_SETTINGS: DuplicateSettings = {
  sameSpotMetres: 100,
  nearMetres: 250,
  apartMetres: 500,
  windowDays: 60,
  citizenWindowDays: 90,
  sameProblem: 0.45,
  similarProblem: 0.25,
};

/** The kinds of reason, in the order a clerk reads them; labels in src/i18n/labels.ts. */
export const DUPLICATE_REASONS = [
  "same_citizen",
  "same_place",
  "same_party",
  "near",
  "same_road",
  "same_topic",
  "similar_text",
  "same_category",
  "days_apart",
] as const satisfies readonly DuplicateReason["kind"][];

/** What makes two cases look alike. */
export type DuplicateReason =
  /** 同一地点 80 米内 */
  | { readonly kind: "near"; readonly metres: number }
  /** Both name the same crossing, compound or landmark (and building). */
  | { readonly kind: "same_place"; readonly place: PlaceKey }
  /** Both name the same employer or official. */
  | { readonly kind: "same_party"; readonly party: string }
  /** Only the same road: a road is long. */
  | { readonly kind: "same_road"; readonly road: string }
  /** 描述相似 0.72 (place words left out). */
  | { readonly kind: "similar_text"; readonly similarity: number }
  /** Both are about the same thing (problem-topics.ts codes). */
  | { readonly kind: "same_topic"; readonly topics: readonly string[] }
  /** 同一诉求人 */
  | { readonly kind: "same_citizen" }
  | { readonly kind: "same_category" }
  | { readonly kind: "days_apart"; readonly days: number };

/** What tells two cases apart. */
export type DuplicateObjection =
  | { readonly kind: "far_apart"; readonly metres: number }
  | { readonly kind: "other_place"; readonly places: readonly [PlaceKey, PlaceKey] }
  | { readonly kind: "other_region"; readonly regions: readonly [string, string] }
  | { readonly kind: "other_category" }
  | { readonly kind: "other_problem"; readonly similarity: number }
  /** About different things at the same place: a cover and a lamp. */
  | {
      readonly kind: "other_topic";
      readonly topics: readonly [readonly string[], readonly string[]];
    }
  /** The earlier case was closed before the later one came: a new occurrence. */
  | { readonly kind: "closed_before"; readonly days: number }
  | { readonly kind: "long_gap"; readonly days: number }
  /** Neither case says where, and two people filed them. */
  | { readonly kind: "no_place" };

export type DuplicateVerdict =
  /** Show the clerk; offer the citizen to join. */
  | "likely"
  /** Worth a look when the clerk searches; never flagged. */
  | "possible"
  | "unlikely";

export interface DuplicateScore {
  readonly verdict: DuplicateVerdict;
  /** 0–1, to rank candidates; the verdict is the decision. */
  readonly score: number;
  readonly reasons: readonly DuplicateReason[];
  readonly objections: readonly DuplicateObjection[];
}

/** A case read once, to compare with many. */
export interface PreparedCase {
  readonly facts: DuplicateFacts;
  readonly place: PlaceText;
  /** The description without its place words: what the problem is. */
  readonly problem: string;
  /** Its topics (problem-topics.ts): 井盖, 路灯, 工资… */
  readonly topics: readonly string[];
}

export interface DuplicateScorer {
  prepare(facts: DuplicateFacts): PreparedCase;
  /** Whether `later` repeats `earlier`; symmetric except for `closedAt`, which only `earlier`'s counts. */
  compare(earlier: PreparedCase, later: PreparedCase): DuplicateScore;
  /**
   * True when `compare` cannot find the two "likely", told from their columns alone (category,
   * region, days apart, the earlier one's closing, the distance between their positions), before
   * either text is read; false guarantees nothing.
   */
  cannotBeLikely(earlier: DuplicateFacts, later: DuplicateFacts): boolean;
}

type PlaceEvidence =
  | { readonly level: "same"; readonly reason: DuplicateReason }
  | { readonly level: "near" | "road"; readonly reason: DuplicateReason }
  | { readonly level: "apart"; readonly objection: DuplicateObjection }
  | { readonly level: "unknown" | "none" };

/** The same problem told twice, perhaps the same, or another problem. */
type ProblemLevel = "same" | "similar" | "other";

/** Any of these keeps two cases apart, whatever else they share. */
const HARD_OBJECTIONS: readonly DuplicateObjection["kind"][] = [
  "far_apart",
  "other_place",
  "other_region",
  "closed_before",
  "long_gap",
];

export function createDuplicateScorer(deps: {
  readonly reader: PlaceReader;
  readonly text: TextSimilarity;
  readonly settings?: DuplicateSettings;
}): DuplicateScorer {
  const settings = deps.settings ?? DEFAULT_DUPLICATE_SETTINGS;

  function prepare(facts: DuplicateFacts): PreparedCase {
    const fromText = deps.reader.readDescription(facts.text);
    const place = readPlace(deps.reader, facts.text, facts.address, fromText);
    let problem = facts.text;
    const words = [
      ...place.keys.flatMap((key) => key.name.split("+")),
      ...place.regionWords.map((w) => w.word),
      ...place.townWords.map((w) => w.word),
      ...(fromText.place ? fromText.place.split("，") : []),
    ].sort((x, y) => y.length - x.length);
    for (const word of words) problem = problem.replaceAll(word, " ");
    return { facts, place, problem, topics: problemTopics(facts.text) };
  }

  function placeEvidence(a: PreparedCase, b: PreparedCase): PlaceEvidence {
    const [fa, fb] = [a.facts, b.facts];
    if (fa.region && fb.region && fa.region !== fb.region) {
      return {
        level: "apart",
        objection: { kind: "other_region", regions: [fa.region, fb.region] },
      };
    }
    const metres = metresApart(fa, fb);
    const keysA = a.place.keys;
    const keysB = b.place.keys;
    const spot = keysA.find((key) => isSpot(key) && keysB.some((other) => sameSpot(key, other)));
    if (spot) {
      const reason: DuplicateReason =
        spot.kind === "party"
          ? { kind: "same_party", party: spot.name }
          : { kind: "same_place", place: spot };
      if (metres === null || metres <= settings.apartMetres) return { level: "same", reason };
    }
    if (metres !== null && metres > settings.apartMetres) {
      return { level: "apart", objection: { kind: "far_apart", metres } };
    }
    // Two named buildings or crossings are two places, however near (5号楼 and 9号楼).
    const conflict = otherPlaces(keysA, keysB);
    if (conflict) return { level: "apart", objection: { kind: "other_place", places: conflict } };
    if (metres !== null && metres <= settings.sameSpotMetres) {
      return { level: "same", reason: { kind: "near", metres } };
    }
    if (metres !== null && metres <= settings.nearMetres) {
      return { level: "near", reason: { kind: "near", metres } };
    }
    const road = keysA.find(
      (key) => key.kind === "road" && keysB.some((o) => o.kind === "road" && o.name === key.name),
    );
    if (road) return { level: "road", reason: { kind: "same_road", road: road.name } };
    const saysWhere = (c: PreparedCase) => c.facts.point !== null || c.place.keys.length > 0;
    return saysWhere(a) || saysWhere(b) ? { level: "unknown" } : { level: "none" };
  }

  /** The whole metres between two positions, null unless both have one. */
  function metresApart(a: DuplicateFacts, b: DuplicateFacts): number | null {
    return a.point && b.point ? Math.round(metresBetween(a.point, b.point)) : null;
  }

  function daysApart(a: DuplicateFacts, b: DuplicateFacts): number {
    return Math.abs(b.submittedAt.getTime() - a.submittedAt.getTime()) / DAY_MS;
  }

  function windowDays(a: DuplicateFacts, b: DuplicateFacts): number {
    return a.citizen === b.citizen ? settings.citizenWindowDays : settings.windowDays;
  }

  /** The earlier case was closed before the later one came: a new occurrence. */
  function closedBefore(earlier: DuplicateFacts, later: DuplicateFacts): boolean {
    const closed = earlier.closedAt ?? null;
    return closed !== null && closed.getTime() < later.submittedAt.getTime();
  }

  // Each condition is one that `compare` turns into a hard objection or a category apart.
  function cannotBeLikely(earlier: DuplicateFacts, later: DuplicateFacts): boolean {
    const metres = metresApart(earlier, later);
    return (
      earlier.category === null ||
      earlier.category !== later.category ||
      (earlier.region !== null && later.region !== null && earlier.region !== later.region) ||
      daysApart(earlier, later) > windowDays(earlier, later) ||
      closedBefore(earlier, later) ||
      (metres !== null && metres > settings.apartMetres)
    );
  }

  function compare(earlier: PreparedCase, later: PreparedCase): DuplicateScore {
    const [a, b] = [earlier.facts, later.facts];
    const reasons: DuplicateReason[] = [];
    const objections: DuplicateObjection[] = [];
    const days = daysApart(a, b);
    const sameCitizen = a.citizen === b.citizen;
    const sameCategory = a.category !== null && a.category === b.category;
    const similarity = round(deps.text.similarity(earlier.problem, later.problem));
    const place = placeEvidence(earlier, later);

    if (sameCitizen) reasons.push({ kind: "same_citizen" });
    if (sameCategory) reasons.push({ kind: "same_category" });
    else if (a.category !== null && b.category !== null)
      objections.push({ kind: "other_category" });
    if ("reason" in place) reasons.push(place.reason);
    if ("objection" in place) objections.push(place.objection);
    if (place.level === "none" && !sameCitizen) objections.push({ kind: "no_place" });
    const sharedTopics = earlier.topics.filter((topic) => later.topics.includes(topic));
    const problem: ProblemLevel =
      sharedTopics.length > 0 || similarity >= settings.sameProblem
        ? "same"
        : earlier.topics.length > 0 && later.topics.length > 0
          ? "other"
          : similarity >= settings.similarProblem
            ? "similar"
            : "other";
    if (sharedTopics.length > 0) reasons.push({ kind: "same_topic", topics: sharedTopics });
    if (similarity >= settings.similarProblem) reasons.push({ kind: "similar_text", similarity });
    if (problem === "other") {
      objections.push(
        sharedTopics.length === 0 && earlier.topics.length > 0 && later.topics.length > 0
          ? { kind: "other_topic", topics: [earlier.topics, later.topics] }
          : { kind: "other_problem", similarity },
      );
    }
    reasons.push({ kind: "days_apart", days: Math.round(days) });
    if (closedBefore(a, b)) {
      objections.push({
        kind: "closed_before",
        days: Math.round((b.submittedAt.getTime() - a.closedAt!.getTime()) / DAY_MS),
      });
    }
    if (days > windowDays(a, b)) objections.push({ kind: "long_gap", days: Math.round(days) });

    const problemWeight = { same: 1, similar: 0.5, other: 0 };
    const placeWeight = { same: 1, near: 0.6, road: 0.3, unknown: 0.2, none: 0, apart: 0 }[
      place.level
    ];
    const score = round(
      Math.min(1, 0.55 * problemWeight[problem] + 0.3 * placeWeight + (sameCitizen ? 0.15 : 0)) *
        (sameCategory ? 1 : 0.5),
    );
    const verdict = decide({
      problem,
      place: place.level,
      sameCitizen,
      sameCategory,
      objections,
    });
    return { verdict, score, reasons, objections };
  }

  function decide(e: {
    problem: ProblemLevel;
    place: PlaceEvidence["level"];
    sameCitizen: boolean;
    sameCategory: boolean;
    objections: readonly DuplicateObjection[];
  }): DuplicateVerdict {
    const hard = e.objections.some((o) => HARD_OBJECTIONS.includes(o.kind));
    if (hard || e.problem === "other") return "unlikely";
    if (!e.sameCategory) {
      // The classifier may file one matter under two categories; a clerk looks, nothing is flagged.
      return e.problem === "same" && (e.place === "same" || e.sameCitizen)
        ? "possible"
        : "unlikely";
    }
    if (e.sameCitizen) return e.problem === "same" || e.place === "same" ? "likely" : "possible";
    // Two people: only the same spot (named, or within GPS error) flags; 100–250 m away it
    // may be the next restaurant or the other end of the compound, so a clerk only looks.
    if (e.place === "same") return "likely";
    return e.place === "none" ? "unlikely" : "possible";
  }

  return { prepare, compare, cannotBeLikely };
}

/**
 * Where a case is, from its typed address and its description together: the
 * address says the place, the description may add a landmark or party.
 */
export function readPlace(
  reader: PlaceReader,
  text: string,
  address: string | null,
  fromText: PlaceText = reader.readDescription(text),
): PlaceText {
  const fromAddress = address ? reader.readAddress(address) : null;
  return fromAddress
    ? { ...fromAddress, keys: uniqueKeys([...fromAddress.keys, ...fromText.keys]) }
    : fromText;
}

/**
 * The keys a case is stored under (CasePlaceKey), from its description and typed address: its
 * crossings, landmarks and parties (the duplicate candidates of a case are those sharing one),
 * and the roads it names ("road:人民路"): nearby reports match them when a case has no
 * coordinates, and the hot spots count a street named again and again. Written at filing and,
 * for cases stored before, by the background backfill (src/storage/place-key-backfill.ts):
 * when what this returns for a stored case changes, change PLACE_KEYS_VERSION.
 */
export function storedPlaceKeys(
  reader: PlaceReader,
  text: string,
  address: string | null,
): string[] {
  return [...new Set(readPlace(reader, text, address).keys.map(placeKeyString))];
}

/**
 * The version of storedPlaceKeys (and of the place reader it calls): at each start, the stored
 * cases get the keys of this version they miss, once (src/storage/place-key-backfill.ts).
 * "1": crossings, landmarks and parties (migration case_place_keys); "2": also roads; "3":
 * English road names with the street signs' pinyin road word ("Qiyi Lu", "Renmin Jie"); "4": English
 * road names in small letters ("zhongshan road", "renmin rd") and bus stops ("the Renmin Road bus
 * stop"); "5": English landmark names in small letters ("near wanda plaza", "outside jianye
 * garden").
 */
export const PLACE_KEYS_VERSION = "5";

/** A stored key (`placeKeyString`) read back, without its building. */
export function placeKeyOf(stored: string): PlaceKey {
  const colon = stored.indexOf(":");
  return {
    kind: stored.slice(0, colon) as PlaceKey["kind"],
    name: stored.slice(colon + 1),
    detail: null,
  };
}

/** The SQL LIKE pattern of stored road keys, which do not make duplicate candidates. */
export const ROAD_KEY_PATTERN = "road:%";

/** A crossing, landmark or party pins a place down; a road does not. */
function isSpot(key: PlaceKey): boolean {
  return key.kind !== "road";
}

function sameSpot(a: PlaceKey, b: PlaceKey): boolean {
  return (
    a.kind === b.kind &&
    a.name === b.name &&
    (a.detail === null || b.detail === null || a.detail === b.detail)
  );
}

/**
 * Both name crossings, or both landmarks, and none is the same: two places. A crossing
 * and a landmark may be one spot (the compound at the crossing), so they never conflict.
 */
function otherPlaces(a: readonly PlaceKey[], b: readonly PlaceKey[]): [PlaceKey, PlaceKey] | null {
  for (const kind of ["crossing", "landmark"] as const) {
    const spotsA = a.filter((key) => key.kind === kind);
    const spotsB = b.filter((key) => key.kind === kind);
    if (spotsA.length === 0 || spotsB.length === 0) continue;
    if (spotsA.some((key) => spotsB.some((other) => sameSpot(key, other)))) return null;
    return [spotsA[0]!, spotsB[0]!];
  }
  return null;
}

function uniqueKeys(keys: readonly PlaceKey[]): PlaceKey[] {
  return keys.filter(
    (key, i) =>
      keys.findIndex(
        (k) => k.kind === key.kind && k.name === key.name && k.detail === key.detail,
      ) === i,
  );
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * What the read side selects before scoring, so that scoring stays a handful of
 * cases: those submitted within the window before (and after) `subject`, and
 * either with coordinates in `box`, or naming one of its crossings, landmarks or
 * parties (its stored keys, see storedPlaceKeys), or filed by the same citizen
 * within the longer citizen window. Each is one indexed condition
 * (latitude/longitude ranges, a place-key table, the citizen column).
 */
export interface CandidateCriteria {
  readonly from: Date;
  readonly to: Date;
  /** The box around the subject's position holding every case within `apartMetres`; null without one. */
  readonly box: LatLngBox | null;
  readonly citizenFrom: Date;
  readonly citizenTo: Date;
}

export function candidateCriteria(
  subject: DuplicateFacts,
  settings: DuplicateSettings = DEFAULT_DUPLICATE_SETTINGS,
): CandidateCriteria {
  const at = subject.submittedAt.getTime();
  const span = (days: number) => [new Date(at - days * DAY_MS), new Date(at + days * DAY_MS)];
  const [from, to] = span(settings.windowDays);
  const [citizenFrom, citizenTo] = span(settings.citizenWindowDays);
  return {
    from: from!,
    to: to!,
    box: subject.point ? boxAround(subject.point, settings.apartMetres) : null,
    citizenFrom: citizenFrom!,
    citizenTo: citizenTo!,
  };
}

/**
 * A place key as one string to store and match on ("crossing:七一路+人民路",
 * "landmark:恒兴家园", "party:鑫源建筑公司", "road:人民路"); the building is left
 * out so that 5号楼 finds the whole compound, and the scorer tells buildings apart.
 */
export function placeKeyString(key: PlaceKey): string {
  return `${key.kind}:${key.name}`;
}
