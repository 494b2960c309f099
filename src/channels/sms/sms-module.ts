/**
 * SMS as the core sees it: not a chat channel with outbox rows of its own, but the citizen's
 * channel of last resort (the outbox worker's fallback) and the provider's delivery receipts
 * (routes, a Fastify plugin like every channel's).
 */
import type { FastifyPluginAsync } from "fastify";
import type { Config } from "../../config/config.ts";
import type { Core } from "../../core/core.ts";
import type { CitizenFallback } from "../../notifications/outbox-worker.ts";
import { smsContactOf } from "../../storage/citizen-notices.ts";
import { createSmsSendStore } from "../../storage/sms-send-store.ts";
import { smsReceiptRoutes } from "./receipt-routes.ts";
import type { SmsGateway } from "./sms-gateway.ts";
import { createSmsNotices } from "./sms-notices.ts";
import { createSmsSender } from "./sms-sender.ts";
import { createSmsGateway } from "./sms-settings.ts";

export interface SmsModule {
  /** The delivery receipts' URL, when SMS_RECEIPT_TOKEN is set. */
  readonly routes?: FastifyPluginAsync;
  readonly fallback: CitizenFallback;
  /** Sends a sign-in code of 我的诉求 (template login_code); throws SmsError when it did not go. */
  readonly sendLoginCode: (phone: string, code: string) => Promise<void>;
}

/** `gateway`: the provider's gateway (tests: the real SDK with a test's HTTP agent). */
export function smsChannel(
  core: Core,
  settings: NonNullable<Config["sms"]>,
  gateway?: SmsGateway,
): SmsModule {
  const { db, clock } = core;
  const logger = core.logger.child({ channel: "sms" });
  for (const template of settings.standingIn) {
    logger.warn(
      { template },
      "SMS template not set: its notices go by its stand-in's approved template until it is",
    );
  }
  const store = createSmsSendStore(db);
  const sender = createSmsSender({
    gateway: gateway ?? createSmsGateway(settings, () => clock.now()),
    store,
    limits: settings.limits,
    phoneHashKey: settings.phoneHashKey,
    now: () => clock.now(),
  });
  return {
    ...(settings.receipts && {
      routes: smsReceiptRoutes({
        provider: settings.provider,
        ...settings.receipts,
        store,
        logger,
      }),
    }),
    fallback: createSmsNotices({
      sender,
      contactOf: (caseId) => smsContactOf(db, caseId),
      logger,
    }),
    async sendLoginCode(phone, code) {
      await sender.send({
        phone,
        caseId: null,
        content: { template: "login_code", params: { code } },
      });
    },
  };
}
