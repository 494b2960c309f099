import type { Prisma } from "../generated/sqlite/client.ts";
import type { Db } from "./database.ts";

/**
 * The mark of a one-time backfill over every stored row (search terms, repeat links, place
 * keys): a ChannelCursor row holding the version of the code whose backfill has run to the end,
 * looked up once at each start. A new version runs the backfill again.
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

/**
 * A backfill mark that also keeps how far an unfinished run of its version got (the last row
 * key of its last committed batch, in a second ChannelCursor row named for the version,
 * `<name>:after:<version>`), so that a run stopped or crashed half-way goes on from there; a new
 * version finds no row of its own and starts from the first row.
 */
export interface ResumableBackfillMark extends BackfillMark {
  /** Where this version's unfinished run stopped; null to begin with the first row. */
  resumeAfter(): Promise<string | null>;
  /** Records `after` as where the run stands: a statement for the batch's own transaction. */
  advance(after: string): Prisma.PrismaPromise<unknown>;
}

export function resumableBackfillMark(
  db: Db,
  name: string,
  version: string,
): ResumableBackfillMark {
  const done = backfillMark(db, name, version);
  const positions = `${name}:after:`;
  const position = positions + version;
  return {
    isDone: done.isDone,
    async markDone() {
      await done.markDone();
      // Every version's position: an older version's unfinished run is over too.
      await db.channelCursor.deleteMany({ where: { name: { startsWith: positions } } });
    },
    async resumeAfter() {
      const row = await db.channelCursor.findUnique({ where: { name: position } });
      return row?.cursor ?? null;
    },
    advance(after) {
      return db.channelCursor.upsert({
        where: { name: position },
        create: { name: position, cursor: after },
        update: { cursor: after },
      });
    },
  };
}
