/**
 * The growth part's console calls against a database seeded beforehand (a million cases take
 * minutes to seed; see bench/README.md): each call timed alone over HTTP (median of 3 after a
 * warm-up) with the service's CPU time per call (the mean of those 3: a loaded machine stretches
 * the wall time, hardly the CPU), every statement it ran, its time and its plan (EXPLAIN QUERY
 * PLAN on SQLite, EXPLAIN ANALYZE on PostgreSQL). The service writes (migrations, the deadline round, a staff
 * member to sign in as): point it at a copy of a shared database.
 *
 *   node --import tsx bench/read-calls.ts <DATABASE_URL> [call…]
 */
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { addDays, localDateOf, startOfLocalDay } from "../src/domain/calendar.ts";
import { openDatabase } from "../src/storage/database.ts";
import { parseDatabaseUrl } from "../src/storage/database-url.ts";
import { applyMigrations } from "../src/storage/migrate.ts";
import { addBenchClerk, BENCH_PASSWORD, consoleCalls, TRACED_SERVICE } from "./growth.ts";
import { ConsoleSession, cpuMs, median, startService } from "./service.ts";
import { statementPlans, tracedBetween } from "./statement-plans.ts";

const target = parseDatabaseUrl(process.argv[2] ?? "");
if (!target) throw new Error("usage: bench/read-calls.ts <DATABASE_URL> [call…]");
const only = process.argv.slice(3);
await applyMigrations(target);
const db = await openDatabase(target);
const now = new Date();
const [cases, oldest, inPeriod] = await Promise.all([
  db.case.count(),
  db.case.findFirstOrThrow({ orderBy: { submittedAt: "asc" } }),
  db.case.count({
    where: { submittedAt: { gte: startOfLocalDay(addDays(localDateOf(now), -29)) } },
  }),
]);
await addBenchClerk(db);
await db.$disconnect();

const trace = path.join(await mkdtemp(path.join(os.tmpdir(), "read-calls-")), "statements.jsonl");
const service = await startService(
  { DATABASE_URL: target.url, BENCH_STATEMENT_TRACE: trace },
  TRACED_SERVICE,
);
try {
  const session = new ConsoleSession(service.url);
  await session.signIn("bench", BENCH_PASSWORD);
  console.log(
    `${cases} cases; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  for (const call of consoleCalls({ cases, oldestTrackingNo: oldest.trackingNo, inPeriod })) {
    if (only.length > 0 && !only.includes(call.name)) continue;
    await session.timed(call.path);
    const runs: number[] = [];
    let ok = true;
    let from = 0;
    const cpuBefore = await cpuMs(service.pid);
    for (let i = 0; i < 3; i++) {
      from = Date.now();
      const run = await session.timed(call.path);
      runs.push(run.ms);
      ok &&= run.status === 200 && call.check(run.body);
    }
    const cpuPerCall = ((await cpuMs(service.pid)) - cpuBefore) / runs.length;
    const statements = await tracedBetween(trace, from, Date.now());
    console.log(
      `\n## ${call.name}: ${median(runs).toFixed(0)} ms, ${cpuPerCall.toFixed(0)} ms CPU${ok ? "" : " WRONG"}`,
    );
    for (const plan of await statementPlans(target, statements)) {
      console.log(
        `- ${plan.ms.toFixed(1)} ms${plan.fullScan ? " FULL SCAN" : ""}: ${oneLine(plan.sql)}`,
      );
      console.log(plan.plan.replace(/^/gm, "    "));
    }
  }
} finally {
  await service.stop();
}

function oneLine(sql: string): string {
  const text = sql.replace(/\s+/g, " ");
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
