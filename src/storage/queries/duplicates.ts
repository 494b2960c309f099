/**
 * Possible duplicates (the rule of src/domain/lifecycle/possible-duplicates.ts)
 * of a page of cases: for each case, the newest few of the same citizen and
 * the newest few of the same region and category within the window, each
 * read through its index with a limit. One statement per page. PostgreSQL gets
 * the page's cases as five arrays and joins each (LATERAL) to its two indexed
 * look-ups: the same statement, planned the same way, for any page. SQLite, which
 * plans in microseconds and has no arrays, gets a UNION of the look-ups with a
 * fixed number of parameters per case.
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

  /** The newest candidates of each subject of `s` matching `match`, one more than listed. */
  function lateralArm(match: Sql): Sql {
    return sql`(SELECT c."trackingNo", c."status", c."categoryCode", c."regionCode",
        c."submittedAt", c."citizenId"
      FROM "Case" c
      WHERE ${match} AND c."trackingNo" <> s."subject"
        AND c."submittedAt" >= s."from" AND c."submittedAt" <= s."until"
        AND ${live(IGNORED_DUPLICATE_STATUSES)}
      ORDER BY c."submittedAt" DESC LIMIT ${DUPLICATE_LIST_LIMIT + 1})`;
  }

  /** PostgreSQL: the subjects as arrays, each joined to its two look-ups. */
  function lateralQuery(subjects: readonly DuplicateFacts[]): Sql {
    const windowEdge = (subject: DuplicateFacts, sign: number) =>
      new Date(subject.submittedAt.getTime() + sign * DUPLICATE_WINDOW_MS).toISOString();
    return sql`SELECT s."subject", d.*
      FROM unnest(
        ${subjects.map((subject) => subject.trackingNo)}::text[],
        ${subjects.map((subject) => subject.citizenId)}::text[],
        ${subjects.map((subject) => subject.categoryCode)}::text[],
        ${subjects.map((subject) => subject.regionCode)}::text[],
        ${subjects.map((subject) => windowEdge(subject, -1))}::timestamp(3)[],
        ${subjects.map((subject) => windowEdge(subject, 1))}::timestamp(3)[]
      ) AS s("subject", "citizenId", "categoryCode", "regionCode", "from", "until")
      CROSS JOIN LATERAL (
        ${lateralArm(sql`c."citizenId" = s."citizenId"`)}
        UNION ALL
        ${lateralArm(sql`c."categoryCode" = s."categoryCode" AND c."regionCode" = s."regionCode"`)}
      ) AS d`;
  }

  /** SQLite: one arm per look-up of each subject. */
  function unionQuery(subjects: readonly DuplicateFacts[]): Sql {
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
    return join(arms, " UNION ALL ");
  }

  return {
    /** The possible duplicates of each subject, by its tracking number. */
    async of(subjects: readonly DuplicateFacts[]): Promise<Map<string, DuplicateList>> {
      if (subjects.length === 0) return new Map();
      const rows = await db.$queryRaw<CandidateRow[]>`${
        dialect === "postgres" ? lateralQuery(subjects) : unionQuery(subjects)
      }`;
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
