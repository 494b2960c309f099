/** Scratch databases for the benchmarks: a SQLite file in a temporary folder, or a PostgreSQL database. */
import { mkdtemp, rm, stat } from "node:fs/promises";
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

/** A new, migrated, empty database of `provider`. */
export async function scratchDatabase(
  provider: DatabaseProvider,
  label: string,
): Promise<ScratchDatabase> {
  if (provider === "sqlite") {
    const dir = await mkdtemp(path.join(os.tmpdir(), `bench-${label}-`));
    const file = path.join(dir, "bench.db");
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
  await admin(`CREATE DATABASE "${name}"`);
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
