/**
 * Whether words said about an answered case read as a new matter, and the offer to file them.
 */
import type { Classification } from "../classification.ts";
import { FALLBACK_CATEGORY } from "../routing.ts";
import { DEFAULT_LOCALE } from "../locale.ts";
import { detectHazards } from "./emergency.ts";
import { isFeedbackOnAnswer } from "./rating-words.ts";
import { checkDescription } from "./text-quality.ts";
import type { RatedCase } from "./engine-api.ts";
import { placeNamedIn, regionKnown } from "./place-steps.ts";
import type { ResolvedDeps, Turn } from "./turn.ts";

/**
 * Words kept as a reason that read as a new matter: offered for filing beside it, with the
 * photos sent with them.
 */
export function offerNewMatter(turn: Turn, text: string, photos: readonly string[] = []): void {
  turn.s.pending = { kind: "offer", text, ...(photos.length > 0 && { photos: [...photos] }) };
  turn.say({ text: turn.tr("reasonMayBeNewMatter") });
  turn.reask();
}

/**
 * True when words read as a complaint of their own, not a reason given about an answer: a
 * description the intake would take ({@link checkDescription}), not words about an answer
 * ({@link isFeedbackOnAnswer}), that names a danger ({@link detectHazards}) or a place as a
 * first message's place is read ({@link placeNamedIn}) — a reason speaks of the case answered,
 * whose place the staff know — or that is of another kind than the case rated
 * ({@link isOfAnotherKind}: "还有个事，俺村东头的路灯坏了" after a lift's answer).
 */
export async function readsAsNewMatter(
  deps: ResolvedDeps,
  text: string,
  about: RatedCase,
): Promise<boolean> {
  if (!checkDescription(text, deps.withoutInstructions).ok || isFeedbackOnAnswer(text)) {
    return false;
  }
  return (
    detectHazards(text).length > 0 ||
    placeNamedIn(deps, text, regionKnown(deps, deps.regionDetector.detect(text))).named ||
    (await isOfAnotherKind(deps, text, about))
  );
}

/**
 * True when the classifier, as it reads a first message, is sure the words are of another
 * category than the case rated. A reason about the answer speaks of the same kind of matter,
 * so only a sure reading of another kind counts; when the kind cannot be told now (the case
 * cannot be read, as in latestAnsweredCase; the classifier failed, told to problems), the
 * words are the reason alone.
 */
async function isOfAnotherKind(
  deps: ResolvedDeps,
  text: string,
  about: RatedCase,
): Promise<boolean> {
  let rated;
  try {
    // Only its category is read: the language its units are named in does not matter.
    rated = await deps.cases.get(about.citizenRef, about.trackingNo, DEFAULT_LOCALE);
  } catch (error) {
    deps.problems.casesUnreadable?.(error);
    return false;
  }
  return rated !== null && (await isSurelyOtherThan(deps, text, rated.category));
}

/** True when the classifier is sure `text` is of a category other than `category`. */
async function isSurelyOtherThan(
  deps: ResolvedDeps,
  text: string,
  category: string,
): Promise<boolean> {
  const read = await classifiedOrNull(deps, text);
  return read !== null && surelyAnotherKind(read, category);
}

/**
 * True when a reading is sure (not unsure, at least `from` confident) of a category other than
 * `category` and the fallback: the one test of "another kind of matter".
 */
export function surelyAnotherKind(read: Classification, category: string, from = 0): boolean {
  return (
    !read.unsure &&
    read.confidence >= from &&
    read.category !== FALLBACK_CATEGORY &&
    read.category !== category
  );
}

/** The classifier's reading of `text`; null when it failed (told to problems). */
export async function classifiedOrNull(
  deps: ResolvedDeps,
  text: string,
): Promise<Classification | null> {
  try {
    return await deps.classifier.classify(text);
  } catch (error) {
    deps.problems.classifierFailed(error);
    return null;
  }
}
