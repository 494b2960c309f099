/**
 * The composition root: the one place that builds the concrete adapters
 * (database, channels, classifier, HTTP) and wires them to the domain.
 */
import type { FastifyInstance } from "fastify";
import { Api } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { createCaseActions, type CaseActions } from "./cases/case-actions.ts";
import { loadCalendar } from "./calendar/load-calendar.ts";
import {
  createTelegramChannel,
  type TelegramChannel,
} from "./channels/telegram/telegram-channel.ts";
import { loadCorpus } from "./classification/corpus.ts";
import {
  createClassificationService,
  type ClassificationService,
} from "./classification/create-classification.ts";
import { loadPrompt } from "./classification/llm-classifier.ts";
import type { Config } from "./config/config.ts";
import { handleCitizenEvent } from "./conversation/handle-citizen-event.ts";
import type { Directory } from "./domain/directory.ts";
import { createIntakeEngine } from "./domain/intake/engine.ts";
import { DEFAULT_DIRECTORY_FILE, loadDirectory } from "./directory/load-directory.ts";
import { createHttpServer } from "./http/server.ts";
import type { Logger } from "./logging/logger.ts";
import { createOutboxStore } from "./notifications/outbox-store.ts";
import { createOutboxWorker, type OutboxWorker } from "./notifications/outbox-worker.ts";
import { createTelegramSender } from "./notifications/telegram-sender.ts";
import { createAddressBook } from "./storage/address-book.ts";
import { createCaseStore } from "./storage/case-store.ts";
import { createCitizenCases } from "./storage/citizen-cases.ts";
import { createComplaintSubmitter } from "./storage/complaint-submitter.ts";
import { isDatabaseHealthy, openDatabase, type Db } from "./storage/database.ts";
import { createDialogueStore } from "./storage/dialogue-store.ts";
import { ensureDirectory } from "./storage/directory-store.ts";
import { createIdentityStore } from "./storage/identity-store.ts";
import { createInboxStore } from "./storage/inbox-store.ts";
import { migrateIfNeeded } from "./storage/migrate.ts";

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** What tests may replace: time, the Telegram bot's profile (no getMe call), the polling timeout. */
export interface AppOverrides {
  readonly clock?: Clock;
  readonly telegramBotInfo?: UserFromGetMe;
  readonly telegramPollTimeoutSeconds?: number;
}

export interface App {
  readonly db: Db;
  readonly directory: Directory;
  readonly http: FastifyInstance;
  readonly classification: ClassificationService;
  readonly telegram: TelegramChannel | null;
  readonly caseActions: CaseActions;
  readonly outboxWorker: OutboxWorker;
  /** Starts listening and the channels; resolves with the HTTP address. */
  start(): Promise<string>;
  /** Stops taking updates, finishes in-flight work, closes the database. */
  stop(): Promise<void>;
}

/**
 * Builds the service: loads the directory, calendar and classifier, migrates
 * and opens the database, and wires the channels that are configured.
 * @throws AppError("config.directory") for a bad directory file,
 *   AppError("config.invalid") for a bad calendar file,
 *   AppError("storage.unavailable") when the database cannot be migrated.
 */
export async function createApp(
  config: Config,
  logger: Logger,
  overrides: AppOverrides = {},
): Promise<App> {
  const clock = overrides.clock ?? systemClock;
  const directory = await loadDirectory(config.directoryFile ?? DEFAULT_DIRECTORY_FILE);
  const calendar = await loadCalendar();
  const classification = createClassificationService({
    directory,
    corpus: await loadCorpus(),
    llm: config.llm ?? null,
    ...(config.llm && { promptTemplate: await loadPrompt() }),
  });

  const applied = await migrateIfNeeded(config.database);
  if (applied.length > 0) logger.info({ migrations: applied }, "database migrated");
  const db = await openDatabase(config.database);
  const added = await ensureDirectory(db, directory);
  if (added > 0) logger.info({ added }, "routing directory seeded");

  const http = createHttpServer({ logger, isHealthy: () => isDatabaseHealthy(db) });
  const outbox = createOutboxStore(db, clock);
  const notifications = {
    outbox,
    directory,
    addresses: createAddressBook(db, { staffChatId: config.telegram?.staffChatId }),
  };
  const caseActions = createCaseActions({
    store: createCaseStore(db, notifications),
    directory,
    calendar: () => calendar,
    clock,
  });
  const engine = createIntakeEngine({
    directory,
    classifier: classification.classifier,
    regionDetector: { detect: (text) => classification.offline.detectRegion(text).region },
    submitter: createComplaintSubmitter({ db, directory, calendar: () => calendar, notifications }),
    cases: createCitizenCases(db, directory),
  });
  const conversation = {
    engine,
    dialogues: createDialogueStore(db),
    identities: createIdentityStore(db),
    clock,
  };
  const inbox = createInboxStore(db);

  const telegram = config.telegram
    ? createTelegramChannel({
        settings: config.telegram,
        inbox,
        converse: (message) =>
          handleCitizenEvent(conversation, message, logger.child({ channel: message.channel })),
        http,
        clock,
        logger: logger.child({ channel: "telegram" }),
        ...(overrides.telegramBotInfo && { botInfo: overrides.telegramBotInfo }),
        ...(overrides.telegramPollTimeoutSeconds !== undefined && {
          pollTimeoutSeconds: overrides.telegramPollTimeoutSeconds,
        }),
      })
    : null;

  const outboxWorker = createOutboxWorker({
    store: outbox,
    senders: {
      ...(config.telegram && {
        // Its own Api, without auto-retry: the worker schedules retries itself.
        telegram: createTelegramSender({
          api: new Api(config.telegram.token, { apiRoot: config.telegram.apiRoot }),
        }),
      }),
    },
    clock,
    logger: logger.child({ component: "outbox" }),
  });

  return {
    db,
    directory,
    http,
    classification,
    telegram,
    caseActions,
    outboxWorker,
    async start() {
      const address = await http.listen({ host: config.http.host, port: config.http.port });
      await telegram?.start();
      outboxWorker.start();
      return address;
    },
    async stop() {
      await telegram?.stop();
      await outboxWorker.stop();
      await http.close();
      await db.$disconnect();
    },
  };
}
