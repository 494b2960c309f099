import { attachSenderPhotos, type FileSender } from "./case-attachments.ts";
import type { Db } from "./database.ts";
import { plainSqlOf } from "./plain-sql.ts";

/**
 * Keeps the photos a citizen sent with their addition to a case (补充) as the case's photos,
 * beside those sent with the complaint (the addition's timeline entry names them by file id).
 * Only the sender's own photos count (see photoAttachments); one already attached is not attached
 * again. Returns how many were attached: none for an unknown case.
 */
export async function recordSupplementPhotos(
  db: Db,
  trackingNo: string,
  sender: FileSender,
  photoIds: readonly string[],
  now: Date,
): Promise<number> {
  const found = await db.case.findUnique({ where: { trackingNo }, select: { id: true } });
  if (!found) return 0;
  const target = { caseId: found.id, ratingStage: null };
  return plainSqlOf(db).transaction((tx) => attachSenderPhotos(tx, target, sender, photoIds, now));
}
