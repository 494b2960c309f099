/**
 * The intake conversation's way to make the citizen's own decisions on a case — rate an
 * answer, ask for its review, withdraw the case, add to it, give it a new phone number: the same case actions, as the same citizen,
 * as the buttons under the answer (Telegram, the web chat) and the status page, so a rating
 * typed in words ("修好了，谢谢") follows the same rules, and its reason is kept where the
 * reply to the buttons' question is.
 */
import type { WorkingCalendar } from "../domain/calendar.ts";
import type {
  AnswerRatings,
  CitizenDecision,
  ContactChanges,
  Supplements,
  Withdrawals,
} from "../domain/intake/ports.ts";
import type { Actor } from "../domain/lifecycle/actor.ts";
import { citizenOptions, type ReviewOffer } from "../domain/lifecycle/citizen-options.ts";
import { parseCitizenRef } from "../domain/citizen-ref.ts";
import { isAppError } from "../errors.ts";
import type { FileSender } from "../storage/case-attachments.ts";
import type { LifecycleCaseStore } from "../storage/case-store.ts";
import type { CaseActions, CaseRequest } from "./case-actions.ts";

export interface AnswerRatingsDeps {
  readonly actions: Pick<CaseActions, "act">;
  readonly store: Pick<LifecycleCaseStore, "find" | "isOwnedBy">;
  readonly calendar: () => WorkingCalendar;
  readonly clock: { now(): Date };
  /** Keeps the reason on the case's latest rating (false when it has none). */
  readonly recordRatingReason: (trackingNo: string, reason: string) => Promise<boolean>;
  /** Attaches the sender's photos to the case with its latest rating; how many (none without one). */
  readonly recordRatingPhotos: (
    trackingNo: string,
    sender: FileSender,
    photoIds: readonly string[],
  ) => Promise<number>;
}

/** Refusals by the case's rules (or a case that is not the citizen's); anything else throws. */
const REFUSALS = [
  "case.illegal_transition",
  "case.already_decided",
  "case.not_found",
  "auth.forbidden",
  "storage.conflict",
] as const;

/** The case action as the citizen: done, or refused by the case's rules. */
async function decide(
  actions: Pick<CaseActions, "act">,
  trackingNo: string,
  request: CaseRequest,
  citizenRef: string,
): Promise<CitizenDecision> {
  const done = await decided(() => actions.act(trackingNo, request, citizen(citizenRef)));
  return done === null ? "refused" : "done";
}

/** What `act` gave, or null when the case's rules refused it; anything else throws. */
async function decided<T>(act: () => Promise<T>): Promise<T | null> {
  try {
    return await act();
  } catch (error) {
    if (REFUSALS.some((code) => isAppError(error, code))) return null;
    throw error;
  }
}

function citizen(citizenRef: string): Actor {
  return { kind: "citizen", id: citizenRef };
}

/** The case's `withdraw` as its citizen (the case actions check that the case is theirs). */
export function createWithdrawals(
  actions: Pick<CaseActions, "act">,
  withdrawSupport: Withdrawals["withdrawSupport"],
): Withdrawals {
  return {
    withdraw: (citizenRef, trackingNo) =>
      decide(actions, trackingNo, { type: "withdraw" }, citizenRef),
    withdrawSupport,
  };
}

/**
 * The case's `supplement` (补充) and `urge` (催办) as its citizen: their words kept with the
 * case, the unit told, the photos sent with them attached to the case in the same commit (see
 * case-store.ts), and the larger group the words made the case (and the urge's count), for the
 * citizen's reply.
 */
export function createSupplements(actions: Pick<CaseActions, "actDecided">): Supplements {
  /** The addition or urge as the citizen; null when the case's rules refused it. */
  const add = (citizenRef: string, trackingNo: string, request: CaseRequest) =>
    decided(() => actions.actDecided(trackingNo, request, citizen(citizenRef)));
  const REFUSED = { decision: "refused", grownTo: null } as const;
  return {
    async supplement(citizenRef, trackingNo, text, photoIds) {
      const done = await add(citizenRef, trackingNo, { type: "supplement", text, photoIds });
      return done === null ? REFUSED : { decision: "done", grownTo: done.decision.group };
    },
    async urge(citizenRef, trackingNo, text, photoIds) {
      const done = await add(citizenRef, trackingNo, { type: "urge", text, photoIds });
      if (done === null) return { ...REFUSED, ordinal: null };
      const { group, changes } = done.decision;
      // Counted: the decision sets the case's count; urged today already, it leaves it.
      return { decision: "done", grownTo: group, ordinal: changes.urgeCount ?? null };
    },
  };
}

/** The case's `change_contact` as its citizen: the number the case is called about from now on. */
export function createContactChanges(actions: Pick<CaseActions, "act">): ContactChanges {
  return {
    changePhone: (citizenRef, trackingNo, { phone, holder }) =>
      decide(actions, trackingNo, { type: "change_contact", phone, holder }, citizenRef),
  };
}

/**
 * Whether the latest answer of a citizen's case may be rated now: `open` (answered or closed,
 * not rated yet), `rated` already, `no_answer` to rate (not answered yet, or under review), or
 * `not_theirs` (no such case of this citizen's).
 */
export type RatingOpenness = "open" | "rated" | "no_answer" | "not_theirs";

/** The conversation's ratings, and what the chats' rating buttons ask before the first tap. */
export interface CitizenRatings extends AnswerRatings {
  /** Why the latest answer may not be rated now, or `open`. May throw (storage unavailable). */
  ratingOpenness(citizenRef: string, trackingNo: string): Promise<RatingOpenness>;
  /**
   * The review the citizen may ask of the case's latest answer now (复查, or 复核 after the 复查
   * opinion), by the case's stage and rules; null for none, or a case not theirs. May throw.
   */
  reviewOffer(citizenRef: string, trackingNo: string): Promise<ReviewOffer | null>;
}

export function createAnswerRatings(deps: AnswerRatingsDeps): CitizenRatings {
  async function ratingOpenness(citizenRef: string, trackingNo: string): Promise<RatingOpenness> {
    const subject = await deps.store.find(trackingNo);
    if (!subject || !(await deps.store.isOwnedBy(trackingNo, citizenRef))) return "not_theirs";
    if (citizenOptions(subject, deps.clock.now(), deps.calendar()).mayRate) return "open";
    // The rule `rate` is refused by (transitions.ts): answered or closed, else no answer to rate.
    return subject.status === "answered" || subject.status === "closed" ? "rated" : "no_answer";
  }
  async function reviewOffer(citizenRef: string, trackingNo: string): Promise<ReviewOffer | null> {
    const subject = await deps.store.find(trackingNo);
    if (!subject || !(await deps.store.isOwnedBy(trackingNo, citizenRef))) return null;
    return citizenOptions(subject, deps.clock.now(), deps.calendar()).review;
  }
  return {
    reviewOffer,
    mayRate: async (citizenRef, trackingNo) =>
      (await ratingOpenness(citizenRef, trackingNo)) === "open",
    ratingOpenness,
    rate: (citizenRef, trackingNo, rating) =>
      decide(deps.actions, trackingNo, { type: "rate", ...rating }, citizenRef),
    requestReview: (citizenRef, trackingNo) =>
      decide(deps.actions, trackingNo, { type: "request_review" }, citizenRef),
    async recordReason(citizenRef, trackingNo, reason) {
      if (await deps.store.isOwnedBy(trackingNo, citizenRef)) {
        await deps.recordRatingReason(trackingNo, reason);
      }
    },
    async recordPhotos(citizenRef, trackingNo, photoIds) {
      const sender = parseCitizenRef(citizenRef);
      if (!sender || !(await deps.store.isOwnedBy(trackingNo, citizenRef))) return 0;
      return deps.recordRatingPhotos(trackingNo, sender, photoIds);
    },
  };
}
