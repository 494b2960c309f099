/**
 * Possible duplicates (the rule of src/domain/lifecycle/possible-duplicates.ts)
 * of a page of cases: for each case, the newest few of the same citizen and
 * the newest few of the same region and category within the window, each
 * read through its index with a limit. One statement per page, with a fixed
 * number of parameters per case of the page, whatever the number of cases.
 */
import {
  DUPLICATE_WINDOW_MS,
  IGNORED_DUPLICATE_STATUSES,
  possibleDuplicates,
  type DuplicateFacts,
  type PossibleDuplicate,
} from "../../domain/lifecycle/possible-duplicates.ts";
import type { CaseStatus } from "../../domain/lifecycle/case-status.ts";
import type { Db } from "../database.ts";
import { enumIn, join, sql, type Dialect, type Sql } from "./sql.ts";

/** At most this many possible duplicates are listed per case; `more` tells there are others. */
export const DUPLICATE_LIST_LIMIT = 5;

export interface DuplicateList {
  /** Newest first, at most DUPLICATE_LIST_LIMIT. */
  readonly items: readonly PossibleDuplicate[];
  /** True when there are more than those listed. */
  readonly more: boolean;
}

interface CandidateRow {
  subject: string;
  trackingNo: string;
  status: CaseStatus;
  categoryCode: string;
  regionCode: string | null;
  submittedAt: Date | string;
  citizenId: string;
}

export function createDuplicatesQuery(db: Db, dialect: Dialect) {
  const live = (statuses: readonly CaseStatus[]) =>
    sql`NOT (${enumIn(dialect, sql`c."status"`, "CaseStatus", statuses)})`;

  /** The newest candidates of one subject matching `match`, one more than listed. */
  function arm(subject: DuplicateFacts, match: Sql): Sql {
    const at = subject.submittedAt.getTime();
    return sql`SELECT * FROM (
      SELECT CAST(${subject.trackingNo} AS TEXT) AS "subject", c."trackingNo", c."status",
        c."categoryCode", c."regionCode", c."submittedAt", c."citizenId"
      FROM "Case" c
      WHERE ${match} AND c."trackingNo" <> ${subject.trackingNo}
        AND c."submittedAt" >= ${new Date(at - DUPLICATE_WINDOW_MS)}
        AND c."submittedAt" <= ${new Date(at + DUPLICATE_WINDOW_MS)}
        AND ${live(IGNORED_DUPLICATE_STATUSES)}
      ORDER BY c."submittedAt" DESC LIMIT ${DUPLICATE_LIST_LIMIT + 1}) AS a`;
  }

  return {
    /** The possible duplicates of each subject, by its tracking number. */
    async of(subjects: readonly DuplicateFacts[]): Promise<Map<string, DuplicateList>> {
      if (subjects.length === 0) return new Map();
      const arms = subjects.flatMap((subject) => [
        arm(subject, sql`c."citizenId" = ${subject.citizenId}`),
        ...(subject.regionCode === null
          ? []
          : [
              arm(
                subject,
                sql`c."categoryCode" = ${subject.categoryCode} AND c."regionCode" = ${subject.regionCode}`,
              ),
            ]),
      ]);
      const rows = await db.$queryRaw<CandidateRow[]>`${join(arms, " UNION ALL ")}`;
      const bySubject = new Map<string, CandidateRow[]>();
      for (const row of rows) {
        const list = bySubject.get(row.subject) ?? [];
        list.push(row);
        bySubject.set(row.subject, list);
      }
      return new Map(
        subjects.map((subject) => {
          const found = bySubject.get(subject.trackingNo) ?? [];
          const unique = [...new Map(found.map((row) => [row.trackingNo, row])).values()];
          const items = possibleDuplicates(
            subject,
            unique.map((row) => ({ ...row, submittedAt: new Date(row.submittedAt) })),
          );
          return [
            subject.trackingNo,
            {
              items: items.slice(0, DUPLICATE_LIST_LIMIT),
              more: items.length > DUPLICATE_LIST_LIMIT,
            },
          ];
        }),
      );
    },
  };
}

export type DuplicatesQuery = ReturnType<typeof createDuplicatesQuery>;
