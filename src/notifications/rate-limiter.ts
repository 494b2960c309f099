/**
 * An outbound rate limiter that queues instead of dropping: every caller gets
 * the earliest slot that keeps both the global rate and the per-chat interval,
 * and waits for it. Slots are reserved synchronously, so concurrent callers
 * never take the same one. Limits hold within one process only. Used for
 * Telegram (keyed by chat id) and the WeCom self-built app (keyed by userid).
 */
import type { Clock } from "../clock.ts";

/** A messaging API's sending limits, with a margin (defaults: Telegram's). */
export interface RateLimits {
  /** Messages per second over all recipients. Default 30. */
  readonly globalPerSecond: number;
  /** Minimum gap between two messages to one recipient (a private chat). Default 1000 ms. */
  readonly perChatIntervalMs: number;
  /**
   * Minimum gap between two messages to one Telegram group, a key starting with "-" (Telegram
   * allows 20 a minute). Default 3000 ms.
   */
  readonly groupChatIntervalMs: number;
}

export const TELEGRAM_RATE_LIMITS: RateLimits = {
  globalPerSecond: 30,
  perChatIntervalMs: 1_000,
  groupChatIntervalMs: 3_000,
};

/**
 * The WeCom self-built app (message/send), keyed by staff userid: WeCom drops app messages
 * beyond 30 a minute to one member, so one every 2 s. Userids never start with "-" (no groups
 * here); the global rate stays under WeCom's 10,000 calls a minute per API.
 */
export const WECOM_APP_RATE_LIMITS: RateLimits = {
  globalPerSecond: 100,
  perChatIntervalMs: 2_000,
  groupChatIntervalMs: 2_000,
};

/** Waits `ms` milliseconds; tests may move a clock instead. */
export type Sleep = (ms: number) => Promise<void>;

export interface RateLimiter {
  /**
   * Resolves at the caller's slot for a message to `chatKey` and returns the
   * slot's time. Callers for one chat get their slots in call order.
   */
  acquire(chatKey: string): Promise<Date>;
}

/** A real-time sleep. */
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How much later than the limiter a send may reach the API (the HTTP client's ticks, the
 * network) without a 1-second window at the API holding more than the global rate.
 */
const LATE_SEND_MARGIN_MS = 40;
/** The window the global rate is kept in, at the limiter. */
const WINDOW_MS = 1000 + LATE_SEND_MARGIN_MS;

/**
 * Creates a limiter over `clock` and `sleep`. Global slots are spaced
 * (1000 + 40) / globalPerSecond ms apart (a whole-millisecond spacing, ⌈1000 / 90⌉ = 12 ms,
 * gave away 7 % of the rate). Slots alone keep the rate only when callers wake on time; an
 * event loop that stalls wakes several at once, so the wakes are counted too: a caller
 * whose wake would put more than `globalPerSecond` of them in 1.04 s waits on. A chat whose
 * key starts with "-" (a Telegram group) uses `groupChatIntervalMs`. A chat's interval counts
 * from the time its caller actually went, so a caller woken late does not shorten the gap
 * to the next.
 */
export function createRateLimiter(deps: {
  clock: Clock;
  sleep?: Sleep;
  limits?: Partial<RateLimits>;
}): RateLimiter {
  const limits = { ...TELEGRAM_RATE_LIMITS, ...deps.limits };
  const sleep = deps.sleep ?? realSleep;
  const spacing = WINDOW_MS / limits.globalPerSecond;
  /** When callers actually went (ms), ascending, within the last window. */
  const wakes: number[] = [];
  /** Reserved global slots (ms), ascending; old ones are pruned. */
  const slots: number[] = [];
  const lastByChat = new Map<string, number>();

  const intervalOf = (chatKey: string) =>
    chatKey.startsWith("-") ? limits.groupChatIntervalMs : limits.perChatIntervalMs;

  function reserve(chatKey: string, now: number): number {
    while (slots.length > 0 && (slots[0] ?? 0) <= now - spacing) slots.shift();
    if (lastByChat.size > 10_000) {
      for (const [key, last] of lastByChat) {
        if (last + intervalOf(key) <= now) lastByChat.delete(key);
      }
    }
    const last = lastByChat.get(chatKey);
    let at = Math.max(now, last === undefined ? now : last + intervalOf(chatKey));
    let index = 0;
    for (; index < slots.length; index++) {
      const slot = slots[index] ?? 0;
      if (slot >= at + spacing) break;
      if (slot > at - spacing) at = slot + spacing;
    }
    slots.splice(index, 0, at);
    lastByChat.set(chatKey, at);
    return at;
  }

  /** Waits until the last window holds fewer than the rate's wakes; records this one. */
  async function windowOpen(): Promise<number> {
    for (;;) {
      const now = deps.clock.now().getTime();
      while (wakes.length > 0 && wakes[0]! <= now - WINDOW_MS) wakes.shift();
      if (wakes.length < limits.globalPerSecond) {
        wakes.push(now);
        return now;
      }
      await sleep(wakes[0]! + WINDOW_MS - now);
    }
  }

  return {
    async acquire(chatKey) {
      const now = deps.clock.now().getTime();
      const at = reserve(chatKey, now);
      if (at > now) await sleep(at - now);
      const went = await windowOpen();
      if (went > at && lastByChat.get(chatKey) === at) lastByChat.set(chatKey, went);
      return new Date(at);
    },
  };
}
