import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import fastifyMultipart from "@fastify/multipart";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type {
  CitizenMessage,
  CitizenTurn,
  LoggedTurn,
  RecordTurn,
} from "../../conversation/handle-citizen-event.ts";
import type { Directory } from "../../domain/directory.ts";
import { citizenRef, parseCitizenRef } from "../../domain/citizen-ref.ts";
import type { RatedCase } from "../../domain/intake/engine.ts";
import type { Supplements } from "../../domain/intake/ports.ts";
import { splitAtSubmission } from "../../domain/intake/replies.ts";
import { MAX_PHOTOS } from "../../domain/intake/state.ts";
import type { CitizenEvent } from "../../domain/intake/events.ts";
import { detectHazards } from "../../domain/intake/emergency.ts";
import { MAX_DESCRIPTION_LENGTH, normaliseTrackingNo } from "../../domain/intake/text-quality.ts";
import { categoryName } from "../../domain/intake/prompts.ts";
import { storedLocale } from "../../domain/intake/state.ts";
import { isAppError } from "../../errors.ts";
import { httpFailureOf, logHttpFailure, withRetryAfter } from "../../http/error-mapping.ts";
import type { Locale } from "../../i18n/catalog.ts";
import { t } from "../../i18n/t.ts";
import {
  STATUS_FIELDS,
  pageBrand,
  webPageText,
  type StatusField,
  type WebErrorCode,
  type WebPageText,
} from "../../i18n/web-page.ts";
import { createKeyedQueue } from "../../keyed-queue.ts";
import type { Logger } from "../../logging/logger.ts";
import type { CaseActions, CaseRequest } from "../../cases/case-actions.ts";
import { ratingTexts } from "../../notifications/rating-messages.ts";
import type { CaseLookup, StatusLookup } from "../../storage/case-lookup.ts";
import type { AwaitedReply } from "../../storage/awaited-replies.ts";
import type { StoredDialogue, TurnStore } from "../../storage/turn-store.ts";
import type { NewWebChatEntry, WebChatEntry, WebChatLog } from "../../storage/web-chat-log.ts";
import type { WebPagePresence } from "../../storage/web-page-presence.ts";
import { asksTheConversation } from "../satisfaction-words.ts";
import type { WebRating } from "./web-rating.ts";
import { PHOTO_TYPES, detectPhotoType, type PhotoType } from "../../photo-type.ts";
import { photoOwner, type PhotoStore } from "../../storage/photo-store.ts";
import {
  SESSION_COOKIE,
  SESSION_MAX_AGE_SECONDS,
  newSessionToken,
  sessionKeyOf,
} from "./session.ts";
import {
  MAX_REASON_LENGTH,
  petitionerMayAct,
  renderStatusPage,
  type PageService,
} from "./status-page.ts";
import { loadChatPage } from "./chat-page.ts";
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
/** A tracking number as citizens type it: any case, dashes optional, spaces tolerated. */
const TypedTrackingNo = z.string().max(60).trim().transform(normaliseTrackingNo);
const StatusQuerySchema = z.object({
  lang: z.enum(["zh", "en"]).catch("zh").default("zh"),
  no: TypedTrackingNo.catch("").default(""),
});
const StatusFormSchema = z.object({
  trackingNo: TypedTrackingNo.default(""),
  // Full-width digits and spaces ("１２３ ４５６") are the code too.
  queryCode: z
    .string()
    .max(40)
    .transform((code) => code.normalize("NFKC").replace(/\s+/g, ""))
    .default(""),
  lang: z.enum(["zh", "en"]).catch("zh").default("zh"),
});
type StatusForm = z.infer<typeof StatusFormSchema>;

/** A look-up's form as read: its values, and its fields left empty (or only spaces). */
interface LookupForm {
  readonly values: StatusForm;
  readonly missing: readonly StatusField[];
}

/** Reads a look-up's form; one that does not parse (a field too long) has no field missing. */
function readLookupForm(body: unknown): LookupForm {
  const form = StatusFormSchema.safeParse(body ?? {});
  if (!form.success) return { values: { trackingNo: "", queryCode: "", lang: "zh" }, missing: [] };
  return { values: form.data, missing: STATUS_FIELDS.filter((name) => form.data[name] === "") };
}
/** A withdrawal only with its box ticked: the browser requires it, the server too. */
const WithdrawFormSchema = StatusFormSchema.extend({ confirm: z.literal("yes") });
/** The words may be left out when photos are sent (checked once the photos are read). */
const SupplementFormSchema = StatusFormSchema.extend({
  text: z.string().trim().max(MAX_DESCRIPTION_LENGTH).default(""),
});
const RatingFormSchema = StatusFormSchema.extend({
  solved: z.enum(["yes", "no"]),
  satisfaction: z.enum(["satisfied", "basically_satisfied", "dissatisfied"]),
  reason: z.string().max(MAX_REASON_LENGTH).trim().default(""),
});

/** What became of a citizen's request on the status page, and the page's HTTP status (409 when refused). */
interface Flash {
  readonly text: string;
  readonly refused: boolean;
  readonly status?: number;
}

/** A photo posted with an addition on the status page, a picture by its bytes. */
interface PostedPhoto {
  readonly bytes: Buffer;
  readonly mimeType: PhotoType;
}

/** Why an addition's photos were not taken: the page says so and keeps the words. */
type PhotoProblem = "photo_type" | "photo_size" | "photo_count";

const PHOTO_PROBLEM_STATUS: Record<PhotoProblem, number> = {
  photo_type: 415,
  photo_size: 413,
  photo_count: 400,
};

/** The photos of an addition: those taken, or why none is. */
interface PostedPhotos {
  readonly photos: readonly PostedPhoto[];
  readonly problem: PhotoProblem | null;
}

const NO_PHOTOS: PostedPhotos = { photos: [], problem: null };

/** What a chat event answers: its entries in the log, and the conversation's language after it. */
interface WebAnswer {
  readonly entries: readonly WebChatEntry[];
  readonly locale: Locale;
}

/** An error the web routes answer with: an HTTP status and a code the page has words for. */
class WebError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: WebErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The web chat: the page at `/`, its API under `/chat/*`, the status page at
 * `/status` and the page's files under `/static/*`. A Fastify plugin, kept in
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

    scope.get("/status", async (request, reply) => {
      const { lang, no } = StatusQuerySchema.parse(request.query ?? {});
      return reply
        .type("text/html; charset=utf-8")
        .header("cache-control", "no-store")
        .send(
          renderStatusPage({
            locale: lang,
            service,
            trackingNo: no,
            result: { kind: "none" },
          }),
        );
    });

    const statusRateLimit = {
      rateLimit: { max: limits.statusLookupsPerMinute, timeWindow: 60_000 },
    };

    /** Looks the case up with the form's number and code; every wrong code is counted. */
    async function lookUp(form: StatusForm): Promise<StatusLookup> {
      return form.trackingNo && /^\d{6}$/.test(form.queryCode)
        ? deps.cases.find(form.trackingNo, form.queryCode, deps.clock.now(), form.lang)
        : { kind: "not_found" };
    }

    /** The status page for a look-up's outcome, with what the citizen just did. */
    function sendLookup(
      reply: FastifyReply,
      form: StatusForm,
      lookup: StatusLookup,
      flash?: Flash,
      supplementDraft?: string,
    ) {
      const page = renderStatusPage({
        locale: form.lang,
        service,
        trackingNo: form.trackingNo,
        result:
          lookup.kind === "found"
            ? {
                kind: "found",
                detail: lookup.detail,
                categoryName: categoryName(deps.directory, form.lang, lookup.detail.category),
                queryCode: form.queryCode,
                csrfToken: reply.generateCsrf(),
                flash,
                supplementDraft,
              }
            : lookup.kind === "locked"
              ? { kind: "error", message: webPageText(form.lang).errors.query_locked }
              : { kind: "not_found" },
      });
      return reply
        .code(
          lookup.kind === "locked"
            ? 429
            : lookup.kind === "not_found"
              ? 404
              : flash?.refused
                ? (flash.status ?? 409)
                : 200,
        )
        .type("text/html; charset=utf-8")
        .header("cache-control", "no-store")
        .send(page);
    }

    /** Each look-up's form, read once by whichever asks first (the limiter, then the handler). */
    const lookupForms = new WeakMap<FastifyRequest, LookupForm>();
    function lookupFormOf(request: FastifyRequest): LookupForm {
      let form = lookupForms.get(request);
      if (!form) lookupForms.set(request, (form = readLookupForm(request.body)));
      return form;
    }

    /**
     * A look-up sent with a field left empty is sent back asking for it, what was typed kept. It
     * guesses nothing, so it is not counted among the client's look-ups: the limiter reads the
     * form (after the body is parsed) and lets it pass, as it lets the page itself (GET).
     */
    const lookupRateLimit = {
      rateLimit: {
        ...statusRateLimit.rateLimit,
        hook: "preHandler" as const,
        allowList: (request: FastifyRequest) => lookupFormOf(request).missing.length > 0,
      },
    };

    scope.post("/status", { bodyLimit: 4096, config: lookupRateLimit }, async (request, reply) => {
      const { values, missing } = lookupFormOf(request);
      // A form that does not parse (a field too long) is no look-up to complete: not found.
      if (missing.length > 0) return sendIncomplete(reply, values, missing);
      return sendLookup(reply, values, await lookUp(values));
    });

    /** The look-up form again, asking for the fields left empty and keeping what was typed. */
    function sendIncomplete(reply: FastifyReply, form: StatusForm, fields: readonly StatusField[]) {
      const page = renderStatusPage({
        locale: form.lang,
        service,
        trackingNo: form.trackingNo,
        queryCode: form.queryCode,
        result: { kind: "missing", fields },
      });
      return reply
        .code(400)
        .type("text/html; charset=utf-8")
        .header("cache-control", "no-store")
        .send(page);
    }

    /**
     * A rating or review request from the status page: only with the case's number and
     * its valid code (a wrong one is counted like a look-up's), as the citizen who filed it,
     * through the same case actions and rules as the chat.
     */
    async function actOnStatusPage(
      reply: FastifyReply,
      form: StatusForm,
      request: CaseRequest,
      done: string,
      refused: string,
      after?: (trackingNo: string) => Promise<unknown>,
    ) {
      const lookup = await lookUp(form);
      if (lookup.kind !== "found") return sendLookup(reply, form, lookup);
      const no = lookup.detail.trackingNo;
      const log = logger.child({ caseNo: no, component: "status-page" });
      try {
        await deps.actions.act(no, request, { kind: "citizen", id: lookup.ownerRef });
      } catch (error) {
        if (
          !isAppError(error, "case.illegal_transition") &&
          !isAppError(error, "storage.conflict")
        ) {
          throw error;
        }
        log.warn({ request: request.type, code: error.code }, "status page decision refused");
        return sendLookup(reply, form, await lookUp(form), { text: refused, refused: true });
      }
      await after?.(no);
      log.info({ request: request.type }, "status page decision applied");
      return sendLookup(reply, form, await lookUp(form), { text: done, refused: false });
    }

    const actionRoute = {
      bodyLimit: 8192,
      preHandler: scope.csrfProtection,
      config: statusRateLimit,
    };

    /** What a status page form decides, in the page's words. */
    interface StatusDecision {
      readonly request: CaseRequest;
      readonly done: string;
      readonly refused: string;
      readonly after?: (trackingNo: string) => Promise<unknown>;
    }

    /** A citizen's decision posted from the status page: its form read, then acted on. */
    function statusAction<F extends StatusForm>(
      path: string,
      schema: z.ZodType<F>,
      decide: (form: F, text: WebPageText) => StatusDecision,
    ): void {
      scope.post(path, actionRoute, async (request, reply) => {
        const form = schema.safeParse(request.body ?? {});
        if (!form.success) {
          throw new WebError(400, "invalid_request", `Invalid request: ${describe(form.error)}`);
        }
        const decision = decide(form.data, webPageText(form.data.lang));
        const { request: caseRequest, done, refused, after } = decision;
        return actOnStatusPage(reply, form.data, caseRequest, done, refused, after);
      });
    }

    statusAction("/status/rate", RatingFormSchema, (form, text) => ({
      request: { type: "rate", solved: form.solved === "yes", satisfaction: form.satisfaction },
      done: text.rated,
      refused: ratingTexts(form.lang).alreadyRated,
      ...(form.reason && { after: (no: string) => deps.recordRatingReason(no, form.reason) }),
    }));
    statusAction("/status/review", StatusFormSchema, (form, text) => ({
      request: { type: "request_review" },
      done: text.reviewRequested,
      refused: ratingTexts(form.lang).cannotReview,
    }));
    statusAction("/status/withdraw", WithdrawFormSchema, (_, text) => ({
      request: { type: "withdraw" },
      done: text.withdrawn,
      refused: text.cannotWithdraw,
    }));
    /**
     * 催办 from the status page: the case's `urge` as its citizen, through the chat's own path
     * (Supplements.urge), so the unit holding it is told as from a chat; without words. The
     * page says which urge it was, or that today's is counted already, or that the case no
     * longer runs.
     */
    scope.post("/status/urge", actionRoute, async (request, reply) => {
      const parsed = StatusFormSchema.safeParse(request.body ?? {});
      if (!parsed.success) {
        throw new WebError(400, "invalid_request", `Invalid request: ${describe(parsed.error)}`);
      }
      const form = parsed.data;
      const text = webPageText(form.lang);
      const lookup = await lookUp(form);
      if (lookup.kind !== "found") return sendLookup(reply, form, lookup);
      const no = lookup.detail.trackingNo;
      const log = logger.child({ caseNo: no, component: "status-page" });
      // Nothing was urged: the case's page as just read (a failing store is not read again).
      const refused = (message: string, status: number) =>
        sendLookup(reply, form, lookup, { text: message, refused: true, status });
      let urged;
      try {
        urged = await deps.supplements.urge(lookup.ownerRef, no, null, []);
      } catch (error) {
        log.error({ err: error }, "status page urge failed");
        return refused(text.urgeFailed, 503);
      }
      if (urged.decision === "refused") {
        log.warn({ request: "urge" }, "status page decision refused");
        return refused(text.cannotUrge, 409);
      }
      log.info(
        { request: "urge", counted: urged.ordinal !== null },
        "status page decision applied",
      );
      const done = t(form.lang, "urgeDone", {
        trackingNo: no,
        ordinal: urged.ordinal,
        words: false,
      });
      return sendLookup(reply, form, await lookUp(form), { text: done, refused: false });
    });
    /** The photos posted with each multipart addition, read before its CSRF token is checked. */
    const postedPhotos = new WeakMap<FastifyRequest, PostedPhotos>();

    /**
     * 补充情况 from the status page: the words, and the photos chosen with them (multipart; a
     * form posted without photos may be urlencoded). The photos are kept as the case's citizen's
     * own and go with the words as a chat addition's do (attached in the addition's commit);
     * photos refused, an addition refused or failed answer the case's page with the words kept
     * in its form. Words of a danger are warned of as at filing (the case becomes urgent by its
     * rules).
     */
    scope.post(
      "/status/supplement",
      {
        ...actionRoute,
        // The form's fields are the body the CSRF check reads: a multipart one is read first.
        preValidation: async (request) => {
          if (!request.isMultipart()) return;
          const { fields, ...photos } = await readAdditionParts(request, limits.photoBytes);
          request.body = fields;
          postedPhotos.set(request, photos);
        },
      },
      async (request, reply) => {
        const parsed = SupplementFormSchema.safeParse(request.body ?? {});
        if (!parsed.success) {
          throw new WebError(400, "invalid_request", `Invalid request: ${describe(parsed.error)}`);
        }
        const form = parsed.data;
        const { photos, problem } = postedPhotos.get(request) ?? NO_PHOTOS;
        const text = webPageText(form.lang);
        const lookup = await lookUp(form);
        if (lookup.kind !== "found") return sendLookup(reply, form, lookup);
        const no = lookup.detail.trackingNo;
        const log = logger.child({ caseNo: no, component: "status-page" });
        const keptWords = (message: string, status: number) =>
          sendLookup(reply, form, lookup, { text: message, refused: true, status }, form.text);
        if (problem) {
          log.info({ problem }, "status page addition's photos refused");
          const why =
            problem === "photo_count"
              ? text.tooManyPhotos.replace("{max}", String(MAX_PHOTOS))
              : text.errors[problem];
          return keptWords(`${why}${text.supplementKept}`, PHOTO_PROBLEM_STATUS[problem]);
        }
        if (form.text === "" && photos.length === 0) return keptWords(text.supplementEmpty, 400);
        if (!petitionerMayAct(lookup.detail)) return keptWords(text.cannotSupplement, 409);
        // No words: the photos are added alone (as data, not as a placeholder text).
        const words = form.text === "" ? null : form.text;
        let supplemented;
        try {
          const photoIds = await keepPhotos(lookup.ownerRef, photos);
          supplemented = await deps.supplements.supplement(lookup.ownerRef, no, words, photoIds);
        } catch (error) {
          log.error({ err: error, photos: photos.length }, "status page addition failed");
          return keptWords(`${text.supplementFailed}${text.supplementKept}`, 503);
        }
        if (supplemented.decision === "refused") {
          log.warn({ request: "supplement" }, "status page decision refused");
          return keptWords(text.cannotSupplement, 409);
        }
        log.info({ request: "supplement", photos: photos.length }, "status page decision applied");
        const hazards = detectHazards(form.text);
        const added =
          words === null
            ? text.supplementedPhotos.replace("{n}", String(photos.length))
            : text.supplemented;
        const { grownTo } = supplemented;
        const done = [
          added,
          ...(hazards.length > 0 ? [t(form.lang, "emergency", { hazards })] : []),
          ...(grownTo === null ? [] : [t(form.lang, "supplementGroupGrown", { group: grownTo })]),
        ].join("\n");
        return sendLookup(reply, form, await lookUp(form), { text: done, refused: false });
      },
    );

    /** Keeps the addition's photos as the case's citizen's own (as their chat's would be). */
    async function keepPhotos(ownerRef: string, photos: readonly PostedPhoto[]): Promise<string[]> {
      const owner = parseCitizenRef(ownerRef);
      if (!owner) return [];
      const ids: string[] = [];
      for (const { bytes, mimeType } of photos) {
        const kept = photoOwner(owner.channel, owner.externalId);
        ids.push(await deps.uploads.save(kept, bytes, mimeType, deps.clock.now()));
      }
      return ids;
    }

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
          throw new WebError(400, "invalid_request", `Invalid event: ${describe(body.error)}`);
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

/**
 * An addition's multipart body: its fields, and its photos (at most MAX_PHOTOS, each at most
 * `photoBytes` and a picture by its bytes): all of them, or none and why. The form's words come
 * before its photos, so photos refused leave the words to answer with. A file input left empty
 * posts an empty part: no photo.
 * @throws WebError 400 for a body that is not readable multipart.
 */
async function readAdditionParts(
  request: FastifyRequest,
  photoBytes: number,
): Promise<{ fields: Record<string, string> } & PostedPhotos> {
  const fields: Record<string, string> = {};
  const photos: PostedPhoto[] = [];
  let notPictures = false;
  const limits = { fileSize: photoBytes, files: MAX_PHOTOS, fields: 10, fieldSize: 64 * 1024 };
  try {
    for await (const part of request.parts({ limits })) {
      if (part.type === "field") {
        if (typeof part.value === "string") fields[part.fieldname] = part.value;
        continue;
      }
      const bytes = await part.toBuffer();
      if (bytes.length === 0) continue;
      const mimeType = detectPhotoType(bytes);
      // Read on: the body is read to its end, and a photo too large says so first.
      if (mimeType) photos.push({ bytes, mimeType });
      else notPictures = true;
    }
  } catch (error) {
    const problem = PHOTO_LIMITS_PASSED[String((error as { code?: unknown }).code)];
    if (!problem) {
      throw new WebError(400, "invalid_request", "The upload is not a readable multipart body.");
    }
    return { fields, photos: [], problem };
  }
  return notPictures
    ? { fields, photos: [], problem: "photo_type" }
    : { fields, photos, problem: null };
}

/** The multipart reader's errors of a photo too large or one too many. */
const PHOTO_LIMITS_PASSED: Partial<Record<string, PhotoProblem>> = {
  FST_REQ_FILE_TOO_LARGE: "photo_size",
  FST_FILES_LIMIT: "photo_count",
};

/** Every error as the web answers it: never a stack trace, always a code the page knows. */
/** "The photo is larger than 5 MB." for the configured limit. */
function photoTooLarge(photoBytes: number): WebError {
  const megabytes = Number((photoBytes / (1024 * 1024)).toFixed(1));
  return new WebError(413, "photo_size", `The photo is larger than ${megabytes} MB.`);
}

function toWebError(error: unknown, photoBytes: number): WebError {
  if (error instanceof WebError) return error;
  if (isAppError(error)) {
    switch (error.code) {
      case "input.invalid":
        return new WebError(400, "invalid_request", "The request is invalid.");
      case "case.not_found":
        return new WebError(404, "not_found", "Not found.");
      case "auth.forbidden":
        return new WebError(403, "csrf", "Not allowed.");
      default:
        return new WebError(503, "unavailable", "The service is unavailable; try again later.");
    }
  }
  const e = error as { code?: unknown; statusCode?: unknown };
  const code = typeof e.code === "string" ? e.code : "";
  const status = typeof e.statusCode === "number" ? e.statusCode : 500;
  if (code.startsWith("FST_CSRF_")) {
    return new WebError(403, "csrf", "Missing or invalid CSRF token: reload the page.");
  }
  if (code === "FST_REQ_FILE_TOO_LARGE") {
    return photoTooLarge(photoBytes);
  }
  if (code === "FST_ERR_CTP_BODY_TOO_LARGE" || status === 413) {
    return new WebError(413, "too_large", "The request body is too large.");
  }
  if (
    error instanceof SyntaxError ||
    code === "FST_ERR_CTP_INVALID_JSON_BODY" ||
    code === "FST_ERR_CTP_EMPTY_JSON_BODY"
  ) {
    return new WebError(400, "bad_json", "The request body is not valid JSON.");
  }
  if (status === 429) return new WebError(429, "rate_limited", "Too many requests.");
  if (status >= 400 && status < 500) {
    return new WebError(status, "invalid_request", "The request is not one this service accepts.");
  }
  if (httpFailureOf(error).status === 503) {
    return new WebError(503, "unavailable", "The service is unavailable; try again later.");
  }
  return new WebError(500, "unavailable", "Something went wrong; try again later.");
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`)
    .join("; ");
}
