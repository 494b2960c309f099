import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../src/main.ts", import.meta.url));
const TSX = import.meta.resolve("tsx");

export interface ServiceRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunningService {
  readonly url: string;
  readonly process: ChildProcess;
  readonly logs: () => string;
  /** Sends SIGTERM and resolves with how the process ended. */
  stop(): Promise<ServiceRun>;
}

/**
 * Starts `npm start`'s entry as a real process with exactly `env` (plus PATH; the digest off),
 * in `cwd`, and resolves once it logs that it is listening.
 */
export function startService(env: Record<string, string>, cwd: string): Promise<RunningService> {
  const child = spawnService(env, cwd);
  let stdout = "";
  let stderr = "";
  const ended = new Promise<ServiceRun>((resolve) =>
    child.on("close", (exitCode) => resolve({ exitCode, stdout, stderr })),
  );
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const started = /"url":"(http:[^"]+)","database"/.exec(stdout);
      if (started) {
        resolve({
          url: started[1]!,
          process: child,
          logs: () => stdout,
          stop: () => {
            child.kill("SIGTERM");
            return ended;
          },
        });
      }
    });
    void ended.then((run) =>
      reject(
        new Error(`service ended before listening (${run.exitCode}): ${run.stderr}${run.stdout}`),
      ),
    );
  });
}

/** Runs the service until it exits on its own (a start that must fail). */
export function runServiceToExit(env: Record<string, string>, cwd: string): Promise<ServiceRun> {
  const child = spawnService(env, cwd);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) =>
    child.on("close", (exitCode) => resolve({ exitCode, stdout, stderr })),
  );
}

function spawnService(env: Record<string, string>, cwd: string): ChildProcess {
  return spawn(process.execPath, ["--import", TSX, MAIN], {
    cwd,
    // The weekly digest would go on the machine's Monday morning: off unless a test asks.
    env: { PATH: process.env.PATH ?? "", PORT: "0", HOT_SPOT_DIGEST_AT: "off", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** A TCP port free on 127.0.0.1 right now (for a service whose address must not change). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
