import os from "node:os";
import type { Db } from "../../src/storage/database.ts";
import { serviceExpiries } from "../../src/storage/expiries.ts";
import { keepNoLongerThanNeeded } from "../../src/storage/retention.ts";
import { DAY, type MovableClock } from "./clock.ts";
import { testLogger } from "./error-logs.ts";

/** CHAT_KEEP_DAYS of the retention tests: 30. */
export const CHAT_KEEP_MS = 30 * DAY;

/**
 * One run of the hourly retention job as the service runs it (every expiry in turn), at the
 * clock's time, kept files under `dataDir`.
 */
export async function runRetention(
  db: Db,
  clock: MovableClock,
  dataDir = os.tmpdir(),
): Promise<void> {
  const job = keepNoLongerThanNeeded(
    serviceExpiries(db, dataDir, CHAT_KEEP_MS),
    clock,
    testLogger(undefined),
  );
  job.start();
  await job.stop();
}
