/**
 * Runs once before the suite: migrates one SQLite file and one PostgreSQL
 * database as templates, so each test gets a fresh, migrated database in
 * milliseconds (a file copy, or CREATE DATABASE … TEMPLATE). Everything this
 * run created is dropped at the end.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { parseDatabaseUrl } from "../../src/storage/database-url.ts";
import { applyMigrations } from "../../src/storage/migrate.ts";
import { baseModel } from "./classifier-model.ts";
import { adminPostgres, postgresUrl, TEST_POSTGRES_URL } from "./postgres-admin.ts";

declare module "vitest" {
  export interface ProvidedContext {
    sqliteTemplate: string;
    postgresTemplate: string;
    runId: string;
  }
}

/** Connections dropping the run's databases at its end (well under the server's 100). */
const CONCURRENT_DROPS = 8;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // TEST_DATABASE_PREFIX (optional) names this run's PostgreSQL databases apart from another
  // worktree's on a shared server.
  const runId = `${process.env.TEST_DATABASE_PREFIX ?? ""}t${Date.now().toString(36)}${process.pid}`;
  const dir = await mkdtemp(path.join(os.tmpdir(), "petitions-test-"));
  const sqliteTemplate = path.join(dir, "template.db");
  const postgresTemplate = `${runId}_template`;

  await adminPostgres(`CREATE DATABASE "${postgresTemplate}"`);
  await Promise.all([
    applyMigrations(parseDatabaseUrl(`file:${sqliteTemplate}`)!),
    applyMigrations(parseDatabaseUrl(postgresUrl(postgresTemplate))!),
    // Trains the classifier once for every worker (they load it from the cache).
    baseModel(),
  ]);
  project.provide("sqliteTemplate", sqliteTemplate);
  project.provide("postgresTemplate", postgresTemplate);
  project.provide("runId", runId);

  return async () => {
    const rows = await adminPostgres<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE '${runId}%'`,
    );
    // Several at once: each DROP waits for a checkpoint, and drops waiting together share one.
    const names = rows.map((row) => row.datname);
    const dropNext = async () => {
      for (let name = names.pop(); name; name = names.pop()) {
        await adminPostgres(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENT_DROPS }, dropNext));
    await rm(dir, { recursive: true, force: true });
  };
}

export { TEST_POSTGRES_URL };
