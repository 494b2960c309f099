/**
 * The port every SMS provider implements, and the one error it throws.
 */
import { AppError } from "../../errors.ts";
import { parseChinesePhone } from "../../domain/intake/phone.ts";
import type { SmsContent } from "./sms-templates.ts";

export const SMS_PROVIDERS = ["tencent", "aliyun"] as const;
export type SmsProvider = (typeof SMS_PROVIDERS)[number];

/** A mainland mobile number: the only kind our (domestic) templates can reach. */
export interface SmsPhone {
  /** 11 digits, e.g. "13812345678". */
  readonly national: string;
  /** "+8613812345678". */
  readonly e164: string;
}

/** The mobile number a citizen left, as SMS needs it; null for landlines and foreign numbers. */
export function smsPhone(stored: string): SmsPhone | null {
  const phone = parseChinesePhone(stored);
  if (phone?.kind !== "mobile") return null;
  return { national: phone.display, e164: `+86${phone.display}` };
}

export type SmsMessage = SmsContent & { readonly phone: SmsPhone };

/**
 * Sends one templated SMS through a provider. Nothing is retried here: the caller (the outbox)
 * decides when to try again.
 * @returns the provider's id of the message, which its delivery receipt will carry.
 * @throws SmsError on every failure.
 */
export interface SmsGateway {
  readonly provider: SmsProvider;
  send(message: SmsMessage): Promise<{ readonly providerMessageId: string }>;
}

/**
 * Why an SMS did not go out:
 * - `refused`: never try again as it is (bad number, template not approved, wrong keys,
 *   number blocked, no balance) — fix the setting or give up;
 * - `rate_limited`: the number (or the account) had its share; try again after `retryAt`;
 * - `unavailable`: network, timeout or the provider's own failure; it may or may not have gone
 *   out, try again later.
 */
export type SmsFailure = "refused" | "rate_limited" | "unavailable";

/**
 * A failed send. `message` names the provider's code and description, never the number or the
 * text; `providerCode` is the provider's error code (e.g.
 * "LimitExceeded.PhoneNumberOneHourLimit", "isv.BUSINESS_LIMIT_CONTROL") or our own
 * ("local.rate_limit", "local.invalid_params").
 */
export class SmsError extends AppError {
  readonly failure: SmsFailure;
  readonly providerCode: string;
  /** For `rate_limited`: the earliest moment another try can succeed. */
  readonly retryAt: Date | undefined;

  constructor(
    failure: SmsFailure,
    providerCode: string,
    message: string,
    options: { retryAt?: Date; cause?: unknown } = {},
  ) {
    super(
      failure === "refused" ? "channel.permanent" : "channel.transient",
      message,
      options.cause === undefined ? {} : { cause: options.cause },
    );
    this.failure = failure;
    this.providerCode = providerCode;
    this.retryAt = options.retryAt;
  }
}

const MINUTE = 60_000;

/**
 * Classifies a provider's per-number and per-account frequency limits: when the limit lifts.
 * Providers count in their own windows; we wait out the window the code names.
 */
export function limitRetryAt(window: "30s" | "minute" | "hour" | "day", now: Date): Date {
  const wait = { "30s": MINUTE / 2, minute: MINUTE, hour: 60 * MINUTE, day: 24 * 60 * MINUTE };
  return new Date(now.getTime() + wait[window]);
}

/**
 * An SDK loaded in the background of a gateway's creation: the providers' module trees take
 * seconds to load, so a service that imports the gateways but sends no SMS never loads them.
 * A failed load is not an unhandled rejection here; it surfaces at the first send that awaits it.
 */
export function loadInBackground<T>(load: () => Promise<T>): Promise<T> {
  const loading = load();
  loading.catch(() => undefined);
  return loading;
}
