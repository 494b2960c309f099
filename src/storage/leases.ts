/**
 * Named leases in the shared database, so that a job meant to run once (pulling a WeCom kf
 * account, a round of deadline alerts) runs on one instance at a time. A lease is one
 * ChannelCursor row whose value is "<owner>|<until ms>", taken and renewed by compare-and-set
 * (a conditional updateMany): SQLite and PostgreSQL alike, no locking clauses.
 */
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
