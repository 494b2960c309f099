/**
 * The hot spots of a period (src/domain/places/hot-spots.ts) at a city's volume: the
 * application reads the candidates of each finding (HotSpotCandidates) from rows kept for it
 * (migration hot_spot_summaries: triggers keep them in the same transaction as every change),
 * from indexes alone, joining no case, so memory and time grow with the period's cases that
 * are located, name a place or repeat, not with the cases stored.
 *
 * - categories rising: the period's whole days summed from CaseCategoryDay (live cases per UTC
 *   day and category), only its partial days' cases counted;
 * - clusters: the period's located cases (a few columns, from an index of locatedAt holding
 *   them), clustered exactly in a grid of the cluster radius;
 * - places named again: the period's CasePlaceKey rows, which carry their case's columns,
 *   grouped per region and key in the database: each repeated place's count, categories, box
 *   and newest LISTED_CASES tracking numbers (the report lists no more), one row per place;
 * - repeats: the pairs of likely repeats stored when the cases were filed (CaseRepeat, see
 *   src/storage/repeat-links.ts), which carry their two cases' columns, whose
 *   two cases are live and in the repeat window: no text is read or compared, no case joined.
 *
 * Merged, withdrawn and not-accepted cases do not count.
 */
import { IGNORED_DUPLICATE_STATUSES } from "../../domain/lifecycle/possible-duplicates.ts";
import { placeKeyOf } from "../../domain/places/duplicates.ts";
import {
  DEFAULT_CLUSTER_SETTINGS,
  hotSpotReport,
  LISTED_CASES,
  type CategoryCount,
  type HotSpotCandidates,
  type HotSpotCase,
  type HotSpotReport,
  type PlaceGroup,
  type RepeatCase,
} from "../../domain/places/hot-spots.ts";
import type { Db } from "../database.ts";
import { plainSqlOf } from "../plain-sql.ts";
import { enumIn, indexedBy, sql, toNumber, type Dialect, type Sql } from "./sql.ts";

const DAY_MS = 86_400_000;

/** A citizen's repeat may come this long after the first case (60 days' handling + 30). */
export const REPEAT_WINDOW_DAYS = 90;

interface LocatedRow {
  trackingNo: string;
  categoryCode: string;
  latitude: number;
  longitude: number;
  submittedAt: Date | string;
}

/** A place named in the period, its cases' categories and tracking numbers space-separated. */
interface PlaceRow {
  region: string;
  key: string;
  cases: unknown;
  firstAt: Date | string;
  south: number | null;
  west: number | null;
  north: number | null;
  east: number | null;
  categories: string;
  newest: string;
}

interface PairRow {
  earlier: string;
  citizen: string;
  earlierAt: Date | string;
  earlierLat: number | null;
  earlierLng: number | null;
  later: string;
  laterAt: Date | string;
  laterLat: number | null;
  laterLng: number | null;
}

interface CountRow {
  category: string;
  current: unknown;
  previous: unknown;
  firstAt: Date | string | null;
}

interface Window {
  readonly from: Date;
  readonly to: Date;
}

/** The first `n` space-separated words of `text`. */
function firstWords(text: string, n: number): string[] {
  let end = -1;
  for (let i = 0; i < n; i++) {
    end = text.indexOf(" ", end + 1);
    if (end < 0) return text.split(" ");
  }
  return text.slice(0, end).split(" ");
}

/** The UTC day of an instant, as CaseCategoryDay keys it (YYYY-MM-DD). */
function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The start of the UTC day `day` plus `days` days. */
function dayStart(day: string, days: number): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS);
}

export function createHotSpotQuery(db: Db, dialect: Dialect) {
  // Straight through the driver: Prisma's $queryRaw costs more CPU than the statements
  // themselves for the tens of thousands of rows a month's places and pairs are at 1M cases.
  const plain = plainSqlOf(db);
  const liveStatus = (column: Sql) =>
    sql`NOT (${enumIn(dialect, column, "CaseStatus", IGNORED_DUPLICATE_STATUSES)})`;
  const liveCase = (alias: Sql) => liveStatus(sql`${alias}."status"`);
  const live = liveCase(sql`c`);
  // The period's cases read from this index alone. SQLite is told so: without statistics of
  // the index (a migration adds it after a database's ANALYZE, if any) it walks another.
  const periodIndex = indexedBy(dialect, "Case_submittedAt_status_categoryCode_citizenId_id_idx");
  const locatedIndex = indexedBy(dialect, "Case_hot_spot_located_idx");
  const placesIndex = indexedBy(dialect, "CasePlaceKey_hot_spot_places_idx");
  const pairsIndex = indexedBy(dialect, "CaseRepeat_hot_spot_pairs_idx");

  /**
   * Per category, its live cases of `period` and of `before` (the days before it), and the first
   * one's submittedAt in `period`: the whole UTC days from CaseCategoryDay, the three partial
   * days (where `before` begins, where `period` begins, where it ends) counted from the index.
   */
  async function categoryCounts(period: Window, before: Window): Promise<CategoryCount[]> {
    const [beforeDay, periodDay, lastDay] = [
      dayOf(before.from),
      dayOf(period.from),
      dayOf(period.to),
    ];
    const partial = (from: Date, to: Sql) =>
      sql`SELECT c."categoryCode" AS "category",
          SUM(CASE WHEN c."submittedAt" >= ${period.from} THEN 1 ELSE 0 END) AS "current",
          SUM(CASE WHEN c."submittedAt" < ${period.from} THEN 1 ELSE 0 END) AS "previous",
          MIN(CASE WHEN c."submittedAt" >= ${period.from} THEN c."submittedAt" END) AS "firstAt"
        FROM "Case" c${periodIndex}
        WHERE c."submittedAt" >= ${from} AND ${to} AND ${live}
        GROUP BY c."categoryCode"`;
    const rows = await plain.query<CountRow>(sql`
      SELECT d."categoryCode" AS "category",
        SUM(CASE WHEN d."day" > ${periodDay} THEN d."cases" ELSE 0 END) AS "current",
        SUM(CASE WHEN d."day" < ${periodDay} THEN d."cases" ELSE 0 END) AS "previous",
        MIN(CASE WHEN d."day" > ${periodDay} THEN d."firstAt" END) AS "firstAt"
      FROM "CaseCategoryDay" d
      WHERE d."day" > ${beforeDay} AND d."day" < ${lastDay} AND d."day" <> ${periodDay}
        AND d."cases" > 0
      GROUP BY d."categoryCode"
      UNION ALL ${partial(before.from, sql`c."submittedAt" < ${dayStart(beforeDay, 1)}`)}
      UNION ALL ${partial(dayStart(periodDay, 0), sql`c."submittedAt" < ${dayStart(periodDay, 1)}`)}
      UNION ALL ${partial(dayStart(lastDay, 0), sql`c."submittedAt" <= ${period.to}`)}`);
    const counts = new Map<string, { current: number; previous: number; first: number }>();
    for (const row of rows) {
      const count = counts.get(row.category) ?? { current: 0, previous: 0, first: Infinity };
      const first = row.firstAt === null ? Infinity : new Date(row.firstAt).getTime();
      counts.set(row.category, {
        current: count.current + toNumber(row.current),
        previous: count.previous + toNumber(row.previous),
        first: Math.min(count.first, first),
      });
    }
    // In the order of their first case in the period (those without one last), as the domain's
    // report over every case lists them.
    return [...counts]
      .filter(([, count]) => count.current > 0 || count.previous > 0)
      .sort(([a, x], [b, y]) => x.first - y.first || (a < b ? -1 : 1))
      .map(([category, { current, previous }]) => ({ category, current, previous }));
  }

  /**
   * The period's located cases, from an index of `locatedAt` (submittedAt when the case has
   * coordinates) holding the columns read: only those are read, however many cases have no
   * position, and no case row.
   */
  const locatedWithin = ({ from, to }: Window): Sql =>
    sql`c."locatedAt" >= ${from} AND c."locatedAt" <= ${to} AND ${live}`;

  /**
   * The period's located cases, for the exact clustering (findClusters buckets them in a grid of
   * the cluster radius and looks at nine cells per case). Grouping the grid's cells in the
   * database first cost more than reading the rows: at 1M cases PostgreSQL took 409 ms to group
   * 14,664 cases' 11,022 cells.
   */
  async function locatedCases(period: Window): Promise<HotSpotCase[]> {
    const rows = await plain.query<LocatedRow>(sql`
      SELECT c."trackingNo", c."categoryCode", c."latitude", c."longitude",
        c."locatedAt" AS "submittedAt"
      FROM "Case" c${locatedIndex}
      WHERE ${locatedWithin(period)}
      ORDER BY c."locatedAt", c."trackingNo"`);
    return rows.map((row) => ({
      id: row.trackingNo,
      category: row.categoryCode,
      region: null,
      point: { latitude: row.latitude, longitude: row.longitude },
      placeKeys: [],
      submittedAt: new Date(row.submittedAt),
    }));
  }

  /**
   * The places the period's cases name, grouped in the database (GROUP BY region and key over
   * the keys' own index, which carries their case's columns: no case joined), only those named
   * by enough cases to be repeated (the domain's minCases): each one's count, first
   * submittedAt, box, its cases' categories and its tracking numbers newest first, the last two
   * as one string each (string_agg), of which the newest LISTED_CASES are kept. The
   * application reads one row per place, not the tens of thousands of keys a month has at 1M
   * cases (their row objects cost more than the statement).
   */
  async function placeGroups(period: Window): Promise<PlaceGroup[]> {
    const region = sql`COALESCE(k."regionCode", '')`;
    const rows = await plain.query<PlaceRow>(sql`
      SELECT ${region} AS "region", k."key", COUNT(*) AS "cases",
        MIN(k."submittedAt") AS "firstAt",
        MIN(k."latitude") AS "south", MIN(k."longitude") AS "west",
        MAX(k."latitude") AS "north", MAX(k."longitude") AS "east",
        string_agg(k."categoryCode", ' ') AS "categories",
        string_agg(k."trackingNo", ' ' ORDER BY k."submittedAt" DESC, k."trackingNo" DESC) AS "newest"
      FROM "CasePlaceKey" k${placesIndex}
      WHERE k."submittedAt" >= ${period.from} AND k."submittedAt" <= ${period.to}
        AND ${liveCase(sql`k`)} AND k."key" NOT LIKE ${"party:%"}
      GROUP BY ${region}, k."key"
      HAVING COUNT(*) >= ${DEFAULT_CLUSTER_SETTINGS.minCases}`);
    return rows.map((row) => {
      const counts = new Map<string, number>();
      for (const category of row.categories.split(" ")) {
        counts.set(category, (counts.get(category) ?? 0) + 1);
      }
      return {
        region: row.region === "" ? null : row.region,
        place: placeKeyOf(row.key),
        caseCount: toNumber(row.cases),
        firstAt: new Date(row.firstAt),
        categories: [...counts].map(([category, cases]) => ({ category, cases })),
        bounds:
          row.south === null || row.west === null || row.north === null || row.east === null
            ? null
            : {
                minLatitude: row.south,
                maxLatitude: row.north,
                minLongitude: row.west,
                maxLongitude: row.east,
              },
        newest: firstWords(row.newest, LISTED_CASES),
      };
    });
  }

  /**
   * The likely repeats of the repeat window (CaseRepeat, decided when the cases were filed or a
   * clerk corrected one: src/storage/repeat-links.ts) whose two cases are live and in it, with
   * those cases' columns stored on the pair: no text is read, no case joined.
   */
  async function repeatPairs({ from, to }: Window): Promise<HotSpotCandidates["repeats"]> {
    const rows = await plain.query<PairRow>(sql`
      SELECT r."earlierNo" AS "earlier", r."citizenId" AS "citizen", r."earlierAt",
        r."earlierLat", r."earlierLng", r."laterNo" AS "later", r."submittedAt" AS "laterAt",
        r."laterLat", r."laterLng"
      FROM "CaseRepeat" r${pairsIndex}
      WHERE r."submittedAt" >= ${from} AND r."submittedAt" <= ${to} AND r."earlierAt" >= ${from}
        AND ${liveStatus(sql`r."earlierStatus"`)} AND ${liveStatus(sql`r."laterStatus"`)}`);
    const cases = new Map<string, RepeatCase>();
    const add = (
      id: string,
      citizen: string,
      at: Date | string,
      lat: number | null,
      lng: number | null,
    ) =>
      cases.set(id, {
        id,
        citizen,
        submittedAt: new Date(at),
        point: lat !== null && lng !== null ? { latitude: lat, longitude: lng } : null,
      });
    for (const row of rows) {
      add(row.earlier, row.citizen, row.earlierAt, row.earlierLat, row.earlierLng);
      add(row.later, row.citizen, row.laterAt, row.laterLat, row.laterLng);
    }
    return {
      // In the order the domain's report reads them: submittedAt, then the tracking number.
      cases: [...cases.values()].sort(
        (a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || (a.id < b.id ? -1 : 1),
      ),
      links: rows.map(({ earlier, later }) => ({ earlier, later })),
    };
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
      const [counts, located, places, repeated] = await Promise.all([
        categoryCounts(period, before),
        locatedCases(period),
        placeGroups(period),
        repeatPairs(repeats),
      ]);
      return hotSpotReport({
        ...period,
        categoryCounts: counts,
        located,
        places,
        repeats: repeated,
      });
    },
  };
}

export type HotSpotQuery = ReturnType<typeof createHotSpotQuery>;
