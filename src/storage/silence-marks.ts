/**
 * Where an hourly look for rows gone silent stands (the retention's silent conversations and
 * web chat sessions, expiries.ts): every row whose time is before the mark's (or at it, and
 * ordered by its key up to the mark's) was looked at, so the next run reads only the rows that
 * crossed the cutoff since. A ChannelCursor row "<ISO time>|<key>", moved by compare-and-set
 * as the leases and the weekly digest's marks are: instances running the look at once each
 * read the mark, look from it, and move it only if it is still what they read — a run that
 * loses leaves the other's mark, which is true too (everything before it was looked at).
 */
import { isUniqueViolation, type Db } from "./database.ts";

/** A row's place in a look: its time, then its key among rows of the same time. */
export interface LookPosition {
  readonly at: Date;
  readonly key: string;
}

export interface SilenceMark {
  /** Where the last look stopped; null before the first look has finished a page. */
  read(): Promise<LookPosition | null>;
  /** Moves the mark from `from` (as read) to `to`, unless another run moved it meanwhile. */
  move(from: LookPosition | null, to: LookPosition): Promise<void>;
}

const POSITION = /^([^|]*)\|(.*)$/s;

export function silenceMark(db: Db, name: string): SilenceMark {
  return {
    async read() {
      const row = await db.channelCursor.findUnique({ where: { name } });
      const found = row && POSITION.exec(row.cursor);
      return found ? { at: new Date(found[1]!), key: found[2]! } : null;
    },

    async move(from, to) {
      const cursor = `${to.at.toISOString()}|${to.key}`;
      if (from) {
        const was = `${from.at.toISOString()}|${from.key}`;
        await db.channelCursor.updateMany({ where: { name, cursor: was }, data: { cursor } });
        return;
      }
      try {
        await db.channelCursor.create({ data: { name, cursor } });
      } catch (error) {
        // Another instance's first look finished at the same moment; its mark stands.
        if (!isUniqueViolation(error)) throw error;
      }
    },
  };
}

/** Whether `a` comes after `b` in a look (null: before every row). */
export function isAfter(a: LookPosition, b: LookPosition | null): boolean {
  if (!b) return true;
  const [at, was] = [a.at.getTime(), b.at.getTime()];
  return at > was || (at === was && a.key > b.key);
}

/** Rows a look reads a page: a kept row read costs its share of one statement. */
const ROWS_PER_PAGE = 1000;
/** Where a look without a mark begins: before every row. */
const BEGINNING: LookPosition = { at: new Date(0), key: "" };

/**
 * The rows of a look after `after` and before `before` (by time), in order of time then key,
 * at most `take`.
 */
export type LookPage<Row extends LookPosition = LookPosition> = (
  after: LookPosition,
  before: Date,
  take: number,
) => Promise<Row[]>;

/**
 * Looks at the rows that went silent since the mark, up to `before`: pages of `next`, each
 * handed to `handle` (how many rows it removed), until the window is done or `most` are
 * removed. The mark follows each page, and goes to `before` only when the whole window was
 * looked at: a run stopped by its bound, or by the process stopping (a first look after the
 * upgrade reads every old row), is resumed by the next one where it stopped. How many rows
 * were removed.
 */
export async function lookSinceMark<Row extends LookPosition>(
  mark: SilenceMark,
  before: Date,
  most: number,
  next: LookPage<Row>,
  handle: (page: readonly Row[]) => Promise<number>,
): Promise<number> {
  let from = await mark.read();
  let removed = 0;
  const moveTo = async (to: LookPosition) => {
    if (isAfter(to, from)) await mark.move(from, to);
    from = to;
  };
  while (removed < most) {
    const take = Math.min(ROWS_PER_PAGE, most - removed);
    const page = await next(from ?? BEGINNING, before, take);
    if (page.length > 0) removed += await handle(page);
    if (page.length < take) {
      await moveTo({ at: before, key: "" });
      break;
    }
    await moveTo(page.at(-1)!);
  }
  return removed;
}
