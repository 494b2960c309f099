/**
 * A case as the console reads it, with its files and timeline: the lifecycle's Case plus what
 * a clerk reads of the matter (text, place, contact). Who may see what is the caller's
 * business (cases/case-records.ts): this store returns every field.
 */
import type { LeftContact } from "../domain/identity-in-text.ts";
import type { ChannelName, TimePrecision } from "../domain/vocabulary.ts";
import type { ActorKind } from "../domain/lifecycle/actor.ts";
import type { Case } from "../domain/lifecycle/case.ts";
import type { TimelineFact } from "../domain/lifecycle/timeline.ts";
import type { GeoPoint, RegionSource } from "../domain/places/places.ts";
import type { Prisma } from "../generated/sqlite/client.ts";
import type { Channel } from "../generated/sqlite/enums.ts";
import { CASE_INCLUDE, toDomainCase } from "./case-rows.ts";
import type { Db } from "./database.ts";
import { readTimelineFact } from "./timeline-data.ts";
import type { GroupComplaint } from "../domain/group-complaint.ts";
import { groupOf } from "./group-columns.ts";
import type { PlaceOutsideCity } from "../domain/places/elsewhere.ts";
import { outsideCityOf } from "./outside-city-columns.ts";
import { FORMER_CONTACTS_SELECT, leftContactOf } from "./former-contacts.ts";

export interface StoredCase {
  /** The row id (for queries about the case; never shown to handlers). */
  readonly id: string;
  readonly citizenId: string;
  readonly case: Case;
  readonly description: string;
  /** The street, landmark or address the citizen gave, as written. */
  readonly address: string | null;
  /** When it happened, as resolved from the citizen's words (noon when only the day is known). */
  readonly occurredAt: Date | null;
  /** The citizen's own words for when it happened ("一个星期前"). */
  readonly occurredText: string | null;
  /** How much of `occurredAt` the words said ("去年": its year); it is shown no more precisely. */
  readonly occurredPrecision: TimePrecision;
  /** It goes on until now ("天天都这样"): `occurredText` says how often, no day is known. */
  readonly occurredOngoing: boolean;
  /**
   * How many the case speaks for (群体诉求): read from the description, grown by the citizen's
   * additions; null for one person or a family.
   */
  readonly group: GroupComplaint | null;
  /** The place outside the city the matter lies in (不在本市); null when in the city. */
  readonly outsideCity: PlaceOutsideCity | null;
  /** The point the citizen shared; null when none. */
  readonly location: GeoPoint | null;
  /** What decided the case's region; null without a region (or for cases before it was kept). */
  readonly regionSource: RegionSource | null;
  readonly channel: string;
  /** How many photos (voice recordings are not photos). */
  readonly photos: number;
  /** Citizens who joined the case as the same problem (附议): a count, never who. */
  readonly supporters: number;
  /** As the citizen left them, also on an anonymous case. */
  readonly contact: LeftContact;
  readonly anonymous: boolean;
}

export interface StoredAttachment {
  readonly id: string;
  /** The channel it came through, and its id there (a Telegram file id, or a kept file's id). */
  readonly channel: Channel;
  readonly fileId: string;
  readonly mimeType: string | null;
  /** Null for a file the service does not keep (a chat channel's own file id). */
  readonly storagePath: string | null;
  /** A voice recording, not a photo. */
  readonly recording: boolean;
  /** The review stage of the rating it was sent with (evidence); null: sent with the complaint. */
  readonly ratingStage: number | null;
  /** True when the background fetch of a file its chat channel keeps has given up. */
  readonly keepGivenUp: boolean;
}

/** A file kept by its chat channel only, due to be fetched (see CaseRecordStore.chatFilesDue). */
export interface ChatFileDue {
  readonly attachment: StoredAttachment;
  readonly trackingNo: string;
  /** Background fetches that failed so far. */
  readonly attempts: number;
}

/** A timeline entry with its facts (validated against its kind). */
export interface StoredTimelineEntry {
  readonly fact: TimelineFact;
  readonly at: Date;
  readonly actorKind: ActorKind;
  readonly actorId: string | null;
  /** Words a person wrote (a reason, a progress note); never a value. */
  readonly note: string | null;
  readonly fromStatus: string | null;
  readonly toStatus: string | null;
}

export interface CaseRecordStore {
  /** The cases with row ids `ids`, in no particular order; unknown ids are left out. */
  byIds(ids: readonly string[]): Promise<StoredCase[]>;
  /** Null for an unknown case. */
  byTrackingNo(trackingNo: string): Promise<StoredCase | null>;
  /** The files of case `caseId` (row id), oldest first. */
  attachments(caseId: string): Promise<StoredAttachment[]>;
  /** The file `attachmentId` when it is case `caseId`'s; null otherwise. */
  attachment(caseId: string, attachmentId: string): Promise<StoredAttachment | null>;
  /**
   * Records that the service now keeps the file of attachment `attachmentId` (a chat channel's
   * photo downloaded when staff first opened it); an attachment that has its file keeps it.
   */
  keepAttachmentFile(
    attachmentId: string,
    file: { readonly storagePath: string; readonly mimeType: string },
  ): Promise<void>;
  /**
   * Files chat channels `channels` keep by their own id only (no storagePath) that are due to
   * be fetched in the background at `now` (never tried, or their retry time has come; not
   * given up), oldest first, at most `limit`.
   */
  chatFilesDue(channels: readonly ChannelName[], now: Date, limit: number): Promise<ChatFileDue[]>;
  /** Records failed background fetch number `attempts` of attachment `attachmentId`. */
  deferAttachmentKeep(attachmentId: string, attempts: number, retryAt: Date): Promise<void>;
  /**
   * Records that the background fetch of attachment `attachmentId` gave up at `at` after
   * `attempts` failures: it is no longer due. False when it was kept or given up meanwhile.
   */
  giveUpAttachmentKeep(attachmentId: string, attempts: number, at: Date): Promise<boolean>;
  /**
   * The timeline of case `caseId` (row id), oldest first.
   * @throws AppError("storage.unavailable") for an entry whose data does not fit its kind.
   */
  timeline(caseId: string): Promise<StoredTimelineEntry[]>;
  /** What the citizen said was wrong with the latest answer they rated; null for nothing. */
  ratingReason(caseId: string): Promise<string | null>;
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
function isRecording(mimeType: string | null): boolean {
  return mimeType?.startsWith("audio/") ?? false;
}

/** How many of `attachments` are photos: all but the voice recordings. */
export function photoCount(attachments: readonly { readonly mimeType: string | null }[]): number {
  return attachments.filter((a) => !isRecording(a.mimeType)).length;
}

/** The point of a row's latitude and longitude; null unless both are kept. */
export function locationOf(row: {
  readonly latitude: number | null;
  readonly longitude: number | null;
}): GeoPoint | null {
  return row.latitude !== null && row.longitude !== null
    ? { latitude: row.latitude, longitude: row.longitude }
    : null;
}

/** A timeline row as the readers get it. */
export function toStoredEntry(row: {
  readonly id: string;
  readonly kind: string;
  readonly data: unknown;
  readonly at: Date;
  readonly actorKind: string;
  readonly actorId: string | null;
  readonly note: string | null;
  readonly fromStatus: string | null;
  readonly toStatus: string | null;
}): StoredTimelineEntry {
  return {
    fact: readTimelineFact(row),
    at: row.at,
    actorKind: row.actorKind as ActorKind,
    actorId: row.actorId,
    note: row.note,
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
  };
}

/** Oldest first; entries written at the same millisecond in the order written. */
export const TIMELINE_ORDER = [{ at: "asc" }, { id: "asc" }] as const;

const RECORD_INCLUDE = {
  ...CASE_INCLUDE,
  ...ATTACHMENT_TYPES,
  ...FORMER_CONTACTS_SELECT,
} as const satisfies Prisma.CaseInclude;

type RecordRow = Prisma.CaseGetPayload<{ include: typeof RECORD_INCLUDE }>;

function toStoredCase(row: RecordRow): StoredCase {
  return {
    id: row.id,
    citizenId: row.citizenId,
    case: toDomainCase(row),
    description: row.description,
    address: row.address,
    occurredAt: row.occurredAt,
    occurredText: row.occurredText,
    occurredPrecision: row.occurredPrecision,
    occurredOngoing: row.occurredOngoing,
    group: groupOf(row),
    outsideCity: outsideCityOf(row),
    location: locationOf(row),
    regionSource: row.regionSource,
    channel: row.channel,
    photos: photoCount(row.attachments),
    supporters: row.supporterCount,
    contact: leftContactOf(row),
    anonymous: row.anonymous,
  };
}

function toStoredAttachment(row: {
  readonly id: string;
  readonly channel: Channel;
  readonly fileId: string;
  readonly mimeType: string | null;
  readonly storagePath: string | null;
  readonly ratingStage: number | null;
  readonly keepGivenUpAt: Date | null;
}): StoredAttachment {
  return {
    id: row.id,
    channel: row.channel,
    fileId: row.fileId,
    mimeType: row.mimeType,
    storagePath: row.storagePath,
    recording: isRecording(row.mimeType),
    keepGivenUp: row.keepGivenUpAt !== null,
    ratingStage: row.ratingStage,
  };
}

const ATTACHMENT_SELECT = {
  id: true,
  channel: true,
  fileId: true,
  mimeType: true,
  storagePath: true,
  ratingStage: true,
  keepGivenUpAt: true,
} as const;

export function createCaseRecordStore(db: Db): CaseRecordStore {
  return {
    async byIds(ids) {
      if (ids.length === 0) return [];
      const rows = await db.case.findMany({
        where: { id: { in: [...ids] } },
        include: RECORD_INCLUDE,
      });
      return rows.map(toStoredCase);
    },

    async byTrackingNo(trackingNo) {
      const row = await db.case.findUnique({ where: { trackingNo }, include: RECORD_INCLUDE });
      return row && toStoredCase(row);
    },

    async attachments(caseId) {
      const rows = await db.attachment.findMany({
        where: { caseId },
        orderBy: { createdAt: "asc" },
        select: ATTACHMENT_SELECT,
      });
      return rows.map(toStoredAttachment);
    },

    async attachment(caseId, attachmentId) {
      const row = await db.attachment.findFirst({
        where: { id: attachmentId, caseId },
        select: ATTACHMENT_SELECT,
      });
      return row && toStoredAttachment(row);
    },

    async keepAttachmentFile(attachmentId, file) {
      await db.attachment.updateMany({
        where: { id: attachmentId, storagePath: null },
        data: file,
      });
    },

    async chatFilesDue(channels, now, limit) {
      const rows = await db.attachment.findMany({
        where: {
          storagePath: null,
          keepGivenUpAt: null,
          channel: { in: [...channels] },
          OR: [{ keepRetryAt: null }, { keepRetryAt: { lte: now } }],
        },
        orderBy: { createdAt: "asc" },
        take: limit,
        select: {
          ...ATTACHMENT_SELECT,
          keepAttempts: true,
          case: { select: { trackingNo: true } },
        },
      });
      return rows.map((row) => ({
        attachment: toStoredAttachment(row),
        trackingNo: row.case.trackingNo,
        attempts: row.keepAttempts,
      }));
    },

    async deferAttachmentKeep(attachmentId, attempts, retryAt) {
      await db.attachment.updateMany({
        where: { id: attachmentId, storagePath: null },
        data: { keepAttempts: attempts, keepRetryAt: retryAt },
      });
    },

    async giveUpAttachmentKeep(attachmentId, attempts, at) {
      const { count } = await db.attachment.updateMany({
        where: { id: attachmentId, storagePath: null, keepGivenUpAt: null },
        data: { keepAttempts: attempts, keepRetryAt: null, keepGivenUpAt: at },
      });
      return count === 1;
    },

    async timeline(caseId) {
      const rows = await db.timelineEntry.findMany({
        where: { caseId },
        orderBy: [...TIMELINE_ORDER],
      });
      return rows.map(toStoredEntry);
    },

    async ratingReason(caseId) {
      const rating = await db.rating.findFirst({
        where: { caseId },
        orderBy: { reviewStage: "desc" },
        select: { reason: true },
      });
      return rating?.reason ?? null;
    },
  };
}
