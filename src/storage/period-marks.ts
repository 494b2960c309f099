/**
 * "Done for this period" marks of periodic jobs that must run once per period however many
 * instances try (the clerks' weekly digest): a ChannelCursor row holding the key of the last
 * period done, moved by compare-and-set in the same transaction that enqueues the period's
 * messages. Two instances racing both read the old key; only one update matches it.
 */
import type { OutboxStore } from "../notifications/outbox-store.ts";
import type { NewStaffDigest } from "../notifications/staff-digest.ts";
import { isUniqueViolation, type Db } from "./database.ts";
import { prismaStatements } from "./plain-sql.ts";

export interface PeriodMarks {
  /** Whether `key` is marked done under `name` (the cheap check before the work). */
  isDone(name: string, key: string): Promise<boolean>;
  /**
   * Enqueues `rows` and marks `key` done under `name` in one transaction, unless it is done
   * already; true when this call did it.
   */
  enqueueOnce(name: string, key: string, rows: readonly NewStaffDigest[]): Promise<boolean>;
}

export function createPeriodMarks(db: Db, outbox: Pick<OutboxStore, "enqueue">): PeriodMarks {
  return {
    async isDone(name, key) {
      const row = await db.channelCursor.findUnique({ where: { name } });
      return row?.cursor === key;
    },

    async enqueueOnce(name, key, rows) {
      try {
        return await db.$transaction(async (tx) => {
          const row = await tx.channelCursor.findUnique({ where: { name } });
          if (row?.cursor === key) return false;
          if (row) {
            const { count } = await tx.channelCursor.updateMany({
              where: { name, cursor: row.cursor },
              data: { cursor: key },
            });
            if (count !== 1) return false;
          } else {
            await tx.channelCursor.create({ data: { name, cursor: key } });
          }
          await outbox.enqueue(prismaStatements(tx), rows);
          return true;
        });
      } catch (error) {
        // Another instance created the first mark at the same moment.
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
  };
}
