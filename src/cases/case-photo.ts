/**
 * A case's photo (or voice recording) for a staff member who may see the
 * case: the file the service keeps for a web upload, a WeChat image or a
 * voice message, resolved inside the data folder only. A chat channel's photo
 * kept only by its file id there (a Telegram photo the service could not
 * download when it came) is fetched in the background (chat-photo-keeper.ts), or
 * when first opened before that, and kept from then on.
 */
import path from "node:path";
import type { Directory } from "../domain/directory.ts";
import { AppError } from "../errors.ts";
import type { CaseRecordStore, StoredAttachment } from "../storage/case-record-store.ts";
import type { PhotoStore } from "../storage/photo-store.ts";
import { findCaseRecord } from "./case-records.ts";
import { seesIdentity, type Viewer } from "./staff-viewer.ts";

/** The voice recordings' kept types (see voice-store.ts): all played by browsers. */
const RECORDING_TYPE = /^audio\/(ogg|webm|mp4|mpeg)$/;

export interface PhotoFile {
  /** Absolute path inside the photo folder. */
  readonly file: string;
  readonly mimeType: string;
  /**
   * True when the viewer may see the picture but not what its file says of who took it (a
   * unit: see photo-metadata.ts), so it is sent without its metadata.
   */
  readonly withoutMetadata: boolean;
}

/**
 * How photos a chat channel keeps by its own file id are fetched when staff open them: a
 * download per channel (Telegram's getFile and file download), which throws when it fails.
 */
export interface ChatPhotoKeeping {
  /** By channel name (the Attachment's channel). */
  readonly downloads: ReadonlyMap<string, (fileId: string) => Promise<Buffer>>;
  readonly photos: Pick<PhotoStore, "savePicture" | "storagePath">;
  /** Who a photo downloaded for case `trackingNo` belongs to in `photos` (see fileOwner). */
  readonly ownerOf: (channel: StoredAttachment["channel"], trackingNo: string) => string;
  readonly now: () => Date;
}

export interface CasePhotoDeps {
  readonly records: Pick<CaseRecordStore, "byTrackingNo" | "attachment" | "keepAttachmentFile">;
  readonly directory: Directory;
  readonly photoRoot: string;
  /** How a photo kept by its chat channel's file id only is fetched when first opened. */
  readonly chatPhotos: ChatPhotoKeeping;
}

/**
 * @throws AppError("case.not_found") when the case is unknown or not visible to
 * the viewer, the photo is not the case's (or, for `kind` "recording", not
 * one of its voice recordings, or the viewer may not know who filed it; for
 * "photo", a recording), or its path leaves `photoRoot`.
 * @throws AppError("channel.permanent", userMessageKey "photo.chat_unavailable") for a photo
 * kept by file id that its channel cannot give (see keepChatPhotoFile).
 */
export async function casePhoto(
  deps: CasePhotoDeps,
  viewer: Viewer,
  trackingNo: string,
  attachmentId: string,
  kind: "photo" | "recording" = "photo",
): Promise<PhotoFile> {
  const notFound = (why: string) =>
    new AppError("case.not_found", `photo ${attachmentId} of case ${trackingNo}: ${why}`, {
      userMessageKey: "photo.not_found",
    });
  const found = await findCaseRecord(deps.records, deps.directory, viewer, trackingNo);
  if (!found) throw notFound(`not visible to staff ${viewer.staff.id}`);
  const attachment = await deps.records.attachment(found.id, attachmentId);
  if (!attachment) throw notFound("no such photo");
  const recording = RECORDING_TYPE.test(attachment.mimeType ?? "");
  if (recording !== (kind === "recording")) throw notFound(`not a ${kind}`);
  // A voice tells who spoke: a unit reads the (masked) words, never hears the citizen.
  if (recording && !seesIdentity(viewer))
    throw notFound(`a voice, not for staff ${viewer.staff.id}`);
  const kept =
    attachment.storagePath === null
      ? await keepChatPhotoFile(deps.records, deps.chatPhotos, trackingNo, attachment)
      : { storagePath: attachment.storagePath, mimeType: attachment.mimeType };
  const root = path.resolve(deps.photoRoot);
  const file = path.resolve(root, kept.storagePath);
  if (!file.startsWith(root + path.sep)) throw notFound("stored outside the photo folder");
  const mimeType =
    recording || /^image\/(jpeg|png|webp|gif|heic)$/.test(kept.mimeType ?? "")
      ? kept.mimeType!
      : "application/octet-stream";
  return { file, mimeType, withoutMetadata: !recording && !seesIdentity(viewer) };
}

export interface KeptChatPhoto {
  readonly storagePath: string;
  readonly mimeType: string;
}

/**
 * Downloads a photo its chat channel keeps by file id, keeps it (once per attachment: keeping
 * it again is harmless) and records it on the attachment, so the next open is local.
 * @throws AppError("channel.permanent", userMessageKey "photo.chat_unavailable") when the
 * channel has no download (not configured on this instance), its download fails, or gives no
 * picture: the one error of a photo its channel cannot give, which the caller logs once.
 */
export async function keepChatPhotoFile(
  records: Pick<CaseRecordStore, "keepAttachmentFile">,
  keeping: ChatPhotoKeeping,
  trackingNo: string,
  attachment: StoredAttachment,
): Promise<KeptChatPhoto> {
  const unavailable = (why: string, cause?: unknown) =>
    new AppError("channel.permanent", `photo ${attachment.id} of case ${trackingNo}: ${why}`, {
      cause,
      userMessageKey: "photo.chat_unavailable",
    });
  const download = keeping.downloads.get(attachment.channel);
  if (!download) throw unavailable(`no ${attachment.channel} download`);
  let bytes: Buffer;
  try {
    bytes = await download(attachment.fileId);
  } catch (error) {
    throw unavailable(`its ${attachment.channel} download failed`, error);
  }
  const { photos, ownerOf, now } = keeping;
  const owner = ownerOf(attachment.channel, trackingNo);
  const saved = await photos.savePicture(owner, bytes, now(), `attachment:${attachment.id}`);
  if (saved === null) throw unavailable("its bytes are no JPEG, PNG, WebP or HEIC picture");
  const { id, mimeType } = saved;
  const kept = { storagePath: photos.storagePath(id, mimeType), mimeType };
  await records.keepAttachmentFile(attachment.id, kept);
  return kept;
}
