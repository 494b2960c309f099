/**
 * Nearby reports (附议): open cases of the same problem near the draft's place, offered to join
 * instead of filing.
 */
import { nearbyQuestion, offerIndex, offerOf } from "./nearby.ts";
import type { NearbyCases } from "./ports.ts";
import { NO_WORDS, YES_WORDS, saysOneOf } from "./confirmation.ts";
import type { Draft } from "./state.ts";
import type { Turn } from "./turn.ts";

const FILE_ANYWAY =
  /^(?:不是[,，]?继续登记|继续登记|不是同一个|no,? continue|file anyway)[。.!！]*$/iu;

// ---------------------------------------------------------------- nearby reports (附议)

/**
 * Looks up open cases of the same problem near the draft's place. None (or a failing
 * lookup) moves on to the next question; otherwise they are offered to join.
 */
export async function lookUpNearby(turn: Turn): Promise<void> {
  turn.nearbyDue = false;
  const draft = turn.draft();
  const { deps } = turn;
  const question = nearbyQuestion(turn.s.citizenRef, draft, deps.placeReader);
  let found: Awaited<ReturnType<NearbyCases["find"]>> = [];
  if (question) {
    try {
      found = await deps.nearby.find(question);
    } catch (error) {
      deps.problems.nearbyFailed?.(error);
    }
  }
  draft.nearby = found.map((c) => offerOf(c, deps.placeReader));
  if (draft.nearby.length === 0) return turn.advance();
  turn.reask();
}

/** "Not the same": the draft goes on as if nothing had been offered. */
export function fileAnyway(turn: Turn, draft: Draft): void {
  draft.nearby = [];
  turn.advance();
}

export async function onNearbyText(turn: Turn, draft: Draft, text: string): Promise<void> {
  const offers = draft.nearby ?? [];
  if (saysOneOf(NO_WORDS, text) || FILE_ANYWAY.test(text)) return fileAnyway(turn, draft);
  const index =
    saysOneOf(YES_WORDS, text) && offers.length === 1 ? 0 : offerIndex(text, offers.length);
  if (index === null) {
    return turn.sayWithButtons(turn.tr("nearbyUseButtons", { count: offers.length }));
  }
  return joinNearby(turn, draft, offers[index]!.trackingNo);
}

/** Joins the case instead of filing: the draft ends; a case closed meanwhile is taken off the list. */
export async function joinNearby(turn: Turn, draft: Draft, trackingNo: string): Promise<void> {
  const { s } = turn;
  let outcome;
  try {
    outcome = await turn.deps.nearby.join(s.citizenRef, trackingNo, s.locale);
  } catch (error) {
    turn.deps.problems.nearbyFailed?.(error);
    return turn.sayWithButtons(turn.tr("nearbyJoinFailed"));
  }
  if (outcome === "not_open") {
    draft.nearby = (draft.nearby ?? []).filter((o) => o.trackingNo !== trackingNo);
    turn.say({ text: turn.tr("nearbyClosed") });
    return turn.advance();
  }
  s.draft = null;
  s.step = "idle";
  s.pending = null;
  turn.say({ text: turn.tr("nearbyJoined", { trackingNo, outcome }), removeKeyboard: true });
}
