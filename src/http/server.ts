import { randomUUID } from "node:crypto";
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from "fastify";
import { cleanDeep, jsonDepth, MAX_JSON_DEPTH } from "../input-rule.ts";
import type { Logger } from "../logging/logger.ts";
import { isDatabaseUnavailable } from "../storage/database.ts";
import { schemaCompilersOnFirstUse } from "./schema-compilers.ts";
import { httpFailureOf, logHttpFailure, withRetryAfter } from "./error-mapping.ts";

/** The HTTP settings of config.http that shape the server (see the README for each). */
export interface HttpServerSettings {
  /** Which proxies' X-Forwarded-For to believe: a hop count, a list of addresses, or none. */
  readonly trustProxy: number | readonly string[] | false;
  /** An idle connection is closed after this long. */
  readonly idleTimeoutMs: number;
  /** A client must have sent its request headers within this. */
  readonly headersTimeoutMs: number;
  /** A client must have sent its whole request (headers and body) within this. */
  readonly requestTimeoutMs: number;
}

export const DEFAULT_HTTP_SERVER_SETTINGS: HttpServerSettings = {
  trustProxy: false,
  idleTimeoutMs: 60_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
};

export interface HttpDependencies {
  readonly logger: Logger;
  readonly settings?: HttpServerSettings;
  /** True when the database answers now. */
  readonly checkDatabase: () => Promise<boolean>;
  /** True while the service takes work (started, not stopping): for load balancers. */
  readonly isReady: () => boolean;
  /** The page a browser gets at an address that has none (the web's frame and language). */
  readonly notFoundPage?: (request: FastifyRequest) => string;
}

/** After a request failed for want of the database, /healthz says so for this long. */
const RECENT_FAILURE_MS = 5000;

/**
 * The HTTP server: health and readiness, and (installed by the composition root) the
 * channels' webhooks, the web chat and the console. Every request gets a random id
 * (answered as `x-request-id`, logged with every line of the request); every JSON body is
 * parsed with a depth limit, and every string of a body, query or path parameter is put
 * under the input rule (src/input-rule.ts) before any route sees it. Nothing listens until
 * the caller calls `listen`.
 */
export function createHttpServer(deps: HttpDependencies): FastifyInstance {
  const settings = deps.settings ?? DEFAULT_HTTP_SERVER_SETTINGS;
  const server = Fastify({
    loggerInstance: deps.logger.child({ component: "http" }) as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    // Fastify's own request lines carry the full URL, query string included (a clerk's
    // search for a phone number): this server logs each request without it (below).
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    schemaController: { compilersFactory: schemaCompilersOnFirstUse },
    // A client's own X-Request-Id is not believed: ids must be unique to find a log line.
    requestIdHeader: false,
    trustProxy: trustProxyOption(settings.trustProxy),
    // A path that is not a valid URL ("/console/cases/%ff") is the client's mistake: a 400 in
    // the service's own shape, not Fastify's.
    frameworkErrors: (error, request, reply) => {
      request.log.info({ code: error.code, path: pathOf(request.url) }, "request refused");
      // The reply's type here is Fastify's generic default for routes with schemas; this one has none.
      const plain = reply as unknown as FastifyReply;
      void plain.code(400).send({ error: { code: "invalid_request", requestId: request.id } });
    },
    connectionTimeout: settings.idleTimeoutMs,
    keepAliveTimeout: Math.min(5000, settings.idleTimeoutMs),
    requestTimeout: settings.requestTimeoutMs,
    http: {
      headersTimeout: settings.headersTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      // Node checks those two only this often (30 s by default): often enough for them to hold.
      connectionsCheckingInterval: Math.max(
        50,
        Math.min(1000, settings.headersTimeoutMs / 2, settings.requestTimeoutMs / 2),
      ),
    },
  });

  const defaultJson = server.getDefaultJsonParser("error", "error");
  server.removeContentTypeParser("application/json");
  server.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    if (jsonDepth(String(body)) > MAX_JSON_DEPTH) {
      const error = Object.assign(new Error(`JSON nested deeper than ${MAX_JSON_DEPTH}`), {
        statusCode: 400,
        code: "FST_ERR_JSON_TOO_DEEP",
      });
      done(error, undefined);
      return;
    }
    defaultJson(request, String(body), done);
  });

  server.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  server.addHook("onResponse", async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        path: pathOf(request.url),
        route: request.routeOptions.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      "request completed",
    );
  });
  server.addHook("preValidation", async (request) => {
    if (request.body !== undefined && !Buffer.isBuffer(request.body)) {
      request.body = cleanDeep(request.body);
    }
    request.query = cleanDeep(request.query);
    request.params = cleanDeep(request.params);
  });

  let lastDatabaseFailure = Number.NEGATIVE_INFINITY;
  server.addHook("onError", async (_request, _reply, error) => {
    if (isDatabaseUnavailable(error)) lastDatabaseFailure = performance.now();
  });

  server.setErrorHandler((error, request, reply) => {
    const failure = httpFailureOf(error);
    logHttpFailure(request, error, failure.status);
    return withRetryAfter(reply, failure.status)
      .code(failure.status)
      .send({ error: { code: failure.code, requestId: request.id } });
  });

  // An address with nothing at it: a page for a browser, the service's JSON shape otherwise.
  server.setNotFoundHandler((request, reply) => {
    reply.code(404).header("cache-control", "no-store");
    if (deps.notFoundPage && request.headers.accept?.includes("text/html")) {
      return reply.type("text/html; charset=utf-8").send(deps.notFoundPage(request));
    }
    return reply.send({ error: { code: "not_found", requestId: request.id } });
  });

  async function databaseState(): Promise<"ok" | "unavailable" | "failing"> {
    if (!(await deps.checkDatabase())) return "unavailable";
    return performance.now() - lastDatabaseFailure < RECENT_FAILURE_MS ? "failing" : "ok";
  }

  server.get("/healthz", { logLevel: "warn" }, async (_request, reply) => {
    const database = await databaseState();
    const healthy = database === "ok";
    return withRetryAfter(reply, healthy ? 200 : 503)
      .code(healthy ? 200 : 503)
      .header("cache-control", "no-store")
      .send({ status: healthy ? "ok" : "unavailable", database });
  });

  server.get("/readyz", { logLevel: "warn" }, async (_request, reply) => {
    const ready = deps.isReady() && (await databaseState()) === "ok";
    return withRetryAfter(reply, ready ? 200 : 503)
      .code(ready ? 200 : 503)
      .header("cache-control", "no-store")
      .send({ status: ready ? "ready" : "not_ready" });
  });

  return server;
}

/** The path of a request URL, without its query string (which may hold a name or a phone). */
export function pathOf(url: string): string {
  const end = url.indexOf("?");
  return end === -1 ? url : url.slice(0, end);
}

/** Fastify's trustProxy for the setting: the n nearest hops, the listed proxies, or none. */
function trustProxyOption(
  trust: HttpServerSettings["trustProxy"],
): false | string[] | ((address: string, hop: number) => boolean) {
  if (trust === false) return false;
  if (typeof trust === "number") return (_address, hop) => hop < trust;
  return [...trust];
}
