/**
 * `npm run db:migration -- <name>`: writes the next migration for both
 * providers from a datamodel diff. `prisma migrate dev` does not work through
 * driver adapters, so the diff runs from the models as of the last migration
 * (prisma/models.migrated.prisma, committed) to prisma/models.prisma.
 * The PostgreSQL diff needs a reachable server (MIGRATION_DIFF_POSTGRES_URL,
 * default the local one); nothing is written to it.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DatabaseProvider } from "../storage/database-url.ts";
import { PRISMA_DIR, prismaCli, providerDir } from "../storage/prisma-cli.ts";

const PROVIDERS: Record<DatabaseProvider, { placeholderUrl: string; lockProvider: string }> = {
  sqlite: { placeholderUrl: "file::memory:", lockProvider: "sqlite" },
  // The JS schema engine connects even for a datamodel-to-datamodel diff; it writes nothing.
  postgres: {
    placeholderUrl:
      process.env.MIGRATION_DIFF_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    lockProvider: "postgresql",
  },
};
const MODELS = path.join(PRISMA_DIR, "models.prisma");
const SNAPSHOT = path.join(PRISMA_DIR, "models.migrated.prisma");

async function main(): Promise<number> {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("usage: npm run db:migration -- <name>   (lower-case letters, digits and _)");
    return 1;
  }
  const folder = `${timestamp(new Date())}_${name}`;
  const scripts = new Map<DatabaseProvider, string>();
  for (const provider of Object.keys(PROVIDERS) as DatabaseProvider[]) {
    scripts.set(provider, await diffSinceLastMigration(provider));
  }
  if ([...scripts.values()].every((sql) => !/^\s*[A-Z]/m.test(sql))) {
    console.log("The models have not changed since the last migration; nothing written.");
    return 0;
  }
  for (const [provider, sql] of scripts) {
    const dir = path.join(providerDir(provider), "migrations", folder);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "migration.sql"), sql);
    await writeLockFile(provider);
    console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  }
  await copyFile(MODELS, SNAPSHOT);
  return 0;
}

async function diffSinceLastMigration(provider: DatabaseProvider): Promise<string> {
  const schemaDir = path.join(providerDir(provider), "schema");
  const from = existsSync(SNAPSHOT)
    ? ["--from-schema-datamodel", await snapshotSchema(provider, schemaDir)]
    : ["--from-empty"];
  const { stdout } = await prismaCli(provider, PROVIDERS[provider].placeholderUrl, [
    "migrate",
    "diff",
    ...from,
    "--to-schema-datamodel",
    schemaDir,
    "--script",
  ]);
  return stdout;
}

/** A schema folder holding the provider's datasource and the snapshot models. */
async function snapshotSchema(provider: DatabaseProvider, schemaDir: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `migration-${provider}-`));
  process.on("exit", () => void rm(dir, { recursive: true, force: true }));
  await copyFile(path.join(schemaDir, "schema.prisma"), path.join(dir, "schema.prisma"));
  await copyFile(SNAPSHOT, path.join(dir, "models.prisma"));
  return dir;
}

async function writeLockFile(provider: DatabaseProvider): Promise<void> {
  const lock = path.join(providerDir(provider), "migrations", "migration_lock.toml");
  const content = `# Written by npm run db:migration; do not edit.\nprovider = "${PROVIDERS[provider].lockProvider}"\n`;
  if ((await readFile(lock, "utf8").catch(() => "")) !== content) await writeFile(lock, content);
}

function timestamp(date: Date): string {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}

process.exitCode = await main();
