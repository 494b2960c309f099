/**
 * The description: taken, read (classified, its place, region, time and dangers), and added to
 * later.
 */
import type { Classification } from "../classification.ts";
import { detectHazards } from "./emergency.ts";
import type { Draft } from "./state.ts";
import {
  MAX_DESCRIPTION_LENGTH,
  charLength,
  checkDescription,
  cleanText,
  meaningfulChars,
  saidAlready,
} from "./text-quality.ts";
import { NO_WORDS, YES_WORDS, saysOneOf } from "./confirmation.ts";
import { isThanksAlone } from "./rating-words.ts";
import { adviseOnHazards, firstOfMatters } from "./matters.ts";
import { knownRegion, placeNamedIn, regionOf, townOfRegion } from "./place-steps.ts";
import { takeMorePreciseTime, takeTimeSaid } from "./time-step.ts";
import type { Turn } from "./turn.ts";

/** Words that tell of danger get the emergency advice first, and mark the draft urgent. */
export function warnOfHazards(turn: Turn, text: string): void {
  if (adviseOnHazards(turn, text) && turn.s.draft) turn.s.draft.isEmergency = true;
}

export async function onDescriptionText(turn: Turn, text: string): Promise<void> {
  const draft = turn.draft();
  const start = draft.descriptionStart;
  const check = checkDescription(
    start === null ? text : `${start}\n${text}`,
    turn.deps.withoutInstructions,
  );
  if (!check.ok) {
    if (check.problem === "too_short" && tellsSomething(text)) {
      draft.descriptionStart = start === null ? cleanText(text) : `${start}\n${cleanText(text)}`;
    }
    turn.sayWithButtons(
      turn.tr("descriptionProblem", {
        problem: check.problem,
        length: check.length,
        max: MAX_DESCRIPTION_LENGTH,
      }),
    );
    return;
  }
  draft.descriptionStart = null;
  // Words of several messages are no one message an edit could replace.
  return acceptDescription(turn, check.text, start === null ? turn.messageId : null);
}

/**
 * True for words too few to describe a matter that still say something of it ("路不平", "漏水"),
 * kept for the next words to complete; false for a bare yes or no ("好的", "不用") or a laugh.
 */
export function tellsSomething(text: string): boolean {
  const said = cleanText(text).toLowerCase();
  return (
    new Set(meaningfulChars(said)).size >= 2 &&
    !saysOneOf(YES_WORDS, said) &&
    !saysOneOf(NO_WORDS, said) &&
    !isThanksAlone(said)
  );
}

/**
 * Stores a valid description and learns from it what it can (category, region, time, danger).
 * `messageId`: the channel's id of the one message the words are, for an edit of it; `matters`:
 * the matters the words were read as when offered, if they were (see {@link firstOfMatters}).
 */
export async function acceptDescription(
  turn: Turn,
  description: string,
  messageId: string | null,
  matters?: readonly string[],
): Promise<void> {
  const draft = turn.draft();
  if (draft.descriptionMessageId !== null) draft.correctedMessageId = draft.descriptionMessageId;
  // A new draft's words may tell several matters: the draft takes the first.
  const matter =
    draft.description === null ? await firstOfMatters(turn, description, matters) : description;
  draft.description = matter;
  // Only the first of several matters, the words are no longer the one message's.
  draft.descriptionMessageId = matter === description ? messageId : null;
  await analyseDescription(turn, draft);
  turn.advance();
}

export async function analyseDescription(turn: Turn, draft: Draft): Promise<void> {
  const { deps } = turn;
  const description = draft.description ?? "";
  if (detectHazards(description).length > 0) draft.isEmergency = true;
  draft.classification = await classified(turn, draft, draft.region?.code ?? null);
  // A town of one region only says the region when the words name none ("Dongxiating Town": the
  // region detector reads region names in pinyin, not towns).
  const townsNamed = deps.placeReader.readDescription(description).townWords;
  const guessed = knownRegion(turn, draft.classification?.region ?? null) ?? regionOf(townsNamed);
  const regionNamed = regionFromDescription(turn, draft, guessed);
  const place = placeNamedIn(deps, description, regionNamed);
  const town = townOfRegion(place.townWords, draft.region?.code ?? null);
  // "文昌大道的路灯坏了": the road is where; only the county is still to ask. (A reason or a
  // detail naming a road is no new matter for that: it may speak of the case's own road.)
  const address = place.address ?? place.road;
  if (draft.address === null && address !== null) {
    draft.address = address;
    draft.placePrecision = place.precision;
  } else if (draft.address === null && town !== null) {
    // "俺是西华县东夏亭镇的…" names the town but no street: the town is where so far.
    draft.address = town;
    draft.placePrecision = "town";
  }
  // A town the first words named stays the draft's when a later description names another.
  if (draft.region !== null && draft.region.source !== "coordinates") draft.region.town ??= town;
  draft.placeInDescription = place.hinted || draft.address !== null;
  takeTimeSaid(turn, draft, description);
}

/**
 * Words added to the description after it was taken (the category stays as confirmed): said
 * to the citizen, or why not when the description would grow too long.
 */
export function addToDescription(turn: Turn, draft: Draft, text: string): void {
  if (!appendToDescription(turn, draft, text, (problem) => turn.say({ text: problem }))) return;
  warnOfHazards(turn, text);
  // A county named in the words added ("是在川汇区那边") replaces one only guessed before.
  regionFromDescription(turn, draft, draft.region?.code ?? null);
  // "是大前天晚上开始的" after "好几天了" at the time question: the more precise time is the case's.
  takeMorePreciseTime(turn, draft, text);
  turn.say({ text: turn.tr("descriptionAdded") });
}

/**
 * The county or district the description names (or `words` said about the matter later) is the
 * draft's region, else `guess` — while the region was only ever read from the citizen's words;
 * one the citizen chose, gave as an address or shared as a point stays. Returns the region
 * named (null: none).
 */
export function regionFromDescription(
  turn: Turn,
  draft: Draft,
  guess: string | null,
  words: string = draft.description ?? "",
): string | null {
  const named = knownRegion(turn, turn.deps.regionDetector.detect(words));
  if (draft.region === null || draft.region.source === "description") {
    const code = named ?? guess;
    // The town the words named is the region's while the region stays.
    const town = draft.region?.code === code ? draft.region.town : null;
    draft.region = code ? { code, source: "description", town } : null;
  }
  return named;
}

/**
 * `text` on a line of its own after the description, which is then no longer one message's
 * words (an edit of that message no longer replaces it); false, and `tell` told why, when the
 * description would grow too long or has the words already.
 */
export function appendToDescription(
  turn: Turn,
  draft: Draft,
  text: string,
  tell: (problem: string) => void,
): boolean {
  if (saidAlready(draft.description, text)) {
    tell(turn.tr("descriptionHasIt"));
    return false;
  }
  const longer = draft.description === null ? text : `${draft.description}\n${text}`;
  const length = charLength(longer);
  if (length > MAX_DESCRIPTION_LENGTH) {
    tell(
      turn.tr("descriptionProblem", { problem: "too_long", length, max: MAX_DESCRIPTION_LENGTH }),
    );
    return false;
  }
  draft.description = longer;
  draft.descriptionMessageId = null;
  draft.correctedMessageId = null;
  return true;
}

/**
 * The classifier's answer to the draft's description, with its address and `region` (known
 * apart from the description) as hints; null when the classifier failed (told to problems).
 */
export async function classified(
  turn: Turn,
  draft: Draft,
  region: string | null,
): Promise<Draft["classification"]> {
  const { deps } = turn;
  try {
    const classification = await deps.classifier.classify(draft.description ?? "", {
      region,
      ...(draft.address ? { address: draft.address } : {}),
    });
    return storableClassification(classification);
  } catch (error) {
    deps.problems.classifierFailed(error);
    return null;
  }
}

/** A classification as the draft stores it (plain, mutable JSON). */
function storableClassification(
  classification: Classification,
): NonNullable<Draft["classification"]> {
  const { offline, alternatives, explanation, ...rest } = classification;
  return {
    ...rest,
    alternatives: alternatives.map((a) => ({ category: a.category, confidence: a.confidence })),
    explanation: [...explanation],
    ...(offline && { offline: storableClassification(offline) }),
  };
}
