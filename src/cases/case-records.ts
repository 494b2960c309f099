/**
 * Cases as the console reads them: the lifecycle's Case plus what a clerk
 * reads of the matter (text, place, contact), for the lists, the queue, the
 * case page and the export. Identity fields are removed for viewers who may not see them.
 */
import type { Directory } from "../domain/directory.ts";
import type { Case } from "../domain/lifecycle/case.ts";
import type { GeoPoint, RegionSource } from "../domain/places/places.ts";
import { CASE_INCLUDE, toDomainCase } from "../storage/case-rows.ts";
import { AppError } from "../errors.ts";
import type { Db } from "../storage/database.ts";
import type { Prisma } from "../generated/sqlite/client.ts";
import { mayView, seesIdentity, type Viewer } from "./staff-viewer.ts";

export interface CaseRecord {
  readonly case: Case;
  readonly description: string;
  /** The street, landmark or address the citizen gave, as written. */
  readonly address: string | null;
  /** When it happened, as resolved from the citizen's words (noon when only the day is known). */
  readonly occurredAt: Date | null;
  /** The citizen's own words for when it happened ("一个星期前"). */
  /** The point the citizen shared; null when none. */
  readonly location: GeoPoint | null;
  /** What decided the case's region; null without a region (or for cases before it was kept). */
  readonly regionSource: RegionSource | null;
  readonly occurredText: string | null;
  readonly channel: string;
  readonly photos: number;
  /** Citizens who joined the case as the same problem (附议): a count, never who. */
  readonly supporters: number;
  /** Null for an anonymous case and for viewers who may not see the citizen's identity. */
  readonly contact: { readonly name: string | null; readonly phone: string | null } | null;
  readonly anonymous: boolean;
}

/**
 * The type of each of a case's attachments, to count its photos. Not Prisma's filtered
 * `_count`: that groups every attachment of the database in a subquery before joining it
 * (seconds per case at a million cases); this reads the case's own rows through its index.
 */
export const ATTACHMENT_TYPES = {
  attachments: { select: { mimeType: true } },
} as const satisfies Prisma.CaseInclude;

/** A voice recording is not a photo (a Telegram photo has no type, hence the null). */
export function isRecording(mimeType: string | null): mimeType is string {
  return mimeType?.startsWith("audio/") ?? false;
}

/** How many of `attachments` are photos: all but the voice recordings. */
export function photoCount(attachments: readonly { readonly mimeType: string | null }[]): number {
  return attachments.filter((a) => !isRecording(a.mimeType)).length;
}

const RECORD_INCLUDE = {
  ...CASE_INCLUDE,
  ...ATTACHMENT_TYPES,
} as const satisfies Prisma.CaseInclude;

type RecordRow = Prisma.CaseGetPayload<{ include: typeof RECORD_INCLUDE }>;

/**
 * The cases with row ids `ids`, in that order, as the viewer may see them (ids
 * come from the read queries, which apply the viewer's scope).
 */
export async function caseRecordsByIds(
  db: Db,
  viewer: Viewer,
  ids: readonly string[],
): Promise<FoundCaseRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.case.findMany({ where: { id: { in: [...ids] } }, include: RECORD_INCLUDE });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ id, citizenId: row.citizenId, record: toRecord(row, viewer) }] : [];
  });
}

/** A case record with its row id and citizen (for queries about it; never shown to handlers). */
export interface FoundCaseRecord {
  readonly id: string;
  readonly citizenId: string;
  readonly record: CaseRecord;
}

/** One case as the viewer may see it, with its row id; null when unknown or not visible. */
export async function findCaseRecord(
  db: Db,
  directory: Directory,
  viewer: Viewer,
  trackingNo: string,
): Promise<FoundCaseRecord | null> {
  const row = await db.case.findUnique({ where: { trackingNo }, include: RECORD_INCLUDE });
  if (!row) return null;
  const record = toRecord(row, viewer);
  if (!mayView(viewer, record.case, directory)) return null;
  return { id: row.id, citizenId: row.citizenId, record };
}

/**
 * {@link findCaseRecord}, for a request about that case.
 * @throws AppError("case.not_found") for an unknown case or one the viewer may not see.
 */
export async function requireCaseRecord(
  db: Db,
  directory: Directory,
  viewer: Viewer,
  trackingNo: string,
): Promise<FoundCaseRecord> {
  const found = await findCaseRecord(db, directory, viewer, trackingNo);
  if (!found) {
    throw new AppError("case.not_found", `no case ${trackingNo} for staff ${viewer.staff.id}`, {
      userMessageKey: "case.not_found",
    });
  }
  return found;
}

function toRecord(row: RecordRow, viewer: Viewer): CaseRecord {
  const identity = seesIdentity(viewer) && !row.anonymous;
  return {
    case: toDomainCase(row),
    description: row.description,
    address: row.address,
    occurredAt: row.occurredAt,
    location:
      row.latitude !== null && row.longitude !== null
        ? { latitude: row.latitude, longitude: row.longitude }
        : null,
    regionSource: row.regionSource,
    occurredText: row.occurredText,
    channel: row.channel,
    photos: photoCount(row.attachments),
    supporters: row.supporterCount,
    contact: identity ? { name: row.contactName, phone: row.contactPhone } : null,
    anonymous: row.anonymous,
  };
}
