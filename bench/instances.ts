/**
 * Several instances on one PostgreSQL: 1, 2 and 3 service processes share a
 * database while simulated citizens file complaints through the web chat,
 * each citizen staying with one instance (as behind a load balancer with
 * sticky sessions). Figures: turns per second against one instance in the
 * same run, and that nothing was handled twice (one case per citizen, each
 * turn's messages logged once).
 */
import { scratchDatabase } from "./databases.ts";
import { webCitizen } from "./intake.ts";
import { percentile, startService, type RunningService } from "./service.ts";

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
      const latencies: number[] = [];
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CITIZENS }, (_, i) =>
          webCitizen(services[i % instances]!.url, latencies, i),
        ),
      );
      const seconds = (performance.now() - started) / 1000;
      const counts = await import("pg").then(async ({ default: pg }) => {
        const client = new pg.Client({ connectionString: scratch.target.url });
        await client.connect();
        try {
          const cases = await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM "Case"');
          const doubled = await client.query<{ n: string }>(
            `SELECT COUNT(*) AS n FROM (SELECT "sessionId", "eventId", "author", COUNT(*) FROM "WebChatMessage"
             WHERE "eventId" IS NOT NULL GROUP BY 1, 2, 3, "body"::text HAVING COUNT(*) > 1) d`,
          );
          return { cases: Number(cases.rows[0]!.n), doubled: Number(doubled.rows[0]!.n) };
        } finally {
          await client.end();
        }
      });
      const result = {
        instances,
        turns: latencies.length,
        seconds,
        turnsPerSecond: latencies.length / seconds,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        casesFiled: counts.cases,
        handledTwice: counts.doubled,
        ok: counts.cases === CITIZENS + 1 && counts.doubled === 0,
      };
      runs.push(result);
      out(
        `instances: ${instances} on one PostgreSQL: ${result.turnsPerSecond.toFixed(1)} turns/s ` +
          `(${(result.turnsPerSecond / runs[0]!.turnsPerSecond).toFixed(2)}× one), p99 ${result.p99Ms.toFixed(0)} ms; ` +
          `${result.casesFiled} cases for ${CITIZENS + 1} citizens, ${result.handledTwice} handled twice`,
      );
    } finally {
      await Promise.all(services.map((service) => service.stop()));
      await scratch.drop();
    }
  }
  return { citizens: CITIZENS, runs };
}
