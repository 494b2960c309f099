/**
 * The hot spots of a period (src/domain/places/hot-spots.ts) at a city's volume:
 * the database groups and the application reads only the candidates of a finding
 * (HotSpotCandidates), so memory and time grow with the findings, not the cases.
 *
 * - categories rising: one GROUP BY category over this period and the one before;
 * - clusters: the period's located cases (a few columns, through the index of locatedAt),
 *   clustered exactly in a grid of the cluster radius;
 * - places named again: the period's CasePlaceKey rows (their own index by submittedAt)
 *   counted per region and key, the cases of the groups with `minCases` read;
 * - repeats: the pairs of likely repeats stored when the cases were filed (CaseRepeat, see
 *   src/storage/repeat-links.ts) whose two cases are live and in the repeat window: no
 *   text is read or compared.
 *
 * Merged, withdrawn and not-accepted cases do not count.
 */
import { IGNORED_DUPLICATE_STATUSES } from "../../domain/lifecycle/possible-duplicates.ts";
import { placeKeyOf } from "../../domain/places/duplicates.ts";
import {
  DEFAULT_CLUSTER_SETTINGS,
  hotSpotReport,
  type CategoryCount,
  type HotSpotCandidates,
  type HotSpotCase,
  type HotSpotReport,
  type RepeatCase,
} from "../../domain/places/hot-spots.ts";
import type { Db } from "../database.ts";
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

interface NamingRow {
  trackingNo: string;
  categoryCode: string;
  regionCode: string | null;
  latitude: number | null;
  longitude: number | null;
  submittedAt: Date | string;
  key: string;
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

interface Window {
  readonly from: Date;
  readonly to: Date;
}

export function createHotSpotQuery(db: Db, dialect: Dialect) {
  const liveCase = (alias: Sql) =>
    sql`NOT (${enumIn(dialect, sql`${alias}."status"`, "CaseStatus", IGNORED_DUPLICATE_STATUSES)})`;
  const live = liveCase(sql`c`);
  const within = ({ from, to }: Window): Sql =>
    sql`c."submittedAt" >= ${from} AND c."submittedAt" <= ${to} AND ${live}`;
  const { minCases } = DEFAULT_CLUSTER_SETTINGS;
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

  /**
   * The period's located cases, for the exact clustering (findClusters buckets them in a grid of
   * the cluster radius and looks at nine cells per case). Grouping the grid's cells in the
   * database first cost more than reading the rows: at 1M cases PostgreSQL took 409 ms to group
   * 14,664 cases' 11,022 cells.
   */
  async function locatedCases(period: Window): Promise<HotSpotCase[]> {
    const rows = await db.$queryRaw<LocatedRow[]>`
      SELECT c."trackingNo", c."categoryCode", c."latitude", c."longitude", c."submittedAt"
      FROM "Case" c
      WHERE ${locatedWithin(period)}
      ORDER BY c."submittedAt", c."trackingNo"`;
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
    // would be read to be thrown away. The period's keys come from their own index
    // (submittedAt, key, caseId), not from every key stored.
    const rows = await db.$queryRaw<NamingRow[]>`
      SELECT n."trackingNo", n."categoryCode", n."regionCode", n."latitude", n."longitude",
        n."submittedAt", n."key"
      FROM (
        SELECT c."trackingNo", c."categoryCode", c."regionCode", c."latitude", c."longitude",
          c."submittedAt", k."key",
          COUNT(*) OVER (PARTITION BY c."regionCode", k."key") AS "naming"
        FROM "Case" c JOIN "CasePlaceKey" k ON k."caseId" = c."id"
        WHERE k."submittedAt" >= ${period.from} AND k."submittedAt" <= ${period.to}
          AND ${within(period)} AND k."key" NOT LIKE ${"party:%"}
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
   * The likely repeats of the repeat window (CaseRepeat, decided when the cases were filed or a
   * clerk corrected one: src/storage/repeat-links.ts) whose two cases are live and in it, with
   * those cases: no text is read.
   */
  async function repeatPairs({ from, to }: Window): Promise<HotSpotCandidates["repeats"]> {
    const rows = await db.$queryRaw<PairRow[]>`
      SELECT e."trackingNo" AS "earlier", e."citizenId" AS "citizen",
        e."submittedAt" AS "earlierAt", e."latitude" AS "earlierLat", e."longitude" AS "earlierLng",
        l."trackingNo" AS "later", l."submittedAt" AS "laterAt", l."latitude" AS "laterLat",
        l."longitude" AS "laterLng"
      FROM "CaseRepeat" r
      JOIN "Case" e ON e."id" = r."earlierId"
      JOIN "Case" l ON l."id" = r."laterId"
      WHERE r."submittedAt" >= ${from} AND r."submittedAt" <= ${to} AND e."submittedAt" >= ${from}
        AND ${liveCase(sql`e`)} AND ${liveCase(sql`l`)}`;
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
      const [counts, located, naming, repeated] = await Promise.all([
        categoryCounts(period, before),
        locatedCases(period),
        namingCandidates(period),
        repeatPairs(repeats),
      ]);
      return hotSpotReport({
        ...period,
        categoryCounts: counts,
        located,
        naming,
        repeats: repeated,
      });
    },
  };
}

export type HotSpotQuery = ReturnType<typeof createHotSpotQuery>;
