import type { Db } from "../../src/storage/database.ts";
import { applyMigrations } from "../../src/storage/migrate.ts";
import type { CaseWorld } from "./case-world.ts";
import { openTestDatabase } from "./databases.ts";

/**
 * Takes the database of `world` back to before migration `name` — `undo`: the statements that
 * undo it, the rows there kept —, forgets that it ran, then deploys: it runs on the rows there
 * now, as on a database of the version before. Resolves with a new client: the old one lets go
 * of the SQLite file first.
 */
export async function deployAgain(
  world: CaseWorld,
  name: string,
  undo: readonly string[] = [],
): Promise<Db> {
  for (const statement of undo) await world.db.$executeRawUnsafe(statement);
  await world.db.$executeRawUnsafe(
    `DELETE FROM "_prisma_migrations" WHERE "migration_name" LIKE '%${name}'`,
  );
  await world.db.$disconnect();
  await applyMigrations(world.target);
  return openTestDatabase(world.target);
}
