import { createHash, randomBytes } from "node:crypto";

/** The cookie that holds a web citizen's anonymous session. */
export const SESSION_COOKIE = "zk_session";

/** A session lasts half a year: long enough to read the answer to a complaint. */
export const SESSION_MAX_AGE_SECONDS = 180 * 24 * 3600;

/** A new session token: 256 random bits, URL-safe. */
export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * The session's key in storage (ChannelIdentity.externalId, the chat log, the
 * outbox recipient): a hash of the token, so that neither the database nor a
 * log line holds the cookie itself. Null for a value that is not a token.
 */
export function sessionKeyOf(token: string | undefined): string | null {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  return createHash("sha256").update(token).digest("hex");
}
