/**
 * The web chat as a module (always on: it is what `npm start` shows on localhost): its pages
 * and API as a Fastify plugin, the outbox's sender (the chat log) and renderer (an answer
 * notice comes with the rating question).
 */
import type { Core } from "../../core/core.ts";
import { OutboxPayloadSchema } from "../../notifications/outbox-payload.ts";
import type { OutboxRenderer } from "../../notifications/outbox-worker.ts";
import { renderOutboxPayload } from "../../notifications/render.ts";
import { withAnswerTranslations } from "../../cases/answer-translations.ts";
import { createCaseLookup } from "../../storage/case-lookup.ts";
import { supportWithdrawal } from "../../storage/case-supporters.ts";
import { dataDirectoryOf } from "../../storage/database-url.ts";
import { createPhoneSignInStore } from "../../storage/phone-sign-in-store.ts";
import { createVoiceStore } from "../../storage/voice-store.ts";
import { createWebChatLog } from "../../storage/web-chat-log.ts";
import { createWebPagePresence } from "../../storage/web-page-presence.ts";
import type { ChannelModule } from "../channel-module.ts";
import { withRatingQuestion } from "../rating-buttons.ts";
import { createPhoneSignIn, type LoginCodeSender } from "./phone-sign-in.ts";
import type { PageService } from "./status-page.ts";
import { createWebChannel } from "./web-channel.ts";
import { createWebRating } from "./web-rating.ts";
import { createWebSender } from "./web-sender.ts";

export interface WebChannelOptions {
  /**
   * 我的诉求's sign-in codes by SMS: how they are sent and how many minutes they live (fixed by
   * the approved text); null without an SMS provider (no sign-in then, and no SMS for a page
   * gone either).
   */
  readonly loginCodes: { readonly send: LoginCodeSender; readonly minutes: number } | null;
  /** Whose pages these are: the city and its hotline (built once by the composition root). */
  readonly service: PageService;
}

export function webChannel(core: Core, options: WebChannelOptions): ChannelModule {
  const { config, db, directory, clock } = core;
  const logger = core.logger.child({ channel: "web" });
  const log = createWebChatLog(db);
  const presence = createWebPagePresence(db);
  // Signed as a page is shown: links expire (UNIT_PHOTO_LINK_HOURS).
  const photoLink = (trackingNo: string, id: string) =>
    core.unitPhotos.link(trackingNo, id, clock.now());
  const storedCases = createCaseLookup(db, directory, {
    notifications: core.notifications,
    maxFailures: config.guessing.queryCodeMaxFailures,
    calendar: core.calendar,
    photoLink,
  });
  const cases = core.answerTranslations
    ? withAnswerTranslations(storedCases, core.answerTranslations)
    : storedCases;
  const secureCookies = config.http.publicUrl?.startsWith("https:") ?? false;
  const phoneSignInStore = createPhoneSignInStore(db);
  const signIn = createPhoneSignIn({
    store: phoneSignInStore,
    sendCode: options.loginCodes?.send ?? null,
    secret: core.signingSecret,
    limits: {
      // Without SMS no code is ever issued (the page offers no sign-in).
      codeMinutes: options.loginCodes?.minutes ?? 0,
      maxAttempts: config.web.myCases.codeAttempts,
      codesPerDay: config.web.myCases.codesPerPhonePerDay,
      codeIntervalSeconds: 60,
      sessionMinutes: config.web.myCases.sessionMinutes,
    },
    logger: logger.child({ component: "my-cases" }),
  });
  return {
    name: "web",
    routes: createWebChannel({
      converse: core.conversation.converseTurn,
      turns: core.conversation.turns,
      log,
      uploads: core.photos,
      cases,
      photoLink,
      actions: core.caseActions,
      recordRatingReason: core.recordRatingReason,
      supplements: core.supplements,
      readsAsNewMatter: core.conversation.readsAsNewMatter,
      rating: createWebRating({
        actions: core.caseActions,
        ratings: core.ratings,
        awaited: core.awaitedReplies("web"),
        recordRatingReason: core.recordRatingReason,
        clock,
        logger: logger.child({ component: "rating" }),
      }),
      directory,
      service: options.service,
      secureCookies,
      sessionSecret: core.signingSecret,
      clock,
      logger,
      presence,
      voice: {
        intake: core.voice,
        recordings: createVoiceStore(db, dataDirectoryOf(config.database)),
        maxBytes: config.voice.limits.maxBytes,
        maxSeconds: config.voice.limits.maxSeconds,
      },
      myCases: {
        signIn,
        store: phoneSignInStore,
        cases,
        withdrawSupport: supportWithdrawal(db, clock),
        directory,
        service: options.service,
        available: options.loginCodes !== null,
        codeMinutes: options.loginCodes?.minutes ?? 0,
        codesPerAddressPerHour: config.web.myCases.codesPerAddressPerHour,
        triesPerAddressPerMinute: 10,
        secureCookies,
        clock,
        logger: logger.child({ component: "my-cases" }),
      },
    }),
    sender: createWebSender({
      log,
      clock,
      // With SMS, a notice for a page gone for a while goes by SMS too.
      ...(options.loginCodes && {
        pageGone: {
          lastPoll: presence.lastPoll,
          goneAfterMs: config.web.pageGoneSeconds * 1000,
        },
      }),
    }),
    renderer: citizenNotices,
    // Nothing to pull: the page calls in.
    start: async () => {},
    // Sign-in codes still being sent finish first.
    stop: () => signIn.idle(),
  };
}

/**
 * The citizen's notices, the rating question with its buttons under an answer (rating-buttons.ts).
 * A page has no message limit: a unit's answer is one bubble however long, not cut at Telegram's
 * 4,096 characters in the middle of a paragraph.
 */
const citizenNotices: OutboxRenderer = (message) => {
  const base = renderOutboxPayload(message.payload, message.audience, Number.POSITIVE_INFINITY);
  if (message.audience !== "citizen") return base;
  return withRatingQuestion(base, OutboxPayloadSchema.parse(message.payload));
};
