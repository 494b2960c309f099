/**
 * The phone sign-in of 我的诉求: a one-time code by SMS to a mainland mobile, then a short
 * session cookie naming the phone. What it promises:
 * - no enumeration: a request for any well-formed mobile gets the same answer after the same
 *   work; whether the phone filed cases (and so whether an SMS goes) is decided after the
 *   answer, beside it;
 * - codes are stored as keyed hashes, live for LOGIN_CODE_TTL minutes, sign in once, and die
 *   after `maxAttempts` wrong tries; only the phone's newest code counts;
 * - per phone: one code a minute and `codesPerDay` a day, whoever asks (the per-address limit
 *   is the route's);
 * - the session cookie is sealed (AES-256-GCM under a key derived from the service's secret)
 *   and expires with the clock, whatever the browser keeps.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  randomInt,
  timingSafeEqual,
} from "node:crypto";
import { parseChinesePhone } from "../../domain/intake/phone.ts";
import type { Logger } from "../../logging/logger.ts";
import type { PhoneSignInStore } from "../../storage/phone-sign-in-store.ts";
import { DAY_MS } from "../../domain/shanghai-time.ts";

/** Sends the code to the phone (the SMS template login_code); throws when it did not go. */
export type LoginCodeSender = (phone: string, code: string) => Promise<void>;

export interface PhoneSignInLimits {
  /** Minutes a code lives (fixed by the approved SMS text). */
  readonly codeMinutes: number;
  /** Wrong tries that kill a code. */
  readonly maxAttempts: number;
  /** Codes one phone may get in 24 hours. */
  readonly codesPerDay: number;
  /** Seconds between two codes for one phone. */
  readonly codeIntervalSeconds: number;
  /** Minutes a sign-in lasts. */
  readonly sessionMinutes: number;
}

export type CodeRequest =
  | { readonly kind: "invalid_phone" }
  | { readonly kind: "limited"; readonly retryAt: Date }
  | { readonly kind: "requested"; readonly phone: string };

export interface PhoneSignIn {
  /** Issues a code for a typed mobile number; the SMS goes out beside the answer. */
  requestCode(typed: string, now: Date): Promise<CodeRequest>;
  /** The phone (11 digits) the code signs in, or null for a wrong, dead or used code. */
  verify(typed: string, code: string, now: Date): Promise<string | null>;
  /** The cookie value of a sign-in, and its lifetime in seconds. */
  seal(phone: string, now: Date): { value: string; maxAgeSeconds: number };
  /** The phone of a cookie value while it lasts; null otherwise. */
  open(value: string | undefined, now: Date): string | null;
  /** Resolves once the SMS being sent are done (for a graceful stop). */
  idle(): Promise<void>;
}

export interface PhoneSignInDeps {
  readonly store: PhoneSignInStore;
  /** Null when no SMS provider is configured: no code can be sent, and no sign-in is offered. */
  readonly sendCode: LoginCodeSender | null;
  readonly secret: Buffer;
  readonly limits: PhoneSignInLimits;
  readonly logger: Logger;
}

/** The mainland mobile a citizen typed (any separators, full-width digits), as 11 digits. */
export function typedMobile(typed: string): string | null {
  const phone = parseChinesePhone(typed.slice(0, 40));
  return phone?.kind === "mobile" ? phone.display : null;
}

export function createPhoneSignIn(deps: PhoneSignInDeps): PhoneSignIn {
  const { store, limits, logger } = deps;
  const key = (purpose: string) => createHmac("sha256", deps.secret).update(purpose).digest();
  const phoneHashKey = key("phone-sign-in:phone");
  const cookieKey = key("phone-sign-in:cookie");
  const phoneKeyOf = (phone: string) =>
    createHmac("sha256", phoneHashKey).update(`+86${phone}`).digest("base64url");
  const codeHashOf = (phoneKey: string, code: string) =>
    createHmac("sha256", phoneHashKey).update(`${phoneKey}:${code}`).digest("base64url");
  const sending = new Set<Promise<void>>();

  /** Sends the code when the phone filed cases; a failure is logged (never the number). */
  async function sendIfKnown(phone: string, code: string): Promise<void> {
    if (!deps.sendCode) return;
    const known = await store.casesOf(phone, 1);
    if (known.length === 0) return;
    try {
      await deps.sendCode(phone, code);
      logger.info("sign-in code sent");
    } catch (error) {
      logger.warn({ err: error }, "sign-in code not sent");
    }
  }

  return {
    async requestCode(typed, now) {
      const phone = typedMobile(typed);
      if (!phone) return { kind: "invalid_phone" };
      const phoneKey = phoneKeyOf(phone);
      const given = await store.codesSince(phoneKey, new Date(now.getTime() - DAY_MS));
      const last = given.at(-1);
      const intervalMs = limits.codeIntervalSeconds * 1000;
      if (last && now.getTime() - last.getTime() < intervalMs) {
        return { kind: "limited", retryAt: new Date(last.getTime() + intervalMs) };
      }
      if (given.length >= limits.codesPerDay) {
        const freed = given[given.length - limits.codesPerDay]!;
        return { kind: "limited", retryAt: new Date(freed.getTime() + DAY_MS) };
      }
      const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
      await store.issue({
        phoneKey,
        codeHash: codeHashOf(phoneKey, code),
        now,
        expiresAt: new Date(now.getTime() + limits.codeMinutes * 60_000),
      });
      const sent = sendIfKnown(phone, code).catch((error: unknown) =>
        logger.error({ err: error }, "sign-in code: looking up the phone's cases failed"),
      );
      sending.add(sent);
      void sent.finally(() => sending.delete(sent));
      return { kind: "requested", phone };
    },

    async verify(typed, code, now) {
      const phone = typedMobile(typed);
      if (!phone || !/^\d{6}$/.test(code)) return null;
      const phoneKey = phoneKeyOf(phone);
      const live = await store.live(phoneKey, now, limits.maxAttempts);
      if (!live) return null;
      const expected = Buffer.from(live.codeHash);
      const given = Buffer.from(codeHashOf(phoneKey, code));
      const matched = expected.length === given.length && timingSafeEqual(expected, given);
      return (await store.tryCode(live.id, matched, now, limits.maxAttempts)) ? phone : null;
    },

    seal(phone, now) {
      const maxAgeSeconds = limits.sessionMinutes * 60;
      const expires = Math.floor(now.getTime() / 1000) + maxAgeSeconds;
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", cookieKey, iv);
      const sealed = Buffer.concat([cipher.update(`${phone}.${expires}`, "utf8"), cipher.final()]);
      const value = [iv, sealed, cipher.getAuthTag()].map((b) => b.toString("base64url")).join(".");
      return { value, maxAgeSeconds };
    },

    open(value, now) {
      const parts = value?.split(".");
      if (parts?.length !== 3) return null;
      const [iv, sealed, tag] = parts.map((part) => Buffer.from(part, "base64url"));
      if (iv!.length !== 12 || tag!.length !== 16) return null;
      let plain: string;
      try {
        const decipher = createDecipheriv("aes-256-gcm", cookieKey, iv!);
        decipher.setAuthTag(tag!);
        plain = Buffer.concat([decipher.update(sealed!), decipher.final()]).toString("utf8");
      } catch {
        // Not sealed by this service (or tampered with): no sign-in.
        return null;
      }
      const match = /^(\d{11})\.(\d+)$/.exec(plain);
      if (!match || Number(match[2]) * 1000 <= now.getTime()) return null;
      return match[1]!;
    },

    async idle() {
      await Promise.all(sending);
    },
  };
}
