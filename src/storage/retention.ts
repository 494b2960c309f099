import type { Logger } from "pino";
import { createPeriodic, type Periodic } from "../periodic.ts";

/** How often data past its keeping time is looked for. */
const REVIEW_INTERVAL_MS = 3_600_000;
/** Rows removed per kind per run: a backlog (a first run at a city's volume) goes in hours. */
const MOST_PER_RUN = 50_000;
/**
 * Rows removed by one statement: bounded batches, as one big delete would hold SQLite's writer
 * while chats wait to store their updates.
 */
export const REMOVED_PER_STATEMENT = 1000;

/**
 * Personal data of one kind that serves for a while, then is removed: kept no longer than its
 * purpose needs (个人信息保护法 第十九条). Removing what another instance removed is nothing, so
 * every instance may run it.
 */
export interface Expiry {
  /** What the log calls what it removes ("expired sign-in codes"). */
  readonly kind: string;
  /** Removes at most `most` of its rows (and files) past their time at `now`: how many. */
  remove(now: Date, most: number): Promise<number>;
}

/**
 * Runs every expiry now and then hourly, each up to its most per run; logs the counts only.
 * A kind that fails is logged and the others still run.
 */
export function keepNoLongerThanNeeded(
  expiries: readonly Expiry[],
  clock: { now(): Date },
  logger: Logger,
): Periodic {
  return createPeriodic(
    async () => {
      for (const expiry of expiries) {
        try {
          const removed = await expiry.remove(clock.now(), MOST_PER_RUN);
          if (removed > 0) logger.info({ kind: expiry.kind, removed }, "expired data removed");
        } catch (error) {
          logger.error({ err: error, kind: expiry.kind }, "removing expired data failed");
        }
      }
    },
    REVIEW_INTERVAL_MS,
    (error) => logger.error({ err: error }, "removing expired data failed"),
  );
}

/**
 * Calls `removeBatch(take)` (take at most {@link REMOVED_PER_STATEMENT}) until it removes
 * nothing or `most` are removed; how many were removed.
 */
export async function inBatches(
  most: number,
  removeBatch: (take: number) => Promise<number>,
): Promise<number> {
  let removed = 0;
  while (removed < most) {
    const count = await removeBatch(Math.min(REMOVED_PER_STATEMENT, most - removed));
    if (count === 0) break;
    removed += count;
  }
  return removed;
}
