/**
 * Nearby reports before filing and their supporters (附议): the open cases of a category
 * near a point or naming a place, and the citizens who joined one. Every lookup reads a
 * bounded number of rows through an index: the box around a point through
 * (latitude, longitude, submittedAt), a named place through CasePlaceKey (key, caseId).
 */
import { boxAround, metresBetween } from "../domain/places/geo.ts";
import {
  NEARBY_LIMIT,
  type CitizenDecision,
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
import { Prisma } from "../generated/sqlite/client.ts";
import type { CaseStatus } from "../generated/sqlite/enums.ts";
import { isUniqueViolation, type Db, type Tx } from "./database.ts";
import { plainSqlOf } from "./plain-sql.ts";
import { timelineDataColumn } from "./timeline-data.ts";

export interface NearbySettings {
  /** NEARBY_RADIUS_METERS: open cases within this distance of the citizen's point are offered. */
  readonly radiusMetres: number;
}

/** Rows read per arm: the newest open cases of the category there, before exact distances. */
const ARM_LIMIT = 20;

/** A case read for the nearby reports, and the arm (near the point, naming a place) that found it. */
interface NearbyRow {
  arm: "near" | "named";
  trackingNo: string;
  categoryCode: string;
  address: string | null;
  regionCode: string | null;
  submittedAt: Date;
  status: CaseStatus;
  supporterCount: number;
  latitude: number | null;
  longitude: number | null;
}

const NEARBY_COLUMNS = Prisma.sql`"trackingNo", "categoryCode", "address", "regionCode",
  "submittedAt", "status", "supporterCount", "latitude", "longitude"`;

/** The NearbyCases port over the database (see the domain's ports.ts); `clock` dates a join. */
export function createNearbyCases(db: Db, settings: NearbySettings, clock: Clock): NearbyCases {
  // Asked at the place step of every complaint, while the citizen waits: one plain statement.
  const sql = plainSqlOf(db);

  /**
   * Open cases of the category, not the asking citizen's own, and never a report against
   * officials (检举控告): that one was made is told to no one filing nearby, who may be the
   * official it is about.
   */
  function others(question: NearbyQuestion): Prisma.Sql {
    const asker = parseCitizenRef(question.citizenRef);
    const notOwn = asker
      ? Prisma.sql`AND "citizenId" NOT IN (SELECT "citizenId" FROM "ChannelIdentity"
          WHERE "channel" = ${asker.channel} AND "externalId" = ${asker.externalId})`
      : Prisma.empty;
    return Prisma.sql`"categoryCode" = ${question.category}
      AND "caseClass" <> 'report'
      AND "status" IN (${Prisma.join(SUPPORTABLE_STATUSES)}) ${notOwn}`;
  }

  /** The newest open cases in the box around the point (their distances are measured after). */
  function nearPoint(question: NearbyQuestion, point: NonNullable<NearbyQuestion["point"]>) {
    const box = boxAround(point, settings.radiusMetres);
    return Prisma.sql`SELECT 'near' AS "arm", ${NEARBY_COLUMNS} FROM "Case"
      WHERE "latitude" BETWEEN ${box.minLatitude} AND ${box.maxLatitude}
        AND "longitude" BETWEEN ${box.minLongitude} AND ${box.maxLongitude}
        AND ${others(question)}
      ORDER BY "submittedAt" DESC LIMIT ${ARM_LIMIT}`;
  }

  /**
   * Cases naming one of the places in the same region (when known); with a point, only those
   * without one (they cannot be measured).
   */
  function namingPlace(question: NearbyQuestion) {
    return Prisma.sql`SELECT 'named' AS "arm", ${NEARBY_COLUMNS} FROM "Case"
      WHERE "id" IN (SELECT "caseId" FROM "CasePlaceKey"
          WHERE "key" IN (${Prisma.join(question.placeKeys)}))
        ${question.region !== null ? Prisma.sql`AND "regionCode" = ${question.region}` : Prisma.empty}
        ${question.point ? Prisma.sql`AND "latitude" IS NULL` : Prisma.empty}
        AND ${others(question)}
      ORDER BY "submittedAt" DESC LIMIT ${NEARBY_LIMIT}`;
  }

  return {
    async find(question) {
      const arms = [
        ...(question.point ? [nearPoint(question, question.point)] : []),
        ...(question.placeKeys.length > 0 ? [namingPlace(question)] : []),
      ];
      if (arms.length === 0) return [];
      const rows = await sql.query<NearbyRow>(
        Prisma.join(
          arms.map((arm, i) => Prisma.sql`SELECT * FROM (${arm}) AS ${Prisma.raw(`"arm${i}"`)}`),
          " UNION ALL ",
        ),
      );
      const point = question.point;
      const near = point
        ? rows
            .filter((row) => row.arm === "near")
            .map((row) => ({
              row,
              metres: metresBetween(point, { latitude: row.latitude!, longitude: row.longitude! }),
            }))
            .filter(({ metres }) => metres <= settings.radiusMetres)
            .sort((a, b) => a.metres - b.metres)
            .map(({ row }) => row)
        : [];
      const named = rows.filter((row) => row.arm === "named");
      return [...near, ...named].slice(0, NEARBY_LIMIT).map((row): NearbyCase => ({
        trackingNo: row.trackingNo,
        category: row.categoryCode,
        address: row.address,
        region: row.regionCode,
        submittedAt: row.submittedAt,
        status: citizenStatusOf(row.status),
        supporters: Number(row.supporterCount),
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

/** Withdraws a citizen's support of a case they joined (the Withdrawals port's withdrawSupport). */
export function supportWithdrawal(
  db: Db,
  clock: Clock,
): (ref: string, trackingNo: string) => Promise<CitizenDecision> {
  return async (ref, trackingNo) => {
    const identity = await findIdentity(db, ref);
    if (!identity) return "refused";
    return db.$transaction((tx) => leaveCase(tx, identity.id, trackingNo, clock.now()));
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
  await countSupporters(tx, row, "supported", now);
  return "joined";
}

async function leaveCase(
  tx: Tx,
  identityId: string,
  trackingNo: string,
  now: Date,
): Promise<CitizenDecision> {
  const row = await tx.case.findUnique({
    where: { trackingNo },
    select: { id: true, status: true },
  });
  if (!row) return "refused";
  // deleteMany, not delete: a second tap that raced the first finds no row and is refused.
  const { count } = await tx.caseSupporter.deleteMany({
    where: { caseId: row.id, identityId },
  });
  if (count === 0) return "refused";
  await countSupporters(tx, row, "support_withdrawn", now);
  return "done";
}

/**
 * The case's supporter count moved by one (up for a join, down for a withdrawal), and the
 * history's entry with the count it came to. A citizen's act without their identity: the entry
 * names no actor (units read the history).
 */
async function countSupporters(
  tx: Tx,
  row: { id: string; status: CaseStatus },
  kind: "supported" | "support_withdrawn",
  now: Date,
): Promise<void> {
  const step = kind === "supported" ? { increment: 1 } : { decrement: 1 };
  const { supporterCount } = await tx.case.update({
    where: { id: row.id },
    data: { supporterCount: step },
    select: { supporterCount: true },
  });
  await tx.timelineEntry.create({
    data: {
      caseId: row.id,
      at: now,
      kind,
      actorKind: "citizen",
      actorId: null,
      fromStatus: row.status,
      toStatus: row.status,
      note: null,
      ...timelineDataColumn({ kind, data: { supporters: supporterCount } }),
    },
  });
}
