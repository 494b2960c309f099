import { mkdir, readdir } from "node:fs/promises";
import path from "node:path";
import { openDatabase, type Db } from "./database.ts";
import type { DatabaseTarget } from "./database-url.ts";
import { prismaCli, providerDir } from "./prisma-cli.ts";

/**
 * Applies the committed migrations of the target's provider (`prisma migrate
 * deploy` through the driver adapter: no engine download). Idempotent.
 * @throws AppError("storage.unavailable") when the database cannot be migrated.
 */
export async function applyMigrations(target: DatabaseTarget): Promise<void> {
  if (target.sqliteFile) await mkdir(path.dirname(target.sqliteFile), { recursive: true });
  await prismaCli(target.provider, target.url, ["migrate", "deploy"]);
}

/**
 * Names of committed migrations the database has not applied yet. Reading
 * Prisma's own bookkeeping table takes a millisecond; starting the migration
 * engine takes seconds, so a start only pays for it when there is work.
 */
export async function pendingMigrations(db: Db, target: DatabaseTarget): Promise<string[]> {
  const entries = await readdir(path.join(providerDir(target.provider), "migrations"), {
    withFileTypes: true,
  });
  const committed = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  let applied: { migration_name: string }[];
  try {
    applied = await db.$queryRawUnsafe(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
  } catch {
    return committed; // no bookkeeping table yet: a new database
  }
  const done = new Set(applied.map((row) => row.migration_name));
  return committed.filter((name) => !done.has(name)).sort();
}

/**
 * Applies what is pending and returns the names applied ([] on most starts).
 * Checks through a short-lived connection so that the migration engine, a
 * separate process, finds the SQLite file unlocked.
 */
export async function migrateIfNeeded(target: DatabaseTarget): Promise<string[]> {
  const { db, pending } = await checkedConnection(target);
  await db.$disconnect();
  if (pending.length > 0) await applyMigrations(target);
  return pending;
}

/**
 * The database, migrated, and the names of the migrations applied ([] on most starts). When
 * nothing is pending, the connection that checked is the one returned: a start opens one
 * client, not two. Otherwise it is closed before the migration engine runs, as in
 * `migrateIfNeeded`.
 */
export async function openMigratedDatabase(
  target: DatabaseTarget,
): Promise<{ db: Db; applied: string[] }> {
  const { db, pending } = await checkedConnection(target);
  if (pending.length === 0) return { db, applied: pending };
  await db.$disconnect();
  await applyMigrations(target);
  return { db: await openDatabase(target), applied: pending };
}

/** A connection to the database and what it has still to apply (closed if the check throws). */
async function checkedConnection(target: DatabaseTarget): Promise<{ db: Db; pending: string[] }> {
  const db = await openDatabase(target);
  try {
    return { db, pending: await pendingMigrations(db, target) };
  } catch (error) {
    await db.$disconnect();
    throw error;
  }
}
