/**
 * The growth part's exports (the whole list's, and a clerk's of each of EXPORTED_SEARCHES)
 * against a database seeded beforehand, without the rest of the part: each search's export time,
 * rows, and its time a row over the whole export's in the same run. The service writes
 * (migrations, the deadline round, a staff member to sign in as): point it at a copy.
 *
 *   node --import tsx bench/search-exports.ts <DATABASE_URL>
 */
import os from "node:os";
import { openDatabase } from "../src/storage/database.ts";
import { parseDatabaseUrl } from "../src/storage/database-url.ts";
import { applyMigrations } from "../src/storage/migrate.ts";
import { addBenchClerk, BENCH_PASSWORD, exportedCsv, searchExports } from "./growth.ts";
import { ConsoleSession, startService } from "./service.ts";

const target = parseDatabaseUrl(process.argv[2] ?? "");
if (!target) throw new Error("usage: bench/search-exports.ts <DATABASE_URL>");
await applyMigrations(target);
const db = await openDatabase(target);
await addBenchClerk(db);
await db.$disconnect();

const service = await startService({ DATABASE_URL: target.url }, [
  "--import",
  "tsx",
  "src/main.ts",
]);
try {
  const session = new ConsoleSession(service.url);
  await session.signIn("bench", BENCH_PASSWORD);
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ");
  console.log(`${target.provider}; load average ${load()}`);
  const start = performance.now();
  const whole = await exportedCsv(session);
  const wholeMs = performance.now() - start;
  console.log(
    `whole export: ${(wholeMs / 1000).toFixed(2)} s, ${whole.rows} rows${whole.rows === whole.announced ? "" : " WRONG"}`,
  );
  for (const [kind, figure] of Object.entries(await searchExports(session, wholeMs / whole.rows))) {
    console.log(
      `${kind} ${figure.q}: ${(figure.ms / 1000).toFixed(2)} s, ${figure.rows} rows, ` +
        `${figure.perRowRatio.toFixed(2)}× the whole export's ms a row${figure.ok ? "" : " WRONG"}`,
    );
  }
  console.log(`load average ${load()}`);
} finally {
  await service.stop();
}
