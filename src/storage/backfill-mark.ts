import type { Db } from "./database.ts";

/**
 * The mark of a one-time backfill over every stored row (search terms, repeat links): a
 * ChannelCursor row holding the version of the code whose backfill has run to the end, looked
 * up once at each start. A new version runs the backfill again.
 */
export interface BackfillMark {
  isDone(): Promise<boolean>;
  markDone(): Promise<void>;
}

export function backfillMark(db: Db, name: string, version: string): BackfillMark {
  return {
    async isDone() {
      const row = await db.channelCursor.findUnique({ where: { name } });
      return row?.cursor === version;
    },
    async markDone() {
      await db.channelCursor.upsert({
        where: { name },
        create: { name, cursor: version },
        update: { cursor: version },
      });
    },
  };
}
