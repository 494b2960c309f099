import type { Db } from "./database.ts";

/**
 * Records why a citizen rated an answer 未解决 or 不满意, on the case's latest
 * rating. The reason is the citizen's words: never logged. Returns false
 * when the case has no rating.
 */
export async function recordRatingReason(
  db: Db,
  trackingNo: string,
  reason: string,
): Promise<boolean> {
  const rating = await db.rating.findFirst({
    where: { case: { trackingNo } },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  if (!rating) return false;
  await db.rating.update({
    where: { id: rating.id },
    data: { reason: reason.trim().slice(0, 2000) },
  });
  return true;
}
