/**
 * The classifier's share of a start (issue #12): training the model versus
 * loading it from the disk cache, in process and for the whole service
 * (`node src/main.ts` until "service started"), and the loaded model's memory.
 * Baselines measured in the same run: loading jieba's dictionary (in process)
 * and a bare `node --import tsx` process (service start).
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { loadOrTrainBaseModel } from "../src/classification/model-cache.ts";
import { createOfflineClassifier } from "../src/classification/offline-classifier.ts";
import { createSegmenter } from "../src/classification/text-features.ts";
import { loadDirectory } from "../src/directory/load-directory.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

export interface ClassifierStartBench {
  /** Baseline: jieba's dictionary loaded (ms). */
  readonly jiebaLoadMs: number;
  readonly trainMs: number;
  readonly loadFromCacheMs: number;
  /** Heap and external memory held by the loaded classifier, in MB. */
  readonly modelMemoryMb: number;
  /** Baseline: a bare `node --import tsx` process, spawned to exit (ms). */
  readonly bareProcessMs: number;
  readonly serviceStartUncachedMs: number;
  readonly serviceStartCachedMs: number;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function timed<T>(run: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const result = await run();
  return [result, performance.now() - started];
}

/** Milliseconds from spawning `args` until `ready` is printed (or the process exits). */
function untilReady(args: string[], env: NodeJS.ProcessEnv, ready: string | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const done = () => resolve(performance.now() - started);
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (ready && output.includes(ready)) {
        done();
        child.kill("SIGTERM");
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (ready === null && code === 0) done();
      else if (ready !== null && !output.includes(ready)) {
        reject(new Error(`service did not start (exit ${code}): ${output.slice(-500)}`));
      }
    });
  });
}

const MEMORY_PROBE = "--memory-probe";

/** What a child process prints on standard output, once it exits 0. */
function output(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`exit ${code}`))));
  });
}

/** In the probe process: heap and external memory added by loading the cached model (MB). */
async function probeModelMemory(cacheDir: string): Promise<void> {
  const directory = await loadDirectory();
  createSegmenter();
  gc();
  const before = process.memoryUsage();
  const { model } = await loadOrTrainBaseModel({ directory, cacheDir });
  const classifier = createOfflineClassifier({ directory, model });
  classifier.classifySync("井盖丢了");
  gc();
  const after = process.memoryUsage();
  const modelMemoryMb =
    (after.heapUsed + after.external - before.heapUsed - before.external) / 1024 / 1024;
  process.stdout.write(JSON.stringify({ modelMemoryMb }) + "\n");
}

if (process.argv[2] === MEMORY_PROBE) await probeModelMemory(process.argv[3]!);

export async function benchClassifierStart(): Promise<ClassifierStartBench> {
  const directory = await loadDirectory();
  const [, jiebaLoadMs] = await timed(() => createSegmenter());

  const cacheDir = await mkdtemp(path.join(tmpdir(), "bench-classifier-cache-"));
  const [, trainMs] = await timed(() => loadOrTrainBaseModel({ directory, cacheDir }));
  const [, loadFromCacheMs] = await timed(async () => {
    const { model } = await loadOrTrainBaseModel({ directory, cacheDir });
    return createOfflineClassifier({ directory, model });
  });
  // Memory in a fresh process: what training left behind here would blur it.
  const probe = await output(
    ["--expose-gc", "--import", "tsx", fileURLToPath(import.meta.url), MEMORY_PROBE, cacheDir],
    process.env,
  );
  const modelMemoryMb = (JSON.parse(probe) as { modelMemoryMb: number }).modelMemoryMb;

  const serviceDir = await mkdtemp(path.join(tmpdir(), "bench-service-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${path.join(serviceDir, "bench.db")}`,
    CLASSIFIER_CACHE_DIR: path.join(serviceDir, "classifier"),
    PORT: "0",
    LOG_LEVEL: "info",
    CLASSIFIER_RETRAIN_HOURS: "0",
  };
  for (const name of [
    "TELEGRAM_BOT_TOKEN",
    "WECOM_CORP_ID",
    "LLM_BASE_URL",
    "LLM_API_KEY",
    "LLM_MODEL",
  ]) {
    delete env[name];
  }
  const bareProcessMs = await untilReady(["--import", "tsx", "-e", ""], env, null);
  const main = ["--import", "tsx", path.join(ROOT, "src/main.ts")];
  // The first start also migrates the new database; a second uncached start isolates the training.
  await untilReady(main, env, "service started");
  await rm(env.CLASSIFIER_CACHE_DIR!, { recursive: true, force: true });
  const serviceStartUncachedMs = await untilReady(main, env, "service started");
  const serviceStartCachedMs = await untilReady(main, env, "service started");
  await rm(serviceDir, { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });

  return {
    jiebaLoadMs,
    trainMs,
    loadFromCacheMs,
    modelMemoryMb,
    bareProcessMs,
    serviceStartUncachedMs,
    serviceStartCachedMs,
  };
}
