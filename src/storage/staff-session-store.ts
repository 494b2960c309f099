/**
 * The console's sign-in sessions (StaffSession rows). Only a SHA-256 digest of
 * the cookie's token is stored, so a copy of the database opens no session.
 */
import { createHash } from "node:crypto";
import type { StaffIdentity } from "./staff-store.ts";
import type { Db } from "./database.ts";

export interface StaffSessionStore {
  /** Stores a session for `token` that ends at `expiresAt`. */
  create(token: string, staffId: string, expiresAt: Date): Promise<void>;
  /** The active staff member of an unexpired session, or null (an expired row is deleted). */
  find(token: string, now: Date): Promise<StaffIdentity | null>;
  /** Ends the session; nothing happens for an unknown token. */
  remove(token: string): Promise<void>;
  /** Deletes the expired sessions; returns how many. */
  purgeExpired(now: Date): Promise<number>;
}

/** The stored id of a session token. */
export function sessionIdOf(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

export function createStaffSessionStore(db: Db): StaffSessionStore {
  return {
    async create(token, staffId, expiresAt) {
      await db.staffSession.create({ data: { id: sessionIdOf(token), staffId, expiresAt } });
    },

    async find(token, now) {
      const id = sessionIdOf(token);
      const row = await db.staffSession.findUnique({ where: { id }, include: { staff: true } });
      if (!row) return null;
      if (row.expiresAt.getTime() <= now.getTime()) {
        await db.staffSession.deleteMany({ where: { id } });
        return null;
      }
      const { staff } = row;
      if (!staff.active) return null;
      return {
        id: staff.id,
        role: staff.role,
        displayName: staff.displayName,
        unitId: staff.unitId,
      };
    },

    async remove(token) {
      await db.staffSession.deleteMany({ where: { id: sessionIdOf(token) } });
    },

    async purgeExpired(now) {
      const { count } = await db.staffSession.deleteMany({ where: { expiresAt: { lte: now } } });
      return count;
    },
  };
}
