/**
 * Named leases in the shared database, so that a job meant to run once (pulling a WeCom kf
 * account, a round of deadline alerts) runs on one instance at a time. A lease is one
 * ChannelCursor row whose value is "<owner>|<until ms>", taken and renewed by compare-and-set
 * (a conditional updateMany): SQLite and PostgreSQL alike, no locking clauses.
 */
import type { Logger } from "../logging/logger.ts";
import { isUniqueViolation, type Db } from "./database.ts";

export interface LeaseStore {
  /**
   * Takes or renews the lease `name` for `owner` until `now + ttlMs`. False when another
   * owner holds an unexpired lease, or won a race for it.
   */
  acquireLease(name: string, owner: string, now: number, ttlMs: number): Promise<boolean>;
  /** Gives the lease up if `owner` still holds it. */
  releaseLease(name: string, owner: string): Promise<void>;
}

const LEASE = /^(.*)\|(\d+)$/;

export function createLeaseStore(db: Db): LeaseStore {
  return {
    async acquireLease(name, owner, now, ttlMs) {
      const value = `${owner}|${now + ttlMs}`;
      const row = await db.channelCursor.findUnique({ where: { name } });
      if (!row) {
        try {
          await db.channelCursor.create({ data: { name, cursor: value } });
          return true;
        } catch (error) {
          if (isUniqueViolation(error)) return false;
          throw error;
        }
      }
      const held = LEASE.exec(row.cursor);
      if (held) {
        const [, holder, until] = held;
        if (holder !== "" && holder !== owner && Number(until) > now) return false;
      }
      const { count } = await db.channelCursor.updateMany({
        where: { name, cursor: row.cursor },
        data: { cursor: value },
      });
      return count === 1;
    },

    async releaseLease(name, owner) {
      await db.channelCursor.updateMany({
        where: { name, cursor: { startsWith: `${owner}|` } },
        data: { cursor: "|0" },
      });
    },
  };
}

/**
 * Runs `job` while holding the lease, renewing it every third of `ttlMs` and giving it up
 * afterwards. Resolves to false, without running the job, when another owner holds it.
 */
export async function withLease(
  leases: LeaseStore,
  lease: { name: string; owner: string; ttlMs: number; now: () => number; logger: Logger },
  job: () => Promise<void>,
): Promise<boolean> {
  const { name, owner, ttlMs, now, logger } = lease;
  if (!(await leases.acquireLease(name, owner, now(), ttlMs))) return false;
  const renew = setInterval(() => {
    leases.acquireLease(name, owner, now(), ttlMs).then(
      (kept) => {
        if (!kept) logger.warn({ lease: name }, "lease lost while working");
      },
      (error: unknown) => logger.warn({ err: error, lease: name }, "lease could not be renewed"),
    );
  }, ttlMs / 3);
  renew.unref();
  try {
    await job();
  } finally {
    clearInterval(renew);
    await leases
      .releaseLease(name, owner)
      .catch((error: unknown) => logger.warn({ err: error, lease: name }, "lease not released"));
  }
  return true;
}
