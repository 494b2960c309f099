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
  const name = `${inject("runId")}_${randomUUID().slice(0, 8)}`;
  await adminPostgres(`CREATE DATABASE "${name}" TEMPLATE "${inject("postgresTemplate")}"`);
  cleanups.push(async () => {
    await adminPostgres(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
  return parseDatabaseUrl(postgresUrl(name))!;
}

/** An empty database of `provider` with no tables, for migration tests. */
export async function emptyDatabaseTarget(provider: DatabaseProvider): Promise<DatabaseTarget> {
  if (provider === "sqlite") {
    const dir = await mkdtemp(path.join(os.tmpdir(), "petitions-db-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return parseDatabaseUrl(`file:${path.join(dir, "empty.db")}`)!;
  }
  const name = `${inject("runId")}_${randomUUID().slice(0, 8)}`;
  await adminPostgres(`CREATE DATABASE "${name}"`);
  cleanups.push(async () => {
    await adminPostgres(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
  return parseDatabaseUrl(postgresUrl(name))!;
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
