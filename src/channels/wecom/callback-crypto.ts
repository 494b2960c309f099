import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { decrypt, encrypt } from "@wecom/crypto";
import { AppError } from "../../errors.ts";
import { WeComCallbackError } from "./errors.ts";

/** The query parameters WeCom adds to every callback URL. */
export interface CallbackSignatureParams {
  readonly msg_signature: string;
  readonly timestamp: string;
  readonly nonce: string;
}

/** The GET request WeCom sends when an administrator saves the callback URL. */
export interface UrlVerificationParams extends CallbackSignatureParams {
  readonly echostr: string;
}

/** An encrypted payload with everything WeCom needs to check it. */
export interface SealedMessage {
  readonly encrypt: string;
  readonly msgSignature: string;
  readonly timestamp: string;
  readonly nonce: string;
}

export interface WeComCallbackCryptoOptions {
  /** The callback Token configured in the WeCom admin console. */
  readonly token: string;
  /** The 43-character EncodingAESKey configured beside it. */
  readonly encodingAesKey: string;
  /** Our CorpID: the receive id every genuine plaintext ends with. */
  readonly corpId: string;
  /** Milliseconds since the epoch. Default Date.now. */
  readonly clock?: () => number;
  /** How far a callback's timestamp may be from now, in seconds. Default 300. */
  readonly replayWindowSeconds?: number;
  /** How many accepted (msg_signature, nonce) pairs to remember at most. Default 10000. */
  readonly replayCacheSize?: number;
}

export interface WeComCallbackCrypto {
  /**
   * Checks a URL verification request and returns the decrypted echostr, which is the whole
   * answer WeCom expects (no quotes, no newline).
   * @throws WeComCallbackError (signature, timestamp, decrypt, receive_id, malformed).
   */
  verifyUrl(params: UrlVerificationParams): string;
  /**
   * Checks the signature and the timestamp of a POST callback and returns the decrypted XML.
   * Does not yet remember the pair: call {@link WeComCallbackCrypto.acceptOnce} once the
   * plaintext was found usable, so that a forged or broken request cannot occupy a nonce.
   * @throws WeComCallbackError (signature, timestamp, decrypt, receive_id, malformed).
   */
  open(params: CallbackSignatureParams, encrypted: string): string;
  /**
   * Records (msg_signature, nonce) as accepted.
   * @throws WeComCallbackError("replay") when the pair was accepted before within the window.
   */
  acceptOnce(params: CallbackSignatureParams): void;
  /** Encrypts and signs a plaintext (a passive reply, or a test callback). */
  seal(plaintext: string, options?: { timestamp?: string; nonce?: string }): SealedMessage;
  /** sha1 of the sorted [token, timestamp, nonce, encrypt], hex. */
  signature(timestamp: string, nonce: string, encrypted: string): string;
}

/**
 * Builds the callback cryptography for one (Token, EncodingAESKey, CorpID).
 * @throws AppError("config.invalid") when the EncodingAESKey is not 43 base64 characters.
 */
export function createWeComCallbackCrypto(
  options: WeComCallbackCryptoOptions,
): WeComCallbackCrypto {
  const { token, encodingAesKey, corpId } = options;
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) {
    throw new AppError("config.invalid", "WeCom EncodingAESKey must be 43 base64 characters");
  }
  if (token === "" || corpId === "") {
    throw new AppError("config.invalid", "WeCom callback token and CorpID must not be empty");
  }
  const clock = options.clock ?? Date.now;
  const windowMs = (options.replayWindowSeconds ?? 300) * 1000;
  const cacheSize = options.replayCacheSize ?? 10_000;
  /** Accepted pairs → when they may be forgotten (their timestamp has left the window). */
  const accepted = new Map<string, number>();

  const signature = (timestamp: string, nonce: string, encrypted: string): string =>
    createHash("sha1").update([token, timestamp, nonce, encrypted].sort().join("")).digest("hex");

  function checkSignature(params: CallbackSignatureParams, encrypted: string): void {
    const { msg_signature: given, timestamp, nonce } = params;
    if (!given || !timestamp || !nonce || !encrypted) {
      throw new WeComCallbackError(
        "malformed",
        "callback without msg_signature, timestamp, nonce or payload",
      );
    }
    const expected = Buffer.from(signature(timestamp, nonce, encrypted), "utf8");
    const actual = Buffer.from(given.toLowerCase(), "utf8");
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
      throw new WeComCallbackError("signature", "callback signature mismatch");
    }
    if (!/^\d{1,12}$/.test(timestamp)) {
      throw new WeComCallbackError("timestamp", "callback timestamp is not a number");
    }
    if (Math.abs(clock() - Number(timestamp) * 1000) > windowMs) {
      throw new WeComCallbackError("timestamp", "callback timestamp outside the replay window");
    }
  }

  function decryptForUs(encrypted: string): string {
    let opened: { message: string; id: string };
    try {
      opened = decrypt(encodingAesKey, encrypted);
    } catch (cause) {
      throw new WeComCallbackError("decrypt", "callback payload could not be decrypted", { cause });
    }
    // With a wrong key @wecom/crypto returns garbage instead of throwing; the receive id tells.
    if (opened.id !== corpId) {
      throw new WeComCallbackError("receive_id", "callback payload is not addressed to our CorpID");
    }
    return opened.message;
  }

  function forgetExpired(now: number): void {
    for (const [key, forgetAt] of accepted) {
      if (forgetAt > now && accepted.size <= cacheSize) break;
      accepted.delete(key);
    }
  }

  return {
    signature,
    verifyUrl(params) {
      // Query parsers turn an unencoded "+" into a space; base64 never contains spaces.
      const echostr = params.echostr?.replace(/ /g, "+") ?? "";
      checkSignature(params, echostr);
      return decryptForUs(echostr);
    },
    open(params, encrypted) {
      checkSignature(params, encrypted);
      return decryptForUs(encrypted);
    },
    acceptOnce(params) {
      const now = clock();
      forgetExpired(now);
      const key = `${params.msg_signature.toLowerCase()}:${params.nonce}`;
      if (accepted.has(key)) {
        throw new WeComCallbackError("replay", "callback already accepted");
      }
      // Map iteration follows insertion order; timestamps arrive roughly in order, so the
      // oldest entries come first and forgetExpired can stop at the first live one.
      accepted.set(key, Math.max(now, Number(params.timestamp) * 1000) + windowMs);
    },
    seal(plaintext, sealOptions = {}) {
      const timestamp = sealOptions.timestamp ?? String(Math.floor(clock() / 1000));
      const nonce = sealOptions.nonce ?? randomBytes(8).toString("hex");
      const encrypted = encrypt(encodingAesKey, plaintext, corpId);
      return {
        encrypt: encrypted,
        msgSignature: signature(timestamp, nonce, encrypted),
        timestamp,
        nonce,
      };
    },
  };
}
