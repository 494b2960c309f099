import {
  DUPLICATE_WINDOW_MS,
  possibleDuplicates,
  type DuplicateFacts,
  type PossibleDuplicate,
} from "../domain/lifecycle/possible-duplicates.ts";
import type { Db } from "./database.ts";

/**
 * The possible duplicates of each of `subjects` (the rule is
 * possibleDuplicates): one query fetches every candidate that could match any
 * of them — the same citizen, or the same region and category, within the window.
 */
export async function findPossibleDuplicates(
  db: Db,
  subjects: readonly DuplicateFacts[],
  windowMs: number = DUPLICATE_WINDOW_MS,
): Promise<PossibleDuplicate[][]> {
  if (subjects.length === 0) return [];
  const times = subjects.map((s) => s.submittedAt.getTime());
  const placed = subjects.filter((s) => s.regionCode !== null);
  const candidates = await db.case.findMany({
    where: {
      submittedAt: {
        gte: new Date(Math.min(...times) - windowMs),
        lte: new Date(Math.max(...times) + windowMs),
      },
      status: { notIn: ["merged", "withdrawn", "not_accepted"] },
      OR: [
        { citizenId: { in: subjects.map((s) => s.citizenId) } },
        ...placed.map((s) => ({ regionCode: s.regionCode, categoryCode: s.categoryCode })),
      ],
    },
    select: {
      trackingNo: true,
      status: true,
      categoryCode: true,
      regionCode: true,
      submittedAt: true,
      citizenId: true,
    },
  });
  return subjects.map((subject) => possibleDuplicates(subject, candidates, windowMs));
}
