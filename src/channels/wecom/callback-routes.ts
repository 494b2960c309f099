import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { cleanDeep } from "../../input-rule.ts";
import type { Logger } from "../../logging/logger.ts";
import { createWeComCallbackCrypto } from "./callback-crypto.ts";
import { WeComCallbackError } from "./errors.ts";
import { parseCallbackEnvelope, parseCallbackEvent, type WeComCallbackEvent } from "./xml.ts";

export interface WeComCallbackRoutesOptions {
  /** The callback URL's path, e.g. "/wecom/kf/callback". */
  readonly path: string;
  readonly token: string;
  readonly encodingAesKey: string;
  readonly corpId: string;
  /**
   * Receives each accepted callback after WeCom got its answer. Errors are logged, never
   * answered: WeCom only waits 5 s, so keep slow work out of the request.
   */
  readonly onEvent: (event: WeComCallbackEvent) => Promise<void> | void;
  /** Bound to the wecom channel. Default: the Fastify instance's logger, bound so. */
  readonly logger?: Logger;
  /** Milliseconds since the epoch. Default Date.now. */
  readonly clock?: () => number;
  /** Accepted distance between a callback's timestamp and now, in seconds. Default 300. */
  readonly replayWindowSeconds?: number;
}

const SignatureQuerySchema = z.object({
  msg_signature: z.string().regex(/^[0-9a-fA-F]{40}$/),
  timestamp: z.string().min(1).max(20),
  nonce: z.string().min(1).max(128),
});
const VerificationQuerySchema = SignatureQuerySchema.extend({
  echostr: z.string().min(1).max(4096),
});

const BODY_LIMIT = 64 * 1024;

function statusOf(error: WeComCallbackError): number {
  if (error.refusal === "malformed") return 400;
  if (error.refusal === "replay") return 200;
  return 403;
}

/**
 * Fastify plugin for one WeCom callback URL (register it without fastify-plugin: it installs
 * its own body parser for XML).
 * - GET: URL verification; answers the decrypted echostr only.
 * - POST: checks signature, timestamp and receive id, decrypts and parses, answers 200 with an
 *   empty body at once and hands the event to `onEvent` afterwards. A forged or stale request
 *   is answered 403, malformed XML 400; neither is processed. An exact repeat of an accepted
 *   callback (WeCom retrying after a lost answer, or a replay) is answered 200 and dropped.
 * @throws AppError("config.invalid") at registration when the EncodingAESKey is malformed.
 */
export function weComCallbackRoutes(options: WeComCallbackRoutesOptions): FastifyPluginAsync {
  return async (app) => {
    const crypto = createWeComCallbackCrypto({
      token: options.token,
      encodingAesKey: options.encodingAesKey,
      corpId: options.corpId,
      ...(options.clock && { clock: options.clock }),
      ...(options.replayWindowSeconds !== undefined && {
        replayWindowSeconds: options.replayWindowSeconds,
      }),
    });
    const log = options.logger ?? app.log.child({ channel: "wecom" });

    app.removeAllContentTypeParsers();
    app.addContentTypeParser(
      "*",
      { parseAs: "string", bodyLimit: BODY_LIMIT },
      (_req, body, done) => done(null, body),
    );

    const refuse = (error: unknown): { status: number; error: WeComCallbackError } => {
      if (error instanceof WeComCallbackError) return { status: statusOf(error), error };
      throw error;
    };

    app.get(options.path, async (request, reply) => {
      const query = VerificationQuerySchema.safeParse(request.query);
      if (!query.success) {
        log.warn("WeCom URL verification without its parameters");
        return reply.code(400).type("text/plain").send("");
      }
      try {
        const echo = crypto.verifyUrl(query.data);
        log.info("WeCom URL verification answered");
        return reply.code(200).type("text/plain").send(echo);
      } catch (error) {
        const refused = refuse(error);
        log.warn({ refusal: refused.error.refusal }, "WeCom URL verification refused");
        return reply
          .code(refused.status === 200 ? 403 : refused.status)
          .type("text/plain")
          .send("");
      }
    });

    app.post(options.path, async (request, reply) => {
      const query = SignatureQuerySchema.safeParse(request.query);
      if (!query.success || typeof request.body !== "string") {
        log.warn("WeCom callback without its parameters or body");
        return reply.code(400).type("text/plain").send("");
      }
      let event: WeComCallbackEvent;
      try {
        const envelope = parseCallbackEnvelope(request.body);
        const plaintext = crypto.open(query.data, envelope.encrypt);
        // A staff member's typed words arrive here: under the input rule like every text.
        event = cleanDeep(parseCallbackEvent(plaintext));
        crypto.acceptOnce(query.data);
      } catch (error) {
        const refused = refuse(error);
        const level = refused.error.refusal === "replay" ? "info" : "warn";
        log[level]({ refusal: refused.error.refusal }, "WeCom callback not processed");
        return reply.code(refused.status).type("text/plain").send("");
      }
      log.info({ callbackType: event.type }, "WeCom callback accepted");
      setImmediate(() => {
        Promise.resolve()
          .then(() => options.onEvent(event))
          .catch((error: unknown) => {
            log.error({ err: error, callbackType: event.type }, "WeCom callback processing failed");
          });
      });
      return reply.code(200).type("text/plain").send("");
    });
  };
}
