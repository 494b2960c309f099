/**
 * The dashboard's figures for a set of cases: counts by category, region and
 * status, new cases per Shanghai day, overdue cases, average times to the
 * acceptance decision and to the answer, and the three rates. Pure: the
 * caller chooses the cases (region, category, what the viewer may see); the
 * period chooses among them those the figures count.
 */
import { addDays, daysBetween, localDateOf, type LocalDate } from "../calendar.ts";
import type { Case } from "../lifecycle/case.ts";
import { CASE_STATUSES, type CaseStatus } from "../lifecycle/case-status.ts";
import { isPast } from "../lifecycle/deadlines.ts";
import type { DeadlineClock } from "../lifecycle/notifications.ts";
import {
  ratingsOf,
  resolutionRate,
  responseRate,
  satisfactionRate,
  type Rate,
} from "../lifecycle/rates.ts";
import { runningClock } from "../lifecycle/reminders.ts";

export type StatisticsCase = Pick<
  Case,
  | "trackingNo"
  | "status"
  | "categoryCode"
  | "regionCode"
  | "unitId"
  | "isEmergency"
  | "submittedAt"
  | "acceptanceDueAt"
  | "decidedAt"
  | "acceptedAt"
  | "handlingDueAt"
  | "answeredAt"
  | "reviewDueAt"
  | "solved"
  | "satisfaction"
>;

export interface Count<K extends string> {
  readonly key: K;
  readonly count: number;
}

export interface OverdueCase {
  readonly trackingNo: string;
  readonly status: CaseStatus;
  readonly clock: DeadlineClock;
  readonly dueAt: Date;
  /** Shanghai days from the due date to today. */
  readonly daysOverdue: number;
  readonly unitId: string | null;
}

export interface DashboardStatistics {
  readonly total: number;
  readonly byCategory: readonly Count<string>[];
  /** "none" for cases whose region is not known yet. */
  readonly byRegion: readonly Count<string>[];
  readonly byStatus: readonly Count<CaseStatus>[];
  /** Every day of the period, zeros included. */
  readonly perDay: readonly { readonly date: LocalDate; readonly count: number }[];
  /**
   * The cases past their running deadline now, whenever they were filed: the longest overdue
   * were filed longest ago, and a period of the last 30 days would hide exactly them.
   */
  readonly overdue: { readonly count: number; readonly cases: readonly OverdueCase[] };
  /** Mean hours from submission to acceptance; null when none was accepted. */
  readonly averageHoursToAcceptance: number | null;
  /** Mean days from submission to the (latest) answer; null when none was answered. */
  readonly averageDaysToAnswer: number | null;
  readonly rates: {
    /** 响应率: routed within the dispatch target / routed. */
    readonly response: Rate;
    /** 解决率: rated solved / rated. */
    readonly resolution: Rate;
    /** 满意率: 满意 + 基本满意 / rated. */
    readonly satisfaction: Rate;
  };
}

/** At most this many overdue cases are listed (the most overdue first, then by tracking number); `count` has them all. */
export const OVERDUE_LIST_LIMIT = 20;

const HOUR_MS = 3_600_000;

/**
 * The figures for those of `cases` filed in `period` (inclusive Shanghai dates; at most 366
 * days are listed in the per-day series, from `period.from`), and the overdue cases among all
 * of `cases`.
 */
export function dashboardStatistics(
  allCases: readonly StatisticsCase[],
  period: { readonly from: LocalDate; readonly to: LocalDate },
  now: Date,
): DashboardStatistics {
  const cases = allCases.filter((subject) => {
    const day = localDateOf(subject.submittedAt);
    return day >= period.from && day <= period.to;
  });
  const perDay = new Map<LocalDate, number>(periodDays(period).map((date) => [date, 0]));

  const byCategory = new Map<string, number>();
  const byRegion = new Map<string, number>();
  const byStatus = new Map<CaseStatus, number>();
  let acceptanceMs = 0;
  let accepted = 0;
  let answerMs = 0;
  let answered = 0;

  for (const subject of cases) {
    bump(byCategory, subject.categoryCode);
    bump(byRegion, subject.regionCode ?? "none");
    bump(byStatus, subject.status);
    const day = localDateOf(subject.submittedAt);
    if (perDay.has(day)) perDay.set(day, (perDay.get(day) ?? 0) + 1);
    if (subject.acceptedAt) {
      acceptanceMs += subject.acceptedAt.getTime() - subject.submittedAt.getTime();
      accepted++;
    }
    if (subject.answeredAt) {
      answerMs += subject.answeredAt.getTime() - subject.submittedAt.getTime();
      answered++;
    }
  }

  const ratings = ratingsOf(cases);
  return {
    total: cases.length,
    byCategory: sortedCounts(byCategory),
    byRegion: sortedCounts(byRegion),
    byStatus: CASE_STATUSES.filter((s) => byStatus.has(s)).map((key) => ({
      key,
      count: byStatus.get(key) ?? 0,
    })),
    perDay: [...perDay].map(([date, count]) => ({ date, count })),
    overdue: overdueCases(allCases, now),
    averageHoursToAcceptance: accepted === 0 ? null : acceptanceMs / accepted / HOUR_MS,
    averageDaysToAnswer: answered === 0 ? null : answerMs / answered / (24 * HOUR_MS),
    rates: {
      response: responseRate(cases),
      resolution: resolutionRate(ratings),
      satisfaction: satisfactionRate(ratings),
    },
  };
}

function overdueCases(cases: readonly StatisticsCase[], now: Date): DashboardStatistics["overdue"] {
  const overdue: OverdueCase[] = [];
  for (const subject of cases) {
    const running = runningClock(subject);
    if (!running || !isPast(running.dueAt, now)) continue;
    overdue.push({
      trackingNo: subject.trackingNo,
      status: subject.status,
      clock: running.clock,
      dueAt: running.dueAt,
      daysOverdue: daysBetween(localDateOf(running.dueAt), localDateOf(now)),
      unitId: subject.unitId,
    });
  }
  return {
    count: overdue.length,
    // Due the same moment (one acceptance deadline for a day's cases): by tracking number.
    cases: overdue
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || byCode(a.trackingNo, b.trackingNo))
      .slice(0, OVERDUE_LIST_LIMIT),
  };
}

/** Every day of the period, at most 366 from `period.from`: the dashboard's per-day series. */
export function periodDays(period: {
  readonly from: LocalDate;
  readonly to: LocalDate;
}): LocalDate[] {
  const days = Math.min(Math.max(daysBetween(period.from, period.to), 0), 365);
  return Array.from({ length: days + 1 }, (_, i) => addDays(period.from, i));
}

function bump<K>(counts: Map<K, number>, key: K): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Counts, largest first (ties by key). */
export function sortedCounts(counts: ReadonlyMap<string, number>): Count<string>[] {
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** Codes in the order of their characters, as the database's ORDER BY gives them. */
function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
