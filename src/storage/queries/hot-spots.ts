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
 * - places named again: the period's CasePlaceKey rows, which carry their case's columns and
 *   the number of their place (HotSpotPlace: region and key), grouped per place, ordered,
 *   counted and paged in the database: only the page's places get their box, categories and
 *   newest LISTED_CASES tracking numbers;
 * - repeats: the pairs of likely repeats stored when the cases were filed (CaseRepeat, see
 *   src/storage/repeat-links.ts), which carry their two cases' columns, whose
 *   two cases are live and in the repeat window: no text is read or compared, no case joined.
 *
 * Of each kind the report holds a page (the first LISTED_FINDINGS unless asked for another) and
 * the kind's total; `findings` reads one kind's page alone, for the console's "more".
 *
 * Merged, withdrawn and not-accepted cases do not count.
 */
import { IGNORED_DUPLICATE_STATUSES } from "../../domain/lifecycle/possible-duplicates.ts";
import { placeKeyOf } from "../../domain/places/duplicates.ts";
import {
  clustersIn,
  DEFAULT_CLUSTER_SETTINGS,
  findRisingCategories,
  FIRST_FINDINGS,
  LISTED_CASES,
  listedOf,
  repeatComplaintsIn,
  repeatedPlacesOf,
  type CategoryCount,
  type FindingKind,
  type FindingsPage,
  type HotSpotReport,
  type Listed,
  type LocatedCases,
  type PlaceGroup,
  type RepeatPairs,
} from "../../domain/places/hot-spots.ts";
import type { Db } from "../database.ts";
import { epochMsOf, plainSqlOf } from "../plain-sql.ts";
import { empty, enumIn, indexedBy, sql, toNumber, type Dialect, type Sql } from "./sql.ts";
import { DAY_MS } from "../../domain/shanghai-time.ts";

/** A citizen's repeat may come this long after the first case (60 days' handling + 30). */
export const REPEAT_WINDOW_DAYS = 90;

/**
 * A place named again in the period, of the page asked for, with the number of such places:
 * its cases per category ("code:cases", space-separated) and its newest tracking numbers
 * (space-separated). Only the number when the page is past the last place.
 */
type PlaceRow = { total: unknown } & (
  | { key: null }
  | {
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
);

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

/** The UTC day of an instant, as CaseCategoryDay keys it (YYYY-MM-DD). */
function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The start of the UTC day `day` plus `days` days. */
function dayStart(day: string, days: number): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS);
}

function placeGroupOf(row: Extract<PlaceRow, { key: string }>): PlaceGroup {
  return {
    region: row.region === "" ? null : row.region,
    place: placeKeyOf(row.key),
    caseCount: toNumber(row.cases),
    firstAt: new Date(row.firstAt),
    categories: row.categories.split(" ").map((pair) => {
      const colon = pair.lastIndexOf(":");
      return { category: pair.slice(0, colon), cases: Number(pair.slice(colon + 1)) };
    }),
    bounds:
      row.south === null || row.west === null || row.north === null || row.east === null
        ? null
        : {
            minLatitude: row.south,
            maxLatitude: row.north,
            minLongitude: row.west,
            maxLongitude: row.east,
          },
    newest: row.newest.split(" "),
  };
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
  const placeCasesIndex = indexedBy(dialect, "CasePlaceKey_hot_spot_place_cases_idx");
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
   * The period's located cases, for the exact clustering (clustersIn buckets them in a grid of
   * the cluster radius and looks at nine cells per case), in the order the domain's report reads
   * them. Grouping the grid's cells in the database first cost more than reading the rows: at 1M
   * cases PostgreSQL took 409 ms to group 14,664 cases' 11,022 cells. Read as columns (RawRows):
   * an object and a Date per row cost as much as the clustering.
   */
  async function locatedCases(period: Window): Promise<LocatedCases> {
    const { rows } = await plain.queryRows(sql`
      SELECT c."trackingNo", c."categoryCode", c."latitude", c."longitude", c."locatedAt"
      FROM "Case" c${locatedIndex}
      WHERE ${locatedWithin(period)}
      ORDER BY c."locatedAt", c."trackingNo"`);
    const located = {
      ids: new Array<string>(rows.length),
      categories: new Array<string>(rows.length),
      latitudes: new Float64Array(rows.length),
      longitudes: new Float64Array(rows.length),
      times: new Float64Array(rows.length),
    };
    rows.forEach((row, i) => {
      located.ids[i] = row[0] as string;
      located.categories[i] = row[1] as string;
      located.latitudes[i] = row[2] as number;
      located.longitudes[i] = row[3] as number;
      located.times[i] = epochMsOf(row[4]);
    });
    return located;
  }

  // Places are ordered by region and key byte by byte, as the domain orders them.
  const bytewise = dialect === "postgres" ? sql` COLLATE "C"` : empty;

  /**
   * The page `page` of the places the period's cases name again, grouped, ordered and counted in
   * the database: the period's keys grouped by their place's number (HotSpotPlace, kept with
   * each key: an index-only read that sorts numbers, not region and key texts), each place's
   * count and first submittedAt; the places counted and ordered as orderedPlaceGroups orders
   * them (by region and key, looked up for the places counted) and paged; only for the page's
   * places their box, categories and newest LISTED_CASES tracking numbers, from their place's own
   * index. A month at 1M cases names thousands of places again: listing each one's cases made
   * the statement (string_agg) and its rows cost more than the grouping.
   */
  async function placeGroups(period: Window, page: FindingsPage): Promise<Listed<PlaceGroup>> {
    const inPeriod = sql`k."submittedAt" >= ${period.from} AND k."submittedAt" <= ${period.to}
      AND ${liveCase(sql`k`)}`;
    const samePlace = sql`k."hotSpotPlaceId" = "page"."id" AND ${inPeriod}`;
    // The boxes join the page to its places' keys with CROSS JOIN, which SQLite keeps in that
    // order: with JOIN it scanned every key stored for the page's places.
    const rows = await plain.query<PlaceRow>(sql`
      WITH "counts" AS (
        SELECT k."hotSpotPlaceId" AS "id", COUNT(*) AS "cases", MIN(k."submittedAt") AS "firstAt"
        FROM "CasePlaceKey" k${placesIndex}
        WHERE ${inPeriod} AND k."hotSpotPlaceId" IS NOT NULL
        GROUP BY k."hotSpotPlaceId"
        HAVING COUNT(*) >= ${DEFAULT_CLUSTER_SETTINGS.minCases}
      ), "groups" AS (
        SELECT "counts".*, p."regionCode" AS "region", p."key"
        FROM "counts" JOIN "HotSpotPlace" p ON p."id" = "counts"."id"
      ), "page" AS (
        SELECT * FROM "groups"
        ORDER BY "cases" DESC, "firstAt", "region"${bytewise}, "key"${bytewise}
        LIMIT ${page.limit} OFFSET ${page.offset}
      ), "boxes" AS (
        SELECT k."hotSpotPlaceId" AS "id",
          MIN(k."latitude") AS "south", MIN(k."longitude") AS "west",
          MAX(k."latitude") AS "north", MAX(k."longitude") AS "east"
        FROM "page" CROSS JOIN "CasePlaceKey" k${placeCasesIndex}
        WHERE ${samePlace}
        GROUP BY k."hotSpotPlaceId"
      )
      SELECT "counted"."total", "page"."region", "page"."key", "page"."cases", "page"."firstAt",
        "boxes"."south", "boxes"."west", "boxes"."north", "boxes"."east",
        (SELECT string_agg(n."categoryCode" || ':' || n."cases", ' ')
          FROM (SELECT k."categoryCode", COUNT(*) AS "cases" FROM "CasePlaceKey" k
            WHERE ${samePlace} GROUP BY k."categoryCode") n) AS "categories",
        (SELECT string_agg(l."trackingNo", ' ')
          FROM (SELECT k."trackingNo" FROM "CasePlaceKey" k WHERE ${samePlace}
            ORDER BY k."submittedAt" DESC, k."trackingNo" DESC LIMIT ${LISTED_CASES}) l) AS "newest"
      FROM (SELECT COUNT(*) AS "total" FROM "counts") "counted"
        LEFT JOIN "page" ON 1 = 1 LEFT JOIN "boxes" ON "boxes"."id" = "page"."id"
      ORDER BY "page"."cases" DESC, "page"."firstAt", "page"."region"${bytewise},
        "page"."key"${bytewise}`);
    return {
      total: toNumber(rows[0]!.total),
      offset: page.offset,
      items: rows.flatMap((row) => (row.key === null ? [] : [placeGroupOf(row)])),
    };
  }

  /**
   * The likely repeats of the repeat window (CaseRepeat, decided when the cases were filed or a
   * clerk corrected one: src/storage/repeat-links.ts) whose two cases are live and in it, with
   * those cases' columns stored on the pair: no text is read, no case joined. Read as columns
   * (RawRows), each case's once, however many pairs it is in.
   */
  async function repeatPairs({ from, to }: Window): Promise<RepeatPairs> {
    const { rows } = await plain.queryRows(sql`
      SELECT r."citizenId", r."earlierNo", r."earlierAt", r."earlierLat", r."earlierLng",
        r."laterNo", r."submittedAt", r."laterLat", r."laterLng"
      FROM "CaseRepeat" r${pairsIndex}
      WHERE r."submittedAt" >= ${from} AND r."submittedAt" <= ${to} AND r."earlierAt" >= ${from}
        AND ${liveStatus(sql`r."earlierStatus"`)} AND ${liveStatus(sql`r."laterStatus"`)}`);
    const index = new Map<string, number>();
    const pairs = {
      ids: [] as string[],
      citizens: [] as string[],
      times: [] as number[],
      latitudes: [] as number[],
      longitudes: [] as number[],
      earlier: new Int32Array(rows.length),
      later: new Int32Array(rows.length),
    };
    /** The index of the case named in `row` from column `at` (its number, time, position). */
    const caseOf = (row: readonly unknown[], at: number): number => {
      const id = row[at] as string;
      const known = index.get(id);
      if (known !== undefined) return known;
      index.set(id, pairs.ids.length);
      const [latitude, longitude] = [row[at + 2], row[at + 3]];
      pairs.citizens.push(row[0] as string);
      pairs.times.push(epochMsOf(row[at + 1]));
      pairs.latitudes.push(latitude === null || longitude === null ? NaN : (latitude as number));
      pairs.longitudes.push(latitude === null || longitude === null ? NaN : (longitude as number));
      return pairs.ids.push(id) - 1;
    };
    rows.forEach((row, k) => {
      pairs.earlier[k] = caseOf(row, 1);
      pairs.later[k] = caseOf(row, 5);
    });
    return pairs;
  }

  /** The period of the `days` before `now`, the same days before it, and the repeat window. */
  function windowsOf(now: Date, days: number) {
    const period = { from: new Date(now.getTime() - days * DAY_MS), to: now };
    return {
      period,
      before: { from: new Date(period.from.getTime() - days * DAY_MS), to: period.from },
      repeats: {
        from: new Date(now.getTime() - Math.max(days, REPEAT_WINDOW_DAYS) * DAY_MS),
        to: now,
      },
    };
  }

  /** Each kind's page of the `days` before `now`, as the domain's hotSpotReport finds them. */
  const kinds: {
    [K in FindingKind]: (now: Date, days: number, page: FindingsPage) => Promise<HotSpotReport[K]>;
  } = {
    clusters: async (now, days, page) =>
      clustersIn(await locatedCases(windowsOf(now, days).period), page),
    repeatedPlaces: async (now, days, page) =>
      repeatedPlacesOf(await placeGroups(windowsOf(now, days).period, page)),
    repeatComplaints: async (now, days, page) =>
      repeatComplaintsIn(await repeatPairs(windowsOf(now, days).repeats), page),
    risingCategories: async (now, days, page) => {
      const { period, before } = windowsOf(now, days);
      return listedOf(findRisingCategories(await categoryCounts(period, before)), page);
    },
  };

  return {
    /**
     * The report of the `days` before `now`: of each kind the page `page` (by default its first
     * LISTED_FINDINGS) and its total; the rise is against the `days` before those.
     */
    async report(now: Date, days: number, page = FIRST_FINDINGS): Promise<HotSpotReport> {
      const [clusters, repeatedPlaces, repeatComplaints, risingCategories] = await Promise.all([
        kinds.clusters(now, days, page),
        kinds.repeatedPlaces(now, days, page),
        kinds.repeatComplaints(now, days, page),
        kinds.risingCategories(now, days, page),
      ]);
      const { from, to } = windowsOf(now, days).period;
      return { from, to, clusters, repeatedPlaces, repeatComplaints, risingCategories };
    },

    /** One kind's page of the report of the `days` before `now`, its total, and the period. */
    async findings<K extends FindingKind>(
      now: Date,
      days: number,
      kind: K,
      page: FindingsPage,
    ): Promise<{ readonly from: Date; readonly to: Date; readonly findings: HotSpotReport[K] }> {
      return { ...windowsOf(now, days).period, findings: await kinds[kind](now, days, page) };
    },
  };
}

export type HotSpotQuery = ReturnType<typeof createHotSpotQuery>;
