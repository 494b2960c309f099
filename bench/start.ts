/**
 * A start of the service as `npm start` runs it (`node --import tsx src/main.ts`, SQLite by
 * default settings, in a data folder of its own): what an operator waits for after a crash,
 * and what the tests that spawn the service pay for each process. Two starts: the first in an
 * empty folder (migrates, seeds the directory) and a restart over the data it left (what
 * test/reliability/crash-trials.test.ts does about fourteen times). Each is timed to its first
 * healthy /healthz with its CPU time then, the median of BENCH_STARTS rounds (default 7),
 * against baselines started in the same rounds, alternating with them: a bare Fastify server
 * answering /healthz under tsx (`bareStart`, as the growth part's), and `node --import tsx`
 * running nothing. The classifier's model is trained once into a cache the starts share (its
 * own share of a start is the classifier part's).
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { bareStart } from "./growth.ts";
import { median, startService } from "./service.ts";

const ROUNDS = Number(process.env.BENCH_STARTS ?? 7);

interface Timed {
  readonly ms: number;
  readonly cpuMs: number;
}

interface StartFigures {
  readonly startMs: number;
  readonly startCpuMs: number;
  /** The start's time and CPU over the bare Fastify server's in the same rounds. */
  readonly ratioToBareFastify: number;
  readonly cpuRatioToBareFastify: number;
}

export async function run(out: (line: string) => void) {
  const folder = await mkdtemp(path.join(tmpdir(), "bench-start-"));
  const classifierCache = path.join(folder, "classifier");
  const serviceIn = (dataDir: string) => ({
    DATABASE_URL: `file:${path.join(dataDir, "petitions.db")}`,
    CLASSIFIER_CACHE_DIR: classifierCache,
    HOT_SPOT_DIGEST_AT: "off",
  });
  const startOnce = async (env: Record<string, string>): Promise<Timed> => {
    const service = await startService(env);
    await service.stop();
    return { ms: service.startMs, cpuMs: service.startCpuMs };
  };
  try {
    out("start: training the shared classifier cache…");
    await startOnce(serviceIn(path.join(folder, "warm-up")));
    const bare: Timed[] = [];
    const tsxAlone: number[] = [];
    const first: Timed[] = [];
    const restart: Timed[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const bareRun = await bareStart();
      bare.push({ ms: bareRun.startMs, cpuMs: bareRun.startCpuMs });
      tsxAlone.push(await tsxProcess());
      const dataDir = path.join(folder, `round-${round}`);
      first.push(await startOnce(serviceIn(dataDir)));
      restart.push(await startOnce(serviceIn(dataDir)));
    }
    const bareMs = median(bare.map((run) => run.ms));
    const bareCpuMs = median(bare.map((run) => run.cpuMs));
    const figures = (runs: readonly Timed[]): StartFigures => {
      const startMs = median(runs.map((run) => run.ms));
      const startCpuMs = median(runs.map((run) => run.cpuMs));
      return {
        startMs,
        startCpuMs,
        ratioToBareFastify: startMs / bareMs,
        cpuRatioToBareFastify: startCpuMs / bareCpuMs,
      };
    };
    const result = {
      rounds: ROUNDS,
      bareFastify: { startMs: bareMs, startCpuMs: bareCpuMs },
      tsxAloneMs: median(tsxAlone),
      firstStart: figures(first),
      restart: figures(restart),
    };
    const line = (name: string, f: StartFigures) =>
      `start: ${name} ${f.startMs.toFixed(0)} ms (${f.ratioToBareFastify.toFixed(1)}× a bare Fastify start), ` +
      `CPU ${f.startCpuMs.toFixed(0)} ms (${f.cpuRatioToBareFastify.toFixed(1)}×)`;
    out(line("empty folder", result.firstStart));
    out(line("restart", result.restart));
    out(
      `start: baselines bare Fastify ${bareMs.toFixed(0)} ms (CPU ${bareCpuMs.toFixed(0)} ms), ` +
        `node --import tsx alone ${result.tsxAloneMs.toFixed(0)} ms; median of ${ROUNDS} rounds`,
    );
    return result;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** `node --import tsx` running nothing: ms from spawn to exit. */
function tsxProcess(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "-e", ""], { stdio: "ignore" });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", () => resolve(performance.now() - started));
  });
}
