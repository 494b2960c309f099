/**
 * Fresh, migrated databases for tests: real SQLite files and real PostgreSQL
 * databases, one per call, cleaned up after the test file.
 */
import { randomUUID } from "node:crypto";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { openDatabase, type Db } from "../../src/storage/database.ts";
import {
  parseDatabaseUrl,
  type DatabaseProvider,
  type DatabaseTarget,
} from "../../src/storage/database-url.ts";
import { adminPostgres, postgresUrl } from "./postgres-admin.ts";

export const PROVIDERS: readonly DatabaseProvider[] = ["sqlite", "postgres"];

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A new, empty, migrated database of `provider`; dropped after the test file. */
export async function freshDatabaseTarget(provider: DatabaseProvider): Promise<DatabaseTarget> {
  if (provider === "sqlite") {
    const dir = await mkdtemp(path.join(os.tmpdir(), "petitions-db-"));
    const file = path.join(dir, "test.db");
    await copyFile(inject("sqliteTemplate"), file);
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return parseDatabaseUrl(`file:${file}`)!;
  }
  return parseDatabaseUrl(
    postgresUrl(await createRunDatabase(`TEMPLATE "${inject("postgresTemplate")}"`)),
  )!;
}

/** An empty database of `provider` with no tables, for migration tests. */
export async function emptyDatabaseTarget(provider: DatabaseProvider): Promise<DatabaseTarget> {
  if (provider === "sqlite") {
    const dir = await mkdtemp(path.join(os.tmpdir(), "petitions-db-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return parseDatabaseUrl(`file:${path.join(dir, "empty.db")}`)!;
  }
  return parseDatabaseUrl(postgresUrl(await createRunDatabase()))!;
}

/**
 * A new PostgreSQL database of this run, `clause` its CREATE DATABASE options; its name.
 * Its commits do not wait for the disk (no test survives a crash of PostgreSQL itself, and
 * what a test reads is the same); it is dropped after the test file without the file waiting.
 */
async function createRunDatabase(clause = ""): Promise<string> {
  const name = `${inject("runId")}_${randomUUID().slice(0, 8)}`;
  await adminPostgres(`CREATE DATABASE "${name}" ${clause}`);
  await adminPostgres(`ALTER DATABASE "${name}" SET synchronous_commit = off`);
  cleanups.push(async () => dropInBackground(name));
  return name;
}

/** The drops under way, one after another (a connection each, and the server has 100). */
let dropping = Promise.resolve();

/**
 * Drops `name` while the next file runs: PostgreSQL 15's DROP DATABASE waits for a
 * checkpoint, which under the suite's writes took seconds, and a file's drops came one after
 * another.
 */
function dropInBackground(name: string): void {
  dropping = dropping
    .then(() => adminPostgres(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
    .then(
      () => undefined,
      // Left to the run's teardown (global-setup.ts), which drops every database of the run;
      // so is a drop the run's end cuts short.
      () => undefined,
    );
}

/** An open client on a fresh database; disconnected after the test file. */
export async function freshDatabase(provider: DatabaseProvider): Promise<Db> {
  return openTestDatabase(await freshDatabaseTarget(provider));
}

/** An open client on `target`; disconnected after the test file. */
export async function openTestDatabase(target: DatabaseTarget): Promise<Db> {
  const db = await openDatabase(target);
  cleanups.push(() => db.$disconnect());
  return db;
}
