/**
 * The composition root: the one place that builds the concrete adapters
 * (database, channels, classifier, HTTP) and wires them to the domain.
 */
import type { FastifyInstance } from "fastify";
import { Api } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { createCaseActions, type CaseActions } from "./cases/case-actions.ts";
import { createCaseCards } from "./cases/case-cards.ts";
import { createConsolePlugin } from "./console/console-plugin.ts";
import { createDeadlineScheduler, type DeadlineScheduler } from "./cases/deadline-scheduler.ts";
import { createCardRefresh } from "./channels/telegram/card-refresh.ts";
import { createCardRenderer } from "./channels/telegram/card-renderer.ts";
import { createStaffFeature } from "./channels/telegram/staff-feature.ts";
import { loadCalendar } from "./calendar/load-calendar.ts";
import {
  createTelegramChannel,
  type TelegramChannel,
} from "./channels/telegram/telegram-channel.ts";
import { createStaffDecisions } from "./channels/staff-decisions.ts";
import { createWeComClient } from "./channels/wecom/api-client.ts";
import { withAppRateLimit } from "./channels/wecom/app-rate-limit.ts";
import { createWeComChannel, type WeComChannel } from "./channels/wecom/wecom-channel.ts";
import { createWeComCitizenDelivery } from "./channels/wecom/wecom-sender.ts";
import { wecomStaffZh } from "./notifications/wecom-staff-messages-zh.ts";
import {
  createWeComStaffDesk,
  createWeComStaffRenderer,
  createWeComStaffSender,
} from "./channels/wecom/wecom-staff.ts";
import { createWebChannel } from "./channels/web/web-channel.ts";
import { createWebRating } from "./channels/web/web-rating.ts";
import { createWebSender } from "./channels/web/web-sender.ts";
import { smsReceiptRoutes } from "./channels/sms/receipt-routes.ts";
import { open311Routes } from "./channels/open311/routes.ts";
import { createOpen311Store } from "./storage/open311-store.ts";
import { createSmsSender } from "./channels/sms/sms-sender.ts";
import { createSmsNotices } from "./channels/sms/sms-notices.ts";
import { createSmsGateway } from "./channels/sms/sms-settings.ts";
import type { SmsGateway } from "./channels/sms/sms-gateway.ts";
import { smsContactOf } from "./storage/citizen-notices.ts";
import { createSmsSendStore } from "./storage/sms-send-store.ts";
import { createCaseLookup } from "./storage/case-lookup.ts";
import { indexCaseSearch } from "./storage/case-search.ts";
import { dataDirectoryOf } from "./storage/database-url.ts";
import { createPhotoStore } from "./storage/photo-store.ts";
import { createVoiceStore } from "./storage/voice-store.ts";
import { createAudioConverter, resolveFfmpegPath } from "./voice/audio-conversion.ts";
import { createOpenAiTranscriber } from "./voice/transcriber.ts";
import { createVoiceIntake } from "./voice/voice-intake.ts";
import { createWebChatLog } from "./storage/web-chat-log.ts";
import { createClassifierOverview } from "./classification/classifier-overview.ts";
import { modelInService } from "./classification/model-in-service.ts";
import { createRetrainJob } from "./classification/retrain-job.ts";
import { createClassifierModelStore } from "./storage/classifier-models.ts";
import {
  createClassificationService,
  type ClassificationService,
} from "./classification/create-classification.ts";
import { loadPrompt } from "./classification/llm-classifier.ts";
import type { Config } from "./config/config.ts";
import {
  handleCitizenEvent,
  handleCitizenTurn,
  type CitizenMessage,
  type RecordTurn,
} from "./conversation/handle-citizen-event.ts";
import type { Directory } from "./domain/directory.ts";
import { createIntakeEngine } from "./domain/intake/engine.ts";
import { DEFAULT_DIRECTORY_FILE, loadDirectory } from "./directory/load-directory.ts";
import { createHttpServer } from "./http/server.ts";
import type { Logger } from "./logging/logger.ts";
import { createOutboxStore } from "./notifications/outbox-store.ts";
import { createOutboxWorker, type OutboxWorker } from "./notifications/outbox-worker.ts";
import { staffZh } from "./notifications/staff-messages-zh.ts";
import {
  createRateLimiter,
  WECOM_APP_RATE_LIMITS,
  type RateLimiter,
  type RateLimits,
} from "./notifications/rate-limiter.ts";
import { createTelegramSender } from "./notifications/telegram-sender.ts";
import { createAddressBook } from "./storage/address-book.ts";
import { createAwaitedReplies } from "./storage/awaited-replies.ts";
import { createLeaseStore } from "./storage/leases.ts";
import { recordRatingReason } from "./storage/rating-reasons.ts";
import { createStaffStore } from "./storage/staff-store.ts";
import { createCaseStore } from "./storage/case-store.ts";
import { createCitizenCases } from "./storage/citizen-cases.ts";
import { createComplaintSubmitter } from "./storage/complaint-submitter.ts";
import { isDatabaseHealthy, openDatabase, type Db } from "./storage/database.ts";
import { createDialogueStore } from "./storage/dialogue-store.ts";
import { ensureDirectory } from "./storage/directory-store.ts";
import { createIdentityStore } from "./storage/identity-store.ts";
import { createInboxStore } from "./storage/inbox-store.ts";
import { loadSigningSecret } from "./storage/service-secret.ts";
import { createTelegramCardStore } from "./storage/telegram-card-store.ts";
import { createWeComKfStore } from "./storage/wecom-kf-store.ts";
import { migrateIfNeeded } from "./storage/migrate.ts";
import { createReadQueries, type ReadQueries } from "./storage/queries/read-queries.ts";
import { loadDuplicateScorer } from "./classification/duplicate-scorer.ts";

export interface Clock {
  now(): Date;
}

const systemClock: Clock = { now: () => new Date() };

/** What tests may replace: time, the Telegram bot's profile (no getMe call), the polling timeout. */
export interface AppOverrides {
  readonly clock?: Clock;
  readonly telegramBotInfo?: UserFromGetMe;
  readonly telegramPollTimeoutSeconds?: number;
  /** How often the WeCom channel pulls without a callback (default 60 s). */
  readonly wecomSyncIntervalMs?: number;
  /** Telegram's sending limits for the outbox (tests lift the 3 s spacing of group chats). */
  readonly telegramRateLimits?: Partial<RateLimits>;
  /** Spaces the WeCom app's messages per staff userid (default: 2 s apart, in real time). */
  readonly wecomAppRateLimiter?: RateLimiter;
  /** The SMS provider's gateway (tests: the real SDK with a test's HTTP agent). */
  readonly smsGateway?: SmsGateway;
  /** A classifier already trained on the same directory (tests start many apps; training takes a second). */
  readonly classification?: ClassificationService;
}

export interface App {
  readonly db: Db;
  /** Lists, counts and figures, computed by the database. */
  readonly queries: ReadQueries;
  readonly directory: Directory;
  readonly http: FastifyInstance;
  readonly classification: ClassificationService;
  readonly telegram: TelegramChannel | null;
  readonly wecom: WeComChannel | null;
  readonly caseActions: CaseActions;
  readonly outboxWorker: OutboxWorker;
  /** Reminders and escalations of deadlines (started with the app). */
  readonly deadlines: DeadlineScheduler;
  /** Starts listening and the channels; resolves with the HTTP address. */
  start(): Promise<string>;
  /**
   * Stops taking updates, finishes in-flight work (updates still in hand after half of
   * config.shutdownTimeoutMs are left to their leases), closes the database.
   */
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

  const applied = await migrateIfNeeded(config.database);
  if (applied.length > 0) logger.info({ migrations: applied }, "database migrated");
  const db = await openDatabase(config.database);
  const signingSecret = await loadSigningSecret(db);
  const classifierModels = createClassifierModelStore(db);
  const served = overrides.classification
    ? null
    : await modelInService({
        directory,
        store: classifierModels,
        cacheDir: config.classifier.cacheDir,
        logger: logger.child({ component: "classifier" }),
      });
  const classification =
    overrides.classification ??
    createClassificationService({
      directory,
      model: served!.model,
      llm: config.llm ?? null,
      ...(config.llm && { promptTemplate: await loadPrompt() }),
      unsureBelow: config.classifier.unsureBelow,
      logger: logger.child({ component: "classifier" }),
      clock,
    });
  const retrainJob =
    config.classifier.retrainHours > 0
      ? createRetrainJob({
          store: classifierModels,
          service: classification,
          leases: createLeaseStore(db),
          clock,
          logger,
          intervalMs: config.classifier.retrainHours * 3_600_000,
          servingId: served?.record?.id ?? null,
          env: {
            DATABASE_URL: config.database.url,
            CLASSIFIER_CACHE_DIR: config.classifier.cacheDir,
            ...(config.directoryFile && { DIRECTORY_FILE: config.directoryFile }),
          },
        })
      : null;
  const added = await ensureDirectory(db, directory);
  if (added > 0) logger.info({ added }, "routing directory seeded");

  let ready = false;
  const http = createHttpServer({
    logger,
    settings: config.http.server,
    checkDatabase: () => isDatabaseHealthy(db),
    isReady: () => ready,
  });
  const outbox = createOutboxStore(db, clock);
  const notifications = {
    outbox,
    directory,
    publicUrl: config.http.publicUrl,
    smsReceipts: config.sms !== undefined,
    addresses: createAddressBook(db, {
      staffChatId: config.telegram?.staffChatId,
      wecomStaff: config.wecom?.agent !== undefined,
    }),
  };
  // Set below once the Telegram channel exists: it edits the case's cards after every decision.
  let afterDecision: ((trackingNo: string) => Promise<void>) | undefined;
  const caseStore = createCaseStore(db, notifications);
  const caseActions = createCaseActions({
    store: caseStore,
    directory,
    calendar: () => calendar,
    clock,
    onDecided: (trackingNo) => afterDecision?.(trackingNo),
    logger: logger.child({ component: "cases" }),
  });
  const queries = createReadQueries(
    db,
    config.database.provider,
    await loadDuplicateScorer(directory),
  );
  const deadlines = createDeadlineScheduler({
    due: queries.dueAlerts,
    store: caseStore,
    actions: caseActions,
    leases: createLeaseStore(db),
    clock,
    logger,
  });
  const staffStore = createStaffStore(db);
  const seeded = await staffStore.seedClerks(config.telegram?.staffTelegramIds ?? []);
  if (seeded > 0) logger.info({ seeded }, "clerks seeded from STAFF_TELEGRAM_IDS");
  const caseCards = createCaseCards(db, directory, queries.duplicates);
  await http.register(
    createConsolePlugin({
      db,
      queries,
      directory,
      caseActions,
      clock,
      logger: logger.child({ component: "console" }),
      publicUrl: config.http.publicUrl,
      photoRoot: dataDirectoryOf(config.database),
      wecomReplyWindow: config.wecom?.replyWindow,
      signingSecret,
      signInFreeFailures: config.guessing.signInFreeFailures,
      classifierOverview: createClassifierOverview({
        service: classification,
        store: classifierModels,
        unsureBelow: config.classifier.unsureBelow,
      }).overview,
    }),
  );

  const submitter = createComplaintSubmitter({
    db,
    directory,
    calendar: () => calendar,
    notifications,
  });
  // Other systems (311 apps) file and follow cases through Open311 GeoReport v2.
  await http.register(
    open311Routes({
      directory,
      store: createOpen311Store(db),
      submitter,
      regionDetector: { detect: (text) => classification.offline.detectRegion(text).region },
      now: () => clock.now(),
      logger: logger.child({ channel: "open311" }),
    }),
  );
  const engine = createIntakeEngine({
    directory,
    classifier: classification.classifier,
    regionDetector: { detect: (text) => classification.offline.detectRegion(text).region },
    submitter,
    problems: {
      classifierFailed: (error) =>
        logger.error(
          { err: error, component: "classifier" },
          "classification failed; the citizen chooses the category",
        ),
    },
    cases: createCitizenCases(db, directory),
  });
  const conversation = {
    engine,
    dialogues: createDialogueStore(db),
    identities: createIdentityStore(db),
    clock,
  };
  const converseTurn = (message: CitizenMessage, record?: RecordTurn) =>
    handleCitizenTurn(conversation, message, logger.child({ channel: message.channel }), record);
  const inbox = createInboxStore(db);
  // Web uploads and downloaded WeChat images: one folder, one table, one store.
  const photos = createPhotoStore(db, dataDirectoryOf(config.database));
  // Voice messages of every channel: kept under data/voice, transcribed when ASR_… is set.
  const voice = createVoiceIntake({
    converter: createAudioConverter(resolveFfmpegPath(config.voice.ffmpegPath)),
    ...(config.voice.asr && { transcriber: createOpenAiTranscriber(config.voice.asr) }),
    store: createVoiceStore(db, dataDirectoryOf(config.database)),
    limits: config.voice.limits,
    logger: logger.child({ component: "voice" }),
  });

  const telegramCards = createTelegramCardStore(db);
  const cardRefresh = createCardRefresh({
    cards: caseCards,
    staffNames: (ids) => staffStore.namesOf(ids),
    remembered: telegramCards,
    directory,
    texts: staffZh,
    staffChatId: config.telegram?.staffChatId,
    logger: logger.child({ channel: "telegram", component: "cards" }),
  });
  const telegram = config.telegram
    ? createTelegramChannel({
        settings: config.telegram,
        inbox,
        converse: (message) =>
          handleCitizenEvent(conversation, message, logger.child({ channel: message.channel })),
        http,
        clock,
        logger: logger.child({ channel: "telegram" }),
        inboxLeaseMs: config.inboxLeaseMs,
        voice: { intake: voice, maxBytes: config.voice.limits.maxBytes },
        staff: createStaffFeature({
          actions: caseActions,
          staff: staffStore,
          awaited: createAwaitedReplies(db, "telegram"),
          cards: caseCards,
          recordRatingReason: (trackingNo, reason) => recordRatingReason(db, trackingNo, reason),
          directory,
          texts: staffZh,
          clock,
          cardRefresh,
          logger: logger.child({ channel: "telegram", component: "staff" }),
        }),
        ...(overrides.telegramBotInfo && { botInfo: overrides.telegramBotInfo }),
        ...(overrides.telegramPollTimeoutSeconds !== undefined && {
          pollTimeoutSeconds: overrides.telegramPollTimeoutSeconds,
        }),
      })
    : null;
  if (telegram) {
    afterDecision = (trackingNo) => cardRefresh.refreshCase(telegram.bot.api, trackingNo);
  }

  const wecomKfStore = createWeComKfStore(db);
  const wecomAgent = config.wecom?.agent
    ? {
        agentId: config.wecom.agent.agentId,
        // Every message/send to a member waits its turn: WeCom drops more than 30 a minute.
        client: withAppRateLimit(
          createWeComClient({
            apiRoot: config.wecom.apiRoot,
            corpId: config.wecom.corpId,
            secret: config.wecom.agent.secret,
            logger: logger.child({ channel: "wecom", component: "staff-api" }),
            clock: () => clock.now().getTime(),
          }),
          overrides.wecomAppRateLimiter ??
            createRateLimiter({ clock: systemClock, limits: WECOM_APP_RATE_LIMITS }),
        ),
      }
    : null;
  // One kf client for pulling and for notifications: one access token, refreshed once.
  const wecomKfClient = config.wecom
    ? createWeComClient({
        apiRoot: config.wecom.apiRoot,
        corpId: config.wecom.corpId,
        secret: config.wecom.kfSecret,
        logger: logger.child({ channel: "wecom", component: "kf-api" }),
        clock: () => clock.now().getTime(),
      })
    : null;
  const wecomDelivery =
    config.wecom && wecomKfClient
      ? createWeComCitizenDelivery({
          client: wecomKfClient,
          store: wecomKfStore,
          outbox,
          openKfId: config.wecom.openKfId,
          replyWindow: config.wecom.replyWindow,
          ...(wecomAgent && { staff: createWeComStaffSender(wecomAgent) }),
          clock,
          logger: logger.child({ channel: "wecom" }),
        })
      : null;
  const wecom =
    config.wecom && wecomKfClient
      ? createWeComChannel({
          settings: config.wecom,
          client: wecomKfClient,
          store: wecomKfStore,
          inbox,
          photos,
          voice,
          dialogues: conversation.dialogues,
          converse: converseTurn,
          inboxLeaseMs: config.inboxLeaseMs,
          statusUrl: config.http.publicUrl
            ? `${config.http.publicUrl.replace(/\/+$/, "")}/status`
            : null,
          ...(wecomDelivery && { onCitizenWrote: wecomDelivery.deliverHeld }),
          ...(wecomAgent && {
            onStaffEvent: createWeComStaffDesk({
              ...wecomAgent,
              staff: staffStore,
              directory,
              decisions: createStaffDecisions({
                actions: caseActions,
                cards: caseCards,
                staffNames: (ids) => staffStore.namesOf(ids),
                texts: staffZh,
                logger: logger.child({ channel: "wecom", component: "staff" }),
              }),
              cards: caseCards,
              awaited: createAwaitedReplies(db, "wecom"),
              staffTexts: staffZh,
              texts: wecomStaffZh,
              clock,
              logger: logger.child({ channel: "wecom", component: "staff" }),
            }),
          }),
          http,
          clock,
          logger: logger.child({ channel: "wecom" }),
          ...(overrides.wecomSyncIntervalMs !== undefined && {
            syncIntervalMs: overrides.wecomSyncIntervalMs,
          }),
        })
      : null;

  // The web chat is always on: it is what `npm start` shows on localhost.
  const webChatLog = createWebChatLog(db);
  await http.register(
    createWebChannel({
      converse: converseTurn,
      dialogues: conversation.dialogues,
      log: webChatLog,
      uploads: photos,
      cases: createCaseLookup(db, directory, {
        notifications,
        maxFailures: config.guessing.queryCodeMaxFailures,
        calendar: () => calendar,
      }),
      actions: caseActions,
      recordRatingReason: (trackingNo, reason) => recordRatingReason(db, trackingNo, reason),
      rating: createWebRating({
        actions: caseActions,
        awaited: createAwaitedReplies(db, "web"),
        recordRatingReason: (trackingNo, reason) => recordRatingReason(db, trackingNo, reason),
        clock,
        logger: logger.child({ channel: "web", component: "rating" }),
      }),
      directory,
      secureCookies: config.http.publicUrl?.startsWith("https:") ?? false,
      sessionSecret: signingSecret,
      clock,
      logger: logger.child({ channel: "web" }),
    }),
  );

  // SMS, when a provider is set: the citizen's channel of last resort, and its receipts.
  const sms = config.sms;
  const smsStore = sms ? createSmsSendStore(db) : null;
  if (sms?.receipts && smsStore) {
    await http.register(
      smsReceiptRoutes({
        provider: sms.provider,
        ...sms.receipts,
        store: smsStore,
        logger: logger.child({ channel: "sms" }),
      }),
    );
  }
  const smsNotices =
    sms && smsStore
      ? createSmsNotices({
          sender: createSmsSender({
            gateway: overrides.smsGateway ?? createSmsGateway(sms, () => clock.now()),
            store: smsStore,
            limits: sms.limits,
            phoneHashKey: sms.phoneHashKey,
            now: () => clock.now(),
          }),
          contactOf: (caseId) => smsContactOf(db, caseId),
          logger: logger.child({ channel: "sms" }),
        })
      : null;

  const outboxWorker = createOutboxWorker({
    store: outbox,
    ...(smsNotices && { fallback: smsNotices }),
    senders: {
      web: createWebSender({ log: webChatLog, clock }),
      ...(wecomDelivery && { wecom: wecomDelivery.sender }),
      ...(config.telegram && {
        // Its own Api, without auto-retry: the worker schedules retries itself.
        telegram: createTelegramSender({
          api: new Api(config.telegram.token, { apiRoot: config.telegram.apiRoot }),
          onCardSent: ({ trackingNo, kind, unitId, reviewStage }, sent) =>
            telegramCards.remember(trackingNo, {
              kind,
              ...sent,
              ...(unitId && { unitId }),
              ...(reviewStage !== undefined && { reviewStage }),
            }),
          logger: logger.child({ channel: "telegram", component: "outbox" }),
          ...(overrides.telegramRateLimits && {
            limiter: createRateLimiter({
              clock: systemClock,
              limits: overrides.telegramRateLimits,
            }),
          }),
        }),
      }),
    },
    clock,
    logger: logger.child({ component: "outbox" }),
    render: createWeComStaffRenderer({
      base: createCardRenderer({
        cards: caseCards,
        texts: staffZh,
        logger: logger.child({ component: "outbox" }),
      }),
      cards: caseCards,
      directory,
      staffTexts: staffZh,
      texts: wecomStaffZh,
    }),
  });

  // Cases stored before the text search existed get their terms once, beside the service.
  const stopping = new AbortController();
  let searchIndexing: Promise<unknown> = Promise.resolve();

  return {
    db,
    queries,
    directory,
    http,
    classification,
    telegram,
    wecom,
    caseActions,
    outboxWorker,
    deadlines,
    async start() {
      const address = await http.listen({ host: config.http.host, port: config.http.port });
      searchIndexing = indexCaseSearch(db, logger, stopping.signal).catch((error: unknown) =>
        logger.error({ err: error }, "indexing cases for search failed; the next start resumes"),
      );
      await telegram?.start();
      await wecom?.start();
      outboxWorker.start();
      deadlines.start();
      ready = true;
      retrainJob?.start();
      return address;
    },
    async stop() {
      ready = false;
      const graceMs = config.shutdownTimeoutMs / 2;
      stopping.abort();
      await searchIndexing;
      await deadlines.stop();
      await retrainJob?.stop();
      await telegram?.stop(graceMs);
      await wecom?.stop(graceMs);
      await outboxWorker.stop();
      await http.close();
      // Refreshes in flight finish before the database is closed.
      await cardRefresh.idle();
      // A connection the database dropped mid-transaction can keep the pool from closing.
      const closed = await Promise.race([
        db.$disconnect().then(() => true),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), 2000).unref()),
      ]);
      if (!closed) logger.warn("database connections not closed in time; left to the process exit");
    },
  };
}
