/**
 * The composition root: the one place that builds the concrete adapters
 * (database, channels, classifier, HTTP) and wires them to the domain.
 */
import type { FastifyInstance } from "fastify";
import type { Config } from "./config/config.ts";
import type { Directory } from "./domain/directory.ts";
import { DEFAULT_DIRECTORY_FILE, loadDirectory } from "./directory/load-directory.ts";
import { createHttpServer } from "./http/server.ts";
import type { Logger } from "./logging/logger.ts";
import { isDatabaseHealthy, openDatabase, type Db } from "./storage/database.ts";
import { ensureDirectory } from "./storage/directory-store.ts";
import { migrateIfNeeded } from "./storage/migrate.ts";

export interface App {
  readonly db: Db;
  readonly directory: Directory;
  readonly http: FastifyInstance;
  /** Starts listening and the channels; resolves with the HTTP address. */
  start(): Promise<string>;
  /** Stops taking updates, finishes in-flight work, closes the database. */
  stop(): Promise<void>;
}

/**
 * Builds the service: loads the directory, migrates and opens the database.
 * @throws AppError("config.directory") for a bad directory file,
 *   AppError("storage.unavailable") when the database cannot be migrated.
 */
export async function createApp(config: Config, logger: Logger): Promise<App> {
  const directory = await loadDirectory(config.directoryFile ?? DEFAULT_DIRECTORY_FILE);
  const applied = await migrateIfNeeded(config.database);
  if (applied.length > 0) logger.info({ migrations: applied }, "database migrated");
  const db = await openDatabase(config.database);
  const added = await ensureDirectory(db, directory);
  if (added > 0) logger.info({ added }, "routing directory seeded");

  const http = createHttpServer({ logger, isHealthy: () => isDatabaseHealthy(db) });

  return {
    db,
    directory,
    http,
    async start() {
      return http.listen({ host: config.http.host, port: config.http.port });
    },
    async stop() {
      await http.close();
      await db.$disconnect();
    },
  };
}
