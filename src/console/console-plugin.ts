/**
 * The staff web console as one Fastify plugin: /console (the pages, a small
 * static app without a build step), /console/assets, and the JSON API under
 * /api with its OpenAPI document. Everything here is encapsulated: the
 * validator, the error handler and the hooks apply to these routes only.
 */
import type { ChatPhotoKeeping } from "../cases/case-photo.ts";
import type { LocatedInReader } from "../cases/located-in.ts";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { CaseActions } from "../cases/case-actions.ts";
import type { KfReplyWindow } from "../notifications/reply-window.ts";
import type { WorkingCalendar } from "../domain/calendar.ts";
import type { Directory } from "../domain/directory.ts";
import type { Logger } from "../logging/logger.ts";
import type { UnitPhotos } from "../cases/unit-photos.ts";
import type { CaseReads } from "../storage/case-reads.ts";
import type { ReadQueries } from "../storage/queries/read-queries.ts";
import type { GuessCounter } from "../storage/guess-counter.ts";
import type { InboxStore } from "../storage/inbox-store.ts";
import type { Open311Store } from "../storage/open311-store.ts";
import type { StaffSessionStore } from "../storage/staff-session-store.ts";
import type { ConsoleStaffStore, StaffStore } from "../storage/staff-store.ts";
import { caseRoutes } from "./case-routes.ts";
import type { CallRegistrationDeps } from "../cases/register-call.ts";
import { callRoutes } from "./call-routes.ts";
import { tileOrigin, type MapSettings } from "../config/map-settings.ts";
import { mapRoutes } from "./map-routes.ts";
import { inboxRoutes } from "./inbox-routes.ts";
import type { ConsoleContext } from "./console-context.ts";
import { sendError } from "./http-errors.ts";
import { renderShell } from "./shell.ts";
import type { ClassifierOverview } from "../classification/classifier-overview.ts";
import { classifierRoutes } from "./classifier-routes.ts";
import { apiKeyRoutes } from "./api-key-routes.ts";
import { staffRoutes } from "./staff-routes.ts";
import { reportRoutes } from "./report-routes.ts";
import { sessionRoutes } from "./session-routes.ts";
import { unitPhotoRoutes } from "./unit-photo-routes.ts";
import { createStaffAuth } from "./staff-auth.ts";
import { DAY_MS } from "../domain/shanghai-time.ts";

/** The stores the console works through, built by the composition root. */
export interface ConsoleStores {
  /** Staff members with their passwords, roles and units; administrators manage them. */
  readonly staff: ConsoleStaffStore;
  readonly sessions: StaffSessionStore;
  /** Wrong passwords per username and day. */
  readonly guesses: GuessCounter;
  /** Staff members' display names, for the cases' histories. */
  readonly staffNames: StaffStore;
  /** Inbound chat updates, for the administrators' view of stuck ones. */
  readonly inbox: InboxStore;
  /** Open311 API keys. */
  readonly apiKeys: Pick<Open311Store, "issueKey" | "listKeys" | "revokeKey">;
}

export interface ConsoleDependencies {
  readonly stores: ConsoleStores;
  /** Cases, their files, timelines, suggestions and notices. */
  readonly caseReads: CaseReads;
  readonly queries: ReadQueries;
  readonly directory: Directory;
  /** Where a shared point lies, on the case page (built once by the composition root). */
  readonly locatedIn: LocatedInReader;
  readonly caseActions: CaseActions;
  readonly clock: { now(): Date };
  /** The working calendar the deadlines are counted on (a case page's review window). */
  readonly calendar: () => WorkingCalendar;
  readonly logger: Logger;
  /** PUBLIC_URL: cookies are `secure` when it is https. */
  readonly publicUrl?: string | undefined;
  /** Where web uploads are kept (default data/uploads). */
  readonly photoRoot?: string;
  /**
   * Downloads, by channel, of photos a chat channel keeps by file id only (Telegram's, when the
   * bot is configured): fetched and kept when staff first open them.
   */
  readonly chatPhotos: ChatPhotoKeeping;
  /** Sign-in attempts per client address (default 30 a minute). */
  readonly signInLimit?: { readonly max: number; readonly windowMs: number };
  /** Signs the staff's device cookies (storage/service-secret.ts). */
  readonly signingSecret: Buffer;
  /** Wrong passwords per username and day before the backoff (SIGN_IN_FREE_FAILURES). */
  readonly signInFreeFailures: number;
  /** config.wecom.replyWindow: what a case page says of a citizen WeCom cannot reach. */
  readonly wecomReplyWindow?: KfReplyWindow | undefined;
  /** Photos a unit attaches to its answer or progress report (upload and view on the case page). */
  readonly unitPhotos?: UnitPhotos | undefined;
  /** The classifier's overview for administrators (GET /api/admin/classifier). */
  readonly classifierOverview?: () => Promise<ClassifierOverview>;
  /** The map's tile server (config.map); without one the map draws the region outlines. */
  readonly map?: MapSettings;
  /** What registering a call or visit needs (POST /api/cases); without it, no registration. */
  readonly callRegistration?: CallRegistrationDeps;
}

const STATIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "static");
const require = createRequire(import.meta.url);
const CHART_JS = path.join(path.dirname(require.resolve("chart.js")), "chart.umd.min.js");
/** Leaflet and its clustering plugin, served from node_modules (no CDN). */
const LEAFLET_DIR = path.dirname(require.resolve("leaflet/dist/leaflet.js"));
const MARKERCLUSTER_DIR = path.dirname(
  require.resolve("leaflet.markercluster/dist/leaflet.markercluster.js"),
);

/** The headers of every console answer; the map's tile server, if any, may serve images. */
function securityHeaders(map: MapSettings) {
  const tiles = tileOrigin(map);
  return {
    "content-security-policy":
      `default-src 'self'; img-src 'self' data: blob:${tiles ? ` ${tiles}` : ""}; style-src 'self'; ` +
      "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
  };
}

/**
 * The console plugin; register it on the service's Fastify instance. Logs
 * how to create the first administrator when there is none.
 */
export function createConsolePlugin(deps: ConsoleDependencies): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    app.setErrorHandler(sendError);

    const secureCookies = deps.publicUrl?.startsWith("https:") ?? false;
    const { stores } = deps;
    const auth = createStaffAuth({
      staff: stores.staff,
      sessions: stores.sessions,
      clock: deps.clock,
      secureCookies,
      guesses: stores.guesses,
      signingSecret: deps.signingSecret,
      freeFailures: deps.signInFreeFailures,
    });
    const context: ConsoleContext = {
      reads: deps.caseReads,
      queries: deps.queries,
      directory: deps.directory,
      locatedIn: deps.locatedIn,
      caseActions: deps.caseActions,
      staffNames: stores.staffNames,
      auth,
      clock: deps.clock,
      calendar: deps.calendar,
      photoRoot: deps.photoRoot ?? path.resolve("data/uploads"),
      chatPhotos: deps.chatPhotos,
      wecomReplyWindow: deps.wecomReplyWindow,
      unitPhotos: deps.unitPhotos,
    };

    // The web chat may register the same plugins on the root: a second registration would
    // fail on its decorator, so each is registered only when absent.
    if (!app.hasDecorator("parseCookie")) await app.register(fastifyCookie);
    if (!app.hasDecorator("csrfProtection")) {
      await app.register(fastifyCsrf, {
        cookieKey: "console_csrf",
        cookieOpts: { path: "/", httpOnly: true, sameSite: "strict", secure: secureCookies },
      });
    }
    if (!app.hasDecorator("rateLimit")) await app.register(fastifyRateLimit, { global: false });
    await app.register(fastifySwagger, {
      openapi: {
        info: {
          title: "Petition intake — staff console API",
          description:
            "Everything the console does. Sign in with POST /api/session; send the token of " +
            "GET /api/csrf as x-csrf-token with every POST and DELETE.",
          version: "1",
        },
        components: {
          securitySchemes: {
            session: { type: "apiKey", in: "cookie", name: auth.cookieName },
          },
        },
        security: [{ session: [] }],
      },
      transform: jsonSchemaTransform,
    });

    app.decorateRequest("consoleViewer", null);
    app.addHook("onRequest", async (request) => {
      if (request.url.startsWith("/console/assets/")) return;
      request.consoleViewer = await auth.viewerOf(request);
    });
    app.addHook("onRequest", (request, reply, done) => {
      if (["GET", "HEAD", "OPTIONS"].includes(request.method)) return done();
      app.csrfProtection(request, reply, done);
    });
    const headers = securityHeaders(deps.map ?? {});
    app.addHook("onSend", async (request, reply) => {
      reply.headers(headers);
      if (request.url.startsWith("/api/") && !reply.hasHeader("cache-control")) {
        reply.header("cache-control", "no-store");
      }
    });

    await app.register(sessionRoutes, {
      context,
      signInLimit: deps.signInLimit ?? { max: 30, windowMs: 60_000 },
    });
    await app.register(caseRoutes, { context });
    if (deps.callRegistration) {
      await app.register(callRoutes, { context, registration: deps.callRegistration });
    }
    await app.register(mapRoutes, { context, settings: deps.map ?? {} });
    if (deps.unitPhotos) {
      await app.register(unitPhotoRoutes, { context, unitPhotos: deps.unitPhotos });
    }
    await app.register(reportRoutes, { context });
    await app.register(inboxRoutes, { inbox: stores.inbox });
    await app.register(apiKeyRoutes, { store: stores.apiKeys, clock: deps.clock });
    await app.register(staffRoutes, { store: stores.staff, directory: deps.directory });
    if (deps.classifierOverview) {
      await app.register(classifierRoutes, { overview: deps.classifierOverview });
    }

    app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

    await app.register(fastifyStatic, {
      root: STATIC_DIR,
      prefix: "/console/assets/",
      decorateReply: false,
      index: false,
    });
    for (const [root, prefix] of [
      [LEAFLET_DIR, "/console/assets/vendor/leaflet/"],
      [MARKERCLUSTER_DIR, "/console/assets/vendor/markercluster/"],
    ]) {
      await app.register(fastifyStatic, {
        root,
        prefix,
        decorateReply: false,
        index: false,
        maxAge: DAY_MS,
      });
    }
    let chartJs: Promise<Buffer> | undefined;
    app.get(
      "/console/assets/vendor/chart.umd.min.js",
      { schema: { hide: true } },
      async (_r, reply) => {
        chartJs ??= readFile(CHART_JS);
        return reply
          .header("content-type", "text/javascript; charset=utf-8")
          .header("cache-control", "public, max-age=86400")
          .send(await chartJs);
      },
    );

    const shell = async (request: FastifyRequest, reply: FastifyReply) =>
      reply
        .header("content-type", "text/html; charset=utf-8")
        .header("cache-control", "no-store")
        .send(
          renderShell({
            csrfToken: reply.generateCsrf(),
            lang: request.headers["accept-language"],
            city: deps.directory,
          }),
        );
    app.get("/console", { schema: { hide: true } }, shell);
    app.get("/console/*", { schema: { hide: true } }, shell);

    await stores.sessions.purgeExpired(deps.clock.now());
    if ((await stores.staff.countAdmins()) === 0) {
      deps.logger.warn(
        "no console administrator yet: create one with `npm run staff -- add <username> --role admin --password-stdin`",
      );
    }
  };
}
