import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** The cookie that holds a web citizen's anonymous session. */
export const SESSION_COOKIE = "zk_session";

/** A session lasts half a year: long enough to read the answer to a complaint. */
export const SESSION_MAX_AGE_SECONDS = 180 * 24 * 3600;

const TOKEN = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/;

/**
 * A new session token, issued by this service only: 256 random bits and their HMAC under
 * the service's secret (storage/service-secret.ts), so a value a client made up, however
 * well-formed, is never taken as a session (no session fixation).
 */
export function newSessionToken(secret: Buffer): string {
  const id = randomBytes(32).toString("base64url");
  return `${id}.${signatureOf(id, secret)}`;
}

/**
 * The session's key in storage (ChannelIdentity.externalId, the chat log, the
 * outbox recipient): a hash of the token's random part, so that neither the
 * database nor a log line holds the cookie itself. Null for a value this
 * service did not issue.
 */
export function sessionKeyOf(token: string | undefined, secret: Buffer): string | null {
  const match = token ? TOKEN.exec(token) : null;
  if (!match) return null;
  const [, id, signature] = match;
  const expected = Buffer.from(signatureOf(id!, secret));
  const given = Buffer.from(signature!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return createHash("sha256").update(id!).digest("hex");
}

function signatureOf(id: string, secret: Buffer): string {
  return createHmac("sha256", secret).update(`web-session:${id}`).digest("base64url");
}
