/**
 * The day a unit's answer promises its work done by (承诺办结日期: "工资将于12月20日前发放"),
 * kept as data with the answer, and the one follow-up the citizen gets the day after it, while
 * the answer is still unrated: was the promise kept?
 */
import { addDays, localDateOf, startOfLocalDay, type LocalDate } from "../calendar.ts";
import { AppError } from "../../errors.ts";
import { ratedLatestAnswer, type Case } from "./case.ts";

/** The answer's promise as the case keeps it. */
export type PromiseColumns = Pick<Case, "answerPromisedBy" | "promiseFollowUpAt">;

/**
 * The promise of an answer given at `now`, whose citizen may ask for a review until
 * `reviewWindowEnds`: a day from today to the day before the review's last day, so that the
 * follow-up, the day after the promise, still comes while a broken promise may be taken to a
 * review (and a promise cannot push the unit's work beyond what the citizen can dispute). An
 * answer without a promise clears the earlier answer's.
 * @throws AppError("input.invalid", userMessageKey "case.promise_out_of_range") for a day
 * outside that range.
 */
export function answerPromise(
  subject: Pick<Case, "trackingNo">,
  promisedBy: LocalDate | undefined,
  now: Date,
  reviewWindowEnds: Date,
): PromiseColumns {
  if (promisedBy === undefined) return { answerPromisedBy: null, promiseFollowUpAt: null };
  const { first, last } = promiseRange(now, reviewWindowEnds);
  if (promisedBy < first || promisedBy > last) {
    throw new AppError(
      "input.invalid",
      `case ${subject.trackingNo}: the promised day ${promisedBy} must be from ${first} to ${last}`,
      { userMessageKey: "case.promise_out_of_range" },
    );
  }
  return {
    answerPromisedBy: promisedBy,
    promiseFollowUpAt: startOfLocalDay(addDays(promisedBy, 1)),
  };
}

/** The days an answer given at `now` may promise (see answerPromise), as Shanghai days. */
export function promiseRange(
  now: Date,
  reviewWindowEnds: Date,
): { readonly first: LocalDate; readonly last: LocalDate } {
  return { first: localDateOf(now), last: addDays(localDateOf(reviewWindowEnds), -1) };
}

/**
 * Whether the follow-up of the answer's promise is due at `now`: promised, not asked yet, the
 * day after the promised day begun, and the answer neither rated nor moved on from (a review,
 * a closing: the status is no longer answered).
 */
export function promiseFollowUpDue(
  subject: Pick<Case, "status" | "answeredAt" | "ratedAt"> & PromiseColumns,
  now: Date,
): boolean {
  const at = subject.promiseFollowUpAt;
  return (
    subject.status === "answered" &&
    subject.answerPromisedBy !== null &&
    at !== null &&
    at.getTime() <= now.getTime() &&
    !ratedLatestAnswer(subject)
  );
}
