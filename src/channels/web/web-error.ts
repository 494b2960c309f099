/**
 * The web channel's errors: a status and a code the pages have words for (i18n/web-page.ts),
 * for the chat's JSON API and the status page alike.
 */
import type { z } from "zod";
import { isAppError } from "../../errors.ts";
import { httpFailureOf } from "../../http/error-mapping.ts";
import type { WebErrorCode } from "../../i18n/web-page.ts";

/** An error the web routes answer with: an HTTP status and a code the page has words for. */
export class WebError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: WebErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** "The photo is larger than 5 MB." for the configured limit. */
export function photoTooLarge(photoBytes: number): WebError {
  const megabytes = Number((photoBytes / (1024 * 1024)).toFixed(1));
  return new WebError(413, "photo_size", `The photo is larger than ${megabytes} MB.`);
}

/** Every error as the web answers it: never a stack trace, always a code the page knows. */
export function toWebError(error: unknown, photoBytes: number): WebError {
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

/** The first issues of a request that does not parse, for its 400's message. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`)
    .join("; ");
}
