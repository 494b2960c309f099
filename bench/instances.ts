/**
 * Several instances on one PostgreSQL: 1, 2 and 3 service processes share a
 * database while simulated citizens file complaints through the web chat,
 * each citizen staying with one instance (as behind a load balancer with
 * sticky sessions). Figures: turns per second against one instance in the
 * same run, CPU per turn of the service processes and of the PostgreSQL
 * backends serving them (with the machine's cores and load average: several
 * instances cannot scale past the cores they share with the database), and
 * that nothing was handled twice (one case per citizen, each turn's messages
 * logged once).
 */
import os from "node:os";
import pg from "pg";
import { scratchDatabase } from "./databases.ts";
import { webCitizen } from "./intake.ts";
import { cpuMs, percentile, startService, type RunningService } from "./service.ts";

const CITIZENS = Number(process.env.BENCH_CITIZENS ?? 30);

export async function run(out: (line: string) => void) {
  const runs = [];
  for (const instances of [1, 2, 3]) {
    const scratch = await scratchDatabase("postgres", `instances_${instances}`);
    // One after the other: the first start migrates and seeds the directory.
    const services: RunningService[] = [];
    for (let i = 0; i < instances; i++) {
      services.push(await startService({ DATABASE_URL: scratch.target.url }));
    }
    try {
      // One complaint filed first, so that every measured citizen is offered it as a nearby report.
      await webCitizen(services[0]!.url, [], CITIZENS);
      const database = new pg.Client({ connectionString: scratch.target.url });
      await database.connect();
      const cpuBefore = await cpuOf(database, services);
      const loadAverage = os.loadavg()[0]!;
      const latencies: number[] = [];
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CITIZENS }, (_, i) =>
          webCitizen(services[i % instances]!.url, latencies, i),
        ),
      );
      const seconds = (performance.now() - started) / 1000;
      const cpuAfter = await cpuOf(database, services);
      const counts = await (async () => {
        try {
          const cases = await database.query<{ n: string }>('SELECT COUNT(*) AS n FROM "Case"');
          const doubled = await database.query<{ n: string }>(
            `SELECT COUNT(*) AS n FROM (SELECT "sessionId", "eventId", "author", COUNT(*) FROM "WebChatMessage"
             WHERE "eventId" IS NOT NULL GROUP BY 1, 2, 3, "body"::text HAVING COUNT(*) > 1) d`,
          );
          return { cases: Number(cases.rows[0]!.n), doubled: Number(doubled.rows[0]!.n) };
        } finally {
          await database.end();
        }
      })();
      const servicePids = services.map((service) => service.pid);
      const backendPids = [...cpuAfter.keys()].filter((pid) => !servicePids.includes(pid));
      const perTurn = (pids: readonly number[]) =>
        cpuBetween(cpuBefore, cpuAfter, pids) / latencies.length;
      const result = {
        instances,
        turns: latencies.length,
        seconds,
        turnsPerSecond: latencies.length / seconds,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        serviceCpuMsPerTurn: perTurn(servicePids),
        postgresCpuMsPerTurn: perTurn(backendPids),
        cores: os.cpus().length,
        loadAverage,
        casesFiled: counts.cases,
        handledTwice: counts.doubled,
        ok: counts.cases === CITIZENS + 1 && counts.doubled === 0,
      };
      runs.push(result);
      out(
        `instances: ${instances} on one PostgreSQL: ${result.turnsPerSecond.toFixed(1)} turns/s ` +
          `(${(result.turnsPerSecond / runs[0]!.turnsPerSecond).toFixed(2)}× one), p99 ${result.p99Ms.toFixed(0)} ms; ` +
          `CPU per turn: services ${result.serviceCpuMsPerTurn.toFixed(1)} ms, PostgreSQL ${result.postgresCpuMsPerTurn.toFixed(1)} ms ` +
          `(${result.cores} cores, load average ${loadAverage.toFixed(1)}); ` +
          `${result.casesFiled} cases for ${CITIZENS + 1} citizens, ${result.handledTwice} handled twice`,
      );
    } finally {
      await Promise.all(services.map((service) => service.stop()));
      await scratch.drop();
    }
  }
  return { citizens: CITIZENS, runs };
}

/**
 * CPU used so far by the service processes and by each PostgreSQL backend connected to the
 * database, ms by process id.
 */
async function cpuOf(database: pg.Client, services: readonly RunningService[]) {
  const backends = await database.query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
  );
  const pids = [...services.map((service) => service.pid), ...backends.rows.map((row) => row.pid)];
  const used = await Promise.all(pids.map(async (pid) => [pid, await cpuMs(pid)] as const));
  return new Map(used);
}

/**
 * The CPU of `pids` between two readings; a backend that connected meanwhile counts in full,
 * one that closed meanwhile is left out (the pools keep theirs while busy).
 */
function cpuBetween(
  before: ReadonlyMap<number, number>,
  after: ReadonlyMap<number, number>,
  pids: readonly number[],
): number {
  return pids.reduce((sum, pid) => sum + (after.get(pid) ?? 0) - (before.get(pid) ?? 0), 0);
}
