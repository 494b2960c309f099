import { DAY_MS } from "../domain/shanghai-time.ts";
import type { Db, Tx } from "./database.ts";

/** Every counter counts a day's wrong guesses: the window its callers pass. */
export const GUESS_WINDOW_MS = DAY_MS;

/** A subject's count of wrong guesses (see the GuessCounter model). */
export interface GuessState {
  readonly failures: number;
  /** When the current window of counting started (its first wrong guess). */
  readonly since: Date;
  /** No attempt is taken before then; null when not blocked. */
  readonly blockedUntil: Date | null;
}

/** Whole seconds until a subject in `state` may try again at `now`; null when it may now. */
export function secondsBlocked(state: GuessState | null, now: Date): number | null {
  if (!state?.blockedUntil || state.blockedUntil <= now) return null;
  return Math.ceil((state.blockedUntil.getTime() - now.getTime()) / 1000);
}

/**
 * Wrong guesses of one secret per subject ("query-code:<trackingNo>", "sign-in:<username>"),
 * shared by every instance through the database, so that spreading guesses over many
 * addresses or servers does not multiply them.
 */
export interface GuessCounter {
  state(key: string): Promise<GuessState | null>;
  /**
   * Counts one more wrong guess inside `tx` and returns the new state; a count older than
   * `windowMs` starts again at one.
   */
  recordFailure(tx: Tx, key: string, now: Date, windowMs: number): Promise<GuessState>;
  /** Blocks attempts until `until` (inside `tx`). */
  block(tx: Tx, key: string, until: Date): Promise<void>;
  /**
   * Counts one more wrong guess in its own transaction and blocks the subject for
   * `blockMs(failures)` milliseconds when that is not null.
   */
  countFailure(
    key: string,
    now: Date,
    windowMs: number,
    blockMs: (failures: number) => number | null,
  ): Promise<GuessState>;
}

export function createGuessCounter(db: Db): GuessCounter {
  return {
    async state(key) {
      const row = await db.guessCounter.findUnique({ where: { key } });
      return row && { failures: row.failures, since: row.since, blockedUntil: row.blockedUntil };
    },

    async recordFailure(tx, key, now, windowMs) {
      const row = await tx.guessCounter.upsert({
        where: { key },
        create: { key, failures: 1, since: now },
        update: { failures: { increment: 1 } },
      });
      if (now.getTime() - row.since.getTime() < windowMs) {
        return { failures: row.failures, since: row.since, blockedUntil: row.blockedUntil };
      }
      const fresh = await tx.guessCounter.update({
        where: { key },
        data: { failures: 1, since: now, blockedUntil: null },
      });
      return { failures: fresh.failures, since: fresh.since, blockedUntil: null };
    },

    async block(tx, key, until) {
      await tx.guessCounter.update({ where: { key }, data: { blockedUntil: until } });
    },

    async countFailure(key, now, windowMs, blockMs) {
      return db.$transaction(async (tx) => {
        const counted = await this.recordFailure(tx, key, now, windowMs);
        const ms = blockMs(counted.failures);
        if (ms === null) return counted;
        const blockedUntil = new Date(now.getTime() + ms);
        await this.block(tx, key, blockedUntil);
        return { ...counted, blockedUntil };
      });
    },
  };
}
