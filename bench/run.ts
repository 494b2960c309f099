/**
 * npm run bench [-- part…] — measures the product against baselines measured
 * in the same run, and writes bench/results/latest.json (the parts run now
 * replace theirs; the others are kept). Parts: classifier (speed, and its share
 * of a start: trained vs cached, bench/classifier-start.ts), growth, delivery,
 * intake, instances, inbox, retention, start (the service's start, bench/start.ts) (default: all). BENCH_FULL=1 adds 1M cases to growth;
 * BENCH_SEEDED="<DATABASE_URL> …" names databases seeded beforehand (`npm run seed`), whose
 * copies the growth part measures at their size instead of seeding one.
 * Results vary by machine; compare the ratios, not the absolute numbers.
 * Run with `node --expose-gc --import tsx bench/run.ts` for precise memory.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { benchClassification } from "./classification.ts";
import { benchClassifierStart } from "./classifier-start.ts";
import { openDatabase } from "../src/storage/database.ts";
import { parseDatabaseUrl, type DatabaseTarget } from "../src/storage/database-url.ts";
import { bareStart, benchGrowthPoint, growthExponent, type GrowthPoint } from "./growth.ts";

const PUBLIC_EXAMPLES = "/work/shared/routing/public-examples.jsonl";
const RESULTS = path.join(import.meta.dirname, "results", "latest.json");
const PARTS = [
  "classifier",
  "growth",
  "delivery",
  "intake",
  "instances",
  "inbox",
  "retention",
  "start",
] as const;
type Part = (typeof PARTS)[number];

const asked = process.argv
  .slice(2)
  .filter((arg): arg is Part => (PARTS as readonly string[]).includes(arg));
const parts: readonly Part[] = asked.length > 0 ? asked : PARTS;
const full = process.env.BENCH_FULL === "1";
const results: Record<string, unknown> = existsSync(RESULTS)
  ? (JSON.parse(await readFile(RESULTS, "utf8")) as Record<string, unknown>)
  : {};
results.machine = {
  cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}`,
  memoryGb: Math.round(os.totalmem() / 1024 ** 3),
  node: process.version,
  platform: `${os.type()} ${os.release()}`,
  full,
  at: new Date().toISOString(),
};
const out = (line: string) => process.stdout.write(line + "\n");

async function save(): Promise<void> {
  await mkdir(path.dirname(RESULTS), { recursive: true });
  await writeFile(RESULTS, JSON.stringify(results, null, 2) + "\n");
}

if (parts.includes("classifier")) {
  const result = await benchClassification(existsSync(PUBLIC_EXAMPLES) ? PUBLIC_EXAMPLES : null);
  results.classifier = result;
  out(
    `classifier: ${Math.round(result.classificationsPerSecond)}/s, ${result.ratioToJieba.toFixed(2)}× jieba cut, ` +
      `training ${result.trainingMs.toFixed(0)} ms, model ${result.modelMemoryMb.toFixed(1)} MB`,
  );
  const start = await benchClassifierStart();
  results.classifierStart = start;
  const times = (value: number, base: number) => `${(value / base).toFixed(1)}×`;
  out(
    `classifier at start: trained ${start.trainMs.toFixed(0)} ms (${times(start.trainMs, start.jiebaLoadMs)} a jieba load), ` +
      `from the disk cache ${start.loadFromCacheMs.toFixed(0)} ms (${times(start.loadFromCacheMs, start.jiebaLoadMs)}); ` +
      `service start ${start.serviceStartUncachedMs.toFixed(0)} ms uncached, ${start.serviceStartCachedMs.toFixed(0)} ms cached ` +
      `(${times(start.serviceStartCachedMs, start.bareProcessMs)} a bare node+tsx process)`,
  );
  await save();
}

if (parts.includes("growth")) {
  const sizes = full ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
  const seeded = await seededDatabases(process.env.BENCH_SEEDED ?? "");
  const bare = await bareStart();
  const points: GrowthPoint[] = [];
  for (const provider of ["sqlite", "postgres"] as const) {
    for (const cases of sizes) {
      out(`growth: ${provider}, ${cases.toLocaleString("en-US")} cases…`);
      const point = await benchGrowthPoint(provider, cases, seeded.get(`${provider} ${cases}`));
      points.push(point);
      out(growthLine(point, bare.startMs));
      results.growth = { bareStart: bare, points, exponents: exponents(points) };
      await save();
    }
  }
}

for (const part of ["delivery", "intake", "instances", "inbox", "retention", "start"] as const) {
  if (!parts.includes(part)) continue;
  const module = (await import(`./${part}.ts`)) as {
    run(out: (line: string) => void): Promise<unknown>;
  };
  results[part] = await module.run(out);
  await save();
}
out(`results: ${path.relative(process.cwd(), RESULTS)}`);
if (results.growth) out("\n" + growthTable(results.growth as { points: GrowthPoint[] }));

/** The databases of BENCH_SEEDED by their provider and number of cases ("sqlite 1000000"). */
async function seededDatabases(urls: string): Promise<Map<string, DatabaseTarget>> {
  const found = new Map<string, DatabaseTarget>();
  for (const url of urls.split(/\s+/).filter(Boolean)) {
    const target = parseDatabaseUrl(url);
    if (!target) throw new Error(`BENCH_SEEDED: not a database URL: ${url}`);
    const db = await openDatabase(target);
    try {
      found.set(`${target.provider} ${await db.case.count()}`, target);
    } finally {
      await db.$disconnect();
    }
  }
  return found;
}

/** The README's table: each call's time and its ratio to /healthz, per database and size. */
function growthTable(growth: { points: readonly GrowthPoint[] }): string {
  const points = growth.points;
  const header = points.map(
    (p) =>
      `${p.provider === "sqlite" ? "SQLite" : "PostgreSQL"} ${p.cases.toLocaleString("en-US")}`,
  );
  const row = (name: string, cell: (p: GrowthPoint) => string) =>
    `| ${name} | ${points.map(cell).join(" | ")} |`;
  const call = (key: string) => (p: GrowthPoint) => {
    const c = p.calls[key];
    // Results of an older run may lack a call added since.
    if (!c) return "not measured";
    return `${c.ms.toFixed(0)} ms (${c.ratio.toFixed(1)}×)${c.ok ? "" : " WRONG"}${fullScans(c)}`;
  };
  return [
    `| call (ms, × /healthz) | ${header.join(" | ")} |`,
    `|---|${points.map(() => "---").join("|")}|`,
    row("/healthz (baseline)", (p) => `${p.healthzMs.toFixed(1)} ms`),
    row("routing queue", call("queue")),
    row("case list, page 1 (true total)", call("list")),
    row("case list, status + region", call("listFiltered")),
    row("case list, 已超期 (× page 1 of the list)", (p) => {
      const [overdue, list] = [p.calls.listOverdue, p.calls.list];
      if (!overdue || !list) return "not measured";
      return `${call("listOverdue")(p)}, ${(overdue.ms / list.ms).toFixed(1)}× the list`;
    }),
    row("search by tracking number", call("searchNumber")),
    row("text search 路灯", call("searchText")),
    row("case page", call("casePage")),
    row("dashboard, 30 days", call("dashboard")),
    row("hot spots, 30 days", call("hotSpots")),
    row(
      "CSV export, all cases",
      (p) =>
        `${(p.export.ms / 1000).toFixed(1)} s, ${p.export.rows.toLocaleString("en-US")} rows${p.export.ok ? "" : " WRONG"}, +${p.export.rssGrowthMb.toFixed(0)} MB (anonymous +${p.export.anonymousGrowthMb.toFixed(0)} MB)` +
        heapLimited(p),
    ),
    row("CSV export of a search (× the whole export's ms a row)", searchExportCells),
    row(
      "deadline round",
      (p) =>
        `${p.deadlineRound.ms.toFixed(0)} ms (${p.deadlineRound.checked} due; a process's first ${p.firstDeadlineRound.ms.toFixed(0)} ms)`,
    ),
    row(
      "start (× bare Fastify), RSS",
      (p) => `${(p.startMs / 1000).toFixed(1)} s, ${p.startRssMb.toFixed(0)} MB`,
    ),
    row("seeding, database size", (p) => `${seeding(p)}, ${p.databaseMb.toFixed(0)} MB`),
  ].join("\n");
}

function growthLine(p: GrowthPoint, bareStartMs: number): string {
  const calls = Object.entries(p.calls)
    .map(
      ([name, c]) =>
        `${name} ${c.ms.toFixed(0)} ms (${c.ratio.toFixed(1)}×${c.ok ? "" : " WRONG"}${fullScans(c)})`,
    )
    .join(", ");
  return (
    `  ${seeding(p)} (${p.databaseMb.toFixed(0)} MB); healthz ${p.healthzMs.toFixed(1)} ms; ${calls}; ` +
    `export ${p.export.rows} rows in ${(p.export.ms / 1000).toFixed(1)} s (+${p.export.rssGrowthMb.toFixed(0)} MB RSS, anonymous +${p.export.anonymousGrowthMb.toFixed(0)} MB${p.export.ok ? "" : " WRONG"}${heapLimited(p)}); ` +
    `search exports ${searchExportCells(p)}; ` +
    `deadline round ${p.deadlineRound.ms.toFixed(0)} ms (${p.deadlineRound.checked} due, ${p.deadlineRound.alerts} alerts; CPU ${p.deadlineRound.cpuMs.toFixed(0)} ms; a process's first ${p.firstDeadlineRound.ms.toFixed(0)} ms, CPU ${p.firstDeadlineRound.cpuMs.toFixed(0)} ms); ` +
    `start ${(p.startMs / 1000).toFixed(1)} s (${(p.startMs / bareStartMs).toFixed(1)}× bare Fastify; CPU ${(p.startCpuMs / 1000).toFixed(1)} s; load ${p.startLoad.toFixed(1)}), ${p.startRssMb.toFixed(0)} MB`
  );
}

/** Each search's export: time, rows, its ms a row against the whole export's (older runs: none). */
function searchExportCells(p: GrowthPoint): string {
  const searches = p.export.searches as GrowthPoint["export"]["searches"] | undefined;
  if (!searches) return "not measured";
  return Object.values(searches)
    .map(
      (s) =>
        `${s.q} ${(s.ms / 1000).toFixed(2)} s, ${s.rows.toLocaleString("en-US")} rows (${s.perRowRatio.toFixed(1)}×)${s.ok ? "" : " WRONG"}`,
    )
    .join("; ");
}

function seeding(p: GrowthPoint): string {
  return p.seedSeconds === null ? "seeded beforehand" : `seeded in ${p.seedSeconds.toFixed(0)} s`;
}

/** A warning when a call read a large table whole (points measured before the plans: none). */
function fullScans(c: GrowthPoint["calls"][string]): string {
  return c.fullScans ? `, ${c.fullScans} FULL SCAN` : "";
}

/** The export under a capped heap (points measured before it was part of the run have none). */
function heapLimited(p: GrowthPoint): string {
  const capped = p.export.underHeapLimit as GrowthPoint["export"]["underHeapLimit"] | undefined;
  if (!capped) return "";
  const csv = `${p.export.csvMb.toFixed(0)} MB of CSV`;
  return `; ${csv} ${capped.ok ? "streamed" : "FAILED"} in a ${capped.heapLimitMb} MB heap`;
}

/**
 * Growth exponent of each call between the two largest sizes of each provider, on the calls'
 * times: both sizes are measured in the same run, so the machine's speed cancels out; divided by
 * each size's /healthz first, the noise of a 2–7 ms baseline moved an exponent by up to 0.5
 * (a /healthz of 6.7 ms at 100k against 2.2 ms at 1M in the run of 2026-12-04 01:02).
 */
function exponents(points: readonly GrowthPoint[]): Record<string, Record<string, number>> {
  const byProvider: Record<string, Record<string, number>> = {};
  for (const provider of ["sqlite", "postgres"]) {
    const mine = points.filter((p) => p.provider === provider).sort((a, b) => a.cases - b.cases);
    if (mine.length < 2) continue;
    const [small, large] = mine.slice(-2) as [GrowthPoint, GrowthPoint];
    const figures: Record<string, number> = {};
    for (const name of Object.keys(large.calls)) {
      figures[name] = growthExponent(
        small.calls[name]!.ms,
        large.calls[name]!.ms,
        small.cases,
        large.cases,
      );
    }
    figures.deadlineRound = growthExponent(
      small.deadlineRound.ms,
      large.deadlineRound.ms,
      small.cases,
      large.cases,
    );
    figures.start = growthExponent(small.startMs, large.startMs, small.cases, large.cases);
    byProvider[provider] = figures;
  }
  return byProvider;
}
