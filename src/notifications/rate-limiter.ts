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
  /**
   * Runs `call` (one message's API request) at the caller's slot for `chatKey`, and returns
   * its result. The request counts against the global rate from its slot until it is
   * answered, and for a window after: however late it reaches the API, it arrives before its
   * answer, so no window at the API holds more than the rate.
   */
  send<T>(chatKey: string, call: () => Promise<T>): Promise<T>;
}

/** A real-time sleep. */
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The window the global rate is kept in: a second, and a little for the API's clock, which
 * counts whole milliseconds.
 */
const WINDOW_MS = 1010;

/**
 * Creates a limiter over `clock` and `sleep`. Global slots are spaced
 * 1010 / globalPerSecond ms apart (a whole-millisecond spacing, ⌈1000 / 90⌉ = 12 ms, gave
 * away 7 % of the rate). Slots alone keep the rate only when requests reach the API on time;
 * an event loop that stalls sends several at once, and the API counts their arrival. So
 * the limiter counts too: a request goes only while fewer than `globalPerSecond` are in
 * flight or were answered (send) or went (acquire) within the last window. A chat whose key
 * starts with "-" (a Telegram group) uses `groupChatIntervalMs`. A chat's interval counts
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
  /** When requests were answered (send) or went (acquire), ms, ascending, last window. */
  const done: number[] = [];
  /** Requests of send() not answered yet. */
  let inFlight = 0;
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

  /**
   * Waits until fewer requests than the rate are in flight or done in the last window, and
   * counts the caller's at once (before any other caller checks): as in flight until it is
   * answered (`answered`), or as gone now.
   */
  async function windowOpen(answered: boolean): Promise<number> {
    for (;;) {
      const now = deps.clock.now().getTime();
      while (done.length > 0 && done[0]! <= now - WINDOW_MS) done.shift();
      if (done.length + inFlight < limits.globalPerSecond) {
        if (answered) inFlight++;
        else done.push(now);
        return now;
      }
      await sleep(done.length > 0 ? done[0]! + WINDOW_MS - now : spacing);
    }
  }

  /** Waits for the caller's slot and an open window; returns the slot. */
  async function slotFor(chatKey: string, answered: boolean): Promise<number> {
    const now = deps.clock.now().getTime();
    const at = reserve(chatKey, now);
    if (at > now) await sleep(at - now);
    const went = await windowOpen(answered);
    if (went > at && lastByChat.get(chatKey) === at) lastByChat.set(chatKey, went);
    return at;
  }

  return {
    async acquire(chatKey) {
      return new Date(await slotFor(chatKey, false));
    },
    async send(chatKey, call) {
      await slotFor(chatKey, true);
      try {
        return await call();
      } finally {
        inFlight--;
        done.push(deps.clock.now().getTime());
      }
    },
  };
}
