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
 * key of its last committed batch, in a second ChannelCursor row, `<name>:after`), so that a
 * run stopped or crashed half-way goes on from there; a new version starts from the first row.
 */
export interface ResumableBackfillMark extends BackfillMark {
  /** Where this version's unfinished run stopped; null to begin with the first row. */
  resumeAfter(): Promise<string | null>;
  /** Records `after` as where the run stands: a statement for the batch's own transaction. */
  advance(after: string): Prisma.PrismaPromise<unknown>;
}

const POSITION = /^(.*?)\|(.*)$/s;

export function resumableBackfillMark(
  db: Db,
  name: string,
  version: string,
): ResumableBackfillMark {
  const done = backfillMark(db, name, version);
  const position = `${name}:after`;
  return {
    isDone: done.isDone,
    async markDone() {
      await done.markDone();
      await db.channelCursor.deleteMany({ where: { name: position } });
    },
    async resumeAfter() {
      const row = await db.channelCursor.findUnique({ where: { name: position } });
      const [, of, after] = (row && POSITION.exec(row.cursor)) ?? [];
      return of === version ? after! : null;
    },
    advance(after) {
      const cursor = `${version}|${after}`;
      return db.channelCursor.upsert({
        where: { name: position },
        create: { name: position, cursor },
        update: { cursor },
      });
    },
  };
}
