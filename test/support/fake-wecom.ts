import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { z } from "zod";
import { createWeComCallbackCrypto } from "../../src/channels/wecom/callback-crypto.ts";
import { buildCallbackEnvelope, cdata } from "../../src/channels/wecom/xml.ts";

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

export interface FakeWeComOptions {
  /** Default "ww0000000000fake". */
  corpId?: string;
  /** Secret of the 微信客服 (kf) client. Default "kf-secret". */
  kfSecret?: string;
  /** Secret of the self-built app. Default "agent-secret". */
  agentSecret?: string;
  /** The self-built app's agentid. Default 1000002. */
  agentId?: number;
  /** expires_in of issued access tokens, seconds. Default 7200. */
  tokenLifetimeSeconds?: number;
  /** Milliseconds since the epoch; drives token expiry and the 48-hour window. Default Date.now. */
  clock?: () => number;
  /** The fake's own cap on a sync_msg page (WeCom's is 1000), to test has_more. */
  maxPageSize?: number;
}

/** A failure to inject into the next calls of one API method. */
export type WeComFault =
  | { errcode: number; errmsg?: string }
  | { status: 500 | 502 | 503 | 504 }
  /** Answers after this many ms (longer than the client's timeout → a timeout). */
  | { delayMs: number };

export interface RecordedWeComCall {
  readonly index: number;
  /**
   * "gettoken", "kf/sync_msg", "kf/send_msg", "message/send", "message/update_template_card",
   * "media/get".
   */
  readonly method: string;
  readonly accessToken: string | undefined;
  /** The query string without access_token (e.g. media/get's media_id). */
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly errcode: number | undefined;
  readonly httpStatus: number;
  readonly injected: boolean;
  /** When the fake received the call, on its clock (ms since the epoch). */
  readonly at: number;
}

/** A kf message as the fake stores it and returns it from sync_msg (WeCom's wire shape). */
export type WireKfMessage = Record<string, unknown> & {
  msgid: string;
  open_kfid: string;
  external_userid: string;
  send_time: number;
  origin: number;
  msgtype: string;
};

/** A kf/send_msg the fake accepted, as WeCom received it. */
export interface KfSent {
  readonly msgid: string;
  readonly body: Record<string, unknown> & { touser: string; open_kfid: string; msgtype: string };
}

/** A kf/send_msg_on_event the fake accepted: the welcome of the user the code was given for. */
export interface KfWelcome {
  readonly externalUserId: string;
  readonly body: Record<string, unknown> & { code: string; msgtype: string };
}

/** A message/send the fake accepted. */
export interface AppSent {
  readonly msgid: string;
  readonly responseCode: string | undefined;
  readonly body: Record<string, unknown> & { msgtype: string; touser: string; agentid: number };
}

/** A WeChat user (citizen) writing to one kf account. */
export interface FakeKfUser {
  readonly externalUserId: string;
  readonly openKfId: string;
  sendText(text: string): WireKfMessage;
  /** The user taps an item of a msgmenu: WeCom delivers a text with menu_id. */
  clickMenu(menuId: string, content: string): WireKfMessage;
  sendLocation(latitude: number, longitude: number, name?: string, address?: string): WireKfMessage;
  /** An image; without a media id, a small JPEG is registered as its media (see addMedia). */
  sendImage(mediaId?: string): WireKfMessage;
  /** A voice message: its AMR recording registered as media (audio/amr), as WeChat sends it. */
  sendVoice(amr: Buffer): WireKfMessage;
  /** A file (WeChat's "文件": a PDF, or a picture chosen as a file), registered as its media. */
  sendFile(bytes: Buffer, contentType: string): WireKfMessage;
  /** enter_session event (origin 4), e.g. when the user opens the kf chat. */
  enterSession(sceneParam?: string): WireKfMessage;
}

export interface FakeWeCom {
  /** "http://127.0.0.1:<port>" for createWeComClient's apiRoot. */
  readonly apiRoot: string;
  readonly corpId: string;
  readonly kfSecret: string;
  readonly agentSecret: string;
  readonly agentId: number;
  readonly calls: readonly RecordedWeComCall[];
  callsOf(method: string): RecordedWeComCall[];
  kfUser(openKfId: string, externalUserId: string): FakeKfUser;
  /** Appends any wire message (e.g. a copy with the same msgid, as WeCom may resend). */
  queueKfMessage(message: WireKfMessage): WireKfMessage;
  /** All messages of a kf account in order (what sync_msg from an empty cursor would return). */
  kfLog(openKfId: string): readonly WireKfMessage[];
  /**
   * Registers a temporary media as WeCom keeps a user's image: media/get answers its bytes with
   * this Content-Type for 3 days (by the fake's clock), then errcode 40007 as for an unknown id.
   * Returns its media_id (`mediaId` when given).
   */
  addMedia(bytes: Buffer, contentType?: string, mediaId?: string): string;
  /** The plaintext kf_msg_or_event callback WeCom sends after new messages (with a fresh Token). */
  kfCallbackXml(openKfId: string): { xml: string; token: string };
  /** What the bot sent through kf/send_msg (to one user, or all). */
  kfSent(externalUserId?: string): KfSent[];
  /** Welcomes the bot sent through kf/send_msg_on_event with a user's welcome_code. */
  kfWelcomes(externalUserId?: string): KfWelcome[];
  /** A media the bot uploaded (media/upload) or a user sent, as kept; undefined when unknown. */
  mediaBytes(mediaId: string): { bytes: Buffer; contentType: string } | undefined;
  /** App messages accepted by message/send (not those WeCom drops: 30 a minute per member). */
  appSent(): AppSent[];
  /** Card updates accepted by message/update_template_card (of the card of `taskId` when given). */
  cardUpdates(taskId?: string): Array<Record<string, unknown>>;
  /**
   * A staff member presses a button of a card sent by message/send (as it is now, after any
   * update): returns the plaintext template_card_event and registers its ResponseCode for one
   * update. The event carries the card's drop-down pick: `pick` when given, else the card's
   * selected_id, else its first option. Throws for a button the card does not show, or once
   * an update greyed the card's buttons (WeCom makes them unclickable).
   */
  pressCardButton(
    userId: string,
    taskId: string,
    key: string,
    pick?: string,
  ): { xml: string; responseCode: string };
  /** The plaintext callback of a text a staff member writes to the self-built app. */
  appText(userId: string, content: string): { xml: string; msgId: string };
  /** The plaintext callback of a photo a staff member sends to the app (its bytes as media). */
  appImage(userId: string, bytes: Buffer): { xml: string; msgId: string };
  /** The plaintext callback of a voice message a staff member sends to the app. */
  appVoice(userId: string): { xml: string; msgId: string };
  /** The card of a task as the staff member sees it now (after updates), or undefined. */
  currentCard(taskId: string): { card: CardShape; greyed: string | undefined } | undefined;
  /** Issued access tokens answer 42001 from now on. */
  expireTokens(): void;
  /** The next `n` calls of `method` fail with `fault` (no effect). */
  failNext(method: string, n: number, fault: WeComFault): void;
  clearFaults(): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------
// Request schemas (what WeCom would reject with 40035/40008/…)
// ---------------------------------------------------------------------------

const SyncRequestSchema = z.object({
  cursor: z.string().max(64).optional(),
  token: z.string().max(128).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
  voice_format: z.number().int().optional(),
  open_kfid: z.string().min(1),
});

const KfSendRequestSchema = z
  .looseObject({
    touser: z.string().min(1),
    open_kfid: z.string().min(1),
    msgid: z.string().optional(),
    msgtype: z.enum(["text", "msgmenu", "image", "file"]),
    text: z.object({ content: z.string().min(1) }).optional(),
    image: z.object({ media_id: z.string().min(1) }).optional(),
    file: z.object({ media_id: z.string().min(1) }).optional(),
    msgmenu: z
      .object({
        head_content: z.string().optional(),
        list: z
          .array(
            z.object({
              type: z.literal("click"),
              click: z.object({ id: z.string().min(1), content: z.string().min(1) }),
            }),
          )
          .min(1)
          .max(10),
        tail_content: z.string().optional(),
      })
      .optional(),
  })
  .refine((b) => b[b.msgtype] !== undefined);

/** A kf/send_msg_on_event body: a text or a menu, with the event's code. */
const KfEventRequestSchema = z
  .looseObject({
    code: z.string().min(1),
    msgid: z.string().optional(),
    msgtype: z.enum(["text", "msgmenu"]),
    text: z.object({ content: z.string().min(1) }).optional(),
    msgmenu: z
      .object({ list: z.array(z.unknown()).min(1).max(10) })
      .loose()
      .optional(),
  })
  .refine((b) => b[b.msgtype] !== undefined);

/** How long an enter_session's welcome_code may be used (WeCom: 20 seconds). */
const WELCOME_CODE_LIFETIME_MS = 20_000;

/** What the fake reads of a button_interaction card. */
export interface CardShape {
  readonly task_id: string;
  readonly main_title?: { title?: string; desc?: string };
  readonly button_list: ReadonlyArray<{ text: string; key: string }>;
  readonly button_selection?: {
    question_key: string;
    title?: string;
    option_list: ReadonlyArray<{ id: string; text: string }>;
    selected_id?: string;
  };
}

const ButtonSelectionSchema = z.object({
  question_key: z.string().min(1).max(1024),
  title: z.string().optional(),
  option_list: z
    .array(z.object({ id: z.string().min(1).max(128), text: z.string().min(1) }))
    .min(1)
    .max(10),
  selected_id: z.string().optional(),
});

const MessageSendRequestSchema = z.looseObject({
  touser: z.string().min(1),
  agentid: z.number().int(),
  msgtype: z.enum(["text", "template_card"]),
  text: z.object({ content: z.string().min(1) }).optional(),
  template_card: z
    .looseObject({
      card_type: z.string(),
      task_id: z.string().optional(),
      button_list: z
        .array(z.object({ text: z.string(), key: z.string(), style: z.number().optional() }))
        .max(6)
        .optional(),
      button_selection: ButtonSelectionSchema.optional(),
    })
    .optional(),
});

const UpdateCardRequestSchema = z.looseObject({
  agentid: z.number().int(),
  response_code: z.string().min(1),
  button: z.object({ replace_name: z.string().min(1) }).optional(),
  template_card: z
    .looseObject({ card_type: z.string(), button_selection: ButtonSelectionSchema.optional() })
    .optional(),
});

// ---------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------

class ApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(errmsg);
  }
}

const invalidParam = (what: string): ApiError => new ApiError(40035, `invalid param: ${what}`);

interface IssuedToken {
  secret: "kf" | "agent";
  expiresAt: number;
  expired: boolean;
}

interface Conversation {
  lastUserMessageAt: number;
  sentSinceUser: number;
}

const KF_SEND_LIMIT = 5;
/** WeCom drops self-built app messages beyond this many a minute to one member. */
const APP_PER_MEMBER_PER_MINUTE = 30;
const KF_WINDOW_MS = 48 * 3600 * 1000;
/** WeCom keeps temporary media (a user's images) for 3 days. */
const MEDIA_LIFETIME_MS = 3 * 24 * 3600 * 1000;

/** A media/get answer: the file itself, not JSON. */
class MediaFile {
  constructor(
    readonly bytes: Buffer,
    readonly contentType: string,
    readonly filename: string,
  ) {}
}

/** A small JPEG (its magic bytes, then filler): what sendImage registers by default. */
const SAMPLE_JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 7)]);
const CALLBACK_TOKEN_LIFETIME_MS = 10 * 60 * 1000;

class FakeWeComServer implements FakeWeCom {
  readonly corpId: string;
  readonly kfSecret: string;
  readonly agentSecret: string;
  readonly agentId: number;
  readonly calls: RecordedWeComCall[] = [];
  apiRoot = "";

  private readonly server = createServer((req, res) => {
    this.handle(req, res).catch((error: unknown) => {
      send(res, 500, { message: error instanceof Error ? error.message : "fake failure" });
    });
  });
  private readonly sockets = new Set<Socket>();
  private readonly now: () => number;
  private readonly tokenLifetime: number;
  private readonly maxPageSize: number;
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly logs = new Map<string, WireKfMessage[]>();
  private readonly callbackTokens = new Map<string, { openKfId: string; expiresAt: number }>();
  private readonly conversations = new Map<string, Conversation>();
  private readonly sentKf: KfSent[] = [];
  /** enter_session welcome_codes: usable once, within WELCOME_CODE_LIFETIME_MS. */
  private readonly welcomeCodes = new Map<
    string,
    { openKfId: string; externalUserId: string; expiresAt: number; used: boolean }
  >();
  private readonly welcomes: KfWelcome[] = [];
  private readonly sentApp: AppSent[] = [];
  /** Per userid: when app messages were delivered to them (for the 30-a-minute rule). */
  private readonly appDeliveries = new Map<string, number[]>();
  private readonly updates: Array<{ taskId: string; body: Record<string, unknown> }> = [];
  /** response_code → still usable. */
  private readonly responseCodes = new Map<string, { taskId: string; used: boolean }>();
  /** Each task's card as its recipients see it now; `greyed` is the replace_name once greyed. */
  private readonly cards = new Map<
    string,
    { card: CardShape; touser: string[]; greyed: string | undefined }
  >();
  private readonly faults = new Map<string, WeComFault[]>();
  private readonly media = new Map<
    string,
    { bytes: Buffer; contentType: string; expiresAt: number }
  >();
  private counter = 0;

  constructor(options: FakeWeComOptions) {
    this.corpId = options.corpId ?? "ww0000000000fake";
    this.kfSecret = options.kfSecret ?? "kf-secret";
    this.agentSecret = options.agentSecret ?? "agent-secret";
    this.agentId = options.agentId ?? 1000002;
    this.now = options.clock ?? Date.now;
    this.tokenLifetime = options.tokenLifetimeSeconds ?? 7200;
    this.maxPageSize = options.maxPageSize ?? 1000;
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.apiRoot = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private next(prefix: string): string {
    this.counter++;
    return `${prefix}${this.counter.toString().padStart(6, "0")}`;
  }

  // --- HTTP -----------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const method = url.pathname.replace(/^\/cgi-bin\//, "");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const accessToken = url.searchParams.get("access_token") ?? undefined;
    const query = Object.fromEntries(
      [...url.searchParams].filter(([name]) => name !== "access_token"),
    );
    let body: unknown = undefined;
    const record = (httpStatus: number, errcode: number | undefined, injected: boolean): void => {
      this.calls.push({
        index: this.calls.length,
        method,
        accessToken,
        query,
        body,
        errcode,
        httpStatus,
        injected,
        at: this.now(),
      });
    };

    const fault = this.faults.get(method)?.shift();
    if (fault && "delayMs" in fault) {
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    } else if (fault && "status" in fault) {
      record(fault.status, undefined, true);
      send(res, fault.status, { message: "fake upstream error" });
      return;
    } else if (fault) {
      record(200, fault.errcode, true);
      send(res, 200, { errcode: fault.errcode, errmsg: fault.errmsg ?? "injected" });
      return;
    }

    try {
      if (method === "media/upload") {
        body = parseUpload(req.headers["content-type"], Buffer.concat(chunks));
      } else if (raw !== "") {
        try {
          body = JSON.parse(raw);
        } catch {
          throw new ApiError(47001, "data format error");
        }
      }
      const result = this.dispatch(method, url.searchParams, accessToken, body);
      record(200, 0, false);
      if (result instanceof MediaFile) sendFile(res, result);
      else send(res, 200, { errcode: 0, errmsg: "ok", ...result });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      record(200, error.errcode, false);
      send(res, 200, { errcode: error.errcode, errmsg: error.errmsg });
    }
  }

  private dispatch(
    method: string,
    query: URLSearchParams,
    accessToken: string | undefined,
    body: unknown,
  ): Record<string, unknown> | MediaFile {
    if (method === "gettoken") return this.getToken(query);
    const secret = this.checkToken(accessToken);
    switch (method) {
      case "kf/sync_msg":
        this.requireSecret(secret, "kf");
        return this.syncMsg(body);
      case "kf/send_msg":
        this.requireSecret(secret, "kf");
        return this.kfSend(body);
      case "kf/send_msg_on_event":
        this.requireSecret(secret, "kf");
        return this.kfSendOnEvent(body);
      case "message/send":
        this.requireSecret(secret, "agent");
        return this.messageSend(body);
      case "message/update_template_card":
        this.requireSecret(secret, "agent");
        return this.updateCard(body);
      case "media/get":
        // Kf images with the kf secret's token, photos staff send to the app with the app's.
        return this.mediaGet(query);
      case "media/upload":
        return this.mediaUpload(query, body);
      default:
        throw new ApiError(60011, `no privilege to access/modify contact/party/agent (${method})`);
    }
  }

  private getToken(query: URLSearchParams): Record<string, unknown> {
    if (query.get("corpid") !== this.corpId) throw new ApiError(40013, "invalid corpid");
    const corpsecret = query.get("corpsecret");
    const secret =
      corpsecret === this.kfSecret ? "kf" : corpsecret === this.agentSecret ? "agent" : undefined;
    if (secret === undefined) throw new ApiError(40001, "invalid credential");
    const token = `${secret}-${randomBytes(12).toString("hex")}`;
    this.tokens.set(token, {
      secret,
      expiresAt: this.now() + this.tokenLifetime * 1000,
      expired: false,
    });
    return { access_token: token, expires_in: this.tokenLifetime };
  }

  private checkToken(accessToken: string | undefined): "kf" | "agent" {
    if (!accessToken) throw new ApiError(41001, "access_token missing");
    const issued = this.tokens.get(accessToken);
    if (!issued) throw new ApiError(40014, "invalid access_token");
    if (issued.expired || this.now() >= issued.expiresAt) {
      throw new ApiError(42001, "access_token expired");
    }
    return issued.secret;
  }

  private requireSecret(actual: "kf" | "agent", wanted: "kf" | "agent"): void {
    if (actual !== wanted) throw new ApiError(48002, "api forbidden");
  }

  private syncMsg(body: unknown): Record<string, unknown> {
    const request = SyncRequestSchema.safeParse(body);
    if (!request.success) throw invalidParam("sync_msg body");
    const { cursor, token, limit, open_kfid } = request.data;
    if (token !== undefined) {
      const issued = this.callbackTokens.get(token);
      if (!issued || issued.openKfId !== open_kfid || this.now() > issued.expiresAt) {
        throw new ApiError(95007, "invalid msg token");
      }
    }
    const log = this.logs.get(open_kfid) ?? [];
    const start = cursor ? decodeCursor(cursor, open_kfid) : 0;
    const size = Math.min(limit ?? 1000, this.maxPageSize);
    const page = log.slice(start, start + size);
    const end = start + page.length;
    return {
      next_cursor: encodeCursor(open_kfid, end),
      has_more: end < log.length ? 1 : 0,
      msg_list: page,
    };
  }

  private kfSend(body: unknown): Record<string, unknown> {
    const request = KfSendRequestSchema.safeParse(body);
    if (!request.success) throw invalidParam("send_msg body");
    const b = request.data;
    if (!this.logs.has(b.open_kfid)) throw new ApiError(95000, "invalid open_kfid");
    const conversation = this.conversations.get(`${b.open_kfid}|${b.touser}`);
    if (
      conversation === undefined ||
      this.now() - conversation.lastUserMessageAt > KF_WINDOW_MS ||
      conversation.sentSinceUser >= KF_SEND_LIMIT
    ) {
      throw new ApiError(95001, "send msg count limit or out of time window");
    }
    const media = b.msgtype === "image" ? b.image : b.msgtype === "file" ? b.file : undefined;
    if (media && !this.media.has(media.media_id)) throw new ApiError(40007, "invalid media_id");
    conversation.sentSinceUser++;
    const msgid = b.msgid ?? this.next("kfsent");
    this.sentKf.push({ msgid, body: b });
    return { msgid };
  }

  /**
   * As WeCom: the code names the user and allows one text or menu within 20 s of the event; a
   * code used already, expired or unknown is refused with an errcode (the number is the fake's
   * choice: WeCom's documents do not list it, and the service must not depend on it).
   */
  private kfSendOnEvent(body: unknown): Record<string, unknown> {
    const request = KfEventRequestSchema.safeParse(body);
    if (!request.success) throw invalidParam("send_msg_on_event body");
    const b = request.data;
    const issued = this.welcomeCodes.get(b.code);
    if (!issued || issued.used || this.now() > issued.expiresAt) {
      throw new ApiError(40029, "invalid code");
    }
    issued.used = true;
    this.welcomes.push({ externalUserId: issued.externalUserId, body: b });
    return { msgid: b.msgid ?? this.next("kfwelcome") };
  }

  private messageSend(body: unknown): Record<string, unknown> {
    const request = MessageSendRequestSchema.safeParse(body);
    if (!request.success) throw invalidParam("message/send body");
    const b = request.data;
    if (b.agentid !== this.agentId) throw new ApiError(40056, "invalid agentid");
    if (b.msgtype === "text" && b.text === undefined) throw invalidParam("text");
    let responseCode: string | undefined;
    if (b.msgtype === "template_card") {
      const card = b.template_card;
      if (!card) throw invalidParam("template_card");
      if (card.card_type === "button_interaction") {
        if (!card.task_id) throw invalidParam("template_card.task_id");
        if (!card.button_list || card.button_list.length === 0) {
          throw invalidParam("template_card.button_list");
        }
        responseCode = this.next("rc");
        this.responseCodes.set(responseCode, { taskId: card.task_id, used: false });
        this.cards.set(card.task_id, {
          card: card as unknown as CardShape,
          touser: b.touser.split("|"),
          greyed: undefined,
        });
      }
    }
    const msgid = this.next("appmsg");
    // Beyond 30 a minute to one member WeCom drops the message silently: the call succeeds.
    const now = this.now();
    const touser = b.touser.split("|").filter((userId) => {
      const recent = (this.appDeliveries.get(userId) ?? []).filter((at) => at > now - 60_000);
      const delivered = recent.length < APP_PER_MEMBER_PER_MINUTE;
      if (delivered) recent.push(now);
      this.appDeliveries.set(userId, recent);
      return delivered;
    });
    if (touser.length > 0) {
      this.sentApp.push({ msgid, responseCode, body: { ...b, touser: touser.join("|") } });
    }
    return {
      invaliduser: "",
      invalidparty: "",
      invalidtag: "",
      unlicenseduser: "",
      msgid,
      ...(responseCode !== undefined && { response_code: responseCode }),
    };
  }

  private updateCard(body: unknown): Record<string, unknown> {
    const request = UpdateCardRequestSchema.safeParse(body);
    if (!request.success) throw invalidParam("update_template_card body");
    const b = request.data;
    if (b.agentid !== this.agentId) throw new ApiError(40056, "invalid agentid");
    if ((b.button === undefined) === (b.template_card === undefined)) {
      throw invalidParam("button or template_card");
    }
    const code = this.responseCodes.get(b.response_code);
    if (!code || code.used) throw invalidParam("response_code");
    code.used = true;
    const shown = this.cards.get(code.taskId);
    if (shown && b.button) shown.greyed = b.button.replace_name;
    if (shown && b.template_card) {
      shown.card = { ...(b.template_card as unknown as CardShape), task_id: code.taskId };
    }
    this.updates.push({ taskId: code.taskId, body: b });
    return { invaliduser: [] };
  }

  /** media/upload: WeCom takes images of JPEG or PNG only (other files as type "file"). */
  private mediaUpload(query: URLSearchParams, body: unknown): Record<string, unknown> {
    const type = query.get("type");
    const upload = body as Upload | null;
    if (!upload || (type !== "image" && type !== "file")) throw invalidParam("media/upload");
    if (type === "image" && !/^image\/(jpeg|png)$/.test(upload.contentType)) {
      throw new ApiError(40005, "invalid file type");
    }
    const mediaId = this.addMedia(upload.bytes, upload.contentType);
    return { type, media_id: mediaId, created_at: String(Math.floor(this.now() / 1000)) };
  }

  /** A media the bot uploaded or a user sent, as kept (undefined when unknown). */
  mediaBytes(mediaId: string): { bytes: Buffer; contentType: string } | undefined {
    const stored = this.media.get(mediaId);
    return stored && { bytes: stored.bytes, contentType: stored.contentType };
  }

  private mediaGet(query: URLSearchParams): MediaFile {
    const mediaId = query.get("media_id");
    if (!mediaId) throw new ApiError(41001, "media_id missing");
    const stored = this.media.get(mediaId);
    if (!stored || this.now() >= stored.expiresAt) throw new ApiError(40007, "invalid media_id");
    const extension = stored.contentType.split("/")[1] ?? "bin";
    return new MediaFile(stored.bytes, stored.contentType, `${mediaId}.${extension}`);
  }

  // --- Players ----------------------------------------------------------------

  addMedia(bytes: Buffer, contentType = "image/jpeg", mediaId?: string): string {
    const id = mediaId ?? this.next("media");
    this.media.set(id, {
      bytes: Buffer.from(bytes),
      contentType,
      expiresAt: this.now() + MEDIA_LIFETIME_MS,
    });
    return id;
  }

  kfUser(openKfId: string, externalUserId: string): FakeKfUser {
    if (!this.logs.has(openKfId)) this.logs.set(openKfId, []);
    const post = (fields: Record<string, unknown>, origin = 3): WireKfMessage => {
      const message: WireKfMessage = {
        msgid: this.next("msg"),
        open_kfid: openKfId,
        external_userid: externalUserId,
        send_time: Math.floor(this.now() / 1000),
        origin,
        msgtype: "text",
        ...fields,
      };
      if (origin === 3) {
        this.conversations.set(`${openKfId}|${externalUserId}`, {
          lastUserMessageAt: this.now(),
          sentSinceUser: 0,
        });
      }
      return this.queueKfMessage(message);
    };
    return {
      externalUserId,
      openKfId,
      sendText: (text) => post({ msgtype: "text", text: { content: text } }),
      clickMenu: (menuId, content) => post({ msgtype: "text", text: { content, menu_id: menuId } }),
      sendLocation: (latitude, longitude, name, address) =>
        post({
          msgtype: "location",
          location: {
            latitude,
            longitude,
            ...(name !== undefined && { name }),
            ...(address !== undefined && { address }),
          },
        }),
      sendImage: (mediaId) =>
        post({ msgtype: "image", image: { media_id: mediaId ?? this.addMedia(SAMPLE_JPEG) } }),
      sendVoice: (amr) =>
        post({ msgtype: "voice", voice: { media_id: this.addMedia(amr, "audio/amr") } }),
      sendFile: (bytes, contentType) =>
        post({ msgtype: "file", file: { media_id: this.addMedia(bytes, contentType) } }),
      enterSession: (sceneParam) => {
        const welcomeCode = this.next("welcome");
        this.welcomeCodes.set(welcomeCode, {
          openKfId,
          externalUserId,
          expiresAt: this.now() + WELCOME_CODE_LIFETIME_MS,
          used: false,
        });
        return post(
          {
            msgtype: "event",
            event: {
              event_type: "enter_session",
              open_kfid: openKfId,
              external_userid: externalUserId,
              scene: "123",
              ...(sceneParam !== undefined && { scene_param: sceneParam }),
              welcome_code: welcomeCode,
            },
          },
          4,
        );
      },
    };
  }

  queueKfMessage(message: WireKfMessage): WireKfMessage {
    const log = this.logs.get(message.open_kfid) ?? [];
    log.push(message);
    this.logs.set(message.open_kfid, log);
    return message;
  }

  kfLog(openKfId: string): readonly WireKfMessage[] {
    return this.logs.get(openKfId) ?? [];
  }

  kfCallbackXml(openKfId: string): { xml: string; token: string } {
    const token = `ENC${randomBytes(16).toString("hex")}`;
    this.callbackTokens.set(token, {
      openKfId,
      expiresAt: this.now() + CALLBACK_TOKEN_LIFETIME_MS,
    });
    const xml =
      `<xml><ToUserName>${cdata(this.corpId)}</ToUserName>` +
      `<CreateTime>${Math.floor(this.now() / 1000)}</CreateTime>` +
      `<MsgType>${cdata("event")}</MsgType><Event>${cdata("kf_msg_or_event")}</Event>` +
      `<Token>${cdata(token)}</Token><OpenKfId>${cdata(openKfId)}</OpenKfId></xml>`;
    return { xml, token };
  }

  pressCardButton(
    userId: string,
    taskId: string,
    key: string,
    pick?: string,
  ): { xml: string; responseCode: string } {
    const shown = this.cards.get(taskId);
    if (!shown) throw new Error(`pressCardButton: no card with task_id ${taskId} was sent`);
    if (!shown.touser.includes(userId)) {
      throw new Error(`pressCardButton: card ${taskId} was not sent to ${userId}`);
    }
    if (shown.greyed !== undefined) {
      throw new Error(`pressCardButton: card ${taskId} is greyed ("${shown.greyed}")`);
    }
    if (!shown.card.button_list.some((b) => b.key === key)) {
      throw new Error(`pressCardButton: card ${taskId} has no button ${key}`);
    }
    const selection = shown.card.button_selection;
    const picked = selection && (pick ?? selection.selected_id ?? selection.option_list[0]?.id);
    if (selection && !selection.option_list.some((o) => o.id === picked)) {
      throw new Error(`pressCardButton: card ${taskId} has no option ${picked}`);
    }
    const selectedItems =
      selection && picked
        ? `<SelectedItem><QuestionKey>${cdata(selection.question_key)}</QuestionKey>` +
          `<OptionIds><OptionId>${cdata(picked)}</OptionId></OptionIds></SelectedItem>`
        : "";
    const responseCode = this.next("rc");
    this.responseCodes.set(responseCode, { taskId, used: false });
    const xml =
      `<xml><ToUserName>${cdata(this.corpId)}</ToUserName>` +
      `<FromUserName>${cdata(userId)}</FromUserName>` +
      `<CreateTime>${Math.floor(this.now() / 1000)}</CreateTime>` +
      `<MsgType>${cdata("event")}</MsgType><Event>${cdata("template_card_event")}</Event>` +
      `<EventKey>${cdata(key)}</EventKey><TaskId>${cdata(taskId)}</TaskId>` +
      `<CardType>${cdata("button_interaction")}</CardType>` +
      `<ResponseCode>${cdata(responseCode)}</ResponseCode>` +
      `<AgentID>${this.agentId}</AgentID><SelectedItems>${selectedItems}</SelectedItems></xml>`;
    return { xml, responseCode };
  }

  appText(userId: string, content: string): { xml: string; msgId: string } {
    return this.appMessage(userId, "text", `<Content>${cdata(content)}</Content>`);
  }

  appImage(userId: string, bytes: Buffer): { xml: string; msgId: string } {
    const mediaId = this.addMedia(bytes);
    return this.appMessage(
      userId,
      "image",
      `<PicUrl>${cdata(`https://wework.qpic.cn/${mediaId}`)}</PicUrl>` +
        `<MediaId>${cdata(mediaId)}</MediaId>`,
    );
  }

  appVoice(userId: string): { xml: string; msgId: string } {
    const mediaId = this.addMedia(Buffer.from("#!AMR\n"), "audio/amr");
    return this.appMessage(
      userId,
      "voice",
      `<MediaId>${cdata(mediaId)}</MediaId><Format>${cdata("amr")}</Format>`,
    );
  }

  private appMessage(userId: string, msgType: string, fields: string) {
    const msgId = this.next("staffmsg");
    const xml =
      `<xml><ToUserName>${cdata(this.corpId)}</ToUserName>` +
      `<FromUserName>${cdata(userId)}</FromUserName>` +
      `<CreateTime>${Math.floor(this.now() / 1000)}</CreateTime>` +
      `<MsgType>${cdata(msgType)}</MsgType>${fields}` +
      `<MsgId>${msgId}</MsgId><AgentID>${this.agentId}</AgentID></xml>`;
    return { xml, msgId };
  }

  currentCard(taskId: string): { card: CardShape; greyed: string | undefined } | undefined {
    const shown = this.cards.get(taskId);
    return shown && { card: shown.card, greyed: shown.greyed };
  }

  // --- Inspection and faults ----------------------------------------------------

  callsOf(method: string): RecordedWeComCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  kfWelcomes(externalUserId?: string): KfWelcome[] {
    return this.welcomes.filter(
      (m) => externalUserId === undefined || m.externalUserId === externalUserId,
    );
  }

  kfSent(externalUserId?: string): KfSent[] {
    return this.sentKf.filter(
      (m) => externalUserId === undefined || m.body.touser === externalUserId,
    );
  }

  appSent(): AppSent[] {
    return [...this.sentApp];
  }

  cardUpdates(taskId?: string): Array<Record<string, unknown>> {
    return this.updates
      .filter((update) => taskId === undefined || update.taskId === taskId)
      .map((update) => update.body);
  }

  expireTokens(): void {
    for (const token of this.tokens.values()) token.expired = true;
  }

  failNext(method: string, n: number, fault: WeComFault): void {
    const queued = this.faults.get(method) ?? [];
    for (let i = 0; i < n; i++) queued.push(fault);
    this.faults.set(method, queued);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
    });
  }
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const body = JSON.stringify(payload);
  res.writeHead(status, {
    "content-type": "application/json; charset=UTF-8",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

/** The "media" part of a media/upload body; null when the body is no such multipart. */
interface Upload {
  readonly filename: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

function parseUpload(contentType: string | undefined, body: Buffer): Upload | null {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType ?? "");
  if (!contentType?.startsWith("multipart/form-data") || !boundary) return null;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length + 2;
    const next = body.indexOf(delimiter, start);
    if (next === -1) return null;
    const part = body.subarray(start, next - 2);
    const headerEnd = part.indexOf("\r\n\r\n");
    const headers = part.subarray(0, headerEnd).toString("utf8");
    const name = /name="([^"]*)"/.exec(headers)?.[1];
    if (name === "media") {
      return {
        filename: /filename="([^"]*)"/.exec(headers)?.[1] ?? "",
        contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? "",
        bytes: Buffer.from(part.subarray(headerEnd + 4)),
      };
    }
    at = next;
  }
  return null;
}

function sendFile(res: ServerResponse, file: MediaFile): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(200, {
    "content-type": file.contentType,
    "content-disposition": `attachment; filename="${file.filename}"`,
    "content-length": file.bytes.length,
  });
  res.end(file.bytes);
}

function encodeCursor(openKfId: string, index: number): string {
  return Buffer.from(`${openKfId}:${index}`).toString("base64url");
}

function decodeCursor(cursor: string, openKfId: string): number {
  const [kf, index] = Buffer.from(cursor, "base64url").toString("utf8").split(":");
  if (kf !== openKfId || index === undefined || !/^\d+$/.test(index)) {
    throw new ApiError(95012, "invalid cursor");
  }
  return Number(index);
}

/**
 * Starts a fake WeCom API server on 127.0.0.1 (random free port). Close it after the test.
 */
export async function startFakeWeCom(options: FakeWeComOptions = {}): Promise<FakeWeCom> {
  const server = new FakeWeComServer(options);
  await server.listen();
  return server;
}

// ---------------------------------------------------------------------------
// Callbacks as WeCom sends them
// ---------------------------------------------------------------------------

/** A callback request ready for `app.inject` or fetch. */
export interface CallbackRequest {
  readonly method: "GET" | "POST";
  /** Path with the query string WeCom appends. */
  readonly url: string;
  readonly query: Record<string, string>;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

export interface WeComCallbackSender {
  /** The GET WeCom sends when the callback URL is saved; `echo` is the expected answer. */
  urlVerification(path: string, echo?: string): CallbackRequest & { echo: string };
  /** The POST WeCom sends with `plaintextXml` encrypted, signed with a fresh nonce. */
  post(
    path: string,
    plaintextXml: string,
    options?: { timestamp?: string; nonce?: string; agentId?: string },
  ): CallbackRequest;
}

/**
 * Builds callback requests exactly as WeCom does (AES-256-CBC with the EncodingAESKey, the
 * CorpID as receive id, msg_signature over the sorted [token, timestamp, nonce, encrypt]).
 */
export function createWeComCallbackSender(options: {
  token: string;
  encodingAesKey: string;
  corpId: string;
  clock?: () => number;
}): WeComCallbackSender {
  const crypto = createWeComCallbackCrypto({
    token: options.token,
    encodingAesKey: options.encodingAesKey,
    corpId: options.corpId,
    ...(options.clock && { clock: options.clock }),
  });
  const withQuery = (path: string, query: Record<string, string>): string =>
    `${path}?${new URLSearchParams(query).toString()}`;
  return {
    urlVerification(path, echo = `echo-${randomBytes(6).toString("hex")}`) {
      const sealed = crypto.seal(echo);
      const query = {
        msg_signature: sealed.msgSignature,
        timestamp: sealed.timestamp,
        nonce: sealed.nonce,
        echostr: sealed.encrypt,
      };
      return {
        method: "GET",
        url: withQuery(path, query),
        query,
        headers: {},
        body: undefined,
        echo,
      };
    },
    post(path, plaintextXml, postOptions = {}) {
      const sealed = crypto.seal(plaintextXml, {
        ...(postOptions.timestamp !== undefined && { timestamp: postOptions.timestamp }),
        nonce: postOptions.nonce ?? String(Math.floor(Math.random() * 1e10)),
      });
      const query = {
        msg_signature: sealed.msgSignature,
        timestamp: sealed.timestamp,
        nonce: sealed.nonce,
      };
      return {
        method: "POST",
        url: withQuery(path, query),
        query,
        headers: { "content-type": "text/xml" },
        body: buildCallbackEnvelope({
          toUserName: options.corpId,
          encrypt: sealed.encrypt,
          ...(postOptions.agentId !== undefined && { agentId: postOptions.agentId }),
        }),
      };
    },
  };
}

/** A valid random EncodingAESKey (43 base64 characters). */
export function randomEncodingAesKey(): string {
  return randomBytes(32).toString("base64").slice(0, 43);
}
