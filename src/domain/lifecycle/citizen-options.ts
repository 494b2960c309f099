/**
 * What the citizen may still do with a case — urge it on (催办) while it runs; rate its
 * answer, ask for 复查 or 复核 — by the same rules `decide` applies (transitions.ts), so that
 * a page offers only what the case actions will accept.
 */
import type { WorkingCalendar } from "../calendar.ts";
import { ratedLatestAnswer, type Case } from "./case.ts";
import { isPast, reviewRequestDeadline } from "./deadlines.ts";
import { TRANSITION_RULES } from "./transitions.ts";

/** The review the citizen may ask for now, and until when. */
export interface ReviewOffer {
  /** 1: 复查, 2: 复核. */
  readonly stage: 1 | 2;
  /** The end of the 30-day window after the answer. */
  readonly until: Date;
}

export interface CitizenOptions {
  /** The case is where the citizen's `urge` (催办) is taken: running, held by the clerks or a unit. */
  readonly mayUrge: boolean;
  /** The latest answer has not been rated yet (a rating is given once per answer). */
  readonly mayRate: boolean;
  /** Null once the window closed, after 复核, or when there is no answer to review. */
  readonly review: ReviewOffer | null;
  /** The end of the review window of the latest answer, open or not; null without an answer. */
  readonly reviewWindowEndsAt: Date | null;
}

type Answered = Pick<Case, "status" | "answeredAt" | "ratedAt" | "reviewStage" | "requestKind">;

export function citizenOptions(
  subject: Answered,
  now: Date,
  calendar: WorkingCalendar,
): CitizenOptions {
  return {
    mayUrge: TRANSITION_RULES.urge.from.includes(subject.status),
    ...answerOptions(subject, now, calendar),
  };
}

/** What the citizen may do with the case's latest answer: rate it, ask for its review. */
function answerOptions(
  subject: Answered,
  now: Date,
  calendar: WorkingCalendar,
): Omit<CitizenOptions, "mayUrge"> {
  const { answeredAt } = subject;
  const open = subject.status === "answered" || subject.status === "closed";
  if (answeredAt === null) return { mayRate: false, review: null, reviewWindowEndsAt: null };
  // A consultation's answer is rated but never reviewed: there is no 处理意见 to review.
  if (subject.requestKind === "consultation") {
    return { mayRate: open && !ratedLatestAnswer(subject), review: null, reviewWindowEndsAt: null };
  }
  const windowEnd = reviewRequestDeadline(calendar, answeredAt).at;
  const reviewable = open && subject.reviewStage < 2 && !isPast(windowEnd, now);
  return {
    mayRate: open && !ratedLatestAnswer(subject),
    review: reviewable ? { stage: subject.reviewStage === 0 ? 1 : 2, until: windowEnd } : null,
    reviewWindowEndsAt: windowEnd,
  };
}
