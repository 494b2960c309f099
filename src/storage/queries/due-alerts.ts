/**
 * The cases whose next alert time has come (Case.nextAlertAt, indexed), in
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
  /** The row id and version: an alert is committed only if the case is still at this version. */
  readonly id: string;
  readonly version: number;
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

export function createDueAlertsQuery(db: Db) {
  const sql = plainSqlOf(db);
  return {
    /** Every case whose alert time is `now` or earlier, `size` at a time. */
    async *due(now: Date, size: number): AsyncGenerator<DueCase[]> {
      let last: { at: Date; id: string } | null = null;
      for (;;) {
        const after: Prisma.Sql = last
          ? Prisma.sql`AND ("nextAlertAt" > ${last.at} OR ("nextAlertAt" = ${last.at} AND "id" > ${last.id}))`
          : Prisma.empty;
        // The batch is chosen first, from the index, and only its cases are joined: joined
        // before the ORDER BY ... LIMIT, every case still due would be read again for each
        // batch (11 batches of 2,100 cases at midnight at 1M). The case's latest rating, as
        // CASE_INCLUDE reads it (toDomainCase keeps it when it belongs to the review stage).
        const rows: DueRow[] = await sql.query<DueRow>(Prisma.sql`
          SELECT c."id", c."version", c."nextAlertAt", c."lastReminderAt", c."lastEscalationAt",
            ${CASE_COLUMNS}, m."trackingNo" AS "mergedIntoTrackingNo",
            r."reviewStage" AS "ratingReviewStage", r."solved" AS "ratingSolved",
            r."satisfaction" AS "ratingSatisfaction", r."createdAt" AS "ratingCreatedAt"
          FROM (
            SELECT "id" FROM "Case" WHERE "nextAlertAt" <= ${now} ${after}
            ORDER BY "nextAlertAt", "id" LIMIT ${size}) batch
          JOIN "Case" c ON c."id" = batch."id"
          LEFT JOIN "Case" m ON m."id" = c."mergedIntoId"
          LEFT JOIN "Rating" r ON r."id" = (
            SELECT "id" FROM "Rating" WHERE "caseId" = c."id" ORDER BY "createdAt" DESC LIMIT 1)
          ORDER BY c."nextAlertAt", c."id"`);
        if (rows.length > 0) yield rows.map(dueCase);
        if (rows.length < size) return;
        const end: DueRow = rows.at(-1)!;
        last = { at: end.nextAlertAt, id: end.id };
      }
    },
  };
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
