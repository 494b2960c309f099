/**
 * The WeCom channel as a module: citizens through 微信客服 (pulled on each callback, answered
 * within the reply window), and, with the self-built app, clerks and units on template cards;
 * the outbox's sender (kf messages for citizens, app messages for staff) and renderer.
 */
import type { Config } from "../../config/config.ts";
import type { Core } from "../../core/core.ts";
import { systemClock } from "../../clock.ts";
import {
  createRateLimiter,
  WECOM_APP_RATE_LIMITS,
  type RateLimiter,
} from "../../notifications/rate-limiter.ts";
import { staffZh } from "../../notifications/staff-messages-zh.ts";
import { wecomStaffZh } from "../../notifications/wecom-staff-messages-zh.ts";
import { createWeComCardStore } from "../../storage/wecom-card-store.ts";
import { createWeComKfStore } from "../../storage/wecom-kf-store.ts";
import type { ChannelModule } from "../channel-module.ts";
import { createStaffDecisions } from "../staff-decisions.ts";
import { createWeComClient } from "./api-client.ts";
import { withAppRateLimit } from "./app-rate-limit.ts";
import { createWeComCardRefresh } from "./wecom-card-refresh.ts";
import { createWeComChannel } from "./wecom-channel.ts";
import { createWeComCitizenDelivery } from "./wecom-sender.ts";
import { createWeComStaffDesk } from "./wecom-staff.ts";
import { createWeComRenderer, createWeComStaffSender } from "./wecom-staff-outbox.ts";

export type WeComModuleSettings = NonNullable<Config["wecom"]>;

/** What tests may replace. */
export interface WeComModuleOptions {
  /** How often the channel pulls without a callback (default 60 s). */
  readonly syncIntervalMs?: number;
  /** Spaces the app's messages per staff userid (default: 2 s apart, in real time). */
  readonly appRateLimiter?: RateLimiter;
}

export function wecomChannel(
  core: Core,
  settings: WeComModuleSettings,
  options: WeComModuleOptions = {},
): ChannelModule {
  const { config, db, directory, caseCards, staff, clock } = core;
  const logger = core.logger.child({ channel: "wecom" });
  const kfStore = createWeComKfStore(db);
  const agent = settings.agent
    ? {
        agentId: settings.agent.agentId,
        // Every message/send to a member waits its turn: WeCom drops more than 30 a minute.
        client: withAppRateLimit(
          createWeComClient({
            apiRoot: settings.apiRoot,
            corpId: settings.corpId,
            secret: settings.agent.secret,
            logger: logger.child({ component: "staff-api" }),
            clock: () => clock.now().getTime(),
          }),
          options.appRateLimiter ??
            createRateLimiter({ clock: systemClock, limits: WECOM_APP_RATE_LIMITS }),
        ),
      }
    : null;
  // One kf client for pulling and for notifications: one access token, refreshed once.
  const kfClient = createWeComClient({
    apiRoot: settings.apiRoot,
    corpId: settings.corpId,
    secret: settings.kfSecret,
    logger: logger.child({ component: "kf-api" }),
    clock: () => clock.now().getTime(),
  });
  const delivery = createWeComCitizenDelivery({
    client: kfClient,
    store: kfStore,
    outbox: core.outbox,
    openKfId: settings.openKfId,
    replyWindow: settings.replyWindow,
    photos: core.unitPhotos,
    ...(core.answerTranslations && { answerTranslations: core.answerTranslations }),
    ...(agent && {
      staff: createWeComStaffSender({
        ...agent,
        onCardSent: ({ trackingNo, kind, unitId, reviewStage }, userId, sent) =>
          sent.responseCode === undefined
            ? Promise.resolve()
            : wecomCards.remember(
                trackingNo,
                {
                  kind,
                  userId,
                  taskId: sent.taskId,
                  ...(unitId && { unitId }),
                  ...(reviewStage !== undefined && { reviewStage }),
                },
                { code: sent.responseCode, issuedAt: clock.now() },
              ),
        logger: logger.child({ component: "outbox" }),
      }),
    }),
    clock,
    logger,
  });
  const staffLogger = logger.child({ component: "staff" });
  const wecomCards = createWeComCardStore(db);
  const cardRefresh =
    agent &&
    createWeComCardRefresh({
      ...agent,
      cards: caseCards,
      remembered: wecomCards,
      staffNames: (ids) => staff.namesOf(ids),
      directory,
      staffTexts: staffZh,
      texts: wecomStaffZh,
      clock,
      logger: logger.child({ component: "cards" }),
    });
  // Every remembered card of the case, after any decision, wherever it was taken (as Telegram).
  if (cardRefresh) {
    core.events.on("caseDecided", ({ trackingNo }) => cardRefresh.refreshCase(trackingNo));
  }
  const channel = createWeComChannel({
    settings,
    client: kfClient,
    store: kfStore,
    inbox: core.inbox,
    photos: core.photos,
    voice: core.voice,
    turns: core.conversation.turns,
    converse: core.conversation.converseTurn,
    inboxLeaseMs: config.inboxLeaseMs,
    publicUrl: config.http.publicUrl,
    onCitizenWrote: delivery.deliverHeld,
    ...(agent &&
      cardRefresh && {
        onStaffEvent: createWeComStaffDesk({
          ...agent,
          cardRefresh,
          staff,
          directory,
          decisions: createStaffDecisions({
            actions: core.caseActions,
            cards: caseCards,
            staffNames: (ids) => staff.namesOf(ids),
            texts: staffZh,
            logger: staffLogger,
          }),
          cards: caseCards,
          awaited: core.awaitedReplies("wecom"),
          photos: core.unitPhotos,
          staffTexts: staffZh,
          texts: wecomStaffZh,
          clock,
          logger: staffLogger,
        }),
      }),
    clock,
    logger,
    ...(options.syncIntervalMs !== undefined && { syncIntervalMs: options.syncIntervalMs }),
  });

  return {
    name: "wecom",
    routes: channel.routes,
    sender: delivery.sender,
    renderer: createWeComRenderer({
      cards: caseCards,
      staffNames: (ids) => staff.namesOf(ids),
      directory,
      staffTexts: staffZh,
      texts: wecomStaffZh,
      clock,
      citizenNotices: delivery.notices,
    }),
    start: () => channel.start(),
    stop: (graceMs) => channel.stop(graceMs),
  };
}
