/**
 * Sign-in and sessions of the console: a random token in a secure, httpOnly
 * cookie; its digest in StaffSession with an expiry. A new session on every
 * sign-in (no fixation); signing out deletes the row.
 */
import { randomBytes } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Viewer } from "../cases/staff-viewer.ts";
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
}

export interface StaffAuth {
  readonly cookieName: string;
  /**
   * Checks the password and opens a session (setting the cookie).
   * @throws ConsoleHttpError 401 for an unknown user, a wrong password or an inactive account.
   */
  signIn(username: string, password: string, reply: FastifyReply): Promise<StaffIdentity>;
  /** Ends the request's session, if any, and clears the cookie. */
  signOut(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** The signed-in staff member of the request, or null. */
  viewerOf(request: FastifyRequest): Promise<Viewer | null>;
}

export function createStaffAuth(deps: StaffAuthDeps): StaffAuth {
  const cookieName = deps.secureCookies ? "__Host-console_session" : "console_session";
  const cookieOptions = {
    path: "/",
    httpOnly: true,
    sameSite: "lax" as const,
    secure: deps.secureCookies,
  };
  return {
    cookieName,

    async signIn(username, password, reply) {
      const found = await deps.staff.byUsername(username);
      const matches = await verifyPassword(found?.passwordHash ?? null, password);
      if (!found || !matches || !found.active || actorOf(found) === null) {
        throw new ConsoleHttpError(401, "auth.bad_credentials", `sign-in refused for a username`);
      }
      const token = randomBytes(32).toString("base64url");
      const expiresAt = new Date(deps.clock.now().getTime() + SESSION_TTL_MS);
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
