/**
 * The console map's points: the cases with coordinates that a staff member may
 * see, filtered as the case list is, newest first and never more than the
 * caller's limit. The read walks the list's own indexes from the newest case
 * down and stops at the limit, so it costs the same on 10k cases as on 1M.
 */
import type { CaseStatus } from "../../domain/lifecycle/case-status.ts";
import type { Db } from "../database.ts";
import { caseConditions, type CaseFilter, type CaseScope } from "./case-conditions.ts";
import { sql, type Dialect } from "./sql.ts";

export interface MapPoint {
  readonly trackingNo: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly status: CaseStatus;
  readonly categoryCode: string;
  readonly submittedAt: Date;
}

export interface MapPoints {
  /** At most the limit asked for, newest first. */
  readonly points: readonly MapPoint[];
  /** True when more cases with coordinates match than the limit let through. */
  readonly more: boolean;
}

export function createCaseMap(db: Db, dialect: Dialect) {
  // SQLite would otherwise take a status or region index and sort every case of that status
  // or region (measured: 0.5 s for status "closed" at 100k); PostgreSQL's planner weighs the
  // LIMIT itself.
  const located = dialect === "sqlite" ? sql` INDEXED BY "Case_locatedAt_id_idx"` : sql``;
  return {
    /** The newest `limit` cases with coordinates that `scope` may see and `filter` keeps. */
    async points(scope: CaseScope, filter: CaseFilter, limit: number): Promise<MapPoints> {
      const rows = await db.$queryRaw<
        {
          trackingNo: string;
          latitude: number;
          longitude: number;
          status: CaseStatus;
          categoryCode: string;
          submittedAt: Date | string;
        }[]
      >`SELECT c."trackingNo", c."latitude", c."longitude", c."status", c."categoryCode", c."submittedAt"
        FROM "Case" c${located}
        WHERE ${caseConditions(dialect, scope, filter)} AND c."locatedAt" IS NOT NULL
        ORDER BY c."locatedAt" DESC, c."id" DESC
        LIMIT ${limit + 1}`;
      return {
        points: rows.slice(0, limit).map((row) => ({
          ...row,
          latitude: Number(row.latitude),
          longitude: Number(row.longitude),
          submittedAt: new Date(row.submittedAt),
        })),
        more: rows.length > limit,
      };
    },
  };
}

export type CaseMap = ReturnType<typeof createCaseMap>;
