/**
 * WeCom drops self-built app messages beyond 30 a minute to one member (and 1000 an hour).
 * The app's message/send calls therefore go through a queueing rate limiter keyed by the
 * staff userid (WECOM_APP_RATE_LIMITS: 2 s apart), so that a burst of notices to one clerk is
 * spaced out, never dropped. The limiter is per process, and the hourly cap is not enforced
 * (2 s spacing allows 1800 an hour; no member gets that many notices).
 */
import type { RateLimiter } from "../../notifications/rate-limiter.ts";
import type { WeComClient } from "./api-client.ts";

/**
 * `client` whose message/send first waits for `limiter`'s slot of every userid in `touser`
 * (a card or one text chunk is one call); its other methods are `client`'s own.
 */
export function withAppRateLimit<C extends Pick<WeComClient, "messageSend">>(
  client: C,
  limiter: RateLimiter,
): C {
  return {
    ...client,
    async messageSend(message) {
      await Promise.all(message.touser.map((userId) => limiter.acquire(userId)));
      return client.messageSend(message);
    },
  };
}
