/**
 * The dashboard's figures computed by the database: counts by category,
 * region, status and Shanghai day, the times to acceptance and answer, the
 * three rates, and the overdue cases (filed at any time) — grouped in SQL over the filtered cases,
 * so the service never reads the cases themselves. The definitions are the
 * domain's (src/domain/reporting/dashboard-statistics.ts); a test checks that
 * both give the same figures.
 */
import {
  daysBetween,
  localDateOf,
  startOfLocalDay,
  type LocalDate,
} from "../../domain/calendar.ts";
import { CASE_STATUSES, type CaseStatus } from "../../domain/lifecycle/case-status.ts";
import { rate } from "../../domain/lifecycle/rates.ts";
import { runningClock } from "../../domain/lifecycle/reminders.ts";
import {
  OVERDUE_LIST_LIMIT,
  periodDays,
  sortedCounts,
  type DashboardStatistics,
  type OverdueCase,
} from "../../domain/reporting/dashboard-statistics.ts";
import type { Db } from "../database.ts";
import {
  caseConditions,
  DISPATCH_TARGET_SQL,
  type CaseFilter,
  type CaseScope,
} from "./case-conditions.ts";
import { enumValue, epochMs, sql, shanghaiDate, toNumber, type Dialect, type Sql } from "./sql.ts";

const HOUR_MS = 3_600_000;

interface GroupRow {
  category: string;
  region: string | null;
  status: CaseStatus;
  cases: unknown;
  accepted: unknown;
  acceptanceMs: unknown;
  answered: unknown;
  answerMs: unknown;
  routed: unknown;
  onTime: unknown;
  rated: unknown;
  solved: unknown;
  satisfied: unknown;
}

export function createDashboardQuery(db: Db, dialect: Dialect) {
  const ms = (column: string) => epochMs(dialect, sql([`c."${column}"`]));
  const elapsed = (column: string) => sql`ROUND(${ms(column)} - ${ms("submittedAt")})`;

  /**
   * `periodStart` bounds the ratings read too: a case is rated after it is filed, and on
   * PostgreSQL the bound lets the join read the period's ratings through their index rather
   * than every rating stored.
   */
  async function groups(conditions: Sql, periodStart: Date): Promise<GroupRow[]> {
    return db.$queryRaw<GroupRow[]>`
      SELECT c."categoryCode" AS "category", c."regionCode" AS "region", c."status" AS "status",
        COUNT(*) AS "cases",
        COUNT(c."acceptedAt") AS "accepted",
        SUM(CASE WHEN c."acceptedAt" IS NULL THEN 0 ELSE ${elapsed("acceptedAt")} END) AS "acceptanceMs",
        COUNT(c."answeredAt") AS "answered",
        SUM(CASE WHEN c."answeredAt" IS NULL THEN 0 ELSE ${elapsed("answeredAt")} END) AS "answerMs",
        COUNT(c."decidedAt") AS "routed",
        SUM(CASE WHEN c."decidedAt" IS NOT NULL AND ${elapsed("decidedAt")} <= ${DISPATCH_TARGET_SQL} THEN 1 ELSE 0 END) AS "onTime",
        COUNT(r."id") AS "rated",
        SUM(CASE WHEN r."solved" THEN 1 ELSE 0 END) AS "solved",
        SUM(CASE WHEN r."satisfaction" <> ${enumValue(dialect, "Satisfaction", "dissatisfied")} THEN 1 ELSE 0 END) AS "satisfied"
      FROM "Case" c
      LEFT JOIN "Rating" r ON r."caseId" = c."id" AND r."reviewStage" = c."reviewStage"
        AND r."createdAt" >= ${periodStart}
      WHERE ${conditions}
      GROUP BY c."categoryCode", c."regionCode", c."status"`;
  }

  async function perDay(conditions: Sql): Promise<Map<string, number>> {
    const day = shanghaiDate(dialect, sql`c."submittedAt"`);
    const rows = await db.$queryRaw<{ day: string; cases: unknown }[]>`
      SELECT ${day} AS "day", COUNT(*) AS "cases" FROM "Case" c
      WHERE ${conditions} GROUP BY ${day}`;
    return new Map(rows.map((row) => [String(row.day), toNumber(row.cases)]));
  }

  /** The cases of `late` (overdue now): their count, and the longest overdue of them. */
  async function overdue(late: Sql, now: Date) {
    const [count, rows] = await Promise.all([
      db.$queryRaw<{ n: unknown }[]>`SELECT COUNT(*) AS "n" FROM "Case" c WHERE ${late}`,
      db.$queryRaw<
        { trackingNo: string; status: CaseStatus; dueAt: Date | string; unitId: string | null }[]
      >`
        SELECT c."trackingNo", c."status", c."runningDueAt" AS "dueAt", c."unitId" FROM "Case" c
        WHERE ${late} ORDER BY c."runningDueAt" ASC, c."trackingNo" ASC LIMIT ${OVERDUE_LIST_LIMIT}`,
    ]);
    const cases = rows.map((row): OverdueCase => {
      const dueAt = new Date(row.dueAt);
      const clock = runningClock({
        status: row.status,
        unitId: row.unitId,
        acceptanceDueAt: dueAt,
        handlingDueAt: dueAt,
        reviewDueAt: dueAt,
      });
      return {
        trackingNo: row.trackingNo,
        status: row.status,
        clock: clock?.clock ?? "handling",
        dueAt,
        daysOverdue: daysBetween(localDateOf(dueAt), localDateOf(now)),
        unitId: row.unitId,
      };
    });
    return { count: toNumber(count[0]?.n), cases };
  }

  /**
   * The figures of the cases `scope` may see that match `filter`, whose
   * period (from, to) must be set: the per-day series lists its days. The
   * overdue cases are those matching it but for the period.
   */
  async function statistics(
    scope: CaseScope,
    filter: CaseFilter & { readonly from: LocalDate; readonly to: LocalDate },
    now: Date,
  ): Promise<DashboardStatistics> {
    const conditions = caseConditions(dialect, scope, filter);
    // Overdue now, whenever filed: the period would hide the longest overdue.
    const late = caseConditions(dialect, scope, {
      ...filter,
      from: undefined,
      to: undefined,
      overdueAt: now,
    });
    const [rows, days, overdueNow] = await Promise.all([
      groups(conditions, startOfLocalDay(filter.from)),
      perDay(conditions),
      overdue(late, now),
    ]);
    const byCategory = new Map<string, number>();
    const byRegion = new Map<string, number>();
    const byStatus = new Map<CaseStatus, number>();
    const sums = {
      cases: 0,
      accepted: 0,
      acceptanceMs: 0,
      answered: 0,
      answerMs: 0,
      routed: 0,
      onTime: 0,
      rated: 0,
      solved: 0,
      satisfied: 0,
    };
    for (const row of rows) {
      const cases = toNumber(row.cases);
      add(byCategory, row.category, cases);
      add(byRegion, row.region ?? "none", cases);
      add(byStatus, row.status, cases);
      for (const key of Object.keys(sums) as (keyof typeof sums)[]) sums[key] += toNumber(row[key]);
    }
    return {
      total: sums.cases,
      byCategory: sortedCounts(byCategory),
      byRegion: sortedCounts(byRegion),
      byStatus: CASE_STATUSES.filter((s) => byStatus.has(s)).map((key) => ({
        key,
        count: byStatus.get(key) ?? 0,
      })),
      perDay: periodDays(filter).map((date) => ({
        date,
        count: days.get(date) ?? 0,
      })),
      overdue: overdueNow,
      averageHoursToAcceptance:
        sums.accepted === 0 ? null : sums.acceptanceMs / sums.accepted / HOUR_MS,
      averageDaysToAnswer:
        sums.answered === 0 ? null : sums.answerMs / sums.answered / (24 * HOUR_MS),
      rates: {
        response: rate(sums.onTime, sums.routed),
        resolution: rate(sums.solved, sums.rated),
        satisfaction: rate(sums.satisfied, sums.rated),
      },
    };
  }

  return { statistics };
}

export type DashboardQuery = ReturnType<typeof createDashboardQuery>;

function add<K>(counts: Map<K, number>, key: K, n: number): void {
  counts.set(key, (counts.get(key) ?? 0) + n);
}
