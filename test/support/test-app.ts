import { afterAll } from "vitest";
import { createApp, type App, type AppOverrides } from "../../src/app.ts";
import {
  createClassificationService,
  type ClassificationService,
} from "../../src/classification/create-classification.ts";
import { loadDirectory } from "../../src/directory/load-directory.ts";
import { loadConfig } from "../../src/config/config.ts";
import { createRateLimiter, WECOM_APP_RATE_LIMITS } from "../../src/notifications/rate-limiter.ts";
import { dataDirectoryOf, type DatabaseProvider } from "../../src/storage/database-url.ts";
import { SHARED_CLASSIFIER_CACHE } from "./classifier-cache.ts";
import { baseModel } from "./classifier-model.ts";
import { MovableClock } from "./clock.ts";
import { freshDatabaseTarget } from "./databases.ts";
import { testLogger } from "./error-logs.ts";
import type { FakeTelegram } from "./fake-telegram.ts";
import type { FakeWeCom } from "./fake-wecom.ts";

/** WeCom pointed at the fake server: the callback settings the test signs its callbacks with. */
export interface TestWeCom {
  readonly fake: FakeWeCom;
  readonly token: string;
  readonly encodingAesKey: string;
  readonly openKfId: string;
}

export interface TestApp {
  readonly app: App;
  readonly clock: MovableClock;
  readonly url: string;
  /** The folder kept photos live in (uploads/…): an Attachment.storagePath is relative to it. */
  readonly dataDir: string;
  /** Stops the app (a restart starts another on the same database). */
  stop(): Promise<void>;
  /**
   * A new app instance on the same database, as after a restart or on a second server; `env`
   * adds to or replaces the first one's settings.
   */
  another(env?: Record<string, string>): Promise<TestApp>;
}

export interface TestAppOptions {
  readonly provider?: DatabaseProvider;
  readonly telegram?: FakeTelegram;
  readonly wecom?: TestWeCom;
  readonly env?: Record<string, string>;
  readonly clock?: MovableClock;
  /** Keeps every log line the service writes, at every level, here. */
  readonly logLines?: string[];
  /** More of the app's overrides (the clock and Telegram's bot info are set already). */
  readonly overrides?: AppOverrides;
}

const running = new Set<App>();

let trained: Promise<ClassificationService> | undefined;
/** The offline classifier of the default directory, trained once per test file. */
function offlineClassification(): Promise<ClassificationService> {
  trained ??= Promise.all([loadDirectory(), baseModel()]).then(([directory, model]) =>
    createClassificationService({ directory, model, llm: null }),
  );
  return trained;
}
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
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "error",
    // A test clock moved to a Monday morning would send a digest no test asked for.
    HOT_SPOT_DIGEST_AT: "off",
    // Used when the test's settings need the real model in service (an LLM, say).
    ...SHARED_CLASSIFIER_CACHE,
    ...(options.telegram && {
      TELEGRAM_BOT_TOKEN: options.telegram.token,
      TELEGRAM_API_ROOT: options.telegram.apiRoot,
    }),
    ...(options.wecom && {
      WECOM_CORP_ID: options.wecom.fake.corpId,
      WECOM_KF_SECRET: options.wecom.fake.kfSecret,
      WECOM_TOKEN: options.wecom.token,
      WECOM_ENCODING_AES_KEY: options.wecom.encodingAesKey,
      WECOM_OPEN_KFID: options.wecom.openKfId,
      WECOM_API_ROOT: options.wecom.fake.apiRoot,
    }),
    ...options.env,
  };
  const config = loadConfig(env);
  const app = await createApp(config, testLogger(process.env.TEST_LOG_LEVEL, options.logLines), {
    clock,
    ...(!config.llm && !config.directoryFile && { classification: await offlineClassification() }),
    ...(options.telegram && { telegramBotInfo: options.telegram.botInfo }),
    telegramPollTimeoutSeconds: 1,
    // Not 2 s of real time between WeCom app messages to one member: that would slow every
    // staff test. app-rate-limit.test.ts passes its own limiter on the test's clock.
    wecomAppRateLimiter: createRateLimiter({
      clock: { now: () => new Date() },
      limits: { ...WECOM_APP_RATE_LIMITS, perChatIntervalMs: 0, groupChatIntervalMs: 0 },
    }),
    ...options.overrides,
  });
  running.add(app);
  const url = await app.start();
  return {
    app,
    clock,
    url,
    dataDir: dataDirectoryOf(config.database),
    async stop() {
      running.delete(app);
      await app.stop();
    },
    another: (env = {}) =>
      startOn(databaseUrl, { ...options, env: { ...options.env, ...env } }, clock),
  };
}
