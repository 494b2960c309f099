import type { Logger } from "pino";
import { createPeriodic, type Periodic } from "../periodic.ts";
import type { Db } from "./database.ts";
import { plainSqlOf } from "./plain-sql.ts";

/** How often SQLite is asked whether its planner's statistics went stale. */
const REVIEW_INTERVAL_MS = 3_600_000;

/**
 * Keeps SQLite's planner statistics (sqlite_stat1) true to the data, as SQLite recommends for
 * a long-lived connection: `PRAGMA optimize=0x10002` once (every table, analysed where it has
 * no statistics or grew or shrank tenfold since), then `PRAGMA optimize` every hour (the tables
 * this connection queried). Without statistics SQLite plans every table as if it held a million
 * rows with ten per index value, whatever it holds: the plans measured at a city's volume (the
 * seed runs ANALYZE) would not be the ones a database filled by citizens gets. Each run samples
 * a bounded number of rows per index (SQLite's own analysis limit), so it takes milliseconds
 * at a million cases. PostgreSQL's autovacuum keeps its statistics itself: nothing to do there.
 */
export function keepPlannerStatistics(db: Db, logger: Logger): Periodic {
  const sql = plainSqlOf(db);
  if (sql.provider !== "sqlite") return { start() {}, stop: async () => {} };
  let everyTable = true;
  return createPeriodic(
    async () => {
      const started = performance.now();
      await db.$queryRawUnsafe(everyTable ? "PRAGMA optimize=0x10002" : "PRAGMA optimize");
      everyTable = false;
      logger.debug({ ms: Math.round(performance.now() - started) }, "planner statistics reviewed");
    },
    REVIEW_INTERVAL_MS,
    (error) => logger.error({ err: error }, "reviewing the planner statistics failed"),
  );
}
