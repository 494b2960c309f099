/**
 * The place keys' backfill (src/storage/place-key-backfill.ts) in-process against a COPY of a
 * seeded database, as a city upgrading finds it: every key forgotten (or, with `--roads`, the
 * roads' only: a version from before roads were kept), the places no key names any more
 * dropped, the mark and position cleared; then the backfill to its end, batch by batch. Prints
 * its rate (cases and keys a second), the median batch of 1,000 cases against the baseline of
 * the same run (one indexed read on the same connection, bench/baseline.ts), its CPU time (on
 * SQLite it includes the database's own work) and the process's RSS before, after the first
 * batch and at its largest (flat after the first: a batch at a time). It changes the database: give it a copy.
 *
 *   node --import tsx bench/place-key-backfill.ts <DATABASE_URL> --on-a-copy [--roads]
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { DEFAULT_DIRECTORY_FILE, loadDirectory } from "../src/directory/load-directory.ts";
import { createPlaceReader } from "../src/domain/places/place-text.ts";
import { ROAD_KEY_PATTERN } from "../src/domain/places/duplicates.ts";
import { openDatabase } from "../src/storage/database.ts";
import { parseDatabaseUrl } from "../src/storage/database-url.ts";
import { placeKeyBatches } from "../src/storage/place-key-backfill.ts";
import { indexedReadMs } from "./baseline.ts";
import { median } from "./service.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    "on-a-copy": { type: "boolean", default: false },
    roads: { type: "boolean", default: false },
  },
});
const target = parseDatabaseUrl(positionals[0] ?? "");
if (!target || !values["on-a-copy"])
  throw new Error("usage: bench/place-key-backfill.ts <DATABASE_URL> --on-a-copy [--roads]");
const db = await openDatabase(target);
const reader = createPlaceReader(await loadDirectory(DEFAULT_DIRECTORY_FILE));
try {
  const forgotten = values.roads
    ? await db.$executeRaw`DELETE FROM "CasePlaceKey" WHERE "key" LIKE ${ROAD_KEY_PATTERN}`
    : await db.$executeRaw`DELETE FROM "CasePlaceKey"`;
  await db.$executeRaw`DELETE FROM "HotSpotPlace" WHERE "id" NOT IN
    (SELECT "hotSpotPlaceId" FROM "CasePlaceKey" WHERE "hotSpotPlaceId" IS NOT NULL)`;
  await db.channelCursor.deleteMany({ where: { name: { startsWith: "case-place-keys:" } } });
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  console.log(
    `${await db.case.count()} cases, ${forgotten} ${values.roads ? "road " : ""}keys ` +
      `forgotten; load average ${load}`,
  );
  const rssBefore = process.memoryUsage().rss;
  let rssFirst = 0;
  let rssMax = rssBefore;
  let [read, added] = [0, 0];
  const batches: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  let batchStarted = started;
  for await (const batch of placeKeyBatches(db, reader)) {
    const now = performance.now();
    batches.push(now - batchStarted);
    batchStarted = now;
    read += batch.read;
    added += batch.added;
    const rss = process.memoryUsage().rss;
    rssFirst ||= rss;
    rssMax = Math.max(rssMax, rss);
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const baseline = await indexedReadMs(db);
  const batch = median(batches);
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
  console.log(
    `backfill: ${read} cases, ${added} keys in ${seconds.toFixed(1)} s ` +
      `(${(read / seconds).toFixed(0)} cases/s, ${(added / seconds).toFixed(0)} keys/s), ` +
      `${((used.user + used.system) / 1e6).toFixed(1)} s CPU; median batch of 1,000 cases ` +
      `${batch.toFixed(0)} ms (${(batch / baseline).toFixed(0)}× an indexed read of ` +
      `${baseline.toFixed(3)} ms); RSS ${mb(rssBefore)} MB before, ${mb(rssFirst)} MB after ` +
      `the first batch, ${mb(rssMax)} MB at most`,
  );
} finally {
  await db.$disconnect();
}
