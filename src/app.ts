/**
 * The composition root: the core, the HTTP server with the staff console, and the list of
 * enabled channel modules, each built the same way (`xxxChannel(core, settings)`) and wired
 * the same way (its routes as a plugin, its sender and renderer to the outbox worker by name).
 */
import { open311Routes } from "./channels/open311/routes.ts";
import { createGuessCounter } from "./storage/guess-counter.ts";
import { createOpen311Store } from "./storage/open311-store.ts";
import { createRegisteredCitizens } from "./storage/registered-citizens.ts";
import { createStaffSessionStore } from "./storage/staff-session-store.ts";
import { createConsoleStaffStore } from "./storage/staff-store.ts";
import type { FastifyInstance } from "fastify";
import type { UserFromGetMe } from "grammy/types";
import type { CaseActions } from "./cases/case-actions.ts";
import type { ChatPhotoKeeping } from "./cases/case-photo.ts";
import { createChatPhotoKeeper, type ChatPhotoKeeper } from "./cases/chat-photo-keeper.ts";
import type { DeadlineScheduler } from "./cases/deadline-scheduler.ts";
import type { HotSpotDigest } from "./cases/hot-spot-digest.ts";
import type { LocatedInReader } from "./cases/located-in.ts";
import type { ChannelModule } from "./channels/channel-module.ts";
import { smsChannel } from "./channels/sms/sms-module.ts";
import { LOGIN_CODE_TTL_MINUTES } from "./channels/sms/sms-templates.ts";
import type { SmsGateway } from "./channels/sms/sms-gateway.ts";
import { webChannel } from "./channels/web/web-module.ts";
import type { ClassificationService } from "./classification/create-classification.ts";
import { longestLlmRequestMs } from "./classification/llm-config.ts";
import { systemClock, type Clock } from "./clock.ts";
import type { Config } from "./config/config.ts";
import { createConsolePlugin } from "./console/console-plugin.ts";
import { unitPhotoRoute } from "./channels/web/unit-photo-route.ts";
import {
  renderNotFoundPage,
  requestedLocale,
  type PageService,
} from "./channels/web/status-page.ts";
import { createCore } from "./core/core.ts";
import type { Directory } from "./domain/directory.ts";
import { createHttpServer } from "./http/server.ts";
import type { Logger } from "./logging/logger.ts";
import { createOutboxWorker, type OutboxWorker } from "./notifications/outbox-worker.ts";
import type { RateLimiter, RateLimits } from "./notifications/rate-limiter.ts";
import { isDatabaseHealthy, type Db } from "./storage/database.ts";
import { dataDirectoryOf } from "./storage/database-url.ts";
import { fileOwner } from "./storage/kept-files.ts";
import type { ReadQueries } from "./storage/queries/read-queries.ts";

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
  /** Where a shared point lies, as staff read it (cards, the console's case page). */
  readonly locatedIn: LocatedInReader;
  readonly http: FastifyInstance;
  readonly classification: ClassificationService;
  readonly caseActions: CaseActions;
  readonly outboxWorker: OutboxWorker;
  /** Reminders and escalations of deadlines (started with the app). */
  readonly deadlines: DeadlineScheduler;
  /** The clerks' weekly hot-spot digest (started with the app); null when off. */
  readonly hotSpotDigest: HotSpotDigest | null;
  /** Fetches and keeps chat photos kept by their channel's file id only (started with the app). */
  readonly chatPhotoKeeper: ChatPhotoKeeper;
  /** The chat channels' downloads of photos they keep by file id, and where they are kept. */
  readonly chatPhotos: ChatPhotoKeeping;
  /** Starts listening and the channels; resolves with the HTTP address. */
  start(): Promise<string>;
  /**
   * Stops taking updates, finishes in-flight work (updates still in hand after half of
   * config.shutdownTimeoutMs are left to their leases), closes the database.
   */
  stop(): Promise<void>;
}

/**
 * Builds the service: the core, the console, and the channels that are configured.
 * @throws AppError("config.directory") for a bad directory file,
 *   AppError("config.invalid") for a bad calendar file,
 *   AppError("storage.unavailable") when the database cannot be migrated.
 */
export async function createApp(
  config: Config,
  logger: Logger,
  overrides: AppOverrides = {},
): Promise<App> {
  const core = await createCore(config, logger, {
    clock: overrides.clock ?? systemClock,
    ...(overrides.classification && { classification: overrides.classification }),
  });
  const { db, clock } = core;
  // Whose web pages these are: the directory's city and the hotline (SERVICE_PHONE).
  const pageService: PageService = { city: core.directory, phone: config.servicePhone };
  const open311Store = createOpen311Store(db);

  let ready = false;
  const http = createHttpServer({
    logger,
    settings: config.http.server,
    checkDatabase: () => isDatabaseHealthy(db),
    isReady: () => ready,
    notFoundPage: (request) => renderNotFoundPage(requestedLocale(request), pageService),
  });
  // SMS, when a provider is set: the citizen's channel of last resort, its receipts, and the
  // sign-in codes of 我的诉求.
  const sms = config.sms && smsChannel(core, config.sms, overrides.smsGateway);
  // Telegram's and WeCom's modules, and their SDKs (grammY weighs on every start), are loaded
  // only when their channel is set.
  const channels: ChannelModule[] = [
    webChannel(core, {
      loginCodes: sms ? { send: sms.sendLoginCode, minutes: LOGIN_CODE_TTL_MINUTES } : null,
      service: pageService,
    }),
    ...(config.telegram
      ? [
          (await import("./channels/telegram/telegram-module.ts")).telegramChannel(
            core,
            config.telegram,
            {
              ...(overrides.telegramBotInfo && { botInfo: overrides.telegramBotInfo }),
              ...(overrides.telegramPollTimeoutSeconds !== undefined && {
                pollTimeoutSeconds: overrides.telegramPollTimeoutSeconds,
              }),
              ...(overrides.telegramRateLimits && { rateLimits: overrides.telegramRateLimits }),
            },
          ),
        ]
      : []),
    ...(config.wecom
      ? [
          (await import("./channels/wecom/wecom-module.ts")).wecomChannel(core, config.wecom, {
            ...(overrides.wecomSyncIntervalMs !== undefined && {
              syncIntervalMs: overrides.wecomSyncIntervalMs,
            }),
            ...(overrides.wecomAppRateLimiter && { appRateLimiter: overrides.wecomAppRateLimiter }),
          }),
        ]
      : []),
  ];
  const chatPhotos: ChatPhotoKeeping = {
    downloads: new Map(
      channels.flatMap((channel) =>
        channel.photoDownload ? [[channel.name, channel.photoDownload] as const] : [],
      ),
    ),
    photos: core.photos,
    // The channel's side of the case: never a citizen's session or chat, nor the case's own
    // files (a unit's photos, `case:<number>`).
    ownerOf: (channel, trackingNo) => fileOwner(channel, `case:${trackingNo}`),
    now: () => clock.now(),
  };
  const chatPhotoKeeper = createChatPhotoKeeper({
    records: core.caseReads.records,
    keeping: chatPhotos,
    leases: core.leases,
    logger: logger.child({ component: "chat-photos" }),
  });
  await http.register(
    createConsolePlugin({
      stores: {
        staff: createConsoleStaffStore(db),
        sessions: createStaffSessionStore(db),
        guesses: createGuessCounter(db),
        staffNames: core.staff,
        inbox: core.inbox,
        apiKeys: open311Store,
      },
      caseReads: core.caseReads,
      queries: core.queries,
      directory: core.directory,
      locatedIn: core.locatedIn,
      caseActions: core.caseActions,
      clock,
      calendar: core.calendar,
      logger: logger.child({ component: "console" }),
      publicUrl: config.http.publicUrl,
      photoRoot: dataDirectoryOf(config.database),
      chatPhotos,
      wecomReplyWindow: config.wecom?.replyWindow,
      signingSecret: core.signingSecret,
      unitPhotos: core.unitPhotos,
      signInFreeFailures: config.guessing.signInFreeFailures,
      map: config.map,
      classifierOverview: core.classifierOverview,
      callRegistration: {
        submitter: core.submitter,
        classifier: core.classification.classifier,
        citizens: createRegisteredCitizens(db),
        sms: config.sms !== undefined,
        now: () => clock.now(),
        inSimplifiedChinese: core.inSimplifiedChinese,
      },
    }),
  );
  // A unit's photos for the citizen's browser (status page, web chat), by signed link.
  await http.register(unitPhotoRoute({ photos: core.unitPhotos, clock, service: pageService }));

  for (const channel of channels) if (channel.routes) await http.register(channel.routes);
  if (sms?.routes) await http.register(sms.routes);
  // Other systems (311 apps) file and follow cases through Open311 GeoReport v2.
  await http.register(
    open311Routes({
      directory: core.directory,
      locator: core.locator,
      store: open311Store,
      submitter: core.submitter,
      inSimplifiedChinese: core.inSimplifiedChinese,
      regionDetector: {
        detect: (text) => core.classification.offline.detectRegion(text).region,
      },
      now: () => clock.now(),
      logger: logger.child({ channel: "open311" }),
      publicUrl: config.http.publicUrl,
      guesses: createGuessCounter(db),
    }),
  );

  const outboxWorker = createOutboxWorker({
    store: core.outbox,
    channels: Object.fromEntries(channels.map((channel) => [channel.name, channel])),
    ...(sms && { fallback: sms.fallback }),
    ...(core.answerTranslations &&
      config.llm && {
        answerTranslations: core.answerTranslations,
        // The translating process settles it sooner; this is for one that is gone meanwhile.
        translationWaitMs: longestLlmRequestMs(config.llm) + 1_000,
      }),
    clock,
    logger: logger.child({ component: "outbox" }),
  });

  return {
    db,
    queries: core.queries,
    directory: core.directory,
    locatedIn: core.locatedIn,
    http,
    classification: core.classification,
    caseActions: core.caseActions,
    outboxWorker,
    deadlines: core.deadlines,
    hotSpotDigest: core.hotSpotDigest,
    chatPhotoKeeper,
    chatPhotos,
    async start() {
      const address = await http.listen({ host: config.http.host, port: config.http.port });
      for (const channel of channels) await channel.start();
      outboxWorker.start();
      chatPhotoKeeper.start();
      core.start();
      ready = true;
      return address;
    },
    async stop() {
      ready = false;
      const graceMs = config.shutdownTimeoutMs / 2;
      await core.stop();
      await chatPhotoKeeper.stop();
      for (const channel of channels) await channel.stop(graceMs);
      await outboxWorker.stop();
      await http.close();
      await core.close();
    },
  };
}
