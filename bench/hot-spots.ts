/**
 * The hot spots report (src/storage/queries/hot-spots.ts) in-process against a database seeded
 * beforehand: the report's time against the baseline of the same run (one indexed read on the
 * same connection, bench/baseline.ts), its CPU time (on SQLite it includes the database's own work), each
 * statement's time and plan (EXPLAIN QUERY PLAN on SQLite, EXPLAIN ANALYZE on PostgreSQL), the
 * size of the API's answer and the time to link and serialise it (what GET /api/hot-spots adds), and
 * with `--check` whether its findings are those of the domain's report over every case of the
 * period and the repeat window, read without narrowing (at 1M cases the check reads and
 * prepares about 120,000 cases: minutes).
 *
 *   node --import tsx bench/hot-spots.ts <DATABASE_URL> [--days 30] [--check]
 */
import { isDeepStrictEqual, parseArgs } from "node:util";
import os from "node:os";
import { withConsoleLinks } from "../src/cases/hot-spot-links.ts";
import { loadDuplicateScorer } from "../src/classification/duplicate-scorer.ts";
import { DEFAULT_DIRECTORY_FILE, loadDirectory } from "../src/directory/load-directory.ts";
import type { HotSpotReport } from "../src/domain/places/hot-spots.ts";
import { openDatabase } from "../src/storage/database.ts";
import { parseDatabaseUrl } from "../src/storage/database-url.ts";
import { createHotSpotQuery } from "../src/storage/queries/hot-spots.ts";
import { everyCaseHotSpots } from "../test/support/every-case-hot-spots.ts";
import { indexedReadMs } from "./baseline.ts";
import { median } from "./service.ts";
import { statementPlans } from "./statement-plans.ts";
import { traceStatements, type TracedStatement } from "./statement-trace.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { days: { type: "string", default: "30" }, check: { type: "boolean", default: false } },
});
const target = parseDatabaseUrl(positionals[0] ?? "");
if (!target) throw new Error("usage: bench/hot-spots.ts <DATABASE_URL> [--days 30] [--check]");
const days = Number(values.days);
const db = await openDatabase(target);
const directory = await loadDirectory(DEFAULT_DIRECTORY_FILE);
const scorer = await loadDuplicateScorer(directory);
const query = createHotSpotQuery(db, target.provider);
const now = new Date();
try {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  console.log(`${await db.case.count()} cases, ${days} days; load average ${load}`);
  const report = await query.report(now, days);
  const runs: { wall: number; cpu: number }[] = [];
  let statements: TracedStatement[] = [];
  for (let i = 0; i < 3; i++) {
    const traced: TracedStatement[] = [];
    const stop = traceStatements((statement) => traced.push(statement));
    const cpu = process.cpuUsage();
    const started = performance.now();
    await query.report(now, days);
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    stop();
    runs.push({ wall, cpu: (used.user + used.system) / 1000 });
    statements = traced;
  }
  const wall = median(runs.map((r) => r.wall));
  const baseline = await indexedReadMs(db);
  console.log(
    `report: ${wall.toFixed(0)} ms (${(wall / baseline).toFixed(0)}× an indexed read of ` +
      `${baseline.toFixed(3)} ms), ${median(runs.map((r) => r.cpu)).toFixed(0)} ms CPU ` +
      `(median of 3 after a warm-up); ${findingsOf(report)}`,
  );
  const serialised = performance.now();
  const body = JSON.stringify(withConsoleLinks(report));
  console.log(
    `answer: ${(Buffer.byteLength(body) / 1024).toFixed(0)} kB, linked and serialised in ` +
      `${(performance.now() - serialised).toFixed(0)} ms`,
  );
  for (const plan of await statementPlans(target, statements)) {
    console.log(
      `- ${plan.ms.toFixed(1)} ms${plan.fullScan ? " FULL SCAN" : ""}: ${oneLine(plan.sql)}`,
    );
    console.log(plan.plan.replace(/^/gm, "    "));
  }
  if (values.check) {
    const reference = await everyCaseHotSpots(db, scorer, now, days);
    const same = isDeepStrictEqual(report, reference);
    console.log(`check against every case: ${same ? "the same findings" : "DIFFERENT"}`);
    if (!same) {
      const parts = ["clusters", "repeatedPlaces", "repeatComplaints", "risingCategories"] as const;
      const differing = parts.filter((part) => !isDeepStrictEqual(report[part], reference[part]));
      console.log(`  reference: ${findingsOf(reference)}; differing: ${differing.join(", ")}`);
      process.exitCode = 1;
    }
  }
} finally {
  await db.$disconnect();
}

function findingsOf(report: HotSpotReport): string {
  return (
    `${report.clusters.total} clusters, ${report.repeatedPlaces.total} places named again, ` +
    `${report.repeatComplaints.total} repeats, ${report.risingCategories.total} rising categories`
  );
}

function oneLine(sql: string): string {
  const text = sql.replace(/\s+/g, " ");
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
