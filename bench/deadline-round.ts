/**
 * The deadline round just after the next local midnight, the day's busiest, on copies of a
 * database seeded beforehand (`node --import tsx bench/deadline-round.ts <DATABASE_URL> [--warm]`):
 * once with the copy's files dropped from the OS cache (cold) and once with them read into it
 * (warm), each on a fresh copy (a round records its alerts) and a fresh connection, in a process
 * that ran the round once before on a copy of its own (as a running service did yesterday; that
 * first round's figure is printed too: see deadlineRounds). Each round
 * is set against one indexed read of the same connection (the median of 21 after it: the
 * baseline) and prints its wall and CPU time and alerts per second. `growth.ts` runs the same
 * round at each size.
 */
import { spawnSync } from "node:child_process";
import { open, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createCaseActions } from "../src/cases/case-actions.ts";
import { createDeadlineScheduler } from "../src/cases/deadline-scheduler.ts";
import { loadCalendar } from "../src/calendar/load-calendar.ts";
import { loadDuplicateScorer } from "../src/classification/duplicate-scorer.ts";
import { loadDirectory } from "../src/directory/load-directory.ts";
import { addDays, localDateOf, startOfLocalDay } from "../src/domain/calendar.ts";
import { createLogger } from "../src/logging/logger.ts";
import { createOutboxStore } from "../src/notifications/outbox-store.ts";
import { createAddressBook } from "../src/storage/address-book.ts";
import { createCaseStore } from "../src/storage/case-store.ts";
import { openDatabase, type Db } from "../src/storage/database.ts";
import { parseDatabaseUrl, type DatabaseTarget } from "../src/storage/database-url.ts";
import { createLeaseStore } from "../src/storage/leases.ts";
import { plainSqlOf } from "../src/storage/plain-sql.ts";
import { createReadQueries } from "../src/storage/queries/read-queries.ts";
import { indexedReadMs } from "./baseline.ts";
import { scratchDatabase } from "./databases.ts";
import { traceStatements } from "./statement-trace.ts";

export interface DeadlineRoundFigure {
  readonly ms: number;
  /** CPU time of this process during the round (user + system). */
  readonly cpuMs: number;
  readonly checked: number;
  readonly alerts: number;
}

/**
 * One deadline round, as the service runs it every 10 minutes: the round just after the next
 * local midnight, the day's busiest, when the day's reminders open and yesterday's deadlines
 * pass (a round at the seed's own time finds the alerts of ten minutes: none at 10k).
 */
export async function deadlineRound(db: Db): Promise<DeadlineRoundFigure> {
  const [calendar, directory] = await Promise.all([loadCalendar(), loadDirectory()]);
  const afterMidnight = new Date(
    startOfLocalDay(addDays(localDateOf(new Date()), 1)).getTime() + 60_000,
  );
  const clock = { now: () => afterMidnight };
  const store = createCaseStore(
    db,
    {
      outbox: createOutboxStore(db, clock),
      directory,
      // As a service with the clerks' Telegram group set: the escalations write their digest.
      addresses: createAddressBook(db, { staffChatId: "-100200300" }),
    },
    await loadDuplicateScorer(directory),
  );
  const provider = plainSqlOf(db).provider;
  const queries = createReadQueries(db, provider, await loadDuplicateScorer(directory));
  const scheduler = createDeadlineScheduler({
    due: queries.dueAlerts,
    followUps: queries.answerFollowUps,
    store,
    actions: createCaseActions({ store, directory, calendar: () => calendar, clock }),
    leases: createLeaseStore(db),
    clock,
    logger: createLogger("silent", false),
  });
  // The round's first Prisma call (the lease) would load Prisma's query compiler, which a
  // running service has loaded long before its round.
  await db.channelCursor.findUnique({ where: { name: "bench warm-up" } });
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await scheduler.runOnce();
  const ms = performance.now() - start;
  const { user, system } = process.cpuUsage(cpu);
  return {
    ms,
    cpuMs: (user + system) / 1000,
    checked: result?.checked ?? 0,
    alerts: (result?.reminded ?? 0) + (result?.escalated ?? 0),
  };
}

/** The midnight round of a process that ran one before, and that process's first. */
export interface DeadlineRounds {
  /** As a running service runs it, every midnight: the measure. */
  readonly running: DeadlineRoundFigure;
  /** The same round as a process's first (on a copy of the same database). */
  readonly first: DeadlineRoundFigure;
}

/**
 * The midnight round on `target` (closed: it is copied) as a running service runs it: in a
 * process that already ran one — the same round on a copy of the database, as yesterday's —
 * and that first round's figure beside it. A process's first round of a thousand alerts
 * compiles its code as it goes (V8 optimises the per-alert functions, zod builds its parsers):
 * on PostgreSQL at 1M cases 670 → 440 ms of the process's CPU and 1,179 → 1,047 ms, measured
 * (2026-12-03), a cost a service pays once, not every midnight.
 */
export async function deadlineRounds(
  target: DatabaseTarget,
  label: string,
): Promise<DeadlineRounds> {
  const copy = await scratchDatabase(target.provider, `${label}_first_round`, target);
  const first = await roundOn(copy.target).finally(() => copy.drop());
  return { first, running: await roundOn(target) };
}

/**
 * One round on `target`, its files written out and in the OS cache first, as a running
 * service's are (a PostgreSQL copy just made is written through the server's buffers and its
 * log: left to the checkpointer, it was written during the round, 1,241 ms instead of about
 * 1,050 at 1M).
 */
async function roundOn(target: DatabaseTarget): Promise<DeadlineRoundFigure> {
  await setCache(target, "warm");
  const db = await openDatabase(target);
  try {
    return await deadlineRound(db);
  } finally {
    await db.$disconnect();
  }
}

/** How the copy's files stand in the OS cache when its round starts. */
type Cache = "cold" | "warm";

/** The files of a copy: SQLite's database and log; a PostgreSQL database's folder. */
async function filesOf(target: DatabaseTarget): Promise<string[]> {
  if (target.provider === "sqlite") {
    const file = target.sqliteFile!;
    const files = [file, `${file}-wal`];
    // Written out first, as a PostgreSQL copy is checkpointed: otherwise the round's first
    // COMMIT waits for the disk to write the gigabytes just copied (0.9 s instead of 0.2 s at 1M).
    for (const name of files) {
      const handle = await open(name, "r+").catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return null;
        throw error;
      });
      await handle?.sync().finally(() => handle.close());
    }
    return files;
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    // Written out first, so that no dirty page of the copy stays in memory.
    await client.query("CHECKPOINT");
    const { rows } = await client.query<{ dir: string; oid: number }>(
      `SELECT current_setting('data_directory') AS dir, oid FROM pg_database
       WHERE datname = current_database()`,
    );
    const folder = path.join(rows[0]!.dir, "base", String(rows[0]!.oid));
    return (await readdir(folder)).map((name) => path.join(folder, name));
  } finally {
    await client.end();
  }
}

/**
 * Drops the copy's files from the OS cache (GNU dd's `nocache`: posix_fadvise DONTNEED on
 * those files only, nothing else's cache) or reads them into it.
 */
async function setCache(target: DatabaseTarget, cache: Cache): Promise<void> {
  for (const file of await filesOf(target)) {
    const args =
      cache === "cold"
        ? [`if=${file}`, "iflag=nocache", "count=0"]
        : [`if=${file}`, "of=/dev/null", "bs=4M"];
    spawnSync("dd", [...args, "status=none"], { stdio: "ignore" });
  }
}

async function measure(source: DatabaseTarget, cache: Cache) {
  const scratch = await scratchDatabase(source.provider, `round_${cache}`, source);
  try {
    await setCache(scratch.target, cache);
    const db = await openDatabase(scratch.target);
    try {
      const statements = new Map<string, { count: number; ms: number }>();
      const stop = traceStatements(({ sql, ms }) => {
        const kind = sql.replace(/\s+/g, " ").trim().slice(0, 60);
        const seen = statements.get(kind) ?? { count: 0, ms: 0 };
        statements.set(kind, { count: seen.count + 1, ms: seen.ms + ms });
      });
      const round = await deadlineRound(db).finally(stop);
      const baselineMs = await indexedReadMs(db);
      return { cache, ...round, baselineMs, load: os.loadavg()[0]!, statements };
    } finally {
      await db.$disconnect();
    }
  } finally {
    await scratch.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const source = parseDatabaseUrl(process.argv[2] ?? "");
  // --warm: the usual round of a running service alone, in half the time (one copy, not two).
  const caches = process.argv.includes("--warm")
    ? (["warm"] as const)
    : (["cold", "warm"] as const);
  if (!source) {
    console.error("usage: node --import tsx bench/deadline-round.ts <DATABASE_URL> [--warm]");
    process.exitCode = 1;
  } else {
    // As a running service, which ran the round before (see deadlineRounds): the process's
    // first round, on a copy of its own, is printed and not measured further.
    const first = await measure(source, "warm");
    console.log(
      `${source.provider} the process's first round (warm): ${first.ms.toFixed(0)} ms wall, ${first.cpuMs.toFixed(0)} ms CPU`,
    );
    for (const cache of caches) {
      const figure = await measure(source, cache);
      console.log(
        `${source.provider} ${figure.cache}: ` +
          [
            `${figure.alerts} alerts of ${figure.checked} due`,
            `${figure.ms.toFixed(0)} ms wall (${(figure.ms / figure.baselineMs).toFixed(0)}× an indexed read of ${figure.baselineMs.toFixed(2)} ms)`,
            `${figure.cpuMs.toFixed(0)} ms CPU`,
            `${((figure.alerts * 1000) / figure.ms).toFixed(0)} alerts/s`,
            `load ${figure.load.toFixed(1)}`,
          ].join(", "),
      );
      // Where the round's time went: its statements by their beginning, the slowest first.
      const slowest = [...figure.statements].sort(([, a], [, b]) => b.ms - a.ms);
      for (const [kind, { count, ms }] of slowest) {
        console.log(`  ${ms.toFixed(0).padStart(6)} ms ${String(count).padStart(3)}× ${kind}`);
      }
    }
  }
}
