/** Retry timing for the outbox: exponential, jittered, capped. */

/** Retry settings; the defaults suit Telegram and WeCom in production. */
export interface BackoffPolicy {
  /** Delay before the second attempt, before jitter. Default 1 s. */
  readonly baseMs: number;
  /** No delay is longer than this. Default 5 minutes. */
  readonly maxMs: number;
  /** Attempts in all, the first included; after the last one the message is failed. Default 10. */
  readonly maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 300_000, maxAttempts: 10 };

/**
 * The pause after failed attempt number `attempt` (1 for the first): half of
 * `baseMs · 2^(attempt-1)` plus a random share of the other half ("equal
 * jitter", so instances that failed together do not retry together), never
 * more than `maxMs`. `random` returns a number in [0, 1).
 */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number): number {
  const exponential = policy.baseMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.maxMs, exponential);
  return Math.round(capped / 2 + (capped / 2) * random());
}
