/**
 * The core every channel is built on: the database and its stores, the directory and
 * calendar, the classifier, the case actions with their events, the deadline scheduler,
 * the citizen conversation and the outbox store. It knows no channel; each channel module
 * (src/channels/<name>/) is built from it.
 */
import {
  createAnswerRatings,
  createContactChanges,
  createSupplements,
  type CitizenRatings,
  createWithdrawals,
} from "../cases/citizen-decisions.ts";
import {
  createAnswerTranslations,
  withCitizenCaseTranslations,
} from "../cases/answer-translations.ts";
import type { AnswerTranslations } from "../domain/answer-translation.ts";
import { createAnswerTranslationStore } from "../storage/answer-translation-store.ts";
import { createCaseActions, type CaseActions } from "../cases/case-actions.ts";
import { createCaseCards, type CaseCards } from "../cases/case-cards.ts";
import { createDeadlineScheduler, type DeadlineScheduler } from "../cases/deadline-scheduler.ts";
import { createHotSpotDigest, type HotSpotDigest } from "../cases/hot-spot-digest.ts";
import { createLocatedIn, type LocatedInReader } from "../cases/located-in.ts";
import { loadCalendar } from "../calendar/load-calendar.ts";
import { createClassifierOverview } from "../classification/classifier-overview.ts";
import {
  createClassificationService,
  type ClassificationService,
} from "../classification/create-classification.ts";
import { stripInstructions } from "../classification/injection-guard.ts";
import { inSimplifiedChinese } from "../classification/language.ts";
import { loadPrompt } from "../classification/llm-prompt.ts";
import { modelInService } from "../classification/model-in-service.ts";
import { createRetrainJob } from "../classification/retrain-job.ts";
import type { Clock } from "../clock.ts";
import type { Config } from "../config/config.ts";
import {
  handleCitizenEvent,
  handleCitizenTurn,
  type CitizenMessage,
  type LoggedTurn,
  type RecordTurn,
} from "../conversation/handle-citizen-event.ts";
import type { Directory } from "../domain/directory.ts";
import type { CaseChannel, ChannelName } from "../domain/vocabulary.ts";
import type { WorkingCalendar } from "../domain/calendar.ts";
import { directoryLocator, type PlaceLocator } from "../domain/places/locate.ts";
import { createPlacesElsewhere } from "../domain/places/elsewhere.ts";
import { chinaDivisions } from "../directory/china-divisions.ts";
import { createIntakeEngine, type RatedCase } from "../domain/intake/engine.ts";
import type { OutgoingMessage } from "../domain/intake/replies.ts";
import { createOccurredAtParser } from "../domain/intake/occurred-at.ts";
import { DEFAULT_DIRECTORY_FILE, loadDirectory } from "../directory/load-directory.ts";
import type { Logger } from "../logging/logger.ts";
import { createOutboxStore, type OutboxStore } from "../notifications/outbox-store.ts";
import { createAddressBook } from "../storage/address-book.ts";
import { keepPlannerStatistics } from "../storage/planner-statistics.ts";
import { inboxExpiries } from "../storage/inbox-retention.ts";
import { serviceExpiries } from "../storage/expiries.ts";
import { keepNoLongerThanNeeded } from "../storage/retention.ts";
import { createAwaitedReplies, type AwaitedReplies } from "../storage/awaited-replies.ts";
import { createCaseReads, type CaseReads } from "../storage/case-reads.ts";
import { createCaseStore } from "../storage/case-store.ts";
import { indexCaseSearch } from "../storage/case-search.ts";
import { linkStoredRepeats } from "../storage/repeat-links.ts";
import { backfillPlaceKeys } from "../storage/place-key-backfill.ts";
import type { NotificationWriter } from "../storage/case-rows.ts";
import { createCitizenCases } from "../storage/citizen-cases.ts";
import { createNearbyCases, supportWithdrawal } from "../storage/case-supporters.ts";
import { createClassifierModelStore } from "../storage/classifier-models.ts";
import { createComplaintSubmitter } from "../storage/complaint-submitter.ts";
import type { Db } from "../storage/database.ts";
import { dataDirectoryOf } from "../storage/database-url.ts";
import { ensureDirectory } from "../storage/directory-store.ts";
import { createTurnStore, type TurnStore } from "../storage/turn-store.ts";
import { createInboxStore, type InboxStore } from "../storage/inbox-store.ts";
import { createLeaseStore, type LeaseStore } from "../storage/leases.ts";
import { createPeriodMarks } from "../storage/period-marks.ts";
import { openMigratedDatabase } from "../storage/migrate.ts";
import { createPhotoStore, type PhotoStore } from "../storage/photo-store.ts";
import { createUnitPhotos, type UnitPhotos } from "../cases/unit-photos.ts";
import { createReadQueries, type ReadQueries } from "../storage/queries/read-queries.ts";
import { loadDuplicateScorer } from "../classification/duplicate-scorer.ts";
import type { ComplaintSubmitter, Supplements } from "../domain/intake/ports.ts";
import { recordRatingPhotos, recordRatingReason } from "../storage/rating-reasons.ts";
import { loadSigningSecret } from "../storage/service-secret.ts";
import { createStaffStore, type StaffStore } from "../storage/staff-store.ts";
import { createVoiceStore } from "../storage/voice-store.ts";
import { createAudioConverter, resolveFfmpegPath } from "../voice/audio-conversion.ts";
import { createVoiceIntake, type VoiceIntake } from "../voice/voice-intake.ts";
import { createCoreEvents, type CoreEvents } from "./events.ts";

/** What tests may replace in the core. */
export interface CoreOverrides {
  readonly clock: Clock;
  /** A classifier already trained on the same directory (tests start many apps). */
  readonly classification?: ClassificationService;
}

/** The citizen conversation, as the channels call it. */
export interface CoreConversation {
  /** One turn; the replies (see handleCitizenEvent). */
  converse(message: CitizenMessage): Promise<readonly OutgoingMessage[]>;
  /** One turn with its receipt; `record` is written in the turn's transaction (handleCitizenTurn). */
  converseTurn(message: CitizenMessage, record?: RecordTurn): Promise<LoggedTurn>;
  /** Each chat's dialogue, its awaited reply and its identity, read and written once a turn. */
  readonly turns: TurnStore;
  /**
   * True when words kept as a rating's reason read as a new matter (engine.readsAsNewMatter):
   * the channel then hands them to the conversation as a `new_matter` event.
   */
  readsAsNewMatter(text: string, about: RatedCase): Promise<boolean>;
}

export interface Core {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly db: Db;
  readonly directory: Directory;
  readonly calendar: () => WorkingCalendar;
  /** Signs the web chat's sessions and the console's cookies. */
  readonly signingSecret: Buffer;
  readonly classification: ClassificationService;
  /** The classifier in service and its last error, for the console's admin page. */
  readonly classifierOverview: ReturnType<typeof createClassifierOverview>["overview"];
  /** Lists, counts and figures, computed by the database. */
  readonly queries: ReadQueries;
  /** Registers complaints: the conversation's, and those other systems post (Open311). */
  readonly submitter: ComplaintSubmitter;
  /**
   * A citizen's words in simplified characters, as every case keeps them (OpenCC): the chats'
   * and the status page's, and what other systems post (Open311).
   */
  readonly inSimplifiedChinese: (text: string) => string;
  /** Where a decision's notifications are written (outbox, addresses, status link). */
  readonly notifications: NotificationWriter;
  readonly outbox: OutboxStore;
  readonly caseActions: CaseActions;
  readonly caseCards: CaseCards;
  /** What the case pages, the routing queue and the cards read of cases. */
  readonly caseReads: CaseReads;
  readonly staff: StaffStore;
  /** Told after the fact: `caseDecided` after every committed decision. */
  readonly events: CoreEvents;
  /** Reminders and escalations of deadlines. */
  readonly deadlines: DeadlineScheduler;
  /** The clerks' weekly hot-spot digest; null when HOT_SPOT_DIGEST_AT is off. */
  readonly hotSpotDigest: HotSpotDigest | null;
  readonly conversation: CoreConversation;
  readonly inbox: InboxStore;
  /** Where the instances agree which one runs a job meant to run once at a time. */
  readonly leases: LeaseStore;
  /** Where a shared point lies in the directory's places; null without a places file. */
  readonly locator: PlaceLocator | null;
  /** The same for staff: the region's name and the town (cards, the console's case page). */
  readonly locatedIn: LocatedInReader;
  /** Web uploads and downloaded WeChat images: one folder, one table, one store. */
  readonly photos: PhotoStore;
  /** A unit's photos of its answer or progress report: kept for the case, signed for citizens. */
  readonly unitPhotos: UnitPhotos;
  /** Voice messages of every channel: kept under data/voice, transcribed when ASR_… is set. */
  readonly voice: VoiceIntake;
  /** A channel's questions awaiting a typed answer (a rating's reason, a clerk's note). */
  awaitedReplies(channel: ChannelName): AwaitedReplies;
  /** Records a citizen's reason for a rating (see rating-reasons.ts). */
  recordRatingReason(trackingNo: string, reason: string): Promise<boolean>;
  /** A citizen's addition to their running case (补充), photos and all: the chat's and the status page's. */
  readonly supplements: Supplements;
  /** A citizen's rating of an answer, its reason and photos: the conversation's and the chats' buttons'. */
  readonly ratings: CitizenRatings;
  /** The units' answers machine-translated for readers of English; null: off (no LLM, or ANSWER_TRANSLATION=off). */
  readonly answerTranslations: AnswerTranslations | null;
  /** Starts the background work: deadlines, retraining, the search index of older cases. */
  start(): void;
  /** Stops the background work (the channels have stopped before). */
  stop(): Promise<void>;
  /** Waits for the event listeners still running, then closes the database. */
  close(): Promise<void>;
}

/**
 * Loads the directory, calendar and classifier, migrates and opens the database, and builds
 * the stores and use cases on it.
 * @throws AppError("config.directory") for a bad directory file,
 *   AppError("config.invalid") for a bad calendar file,
 *   AppError("storage.unavailable") when the database cannot be migrated.
 */
export async function createCore(
  config: Config,
  logger: Logger,
  overrides: CoreOverrides,
): Promise<Core> {
  const { clock } = overrides;
  const directory = await loadDirectory(config.directoryFile ?? DEFAULT_DIRECTORY_FILE);
  // The places' areas are indexed once, for every reader of where a point lies.
  const locator = directoryLocator(directory);
  const locatedIn = createLocatedIn(directory, locator);
  const workingCalendar = await loadCalendar();
  const calendar = () => workingCalendar;

  const { db, applied } = await openMigratedDatabase(config.database);
  if (applied.length > 0) logger.info({ migrations: applied }, "database migrated");
  const signingSecret = await loadSigningSecret(db);
  const leases = createLeaseStore(db);
  const classifierLogger = logger.child({ component: "classifier" });
  const classifierModels = createClassifierModelStore(db);
  const served = overrides.classification
    ? null
    : await modelInService({
        directory,
        store: classifierModels,
        cacheDir: config.classifier.cacheDir,
        logger: classifierLogger,
      });
  const classification =
    overrides.classification ??
    (await createClassificationService({
      directory,
      model: served!.model,
      llm: config.llm ?? null,
      ...(config.llm && { promptTemplate: await loadPrompt() }),
      unsureBelow: config.classifier.unsureBelow,
      logger: classifierLogger,
      clock,
    }));
  const retrainJob =
    config.classifier.retrainHours > 0
      ? createRetrainJob({
          store: classifierModels,
          service: classification,
          leases,
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

  const plannerStatistics = keepPlannerStatistics(db, logger);
  // The folder of the files the service keeps (photos, recordings), read once for every store.
  const dataDir = dataDirectoryOf(config.database);
  const inbox = createInboxStore(db);
  const retention = keepNoLongerThanNeeded(
    [
      ...inboxExpiries(inbox, config.inboxKeepMs),
      ...serviceExpiries(db, dataDir, config.chatKeepMs),
    ],
    clock,
    logger,
  );
  const outbox = createOutboxStore(db, clock);
  const notifications: NotificationWriter = {
    outbox,
    directory,
    publicUrl: config.http.publicUrl,
    smsReceipts: config.sms !== undefined,
    addresses: createAddressBook(db, {
      staffChatId: config.telegram?.staffChatId,
      wecomStaff: config.wecom?.agent !== undefined,
    }),
  };
  const events = createCoreEvents(logger.child({ component: "events" }));
  const scorer = await loadDuplicateScorer(directory);
  const caseStore = createCaseStore(db, notifications, scorer);
  const caseActions = createCaseActions({
    store: caseStore,
    directory,
    calendar,
    clock,
    events,
    inSimplifiedChinese,
  });
  // A rating's reason is the citizen's words wherever it was typed (a chat, the status page).
  const keepRatingReason = (trackingNo: string, reason: string) =>
    recordRatingReason(db, trackingNo, inSimplifiedChinese(reason));
  const queries = createReadQueries(db, config.database.provider, scorer);
  const submitter = createComplaintSubmitter({ db, directory, calendar, notifications, scorer });
  const deadlines = createDeadlineScheduler({
    due: queries.dueAlerts,
    followUps: queries.answerFollowUps,
    store: caseStore,
    actions: caseActions,
    leases,
    clock,
    logger,
  });
  const hotSpotDigest =
    config.hotSpotDigestAt === null
      ? null
      : createHotSpotDigest({
          hotSpots: queries.hotSpots,
          addresses: notifications.addresses,
          marks: createPeriodMarks(db, outbox),
          leases,
          directory,
          schedule: config.hotSpotDigestAt,
          publicUrl: config.http.publicUrl,
          clock,
          logger,
        });

  const supplements = createSupplements(caseActions);
  const ratings = createAnswerRatings({
    actions: caseActions,
    store: caseStore,
    calendar,
    clock,
    recordRatingReason: keepRatingReason,
    recordRatingPhotos: (trackingNo, sender, photoIds) =>
      recordRatingPhotos(db, trackingNo, sender, photoIds, clock.now()),
  });
  const answerTranslations =
    config.llm && config.translateAnswers
      ? createAnswerTranslations({
          store: createAnswerTranslationStore(db),
          // Loaded only when used, as the transcriber: the openai package weighs on every start.
          translator: (
            await import("../classification/llm-answer-translator.ts")
          ).createLlmAnswerTranslator(config.llm),
          clock,
          logger,
        })
      : null;
  const citizenCases = createCitizenCases(db, directory, { calendar, now: () => clock.now() });
  const engine = createIntakeEngine({
    directory,
    locator,
    timeParser: createOccurredAtParser(workingCalendar),
    classifier: classification.classifier,
    regionDetector: { detect: (text) => classification.offline.detectRegion(text).region },
    placesElsewhere: createPlacesElsewhere(chinaDivisions(), directory),
    withoutInstructions: stripInstructions,
    inSimplifiedChinese,
    submitter,
    problems: {
      classifierFailed: (error) =>
        classifierLogger.error(
          { err: error },
          "classification failed; the citizen chooses the category",
        ),
      nearbyFailed: (error) =>
        logger.error({ err: error }, "nearby reports failed; the citizen files as usual"),
      ratingFailed: (error) =>
        logger.error({ err: error }, "a rating or review typed in the chat failed; asked again"),
      casesUnreadable: (error) =>
        logger.error(
          { err: error },
          "the citizen's cases could not be read; answered without them",
        ),
      withdrawalFailed: (error) =>
        logger.error({ err: error }, "a withdrawal asked in the chat failed; the case runs on"),
      supplementFailed: (error) =>
        logger.error({ err: error }, "an addition to a case failed in the chat; asked again"),
      contactChangeFailed: (error) =>
        logger.error(
          { err: error },
          "a case's new phone number failed in the chat; it keeps the old",
        ),
    },
    cases: answerTranslations
      ? withCitizenCaseTranslations(citizenCases, answerTranslations)
      : citizenCases,
    servicePhone: config.servicePhone,
    nearby: createNearbyCases(db, config.nearby, clock),
    ratings,
    withdrawals: createWithdrawals(caseActions, supportWithdrawal(db, clock)),
    supplements,
    contactChanges: createContactChanges(caseActions),
  });
  const turns = {
    engine,
    turns: createTurnStore(db),
    clock,
  };
  // One child logger per channel, made on its first turn (a child per turn costs more CPU than
  // most of the turn's statements: bench/README.md, "A turn, profiled").
  const channelLoggers = new Map<CaseChannel, Logger>();
  const loggerOf = (channel: CaseChannel): Logger => {
    let child = channelLoggers.get(channel);
    if (!child) channelLoggers.set(channel, (child = logger.child({ channel })));
    return child;
  };
  const conversation: CoreConversation = {
    converse: (message) => handleCitizenEvent(turns, message, loggerOf(message.channel)),
    converseTurn: (message, record) =>
      handleCitizenTurn(turns, message, loggerOf(message.channel), record),
    turns: turns.turns,
    readsAsNewMatter: (text, about) => engine.readsAsNewMatter(text, about),
  };

  const voice = createVoiceIntake({
    converter: createAudioConverter(resolveFfmpegPath(config.voice.ffmpegPath)),
    // The openai package weighs on every start: loaded only for a transcription endpoint.
    ...(config.voice.asr && {
      transcriber: (await import("../voice/openai-transcriber.ts")).createOpenAiTranscriber(
        config.voice.asr,
      ),
    }),
    store: createVoiceStore(db, dataDir),
    limits: config.voice.limits,
    logger: logger.child({ component: "voice" }),
  });

  // Cases stored before the text search, the repeat pairs and the place keys existed get
  // theirs once, beside the service; a failure is logged and the next start resumes.
  const stopping = new AbortController();
  const catchUps: readonly { readonly doing: string; readonly run: () => Promise<unknown> }[] = [
    {
      doing: "indexing cases for search",
      run: () => indexCaseSearch(db, logger, stopping.signal),
    },
    {
      doing: "linking stored repeats",
      run: () => linkStoredRepeats(db, scorer, clock, logger, stopping.signal),
    },
    {
      doing: "writing stored place keys",
      run: () => backfillPlaceKeys({ db, directory, leases, clock, logger }, stopping.signal),
    },
  ];
  let catchingUp: Promise<unknown>[] = [];

  const photos = createPhotoStore(db, dataDir);
  const caseReads = createCaseReads(db, logger.child({ component: "cases" }));
  return {
    config,
    logger,
    inSimplifiedChinese,
    clock,
    db,
    directory,
    calendar,
    signingSecret,
    classification,
    classifierOverview: createClassifierOverview({
      service: classification,
      store: classifierModels,
      unsureBelow: config.classifier.unsureBelow,
    }).overview,
    queries,
    submitter,
    notifications,
    outbox,
    caseActions,
    caseCards: createCaseCards({
      store: caseReads.cards,
      suggestions: caseReads.suggestions,
      duplicates: queries.duplicates,
      directory,
      locatedIn,
      publicUrl: config.http.publicUrl,
    }),
    caseReads,
    staff: createStaffStore(db),
    events,
    deadlines,
    hotSpotDigest,
    conversation,
    inbox,
    leases,
    locator,
    locatedIn,
    photos,
    unitPhotos: createUnitPhotos(photos, signingSecret, config.web.unitPhotoLinkHours * 3_600_000),
    voice,
    awaitedReplies: (channel) => createAwaitedReplies(db, channel),
    recordRatingReason: keepRatingReason,
    supplements,
    ratings,
    answerTranslations,
    start() {
      catchingUp = catchUps.map(({ doing, run }) =>
        run().catch((error: unknown) =>
          logger.error({ err: error }, `${doing} failed; the next start resumes`),
        ),
      );
      plannerStatistics.start();
      retention.start();
      deadlines.start();
      hotSpotDigest?.start();
      retrainJob?.start();
    },
    async stop() {
      stopping.abort();
      await Promise.all(catchingUp);
      await plannerStatistics.stop();
      await retention.stop();
      await deadlines.stop();
      await hotSpotDigest?.stop();
      await retrainJob?.stop();
    },
    async close() {
      await events.settled();
      // A connection the database dropped mid-transaction can keep the pool from closing.
      const closed = await Promise.race([
        db.$disconnect().then(() => true),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), 2000).unref()),
      ]);
      if (!closed) logger.warn("database connections not closed in time; left to the process exit");
    },
  };
}
