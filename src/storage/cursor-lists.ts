/**
 * Short JSON lists kept in one ChannelCursor row each (a citizen's WeCom send log, where a
 * case's Telegram cards went): read whole, and changed by compare-and-set (a conditional
 * updateMany), so that two writers at once never lose each other's item. SQLite and
 * PostgreSQL alike, no locking clauses.
 */
import type { z } from "zod";
import { AppError } from "../errors.ts";
import { isUniqueViolation, type Db } from "./database.ts";

export interface CursorLists<T> {
  /** The list named `name`; empty when there is none or it is unreadable. */
  read(name: string): Promise<T[]>;
  /**
   * Replaces the list with `change(list)`, retrying when another writer changed it meanwhile.
   * @throws AppError("storage.conflict") when other writers keep winning the race.
   */
  update(name: string, change: (items: T[]) => T[]): Promise<void>;
}

const MAX_ATTEMPTS = 5;

export function createCursorLists<T>(db: Db, schema: z.ZodType<T[]>): CursorLists<T> {
  function parse(cursor: string | undefined): T[] {
    if (cursor === undefined) return [];
    try {
      const parsed = schema.safeParse(JSON.parse(cursor));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  }

  return {
    async read(name) {
      const row = await db.channelCursor.findUnique({ where: { name } });
      return parse(row?.cursor);
    },

    async update(name, change) {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const row = await db.channelCursor.findUnique({ where: { name } });
        const cursor = JSON.stringify(change(parse(row?.cursor)));
        if (!row) {
          try {
            await db.channelCursor.create({ data: { name, cursor } });
            return;
          } catch (error) {
            if (isUniqueViolation(error)) continue;
            throw error;
          }
        }
        const { count } = await db.channelCursor.updateMany({
          where: { name, cursor: row.cursor },
          data: { cursor },
        });
        if (count === 1) return;
      }
      throw new AppError("storage.conflict", `${name} kept changing while it was saved`);
    },
  };
}
