/**
 * What the hot spots read instead of joining cases, on both databases: the live cases per UTC
 * day and category ("CaseCategoryDay", with the day's first), and the case columns copied onto
 * each place key ("CasePlaceKey") and each pair of repeats ("CaseRepeat"). After filings, a
 * recategorisation, a region set, a merge, a withdrawal, a case not accepted (the day's first of
 * its category, so the first moves on), a deletion and the background job writing pairs again,
 * they equal what a GROUP BY or a join of the cases gives.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadDuplicateScorer } from "../../src/classification/duplicate-scorer.ts";
import type { Actor } from "../../src/domain/lifecycle/actor.ts";
import { createLogger } from "../../src/logging/logger.ts";
import { linkStoredRepeats } from "../../src/storage/repeat-links.ts";
import { createCaseWorld, type CaseWorld } from "../support/case-world.ts";
import { DAY, HOUR } from "../support/clock.ts";
import { PROVIDERS } from "../support/databases.ts";

const clerk: Actor = { kind: "clerk", id: "clerk-li" };
const LIVE = `NOT IN ('merged', 'withdrawn', 'not_accepted')`;

interface DayRow {
  day: string;
  categoryCode: string;
  cases: number;
  firstAt: string;
}

describe.each(PROVIDERS)("the hot spots' summaries on %s", { timeout: 60_000 }, (provider) => {
  let world: CaseWorld;
  let secondAt: Date;
  const day = (column: string) =>
    provider === "sqlite" ? `substr(${column}, 1, 10)` : `to_char(${column}, 'YYYY-MM-DD')`;

  /** The kept counts per day and category, days left empty out. */
  async function keptDays(): Promise<DayRow[]> {
    const rows = await world.db.$queryRawUnsafe<DayRow[]>(
      `SELECT "day", "categoryCode", "cases", "firstAt" FROM "CaseCategoryDay" WHERE "cases" <> 0`,
    );
    return sortedDays(rows);
  }

  /** The same counted afresh from the live cases. */
  async function countedDays(): Promise<DayRow[]> {
    const rows = await world.db.$queryRawUnsafe<DayRow[]>(
      `SELECT ${day(`"submittedAt"`)} AS "day", "categoryCode", COUNT(*) AS "cases",
        MIN("submittedAt") AS "firstAt"
      FROM "Case" WHERE "status" ${LIVE} GROUP BY 1, 2`,
    );
    return sortedDays(rows);
  }

  /** Each place key's copies beside its case's columns. */
  async function placeKeyCopies() {
    return world.db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT k."trackingNo" AS "keptTrackingNo", c."trackingNo",
        k."categoryCode" AS "keptCategoryCode", c."categoryCode",
        k."regionCode" AS "keptRegionCode", c."regionCode",
        CAST(k."status" AS TEXT) AS "keptStatus", CAST(c."status" AS TEXT) AS "status",
        k."latitude" AS "keptLatitude", c."latitude", k."longitude" AS "keptLongitude", c."longitude"
      FROM "CasePlaceKey" k JOIN "Case" c ON c."id" = k."caseId"`,
    );
  }

  /** Each pair's copies beside its two cases' columns. */
  async function pairCopies() {
    return world.db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT r."citizenId" AS "keptCitizenId", e."citizenId", r."earlierNo" AS "keptEarlierNo",
        e."trackingNo" AS "earlierNo", r."earlierAt" AS "keptEarlierAt", e."submittedAt" AS "earlierAt",
        CAST(r."earlierStatus" AS TEXT) AS "keptEarlierStatus", CAST(e."status" AS TEXT) AS "earlierStatus",
        r."earlierLat" AS "keptEarlierLat", e."latitude" AS "earlierLat",
        r."earlierLng" AS "keptEarlierLng", e."longitude" AS "earlierLng",
        r."laterNo" AS "keptLaterNo", l."trackingNo" AS "laterNo",
        CAST(r."laterStatus" AS TEXT) AS "keptLaterStatus", CAST(l."status" AS TEXT) AS "laterStatus",
        r."laterLat" AS "keptLaterLat", l."latitude" AS "laterLat",
        r."laterLng" AS "keptLaterLng", l."longitude" AS "laterLng"
      FROM "CaseRepeat" r JOIN "Case" e ON e."id" = r."earlierId" JOIN "Case" l ON l."id" = r."laterId"`,
    );
  }

  beforeAll(async () => {
    world = await createCaseWorld(provider);
    const act = world.actions.act;
    const file = async (userId: number, overrides: Parameters<CaseWorld["file"]>[1] = {}) => {
      world.clock.advance(HOUR);
      return world.file(userId, overrides);
    };
    const located = { location: { latitude: 33.6301, longitude: 114.6502 } };
    // A day: the first municipal case is not accepted later, so the day's first moves on.
    const first = await file(6000, { description: "人民路路灯不亮", address: "人民路" });
    await file(6001, { description: "人民路井盖松动", address: "人民路", ...located });
    secondAt = world.clock.now();
    const smoke = "楼下烧烤店油烟太大，熏得没法开窗";
    const repeated = await file(6002, { description: smoke, address: "交通路", ...located });
    world.clock.advance(DAY);
    // The next day: the citizen again (a pair), a case moved to another category, one to a region.
    const again = await file(6002, { description: `又来反映：${smoke}`, address: "交通路" });
    const wages = await file(6003, { description: "工地拖欠工资三个月了", category: "labor" });
    const lamp = await file(6004, {
      description: "建业森林半岛小区门口路灯不亮",
      region: null,
      regionSource: null,
    });
    const doubled = await file(6005, { description: "人民路井盖又松了", address: "人民路" });
    const withdrawn = await file(6006, { description: "楼道灯不亮", address: "人民路" });
    const deleted = await file(6007, { description: "人民路垃圾没人清运", address: "人民路" });

    await act(first, { type: "not_accept", reason: "不属于受理范围", channel: null }, clerk);
    await act(wages, { type: "recategorize", categoryCode: "municipal" }, clerk);
    await act(lamp, { type: "set_region", regionCode: "chuanhui" }, clerk);
    await act(again, { type: "recategorize", categoryCode: "environment" }, clerk);
    await act(again, { type: "recategorize", categoryCode: "municipal" }, clerk);
    await act(doubled, { type: "merge", intoTrackingNo: repeated }, clerk);
    await act(withdrawn, { type: "withdraw" }, { kind: "citizen", id: "telegram:6006" });
    await world.db.case.delete({ where: { trackingNo: deleted } });
    // The background job writes the pairs of stored cases again (its inserts, not the filing's).
    await world.db.caseRepeat.deleteMany({});
    await linkStoredRepeats(
      world.db,
      await loadDuplicateScorer(world.directory),
      world.clock,
      createLogger("silent"),
    );
  });

  it("counts the live cases per day and category, with each day's first, as a GROUP BY does", async () => {
    const fresh = await countedDays();

    expect(fresh.length).toBeGreaterThanOrEqual(2);
    expect(await keptDays()).toEqual(fresh);
  });

  it("moves the day's first on when the first case of its category is not accepted", async () => {
    const [firstDay] = await keptDays();

    expect(firstDay).toMatchObject({ categoryCode: "municipal", firstAt: secondAt.toISOString() });
  });

  it("keeps on every place key its case's tracking number, category, region, status and position", async () => {
    const rows = await placeKeyCopies();

    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) expect(keptOf(row)).toEqual(casesOf(row));
  });

  it("keeps on every pair of repeats its two cases' columns", async () => {
    const rows = await pairCopies();

    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(keptOf(row)).toEqual(casesOf(row));
  });
});

/** The columns named kept… of a row, under the name of the case's column beside each. */
function keptOf(row: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row)) {
    if (!name.startsWith("kept")) continue;
    const column = name.slice(4);
    kept[column.charAt(0).toLowerCase() + column.slice(1)] = normal(value);
  }
  return kept;
}

/** The other columns of a row: the cases' own. */
function casesOf(row: Record<string, unknown>): Record<string, unknown> {
  const cases: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row)) {
    if (!name.startsWith("kept")) cases[name] = normal(value);
  }
  return cases;
}

function normal(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

function sortedDays(rows: DayRow[]): DayRow[] {
  return rows
    .map((row) => ({
      ...row,
      cases: Number(row.cases),
      firstAt: new Date(row.firstAt).toISOString(),
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
