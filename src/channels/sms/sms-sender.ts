/**
 * Sending an SMS the way the product must: to a mainland mobile only, with values that fit the
 * approved template, within our own per-phone limits (checked before the provider is called,
 * so a citizen is never flooded and the provider's own caps are never the first line), and
 * every attempt written to the SMS log with what became of it.
 */
import { createHmac } from "node:crypto";
import { LOCAL_RATE_LIMIT, type SmsSendStore } from "../../storage/sms-send-store.ts";
import { SmsError, smsPhone, type SmsGateway, type SmsPhone } from "./sms-gateway.ts";
import { smsParamsProblem, type SmsContent } from "./sms-templates.ts";

/** How many SMS one phone may get; the defaults follow the providers' own default caps. */
export interface SmsPhoneLimits {
  /** At least this long between two SMS to one phone (Tencent: 30 s, Alibaba: 1 minute). */
  readonly minIntervalSeconds: number;
  /** At most this many in any hour (both providers: 5). */
  readonly perHour: number;
  /** At most this many in any 24 hours (both providers: 10). */
  readonly perDay: number;
}

export const DEFAULT_SMS_PHONE_LIMITS: SmsPhoneLimits = {
  minIntervalSeconds: 60,
  perHour: 5,
  perDay: 10,
};

export interface SmsSendRequest {
  /** The number as the case keeps it (e.g. "13812345678"). */
  readonly phone: string;
  /** The case the SMS is about; null for a login code. */
  readonly caseId: string | null;
  /** The outbox notice it carries, if any: recorded as sent with the SMS, in one transaction. */
  readonly outboxId?: string | null;
  readonly content: SmsContent;
}

export interface SmsSender {
  /**
   * Sends one SMS and logs it.
   * @returns the SMS log row's id and the provider's message id.
   * @throws SmsError — `refused` with providerCode "local.not_mobile" or
   * "local.invalid_params" before anything is logged or sent; `rate_limited` with
   * "local.rate_limit" and `retryAt` when the phone had its share (logged as failed with that
   * code, so that the limit reached is on record); or the gateway's error.
   */
  send(request: SmsSendRequest): Promise<{ sendId: string; providerMessageId: string }>;
}

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;

export function createSmsSender(deps: {
  gateway: SmsGateway;
  store: SmsSendStore;
  limits: SmsPhoneLimits;
  /** Key of the phone hash (see {@link smsPhoneKey}). */
  phoneHashKey: string;
  now: () => Date;
}): SmsSender {
  const { gateway, store, limits } = deps;
  return {
    async send({ phone: stored, caseId, outboxId = null, content }) {
      const phone = smsPhone(stored);
      if (!phone) {
        throw new SmsError("refused", "local.not_mobile", "not a mainland mobile number");
      }
      const problem = smsParamsProblem(content);
      if (problem) throw new SmsError("refused", "local.invalid_params", problem);
      const now = deps.now();
      const phoneKey = smsPhoneKey(phone, deps.phoneHashKey);
      const sends = await store.sendTimes(phoneKey, new Date(now.getTime() - DAY));
      const attempt = {
        caseId,
        outboxId,
        template: content.template,
        provider: gateway.provider,
        phoneKey,
        now,
      };
      const retryAt = limitLiftsAt(sends, now, limits);
      if (retryAt) {
        await store.recordLimited(attempt);
        throw new SmsError(
          "rate_limited",
          LOCAL_RATE_LIMIT,
          `the phone had its share of SMS (${content.template})`,
          { retryAt },
        );
      }
      const sendId = await store.begin(attempt);
      try {
        const { providerMessageId } = await gateway.send({ ...content, phone });
        await store.markSent({ id: sendId, outboxId }, providerMessageId, deps.now());
        return { sendId, providerMessageId };
      } catch (error) {
        if (error instanceof SmsError) {
          await store.markNotSent(
            sendId,
            error.failure === "unavailable" ? "unconfirmed" : "failed",
            error.providerCode,
          );
        }
        throw error;
      }
    },
  };
}

/**
 * The phone as the SMS log knows it: HMAC-SHA256 of its E.164 form under a key of the service,
 * so that the log counts sends per phone without holding a number anyone could read back
 * (11-digit numbers are too few for a plain hash to hide them).
 */
export function smsPhoneKey(phone: SmsPhone, key: string): string {
  return createHmac("sha256", key).update(phone.e164).digest("base64url");
}

/** When the next SMS may go, or null if it may go now. `sends` are oldest first, within a day. */
function limitLiftsAt(sends: readonly Date[], now: Date, limits: SmsPhoneLimits): Date | null {
  const t = now.getTime();
  const rules = [
    { window: limits.minIntervalSeconds * SECOND, max: 1 },
    { window: HOUR, max: limits.perHour },
    { window: DAY, max: limits.perDay },
  ];
  let liftsAt: number | null = null;
  for (const { window, max } of rules) {
    const inWindow = sends.filter((at) => t - at.getTime() < window);
    if (inWindow.length >= max) {
      // The window frees a place when the oldest send that fills it leaves it.
      const freesAt = inWindow[inWindow.length - max]!.getTime() + window;
      liftsAt = Math.max(liftsAt ?? 0, freesAt);
    }
  }
  return liftsAt === null ? null : new Date(liftsAt);
}
