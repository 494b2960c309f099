import { z } from "zod";
import type { Logger } from "../../logging/logger.ts";
import { WeComError, type WeComErrorReason } from "./errors.ts";

// ---------------------------------------------------------------------------
// Wire schemas (requests are checked against WeCom's documented limits before sending)
// ---------------------------------------------------------------------------

const bytes = (max: number, min = 1) =>
  z.string().refine((value) => {
    const length = Buffer.byteLength(value);
    return length >= min && length <= max;
  }, `${min}–${max} bytes`);

/** One "click" item of a 微信客服 menu message; a click comes back as a text with menu_id. */
export const KfMenuItemSchema = z.object({
  type: z.literal("click"),
  click: z.object({ id: bytes(64), content: bytes(128) }),
});

const KfMediaSchema = z.object({ media_id: z.string().min(1) });

/** Each kind of 微信客服 message we send, without its addressing. */
const KfTextSchema = z.object({
  msgtype: z.literal("text"),
  text: z.object({ content: bytes(2048) }),
});
const KfMenuSchema = z.object({
  msgtype: z.literal("msgmenu"),
  msgmenu: z.object({
    head_content: bytes(1024).optional(),
    list: z.array(KfMenuItemSchema).min(1).max(10),
    tail_content: bytes(1024).optional(),
  }),
});
const KfImageSchema = z.object({ msgtype: z.literal("image"), image: KfMediaSchema });
const KfFileSchema = z.object({ msgtype: z.literal("file"), file: KfMediaSchema });

/** A kf/send_msg body without its addressing: text, a menu (msgmenu), an image or a file. */
export const KfBodySchema = z.discriminatedUnion("msgtype", [
  KfTextSchema,
  KfMenuSchema,
  KfImageSchema,
  KfFileSchema,
]);
export type KfBody = z.input<typeof KfBodySchema>;

/** The addressing of every 微信客服 message: the citizen, our kf account, our message id. */
const KF_ADDRESS = {
  touser: z.string().min(1),
  open_kfid: z.string().min(1),
  msgid: z
    .string()
    .regex(/^[0-9a-zA-Z_-]{1,32}$/)
    .optional(),
};

/** A 微信客服 message we send: one of the bodies with its addressing. */
export const KfSendMessageSchema = z.discriminatedUnion("msgtype", [
  KfTextSchema.extend(KF_ADDRESS),
  KfMenuSchema.extend(KF_ADDRESS),
  KfImageSchema.extend(KF_ADDRESS),
  KfFileSchema.extend(KF_ADDRESS),
]);
export type KfSendMessage = z.input<typeof KfSendMessageSchema>;

/**
 * A kf/send_msg_on_event body: the one text or menu an event's code allows (the welcome of an
 * enter_session event's welcome_code), sent without the citizen's address — the code names them.
 */
export const KfEventMessageSchema = z.discriminatedUnion("msgtype", [
  KfTextSchema.extend({ code: z.string().min(1), msgid: KF_ADDRESS.msgid }),
  KfMenuSchema.extend({ code: z.string().min(1), msgid: KF_ADDRESS.msgid }),
]);
export type KfEventMessage = z.input<typeof KfEventMessageSchema>;

/** A button of a button_interaction template card. */
export const TemplateCardButtonSchema = z.object({
  text: bytes(30),
  /** 1–4: the button colours of WeCom's card. */
  style: z.number().int().min(1).max(4).optional(),
  key: bytes(1024),
});

/** The button_interaction template card (the one with buttons we use for staff decisions). */
export const ButtonInteractionCardSchema = z.looseObject({
  card_type: z.literal("button_interaction"),
  main_title: z.object({ title: z.string().optional(), desc: z.string().optional() }),
  sub_title_text: z.string().optional(),
  horizontal_content_list: z
    .array(z.looseObject({ keyname: z.string(), value: z.string().optional() }))
    .max(6)
    .optional(),
  task_id: z.string().regex(/^[0-9a-zA-Z_\-@]{1,128}$/),
  /** A drop-down above the buttons; a press hands back the picked option (SelectedItems). */
  button_selection: z
    .object({
      question_key: bytes(1024),
      title: z.string().optional(),
      option_list: z
        .array(z.object({ id: bytes(128), text: z.string().min(1) }))
        .min(1)
        .max(10),
      selected_id: z.string().optional(),
    })
    .optional(),
  button_list: z.array(TemplateCardButtonSchema).min(1).max(6),
  replace_text: z.string().optional(),
});
export type ButtonInteractionCard = z.input<typeof ButtonInteractionCardSchema>;

const staffIds = z.array(z.string().min(1)).min(1).max(1000);

/** A self-built app message to staff members. */
export const AppMessageSchema = z.discriminatedUnion("msgtype", [
  z.object({
    touser: staffIds,
    agentid: z.number().int(),
    msgtype: z.literal("text"),
    text: z.object({ content: bytes(2048) }),
  }),
  z.object({
    touser: staffIds,
    agentid: z.number().int(),
    msgtype: z.literal("template_card"),
    template_card: ButtonInteractionCardSchema,
  }),
]);
export type AppMessage = z.input<typeof AppMessageSchema>;

/** Update a card after a click: grey its buttons with a new label, or replace the card. */
export const UpdateTemplateCardSchema = z
  .object({
    userids: staffIds.optional(),
    atall: z.union([z.literal(0), z.literal(1)]).optional(),
    agentid: z.number().int(),
    response_code: z.string().min(1),
    button: z.object({ replace_name: bytes(30) }).optional(),
    template_card: ButtonInteractionCardSchema.optional(),
  })
  .refine(
    (value) => (value.button === undefined) !== (value.template_card === undefined),
    "either button or template_card",
  );
export type UpdateTemplateCard = z.input<typeof UpdateTemplateCardSchema>;

const ErrorBodySchema = z.looseObject({ errcode: z.number().int(), errmsg: z.string().optional() });

const TokenBodySchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
});

const RawKfMessageSchema = z.looseObject({
  msgid: z.string().min(1),
  open_kfid: z.string().optional(),
  external_userid: z.string().optional(),
  send_time: z.number(),
  origin: z.number().int(),
  servicer_userid: z.string().optional(),
  msgtype: z.string(),
  text: z.object({ content: z.string(), menu_id: z.string().optional() }).optional(),
  image: z.object({ media_id: z.string() }).optional(),
  voice: z.object({ media_id: z.string() }).optional(),
  video: z.object({ media_id: z.string() }).optional(),
  file: z.object({ media_id: z.string() }).optional(),
  location: z
    .object({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  event: z
    .looseObject({
      event_type: z.string(),
      open_kfid: z.string().optional(),
      external_userid: z.string().optional(),
      scene: z.string().optional(),
      scene_param: z.string().optional(),
      welcome_code: z.string().optional(),
      fail_msgid: z.string().optional(),
      fail_type: z.number().optional(),
    })
    .optional(),
});

const SyncBodySchema = z.object({
  next_cursor: z.string().optional().default(""),
  has_more: z.union([z.literal(0), z.literal(1), z.boolean()]).transform(Boolean),
  msg_list: z.array(z.unknown()).default([]),
});

const KfSendBodySchema = z.object({ msgid: z.string().optional().default("") });

const MediaUploadBodySchema = z.object({ media_id: z.string().min(1) });

const splitIds = z
  .string()
  .optional()
  .transform((value) => (value ? value.split("|").filter(Boolean) : []));

const MessageSendBodySchema = z.object({
  invaliduser: splitIds,
  msgid: z.string().optional(),
  response_code: z.string().optional(),
});

const UpdateCardBodySchema = z.object({
  invaliduser: z
    .union([z.array(z.string()), z.string()])
    .optional()
    .transform((value) =>
      value === undefined ? [] : Array.isArray(value) ? value : value.split("|").filter(Boolean),
    ),
});

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

/** Who sent a 微信客服 message: 3 the WeChat user, 4 WeCom (an event), 5 a servicer. */
export const KF_ORIGIN = { customer: 3, system: 4, servicer: 5 } as const;

/** The content of a message pulled with kf/sync_msg. */
export type KfContent =
  | { readonly type: "text"; readonly text: string; readonly menuId: string | undefined }
  | { readonly type: "image" | "voice" | "video" | "file"; readonly mediaId: string }
  | {
      readonly type: "location";
      readonly latitude: number;
      readonly longitude: number;
      readonly name: string | undefined;
      readonly address: string | undefined;
    }
  | {
      readonly type: "event";
      readonly eventType: string;
      readonly scene: string | undefined;
      readonly sceneParam: string | undefined;
      readonly welcomeCode: string | undefined;
      readonly failMsgid: string | undefined;
      readonly failType: number | undefined;
    }
  /** A message type we do not interpret (link, business card, mini program, …). */
  | { readonly type: "other"; readonly msgtype: string };

/** A message or event pulled with kf/sync_msg. */
export interface KfMessage {
  readonly msgid: string;
  readonly openKfId: string;
  /** The citizen's opaque id for this kf account (the only user id we may log). */
  readonly externalUserId: string | undefined;
  /** Seconds since the epoch. */
  readonly sendTime: number;
  readonly origin: number;
  readonly servicerUserId: string | undefined;
  readonly content: KfContent;
}

export interface KfSyncPage {
  readonly messages: readonly KfMessage[];
  readonly nextCursor: string;
  readonly hasMore: boolean;
}

export interface MessageSendResult {
  readonly msgid: string | undefined;
  /** For cards with buttons: consumable once by updateTemplateCard. */
  readonly responseCode: string | undefined;
  /** Recipients WeCom did not know or may not reach. */
  readonly invalidUsers: readonly string[];
}

export interface WeComClientOptions {
  /** "https://qyapi.weixin.qq.com" or a fake's root, without trailing slash. */
  readonly apiRoot: string;
  readonly corpId: string;
  /** One secret: the 微信客服 secret or the self-built app's secret (two clients). */
  readonly secret: string;
  /** Default: Node's global fetch. */
  readonly fetch?: typeof fetch;
  /** Bound by the caller to its channel and component, e.g. "kf-api" (the client binds none). */
  readonly logger: Logger;
  /** Milliseconds since the epoch. Default Date.now. */
  readonly clock?: () => number;
  /** Per request. Default 10 000 ms. */
  readonly timeoutMs?: number;
  /** Refresh this long before the token expires. Default 300 s. */
  readonly tokenMarginSeconds?: number;
}

/** A WeCom API client for one secret. All methods throw {@link WeComError} on failure. */
export interface WeComClient {
  /** A valid access token (cached; one refresh in flight at most). */
  accessToken(): Promise<string>;
  /** One page of kf/sync_msg. `token` is the callback's Token (lifts the strict rate limit). */
  kfSyncMsg(params: {
    cursor?: string;
    token?: string;
    openKfId: string;
    limit?: number;
  }): Promise<KfSyncPage>;
  /**
   * kf/send_msg. A citizen who has not written within 48 hours, or who already received 5
   * messages since, is refused: WeComError with reason "not_reachable", permanent.
   */
  kfSendMsg(message: KfSendMessage): Promise<{ msgid: string }>;
  /**
   * kf/send_msg_on_event: the one message an event's code allows (an enter_session's
   * welcome_code: within 20 s, once). A used or expired code is refused: WeComError, permanent.
   */
  kfSendMsgOnEvent(message: KfEventMessage): Promise<{ msgid: string }>;
  /** message/send to staff userids (text or a button_interaction card). */
  messageSend(message: AppMessage): Promise<MessageSendResult>;
  /** message/update_template_card with a response_code (each is usable once, within 72 h). */
  updateTemplateCard(update: UpdateTemplateCard): Promise<{ invalidUsers: readonly string[] }>;
  /**
   * media/get: the bytes of a temporary media (a kf image's media_id; WeCom keeps them 3 days).
   * Throws WeComError: errcode 40007 (unknown or expired media) is permanent, reason "rejected";
   * a file over {@link MEDIA_MAX_BYTES} is permanent, reason "too_large"; transport failures
   * are transient as for every call.
   */
  mediaGet(mediaId: string): Promise<WeComMedia>;
  /**
   * media/upload: a temporary media (kept 3 days) to send by its id, e.g. a unit's photo in a
   * kf image message. WeCom takes images of JPEG or PNG up to 10 MB, other files as "file".
   */
  mediaUpload(type: "image" | "file", file: WeComUpload): Promise<string>;
}

/** A file to upload with media/upload. */
export interface WeComUpload {
  readonly bytes: Buffer;
  readonly filename: string;
  readonly contentType: string;
}

/** A file downloaded with media/get. */
export interface WeComMedia {
  readonly bytes: Buffer;
  /** The Content-Type WeCom declared (not checked: read the bytes to know what they are). */
  readonly contentType: string | undefined;
}

/** The largest media/get file accepted (WeCom's own limit for images is 10 MB). */
export const MEDIA_MAX_BYTES = 10 * 1024 * 1024;

// ---------------------------------------------------------------------------
// Error classification
// ---------------------------------------------------------------------------

/** The access token is invalid or expired: refresh and retry once. */
const TOKEN_ERRCODES = new Set([40014, 42001, 40001]);

/**
 * 95001: 发送客服消息次数限制 (the 5 messages / 48 hours after the citizen's last message).
 * 95018: the session's state does not allow sending (e.g. taken over by a servicer, ended).
 */
const NOT_REACHABLE_ERRCODES = new Set([95001, 95018]);

function classify(errcode: number): { reason: WeComErrorReason; permanent: boolean } {
  if (errcode === -1) return { reason: "busy", permanent: false };
  if (errcode === 45009 || errcode === 45033) return { reason: "rate_limited", permanent: false };
  if (NOT_REACHABLE_ERRCODES.has(errcode)) return { reason: "not_reachable", permanent: true };
  if (TOKEN_ERRCODES.has(errcode)) return { reason: "token", permanent: false };
  return { reason: "rejected", permanent: true };
}

class TokenRejected extends Error {
  constructor(readonly error: WeComError) {
    super(error.message);
  }
}

// ---------------------------------------------------------------------------
// The client
// ---------------------------------------------------------------------------

/**
 * Creates a client for one WeCom secret. Nothing happens until the first call.
 * The access token is cached until `expires_in` minus the margin; a call refused with
 * 40014/42001/40001 refreshes it and is retried once; concurrent calls share one refresh.
 * No other retries: transient failures surface as WeComError with `permanent: false`.
 */
export function createWeComClient(options: WeComClientOptions): WeComClient {
  const apiRoot = options.apiRoot.replace(/\/+$/, "");
  const doFetch = options.fetch ?? fetch;
  const clock = options.clock ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const marginMs = (options.tokenMarginSeconds ?? 300) * 1000;
  const log = options.logger;

  let cached: { token: string; refreshAt: number } | undefined;
  let refreshing: Promise<string> | undefined;

  function transportError(method: string, cause: unknown): WeComError {
    const timedOut =
      cause instanceof Error && (cause.name === "TimeoutError" || cause.name === "AbortError");
    log.warn({ method, timedOut }, "WeCom request failed");
    return new WeComError(`${method}: ${timedOut ? "timed out" : "network error"}`, {
      method,
      reason: timedOut ? "timeout" : "network",
      permanent: false,
      cause,
    });
  }

  /**
   * One HTTP call. With `maxFileBytes` (media/get) an answer that is not JSON is a file, read
   * up to that size; a JSON answer goes through the errcode checks either way.
   */
  async function request(
    method: string,
    init: { query: Record<string, string>; body?: unknown; maxFileBytes?: number },
  ): Promise<Answer> {
    const url = `${apiRoot}/cgi-bin/${method}?${new URLSearchParams(init.query).toString()}`;
    const started = clock();
    // A FormData body (media/upload) sets its own multipart content type.
    const json = init.body !== undefined && !(init.body instanceof FormData);
    let response: Response;
    try {
      response = await doFetch(url, {
        method: init.body === undefined ? "GET" : "POST",
        headers: json ? { "content-type": "application/json" } : {},
        ...(init.body !== undefined && {
          body: json ? JSON.stringify(init.body) : (init.body as FormData),
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      throw transportError(method, cause);
    }
    if (!response.ok) {
      await response.body?.cancel();
      log.warn({ method, status: response.status }, "WeCom answered an HTTP error");
      const transient = response.status >= 500 || response.status === 429;
      throw new WeComError(`${method}: HTTP ${response.status}`, {
        method,
        reason: "http",
        permanent: !transient,
        httpStatus: response.status,
      });
    }
    if (init.maxFileBytes !== undefined && !isJsonAnswer(response)) {
      const file = await readFile(method, response, init.maxFileBytes);
      log.debug({ method, bytes: file.bytes.length, ms: clock() - started }, "WeCom call");
      return { kind: "file", file };
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      throw new WeComError(`${method}: answer is not JSON`, {
        method,
        reason: "invalid_response",
        permanent: false,
        cause,
      });
    }
    const parsed = ErrorBodySchema.safeParse(body);
    if (!parsed.success) {
      throw new WeComError(`${method}: answer without errcode`, {
        method,
        reason: "invalid_response",
        permanent: true,
      });
    }
    const { errcode } = parsed.data;
    log.debug({ method, errcode, ms: clock() - started }, "WeCom call");
    if (errcode !== 0) {
      const { reason, permanent } = classify(errcode);
      const error = new WeComError(`${method}: errcode ${errcode}`, {
        method,
        reason,
        permanent,
        errcode,
      });
      if (reason !== "token") log.warn({ method, errcode, permanent }, "WeCom refused a call");
      if (reason === "token" && method !== "gettoken") throw new TokenRejected(error);
      if (reason === "token") {
        // gettoken itself refused the secret: a configuration error.
        throw new WeComError(`${method}: errcode ${errcode} (secret or CorpID refused)`, {
          method,
          reason: "rejected",
          permanent: true,
          errcode,
        });
      }
      throw error;
    }
    return { kind: "json", body: parsed.data };
  }

  /** A file answer's bytes; refused (permanent, "too_large") beyond `maxBytes`, unread. */
  async function readFile(
    method: string,
    response: Response,
    maxBytes: number,
  ): Promise<WeComMedia> {
    const tooLarge = (): WeComError => {
      log.warn({ method, maxBytes }, "WeCom file over the size limit");
      return new WeComError(`${method}: file larger than ${maxBytes} bytes`, {
        method,
        reason: "too_large",
        permanent: true,
      });
    };
    if (Number(response.headers.get("content-length")) > maxBytes) {
      await response.body?.cancel();
      throw tooLarge();
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = response.body?.getReader();
    try {
      for (;;) {
        if (!reader) break;
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          await reader.cancel();
          throw tooLarge();
        }
        chunks.push(value);
      }
    } catch (cause) {
      if (cause instanceof WeComError) throw cause;
      throw transportError(method, cause);
    }
    return {
      bytes: Buffer.concat(chunks),
      contentType: response.headers.get("content-type") ?? undefined,
    };
  }

  function accessToken(): Promise<string> {
    if (cached && clock() < cached.refreshAt) return Promise.resolve(cached.token);
    refreshing ??= (async () => {
      try {
        const answer = await request("gettoken", {
          query: { corpid: options.corpId, corpsecret: options.secret },
        });
        const token = parseAnswer("gettoken", TokenBodySchema, jsonOf("gettoken", answer));
        const lifetimeMs = token.expires_in * 1000;
        cached = {
          token: token.access_token,
          refreshAt: clock() + lifetimeMs - Math.min(marginMs, lifetimeMs / 2),
        };
        log.info({ expiresIn: token.expires_in }, "WeCom access token refreshed");
        return token.access_token;
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  }

  async function call(method: string, body: unknown): Promise<Record<string, unknown>> {
    return jsonOf(method, await withToken(method, { body }));
  }

  async function withToken(
    method: string,
    init: { query?: Record<string, string>; body?: unknown; maxFileBytes?: number },
  ): Promise<Answer> {
    for (let attempt = 0; ; attempt++) {
      const token = await accessToken();
      try {
        return await request(method, { ...init, query: { ...init.query, access_token: token } });
      } catch (error) {
        if (!(error instanceof TokenRejected)) throw error;
        // Only drop the token we used: a concurrent call may already have refreshed it.
        if (cached?.token === token) cached = undefined;
        if (attempt >= 1) throw error.error;
        log.info(
          { method, errcode: error.error.errcode },
          "WeCom refused the access token; refreshing",
        );
      }
    }
  }

  function checkRequest<T extends z.ZodType>(
    method: string,
    schema: T,
    value: unknown,
  ): z.output<T> {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path.join(".") || "(root)");
      throw new WeComError(`${method}: request outside WeCom's limits (${fields.join(", ")})`, {
        method,
        reason: "invalid_request",
        permanent: true,
      });
    }
    return parsed.data;
  }

  return {
    accessToken,

    async kfSyncMsg({ cursor, token, openKfId, limit }) {
      const body = await call("kf/sync_msg", {
        ...(cursor ? { cursor } : {}),
        ...(token ? { token } : {}),
        limit: Math.min(Math.max(limit ?? 1000, 1), 1000),
        voice_format: 0,
        open_kfid: openKfId,
      });
      const page = parseAnswer("kf/sync_msg", SyncBodySchema, body);
      return {
        messages: page.msg_list.map((raw) => toKfMessage(raw, openKfId, log)),
        nextCursor: page.next_cursor,
        hasMore: page.has_more,
      };
    },

    async kfSendMsg(message) {
      const checked = checkRequest("kf/send_msg", KfSendMessageSchema, message);
      const body = await call("kf/send_msg", checked);
      return { msgid: parseAnswer("kf/send_msg", KfSendBodySchema, body).msgid };
    },

    async kfSendMsgOnEvent(message) {
      const method = "kf/send_msg_on_event";
      const body = await call(method, checkRequest(method, KfEventMessageSchema, message));
      return { msgid: parseAnswer(method, KfSendBodySchema, body).msgid };
    },

    async messageSend(message) {
      const checked = checkRequest("message/send", AppMessageSchema, message);
      const body = await call("message/send", { ...checked, touser: checked.touser.join("|") });
      const result = parseAnswer("message/send", MessageSendBodySchema, body);
      if (result.invaliduser.length > 0) {
        log.warn({ count: result.invaliduser.length }, "message/send: some staff ids were invalid");
      }
      return {
        msgid: result.msgid,
        responseCode: result.response_code,
        invalidUsers: result.invaliduser,
      };
    },

    async updateTemplateCard(update) {
      const checked = checkRequest(
        "message/update_template_card",
        UpdateTemplateCardSchema,
        update,
      );
      const body = await call("message/update_template_card", checked);
      const result = parseAnswer("message/update_template_card", UpdateCardBodySchema, body);
      return { invalidUsers: result.invaliduser };
    },

    async mediaGet(mediaId) {
      const checked = checkRequest("media/get", z.string().min(1), mediaId);
      const answer = await withToken("media/get", {
        query: { media_id: checked },
        maxFileBytes: MEDIA_MAX_BYTES,
      });
      if (answer.kind === "file") return answer.file;
      throw new WeComError("media/get: answered errcode 0 without a file", {
        method: "media/get",
        reason: "invalid_response",
        permanent: true,
      });
    },

    async mediaUpload(type, file) {
      const form = new FormData();
      form.append("media", new Blob([file.bytes], { type: file.contentType }), file.filename);
      const answer = await withToken("media/upload", { query: { type }, body: form });
      return parseAnswer("media/upload", MediaUploadBodySchema, jsonOf("media/upload", answer))
        .media_id;
    },
  };
}

/** What a call answered: WeCom's JSON body with errcode 0, or a file (media/get). */
type Answer =
  | { readonly kind: "json"; readonly body: Record<string, unknown> }
  | { readonly kind: "file"; readonly file: WeComMedia };

function jsonOf(method: string, answer: Answer): Record<string, unknown> {
  if (answer.kind === "json") return answer.body;
  throw new WeComError(`${method}: answered a file instead of JSON`, {
    method,
    reason: "invalid_response",
    permanent: true,
  });
}

/** WeCom answers errors (and every non-file call) as JSON, sometimes labelled text/plain. */
function isJsonAnswer(response: Response): boolean {
  return /^\s*(application\/json|text\/plain)\b/i.test(response.headers.get("content-type") ?? "");
}

function parseAnswer<T extends z.ZodType>(method: string, schema: T, body: unknown): z.output<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join(".")).join(", ");
    throw new WeComError(`${method}: unexpected answer (${fields})`, {
      method,
      reason: "invalid_response",
      permanent: true,
    });
  }
  return parsed.data;
}

/** Converts one msg_list entry; an entry we cannot read becomes "other" instead of failing the page. */
function toKfMessage(raw: unknown, openKfId: string, log: Logger): KfMessage {
  const parsed = RawKfMessageSchema.safeParse(raw);
  if (!parsed.success) {
    const msgid = z.object({ msgid: z.string() }).safeParse(raw);
    if (!msgid.success) {
      throw new WeComError("kf/sync_msg: message without msgid", {
        method: "kf/sync_msg",
        reason: "invalid_response",
        permanent: true,
      });
    }
    log.warn({ msgid: msgid.data.msgid }, "kf/sync_msg: message with an unexpected shape");
    return {
      msgid: msgid.data.msgid,
      openKfId,
      externalUserId: undefined,
      sendTime: 0,
      origin: 0,
      servicerUserId: undefined,
      content: { type: "other", msgtype: "unreadable" },
    };
  }
  const m = parsed.data;
  return {
    msgid: m.msgid,
    openKfId: m.open_kfid ?? openKfId,
    externalUserId: m.external_userid ?? m.event?.external_userid,
    sendTime: m.send_time,
    origin: m.origin,
    servicerUserId: m.servicer_userid,
    content: kfContent(m),
  };
}

function kfContent(m: z.infer<typeof RawKfMessageSchema>): KfContent {
  switch (m.msgtype) {
    case "text":
      if (m.text) return { type: "text", text: m.text.content, menuId: m.text.menu_id };
      break;
    case "image":
    case "voice":
    case "video":
    case "file": {
      const media = m[m.msgtype];
      if (media) return { type: m.msgtype, mediaId: media.media_id };
      break;
    }
    case "location":
      if (m.location) {
        return {
          type: "location",
          latitude: m.location.latitude,
          longitude: m.location.longitude,
          name: m.location.name,
          address: m.location.address,
        };
      }
      break;
    case "event":
      if (m.event) {
        return {
          type: "event",
          eventType: m.event.event_type,
          scene: m.event.scene,
          sceneParam: m.event.scene_param,
          welcomeCode: m.event.welcome_code,
          failMsgid: m.event.fail_msgid,
          failType: m.event.fail_type,
        };
      }
      break;
  }
  return { type: "other", msgtype: m.msgtype };
}
