import { attachSenderPhotos, type FileSender } from "./case-attachments.ts";
import type { Db } from "./database.ts";
import { plainSqlOf } from "./plain-sql.ts";

/**
 * Records the citizen's words with their rating of an answer, on the case's latest rating: why,
 * for 未解决 or 不满意; a remark, for a positive one. They are the citizen's words: never
 * logged. Returns false when the case has no rating.
 */
export async function recordRatingReason(
  db: Db,
  trackingNo: string,
  reason: string,
): Promise<boolean> {
  const rating = await latestRating(db, trackingNo);
  if (!rating) return false;
  await db.rating.update({
    where: { id: rating.id },
    data: { reason: reason.trim().slice(0, 2000) },
  });
  return true;
}

/**
 * Keeps photos a citizen sent with their rating of an answer as the case's attachments, marked
 * with that rating's stage (`ratingStage`), so staff open them beside the rating's reason.
 * Only the sender's own photos count (see photoAttachments); a photo already attached with that
 * rating is not attached again (a turn run again). Returns how many were attached: none when
 * the case has no rating.
 */
export async function recordRatingPhotos(
  db: Db,
  trackingNo: string,
  sender: FileSender,
  photoIds: readonly string[],
  now: Date,
): Promise<number> {
  const rating = await latestRating(db, trackingNo);
  if (!rating) return 0;
  const target = { caseId: rating.caseId, ratingStage: rating.reviewStage };
  return plainSqlOf(db).transaction((tx) => attachSenderPhotos(tx, target, sender, photoIds, now));
}

function latestRating(db: Db, trackingNo: string) {
  return db.rating.findFirst({
    where: { case: { trackingNo } },
    orderBy: { createdAt: "desc" },
    select: { id: true, caseId: true, reviewStage: true },
  });
}
