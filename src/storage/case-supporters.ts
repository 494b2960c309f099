/**
 * Nearby reports before filing and their supporters (附议): the open cases of a category
 * near a point or naming a place, and the citizens who joined one. Every lookup reads a
 * bounded number of rows through an index: the box around a point through
 * (latitude, longitude, submittedAt), a named place through CasePlaceKey (key, caseId).
 */
import { boxAround, metresBetween } from "../domain/places/geo.ts";
import {
  NEARBY_LIMIT,
  type JoinOutcome,
  type NearbyCase,
  type NearbyCases,
  type NearbyQuestion,
} from "../domain/intake/ports.ts";
import { isSupportable, SUPPORTABLE_STATUSES } from "../domain/lifecycle/supporters.ts";
import type { Locale } from "../domain/locale.ts";
import type { Clock } from "../clock.ts";
import { AppError } from "../errors.ts";
import { citizenStatusOf } from "./citizen-cases.ts";
import { parseCitizenRef } from "../domain/citizen-ref.ts";
import { isUniqueViolation, type Db, type Tx } from "./database.ts";
import { timelineDataColumn } from "./timeline-data.ts";

export interface NearbySettings {
  /** NEARBY_RADIUS_METERS: open cases within this distance of the citizen's point are offered. */
  readonly radiusMetres: number;
}

/** Rows read per arm: the newest open cases of the category there, before exact distances. */
const ARM_LIMIT = 20;

const NEARBY_COLUMNS = {
  trackingNo: true,
  categoryCode: true,
  address: true,
  regionCode: true,
  submittedAt: true,
  status: true,
  supporterCount: true,
  latitude: true,
  longitude: true,
} as const;

/** The NearbyCases port over the database (see the domain's ports.ts); `clock` dates a join. */
export function createNearbyCases(db: Db, settings: NearbySettings, clock: Clock): NearbyCases {
  const open = { in: [...SUPPORTABLE_STATUSES] };

  /** Open cases of the category, not the asking citizen's own. */
  async function others(question: NearbyQuestion) {
    const citizenId = await citizenOf(db, question.citizenRef);
    return {
      categoryCode: question.category,
      status: open,
      ...(citizenId !== null && { citizenId: { not: citizenId } }),
    };
  }

  async function nearPoint(question: NearbyQuestion, point: NonNullable<NearbyQuestion["point"]>) {
    const box = boxAround(point, settings.radiusMetres);
    const rows = await db.case.findMany({
      where: {
        latitude: { gte: box.minLatitude, lte: box.maxLatitude },
        longitude: { gte: box.minLongitude, lte: box.maxLongitude },
        ...(await others(question)),
      },
      orderBy: { submittedAt: "desc" },
      take: ARM_LIMIT,
      select: NEARBY_COLUMNS,
    });
    return rows
      .map((row) => ({
        row,
        metres: metresBetween(point, { latitude: row.latitude!, longitude: row.longitude! }),
      }))
      .filter(({ metres }) => metres <= settings.radiusMetres)
      .sort((a, b) => a.metres - b.metres)
      .map(({ row }) => row);
  }

  /**
   * Cases naming one of the places in the same region (when known); with a point, only those
   * without one (they cannot be measured).
   */
  async function namingPlace(question: NearbyQuestion) {
    if (question.placeKeys.length === 0) return [];
    return db.case.findMany({
      where: {
        placeKeys: { some: { key: { in: [...question.placeKeys] } } },
        ...(question.region !== null && { regionCode: question.region }),
        ...(await others(question)),
        ...(question.point && { latitude: null }),
      },
      orderBy: { submittedAt: "desc" },
      take: NEARBY_LIMIT,
      select: NEARBY_COLUMNS,
    });
  }

  return {
    async find(question) {
      const [near, named] = await Promise.all([
        question.point ? nearPoint(question, question.point) : [],
        namingPlace(question),
      ]);
      return [...near, ...named].slice(0, NEARBY_LIMIT).map((row): NearbyCase => ({
        trackingNo: row.trackingNo,
        category: row.categoryCode,
        address: row.address,
        region: row.regionCode,
        submittedAt: row.submittedAt,
        status: citizenStatusOf(row.status),
        supporters: row.supporterCount,
      }));
    },
    async join(ref, trackingNo, locale) {
      const identity = await identityOf(db, ref);
      try {
        return await db.$transaction((tx) =>
          joinCase(tx, identity, trackingNo, locale, clock.now()),
        );
      } catch (error) {
        // The same citizen's second tap raced the first: one row, as if joined before.
        if (isUniqueViolation(error)) return "already";
        throw error;
      }
    },
  };
}

async function findIdentity(db: Db, ref: string) {
  const parsed = parseCitizenRef(ref);
  if (!parsed) return null;
  return db.channelIdentity.findUnique({
    where: { channel_externalId: { channel: parsed.channel, externalId: parsed.externalId } },
    select: { id: true, citizenId: true },
  });
}

/** The citizen behind a chat; null before they have one (nothing of theirs to leave out). */
async function citizenOf(db: Db, ref: string): Promise<string | null> {
  return (await findIdentity(db, ref))?.citizenId ?? null;
}

async function identityOf(db: Db, ref: string) {
  const identity = await findIdentity(db, ref);
  if (!identity) throw new AppError("input.invalid", `no channel identity for citizen ref ${ref}`);
  return identity;
}

async function joinCase(
  tx: Tx,
  identity: { id: string; citizenId: string },
  trackingNo: string,
  locale: Locale,
  now: Date,
): Promise<JoinOutcome> {
  const row = await tx.case.findUnique({
    where: { trackingNo },
    select: { id: true, status: true, citizenId: true },
  });
  if (!row || !isSupportable(row.status)) return "not_open";
  if (row.citizenId === identity.citizenId) return "own_case";
  const before = await tx.caseSupporter.findUnique({
    where: { caseId_identityId: { caseId: row.id, identityId: identity.id } },
    select: { id: true },
  });
  if (before) return "already";
  await tx.caseSupporter.create({
    data: { caseId: row.id, identityId: identity.id, locale, createdAt: now },
  });
  const { supporterCount } = await tx.case.update({
    where: { id: row.id },
    data: { supporterCount: { increment: 1 } },
    select: { supporterCount: true },
  });
  // A citizen's act without their identity: the entry names no actor (units read the history).
  await tx.timelineEntry.create({
    data: {
      caseId: row.id,
      at: now,
      kind: "supported",
      actorKind: "citizen",
      actorId: null,
      fromStatus: row.status,
      toStatus: row.status,
      note: null,
      ...timelineDataColumn({ kind: "supported", data: { supporters: supporterCount } }),
    },
  });
  return "joined";
}
