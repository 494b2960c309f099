/**
 * Every answer reaches a rating (有信必复): the one follow-up its citizen gets while it is still
 * unrated — the day after the day it promised its work done by (承诺办结日期: "工资将于12月20日前
 * 发放"), or, with no promise, UNRATED_ANSWER_FOLLOW_UP_DAYS after it was given. Both are kept
 * as data with the answer when it is given (Case.followUpAt).
 */
import { addDays, localDateOf, startOfLocalDay, type LocalDate } from "../calendar.ts";
import { AppError } from "../../errors.ts";
import { ratedLatestAnswer, type Case } from "./case.ts";
import { DAY_MS } from "../shanghai-time.ts";

/**
 * Days after an answer without a promised day that its citizen is asked, if they have not rated
 * it, whether it solved their problem: a week, well inside the 30 days they may ask for a review.
 */
export const UNRATED_ANSWER_FOLLOW_UP_DAYS = 7;

/** The answer's promise and follow-up as the case keeps them. */
export type FollowUpColumns = Pick<Case, "answerPromisedBy" | "followUpAt">;

/**
 * The promise and follow-up of an answer given at `now`, whose citizen may ask for a review
 * until `reviewWindowEnds`. A promised day runs from today to the day before the review's last
 * day, so that the follow-up, the day after it, still comes while a broken promise may be taken
 * to a review (and a promise cannot push the unit's work beyond what the citizen can dispute).
 * Without one, the follow-up comes UNRATED_ANSWER_FOLLOW_UP_DAYS after the answer, at the time
 * of day the unit answered. A new answer replaces the earlier answer's promise and follow-up.
 * @throws AppError("input.invalid", userMessageKey "case.promise_out_of_range") for a day
 * outside that range.
 */
export function answerFollowUp(
  subject: Pick<Case, "trackingNo">,
  promisedBy: LocalDate | undefined,
  now: Date,
  reviewWindowEnds: Date,
): FollowUpColumns {
  if (promisedBy === undefined) {
    const followUpAt = new Date(now.getTime() + UNRATED_ANSWER_FOLLOW_UP_DAYS * DAY_MS);
    return { answerPromisedBy: null, followUpAt };
  }
  const { first, last } = promiseRange(now, reviewWindowEnds);
  if (promisedBy < first || promisedBy > last) {
    throw new AppError(
      "input.invalid",
      `case ${subject.trackingNo}: the promised day ${promisedBy} must be from ${first} to ${last}`,
      { userMessageKey: "case.promise_out_of_range" },
    );
  }
  return { answerPromisedBy: promisedBy, followUpAt: startOfLocalDay(addDays(promisedBy, 1)) };
}

/** The days an answer given at `now` may promise (see answerFollowUp), as Shanghai days. */
export function promiseRange(
  now: Date,
  reviewWindowEnds: Date,
): { readonly first: LocalDate; readonly last: LocalDate } {
  return { first: localDateOf(now), last: addDays(localDateOf(reviewWindowEnds), -1) };
}

/**
 * Whether the answer's follow-up is due at `now`: not asked yet, its time come, and the answer
 * neither rated nor moved on from (a review, a closing: the status is no longer answered).
 */
export function followUpDue(
  subject: Pick<Case, "status" | "answeredAt" | "ratedAt" | "followUpAt">,
  now: Date,
): boolean {
  const at = subject.followUpAt;
  return (
    subject.status === "answered" &&
    at !== null &&
    at.getTime() <= now.getTime() &&
    !ratedLatestAnswer(subject)
  );
}
