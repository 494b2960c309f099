import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient as SqliteClient } from "../generated/sqlite/client.ts";
import type { DatabaseTarget } from "./database-url.ts";

/**
 * The Prisma client the storage code is written against. Both providers'
 * generated clients come from the same models (prisma/models.prisma) and
 * expose the same API; the code avoids the few provider-specific features
 * (see prisma/README.md), so one type serves both.
 */
export type Db = SqliteClient;

/** Transaction client handed to code that must write within one transaction. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Opens the database of `target` through its driver adapter: better-sqlite3
 * for a `file:` URL (the folder is created), pg for PostgreSQL.
 */
export async function openDatabase(target: DatabaseTarget): Promise<Db> {
  if (target.provider === "sqlite") {
    await mkdir(path.dirname(target.sqliteFile!), { recursive: true });
    const [{ PrismaClient }, { PrismaBetterSQLite3 }] = await Promise.all([
      import("../generated/sqlite/client.ts"),
      import("@prisma/adapter-better-sqlite3"),
    ]);
    const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: target.url }) });
    // WAL lets readers work while the single writer writes; busy_timeout waits
    // for the writer instead of failing with SQLITE_BUSY.
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await db.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
    return db;
  }
  const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
    import("../generated/postgres/client.ts"),
    import("@prisma/adapter-pg"),
  ]);
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: target.url }) });
  return db as unknown as Db;
}

/** True when the database answers a trivial query. */
export async function isDatabaseHealthy(db: Db): Promise<boolean> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}

/** True for Prisma's unique-constraint violation (P2002): a row someone else wrote first. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}
