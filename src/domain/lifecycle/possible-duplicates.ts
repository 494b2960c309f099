/**
 * Possible duplicates of a case, for the clerk deciding whether to merge: the
 * candidates the duplicate scorer (src/domain/places/duplicates.ts) finds
 * likely to be the same matter, each with the reasons as data. Only "likely"
 * ones are listed: a flag that is always on is a flag nobody reads.
 */
import type {
  DuplicateFacts,
  DuplicateReason,
  DuplicateScorer,
  PreparedCase,
} from "../places/duplicates.ts";
import type { CaseStatus } from "./case-status.ts";

/** Cases finished this way are never duplicates of another. */
export const IGNORED_DUPLICATE_STATUSES: readonly CaseStatus[] = [
  "merged",
  "withdrawn",
  "not_accepted",
];

/** A case as the rule reads it. */
export interface DuplicateCandidate {
  readonly trackingNo: string;
  readonly status: CaseStatus;
  readonly facts: DuplicateFacts;
}

export interface PossibleDuplicate {
  readonly trackingNo: string;
  readonly status: CaseStatus;
  readonly submittedAt: Date;
  /** 0–1, the scorer's rank. */
  readonly score: number;
  /** Why the two look alike (place, text, topic, citizen, days apart). */
  readonly reasons: readonly DuplicateReason[];
}

/**
 * A case prepared by the scorer once however many pairs it is part of, by tracking number: the
 * cases of a page share many candidates, and each text is weighed (its place words, its topics)
 * once.
 */
export type PreparedCases = (candidate: DuplicateCandidate) => PreparedCase;

/** Prepared cases to share between the `possibleDuplicates` of one page. */
export function preparedCases(scorer: DuplicateScorer): PreparedCases {
  const prepared = new Map<string, PreparedCase>();
  return (candidate) => {
    const known = prepared.get(candidate.trackingNo);
    if (known) return known;
    const made = scorer.prepare(candidate.facts);
    prepared.set(candidate.trackingNo, made);
    return made;
  };
}

/**
 * The candidates likely to be the same matter as `subject`, the likeliest first. A pair the
 * scorer can tell apart from its columns is never prepared.
 */
export function possibleDuplicates(
  scorer: DuplicateScorer,
  subject: DuplicateCandidate,
  candidates: readonly DuplicateCandidate[],
  prepared: PreparedCases = preparedCases(scorer),
): PossibleDuplicate[] {
  const found: PossibleDuplicate[] = [];
  for (const other of candidates) {
    if (
      other.trackingNo === subject.trackingNo ||
      IGNORED_DUPLICATE_STATUSES.includes(other.status)
    )
      continue;
    // The earlier case's closing is what makes the later one a new occurrence.
    const [earlier, later] =
      other.facts.submittedAt <= subject.facts.submittedAt ? [other, subject] : [subject, other];
    if (scorer.cannotBeLikely(earlier.facts, later.facts)) continue;
    const result = scorer.compare(prepared(earlier), prepared(later));
    if (result.verdict !== "likely") continue;
    found.push({
      trackingNo: other.trackingNo,
      status: other.status,
      submittedAt: other.facts.submittedAt,
      score: result.score,
      reasons: result.reasons,
    });
  }
  return found.sort(
    (a, b) => b.score - a.score || b.submittedAt.getTime() - a.submittedAt.getTime(),
  );
}
