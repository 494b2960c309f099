/**
 * The answered cases whose promise is to be followed up now (Case.promiseFollowUpAt, indexed;
 * set by an answer that promised a day, cleared by the follow-up and by a rating): what the
 * deadline scheduler reads once a round.
 */
import type { Db } from "../database.ts";

export function createPromiseFollowUpsQuery(db: Db) {
  return {
    /** The tracking numbers of up to `limit` cases whose follow-up time is `now` or earlier, oldest first. */
    async due(now: Date, limit: number): Promise<string[]> {
      const rows = await db.case.findMany({
        where: { status: "answered", promiseFollowUpAt: { lte: now } },
        select: { trackingNo: true },
        orderBy: { promiseFollowUpAt: "asc" },
        take: limit,
      });
      return rows.map((row) => row.trackingNo);
    },
  };
}

export type PromiseFollowUpsQuery = ReturnType<typeof createPromiseFollowUpsQuery>;
