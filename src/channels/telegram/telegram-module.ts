/**
 * The Telegram channel as a module: the bot (citizens and staff, polling or webhook), the
 * outbox's sender and card renderer, and the staff cards kept true to the case after every
 * decision (the core's `caseDecided`).
 */
import { Api } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Config } from "../../config/config.ts";
import type { Core } from "../../core/core.ts";
import { createRateLimiter, type RateLimits } from "../../notifications/rate-limiter.ts";
import { staffZh } from "../../notifications/staff-messages-zh.ts";
import { createTelegramSender } from "../../notifications/telegram-sender.ts";
import { systemClock } from "../../clock.ts";
import { createTelegramCardStore } from "../../storage/telegram-card-store.ts";
import type { ChannelModule } from "../channel-module.ts";
import { createCardRefresh } from "./card-refresh.ts";
import { createCardRenderer } from "./card-renderer.ts";
import { groupPointer } from "./group-pointer.ts";
import { createStaffFeature } from "./staff-feature.ts";
import { createTelegramChannel, downloadTelegramFile } from "./telegram-channel.ts";

export type TelegramModuleSettings = NonNullable<Config["telegram"]>;

/** What tests may replace. */
export interface TelegramModuleOptions {
  /** The bot's profile (no getMe call at start). */
  readonly botInfo?: UserFromGetMe;
  readonly pollTimeoutSeconds?: number;
  /** Telegram's sending limits for the outbox (tests lift the 3 s spacing of group chats). */
  readonly rateLimits?: Partial<RateLimits>;
}

export function telegramChannel(
  core: Core,
  settings: TelegramModuleSettings,
  options: TelegramModuleOptions = {},
): ChannelModule {
  const { config, db, directory, caseCards, staff, clock } = core;
  const logger = core.logger.child({ channel: "telegram" });
  const telegramCards = createTelegramCardStore(db);
  const cardRefresh = createCardRefresh({
    cards: caseCards,
    staffNames: (ids) => staff.namesOf(ids),
    remembered: telegramCards,
    directory,
    texts: staffZh,
    staffChatId: settings.staffChatId,
    clock,
    logger: logger.child({ component: "cards" }),
  });
  const channel = createTelegramChannel({
    settings,
    inbox: core.inbox,
    converse: core.conversation.converse,
    turns: core.conversation.turns,
    clock,
    logger,
    inboxLeaseMs: config.inboxLeaseMs,
    voice: { intake: core.voice, maxBytes: config.voice.limits.maxBytes },
    photos: core.photos,
    staff: createStaffFeature({
      actions: core.caseActions,
      staff,
      awaited: core.awaitedReplies("telegram"),
      ratings: core.ratings,
      cards: caseCards,
      recordRatingReason: core.recordRatingReason,
      readsAsNewMatter: core.conversation.readsAsNewMatter,
      directory,
      texts: staffZh,
      clock,
      cardRefresh,
      photos: { store: core.unitPhotos, files: settings },
      logger: logger.child({ component: "staff" }),
    }),
    groups: groupPointer({
      isStaffGroup: async (chatId) =>
        chatId === settings.staffChatId || (await staff.isUnitChat(chatId)),
      logger: logger.child({ component: "groups" }),
    }),
    ...(options.botInfo && { botInfo: options.botInfo }),
    ...(options.pollTimeoutSeconds !== undefined && {
      pollTimeoutSeconds: options.pollTimeoutSeconds,
    }),
  });
  // Every remembered card of the case, after any decision, wherever it was taken.
  core.events.on("caseDecided", ({ trackingNo }) =>
    cardRefresh.refreshCase(channel.bot.api, trackingNo),
  );

  return {
    name: "telegram",
    ...(channel.routes && { routes: channel.routes }),
    // Its own Api, without auto-retry: the worker schedules retries itself.
    sender: createTelegramSender({
      api: new Api(settings.token, { apiRoot: settings.apiRoot }),
      photos: core.unitPhotos,
      onCardSent: ({ trackingNo, kind, unitId, reviewStage }, sent) =>
        telegramCards.remember(trackingNo, {
          kind,
          ...sent,
          ...(unitId && { unitId }),
          ...(reviewStage !== undefined && { reviewStage }),
        }),
      logger: logger.child({ component: "outbox" }),
      ...(options.rateLimits && {
        limiter: createRateLimiter({ clock: systemClock, limits: options.rateLimits }),
      }),
    }),
    renderer: createCardRenderer({
      cards: caseCards,
      staffNames: (ids) => staff.namesOf(ids),
      directory,
      texts: staffZh,
      clock,
      logger: logger.child({ component: "outbox" }),
    }),
    async start() {
      const seeded = await staff.seedClerks(settings.staffTelegramIds);
      if (seeded > 0) logger.info({ seeded }, "clerks seeded from STAFF_TELEGRAM_IDS");
      await channel.start();
    },
    stop: (graceMs) => channel.stop(graceMs),
    photoDownload: (fileId) => downloadTelegramFile(channel.bot.api, settings, fileId),
  };
}
