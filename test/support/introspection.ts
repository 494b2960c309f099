import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { DatabaseTarget } from "../../src/storage/database-url.ts";
import { prismaCli, providerDir } from "../../src/storage/prisma-cli.ts";

/**
 * Tables the migration SQL creates by hand because Prisma cannot model them: SQLite's FTS5
 * index of case search terms and the shadow tables FTS5 keeps for it. Introspection sees them
 * as models the data model lacks; they are left out of the comparison, and the migration tests
 * check them on their own (a search test uses them).
 */
const HAND_WRITTEN_TABLES = /^model (CaseSearchIndex(_\w+)?) \{[^}]*\}\n?/gm;

/**
 * Differences between what a live database holds and the data model, as
 * Prisma's summary ("" when they match), leaving out HAND_WRITTEN_TABLES. Prisma 6 refuses
 * `migrate diff --from-schema-datasource` through a driver adapter, so the
 * database is introspected (`db pull`, which does work) into a scratch
 * schema, and that schema is diffed against the models.
 */
export async function differencesFromModel(target: DatabaseTarget): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "introspect-"));
  try {
    const schemaDir = path.join(dir, "schema");
    const ownConfig = path.join(providerDir(target.provider), "prisma.config.ts");
    const config = (await readFile(ownConfig, "utf8"))
      .replace('path.join(import.meta.dirname, "schema")', JSON.stringify(schemaDir))
      .replace(
        /from "([^".][^"]*)"/g,
        (_, specifier: string) => `from "${import.meta.resolve(specifier)}"`,
      );
    await writeFile(path.join(dir, "prisma.config.ts"), config);
    await import("node:fs/promises").then((fs) => fs.mkdir(schemaDir));
    await copyFile(
      path.join(providerDir(target.provider), "schema", "schema.prisma"),
      path.join(schemaDir, "schema.prisma"),
    );
    await prismaCli(target.provider, target.url, ["db", "pull"], {
      configFile: path.join(dir, "prisma.config.ts"),
    });
    const pulled = path.join(schemaDir, "schema.prisma");
    await writeFile(pulled, (await readFile(pulled, "utf8")).replace(HAND_WRITTEN_TABLES, ""));
    const { stdout, exitCode } = await prismaCli(
      target.provider,
      target.url,
      [
        "migrate",
        "diff",
        "--from-schema-datamodel",
        schemaDir,
        "--to-schema-datamodel",
        path.join(providerDir(target.provider), "schema"),
        "--exit-code",
      ],
      { acceptedExitCodes: [2] },
    );
    return exitCode === 0 ? "" : stdout.trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
