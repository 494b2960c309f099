/**
 * A baseline measured in the same run as a read of the database: one read of a case by its
 * tracking number through its index, on the same connection (the median of 21), so that a
 * call's time is told as a ratio that the machine's load moves less than its milliseconds.
 */
import type { Db } from "../src/storage/database.ts";
import { plainSqlOf } from "../src/storage/plain-sql.ts";
import { Prisma } from "../src/generated/sqlite/client.ts";
import { median } from "./service.ts";

/** The median time of 21 reads through an index, on `db`'s connection, in milliseconds. */
export async function indexedReadMs(db: Db): Promise<number> {
  const sql = plainSqlOf(db);
  const runs = [];
  for (let i = 0; i < 21; i++) {
    const start = performance.now();
    await sql.query(Prisma.sql`SELECT "id" FROM "Case" WHERE "trackingNo" = ${`ZK-${i}`}`);
    runs.push(performance.now() - start);
  }
  return median(runs);
}
