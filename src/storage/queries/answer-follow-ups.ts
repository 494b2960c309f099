/**
 * The answered cases to be followed up now (Case.followUpAt, indexed; set by every answer,
 * cleared by the follow-up and by a rating): what the deadline scheduler reads once a round.
 */
import type { Db } from "../database.ts";

export function createAnswerFollowUpsQuery(db: Db) {
  return {
    /** The tracking numbers of up to `limit` cases whose follow-up time is `now` or earlier, oldest first. */
    async due(now: Date, limit: number): Promise<string[]> {
      const rows = await db.case.findMany({
        where: { status: "answered", followUpAt: { lte: now } },
        select: { trackingNo: true },
        orderBy: { followUpAt: "asc" },
        take: limit,
      });
      return rows.map((row) => row.trackingNo);
    },
  };
}

export type AnswerFollowUpsQuery = ReturnType<typeof createAnswerFollowUpsQuery>;
