/**
 * Which cases a read covers, as SQL conditions on "Case" (alias c): what the
 * staff member may see (their scope) and the list's filters. Every condition
 * here has an index that ends in the lists' order (see prisma/models.prisma).
 */
import { addDays, startOfLocalDay, type LocalDate } from "../../domain/calendar.ts";
import type { CaseStatus } from "../../domain/lifecycle/case-status.ts";
import type { RequestKind } from "../../domain/vocabulary.ts";
import { DEFAULT_DISPATCH_POLICY, DISPATCH_TARGET_MS } from "../../domain/lifecycle/dispatch.ts";
import { enumIn, enumValue, join, sql, type Dialect, type Sql } from "./sql.ts";

/**
 * The cases a staff member may see: all of them (clerks), those with one unit
 * (handlers; reports against officials only when the unit is the discipline
 * body), or none.
 */
export type CaseScope =
  | { readonly kind: "all" }
  | { readonly kind: "unit"; readonly unitId: string; readonly seesReports: boolean }
  | { readonly kind: "none" };

/** The filters of the case list, dashboard and export. */
export interface CaseFilter {
  /** First Shanghai day of submission, inclusive. */
  readonly from?: LocalDate | undefined;
  /** Last Shanghai day of submission, inclusive. */
  readonly to?: LocalDate | undefined;
  /** A region code, or "none" for cases whose region is not known. */
  readonly region?: string | undefined;
  readonly category?: string | undefined;
  /** The unit holding the case (its id). */
  readonly unit?: string | undefined;
  readonly status?: readonly CaseStatus[] | undefined;
  /** Group complaints (群体诉求) only: any of them, or those counted at least `atLeast`. */
  readonly group?: GroupFilter | undefined;
  /** Consultations (咨询) only, or complaints only. */
  readonly kind?: RequestKind | undefined;
  /** The cases their citizens urged on (催办) at least this many times (1: urged at all). */
  readonly urged?: number | undefined;
  /** The cases whose place lies outside the city (不在本市) only (true), or those in it (false). */
  readonly outside?: boolean | undefined;
  /** The cases overdue (已超期) at this moment only: see overdueCondition. */
  readonly overdueAt?: Date | undefined;
}

/**
 * Which group complaints a list keeps: every one (`{}`: counted, of a whole collective, or both),
 * or those whose count says at least `atLeast` people or households — a household is one person
 * at the least, so either is at least that many people. A whole collective said without a count
 * ("全村") has no number to compare and is left out of the latter.
 */
export interface GroupFilter {
  readonly atLeast?: number | undefined;
}

/** The condition of a read that covers every case (a count then needs no WHERE). */
export const EVERY_CASE = sql`1 = 1`;

/** The conditions for `scope` and `filter`, joined with AND (EVERY_CASE when none). */
export function caseConditions(dialect: Dialect, scope: CaseScope, filter: CaseFilter): Sql {
  const parts: Sql[] = [];
  if (filter.from) parts.push(sql`c."submittedAt" >= ${startOfLocalDay(filter.from)}`);
  if (filter.to) parts.push(sql`c."submittedAt" < ${startOfLocalDay(addDays(filter.to, 1))}`);
  if (filter.group) parts.push(groupCondition(dialect, filter.group));
  if (filter.kind)
    parts.push(sql`c."requestKind" = ${enumValue(dialect, "RequestKind", filter.kind)}`);
  if (filter.urged) parts.push(sql`c."urgeCount" >= ${filter.urged}`);
  // A literal, not a parameter: SQLite binds no boolean, and either database reads its index.
  if (filter.outside !== undefined)
    parts.push(filter.outside ? sql`c."outsideCity" = TRUE` : sql`c."outsideCity" = FALSE`);
  if (filter.overdueAt) parts.push(overdueCondition(filter.overdueAt));
  return conditionsOn(dialect, scope, filter, sql`c."regionCode" IS NULL`, parts);
}

/**
 * The cases overdue (已超期) at `now`, as isOverdue (src/domain/lifecycle/reminders.ts) tells
 * them: the deadline running now (the column "runningDueAt", null once settled) passed before
 * `now` — due this very moment is not yet late. A range of the index (runningDueAt, id).
 */
export function overdueCondition(now: Date): Sql {
  return sql`c."runningDueAt" < ${now}`;
}

/**
 * The same conditions on the counts per status, region, category, unit and class ("CaseCount",
 * alias c), whose rows add up to the matching cases; null when `filter` has a period, a
 * group, a kind, urges, the city's outside or a moment to be overdue at, which those counts do
 * not keep.
 */
export function caseCountConditions(
  dialect: Dialect,
  scope: CaseScope,
  filter: CaseFilter,
): Sql | null {
  const { from, to, group, kind, urged, outside, overdueAt } = filter;
  if (from || to || group || kind || urged || outside !== undefined || overdueAt) return null;
  return conditionsOn(dialect, scope, filter, sql`c."regionCode" = ''`, []);
}

function conditionsOn(
  dialect: Dialect,
  scope: CaseScope,
  filter: CaseFilter,
  noRegion: Sql,
  onCasesOnly: Sql[],
): Sql {
  const parts: Sql[] = [...scopeConditions(dialect, scope), ...onCasesOnly];
  if (filter.region === "none") parts.push(noRegion);
  else if (filter.region) parts.push(sql`c."regionCode" = ${filter.region}`);
  if (filter.category) parts.push(sql`c."categoryCode" = ${filter.category}`);
  if (filter.unit) parts.push(sql`c."unitId" = ${filter.unit}`);
  if (filter.status) parts.push(enumIn(dialect, sql`c."status"`, "CaseStatus", filter.status));
  return parts.length === 0 ? EVERY_CASE : join(parts, " AND ");
}

/**
 * The group complaints `group` keeps, each term a range of its own index: SQLite reads an OR
 * through both indexes only when each term is a range there ("IS NOT NULL" is none, and its
 * count of 100,000 cases scanned the table: 100 ms against 1 ms). Every group counts at least one.
 */
function groupCondition(dialect: Dialect, group: GroupFilter): Sql {
  const counted = sql`c."groupAtLeast" >= ${group.atLeast ?? 1}`;
  if (group.atLeast !== undefined) return counted;
  const whole = dialect === "sqlite" ? sql`c."groupWhole" > ''` : sql`c."groupWhole" IS NOT NULL`;
  return sql`(${counted} OR ${whole})`;
}

function scopeConditions(dialect: Dialect, scope: CaseScope): Sql[] {
  switch (scope.kind) {
    case "all":
      return [];
    case "none":
      return [sql`1 = 0`];
    case "unit": {
      const own = sql`c."unitId" = ${scope.unitId}`;
      return scope.seesReports
        ? [own]
        : [own, sql`c."caseClass" <> ${enumValue(dialect, "CaseClass", "report")}`];
    }
  }
}

/** The dispatch target of each case in milliseconds (dispatchTarget in src/domain/lifecycle/dispatch.ts). */
export const DISPATCH_TARGET_SQL = sql`CASE
    WHEN c."isEmergency" THEN CAST(${DISPATCH_TARGET_MS.emergency} AS INTEGER)
    WHEN c."categoryCode" IN (${join(DEFAULT_DISPATCH_POLICY.utilityCategoryCodes)})
      THEN CAST(${DISPATCH_TARGET_MS.utilities} AS INTEGER)
    ELSE CAST(${DISPATCH_TARGET_MS.standard} AS INTEGER) END`;
