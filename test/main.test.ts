import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SHARED_CLASSIFIER_CACHE } from "./support/classifier-cache.ts";
import { emptyDatabaseTarget } from "./support/databases.ts";
import { startFakeTelegram } from "./support/fake-telegram.ts";
import { waitUntil } from "./support/wait.ts";
import { runServiceToExit, startService } from "./support/service-process.ts";

let workDir: string;
beforeEach(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), "petitions-start-"));
});
afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe("npm start", { timeout: 90_000 }, () => {
  it("runs the embedded service with no variable set, and a second start reuses the data", async () => {
    const first = await startService({}, workDir);
    const health = await fetch(`${first.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", database: "ok" });
    expect(first.logs()).toContain("routing directory seeded");
    expect(await first.stop()).toMatchObject({ exitCode: 0 });
    expect(existsSync(path.join(workDir, "data", "petitions.db"))).toBe(true);

    const second = await startService({}, workDir);
    expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
    expect(second.logs()).not.toContain("database migrated");
    expect(second.logs()).not.toContain("routing directory seeded");
    // The first start trained the classifier into data/ (no variable says where); this one reads it.
    expect(first.logs()).toContain("classifier trained and cached");
    expect(second.logs()).toContain("classifier loaded from its cache");
    expect(await second.stop()).toMatchObject({ exitCode: 0 });
  });

  it("runs against PostgreSQL when DATABASE_URL says so, migrating an empty database", async () => {
    const target = await emptyDatabaseTarget("postgres");

    const service = await startService(
      { DATABASE_URL: target.url, ...SHARED_CLASSIFIER_CACHE },
      workDir,
    );

    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    expect(service.logs()).toContain('"database":"postgres"');
    expect(await service.stop()).toMatchObject({ exitCode: 0 });
  });

  it("ends within SHUTDOWN_TIMEOUT_MS of a SIGTERM even while a Telegram call hangs", async () => {
    const telegram = await startFakeTelegram();
    try {
      // Every reply hangs: the update stays in hand.
      telegram.interceptCalls((call) =>
        call.method === "sendMessage" ? new Promise<void>(() => undefined) : undefined,
      );
      const service = await startService(
        {
          TELEGRAM_BOT_TOKEN: telegram.token,
          TELEGRAM_API_ROOT: telegram.apiRoot,
          SHUTDOWN_TIMEOUT_MS: "2000",
          ...SHARED_CLASSIFIER_CACHE,
        },
        workDir,
      );
      telegram.user(4001).sendCommand("/start");
      // (A held call never completes, so the fake's own waits would not see it.)
      await waitUntil(() => telegram.calls.some((call) => call.method === "sendMessage"), 20_000);

      const run = await service.stop();
      expect(run.exitCode).not.toBeNull();
      expect(telegram.callsOf("sendMessage").every((call) => call.ok === undefined)).toBe(true);
    } finally {
      telegram.interceptCalls(null);
      await telegram.close();
    }
  });

  describe("stops with one clear line and exit code 1", () => {
    it("for a malformed DATABASE_URL", async () => {
      const run = await runServiceToExit({ DATABASE_URL: "sqlite://petitions.db" }, workDir);

      expect(run.exitCode).toBe(1);
      expect(run.stderr).toBe(
        'Invalid DATABASE_URL: expected file:<path> for SQLite or postgresql://user@host:port/db for PostgreSQL (got "sqlite://petitions.db")\n',
      );
      expect(run.stdout).toBe("");
    });

    it("for an unknown LOG_LEVEL", async () => {
      const run = await runServiceToExit({ LOG_LEVEL: "loud" }, workDir);

      expect(run.exitCode).toBe(1);
      expect(run.stderr).toBe(
        'Invalid LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent (got "loud")\n',
      );
    });

    it("for a broken directory file, naming the line and field", async () => {
      const file = path.join(workDir, "city.yaml");
      await writeFile(file, "version: 1\ncity: 周口市\ntrackingPrefix: zk\n");

      const run = await runServiceToExit({ DIRECTORY_FILE: file }, workDir);

      expect(run.exitCode).toBe(1);
      expect(run.stderr).toBe(
        `Invalid DIRECTORY_FILE: ${file}:3: trackingPrefix: 1 to 6 capital letters\n`,
      );
      expect(existsSync(path.join(workDir, "data"))).toBe(false);
    });
  });
});
