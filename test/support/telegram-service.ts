import type { Db } from "../../src/storage/database.ts";
import { startFakeTelegram, type FakeTelegram, type FakeTelegramOptions } from "./fake-telegram.ts";
import { TelegramCitizen } from "./telegram-citizen.ts";
import { startTestApp, type TestApp, type TestAppOptions } from "./test-app.ts";

/** The whole service with Telegram pointed at a fake Bot API server, and citizens to talk to it. */
export interface TelegramService {
  readonly telegram: FakeTelegram;
  /** The running instance; restart() replaces it. */
  readonly app: TestApp;
  readonly db: Db;
  /** A new citizen in a private chat of their own (ids 1001, 1002, …). */
  citizen(firstName?: string): TelegramCitizen;
  /** A new citizen who has told a complaint up to the photo question (reachPhotoQuestion). */
  citizenAtPhotoQuestion(): Promise<TelegramCitizen>;
  /** Stops the instance; the updates sent meanwhile wait in the fake Telegram. */
  stopApp(): Promise<void>;
  /** Starts another instance on the same database, as after a restart. */
  startAgain(): Promise<void>;
  /** Stops the service and the fake server. */
  stop(): Promise<void>;
}

export interface TelegramServiceOptions extends Omit<TestAppOptions, "telegram"> {
  readonly fake?: FakeTelegramOptions;
}

/**
 * Starts a fake Bot API server and the service on a fresh database. Starting
 * the service takes a second or two, so a test file usually starts one and
 * gives each test its own citizens.
 */
export async function startTelegramService(
  options: TelegramServiceOptions = {},
): Promise<TelegramService> {
  const telegram = await startFakeTelegram(options.fake);
  let app = await startTestApp({ ...options, telegram });
  let stopped = false;
  let nextId = 1001;
  const citizen = (firstName?: string) =>
    new TelegramCitizen(telegram, () => app.app.db, nextId++, firstName);
  return {
    telegram,
    get app() {
      return app;
    },
    get db() {
      return app.app.db;
    },
    citizen,
    async citizenAtPhotoQuestion() {
      const atPhotoQuestion = citizen();
      await atPhotoQuestion.reachPhotoQuestion();
      return atPhotoQuestion;
    },
    async stopApp() {
      stopped = true;
      await app.stop();
    },
    async startAgain() {
      app = await app.another();
      stopped = false;
    },
    async stop() {
      if (!stopped) await app.stop();
      await telegram.close();
    },
  };
}

/**
 * Files a case with one photo Telegram refused to hand over at the time, so that the service
 * keeps its file id only; resolves to the case's tracking number.
 */
export async function fileWithPhotoKeptByFileId(service: TelegramService): Promise<string> {
  const citizen = await service.citizenAtPhotoQuestion();
  service.telegram.failNext("getFile", 1, {
    status: 400,
    description: "Bad Request: file is temporarily unavailable",
  });
  await citizen.sendPhoto("old-photo", "井盖旁边的裂缝");
  for (const answer of ["照片发完了", "匿名反映", "提交"]) await citizen.tap(answer);
  const [filed] = await citizen.cases();
  return filed!.trackingNo;
}
