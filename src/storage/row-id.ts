import { randomBytes } from "node:crypto";

let counter = 0;

/**
 * A new primary key for a row written by plain SQL (plain-sql.ts), shaped as the cuids Prisma
 * makes for `@default(cuid())`: "c", the time and a counter (so one process's ids sort in the
 * order they were made, as entries of one moment are read back), then random characters.
 */
export function newRowId(now = Date.now()): string {
  counter = (counter + 1) % 36 ** 4;
  return `c${now.toString(36).padStart(8, "0")}${counter.toString(36).padStart(4, "0")}${randomBytes(6).toString("hex")}`;
}
