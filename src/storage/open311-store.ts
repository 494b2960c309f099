/**
 * What the Open311 GeoReport v2 server reads and writes: the API keys an
 * administrator issues (only a SHA-256 hash is kept), the identity of a
 * reporting system's user, and the cases as GeoReport requests — never a
 * citizen's name, phone or account (read only to mask them in the published words).
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { LeftContact } from "../domain/identity-in-text.ts";
import type { AnswerOutcome, CaseClass, CaseStatus } from "../domain/vocabulary.ts";
import { citizenRef } from "../domain/citizen-ref.ts";
import { isUniqueViolation, type Db } from "./database.ts";
import { LEFT_CONTACT_SELECT, leftContactOf } from "./former-contacts.ts";

/** GET requests answers at most this many, the newest first (the spec leaves it to the server). */
export const OPEN311_LIST_LIMIT = 1000;

/** At most this many service_request_ids are looked up in one GET requests. */
export const OPEN311_ID_LIMIT = 100;

export interface ApiKeyInfo {
  readonly id: string;
  readonly name: string;
  /** The key's first characters, to tell keys apart. */
  readonly prefix: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

const hashOf = (key: string) => createHash("sha256").update(key).digest("hex");

/** A case as the GeoReport server reads it (no citizen field it publishes). */
export interface Open311CaseRow {
  readonly trackingNo: string;
  readonly status: CaseStatus;
  readonly categoryCode: string;
  readonly caseClass: CaseClass;
  readonly description: string;
  readonly unitId: string | null;
  readonly submittedAt: Date;
  readonly updatedAt: Date;
  /** The handling due date, or before acceptance the acceptance due date. */
  readonly dueAt: Date;
  readonly address: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly answerOutcome: AnswerOutcome | null;
  readonly notAcceptedReason: string | null;
  readonly mergedIntoTrackingNo: string | null;
  /**
   * The contact the citizen left, now and before it changed (an anonymous case's is empty),
   * read only to mask it in the published words; never published.
   */
  readonly contact: LeftContact;
}

/** The filters of GET requests: the tracking numbers alone, or the others together. */
export interface Open311Filter {
  readonly ids: readonly string[] | null;
  readonly categoryCodes: readonly string[] | null;
  readonly statuses: readonly CaseStatus[] | null;
  readonly start: Date;
  readonly end: Date;
}

export function createOpen311Store(db: Db) {
  const CASE_SELECT = {
    trackingNo: true,
    status: true,
    categoryCode: true,
    caseClass: true,
    description: true,
    unitId: true,
    submittedAt: true,
    updatedAt: true,
    acceptanceDueAt: true,
    handlingDueAt: true,
    address: true,
    latitude: true,
    longitude: true,
    answerOutcome: true,
    notAcceptedReason: true,
    mergedInto: { select: { trackingNo: true } },
    ...LEFT_CONTACT_SELECT,
  } as const;

  type Row = Awaited<ReturnType<typeof db.case.findFirstOrThrow<{ select: typeof CASE_SELECT }>>>;

  const toRow = (row: Row): Open311CaseRow => {
    const { mergedInto, acceptanceDueAt, handlingDueAt, ...rest } = row;
    const {
      contactName: _name,
      contactPhone: _phone,
      contactHolderRelation: _relation,
      contactHolderName: _holder,
      formerContacts: _former,
      ...published
    } = rest;
    return {
      ...published,
      dueAt: handlingDueAt ?? acceptanceDueAt,
      mergedIntoTrackingNo: mergedInto?.trackingNo ?? null,
      contact: leftContactOf(row),
    };
  };

  return {
    /** Issues a key; the key itself is returned once and never stored. */
    async issueKey(name: string, issuedById: string): Promise<ApiKeyInfo & { key: string }> {
      const key = randomBytes(24).toString("base64url");
      const row = await db.apiKey.create({
        data: { name, keyHash: hashOf(key), prefix: key.slice(0, 6), issuedById },
      });
      return { ...info(row), key };
    },

    async listKeys(): Promise<ApiKeyInfo[]> {
      const rows = await db.apiKey.findMany({ orderBy: { createdAt: "desc" }, take: 200 });
      return rows.map(info);
    },

    /** False when there is no such key or it was revoked already. */
    async revokeKey(id: string, now: Date): Promise<boolean> {
      const { count } = await db.apiKey.updateMany({
        where: { id, revokedAt: null },
        data: { revokedAt: now },
      });
      return count === 1;
    },

    /** The id of the valid (issued, not revoked) key, or null. */
    async verifyKey(key: string, now: Date): Promise<string | null> {
      const row = await db.apiKey.findUnique({ where: { keyHash: hashOf(key) } });
      if (!row || row.revokedAt !== null) return null;
      await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
      return row.id;
    },

    /**
     * The citizen reference of a reporting system's user (its account_id or device_id), so
     * that one reporter's requests are one citizen's; each anonymous request is its own.
     * The identity has no chat: nothing is pushed to it, its system asks for the status.
     */
    async reporter(apiKeyId: string, reporterRef: string | null): Promise<string> {
      const externalId = `${apiKeyId}:${reporterRef ?? randomUUID()}`;
      const existing = await db.channelIdentity.findUnique({
        where: { channel_externalId: { channel: "open311", externalId } },
      });
      if (!existing) {
        try {
          await db.channelIdentity.create({
            data: { channel: "open311", externalId, chatId: null, citizen: { create: {} } },
          });
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
        }
      }
      return citizenRef("open311", externalId);
    },

    /** The cases `filter` asks for, newest first, at most OPEN311_LIST_LIMIT. */
    async requests(filter: Open311Filter): Promise<Open311CaseRow[]> {
      const rows = await db.case.findMany({
        where: filter.ids
          ? { trackingNo: { in: filter.ids.slice(0, OPEN311_ID_LIMIT) } }
          : {
              submittedAt: { gte: filter.start, lte: filter.end },
              ...(filter.categoryCodes && { categoryCode: { in: [...filter.categoryCodes] } }),
              ...(filter.statuses && { status: { in: [...filter.statuses] } }),
            },
        orderBy: [{ submittedAt: "desc" }, { id: "desc" }],
        take: OPEN311_LIST_LIMIT,
        select: CASE_SELECT,
      });
      return rows.map(toRow);
    },
  };
}

function info(row: {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}): ApiKeyInfo {
  const { id, name, prefix, createdAt, lastUsedAt, revokedAt } = row;
  return { id, name, prefix, createdAt, lastUsedAt, revokedAt };
}

export type Open311Store = ReturnType<typeof createOpen311Store>;
