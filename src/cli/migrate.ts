/** `npm run db:migrate`: applies pending migrations to DATABASE_URL, as a start does. */
import { ConfigError, loadConfig } from "../config/config.ts";
import { isAppError } from "../errors.ts";
import { migrateIfNeeded } from "../storage/migrate.ts";

try {
  const { database } = loadConfig(process.env);
  const applied = await migrateIfNeeded(database);
  console.log(applied.length > 0 ? `applied: ${applied.join(", ")}` : "the database is up to date");
} catch (error) {
  if (!(error instanceof ConfigError) && !isAppError(error)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
