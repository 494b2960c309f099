/**
 * The place each stored place key is counted under by the hot spots (CasePlaceKey.hotSpotPlaceId,
 * a HotSpotPlace: the region of its case and the key), on both databases: written when a case is
 * filed, moved when a clerk corrects the case's region, none for a party's key; and the
 * hot_spot_places migration fills it for the keys stored before it.
 */
import { describe, expect, it } from "vitest";
import type { Actor } from "../../src/domain/lifecycle/actor.ts";
import type { Db } from "../../src/storage/database.ts";
import type { DatabaseProvider } from "../../src/storage/database-url.ts";
import { createCaseWorld, type CaseWorld } from "../support/case-world.ts";
import { PROVIDERS } from "../support/databases.ts";
import { deployAgain } from "../support/deploy-again.ts";

const clerk: Actor = { kind: "clerk", id: "clerk-li" };

interface KeptPlace {
  trackingNo: string;
  key: string;
  /** The place's region and key, null when the key has none. */
  place: string | null;
}

/** Each stored key with the place kept for it, as "region|key". */
async function keptPlaces(db: Db): Promise<KeptPlace[]> {
  const rows = await db.$queryRawUnsafe<KeptPlace[]>(
    `SELECT c."trackingNo", k."key", p."regionCode" || '|' || p."key" AS "place"
    FROM "CasePlaceKey" k JOIN "Case" c ON c."id" = k."caseId"
    LEFT JOIN "HotSpotPlace" p ON p."id" = k."hotSpotPlaceId"
    ORDER BY c."trackingNo", k."key"`,
  );
  return rows;
}

/** The places of `trackingNo`'s keys that name one (crossings, landmarks, roads). */
async function placesOf(db: Db, trackingNo: string): Promise<(string | null)[]> {
  const rows = await keptPlaces(db);
  return rows.filter((row) => row.trackingNo === trackingNo).map((row) => row.place);
}

/** The place every key should have: its case's region ('' for none) and itself; none for a party. */
async function expectedPlaces(db: Db): Promise<KeptPlace[]> {
  const rows = await db.$queryRawUnsafe<KeptPlace[]>(
    `SELECT c."trackingNo", k."key",
      CASE WHEN k."key" LIKE 'party:%' THEN NULL
        ELSE COALESCE(c."regionCode", '') || '|' || k."key" END AS "place"
    FROM "CasePlaceKey" k JOIN "Case" c ON c."id" = k."caseId"
    ORDER BY c."trackingNo", k."key"`,
  );
  return rows;
}

/** The hot spots' places as they were before the hot_spot_places migration. */
const BEFORE: Record<DatabaseProvider, readonly string[]> = {
  sqlite: [
    `DROP TRIGGER "CasePlaceKey_hot_spot_place_after_update"`,
    `DROP INDEX "CasePlaceKey_hot_spot_place_cases_idx"`,
    `DROP INDEX "CasePlaceKey_hot_spot_places_idx"`,
    `ALTER TABLE "CasePlaceKey" DROP COLUMN "hotSpotPlaceId"`,
    `DROP TABLE "HotSpotPlace"`,
  ],
  postgres: [
    `DROP TRIGGER "CasePlaceKey_hot_spot_place_before_write" ON "CasePlaceKey"`,
    `DROP FUNCTION "case_place_key_hot_spot_place"`,
    `DROP INDEX "CasePlaceKey_hot_spot_place_cases_idx"`,
    `DROP INDEX "CasePlaceKey_hot_spot_places_idx"`,
    `ALTER TABLE "CasePlaceKey" DROP COLUMN "hotSpotPlaceId"`,
    `DROP TABLE "HotSpotPlace"`,
  ],
};

/**
 * Takes the database back to before the migration (its cases and keys stay), then deploys.
 * Resolves with a new client.
 */
function migrateStoredKeys(world: CaseWorld): Promise<Db> {
  return deployAgain(world, "hot_spot_places", [
    ...BEFORE[world.target.provider],
    `CREATE INDEX "CasePlaceKey_hot_spot_places_idx" ON "CasePlaceKey"("submittedAt", "status",
      "key", "regionCode", "categoryCode", "trackingNo", "latitude", "longitude")`,
  ]);
}

/** A road named with a region, one without, a crossing, and an employer (a party). */
async function fileNamedPlaces(world: CaseWorld) {
  const road = await world.file(6101, { description: "人民路井盖松动", address: "人民路" });
  const crossing = await world.file(6102, { description: "七一路和人民路交叉口红绿灯坏了" });
  const unplaced = await world.file(6103, {
    description: "建业森林半岛小区门口路灯不亮",
    region: null,
    regionSource: null,
  });
  const party = await world.file(6104, { description: "鑫源建筑公司拖欠工资三个月了" });
  return { road, crossing, unplaced, party };
}

describe.each(PROVIDERS)(
  "the hot spots' place of each key on %s",
  { timeout: 90_000 },
  (provider) => {
    it("is its case's region and the key when the case is filed, none for a party", async () => {
      const world = await createCaseWorld(provider);
      const { road, unplaced, party } = await fileNamedPlaces(world);

      const kept = await keptPlaces(world.db);

      expect(kept).toEqual(await expectedPlaces(world.db));
      expect(await placesOf(world.db, road)).toContain(
        `${await regionOf(world, road)}|road:人民路`,
      );
      expect((await placesOf(world.db, unplaced)).every((place) => place?.startsWith("|"))).toBe(
        true,
      );
      expect(
        kept.filter((row) => row.trackingNo === party && row.key.startsWith("party:")),
      ).toEqual([{ trackingNo: party, key: "party:鑫源建筑公司", place: null }]);
    });

    it("moves to the new region when a clerk corrects the case's region, and stays on other changes", async () => {
      const world = await createCaseWorld(provider);
      const { unplaced, road } = await fileNamedPlaces(world);
      const before = await placesOf(world.db, unplaced);

      await world.actions.act(unplaced, { type: "set_region", regionCode: "chuanhui" }, clerk);
      await world.actions.act(road, { type: "recategorize", categoryCode: "environment" }, clerk);

      expect(await placesOf(world.db, unplaced)).toEqual(
        before.map((place) => `chuanhui${place!}`),
      );
      expect(await keptPlaces(world.db)).toEqual(await expectedPlaces(world.db));
    });

    it("is filled by the migration for the keys stored before it", async () => {
      const world = await createCaseWorld(provider);
      await fileNamedPlaces(world);

      const db = await migrateStoredKeys(world);
      try {
        const kept = await keptPlaces(db);

        expect(kept.filter((row) => row.place !== null).length).toBeGreaterThan(3);
        expect(kept).toEqual(await expectedPlaces(db));
      } finally {
        await db.$disconnect();
      }
    });
  },
);

async function regionOf(world: CaseWorld, trackingNo: string): Promise<string> {
  const found = await world.db.case.findUniqueOrThrow({
    where: { trackingNo },
    select: { regionCode: true },
  });
  return found.regionCode ?? "";
}
