import { afterAll } from "vitest";
import { createApp, type App } from "../../src/app.ts";
import { loadConfig } from "../../src/config/config.ts";
import { createLogger } from "../../src/logging/logger.ts";
import type { DatabaseProvider } from "../../src/storage/database-url.ts";
import { MovableClock } from "./clock.ts";
import { freshDatabaseTarget } from "./databases.ts";
import type { FakeTelegram } from "./fake-telegram.ts";

export interface TestApp {
  readonly app: App;
  readonly clock: MovableClock;
  readonly url: string;
  /** Stops the app (a restart starts another on the same database). */
  stop(): Promise<void>;
  /** A new app instance on the same database, as after a restart or on a second server. */
  another(): Promise<TestApp>;
}

export interface TestAppOptions {
  readonly provider?: DatabaseProvider;
  readonly telegram?: FakeTelegram;
  readonly env?: Record<string, string>;
  readonly clock?: MovableClock;
}

const running = new Set<App>();
afterAll(async () => {
  for (const app of running) await app.stop();
  running.clear();
});

/**
 * The whole service as `npm start` builds it, on a fresh real database, with
 * Telegram pointed at the fake Bot API server when one is given.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const target = await freshDatabaseTarget(options.provider ?? "sqlite");
  return startOn(target.url, options, options.clock ?? new MovableClock());
}

async function startOn(
  databaseUrl: string,
  options: TestAppOptions,
  clock: MovableClock,
): Promise<TestApp> {
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    PORT: "0",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    ...(options.telegram && {
      TELEGRAM_BOT_TOKEN: options.telegram.token,
      TELEGRAM_API_ROOT: options.telegram.apiRoot,
    }),
    ...options.env,
  };
  const config = loadConfig(env);
  const app = await createApp(config, createLogger(config.logLevel, false), {
    clock,
    ...(options.telegram && { telegramBotInfo: options.telegram.botInfo }),
    telegramPollTimeoutSeconds: 1,
  });
  running.add(app);
  const url = await app.start();
  return {
    app,
    clock,
    url,
    async stop() {
      running.delete(app);
      await app.stop();
    },
    another: () => startOn(databaseUrl, options, clock),
  };
}
