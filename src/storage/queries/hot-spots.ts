/**
 * The hot spots of a period (src/domain/places/hot-spots.ts), from the cases
 * filed in it and in the weeks before: one range read on the submittedAt index,
 * bounded by the period, never by all cases stored. Merged, withdrawn and
 * not-accepted cases do not count.
 */
import { IGNORED_DUPLICATE_STATUSES } from "../../domain/lifecycle/possible-duplicates.ts";
import type { DuplicateScorer } from "../../domain/places/duplicates.ts";
import {
  hotSpotReport,
  type HotSpotReport,
  type ReportedCase,
} from "../../domain/places/hot-spots.ts";
import type { Db } from "../database.ts";
import { duplicateFactsOf } from "./duplicates.ts";

const DAY_MS = 86_400_000;

/** A citizen's repeat may come this long after the first case (60 days' handling + 30). */
export const REPEAT_WINDOW_DAYS = 90;

export function createHotSpotQuery(db: Db, scorer: DuplicateScorer) {
  return {
    /** The report of the `days` before `now`; the rise is against the `days` before those. */
    async report(now: Date, days: number): Promise<HotSpotReport> {
      const to = now;
      const from = new Date(now.getTime() - days * DAY_MS);
      const previousFrom = new Date(from.getTime() - days * DAY_MS);
      const repeatFrom = new Date(now.getTime() - Math.max(days, REPEAT_WINDOW_DAYS) * DAY_MS);
      const earliest = previousFrom < repeatFrom ? previousFrom : repeatFrom;
      const rows = await db.case.findMany({
        where: {
          submittedAt: { gte: earliest, lte: to },
          status: { notIn: [...IGNORED_DUPLICATE_STATUSES] },
        },
        orderBy: { submittedAt: "asc" },
        select: {
          trackingNo: true,
          description: true,
          categoryCode: true,
          regionCode: true,
          address: true,
          latitude: true,
          longitude: true,
          submittedAt: true,
          citizenId: true,
          answeredAt: true,
          closedAt: true,
        },
      });
      const cases: ReportedCase[] = rows.map((row) => ({
        trackingNo: row.trackingNo,
        prepared: scorer.prepare(duplicateFactsOf(row)),
      }));
      const at = (c: ReportedCase) => c.prepared.facts.submittedAt;
      return hotSpotReport({
        from,
        to,
        current: cases.filter((c) => at(c) >= from),
        previous: cases.filter((c) => at(c) >= previousFrom && at(c) < from),
        repeatWindow: cases.filter((c) => at(c) >= repeatFrom),
        scorer,
      });
    },
  };
}

export type HotSpotQuery = ReturnType<typeof createHotSpotQuery>;
