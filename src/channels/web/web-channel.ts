import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import fastifyMultipart from "@fastify/multipart";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from "fastify";
import { z } from "zod";
import type {
  CitizenMessage,
  CitizenTurn,
  LoggedTurn,
  RecordTurn,
} from "../../conversation/handle-citizen-event.ts";
import type { Directory } from "../../domain/directory.ts";
import { citizenRef } from "../../domain/citizen-ref.ts";
import type { RatedCase } from "../../domain/intake/engine.ts";
import type { Supplements } from "../../domain/intake/ports.ts";
import { splitAtSubmission } from "../../domain/intake/replies.ts";
import type { CitizenEvent } from "../../domain/intake/events.ts";
import { storedLocale } from "../../domain/intake/state.ts";
import { logHttpFailure, withRetryAfter } from "../../http/error-mapping.ts";
import type { Locale } from "../../i18n/catalog.ts";
import { t } from "../../i18n/t.ts";
import { pageBrand, webPageText } from "../../i18n/web-page.ts";
import { createKeyedQueue } from "../../keyed-queue.ts";
import type { Logger } from "../../logging/logger.ts";
import type { CaseActions } from "../../cases/case-actions.ts";
import type { CaseLookup } from "../../storage/case-lookup.ts";
import type { AwaitedReply } from "../../storage/awaited-replies.ts";
import type { StoredDialogue, TurnStore } from "../../storage/turn-store.ts";
import type { NewWebChatEntry, WebChatEntry, WebChatLog } from "../../storage/web-chat-log.ts";
import type { WebPagePresence } from "../../storage/web-page-presence.ts";
import { asksTheConversation } from "../satisfaction-words.ts";
import type { WebRating } from "./web-rating.ts";
import { PHOTO_TYPES } from "../../photo-type.ts";
import type { PhotoStore } from "../../storage/photo-store.ts";
import {
  SESSION_COOKIE,
  SESSION_MAX_AGE_SECONDS,
  newSessionToken,
  sessionKeyOf,
} from "./session.ts";
import { renderStatusPage, type PageService } from "./status-page.ts";
import { loadChatPage } from "./chat-page.ts";
import { createStatusRoutes } from "./status-routes.ts";
import { WebError, describeIssues, photoTooLarge, toWebError } from "./web-error.ts";
import { createMyCasesRoutes, type MyCasesDeps } from "./my-cases-routes.ts";
import { createWebVoiceRoutes, type WebVoice } from "./voice-routes.ts";
import {
  EventIdSchema,
  WebEventBodySchema,
  citizenEntryOf,
  receiptEntryOf,
  serviceEntriesOf,
  toPageMessage,
  type PageMessage,
  type PhotoLink,
} from "./translate.ts";

/** Limits of the web channel; the defaults suit a public service. */
export interface WebLimits {
  /** Bytes per photo (5 MB). */
  readonly photoBytes: number;
  /** Status look-ups per client address per minute (10). */
  readonly statusLookupsPerMinute: number;
  /** Chat events and uploads per client address per minute (60). */
  readonly chatEventsPerMinute: number;
  /** Entries one poll returns at most (200). */
  readonly pageSize: number;
}

const DEFAULT_LIMITS: WebLimits = {
  photoBytes: 5 * 1024 * 1024,
  statusLookupsPerMinute: 10,
  chatEventsPerMinute: 60,
  pageSize: 200,
};

export interface WebChannelDeps {
  /**
   * One conversation turn, with the receipt when it submitted a case; `record`'s entries are
   * logged in the turn's own transaction (see handleCitizenTurn).
   */
  readonly converse: (message: CitizenMessage, record?: RecordTurn) => Promise<LoggedTurn>;
  /** Reads the session's dialogue (and an awaited rating reason) once per event. */
  readonly turns: Pick<TurnStore, "load">;
  readonly log: WebChatLog;
  /** The session's photos (owner: the session key). */
  readonly uploads: PhotoStore;
  readonly cases: CaseLookup;
  /** Signs the links of a notice's unit photos as the page reads it. */
  readonly photoLink: PhotoLink;
  /** The rating buttons under an answer and the reason typed after them. */
  readonly rating: WebRating;
  /** The case actions the status page's rating and review forms go through. */
  readonly actions: CaseActions;
  /** The status page's additions (补充), photos and all, as the chat's go. */
  readonly supplements: Supplements;
  /** Records a citizen's reason for a rating (see rating-reasons.ts). */
  readonly recordRatingReason: (trackingNo: string, reason: string) => Promise<boolean>;
  /**
   * True when a typed reason reads as a new matter: after it is kept, the conversation offers
   * it for filing (a `new_matter` event, logged with the reason). Without it, never.
   */
  readonly readsAsNewMatter?: (text: string, about: RatedCase) => Promise<boolean>;
  readonly directory: Directory;
  /** Whose pages these are: the city, and the hotline (a call link in the chat's answers and the pages' footer). */
  readonly service: PageService;
  /** Cookies get `Secure` (set when PUBLIC_URL is https). */
  readonly secureCookies: boolean;
  /** Signs the session tokens this service issues (storage/service-secret.ts). */
  readonly sessionSecret: Buffer;
  readonly clock: { now(): Date };
  readonly logger: Logger;
  readonly limits?: Partial<WebLimits>;
  /** Records each poll: a page that stopped polling is gone (see web-sender.ts). */
  readonly presence?: Pick<WebPagePresence, "polled">;
  /** Hold-to-talk: recordings posted to /chat/voice; without it the page shows no microphone. */
  readonly voice?: WebVoice;
  /** 我的诉求 (/my): the phone sign-in and the phone's cases. */
  readonly myCases?: MyCasesDeps;
  /** Where index.html, chat.js and styles.css are (default src/web/static). */
  readonly staticDir?: string;
}

const DEFAULT_STATIC_DIR = fileURLToPath(new URL("../../web/static/", import.meta.url));

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' blob: data:",
  "style-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const AfterQuerySchema = z.object({ after: z.coerce.number().int().min(0).default(0) });
/** Upload ids are random hex (storage/photo-store.ts); anything else is no photo. */
const PhotoParamsSchema = z.object({ id: z.string().regex(/^[0-9a-f]{32}$/) });
const LangQuerySchema = z.object({ lang: z.enum(["zh", "en"]).catch("zh").default("zh") });
/** What a chat event answers: its entries in the log, and the conversation's language after it. */
interface WebAnswer {
  readonly entries: readonly WebChatEntry[];
  readonly locale: Locale;
}

/**
 * The web chat: the page at `/`, its API under `/chat/*`, the status page at
 * `/status` (status-routes.ts) and the page's files under `/static/*`. A Fastify plugin, kept in
 * its own scope: its cookie, CSRF, upload and rate-limit plugins and its error
 * handler apply to these routes only.
 */
export function createWebChannel(deps: WebChannelDeps): FastifyPluginAsync {
  const limits: WebLimits = { ...DEFAULT_LIMITS, ...deps.limits };
  const { log, logger } = deps;
  const cookieOptions = {
    path: "/",
    httpOnly: true,
    sameSite: "lax" as const,
    secure: deps.secureCookies,
  };
  // Turns of one session run one at a time, so the log keeps the order of the dialogue.
  const sessionTurns = createKeyedQueue();
  const serialised = <T>(key: string, work: () => Promise<T>): Promise<T> =>
    sessionTurns.run(key, work);

  /** The conversation's language in the session's dialogue. */
  async function localeOf(sessionKey: string): Promise<Locale> {
    return storedLocale((await deps.turns.load("web", sessionKey)).dialogue.state);
  }

  /**
   * Runs one citizen event and logs it; a retried event gets the entries of its first run.
   * The dialogue (with an awaited rating reason) is read once, the turn written in one
   * transaction with its entries, and the answer is what was written: nothing is read back.
   */
  function runEvent(sessionKey: string, eventId: string, event: CitizenEvent): Promise<WebAnswer> {
    return serialised(sessionKey, async () => {
      const now = deps.clock.now();
      // A command goes to the conversation, which answers /status where a rating question is
      // open too (asked again after it).
      const mayAnswerRating =
        event.type === "photo" ||
        (event.type === "text" && (!event.text.startsWith("/") || asksTheConversation(event.text)));
      const {
        dialogue,
        awaited,
        logged: retried,
      } = await deps.turns.load(
        "web",
        sessionKey,
        mayAnswerRating ? { ...deps.rating.reasonAwaitedIn(sessionKey), now } : undefined,
        eventId,
      );
      const locale = storedLocale(dialogue.state);
      if (retried) return { entries: await log.ofEvent(sessionKey, eventId), locale };
      const ratingTurn = await ratingEntries(sessionKey, event, awaited, locale);
      // A question of the service is answered by the conversation; the rating question follows.
      const askedAgain = ratingTurn?.askedTheService === true ? ratingTurn.entries : [];
      const rated = askedAgain.length > 0 ? null : (ratingTurn?.entries ?? null);
      // Words kept as a rating's reason that read as a new matter are offered for filing too
      // (why both: the engine's answerReason), in the same turn: the conversation's words
      // follow the reason's. So a citizen who asked how satisfied types a new matter and can
      // still file it.
      const newMatter =
        ratingTurn?.wordsKept === true &&
        event.type === "text" &&
        awaited !== null &&
        (await deps.readsAsNewMatter?.(event.text, {
          citizenRef: citizenRef("web", sessionKey),
          trackingNo: awaited.trackingNo,
        })) === true;
      if (rated && !newMatter) {
        return { entries: await log.appendTurn(sessionKey, eventId, rated, now), locale };
      }
      const own = rated ? null : await citizenEntry(sessionKey, event, dialogue);
      const entriesOf = (turn: CitizenTurn): NewWebChatEntry[] => {
        const [untilFiled, afterFiled] = splitAtSubmission(turn.replies);
        return [
          ...(rated ?? []),
          ...(own ? [own] : []),
          ...serviceEntriesOf(untilFiled),
          ...(turn.submitted?.queryCode
            ? [
                receiptEntryOf(
                  turn.submitted.trackingNo,
                  turn.submitted.queryCode,
                  t(turn.locale, "webQueryCode", {
                    trackingNo: turn.submitted.trackingNo,
                    queryCode: turn.submitted.queryCode,
                  }),
                ),
              ]
            : []),
          ...serviceEntriesOf(afterFiled),
          ...askedAgain,
        ];
      };
      const turn = await deps.converse(
        {
          channel: "web",
          externalId: sessionKey,
          chatId: sessionKey,
          eventId,
          event:
            newMatter && event.type === "text" ? { type: "new_matter", text: event.text } : event,
          loaded: dialogue,
        },
        entriesOf,
      );
      if (turn.logged && turn.logged.length > 0) {
        return { entries: turn.logged, locale: turn.locale };
      }
      const logged = await log.ofEvent(sessionKey, eventId);
      if (logged.length > 0) return { entries: logged, locale: turn.locale };
      // The dialogue already had this event but not the log: a turn stored before turns
      // were written in one transaction. Its answer, receipt included, is logged now.
      return {
        entries: await log.appendTurn(sessionKey, eventId, entriesOf(turn), now),
        locale: turn.locale,
      };
    });
  }

  /**
   * The citizen's bubble for the event. A pressed button's label is found in the last turn's
   * replies, or else (a button of an earlier message) in the log's latest replies.
   */
  async function citizenEntry(
    sessionKey: string,
    event: CitizenEvent,
    dialogue: StoredDialogue,
  ): Promise<NewWebChatEntry | null> {
    const lastReplies = Array.isArray(dialogue.lastReplies) ? dialogue.lastReplies : [];
    const own = citizenEntryOf(event, lastReplies);
    if (own || event.type !== "choice") return own;
    const recent = await log.latestReplies(sessionKey, 12);
    return citizenEntryOf(
      event,
      recent.map((entry) => entry.body),
    );
  }

  /** A rating press or an awaited reason, which the intake engine never sees; null otherwise. */
  async function ratingEntries(
    sessionKey: string,
    event: CitizenEvent,
    awaited: AwaitedReply | null,
    locale: Locale,
  ): Promise<{
    entries: NewWebChatEntry[];
    wordsKept: boolean;
    askedTheService: boolean;
  } | null> {
    const turn =
      event.type === "choice" && deps.rating.isRatingChoice(event.id)
        ? await deps.rating.press(sessionKey, event.id, locale)
        : event.type === "text" && awaited
          ? await deps.rating.reason(sessionKey, event.text, awaited, locale)
          : event.type === "photo"
            ? await deps.rating.photo(sessionKey, event.fileId, awaited, locale)
            : null;
    if (!turn) return null;
    const own =
      event.type === "text" && !turn.askedTheService
        ? { type: "text", text: event.text }
        : event.type === "photo"
          ? { type: "photo", uploadId: event.fileId }
          : (turn.citizen ?? null);
    const entries = [
      ...(own ? [{ author: "citizen" as const, body: own }] : []),
      ...serviceEntriesOf(turn.replies),
    ];
    return {
      entries,
      wordsKept: turn.wordsKept === true,
      askedTheService: turn.askedTheService === true,
    };
  }

  function sessionOf(request: FastifyRequest): string | null {
    return sessionKeyOf(request.cookies[SESSION_COOKIE], deps.sessionSecret);
  }

  function requireSession(request: FastifyRequest): string {
    const key = sessionOf(request);
    if (!key) throw new WebError(403, "csrf", "No chat session: load the chat page first.");
    return key;
  }

  const pageMessages = (entries: readonly WebChatEntry[]): PageMessage[] =>
    entries
      .map((entry) => toPageMessage(entry, deps.photoLink))
      .filter((m): m is PageMessage => m !== null);

  const { service } = deps;
  return async function webChannel(scope: FastifyInstance) {
    // Another feature may have installed these for the whole server already.
    if (!scope.hasRequestDecorator("cookies")) await scope.register(fastifyCookie);
    if (!scope.hasDecorator("csrfProtection")) {
      await scope.register(fastifyCsrf, { cookieOpts: cookieOptions, cookieKey: "zk_csrf" });
    }
    if (!scope.hasRequestDecorator("file")) await scope.register(fastifyMultipart);
    if (!scope.hasDecorator("rateLimit")) {
      await scope.register(fastifyRateLimit, {
        global: false,
        errorResponseBuilder: () =>
          new WebError(429, "rate_limited", "Too many requests; wait a minute and try again."),
      });
    }
    scope.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string", bodyLimit: 4096 },
      (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      },
    );

    scope.addHook("onSend", async (request, reply, payload) => {
      reply.header("x-content-type-options", "nosniff");
      reply.header("referrer-policy", "same-origin");
      reply.header("x-frame-options", "DENY");
      // Only the chat page records (hold-to-talk); every other page gets no microphone.
      const microphone = request.routeOptions.url === "/" && deps.voice ? "(self)" : "()";
      reply.header("permissions-policy", `geolocation=(self), camera=(), microphone=${microphone}`);
      if (String(reply.getHeader("content-type") ?? "").startsWith("text/html")) {
        reply.header("content-security-policy", CONTENT_SECURITY_POLICY);
      }
      return payload;
    });

    scope.setErrorHandler((error, request, reply) => {
      const mapped = toWebError(error, limits.photoBytes);
      if (mapped.statusCode >= 500) logHttpFailure(request, error, mapped.statusCode);
      withRetryAfter(reply, mapped.statusCode);
      if (request.url.startsWith("/chat/")) {
        return reply.code(mapped.statusCode).send({
          error: {
            code: mapped.code,
            message: mapped.message,
            ...(mapped.statusCode >= 500 && { requestId: request.id }),
          },
        });
      }
      const locale = LangQuerySchema.parse(request.query ?? {}).lang;
      const text = webPageText(locale);
      const status = renderStatusPage({
        locale,
        service,
        trackingNo: "",
        result: { kind: "error", message: text.errors[mapped.code] },
      });
      return reply.code(mapped.statusCode).type("text/html; charset=utf-8").send(status);
    });

    // ---------------------------------------------------------------- pages and files

    // The page's files, revalidated on every load (ETag, 304) so that a new release shows at once.
    const staticDir = deps.staticDir ?? DEFAULT_STATIC_DIR;
    await scope.register(fastifyStatic, {
      root: staticDir,
      prefix: "/static/",
      index: false,
      // The chat page's file is its template: it is served at / with the city's brand.
      allowedPath: (file) => file !== "/index.html",
      cacheControl: false,
      setHeaders: (reply) => reply.header("cache-control", "no-cache"),
    });
    const chatPage = await loadChatPage(staticDir, service);
    scope.get("/", async (_request, reply) =>
      reply.type("text/html; charset=utf-8").header("cache-control", "no-cache").send(chatPage),
    );

    await scope.register(
      createStatusRoutes({
        ...deps,
        lookupsPerMinute: limits.statusLookupsPerMinute,
        photoBytes: limits.photoBytes,
      }),
    );

    // ---------------------------------------------------------------- chat API

    scope.get("/chat/session", async (request, reply) => {
      let key = sessionOf(request);
      if (!key) {
        const token = newSessionToken(deps.sessionSecret);
        reply.setCookie(SESSION_COOKIE, token, {
          ...cookieOptions,
          maxAge: SESSION_MAX_AGE_SECONDS,
        });
        key = sessionKeyOf(token, deps.sessionSecret)!;
      }
      const csrfToken = reply.generateCsrf();
      return reply.header("cache-control", "no-store").send({
        csrfToken,
        locale: await localeOf(key),
        // The page's own words with the city's brand (its header, title and footer).
        text: {
          zh: { ...webPageText("zh"), ...pageBrand("zh", deps.directory) },
          en: { ...webPageText("en"), ...pageBrand("en", deps.directory) },
        },
        photo: {
          maxBytes: limits.photoBytes,
          types: PHOTO_TYPES,
        },
        // The page shows its microphone only when recordings are taken.
        voice: deps.voice
          ? { maxBytes: deps.voice.maxBytes, maxSeconds: deps.voice.maxSeconds }
          : null,
        servicePhone: service.phone,
      });
    });

    // The page polls every few seconds: log only what goes wrong.
    scope.get("/chat/messages", { logLevel: "warn" }, async (request, reply) => {
      const query = AfterQuerySchema.safeParse(request.query);
      if (!query.success)
        throw new WebError(400, "invalid_request", "`after` must be a message id.");
      const key = sessionOf(request);
      reply.header("cache-control", "no-store");
      if (!key) return { messages: [], locale: "zh" };
      await deps.presence?.polled(key, deps.clock.now());
      const entries = await log.after(key, query.data.after, limits.pageSize);
      return { messages: pageMessages(entries), locale: await localeOf(key) };
    });

    const chatRateLimit = { rateLimit: { max: limits.chatEventsPerMinute, timeWindow: 60_000 } };

    scope.post(
      "/chat/events",
      { onRequest: scope.csrfProtection, config: chatRateLimit },
      async (request, reply) => {
        const key = requireSession(request);
        const body = WebEventBodySchema.safeParse(request.body);
        if (!body.success) {
          throw new WebError(
            400,
            "invalid_request",
            `Invalid event: ${describeIssues(body.error)}`,
          );
        }
        const answer = await runEvent(key, body.data.eventId, body.data.event);
        return reply
          .header("cache-control", "no-store")
          .send({ messages: pageMessages(answer.entries), locale: answer.locale });
      },
    );

    scope.post(
      "/chat/photos",
      { onRequest: scope.csrfProtection, config: chatRateLimit },
      async (request, reply) => {
        const key = requireSession(request);
        const eventId = EventIdSchema.safeParse(request.headers["x-chat-event-id"]);
        if (!eventId.success) {
          throw new WebError(
            400,
            "invalid_request",
            "The x-chat-event-id header is missing or invalid.",
          );
        }
        const done = await log.ofEvent(key, eventId.data);
        if (done.length > 0) return { messages: pageMessages(done), locale: await localeOf(key) };
        const bytes = await readUpload(request, limits.photoBytes);
        const saved = await deps.uploads.savePicture(key, bytes, deps.clock.now());
        if (saved === null) {
          throw new WebError(
            415,
            "photo_type",
            "Only JPEG, PNG, WebP or HEIC photos are accepted.",
          );
        }
        logger.info({ bytes: bytes.length, type: saved.mimeType }, "web photo stored");
        const answer = await runEvent(key, eventId.data, { type: "photo", fileId: saved.id });
        return reply
          .header("cache-control", "no-store")
          .send({ messages: pageMessages(answer.entries), locale: answer.locale });
      },
    );

    scope.get("/chat/photos/:id", async (request, reply) => {
      const params = PhotoParamsSchema.safeParse(request.params);
      const key = sessionOf(request);
      const photo = key && params.success ? await deps.uploads.read(key, params.data.id) : null;
      if (!photo) throw new WebError(404, "not_found", "No such photo.");
      return reply
        .type(photo.mimeType)
        .header("cache-control", "private, max-age=86400")
        .header("content-disposition", "inline")
        .send(photo.bytes);
    });

    // Last, so that they inherit this scope's plugins, hooks and error answers.
    if (deps.voice) {
      await scope.register(
        createWebVoiceRoutes({
          voice: deps.voice,
          requireSession,
          sessionOf,
          answered: async (key, eventId) => {
            const done = await log.ofEvent(key, eventId);
            return done.length > 0
              ? { messages: pageMessages(done), locale: await localeOf(key) }
              : null;
          },
          run: async (key, eventId, event) => {
            const answer = await runEvent(key, eventId, event);
            return { messages: pageMessages(answer.entries), locale: answer.locale };
          },
          perMinute: limits.chatEventsPerMinute,
          clock: deps.clock,
        }),
      );
    }
    if (deps.myCases) await scope.register(createMyCasesRoutes(deps.myCases));
  };
}

/**
 * The one photo of a multipart upload. A body that is not multipart, has no boundary or is
 * cut off is the client's mistake (400), never a 500.
 * @throws WebError 400 (no photo, unreadable body) or 413 (over `photoBytes`).
 */
async function readUpload(request: FastifyRequest, photoBytes: number): Promise<Buffer> {
  let bytes: Buffer;
  try {
    const file = await request.file({
      limits: { fileSize: photoBytes, files: 1, fields: 0, parts: 2 },
      throwFileSizeLimit: true,
    });
    if (!file) throw new WebError(400, "invalid_request", "No photo in the upload.");
    bytes = await file.toBuffer();
    if (file.file.truncated) throw photoTooLarge(photoBytes);
  } catch (error) {
    if (error instanceof WebError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === "FST_REQ_FILE_TOO_LARGE") throw photoTooLarge(photoBytes);
    throw new WebError(400, "invalid_request", "The upload is not a readable multipart body.");
  }
  if (bytes.length > photoBytes) throw photoTooLarge(photoBytes);
  return bytes;
}
