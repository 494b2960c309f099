/**
 * Supporters (附议): citizens who said "this is my problem too" about an open case
 * instead of filing another. They are counted, told of the case's progress through their
 * own chat, and never named to a unit.
 */
import type { CaseStatus, CitizenNoticeKind } from "../vocabulary.ts";

/** A citizen may join a case while it is still being handled (not answered, closed or ended). */
export const SUPPORTABLE_STATUSES = [
  "submitted",
  "returned",
  "accepted",
  "assigned",
  "in_progress",
  "under_review",
] as const satisfies readonly CaseStatus[];

/** True when a citizen may still join the case. */
export function isSupportable(status: CaseStatus): boolean {
  return (SUPPORTABLE_STATUSES as readonly CaseStatus[]).includes(status);
}

/**
 * The first reporter's notices a supporter gets too: every change of the case's course.
 * Left out: the receipt (the supporter was told the number when joining), the answer to
 * the reporter's own review request, a new query code (it opens the reporter's case page), and
 * the follow-up question whether the answer solved the problem.
 */
const NOT_FOR_SUPPORTERS: readonly CitizenNoticeKind[] = [
  "received",
  "review_received",
  "query_code_reset",
  // Whether the answer solved the problem is the reporter's to answer by a rating.
  "answer_follow_up",
];

/** True when a notice to the first reporter goes to the case's supporters as well. */
export function reachesSupporters(kind: string): boolean {
  return !(NOT_FOR_SUPPORTERS as readonly string[]).includes(kind);
}
