/**
 * A citizen's files as a case's attachments: the files the service keeps for them (photos,
 * voice recordings), and Telegram photos it could not download, by Telegram's file id.
 */
import { Prisma } from "../generated/sqlite/client.ts";
import type { Channel } from "../generated/sqlite/enums.ts";
import { fileOwner } from "./kept-files.ts";
import { insertRows, type PlainStatements } from "./plain-sql.ts";
import { newRowId } from "./row-ids.ts";

/** A file attached to the case: a Telegram file_id, or a file the service keeps. */
export interface NewAttachment {
  readonly fileId: string;
  readonly mimeType: string | null;
  readonly storagePath: string | null;
}

/** Who sent the files: their own kept files only are taken. */
export interface FileSender {
  readonly channel: Channel;
  readonly externalId: string;
}

/**
 * Photo attachments: files the service keeps (see keptAttachments), Telegram's too. A
 * Telegram photo the service could not download stays Telegram's file_id, stored as it is
 * (downloaded and kept when staff first open it: cases/case-photo.ts).
 */
export async function photoAttachments(
  tx: PlainStatements,
  sender: FileSender,
  fileIds: readonly string[],
): Promise<NewAttachment[]> {
  const kept = await keptAttachments(tx, sender, fileIds);
  if (sender.channel !== "telegram") return kept;
  const keptById = new Map(kept.map((attachment) => [attachment.fileId, attachment]));
  return fileIds.map(
    (fileId) => keptById.get(fileId) ?? { fileId, mimeType: null, storagePath: null },
  );
}

/**
 * Attachments of files the service keeps (photos, voice recordings of every
 * channel): path and type come from the kept file, and only the sender's own
 * files count (a fileId of another citizen's file is dropped).
 */
export async function keptAttachments(
  tx: PlainStatements,
  sender: FileSender,
  fileIds: readonly string[],
): Promise<NewAttachment[]> {
  if (fileIds.length === 0) return [];
  const uploads = await tx.query<{ id: string; mimeType: string; storagePath: string }>(
    Prisma.sql`SELECT "id", "mimeType", "storagePath" FROM "WebUpload"
      WHERE "id" IN (${Prisma.join(fileIds)})
        AND "sessionId" = ${fileOwner(sender.channel, sender.externalId)}`,
  );
  const byId = new Map(uploads.map((upload) => [upload.id, upload]));
  return fileIds.flatMap((fileId) => {
    const upload = byId.get(fileId);
    return upload ? [{ fileId, mimeType: upload.mimeType, storagePath: upload.storagePath }] : [];
  });
}

/**
 * Attaches the sender's photos (see photoAttachments) to the case, marked with `ratingStage`
 * (a rating's evidence; null: not a rating's); a photo already attached with that mark is not
 * attached again (a turn run again). Returns how many were attached.
 */
export async function attachSenderPhotos(
  tx: PlainStatements,
  target: { readonly caseId: string; readonly ratingStage: number | null },
  sender: FileSender,
  photoIds: readonly string[],
  now: Date,
): Promise<number> {
  if (photoIds.length === 0) return 0;
  const { caseId, ratingStage } = target;
  const sameMark =
    ratingStage === null
      ? Prisma.sql`"ratingStage" IS NULL`
      : Prisma.sql`"ratingStage" = ${ratingStage}`;
  const already = await tx.query<{ fileId: string }>(
    Prisma.sql`SELECT "fileId" FROM "Attachment"
      WHERE "caseId" = ${caseId} AND ${sameMark} AND "fileId" IN (${Prisma.join(photoIds)})`,
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
      caseId,
      channel: sender.channel,
      ...attachment,
      ratingStage,
      createdAt: now,
    })),
  );
  return rows.length;
}
