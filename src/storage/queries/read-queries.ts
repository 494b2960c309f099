/**
 * Every read of lists, counts and figures the console, the API, the export,
 * the dashboard and the scheduler make, on one database: built once by the
 * composition root and handed to whoever reads.
 */
import type { DuplicateScorer } from "../../domain/places/duplicates.ts";
import type { Db } from "../database.ts";
import { createExportRows } from "./case-export-rows.ts";
import { createCaseList } from "./case-list.ts";
import { createCaseMap } from "./case-map.ts";
import { createDashboardQuery } from "./dashboard.ts";
import { createDueAlertsQuery } from "./due-alerts.ts";
import { createDuplicatesQuery } from "./duplicates.ts";
import { createHotSpotQuery } from "./hot-spots.ts";
import { createAnswerFollowUpsQuery } from "./answer-follow-ups.ts";
import { createQueueQuery } from "./routing-queue.ts";
import type { Dialect } from "./sql.ts";

/** `scorer` decides which candidates are possible duplicates. */
export function createReadQueries(db: Db, dialect: Dialect, scorer: DuplicateScorer) {
  return {
    cases: createCaseList(db, dialect),
    map: createCaseMap(db, dialect),
    exportRows: createExportRows(db, dialect),
    dashboard: createDashboardQuery(db, dialect),
    queue: createQueueQuery(db, dialect),
    duplicates: createDuplicatesQuery(db, dialect, scorer),
    hotSpots: createHotSpotQuery(db, dialect),
    dueAlerts: createDueAlertsQuery(db),
    answerFollowUps: createAnswerFollowUpsQuery(db),
  };
}

export type ReadQueries = ReturnType<typeof createReadQueries>;
