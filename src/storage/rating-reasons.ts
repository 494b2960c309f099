import { Prisma } from "../generated/sqlite/client.ts";
import { photoAttachments, type FileSender } from "./case-attachments.ts";
import type { Db } from "./database.ts";
import { insertRows, plainSqlOf } from "./plain-sql.ts";
import { newRowId } from "./row-ids.ts";

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
  if (!rating || photoIds.length === 0) return 0;
  return plainSqlOf(db).transaction(async (tx) => {
    const already = await tx.query<{ fileId: string }>(
      Prisma.sql`SELECT "fileId" FROM "Attachment"
        WHERE "caseId" = ${rating.caseId} AND "ratingStage" = ${rating.reviewStage}
          AND "fileId" IN (${Prisma.join(photoIds)})`,
    );
    const attached = new Set(already.map((row) => row.fileId));
    const rows = (await photoAttachments(tx, sender, photoIds)).filter(
      (attachment) => !attached.has(attachment.fileId),
    );
    await insertRows(
      tx,
      "Attachment",
      rows.map((attachment) => ({
        id: newRowId(),
        caseId: rating.caseId,
        channel: sender.channel,
        ...attachment,
        ratingStage: rating.reviewStage,
        createdAt: now,
      })),
    );
    return rows.length;
  });
}

function latestRating(db: Db, trackingNo: string) {
  return db.rating.findFirst({
    where: { case: { trackingNo } },
    orderBy: { createdAt: "desc" },
    select: { id: true, caseId: true, reviewStage: true },
  });
}
