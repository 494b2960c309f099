/**
 * The states of a case (信访事项) and the closed vocabularies its fields use
 * (the lists themselves are in ../vocabulary.ts). The transitions between
 * states are in transitions.ts.
 */
import type { CaseStatus } from "../vocabulary.ts";

/**
 * - submitted: registered (登记), waiting for the clerks' decision.
 * - not_accepted: not accepted (不予受理), with the reason and possibly the right channel.
 * - accepted: accepted (受理) and not yet with a unit.
 * - assigned: sent (转送/交办) to a unit that has not started.
 * - in_progress: the unit is handling it.
 * - returned: the unit sent it back as outside its duties (退回); the clerks hold it again.
 * - answered: the unit answered (支持/解释说明/不予支持); `reviewStage` tells which answer.
 * - under_review: the citizen asked for 复查 (reviewStage 1) or 复核 (reviewStage 2).
 * - closed: 办结.
 * - merged: a duplicate, merged into another case.
 * - withdrawn: the citizen withdrew it.
 */
export { CASE_STATUSES, type CaseStatus } from "../vocabulary.ts";
export type { AnswerOutcome, OtherChannel, Satisfaction } from "../vocabulary.ts";

/** States no command leaves (a closed case can still be reviewed or rated, so it is not one). */
export const FINAL_STATUSES: readonly CaseStatus[] = ["not_accepted", "merged", "withdrawn"];

/** 0: the first answer; 1: 复查 (review); 2: 复核 (second review), after which the matter is final. */
export type ReviewStage = 0 | 1 | 2;

/** True for a status no command leaves. */
export function isFinal(status: CaseStatus): boolean {
  return FINAL_STATUSES.includes(status);
}
