/**
 * The web chat as a module (always on: it is what `npm start` shows on localhost): its pages
 * and API as a Fastify plugin, the outbox's sender (the chat log) and renderer (an answer
 * notice comes with the rating question).
 */
import type { Core } from "../../core/core.ts";
import { OutboxPayloadSchema } from "../../notifications/outbox-payload.ts";
import type { OutboxRenderer } from "../../notifications/outbox-worker.ts";
import { plainNotices } from "../../notifications/render.ts";
import { createCaseLookup } from "../../storage/case-lookup.ts";
import { createWebChatLog } from "../../storage/web-chat-log.ts";
import type { ChannelModule } from "../channel-module.ts";
import { ratingQuestion } from "../rating-buttons.ts";
import { createWebChannel } from "./web-channel.ts";
import { createWebRating } from "./web-rating.ts";
import { createWebSender } from "./web-sender.ts";

export function webChannel(core: Core): ChannelModule {
  const { config, db, directory, clock } = core;
  const logger = core.logger.child({ channel: "web" });
  const log = createWebChatLog(db);
  return {
    name: "web",
    routes: createWebChannel({
      converse: core.conversation.converseTurn,
      dialogues: core.conversation.dialogues,
      log,
      uploads: core.photos,
      cases: createCaseLookup(db, directory, {
        notifications: core.notifications,
        maxFailures: config.guessing.queryCodeMaxFailures,
        calendar: core.calendar,
      }),
      actions: core.caseActions,
      recordRatingReason: core.recordRatingReason,
      rating: createWebRating({
        actions: core.caseActions,
        awaited: core.awaitedReplies("web"),
        recordRatingReason: core.recordRatingReason,
        clock,
        logger: logger.child({ component: "rating" }),
      }),
      directory,
      secureCookies: config.http.publicUrl?.startsWith("https:") ?? false,
      sessionSecret: core.signingSecret,
      clock,
      logger,
    }),
    sender: createWebSender({ log, clock }),
    renderer: withRatingQuestion,
    // Nothing to pull: the page calls in.
    start: async () => {},
    stop: async () => {},
  };
}

/** The citizen's answer notice, followed by the rating question with its buttons. */
const withRatingQuestion: OutboxRenderer = (message) => {
  const base = plainNotices(message);
  const payload = OutboxPayloadSchema.parse(message.payload);
  if (message.audience !== "citizen" || payload.kind !== "answered") return base;
  return [...base, ratingQuestion(payload.trackingNo, payload.locale)];
};
