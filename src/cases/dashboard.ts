/** The dashboard for a staff member: the figures of the cases they may see, filtered. */
import { localDateOf } from "../domain/calendar.ts";
import type { Directory } from "../domain/directory.ts";
import type { DashboardStatistics } from "../domain/reporting/dashboard-statistics.ts";
import type { CaseFilter } from "../storage/queries/case-conditions.ts";
import type { ReadQueries } from "../storage/queries/read-queries.ts";
import { periodOf } from "./case-filter.ts";
import { scopeOf, type Viewer } from "./staff-viewer.ts";

export interface Dashboard extends DashboardStatistics {
  readonly period: { readonly from: string; readonly to: string };
}

/** Figures over the filter's period (the last 30 days by default), computed by the database. */
export async function dashboard(
  deps: { readonly directory: Directory; readonly queries: ReadQueries },
  viewer: Viewer,
  filter: CaseFilter,
  now: Date,
): Promise<Dashboard> {
  const period = periodOf(filter, localDateOf(now));
  const statistics = await deps.queries.dashboard.statistics(
    scopeOf(viewer, deps.directory),
    { ...filter, ...period },
    now,
  );
  return { period, ...statistics };
}
