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
import { plainSqlOf } from "../plain-sql.ts";

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
    readonly ratingReviewStage: number | null;
    readonly ratingSolved: boolean | null;
    readonly ratingSatisfaction: DomainCaseRow["ratings"][number]["satisfaction"] | null;
    readonly ratingCreatedAt: Date | null;
  };

const CASE_COLUMNS = Prisma.raw(DOMAIN_CASE_COLUMNS.map((column) => `c."${column}"`).join(", "));

/** A batch's position: the last case of the batch before it, in the index's order. */
interface After {
  readonly at: Date;
  readonly id: string;
}

export function createDueAlertsQuery(db: Db) {
  const sql = plainSqlOf(db);
  // The case's rating of its review stage, by its unique key: the one toDomainCase keeps of the
  // latest rating CASE_INCLUDE reads (stages only grow, so a rating of the case's stage is its
  // latest), without sorting each case's ratings. Joined on a subquery's id, PostgreSQL chose
  // its plan by its estimate of the batch: at 100k cases it hashed the whole Rating table (a
  // sequential scan of every rating, 59 ms of a 241-case batch's read where a lookup per case
  // takes 12–17 ms); LATERAL with LIMIT (which keeps it from being flattened into that join)
  // looks each case's rating up through the key whatever the estimate, as SQLite does.
  const ratingJoin =
    sql.provider === "postgres"
      ? Prisma.sql`LEFT JOIN LATERAL (
          SELECT "reviewStage", "solved", "satisfaction", "createdAt" FROM "Rating"
          WHERE "caseId" = c."id" AND "reviewStage" = c."reviewStage" LIMIT 1) r ON true`
      : Prisma.sql`LEFT JOIN "Rating" r ON r."caseId" = c."id" AND r."reviewStage" = c."reviewStage"`;
  /**
   * A batch's cases, read. The batch is chosen first, from the index, and only its cases are
   * joined: joined before the ORDER BY ... LIMIT, every case still due would be read again for
   * each batch (11 batches of 2,100 cases at midnight at 1M). Ordered by the batch's own
   * columns: ordered by the case's, SQLite (with its statistics of 1M cases) read every case
   * through the ("nextAlertAt", "id") index to spare a sort, 0.3 s of CPU for the first batch.
   */
  const readSql = (now: Date, after: After | null, size: number) => Prisma.sql`
    SELECT c."id", c."version", batch."nextAlertAt", batch."lastReminderAt",
      batch."lastEscalationAt", ${CASE_COLUMNS}, m."trackingNo" AS "mergedIntoTrackingNo",
      r."reviewStage" AS "ratingReviewStage", r."solved" AS "ratingSolved",
      r."satisfaction" AS "ratingSatisfaction", r."createdAt" AS "ratingCreatedAt"
    FROM (${batchSql(now, after, size)}) batch
    JOIN "Case" c ON c."id" = batch."id"
    LEFT JOIN "Case" m ON m."id" = c."mergedIntoId"
    ${ratingJoin}
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
      const read = readSql(now, null, size);
      if (sql.provider === "sqlite") {
        const rows = await sql.query<{ detail: string }>(Prisma.sql`EXPLAIN QUERY PLAN ${read}`);
        return rows.map((row) => row.detail).join("\n");
      }
      const rows = await sql.query<{ "QUERY PLAN": string }>(Prisma.sql`EXPLAIN ${read}`);
      return rows.map((row) => row["QUERY PLAN"]).join("\n");
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
      const batch = batchSql(now, { at: now, id: "" }, size);
      if (sql.provider === "sqlite") {
        const rows = await sql.query<{ detail: string }>(Prisma.sql`EXPLAIN QUERY PLAN ${batch}`);
        return rows.map((row) => row.detail).join("\n");
      }
      const rows = await sql.transaction(async (tx) => {
        if (options.forceIndexes) {
          // As PostgreSQL plans it at scale (checked at 100k), not for a handful of rows.
          await tx.execute(Prisma.sql`SET LOCAL enable_seqscan = off`);
          await tx.execute(Prisma.sql`SET LOCAL enable_bitmapscan = off`);
        }
        return tx.query<{ "QUERY PLAN": string }>(Prisma.sql`EXPLAIN ${batch}`);
      });
      return rows.map((row) => row["QUERY PLAN"]).join("\n");
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

function dueCase(row: DueRow): DueCase {
  const rating =
    row.ratingCreatedAt === null
      ? []
      : [
          {
            reviewStage: row.ratingReviewStage!,
            solved: row.ratingSolved!,
            satisfaction: row.ratingSatisfaction!,
            createdAt: row.ratingCreatedAt,
          },
        ];
  return {
    id: row.id,
    version: row.version,
    nextAlertAt: row.nextAlertAt,
    subject: toDomainCase({
      ...row,
      mergedInto:
        row.mergedIntoTrackingNo === null ? null : { trackingNo: row.mergedIntoTrackingNo },
      ratings: rating,
    }),
    alerts: { lastReminderAt: row.lastReminderAt, lastEscalationAt: row.lastEscalationAt },
  };
}

export type DueAlertsQuery = ReturnType<typeof createDueAlertsQuery>;
