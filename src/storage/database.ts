import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient as SqliteClient } from "../generated/sqlite/client.ts";
import type { DatabaseTarget } from "./database-url.ts";
import { rememberedAdapter } from "./plain-sql.ts";

/**
 * The Prisma client the storage code is written against. Both providers'
 * generated clients come from the same models (prisma/models.prisma) and
 * expose the same API; the code avoids the few provider-specific features
 * (see prisma/README.md), so one type serves both.
 */
export type Db = SqliteClient;

/** Transaction client handed to code that must write within one transaction. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** SQLite's page cache of the service's connection, KiB. */
const SQLITE_CACHE_KIB = 64 * 1024;
/** How much of the SQLite file is read through a memory mapping, bytes (address space, not RAM). */
const SQLITE_MMAP_BYTES = 4 * 1024 ** 3;

/**
 * How long Prisma's interactive transactions wait for a connection (PostgreSQL's pool,
 * SQLite's transaction lock) and may run. Prisma's defaults (2 s, 5 s) failed citizens'
 * turns (first contact, filing) with 503 when the machine was loaded and two instances shared
 * one database, while the turn's plain SQL transactions wait in the same queue without a cap.
 */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

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
    const adapter = rememberedAdapter("sqlite", new PrismaBetterSQLite3({ url: target.url }));
    const db = new PrismaClient({
      adapter: adapter.factory as InstanceType<typeof PrismaBetterSQLite3>,
      transactionOptions: TRANSACTION_OPTIONS,
    });
    adapter.remember(db);
    // WAL lets readers work while the single writer writes; busy_timeout waits
    // for the writer instead of failing with SQLITE_BUSY.
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await db.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
    // At a million cases the database is over a GB: SQLite's default page cache (2 MB) keeps
    // almost none of the indexes a page of the console walks, so every read goes back to the
    // file. A larger cache and memory-mapped reads (the OS shares the mapping with its own
    // file cache: no copy per page) keep the hot index pages at hand.
    await db.$queryRawUnsafe(`PRAGMA cache_size = -${SQLITE_CACHE_KIB}`);
    await db.$queryRawUnsafe(`PRAGMA mmap_size = ${SQLITE_MMAP_BYTES}`);
    return db;
  }
  const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
    import("../generated/postgres/client.ts"),
    import("@prisma/adapter-pg"),
  ]);
  const adapter = rememberedAdapter("postgres", new PrismaPg({ connectionString: target.url }));
  const db = new PrismaClient({
    adapter: adapter.factory as InstanceType<typeof PrismaPg>,
    transactionOptions: TRANSACTION_OPTIONS,
  }) as unknown as Db;
  adapter.remember(db);
  return db;
}

/**
 * True when the database answers a trivial query within `timeoutMs` (a hung server must
 * not hang the health check too).
 */
export async function isDatabaseHealthy(db: Db, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([db.$queryRawUnsafe("SELECT 1").then(() => true), timedOut]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Prisma's codes for a database it cannot reach, that closed the connection, or a full pool. */
// P2028: a transaction the database closed under it (a terminated connection, a timeout).
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
/** The driver adapters' kinds of the same. */
const UNAVAILABLE_ADAPTER_KINDS = new Set([
  "ConnectionClosed",
  "DatabaseNotReachable",
  "DatabaseDoesNotExist",
  "SocketTimeout",
  "TooManyConnections",
  "TlsConnectionError",
]);
/** Network errors of the driver (pg) below the adapter. */
const UNAVAILABLE_SYSTEM_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection (?:is )?closed|connection error and is not queryable|not currently accepting connections|timeout exceeded when trying to connect|Transaction already closed|database is locked|SQLITE_BUSY/i;

/**
 * True when `error` says the database is out of reach for now (a server restarting, a
 * terminated connection, a pool exhausted, a SQLite file locked past its busy timeout):
 * the request may succeed if tried again, so HTTP answers 503 and a worker retries.
 * False for errors of the query itself (a constraint, a bad value), which retrying repeats.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (current === null || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    const e = current as {
      code?: unknown;
      kind?: unknown;
      severity?: unknown;
      message?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    if (typeof e.code === "string") {
      if (UNAVAILABLE_PRISMA_CODES.has(e.code) || UNAVAILABLE_SYSTEM_CODES.has(e.code)) return true;
      // PostgreSQL SQLSTATE classes 08 (connection), 53 (resources), 57P (shutdown).
      if (e.kind === "postgres" && /^(08|53|57P)/.test(e.code)) return true;
    }
    if (typeof e.kind === "string" && UNAVAILABLE_ADAPTER_KINDS.has(e.kind)) return true;
    if (e.kind === "postgres" && e.severity === "FATAL") return true;
    if (typeof e.message === "string" && UNAVAILABLE_MESSAGE.test(e.message)) return true;
    pending.push(e.cause, e.meta?.driverAdapterError);
  }
  return false;
}

/**
 * True for a unique-constraint violation, a row someone else wrote first: Prisma's P2002, or
 * the driver adapter's error of the same (plain-sql.ts).
 */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { kind?: unknown } } | null;
  return e?.code === "P2002" || e?.cause?.kind === "UniqueConstraintViolation";
}
