/**
 * Growth: the console's calls, the export, the deadline round and the start
 * at 10k and 100k cases (1M with BENCH_FULL=1) on SQLite and PostgreSQL, each
 * call the median of TIMED_RUNS and set against /healthz of the same service in the
 * same run (its ratio), each answer checked (the counts true, the case found).
 */
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { hashPassword } from "../src/console/passwords.ts";
import { loadDirectory } from "../src/directory/load-directory.ts";
import { addDays, localDateOf } from "../src/domain/calendar.ts";
import {
  FINDING_KINDS,
  LISTED_CASES,
  LISTED_FINDINGS,
  type HotSpotReport,
} from "../src/domain/places/hot-spots.ts";
import { openDatabase, type Db } from "../src/storage/database.ts";
import type { DatabaseProvider, DatabaseTarget } from "../src/storage/database-url.ts";
import { loadDuplicateScorer } from "../src/classification/duplicate-scorer.ts";
import { loadOrTrainBaseModel } from "../src/classification/model-cache.ts";
import { createReadQueries } from "../src/storage/queries/read-queries.ts";
import { createConsoleStaffStore } from "../src/storage/staff-store.ts";
import { scratchDatabase } from "./databases.ts";
import { deadlineRounds, type DeadlineRoundFigure } from "./deadline-round.ts";
import { statementPlans, tracedBetween, type StatementPlan } from "./statement-plans.ts";
import { cityDays, seedCases } from "./seed.ts";
import { anonymousRssMb, ConsoleSession, median, startService } from "./service.ts";

/** The password of the clerk the calls sign in as. */
export const BENCH_PASSWORD = "bench password 2026";

/** The service with every statement it runs traced (bench/statement-trace.ts). */
export const TRACED_SERVICE = [
  "--import",
  "tsx",
  "--import",
  "./bench/statement-trace.ts",
  "src/main.ts",
] as const;

/**
 * The classifier's disk cache shared by every service the growth part starts: each scratch
 * SQLite database has a folder of its own, whose default cache would make every start a first
 * start that trains (the "classifier" part measures that); this part measures a restart.
 */
const CLASSIFIER_CACHE_DIR = path.join(os.tmpdir(), "bench-classifier-cache");

export interface CallFigure {
  readonly ms: number;
  /** ms over the same service's /healthz median in the same run. */
  readonly ratio: number;
  readonly ok: boolean;
  readonly note?: string;
  /** The call's statements whose plan reads a large table whole (see callPlans). */
  readonly fullScans: number;
}

export interface GrowthPoint {
  readonly provider: DatabaseProvider;
  readonly cases: number;
  /** Null for a copy of a database seeded beforehand (BENCH_SEEDED). */
  readonly seedSeconds: number | null;
  readonly databaseMb: number;
  readonly healthzMs: number;
  readonly startMs: number;
  /** The start's CPU time (user + system), less sensitive than startMs to a loaded machine. */
  readonly startCpuMs: number;
  readonly startRssMb: number;
  /** The machine's 1-minute load average when the service had started (2 cores). */
  readonly startLoad: number;
  readonly calls: Record<string, CallFigure>;
  readonly export: {
    readonly ms: number;
    readonly rows: number;
    readonly ok: boolean;
    readonly rssGrowthMb: number;
    /** The peak of anonymous resident memory (RssAnon) during the export over its start, MB. */
    readonly anonymousGrowthMb: number;
    /** The CSV's size, MB. */
    readonly csvMb: number;
    /**
     * The same export by a service whose V8 heap is capped (EXPORT_HEAP_LIMIT_MB): every row
     * arrived, though the cap leaves the export less room than the CSV's size.
     */
    readonly underHeapLimit: { readonly heapLimitMb: number; readonly ok: boolean };
    /** The export of a text search (EXPORTED_SEARCHES), by the word's kind. */
    readonly searches: Record<keyof typeof EXPORTED_SEARCHES, SearchExportFigure>;
  };
  /** The midnight round as a running service runs it (a process that ran one before). */
  readonly deadlineRound: DeadlineRoundFigure;
  /** The same round as a process's first, on a copy (deadlineRounds). */
  readonly firstDeadlineRound: DeadlineRoundFigure;
  /** The plan of the list query for each filter (EXPLAIN). */
  readonly plans: Record<string, string>;
  /** Every statement each call ran, with its time and plan (EXPLAIN; ANALYZE on PostgreSQL). */
  readonly callPlans: Record<string, StatementPlan[]>;
}

/**
 * One size of one database: seeded here, or, given `seeded` (a database of `cases` cases
 * seeded beforehand by `npm run seed`), measured on a copy of it.
 */
export async function benchGrowthPoint(
  provider: DatabaseProvider,
  cases: number,
  seeded?: DatabaseTarget,
): Promise<GrowthPoint> {
  const scratch = await scratchDatabase(provider, `${provider}_${cases}`, seeded);
  try {
    const now = new Date();
    // At the city's rate however few days that is: a larger size is a longer archive of one city.
    const seedSeconds = seeded
      ? null
      : (await seedCases(scratch.target, cases, now, cityDays(cases))).seconds;
    const db = await openDatabase(scratch.target);
    const directory = await loadDirectory();
    const queries = createReadQueries(db, provider, await loadDuplicateScorer(directory));
    await addBenchClerk(db);
    const oldest = await db.case.findFirstOrThrow({ orderBy: { submittedAt: "asc" } });
    const today = localDateOf(now);
    const from = addDays(today, -29);
    const inPeriod = (
      await queries.cases.page({ scope: { kind: "all" }, filter: { from, to: today }, limit: 1 })
    ).total;
    const plans: Record<string, string> = {};
    for (const [name, filter] of Object.entries({
      none: {},
      status: { status: ["submitted" as const] },
      region: { region: "fugou" },
      category: { category: "municipal" },
      period: { from, to: today },
    })) {
      plans[name] = await queries.cases.explain({ kind: "all" }, filter);
    }

    await loadOrTrainBaseModel({ directory, cacheDir: CLASSIFIER_CACHE_DIR });
    const trace = path.join(await mkdtemp(path.join(os.tmpdir(), "growth-")), "statements.jsonl");
    const service = await startService(
      { DATABASE_URL: scratch.target.url, BENCH_STATEMENT_TRACE: trace, CLASSIFIER_CACHE_DIR },
      TRACED_SERVICE,
    );
    const startRssMb = await service.peakRssMb();
    const startLoad = os.loadavg()[0]!;
    const session = new ConsoleSession(service.url);
    await session.signIn("bench", BENCH_PASSWORD);
    const healthz = await times(() => session.timed("/healthz"));
    const healthzMs = median(healthz.map((t) => t.ms));
    const calls: Record<string, CallFigure> = {};
    const callPlans: Record<string, StatementPlan[]> = {};
    const call = async (name: string, path: string, check: (body: string) => boolean) => {
      const runs = await times(() => session.timed(path));
      const ms = median(runs.map((r) => r.ms));
      // The statements of the last run, each with its plan.
      const from = Date.now() - runs.at(-1)!.ms - 1;
      const plans = await statementPlans(
        scratch.target,
        await tracedBetween(trace, from, Date.now()),
      );
      callPlans[name] = plans;
      calls[name] = {
        fullScans: plans.filter((plan) => plan.fullScan).length,
        ms,
        ratio: ms / healthzMs,
        ok: runs.every((r) => r.status === 200 && check(r.body)),
      };
    };
    for (const each of consoleCalls({ cases, oldestTrackingNo: oldest.trackingNo, inPeriod })) {
      await call(each.name, each.path, each.check);
    }

    const rssBefore = await service.peakRssMb();
    const anonymous = sampleAnonymousRss(service.pid);
    const exportStart = performance.now();
    const { rows, bytes } = await exportedCsv(session);
    const exportMs = performance.now() - exportStart;
    const rssGrowthMb = (await service.peakRssMb()) - rssBefore;
    const anonymousGrowthMb = await anonymous.peakGrowthMb();
    const searches = await searchExports(session, exportMs / rows);
    await service.stop();
    const capped = await exportUnderHeapLimit(scratch.target.url);

    await db.$disconnect();
    const rounds = await deadlineRounds(scratch.target, `${provider}_${cases}`);
    return {
      provider,
      cases,
      seedSeconds,
      databaseMb: await scratch.sizeMb(),
      healthzMs,
      startMs: service.startMs,
      startCpuMs: service.startCpuMs,
      startRssMb,
      startLoad,
      calls,
      export: {
        ms: exportMs,
        rows,
        ok: rows === cases,
        rssGrowthMb,
        anonymousGrowthMb,
        csvMb: bytes / 1024 ** 2,
        underHeapLimit: { heapLimitMb: EXPORT_HEAP_LIMIT_MB, ok: capped.rows === cases },
        searches,
      },
      deadlineRound: rounds.running,
      firstDeadlineRound: rounds.first,
      plans,
      callPlans,
    };
  } finally {
    await scratch.drop();
  }
}

/** The clerk the calls sign in as (a copied database may have it from an earlier run). */
export async function addBenchClerk(db: Db): Promise<void> {
  const staff = createConsoleStaffStore(db);
  if (await staff.byUsername("bench")) return;
  await staff.add({
    username: "bench",
    displayName: "bench",
    role: "clerk",
    unitId: null,
    passwordHash: await hashPassword(BENCH_PASSWORD),
  });
}

/** What the checks of the console's calls compare with. */
export interface CallFacts {
  /** All the cases stored. */
  readonly cases: number;
  /** The oldest case's number: searched for and opened. */
  readonly oldestTrackingNo: string;
  /** The cases of the dashboard's period (the last 30 days). */
  readonly inPeriod: number;
}

/** The console's calls the growth part times, each with the check of its answer. */
export function consoleCalls(facts: CallFacts): {
  name: string;
  path: string;
  check: (body: string) => boolean;
}[] {
  const { cases, oldestTrackingNo, inPeriod } = facts;
  return [
    {
      name: "queue",
      path: "/api/queue",
      check: (b) => JSON.parse(b).items.length > 0 || JSON.parse(b).total === 0,
    },
    { name: "list", path: "/api/cases", check: (b) => JSON.parse(b).total === cases },
    {
      name: "listFiltered",
      path: "/api/cases?status=in_progress&region=chuanhui",
      check: (b) => JSON.parse(b).total >= 0,
    },
    {
      // 已超期: the longest overdue first, read from its own index (set against "list").
      name: "listOverdue",
      path: "/api/cases?overdue=true",
      check: (b) => {
        const items = (JSON.parse(b) as { items: { overdue: boolean; dueAt: string }[] }).items;
        return items.every(
          (item, i) => item.overdue && (i === 0 || items[i - 1]!.dueAt <= item.dueAt),
        );
      },
    },
    {
      name: "searchNumber",
      path: `/api/cases?q=${oldestTrackingNo}`,
      check: (b) => {
        const items = JSON.parse(b).items as { case: { trackingNo: string } }[];
        return items.length === 1 && items[0]!.case.trackingNo === oldestTrackingNo;
      },
    },
    {
      name: "searchText",
      path: `/api/cases?q=${encodeURIComponent("路灯")}`,
      check: (b) => JSON.parse(b).total > 0,
    },
    {
      name: "casePage",
      path: `/api/cases/${oldestTrackingNo}`,
      check: (b) => JSON.parse(b).case.trackingNo === oldestTrackingNo,
    },
    { name: "dashboard", path: "/api/dashboard", check: (b) => JSON.parse(b).total === inPeriod },
    {
      name: "hotSpots",
      path: "/api/hot-spots?days=30",
      // Each kind lists its first findings, no more, and counts them all; each place named again
      // lists its newest cases, no more, and counts them all.
      check: (b) => {
        const report = JSON.parse(b) as HotSpotReport;
        return (
          FINDING_KINDS.every(
            (kind) => report[kind].items.length === Math.min(report[kind].total, LISTED_FINDINGS),
          ) &&
          report.repeatedPlaces.items.every(
            (p) => p.caseIds.length === Math.min(p.caseCount, LISTED_CASES),
          )
        );
      },
    },
  ];
}

/**
 * Timed runs of each call after its warm-up. Seven, not three: the growth exponents compare
 * calls of 10–50 ms at 100k and 1M, where one slow run of three moved an exponent by 0.2.
 */
const TIMED_RUNS = 7;

async function times<T>(run: () => Promise<T>): Promise<T[]> {
  await run();
  const runs: T[] = [];
  for (let i = 0; i < TIMED_RUNS; i++) runs.push(await run());
  return runs;
}

/**
 * The V8 heap (MB) the export's second run gets: the service's own heap after its start
 * (about 80 MB: the classifier, the directory, Prisma) and less than 20 MB more, less than
 * the CSV of 100,000 cases (about 33 MB). An export that held its rows would fail under it
 * at 100k; one that streams runs the same at any size.
 */
const EXPORT_HEAP_LIMIT_MB = 96;

/**
 * The words whose export of a text search the growth part times, by how many of the seeded
 * cases hold them: 处理 in about 44 % (the seed's "希望尽快处理"), 小区 in about 8 % (an estate's
 * name), 路灯 in under 1 %.
 */
export const EXPORTED_SEARCHES = { common: "处理", middling: "小区", rare: "路灯" } as const;

export interface SearchExportFigure {
  readonly q: string;
  /** The median of SEARCH_EXPORT_RUNS. */
  readonly ms: number;
  readonly rows: number;
  /**
   * Its ms a row over the whole export's in the same run (the baseline): the same at every size
   * when the search's export grows with its rows as the whole export does.
   */
  readonly perRowRatio: number;
  /** Every run exported the rows its `X-Export-Rows` announced. */
  readonly ok: boolean;
}

/** Runs of each search's export; the median is kept. */
const SEARCH_EXPORT_RUNS = 3;

/**
 * The clerk's export of each of EXPORTED_SEARCHES, set against `wholeMsPerRow`, the whole
 * export's time a row measured in the same run.
 */
export async function searchExports(
  session: ConsoleSession,
  wholeMsPerRow: number,
): Promise<Record<keyof typeof EXPORTED_SEARCHES, SearchExportFigure>> {
  const figures: Partial<Record<keyof typeof EXPORTED_SEARCHES, SearchExportFigure>> = {};
  for (const [kind, q] of Object.entries(EXPORTED_SEARCHES)) {
    const runs: number[] = [];
    let exported = { rows: 0, bytes: 0, announced: 0 };
    for (let i = 0; i < SEARCH_EXPORT_RUNS; i++) {
      const start = performance.now();
      exported = await exportedCsv(session, `?q=${encodeURIComponent(q)}`);
      runs.push(performance.now() - start);
    }
    const ms = median(runs);
    figures[kind as keyof typeof EXPORTED_SEARCHES] = {
      q,
      ms,
      rows: exported.rows,
      perRowRatio: ms / Math.max(exported.rows, 1) / wholeMsPerRow,
      ok: exported.rows === exported.announced,
    };
  }
  return figures as Record<keyof typeof EXPORTED_SEARCHES, SearchExportFigure>;
}

/**
 * The export's rows (lines after the header), bytes and announced rows (`X-Export-Rows`), read
 * as they stream.
 */
export async function exportedCsv(
  session: ConsoleSession,
  query = "",
): Promise<{ rows: number; bytes: number; announced: number }> {
  const csv = await session.get(`/api/export.csv${query}`);
  let rows = -1; // the header
  let bytes = 0;
  const reader = csv.body!.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    bytes += value.length;
    for (const byte of value) if (byte === 10) rows++;
  }
  return { rows, bytes, announced: Number(csv.headers.get("x-export-rows")) };
}

/** The export by a service started with its heap capped at EXPORT_HEAP_LIMIT_MB; -1 rows if it died. */
async function exportUnderHeapLimit(databaseUrl: string): Promise<{ rows: number }> {
  let service: Awaited<ReturnType<typeof startService>> | null = null;
  try {
    service = await startService({ DATABASE_URL: databaseUrl, CLASSIFIER_CACHE_DIR }, [
      `--max-old-space-size=${EXPORT_HEAP_LIMIT_MB}`,
      "--import",
      "tsx",
      "src/main.ts",
    ]);
    const session = new ConsoleSession(service.url);
    await session.signIn("bench", BENCH_PASSWORD);
    return await exportedCsv(session);
  } catch {
    // Out of memory at the start or in the export: the figure says FAILED.
    return { rows: -1 };
  } finally {
    await service?.stop();
  }
}

/** The start of a bare Fastify server, the baseline of the service's start. */
/** Samples the process's anonymous resident memory every 50 ms until asked for its peak. */
function sampleAnonymousRss(pid: number): { peakGrowthMb(): Promise<number> } {
  const first = anonymousRssMb(pid);
  let peak = 0;
  const timer = setInterval(() => {
    void anonymousRssMb(pid).then(
      (mb) => (peak = Math.max(peak, mb)),
      () => undefined,
    );
  }, 50);
  return {
    async peakGrowthMb() {
      clearInterval(timer);
      const start = await first;
      return Math.max(peak, await anonymousRssMb(pid)) - start;
    },
  };
}

export async function bareStart(): Promise<{ startMs: number; startCpuMs: number; rssMb: number }> {
  const service = await startService({}, [
    "--input-type=module",
    "-e",
    `import Fastify from "fastify";
     const app = Fastify();
     app.get("/healthz", async () => ({ ok: true }));
     await app.listen({ host: "127.0.0.1", port: Number(process.env.PORT) });
     process.once("SIGTERM", () => app.close().then(() => process.exit(0)));`,
  ]);
  const rssMb = await service.peakRssMb();
  await service.stop();
  return { startMs: service.startMs, startCpuMs: service.startCpuMs, rssMb };
}

/** log10(t(large) / t(small)) / log10(large / small): 0 is flat, 1 is linear. */
export function growthExponent(
  small: number,
  large: number,
  sizeSmall: number,
  sizeLarge: number,
): number {
  return Math.log(large / small) / Math.log(sizeLarge / sizeSmall);
}
