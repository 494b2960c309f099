/**
 * Sign-in and sessions of the console: a random token in a secure, httpOnly
 * cookie; its digest in StaffSession with an expiry. A new session on every
 * sign-in (no fixation); signing out deletes the row.
 *
 * Password guessing is slowed per username, whatever address it comes from: after
 * `freeFailures` wrong passwords in a day, each further one blocks the username for twice
 * as long as the last (1 s, 2 s, 4 s … at most 5 minutes). The owner is never locked out:
 * a browser that has signed in as that member before carries a signed device cookie and
 * is not held by the block (OWASP's "device cookies").
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { backoffDelay, type Backoff } from "../backoff.ts";
import type { Viewer } from "../cases/staff-viewer.ts";
import { GUESS_WINDOW_MS, secondsBlocked, type GuessCounter } from "../storage/guess-counter.ts";
import type { StaffSessionStore } from "../storage/staff-session-store.ts";
import { actorOf, type ConsoleStaffStore, type StaffIdentity } from "../storage/staff-store.ts";
import { ConsoleHttpError } from "./http-errors.ts";
import { verifyPassword } from "./passwords.ts";

/** A working day and a half: a clerk signs in once per shift. */
export const SESSION_TTL_MS = 12 * 3_600_000;

export interface StaffAuthDeps {
  readonly staff: ConsoleStaffStore;
  readonly sessions: StaffSessionStore;
  readonly clock: { now(): Date };
  /** Secure cookies (and the __Host- prefix) when the service is served over https. */
  readonly secureCookies: boolean;
  readonly guesses: GuessCounter;
  /** Signs the device cookies (storage/service-secret.ts). */
  readonly signingSecret: Buffer;
  /** Wrong passwords per username and day before the backoff starts (SIGN_IN_FREE_FAILURES). */
  readonly freeFailures: number;
}

/** The longest a username is blocked after a wrong password. */
export const MAX_SIGN_IN_BACKOFF_MS = 5 * 60_000;
const SIGN_IN_BACKOFF: Backoff = { baseMs: 1_000, maxMs: MAX_SIGN_IN_BACKOFF_MS };
/** A device stays known for a year after its last sign-in. */
const DEVICE_MAX_AGE_SECONDS = 365 * 24 * 3600;

/** How long a username is blocked after its `failures`-th wrong password of the day. */
export function signInBackoffMs(failures: number, freeFailures: number): number | null {
  if (failures < freeFailures) return null;
  return backoffDelay(SIGN_IN_BACKOFF, failures - freeFailures + 1);
}

export interface StaffAuth {
  readonly cookieName: string;
  /**
   * Checks the password and opens a session (setting the cookie).
   * @throws ConsoleHttpError 401 for an unknown user, a wrong password or an inactive account;
   *   429 while the username is blocked after wrong passwords, unless the request comes from
   *   a device the member signed in on before.
   */
  signIn(
    username: string,
    password: string,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<StaffIdentity>;
  /** Ends the request's session, if any, and clears the cookie. */
  signOut(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** The signed-in staff member of the request, or null. */
  viewerOf(request: FastifyRequest): Promise<Viewer | null>;
}

export function createStaffAuth(deps: StaffAuthDeps): StaffAuth {
  const cookieName = deps.secureCookies ? "__Host-console_session" : "console_session";
  const deviceCookie = deps.secureCookies ? "__Host-console_device" : "console_device";
  const deviceSignature = (staffId: string) =>
    createHmac("sha256", deps.signingSecret).update(`staff-device:${staffId}`).digest("base64url");
  const isKnownDevice = (request: FastifyRequest, staffId: string): boolean => {
    const given = Buffer.from(request.cookies[deviceCookie] ?? "");
    const expected = Buffer.from(`${staffId}.${deviceSignature(staffId)}`);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const cookieOptions = {
    path: "/",
    httpOnly: true,
    sameSite: "lax" as const,
    secure: deps.secureCookies,
  };
  return {
    cookieName,

    async signIn(username, password, request, reply) {
      const now = deps.clock.now();
      const key = `sign-in:${username.toLowerCase()}`;
      const found = await deps.staff.byUsername(username);
      if (!found || !isKnownDevice(request, found.id)) {
        const retryAfterSeconds = secondsBlocked(await deps.guesses.state(key), now);
        if (retryAfterSeconds !== null) {
          throw new ConsoleHttpError(429, "auth.slow_down", "sign-in of a blocked username", {
            retryAfterSeconds,
          });
        }
      }
      const matches = await verifyPassword(found?.passwordHash ?? null, password);
      if (!found || !matches || !found.active || actorOf(found) === null) {
        await deps.guesses.countFailure(key, now, GUESS_WINDOW_MS, (failures) =>
          signInBackoffMs(failures, deps.freeFailures),
        );
        throw new ConsoleHttpError(401, "auth.bad_credentials", `sign-in refused for a username`);
      }
      reply.setCookie(deviceCookie, `${found.id}.${deviceSignature(found.id)}`, {
        ...cookieOptions,
        maxAge: DEVICE_MAX_AGE_SECONDS,
      });
      const token = randomBytes(32).toString("base64url");
      const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
      await deps.sessions.create(token, found.id, expiresAt);
      reply.setCookie(cookieName, token, { ...cookieOptions, maxAge: SESSION_TTL_MS / 1000 });
      return {
        id: found.id,
        role: found.role,
        displayName: found.displayName,
        unitId: found.unitId,
      };
    },

    async signOut(request, reply) {
      const token = request.cookies[cookieName];
      if (token) await deps.sessions.remove(token);
      reply.clearCookie(cookieName, cookieOptions);
    },

    async viewerOf(request) {
      const token = request.cookies[cookieName];
      if (!token) return null;
      const staff = await deps.sessions.find(token, deps.clock.now());
      const actor = staff && actorOf(staff);
      return staff && actor ? { staff, actor } : null;
    },
  };
}
