import { AppError } from "../../errors.ts";

/**
 * Why a WeCom API call failed, as far as the caller needs to act on it:
 * - `not_reachable`: WeCom refused to deliver to this recipient now (微信客服: the 5-message /
 *   48-hour window after the citizen's last message is used up). Wait for the citizen to write.
 * - `rate_limited` (45009, 45033) and `busy` (-1): retry later, slower.
 * - `token`: the access token was refused again right after a refresh.
 * - `http`, `network`, `timeout`: the transport failed; 5xx, network and timeouts are transient.
 * - `invalid_request`: we built a request WeCom's limits reject (checked before sending).
 * - `invalid_response`: the answer did not have the documented shape.
 * - `too_large`: a media/get file over the client's size limit (permanent).
 * - `rejected`: any other errcode (bad parameters, permissions, unknown user, 40007 an unknown
 *   or expired media_id).
 */
export type WeComErrorReason =
  | "not_reachable"
  | "rate_limited"
  | "busy"
  | "token"
  | "http"
  | "network"
  | "timeout"
  | "invalid_request"
  | "invalid_response"
  | "too_large"
  | "rejected";

/**
 * A failed WeCom API call. `permanent` says whether the same call can succeed later
 * (false: retry with backoff; true: do not retry, tell someone). The AppError code follows
 * it: `channel.permanent` or `channel.transient`. `message` carries the method and errcode,
 * never a message text or a user id.
 */
export class WeComError extends AppError {
  readonly permanent: boolean;
  readonly reason: WeComErrorReason;
  /** WeCom's errcode when WeCom answered one. */
  readonly errcode: number | undefined;
  /** HTTP status when the failure was an HTTP status. */
  readonly httpStatus: number | undefined;
  /** The API method, e.g. "kf/send_msg". */
  readonly method: string;

  constructor(
    message: string,
    details: {
      method: string;
      reason: WeComErrorReason;
      permanent: boolean;
      errcode?: number;
      httpStatus?: number;
      cause?: unknown;
    },
  ) {
    super(details.permanent ? "channel.permanent" : "channel.transient", message, {
      cause: details.cause,
    });
    this.permanent = details.permanent;
    this.reason = details.reason;
    this.errcode = details.errcode;
    this.httpStatus = details.httpStatus;
    this.method = details.method;
  }
}

export function isWeComError(error: unknown): error is WeComError {
  return error instanceof WeComError;
}

/**
 * Why an incoming callback was refused:
 * - `signature`, `timestamp`, `decrypt`, `receive_id`: not from WeCom (or not for us) → 403.
 * - `replay`: this exact (msg_signature, nonce) was already accepted → acknowledged, not processed.
 * - `malformed`: missing parameters, malformed XML or an unexpected shape → 400.
 */
export type WeComCallbackRefusal =
  "signature" | "timestamp" | "replay" | "decrypt" | "receive_id" | "malformed";

/**
 * A callback that must not be processed. The AppError code is `auth.forbidden` for
 * authentication failures and `input.invalid` for malformed input and replays.
 */
export class WeComCallbackError extends AppError {
  readonly refusal: WeComCallbackRefusal;

  constructor(refusal: WeComCallbackRefusal, message: string, options: { cause?: unknown } = {}) {
    super(
      refusal === "malformed" || refusal === "replay" ? "input.invalid" : "auth.forbidden",
      message,
      options,
    );
    this.refusal = refusal;
  }
}
