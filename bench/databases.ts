/** Scratch databases for the benchmarks: a SQLite file in a temporary folder, or a PostgreSQL database. */
import { copyFile, mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import {
  parseDatabaseUrl,
  type DatabaseProvider,
  type DatabaseTarget,
} from "../src/storage/database-url.ts";
import { applyMigrations } from "../src/storage/migrate.ts";

/** The PostgreSQL server the benchmark uses (BENCH_POSTGRES_URL, default the local one). */
export const BENCH_POSTGRES_URL =
  process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export interface ScratchDatabase {
  readonly target: DatabaseTarget;
  /** Its size on disk in MB. */
  sizeMb(): Promise<number>;
  drop(): Promise<void>;
}

async function admin(sql: string): Promise<{ size?: string }[]> {
  const client = new pg.Client({ connectionString: BENCH_POSTGRES_URL });
  await client.connect();
  try {
    return (await client.query(sql)).rows as { size?: string }[];
  } finally {
    await client.end();
  }
}

/**
 * A new, migrated database of `provider`: empty, or a copy of `source` (a database seeded
 * beforehand, which no one may be writing to: its SQLite files are copied as they are, and
 * PostgreSQL copies it as a template, which it refuses while anyone is connected to it).
 */
export async function scratchDatabase(
  provider: DatabaseProvider,
  label: string,
  source?: DatabaseTarget,
): Promise<ScratchDatabase> {
  if (provider === "sqlite") {
    const dir = await mkdtemp(path.join(os.tmpdir(), `bench-${label}-`));
    const file = path.join(dir, "bench.db");
    if (source) await copySqlite(source.sqliteFile!, file);
    const target = parseDatabaseUrl(`file:${file}`)!;
    await applyMigrations(target);
    return {
      target,
      async sizeMb() {
        const sizes = await Promise.all(
          ["", "-wal"].map((suffix) =>
            stat(file + suffix).then(
              (s) => s.size,
              () => 0,
            ),
          ),
        );
        return sizes.reduce((a, b) => a + b, 0) / 1024 / 1024;
      },
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const name = `bench_${label}_${process.pid}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  const template = source && new URL(source.url).pathname.slice(1);
  await admin(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  const url = new URL(BENCH_POSTGRES_URL);
  url.pathname = `/${name}`;
  const target = parseDatabaseUrl(url.toString())!;
  await applyMigrations(target);
  return {
    target,
    async sizeMb() {
      const [row] = await admin(`SELECT pg_database_size('${name}') AS size`);
      return Number(row?.size ?? 0) / 1024 / 1024;
    },
    drop: async () => {
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** The database file and its write-ahead log, if it has one. */
async function copySqlite(from: string, to: string): Promise<void> {
  await copyFile(from, to);
  await copyFile(`${from}-wal`, `${to}-wal`).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
}
