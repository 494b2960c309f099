import { randomFillSync } from "node:crypto";

let counter = 0;

/** Random bytes drawn ahead, 5 per id: one draw per 1,024 ids, not one each (thousands a round). */
const RANDOM_BYTES = 5;
const pool = Buffer.alloc(RANDOM_BYTES * 1024);
let taken = pool.length;

/**
 * An id for a row this service makes (Prisma's `cuid()` default is the client's, not the
 * database's, so rows written in plain SQL need their own): `prefix` ("c", as a cuid starts,
 * unless the table's ids say what they are), then the time and a
 * counter, so ids made in one process sort in creation order even within a millisecond,
 * then random bytes, so that instances never collide.
 */
export function newRowId(prefix = "c", now = new Date()): string {
  counter = (counter + 1) % 36 ** 5;
  if (taken === pool.length) {
    randomFillSync(pool);
    taken = 0;
  }
  const random = pool.toString("hex", taken, (taken += RANDOM_BYTES));
  return `${prefix}${now.getTime().toString(36).padStart(9, "0")}${counter.toString(36).padStart(5, "0")}${random}`;
}
