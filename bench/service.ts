/**
 * The service as an operator runs it (`node --import tsx src/main.ts`) in a
 * child process, for the benchmarks: its start time and memory, and a signed-in
 * console client that times calls.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";

const ROOT = path.join(import.meta.dirname, "..");

/** Services this process started: stopped if it exits (a failed benchmark leaves none behind). */
const children = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

export interface RunningService {
  readonly url: string;
  readonly pid: number;
  /** From spawning to the first healthy /healthz answer. */
  readonly startMs: number;
  /** CPU time (user + system) the process had used when it first answered. */
  readonly startCpuMs: number;
  /** Peak resident memory so far (VmHWM), MB. */
  peakRssMb(): Promise<number>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts `args` (default: the service) with `env` and waits until /healthz answers 200. */
export async function startService(
  env: Record<string, string>,
  args: readonly string[] = ["--import", "tsx", "src/main.ts"],
): Promise<RunningService> {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn", HOST: "127.0.0.1", PORT: String(port), ...env },
    stdio: ["ignore", process.env.BENCH_SERVICE_LOGS ? "inherit" : "ignore", "inherit"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}`);
    const healthy = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const startMs = performance.now() - started;
  const startCpuMs = await cpuMs(child.pid!);
  return {
    url,
    pid: child.pid!,
    startMs,
    startCpuMs,
    peakRssMb: () => peakRssMb(child.pid!),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** CPU time (user and system) a process has used so far, ms; 0 once it has exited. */
export async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);
  if (stat === null) return 0;
  // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat's times (`getconf CLK_TCK`). */
const CLOCK_TICKS_PER_SECOND = 100;

export async function peakRssMb(pid: number): Promise<number> {
  return (await statusKb(pid, "VmHWM")) / 1024;
}

/**
 * The process's anonymous resident memory now (RssAnon: heaps, buffers), MB — without the
 * pages of files it maps, which Linux counts in RSS: SQLite reads its database through a
 * memory map, so an export of every case adds the file's pages to RSS (and to its peak) while
 * the process itself holds no more.
 */
export async function anonymousRssMb(pid: number): Promise<number> {
  return (await statusKb(pid, "RssAnon")) / 1024;
}

async function statusKb(pid: number, field: string): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
}

/** A staff member's session: cookies kept, each call timed. */
export class ConsoleSession {
  private cookie = "";
  constructor(readonly url: string) {}

  async signIn(username: string, password: string): Promise<void> {
    const csrf = await this.get("/api/csrf");
    const token = ((await csrf.json()) as { csrfToken: string }).csrfToken;
    const answer = await this.fetch("/api/session", {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": token },
      body: JSON.stringify({ username, password }),
    });
    if (!answer.ok) throw new Error(`sign-in failed: ${answer.status}`);
  }

  get(pathAndQuery: string): Promise<Response> {
    return this.fetch(pathAndQuery);
  }

  /** The call's time in ms (the whole body read), and its body. */
  async timed(pathAndQuery: string): Promise<{ ms: number; status: number; body: string }> {
    const start = performance.now();
    const answer = await this.get(pathAndQuery);
    const body = await answer.text();
    return { ms: performance.now() - start, status: answer.status, body };
  }

  private async fetch(pathAndQuery: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set("cookie", this.cookie);
    const answer = await fetch(this.url + pathAndQuery, { ...init, headers });
    const cookies = answer.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .filter(Boolean);
    if (cookies.length > 0) this.cookie = [this.cookie, ...cookies].filter(Boolean).join("; ");
    return answer;
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
