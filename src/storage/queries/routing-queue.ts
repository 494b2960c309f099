/**
 * The clerks' routing queue in pages: the cases waiting for a routing decision
 * (new, or returned by a unit), the most urgent first — emergencies before all
 * others, then a new case by when its dispatch target runs out, a returned one by
 * its submission, each brought forward by its supporters (附议). The work is
 * bounded by the waiting cases (index on status), never by all cases.
 */
import type { CaseStatus } from "../../domain/lifecycle/case-status.ts";
import type { Db } from "../database.ts";
import { DISPATCH_TARGET_SQL } from "./case-conditions.ts";
import { Prisma } from "../../generated/sqlite/client.ts";
import { enumIn, enumValue, epochMs, sql, toNumber, type Dialect } from "./sql.ts";

/** The statuses of the cases waiting for the clerks. */
export const WAITING_STATUSES = ["submitted", "returned"] as const satisfies readonly CaseStatus[];

/**
 * Each supporter brings a case forward by two hours, up to ten supporters: a problem many
 * citizens share is routed sooner, but never ahead of an emergency, and a crowd cannot
 * push a case a day ahead of others that are due.
 */
export const SUPPORTER_CREDIT_MS = 2 * 3_600_000;
export const SUPPORTER_CREDIT_LIMIT = 10;

export interface QueuePage {
  /** Case row ids, the most urgent first. */
  readonly ids: readonly string[];
  /** All the cases waiting. */
  readonly total: number;
  /** 1-based position of the first id (0 for an empty page). */
  readonly first: number;
}

export function createQueueQuery(db: Db, dialect: Dialect) {
  const waiting = enumIn(dialect, sql`c."status"`, "CaseStatus", WAITING_STATUSES);
  const submittedAt = epochMs(dialect, sql`c."submittedAt"`);
  // Constants written into the text: the same statement for every row and page.
  const limit = Prisma.raw(String(SUPPORTER_CREDIT_LIMIT));
  const supporterCredit = sql`(CASE WHEN c."supporterCount" > ${limit} THEN ${limit}
    ELSE c."supporterCount" END) * ${Prisma.raw(String(SUPPORTER_CREDIT_MS))}`;
  const urgency = sql`(CASE WHEN c."status" = ${enumValue(dialect, "CaseStatus", "submitted")}
    THEN ${submittedAt} + ${DISPATCH_TARGET_SQL} ELSE ${submittedAt} END) - ${supporterCredit}`;
  const emergencyFirst = sql`CASE WHEN c."isEmergency" THEN 0 ELSE 1 END`;

  return {
    /** `limit` waiting cases from position `offset` (0-based). */
    async page(offset: number, limit: number): Promise<QueuePage> {
      const [rows, count] = await Promise.all([
        db.$queryRaw<{ id: string }[]>`
          SELECT c."id" FROM "Case" c WHERE ${waiting}
          ORDER BY ${emergencyFirst} ASC, ${urgency} ASC, c."id" ASC LIMIT ${limit} OFFSET ${offset}`,
        db.$queryRaw<{ n: unknown }[]>`SELECT COUNT(*) AS "n" FROM "Case" c WHERE ${waiting}`,
      ]);
      return {
        ids: rows.map((row) => row.id),
        total: toNumber(count[0]?.n),
        first: rows.length === 0 ? 0 : offset + 1,
      };
    },
  };
}

export type QueueQuery = ReturnType<typeof createQueueQuery>;
