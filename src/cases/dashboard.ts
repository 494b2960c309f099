/** The dashboard for a staff member: the figures of the cases they may see, filtered. */
import { localDateOf } from "../domain/calendar.ts";
import type { Directory } from "../domain/directory.ts";
import {
  dashboardStatistics,
  type DashboardStatistics,
} from "../domain/reporting/dashboard-statistics.ts";
import type { Db } from "../storage/database.ts";
import { periodOf, type CaseFilter } from "./case-filter.ts";
import { listCaseRecords } from "./case-records.ts";
import type { Viewer } from "./staff-viewer.ts";

export interface Dashboard extends DashboardStatistics {
  readonly period: { readonly from: string; readonly to: string };
}

/** Figures over the filter's period (the last 30 days by default). */
export async function dashboard(
  deps: { readonly db: Db; readonly directory: Directory },
  viewer: Viewer,
  filter: CaseFilter,
  now: Date,
): Promise<Dashboard> {
  const period = periodOf(filter, localDateOf(now));
  const records = await listCaseRecords(deps.db, deps.directory, viewer, {
    ...filter,
    ...period,
  });
  return {
    period,
    ...dashboardStatistics(
      records.map((r) => r.case),
      period,
      now,
    ),
  };
}
