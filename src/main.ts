/**
 * Service entry (`npm start`): reads the environment, builds the app, listens,
 * and shuts down gracefully on SIGTERM/SIGINT. The only module that reads
 * process.env, listens, or installs signal handlers.
 */
import { ConfigError, loadConfig } from "./config/config.ts";
import { isAppError } from "./errors.ts";
import { createLogger } from "./logging/logger.ts";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) return fail(error.message);
    throw error;
  }
  const logger = createLogger(config.logLevel);
  // The app's modules (some 1,700 files with the packages) load only once the settings are
  // valid: a misconfigured start says so without loading them, in under half the CPU time.
  const { createApp } = await import("./app.ts");
  let app;
  try {
    app = await createApp(config, logger);
  } catch (error) {
    if (isAppError(error, "config.directory"))
      return fail(`Invalid DIRECTORY_FILE: ${error.message}`);
    if (isAppError(error, "storage.unavailable")) {
      logger.fatal({ err: error }, "database unavailable");
      return fail(
        `Database unavailable (DATABASE_URL, ${config.database.provider}): ${firstLine(error.message)}`,
      );
    }
    throw error;
  }
  const address = await app.start();
  logger.info({ url: address, database: config.database.provider }, "service started");

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    // The documented bound: whatever is still in hand then is left to its lease.
    setTimeout(() => {
      logger.warn({ timeoutMs: config.shutdownTimeoutMs }, "shutdown bound reached; exiting");
      logger.flush(() => process.exit(1));
    }, config.shutdownTimeoutMs).unref();
    app.stop().then(
      () => logger.flush(() => process.exit(0)),
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        logger.flush(() => process.exit(1));
      },
    );
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

/** One clear line on stderr and exit code 1: what an operator needs, no stack trace. */
function fail(message: string): void {
  process.stderr.write(`${message}\n`);
  process.exitCode = 1;
}

function firstLine(message: string): string {
  return (
    message.split("\n").find((line) => line.trim() && !line.startsWith("Loaded Prisma")) ?? message
  );
}

await main();
