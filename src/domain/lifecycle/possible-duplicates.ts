/**
 * Possible duplicates of a new case, for the clerk deciding whether to merge:
 * another case of the same citizen, or of the same region and category, filed
 * within the window (30 days by default) and not already finished as merged,
 * withdrawn or not accepted.
 */
import type { Case } from "./case.ts";
import type { CaseStatus } from "./case-status.ts";

export const DUPLICATE_WINDOW_MS = 30 * 24 * 3_600_000;

/** What the rule reads of each case. */
export type DuplicateFacts = Pick<
  Case,
  "trackingNo" | "status" | "categoryCode" | "regionCode" | "submittedAt"
> & { readonly citizenId: string };

export type DuplicateReason = "same_citizen" | "same_place";

export interface PossibleDuplicate {
  readonly trackingNo: string;
  readonly status: CaseStatus;
  readonly submittedAt: Date;
  readonly why: DuplicateReason;
}

/** Cases finished this way are never duplicates of another. */
export const IGNORED_DUPLICATE_STATUSES: readonly CaseStatus[] = [
  "merged",
  "withdrawn",
  "not_accepted",
];

/** The candidates that may be the same matter as `subject`, newest first. */
export function possibleDuplicates(
  subject: DuplicateFacts,
  candidates: readonly DuplicateFacts[],
  windowMs: number = DUPLICATE_WINDOW_MS,
): PossibleDuplicate[] {
  const found: PossibleDuplicate[] = [];
  for (const other of candidates) {
    if (
      other.trackingNo === subject.trackingNo ||
      IGNORED_DUPLICATE_STATUSES.includes(other.status)
    )
      continue;
    if (Math.abs(other.submittedAt.getTime() - subject.submittedAt.getTime()) > windowMs) continue;
    const why: DuplicateReason | null =
      other.citizenId === subject.citizenId
        ? "same_citizen"
        : subject.regionCode !== null &&
            other.regionCode === subject.regionCode &&
            other.categoryCode === subject.categoryCode
          ? "same_place"
          : null;
    if (why) {
      found.push({
        trackingNo: other.trackingNo,
        status: other.status,
        submittedAt: other.submittedAt,
        why,
      });
    }
  }
  return found.sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime());
}
