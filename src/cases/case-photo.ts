/**
 * A case's photo (or voice recording) for a staff member who may see the
 * case: the file the service keeps for a web upload, a WeChat image or a
 * voice message, resolved inside the data folder only.
 */
import path from "node:path";
import type { Directory } from "../domain/directory.ts";
import { AppError } from "../errors.ts";
import type { CaseRecordStore } from "../storage/case-record-store.ts";
import { findCaseRecord } from "./case-records.ts";
import { seesIdentity, type Viewer } from "./staff-viewer.ts";

/** The voice recordings' kept types (see voice-store.ts): all played by browsers. */
const RECORDING_TYPE = /^audio\/(ogg|webm|mp4|mpeg)$/;

export interface PhotoFile {
  /** Absolute path inside the photo folder. */
  readonly file: string;
  readonly mimeType: string;
}

/**
 * @throws AppError("case.not_found") when the case is unknown or not visible to
 * the viewer, the photo is not the case's (or, for `kind` "recording", not
 * one of its voice recordings, or the viewer may not know who filed it; for
 * "photo", a recording), or the service does
 * not keep its file (a chat channel's own file id), or its path leaves `photoRoot`.
 */
export async function casePhoto(
  deps: {
    readonly records: Pick<CaseRecordStore, "byTrackingNo" | "attachment">;
    readonly directory: Directory;
    readonly photoRoot: string;
  },
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
  if (!attachment.storagePath) throw notFound("kept by the chat channel only");
  const root = path.resolve(deps.photoRoot);
  const file = path.resolve(root, attachment.storagePath);
  if (!file.startsWith(root + path.sep)) throw notFound("stored outside the photo folder");
  const mimeType =
    recording || /^image\/(jpeg|png|webp|gif|heic)$/.test(attachment.mimeType ?? "")
      ? attachment.mimeType!
      : "application/octet-stream";
  return { file, mimeType };
}
