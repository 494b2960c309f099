/**
 * What every HTTP edge answers for an error it has no words of its own for: a client's
 * mistake is a 4xx, a database out of reach a 503 (clients and Telegram try again), and
 * anything else a 500 that names the request id and nothing of the inside (no message,
 * no stack, no path). The web chat and the console map their own errors first and fall
 * back on this; routes outside them (webhooks, health) get it from the server's handler.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { isAppError } from "../errors.ts";
import { isDatabaseUnavailable } from "../storage/database.ts";

export type HttpFailureCode =
  | "bad_request"
  | "bad_json"
  | "too_large"
  | "not_found"
  | "rate_limited"
  | "timeout"
  | "unavailable"
  | "server_error";

export interface HttpFailure {
  readonly status: number;
  readonly code: HttpFailureCode;
}

/** Seconds a client is asked to wait after a 503. */
export const RETRY_AFTER_SECONDS = 5;

/** The status and code of an error no edge mapped itself. */
export function httpFailureOf(error: unknown): HttpFailure {
  if (isAppError(error, "storage.unavailable") || isDatabaseUnavailable(error)) {
    return { status: 503, code: "unavailable" };
  }
  if (isAppError(error, "input.invalid")) return { status: 400, code: "bad_request" };
  if (isAppError(error, "case.not_found")) return { status: 404, code: "not_found" };
  const e = (error ?? {}) as { code?: unknown; statusCode?: unknown };
  const code = typeof e.code === "string" ? e.code : "";
  const status = typeof e.statusCode === "number" ? e.statusCode : 500;
  if (code === "FST_ERR_CTP_BODY_TOO_LARGE" || status === 413) {
    return { status: 413, code: "too_large" };
  }
  if (
    error instanceof SyntaxError ||
    code === "FST_ERR_CTP_INVALID_JSON_BODY" ||
    code === "FST_ERR_CTP_EMPTY_JSON_BODY" ||
    code === "FST_ERR_JSON_TOO_DEEP"
  ) {
    return { status: 400, code: "bad_json" };
  }
  if (status === 429) return { status: 429, code: "rate_limited" };
  if (status === 408) return { status: 408, code: "timeout" };
  if (status === 404) return { status: 404, code: "not_found" };
  if (status >= 400 && status < 500) return { status, code: "bad_request" };
  return { status: 500, code: "server_error" };
}

/**
 * Logs an error once at the level its status deserves: a 500 is a fault of ours (error),
 * a 503 an outage clients ride out (warn), a 4xx the client's (info).
 */
export function logHttpFailure(request: FastifyRequest, error: unknown, status: number): void {
  if (status >= 500 && status !== 503) request.log.error({ err: error }, "request failed");
  else if (status === 503) request.log.warn({ err: error }, "request failed: service unavailable");
  else request.log.info({ err: errorSummary(error), status }, "request refused");
}

/** The error's class and code for a log line of a refused request (never its message). */
function errorSummary(error: unknown): string {
  const e = (error ?? {}) as { name?: unknown; code?: unknown };
  return [e.name, e.code].filter((part) => typeof part === "string").join(" ");
}

/** Adds Retry-After to a 503. */
export function withRetryAfter(reply: FastifyReply, status: number): FastifyReply {
  if (status === 503) reply.header("retry-after", String(RETRY_AFTER_SECONDS));
  return reply;
}
