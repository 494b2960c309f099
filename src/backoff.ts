/**
 * Exponential backoff, the one formula of the service: the outbox's and the inbox's retries
 * and the console's slow-down after wrong passwords. Delays are computed, never slept here:
 * each caller stores when to try again (an outbox row's nextAttemptAt, an inbox update's
 * retryAt, a username's blockedUntil), which is why a retry library (p-retry,
 * exponential-backoff), built around an in-process retry loop, does not fit.
 */

export interface Backoff {
  /** The pause after the first failure, before jitter. */
  readonly baseMs: number;
  /** No pause is longer than this. */
  readonly maxMs: number;
}

/**
 * The pause after failure number `attempt` (1 for the first): `baseMs · 2^(attempt-1)`, never
 * more than `maxMs`. With `random` (a number in [0, 1)), half of that plus a random share of
 * the other half ("equal jitter"), so that instances that failed together do not retry
 * together.
 */
export function backoffDelay(policy: Backoff, attempt: number, random?: () => number): number {
  const exponential = policy.baseMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.maxMs, exponential);
  return random ? Math.round(capped / 2 + (capped / 2) * random()) : capped;
}
