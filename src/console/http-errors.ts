/**
 * The console's one mapping from errors to HTTP answers:
 * `{ error: { code, message } }` with the message in the viewer's language,
 * never a stack trace.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { isAppError, type AppErrorCode } from "../errors.ts";
import { httpFailureOf, logHttpFailure, withRetryAfter } from "../http/error-mapping.ts";
import { consoleMessage, hasConsoleMessage, localeOf } from "./messages.ts";

const STATUS: { readonly [K in AppErrorCode]: number } = {
  "input.invalid": 400,
  "auth.forbidden": 403,
  "case.not_found": 404,
  "storage.conflict": 409,
  "case.already_decided": 409,
  "case.illegal_transition": 409,
  "config.invalid": 500,
  "config.directory": 500,
  "storage.unavailable": 503,
  "channel.permanent": 502,
  "channel.transient": 503,
};

/** An answer the console sends on purpose (401, 409 with a message…). */
export class ConsoleHttpError extends Error {
  override readonly name = "ConsoleHttpError";
  constructor(
    readonly statusCode: number,
    readonly key: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function sendError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const locale = localeOf(request.headers["accept-language"]);
  const answer = (status: number, key: string, details: Record<string, unknown> = {}) =>
    withRetryAfter(reply, status)
      .code(status)
      .header("cache-control", "no-store")
      .send({
        error: {
          code: key,
          message: consoleMessage(key, locale),
          ...details,
          ...(status >= 500 && { requestId: request.id }),
        },
      });

  if (error instanceof ConsoleHttpError) {
    request.log.info({ err: error.message, status: error.statusCode }, "console request refused");
    const retryAfter = error.details.retryAfterSeconds;
    if (typeof retryAfter === "number") reply.header("retry-after", String(retryAfter));
    return answer(error.statusCode, error.key, error.details);
  }
  const failure = httpFailureOf(error);
  if (failure.status === 503) {
    logHttpFailure(request, error, 503);
    return answer(503, "server.unavailable");
  }
  if (isAppError(error)) {
    const status = STATUS[error.code];
    const key =
      error.userMessageKey && hasConsoleMessage(error.userMessageKey)
        ? error.userMessageKey
        : hasConsoleMessage(error.code)
          ? error.code
          : "server.error";
    if (status >= 500) request.log.error({ err: error }, "console request failed");
    else request.log.info({ err: error.message, code: error.code }, "console request refused");
    // The lifecycle's own text names the rule; staff may read it (it never holds a citizen's words).
    return answer(status, key, status < 500 ? { detail: error.message } : {});
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => `${v.instancePath || "/"} ${v.message ?? ""}`);
    // A schema that names its refusal (a message key, action-schemas.ts) is answered with it.
    const named = error.validation.find((v) => v.message && hasConsoleMessage(v.message));
    return answer(400, named?.message ?? "input.invalid", { detail: issues.join("; ") });
  }
  const fastifyError = error as Partial<FastifyError> & { statusCode?: number };
  if (
    fastifyError.code === "FST_CSRF_MISSING_SECRET" ||
    fastifyError.code === "FST_CSRF_INVALID_TOKEN"
  ) {
    return answer(403, "csrf.invalid");
  }
  if (fastifyError.statusCode === 429) {
    return answer(429, "auth.rate_limited");
  }
  if (fastifyError.statusCode !== undefined && fastifyError.statusCode < 500) {
    return answer(
      fastifyError.statusCode,
      fastifyError.statusCode === 404 ? "not_found" : "input.invalid",
    );
  }
  logHttpFailure(request, error, failure.status);
  return failure.status < 500
    ? answer(failure.status, failure.status === 404 ? "not_found" : "input.invalid")
    : answer(500, "server.error");
}
