/**
 * The place keys of cases stored before they were kept (migration case_place_keys) or before
 * roads were (`road:人民路`), on both databases: the background job gives them the keys filing
 * gives, with their case's columns and their hot spot's place (the triggers); the hot spots
 * and the nearby reports then find them; it runs once per version, goes on where a stopped
 * run left off, leaves a case filed meanwhile as filed, and runs on one instance at a time.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { HotSpotReport } from "../../src/domain/places/hot-spots.ts";
import { createPlaceReader } from "../../src/domain/places/place-text.ts";
import { createNearbyCases } from "../../src/storage/case-supporters.ts";
import type { Db } from "../../src/storage/database.ts";
import { createLeaseStore } from "../../src/storage/leases.ts";
import {
  backfillPlaceKeys,
  placeKeyBatches,
  placeKeysMark,
  PLACE_KEYS_LEASE,
  type PlaceKeyBatch,
} from "../../src/storage/place-key-backfill.ts";
import { quietLogger } from "../notifications/helpers.ts";
import { createCaseWorld, type CaseWorld } from "../support/case-world.ts";
import { HOUR } from "../support/clock.ts";
import { PROVIDERS } from "../support/databases.ts";

/** Every stored key with its case's columns, its place read as region and key (not a number). */
async function storedKeys(db: Db) {
  const places = new Map(
    (await db.hotSpotPlace.findMany()).map((p) => [p.id, `${p.regionCode}|${p.key}`]),
  );
  const rows = await db.casePlaceKey.findMany({ orderBy: [{ caseId: "asc" }, { key: "asc" }] });
  return rows.map(({ hotSpotPlaceId, ...row }) => ({
    ...row,
    place: hotSpotPlaceId === null ? null : places.get(hotSpotPlaceId),
  }));
}

describe.each(PROVIDERS)(
  "the place keys of stored cases on %s",
  { timeout: 60_000 },
  (provider) => {
    let world: CaseWorld;
    let filed: Awaited<ReturnType<typeof storedKeys>>;
    let report: HotSpotReport;
    const no = {} as Record<"crossing" | "party" | "road" | "none", string>;
    const landmark: string[] = [];
    let crossingId: string;
    const logLines: string[] = [];

    const backfill = (logger = quietLogger()) =>
      backfillPlaceKeys({
        db: world.db,
        directory: world.directory,
        leases: createLeaseStore(world.db),
        clock: world.clock,
        logger,
      });
    const roadOpenCases = async () => {
      const nearby = createNearbyCases(world.db, { radiusMetres: 300 }, world.clock);
      const found = await nearby.find({
        citizenRef: "telegram:9999",
        category: "municipal",
        point: null,
        region: "chuanhui",
        placeKeys: ["road:人民路"],
      });
      return found.map((c) => c.trackingNo).sort();
    };

    beforeAll(async () => {
      world = await createCaseWorld(provider);
      const file = (userId: number, description: string, more: Record<string, unknown> = {}) =>
        world.file(userId, {
          description,
          category: "municipal",
          region: "chuanhui",
          address: null,
          ...more,
        });
      for (const [i, words] of ["路灯不亮", "垃圾没人清运", "下水道堵了"].entries()) {
        landmark.push(await file(7000 + i, `建业森林半岛小区门口${words}`));
        world.clock.advance(HOUR);
      }
      no.crossing = await file(7010, "人民路与七一路交叉口的红绿灯坏了");
      no.party = await file(7011, "鑫源建筑公司拖欠工资三个月", { category: "labor" });
      no.road = await file(7012, "井盖松动", { address: "川汇区人民路18号" });
      no.none = await file(7013, "路灯不亮");
      crossingId = (await world.db.case.findUniqueOrThrow({ where: { trackingNo: no.crossing } }))
        .id;
      filed = await storedKeys(world.db);
      report = await world.queries.hotSpots.report(world.clock.now(), 30);
    });

    /**
     * The database as an earlier version left it: no keys, but the crossing case's crossing
     * (filed after case_place_keys, before roads were kept), no place numbered but that one, and
     * no mark of this version.
     */
    beforeEach(async () => {
      await world.db.casePlaceKey.deleteMany({
        where: { NOT: { caseId: crossingId, key: { startsWith: "crossing:" } } },
      });
      await world.db.$executeRaw`DELETE FROM "HotSpotPlace"
      WHERE "id" NOT IN (SELECT "hotSpotPlaceId" FROM "CasePlaceKey" WHERE "hotSpotPlaceId" IS NOT NULL)`;
      await world.db.channelCursor.deleteMany({
        where: { name: { startsWith: "case-place-keys:" } },
      });
    });

    it("gives the stored cases the keys filing gives: crossing, landmark, party and road, with their places", async () => {
      expect(await storedKeys(world.db)).toHaveLength(1);
      expect(await roadOpenCases()).toEqual([]);

      const done = await backfill(quietLogger(logLines));

      expect(done).toEqual({ read: 7, added: filed.length - 1 });
      const keys = await storedKeys(world.db);
      expect(keys).toEqual(filed);
      const named = (trackingNo: string) =>
        keys.filter((k) => k.trackingNo === trackingNo).map((k) => [k.key, k.place]);
      expect(named(no.crossing)).toEqual([
        ["crossing:七一路+人民路", "chuanhui|crossing:七一路+人民路"],
        ["road:七一路", "chuanhui|road:七一路"],
        ["road:人民路", "chuanhui|road:人民路"],
      ]);
      expect(named(landmark[0]!)).toEqual([
        ["landmark:建业森林半岛小区", "chuanhui|landmark:建业森林半岛小区"],
      ]);
      // A party names no place: the hot spots do not count it.
      expect(named(no.party)).toEqual([["party:鑫源建筑公司", null]]);
      expect(named(no.road)).toEqual([["road:人民路", "chuanhui|road:人民路"]]);
      expect(named(no.none)).toEqual([]);
      expect(await placeKeysMark(world.db).isDone()).toBe(true);
    });

    it("lets the hot spots and the nearby reports find them", async () => {
      const forgotten = await world.queries.hotSpots.report(world.clock.now(), 30);
      expect(forgotten.repeatedPlaces.items).toEqual([]);

      await backfill();

      expect(await world.queries.hotSpots.report(world.clock.now(), 30)).toEqual(report);
      expect(report.repeatedPlaces.items).toContainEqual(
        expect.objectContaining({
          place: expect.objectContaining({ name: "建业森林半岛小区" }),
          caseIds: [...landmark].reverse(),
        }),
      );
      expect(await roadOpenCases()).toEqual([no.crossing, no.road].sort());
    });

    it("logs counts only, never a citizen's words", async () => {
      const lines: string[] = [];
      await backfill(quietLogger(lines));

      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]!)).toMatchObject({ read: 7, added: filed.length - 1 });
      expect(lines[0]).not.toMatch(/路|小区|公司/);
    });

    it("adds nothing when run again, nor when a new version finds the keys there", async () => {
      await backfill();

      expect(await backfill()).toEqual({ read: 0, added: 0 });
      await world.db.channelCursor.deleteMany({ where: { name: "case-place-keys:version" } });
      expect(await backfill()).toEqual({ read: 7, added: 0 });
      expect(await storedKeys(world.db)).toEqual(filed);
    });

    it("goes on where a stopped run left off, and leaves a case filed meanwhile as filed", async () => {
      const reader = createPlaceReader(world.directory);
      let first: PlaceKeyBatch | undefined;
      for await (const batch of placeKeyBatches(world.db, reader, 2)) {
        first = batch;
        break; // stopped (or crashed) after its first batch
      }
      expect(first).toEqual({ read: 2, added: 2 });
      expect(await placeKeysMark(world.db).isDone()).toBe(false);
      const meanwhile = await world.file(7020, {
        description: "井盖丢了",
        region: "chuanhui",
        address: "人民路",
      });

      const rest = await backfill();

      expect(rest).toEqual({ read: 5 + 1, added: filed.length - 1 - 2 });
      const keys = await storedKeys(world.db);
      expect(keys.filter((k) => k.trackingNo === meanwhile).map((k) => k.key)).toEqual([
        "road:人民路",
      ]);
      expect(keys.filter((k) => k.trackingNo !== meanwhile)).toEqual(filed);
      await world.db.case.delete({ where: { trackingNo: meanwhile } });
    });

    it("writes each key once when two runs meet (a lease lost mid-run)", async () => {
      const reader = createPlaceReader(world.directory);
      const drain = async () => {
        let added = 0;
        for await (const batch of placeKeyBatches(world.db, reader, 2)) added += batch.added;
        return added;
      };

      const [one, other] = await Promise.all([drain(), drain()]);

      expect(one + other).toBe(filed.length - 1);
      expect(await storedKeys(world.db)).toEqual(filed);
    });

    it("leaves the work to the instance holding the lease", async () => {
      const leases = createLeaseStore(world.db);
      const now = world.clock.now().getTime();
      expect(await leases.acquireLease(PLACE_KEYS_LEASE, "other-instance", now, 60_000)).toBe(true);

      expect(await backfill()).toEqual({ read: 0, added: 0 });
      expect(await storedKeys(world.db)).toHaveLength(1);
      await leases.releaseLease(PLACE_KEYS_LEASE, "other-instance");
      expect(await backfill()).toEqual({ read: 7, added: filed.length - 1 });
    });
  },
);
