/**
 * The cases whose next alert time has come (CaseAlert.nextAlertAt, indexed), in
 * batches ordered by that time: what the deadline scheduler reads. Its cost
 * grows with the alerts due, not with the cases running. One plain statement
 * per batch (plain-sql.ts): at midnight a round reads thousands of cases.
 */
import type { Case } from "../../domain/lifecycle/case.ts";
import type { AlertHistory } from "../../domain/lifecycle/reminders.ts";
import { Prisma } from "../../generated/sqlite/client.ts";
import { DOMAIN_CASE_COLUMNS, toDomainCase, type DomainCaseRow } from "../case-rows.ts";
import type { Db } from "../database.ts";
import { plainSqlOf, planOf } from "../plain-sql.ts";

export interface DueCase {
  /**
   * The row id, version and alert time read: an alert is committed only if the case is still at
   * this version and its alert time still this one.
   */
  readonly id: string;
  readonly version: number;
  readonly nextAlertAt: Date;
  readonly subject: Case;
  readonly alerts: AlertHistory;
}

type DueRow = Omit<DomainCaseRow, "mergedInto" | "ratings"> &
  AlertHistory & {
    readonly id: string;
    readonly version: number;
    readonly nextAlertAt: Date;
    readonly mergedIntoTrackingNo: string | null;
  };

const CASE_COLUMNS = Prisma.raw(DOMAIN_CASE_COLUMNS.map((column) => `c."${column}"`).join(", "));

/** A batch's position: the last case of the batch before it, in the index's order. */
interface After {
  readonly at: Date;
  readonly id: string;
}

export function createDueAlertsQuery(db: Db) {
  const sql = plainSqlOf(db);
  /**
   * A batch's cases, read. The batch is chosen first, from the index, and only its cases are
   * joined: joined before the ORDER BY ... LIMIT, every case still due would be read again for
   * each batch (11 batches of 2,100 cases at midnight at 1M). Ordered by the batch's own
   * columns: ordered by the case's, SQLite (with its statistics of 1M cases) read every case
   * through the ("nextAlertAt", "id") index to spare a sort, 0.3 s of CPU for the first batch.
   */
  const readSql = (now: Date, after: After | null, size: number) => Prisma.sql`
    SELECT c."id", c."version", batch."nextAlertAt", batch."lastReminderAt",
      batch."lastEscalationAt", ${CASE_COLUMNS}, m."trackingNo" AS "mergedIntoTrackingNo"
    FROM (${batchSql(now, after, size)}) batch
    JOIN "Case" c ON c."id" = batch."id"
    LEFT JOIN "Case" m ON m."id" = c."mergedIntoId"
    ORDER BY batch."nextAlertAt", batch."id"`;

  return {
    /** Every case whose alert time is `now` or earlier, `size` at a time. */
    async *due(now: Date, size: number): AsyncGenerator<DueCase[]> {
      let last: After | null = null;
      for (;;) {
        const rows: DueRow[] = await sql.query<DueRow>(readSql(now, last, size));
        if (rows.length > 0) yield rows.map(dueCase);
        if (rows.length < size) return;
        const end: DueRow = rows.at(-1)!;
        last = { at: end.nextAlertAt, id: end.id };
      }
    },

    /** The plan of reading the first batch (EXPLAIN QUERY PLAN; EXPLAIN on PostgreSQL). */
    async explainRead(now: Date, size: number): Promise<string> {
      return planOf(sql, readSql(now, null, size));
    },

    /**
     * The plan of choosing a batch after the first (EXPLAIN QUERY PLAN; EXPLAIN on PostgreSQL,
     * which reads a table of a few rows whole or through a bitmap unless `forceIndexes`).
     */
    async explainBatch(
      now: Date,
      size: number,
      options: { readonly forceIndexes?: boolean } = {},
    ): Promise<string> {
      // forceIndexes: as PostgreSQL plans it at scale (checked at 100k), not for a few rows.
      const off = options.forceIndexes ? (["seqscan", "bitmapscan"] as const) : [];
      return planOf(sql, batchSql(now, { at: now, id: "" }, size), off);
    },
  };
}

/**
 * The ids, alert times and alert history of the next `size` cases due at `now`, in the order of
 * the index on ("nextAlertAt", "caseId"): chosen from the index and stopped at `size`, each row
 * then read for its history (the row the index points at: joined again by the case's id, each
 * case cost one lookup more) (the position as one
 * row value, a range of that index; written as an OR, PostgreSQL read both arms and sorted). With an index on the
 * time alone, the cases due at one instant (most of them at midnight) were each read from the
 * table to be sorted by id, for every batch.
 */
function batchSql(now: Date, after: After | null, size: number): Prisma.Sql {
  const next = after
    ? Prisma.sql`AND ("nextAlertAt", "caseId") > (${after.at}, ${after.id})`
    : Prisma.empty;
  return Prisma.sql`SELECT "caseId" AS "id", "nextAlertAt", "lastReminderAt", "lastEscalationAt"
    FROM "CaseAlert"
    WHERE "nextAlertAt" <= ${now} ${next} ORDER BY "nextAlertAt", "caseId" LIMIT ${size}`;
}

/**
 * No rating is read: a case whose clock runs holds no rating of its review stage — a rating is of
 * an answer (rate is a command of answered and closed cases) and the way back to a running status,
 * a review request, opens a new stage (test/domain/lifecycle/transitions.test.ts, "a rating") —
 * so its rating fields are null, as toDomainCase makes them of the ratings CASE_INCLUDE reads. A
 * case no longer running when read gets no alert (runningClock). At 1M cases the lookup of each
 * due case's rating cost PostgreSQL about a tenth of the midnight round.
 */
function dueCase(row: DueRow): DueCase {
  return {
    id: row.id,
    version: row.version,
    nextAlertAt: row.nextAlertAt,
    subject: toDomainCase({
      ...row,
      mergedInto:
        row.mergedIntoTrackingNo === null ? null : { trackingNo: row.mergedIntoTrackingNo },
      ratings: [],
    }),
    alerts: { lastReminderAt: row.lastReminderAt, lastEscalationAt: row.lastEscalationAt },
  };
}

export type DueAlertsQuery = ReturnType<typeof createDueAlertsQuery>;
