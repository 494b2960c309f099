/**
 * The hot spots of a period (src/domain/places/hot-spots.ts) at a city's volume:
 * the database groups and the application reads only the candidates of a finding
 * (HotSpotCandidates), so memory and time grow with the findings, not the cases.
 *
 * - categories rising: one GROUP BY category over this period and the one before;
 * - clusters: the period's located cases counted per category and grid cell of about
 *   the cluster radius (each cell's count added to its nine blocks in one GROUP BY, and
 *   the cells next to a dense one joined on equality: no pair of cells is compared, and
 *   nothing is computed per case); only the cases in or next to a non-empty cell whose
 *   3×3 block holds `minCases` are read, and the exact clustering runs on those;
 * - places named again: CasePlaceKey grouped per region and key, the cases of the
 *   groups with `minCases` read;
 * - repeats: the cases of citizens with two or more of one category in the repeat window,
 *   counted by a window over an index of the period (submittedAt, status, categoryCode,
 *   citizenId, id), so only those cases' rows are read.
 *
 * Merged, withdrawn and not-accepted cases do not count.
 */
import { IGNORED_DUPLICATE_STATUSES } from "../../domain/lifecycle/possible-duplicates.ts";
import { placeKeyOf, type DuplicateScorer } from "../../domain/places/duplicates.ts";
import {
  DEFAULT_CLUSTER_SETTINGS,
  clusterCells,
  hotSpotReport,
  type CategoryCount,
  type HotSpotCase,
  type HotSpotReport,
  type ReportedCase,
} from "../../domain/places/hot-spots.ts";
import type { Db } from "../database.ts";
import { duplicateFactsOf, type DuplicateFactColumns } from "./duplicates.ts";
import { enumIn, indexedBy, sql, toNumber, type Dialect, type Sql } from "./sql.ts";

const DAY_MS = 86_400_000;

/** A citizen's repeat may come this long after the first case (60 days' handling + 30). */
export const REPEAT_WINDOW_DAYS = 90;

/** A citizen with this many cases in the repeat window may be repeating one matter. */
const MIN_REPEATS = 2;

interface LocatedRow {
  trackingNo: string;
  categoryCode: string;
  latitude: number;
  longitude: number;
  submittedAt: Date | string;
}

interface NamingRow {
  trackingNo: string;
  categoryCode: string;
  regionCode: string | null;
  latitude: number | null;
  longitude: number | null;
  submittedAt: Date | string;
  key: string;
}

type CitizenRow = DuplicateFactColumns & { trackingNo: string };

interface Window {
  readonly from: Date;
  readonly to: Date;
}

export function createHotSpotQuery(db: Db, dialect: Dialect, scorer: DuplicateScorer) {
  const live = sql`NOT (${enumIn(dialect, sql`c."status"`, "CaseStatus", IGNORED_DUPLICATE_STATUSES)})`;
  const within = ({ from, to }: Window): Sql =>
    sql`c."submittedAt" >= ${from} AND c."submittedAt" <= ${to} AND ${live}`;
  const { radiusMetres, minCases } = DEFAULT_CLUSTER_SETTINGS;
  // The period's cases read from this index alone. SQLite is told so: without statistics of
  // the index (a migration adds it after a database's ANALYZE, if any) it walks another.
  const periodIndex = indexedBy(dialect, "Case_submittedAt_status_categoryCode_citizenId_id_idx");

  async function categoryCounts(period: Window, before: Window): Promise<CategoryCount[]> {
    const rows = await db.$queryRaw<{ category: string; current: unknown; previous: unknown }[]>`
      SELECT c."categoryCode" AS "category",
        SUM(CASE WHEN c."submittedAt" >= ${period.from} THEN 1 ELSE 0 END) AS "current",
        SUM(CASE WHEN c."submittedAt" < ${period.from} THEN 1 ELSE 0 END) AS "previous"
      FROM "Case" c${periodIndex}
      WHERE ${within({ from: before.from, to: period.to })}
      GROUP BY c."categoryCode"
      ORDER BY MIN(CASE WHEN c."submittedAt" >= ${period.from} THEN c."submittedAt" END), c."categoryCode"`;
    return rows.map((row) => ({
      category: row.category,
      current: toNumber(row.current),
      previous: toNumber(row.previous),
    }));
  }

  /**
   * The period's located cases, through the index of `locatedAt` (submittedAt when the case has
   * coordinates): only those are read, however many cases have no position.
   */
  const locatedWithin = ({ from, to }: Window): Sql =>
    sql`c."locatedAt" >= ${from} AND c."locatedAt" <= ${to} AND ${live}`;

  /** The located cases of the period in or next to a grid cell whose 3×3 block holds minCases. */
  async function locatedCandidates(period: Window): Promise<HotSpotCase[]> {
    const [bounds] = await db.$queryRaw<{ low: number | null; high: number | null }[]>`
      SELECT MIN(c."latitude") AS "low", MAX(c."latitude") AS "high" FROM "Case" c
      WHERE ${locatedWithin(period)}`;
    if (bounds?.low === null || bounds?.high === null || bounds === undefined) return [];
    const cell = clusterCells(radiusMetres, Math.max(Math.abs(bounds.low), Math.abs(bounds.high)));
    const rows = await db.$queryRaw<LocatedRow[]>`
      WITH located AS (
        SELECT c."trackingNo", c."categoryCode", c."latitude", c."longitude", c."submittedAt",
          FLOOR(c."latitude" / ${cell.latitude}) AS "row",
          FLOOR(c."longitude" / ${cell.longitude}) AS "col"
        FROM "Case" c
        WHERE ${locatedWithin(period)}
      ), around ("dr", "dc") AS (
        VALUES (-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 0), (0, 1), (1, -1), (1, 0), (1, 1)
      ), cells AS (
        SELECT "categoryCode", "row", "col", COUNT(*) AS "n"
        FROM located GROUP BY "categoryCode", "row", "col"
      ), blocks AS (
        SELECT c."categoryCode", c."row" + o."dr" AS "row", c."col" + o."dc" AS "col",
          SUM(c."n") AS "n"
        FROM cells c CROSS JOIN around o
        GROUP BY c."categoryCode", c."row" + o."dr", c."col" + o."dc"
      ), near AS (
        SELECT DISTINCT b."categoryCode", b."row" + o."dr" AS "row", b."col" + o."dc" AS "col"
        FROM blocks b
        JOIN cells c ON c."categoryCode" = b."categoryCode" AND c."row" = b."row"
          AND c."col" = b."col"
        CROSS JOIN around o
        WHERE b."n" >= ${minCases}
      )
      SELECT l."trackingNo", l."categoryCode", l."latitude", l."longitude", l."submittedAt"
      FROM located l
      JOIN near n ON n."categoryCode" = l."categoryCode" AND n."row" = l."row"
        AND n."col" = l."col"
      ORDER BY l."submittedAt", l."trackingNo"`;
    return rows.map((row) => ({
      id: row.trackingNo,
      category: row.categoryCode,
      region: null,
      point: { latitude: row.latitude, longitude: row.longitude },
      placeKeys: [],
      submittedAt: new Date(row.submittedAt),
    }));
  }

  /** The period's cases naming a street, crossing or landmark that minCases cases of one region name. */
  async function namingCandidates(period: Window): Promise<HotSpotCase[]> {
    // Counted over the period's rows in one pass (a window, whose partitions put the cases
    // without a region together), not joined back by key: a key's cases of other periods
    // would be read to be thrown away.
    const rows = await db.$queryRaw<NamingRow[]>`
      SELECT n."trackingNo", n."categoryCode", n."regionCode", n."latitude", n."longitude",
        n."submittedAt", n."key"
      FROM (
        SELECT c."trackingNo", c."categoryCode", c."regionCode", c."latitude", c."longitude",
          c."submittedAt", k."key",
          COUNT(*) OVER (PARTITION BY c."regionCode", k."key") AS "naming"
        FROM "Case" c JOIN "CasePlaceKey" k ON k."caseId" = c."id"
        WHERE ${within(period)} AND k."key" NOT LIKE ${"party:%"}
      ) n
      WHERE n."naming" >= ${minCases}
      ORDER BY n."submittedAt", n."trackingNo", n."key"`;
    const cases = new Map<
      string,
      HotSpotCase & { placeKeys: HotSpotCase["placeKeys"][number][] }
    >();
    for (const row of rows) {
      const found = cases.get(row.trackingNo) ?? {
        id: row.trackingNo,
        category: row.categoryCode,
        region: row.regionCode,
        point:
          row.latitude !== null && row.longitude !== null
            ? { latitude: row.latitude, longitude: row.longitude }
            : null,
        placeKeys: [],
        submittedAt: new Date(row.submittedAt),
      };
      found.placeKeys.push(placeKeyOf(row.key));
      cases.set(row.trackingNo, found);
    }
    return [...cases.values()];
  }

  /**
   * The repeat window's cases of citizens with MIN_REPEATS or more in it in one category: the
   * scorer calls two cases of other categories "possible" at most, never "likely", so only
   * these can repeat a matter (and the domain prepares only those of them that a pair's
   * columns do not tell apart: the costly part of the report).
   */
  async function citizenCandidates(window: Window): Promise<ReportedCase[]> {
    // Counted from the index over the window; only the counted cases' rows are read, by id.
    const repeating = sql`SELECT r."id" FROM (
        SELECT c."id", COUNT(*) OVER (PARTITION BY c."citizenId", c."categoryCode") AS "filed"
        FROM "Case" c${periodIndex} WHERE ${within(window)}
      ) r
      WHERE r."filed" >= ${MIN_REPEATS}`;
    // PostgreSQL cannot estimate the window's filter and reads the whole table to join an IN;
    // an array of ids it looks up one by one.
    const counted =
      dialect === "postgres" ? sql`= ANY(ARRAY(${repeating}))` : sql`IN (${repeating})`;
    const rows = await db.$queryRaw<CitizenRow[]>`
      SELECT c."trackingNo", c."description", c."categoryCode", c."regionCode", c."address",
        c."latitude", c."longitude", c."submittedAt", c."citizenId", c."answeredAt", c."closedAt"
      FROM "Case" c
      WHERE c."id" ${counted}
      ORDER BY c."submittedAt", c."trackingNo"`;
    return rows.map((row) => ({ trackingNo: row.trackingNo, facts: duplicateFactsOf(row) }));
  }

  return {
    /** The report of the `days` before `now`; the rise is against the `days` before those. */
    async report(now: Date, days: number): Promise<HotSpotReport> {
      const period = { from: new Date(now.getTime() - days * DAY_MS), to: now };
      const before = { from: new Date(period.from.getTime() - days * DAY_MS), to: period.from };
      const repeats = {
        from: new Date(now.getTime() - Math.max(days, REPEAT_WINDOW_DAYS) * DAY_MS),
        to: now,
      };
      const [counts, located, naming, citizens] = await Promise.all([
        categoryCounts(period, before),
        locatedCandidates(period),
        namingCandidates(period),
        citizenCandidates(repeats),
      ]);
      return hotSpotReport({
        ...period,
        categoryCounts: counts,
        located,
        naming,
        citizens,
        scorer,
      });
    },
  };
}

export type HotSpotQuery = ReturnType<typeof createHotSpotQuery>;
