import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { request as httpsRequest } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { z } from "zod";
import type {
  CallbackQuery,
  Chat,
  File as TelegramFile,
  InaccessibleMessage,
  InlineKeyboardMarkup,
  Message,
  MessageEntity,
  PhotoSize,
  Update,
  User,
  UserFromGetMe,
} from "grammy/types";

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

/** Options of {@link startFakeTelegram}; every field has a test-friendly default. */
export interface FakeTelegramOptions {
  /** Bot token the fake accepts; any other token gets 401 Unauthorized. Default "123456:TEST". */
  token?: string;
  /** Overrides for the bot's getMe answer (the id defaults to the token's numeric prefix). */
  botInfo?: Partial<UserFromGetMe>;
  /** update_id of the first queued update. Default 100000. */
  firstUpdateId?: number;
  /** How long a webhook POST may take before it counts as failed. Default 2000 ms. */
  webhookTimeoutMs?: number;
  /** Pause before a failed webhook delivery is retried. Default 50 ms (Telegram waits longer). */
  webhookRetryDelayMs?: number;
  /**
   * Enforces Telegram's sending limits on sendMessage and sendPhoto as Telegram does: a call
   * beyond them is refused with 429 and retry_after (whole seconds). Off by default. The
   * benchmark scales them up (a faster "Telegram") so that a run takes less than a minute.
   */
  sendingLimits?: SendingLimits;
}

/** Messages per second over all chats, and the least gap between two messages to one chat. */
export interface SendingLimits {
  readonly globalPerSecond: number;
  readonly perChatIntervalMs: number;
}

/** A failure to inject into the next calls of one method. */
export type InjectedFault =
  | { status: 429; retryAfter: number; description?: string }
  | { status: 500 | 502 | 503 | 504; description?: string }
  | { status: 400 | 401 | 403 | 404 | 409; description: string }
  /** Destroys the TCP connection without an answer: grammY sees an HttpError. */
  | { dropConnection: true };

/** The error part of a Bot API answer, exactly as sent on the wire. */
export interface ApiErrorBody {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/**
 * One Bot API call as the fake received it. `ok` stays undefined while the call is in flight
 * (a long poll); afterwards either `result` or `error` is set.
 */
export interface RecordedCall {
  /** Position in {@link FakeTelegram.calls}, starting at 0. */
  readonly index: number;
  /** Canonical method name ("sendMessage" even if the bot called "SENDMESSAGE"). */
  readonly method: string;
  /** Parameters as received (query string merged with the body; uploads as {@link UploadedFile}). */
  readonly params: Readonly<Record<string, unknown>>;
  /** Arrival time, ms since the epoch. */
  readonly time: number;
  /** "http" for ordinary requests, "webhook-reply" for a method returned in a webhook answer. */
  readonly via: "http" | "webhook-reply";
  ok: boolean | undefined;
  result?: unknown;
  error?: ApiErrorBody;
  /** True when the failure came from failNext/failRandomly (the call then had no effect). */
  injected: boolean;
}

/** A file the bot uploaded with multipart/form-data. */
export interface UploadedFile {
  readonly filename: string;
  readonly size: number;
  readonly bytes: Buffer;
}

type InlineButton = z.infer<typeof InlineButtonSchema>;
type KeyboardButton = z.infer<typeof KeyboardButtonSchema>;
/** A validated reply_markup (inline keyboard, reply keyboard, keyboard removal or force reply). */
export type ReplyMarkup = z.infer<typeof ReplyMarkupSchema>;
/** A reply keyboard as shown to the user. */
export type ReplyKeyboard = Extract<ReplyMarkup, { keyboard: unknown }>;

/** A message the bot sent, with later edits applied. */
export interface SentMessage {
  chat_id: number;
  message_id: number;
  method: "sendMessage" | "sendPhoto";
  /** The text exactly as the bot sent it (markup included); undefined for photos. */
  text?: string;
  /** The text as the user sees it (HTML/Markdown markup removed, approximately). */
  plain_text?: string;
  caption?: string;
  parse_mode?: string;
  reply_markup?: ReplyMarkup;
  photo?: PhotoSize[];
  date: number;
  edited: boolean;
  deleted: boolean;
  /** The Message object as the fake last returned it to the bot. */
  message: Message;
}

/** What the bot answered to a callback query. */
export interface CallbackAnswer {
  callback_query_id: string;
  text?: string;
  show_alert?: boolean;
  url?: string;
  cache_time?: number;
}

/** One attempt to POST an update to the webhook. */
export interface WebhookDelivery {
  update_id: number;
  url: string;
  /** HTTP status of the webhook's answer; undefined when the request failed or timed out. */
  status?: number;
  error?: string;
  time: number;
}

/** A simulated Telegram user (or a member of a group chat) talking to the bot. */
export interface FakeUser {
  readonly user: User;
  readonly chat: Chat;
  /** Queues a text message; /commands inside get bot_command entities as Telegram adds them. */
  sendText(text: string): Update;
  /** Queues a command such as "/start payload"; throws unless the text starts with "/". */
  sendCommand(commandLine: string): Update;
  /**
   * Queues a callback_query for an inline button of a bot message in this chat.
   * Throws unless the message exists and has a button with this callback_data,
   * unless `force` is set (then a missing message is sent as an InaccessibleMessage).
   */
  pressButton(messageId: number, callbackData: string, options?: { force?: boolean }): Update;
  shareLocation(latitude: number, longitude: number): Update;
  /** Queues a venue (a place picked from Telegram's list): its location, title and address. */
  shareVenue(latitude: number, longitude: number, title: string, address: string): Update;
  /**
   * Queues a contact; it carries this user's id, as a request_contact button sends it, or with
   * `own: false` another user's id, as a card from the address book does.
   */
  shareContact(phoneNumber: string, firstName: string, options?: { own: boolean }): Update;
  /**
   * Queues a photo (three sizes); `fileId` names the largest size, `bytes` are its file (a
   * JPEG, {@link PHOTO_JPEG} then filler, without them). getFile knows all of them. With `replyTo`, it is a reply to that message of
   * the chat (Telegram then carries the whole message, buttons included).
   */
  sendPhoto(fileId?: string, caption?: string, bytes?: Buffer, replyTo?: number): Update;
  sendSticker(): Update;
  /** Queues a short video (MP4, as a phone's camera records it), with words typed under it. */
  sendVideo(caption?: string): Update;
  /**
   * Queues a file sent as a document (a phone's "send as file"): `bytes` are what getFile and
   * the download serve. Its file id is a document's: sendPhoto refuses it, as Telegram does.
   */
  sendDocument(fileName: string, mimeType: string, bytes: Buffer, caption?: string): Update;
  /** Queues the user's edit of their own earlier text message (an `edited_message`). */
  editText(messageId: number, text: string): Update;
  /** Queues the user's edit of the caption of their own earlier photo or file. */
  editCaption(messageId: number, caption: string): Update;
  /**
   * Queues the user's edit of their own earlier photo that puts another picture in it (three
   * new sizes, as {@link sendPhoto} makes them), its caption kept.
   */
  replacePhoto(messageId: number, fileId?: string, bytes?: Buffer): Update;
  /**
   * Queues a voice message (OGG/Opus as Telegram records it): `bytes` are the file getFile and
   * the file download serve; 12 kB of filler without them.
   */
  sendVoice(bytes?: Buffer, durationSeconds?: number): Update;
  /** Queues an audio file (a music-player upload, e.g. MP3). */
  sendAudio(bytes: Buffer, mimeType: string, durationSeconds?: number): Update;
  /** From now on, sending to this chat fails with 403 like a user who blocked the bot. */
  block(): void;
  unblock(): void;
}

/** The running fake Bot API server. */
export interface FakeTelegram {
  /** "http://127.0.0.1:<port>", without trailing slash, for `client: { apiRoot }`. */
  readonly apiRoot: string;
  readonly token: string;
  /** Pass as `botInfo` to `new Bot()` so grammY does not need getMe. */
  readonly botInfo: UserFromGetMe;
  /** All calls in arrival order, including failed and injected ones. */
  readonly calls: readonly RecordedCall[];
  /** Every webhook POST attempt, in order. */
  readonly webhookDeliveries: readonly WebhookDelivery[];
  /** Updates queued and not yet confirmed (getUpdates offset or 2xx webhook answer). */
  readonly pendingUpdates: readonly Update[];
  /** Calls of one method, in order. */
  callsOf(method: string): RecordedCall[];
  /** Messages the bot sent (to one chat, or to all), with edits applied; deleted ones flagged. */
  sentMessages(chatId?: number): SentMessage[];
  /** The bot's last message in a chat that is not deleted. */
  lastMessage(chatId: number): SentMessage | undefined;
  /** The reply keyboard the user currently sees in a chat (removed by remove_keyboard). */
  replyKeyboard(chatId: number): ReplyKeyboard | undefined;
  /** The bot's answer to a callback query, once it answered. */
  callbackAnswer(callbackQueryId: string): CallbackAnswer | undefined;
  /** A private-chat user; creating it makes the chat known (the user has started the bot). */
  user(
    id: number,
    profile?: { firstName?: string; languageCode?: string; username?: string },
  ): FakeUser;
  /** A member of a supergroup (e.g. staff); creating it makes the group known. */
  groupUser(
    chatId: number,
    userId: number,
    profile?: { firstName?: string; languageCode?: string; title?: string },
  ): FakeUser;
  /** Queues any update; an update_id is assigned when missing. */
  queueUpdate(update: Omit<Update, "update_id"> & { update_id?: number }): Update;
  /** Queues the same update (same update_id) again, as Telegram does after a lost confirmation. */
  redeliver(update: Update): Update;
  /**
   * Takes the answer of a webhook POST made by the caller instead of the fake's own delivery
   * (the benchmark's citizens post at once, as Telegram's parallel connections do): a method
   * in it is run as Telegram runs a webhook reply; any other answer is ignored.
   */
  takeWebhookAnswer(contentType: string | null, body: string): Promise<void>;
  /**
   * Resolves with the first recorded, completed call (from index `since`) that matches.
   * Rejects after `timeoutMs` (default WAIT_DEADLINE_MS) with a listing of what the bot did.
   */
  waitFor(
    predicate: (call: RecordedCall) => boolean,
    options?: { timeoutMs?: number; since?: number; description?: string },
  ): Promise<RecordedCall>;
  /**
   * Resolves once `condition()` holds, re-checked after every call and webhook delivery;
   * rejects like waitFor.
   */
  waitUntil(
    condition: () => boolean,
    options?: { timeoutMs?: number; description?: string },
  ): Promise<void>;
  /** Resolves once the bot has sent at least `count` messages to the chat; rejects like waitFor. */
  waitForMessages(
    chatId: number,
    count: number,
    options?: { timeoutMs?: number },
  ): Promise<SentMessage[]>;
  /** The next `n` calls of `method` fail with `fault` and have no effect. */
  failNext(method: string, n: number, fault: InjectedFault): void;
  /**
   * Each call of `method` fails with `fault` (default 500) with the given probability,
   * drawn from `random` (a function returning [0, 1) or a seed for {@link seededRandom}).
   * A probability of 0 switches it off.
   */
  failRandomly(
    method: string,
    probability: number,
    random: (() => number) | number,
    fault?: InjectedFault,
  ): void;
  /** Every call to chat `chatId` fails with `fault` from now on (null: no longer). */
  failChat(chatId: number, fault: InjectedFault | null): void;
  /**
   * Runs `hook` when a call arrives, before the fake does anything with it; the call waits
   * for the promise it returns (a test holds a call, or kills the bot's process there).
   * Null removes it.
   */
  interceptCalls(hook: ((call: RecordedCall) => Promise<void> | void) | null): void;
  /** Removes all injected faults. */
  clearFaults(): void;
  /** A human-readable listing of the recorded calls (getUpdates omitted), for failure messages. */
  describeCalls(): string;
  /** Ends long polls, stops webhook delivery and closes the server. Stop your bots first. */
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------
// Validation schemas
// ---------------------------------------------------------------------------

const InlineButtonSchema = z.looseObject({
  text: z.string(),
  callback_data: z.string().optional(),
  url: z.string().optional(),
});
const KeyboardButtonSchema = z.union([
  z.string(),
  z.looseObject({
    text: z.string(),
    request_location: z.boolean().optional(),
    request_contact: z.boolean().optional(),
  }),
]);
const ReplyMarkupSchema = z.union([
  z.object({ inline_keyboard: z.array(z.array(InlineButtonSchema)) }),
  z.object({
    keyboard: z.array(z.array(KeyboardButtonSchema)),
    is_persistent: z.boolean().optional(),
    resize_keyboard: z.boolean().optional(),
    one_time_keyboard: z.boolean().optional(),
    input_field_placeholder: z.string().optional(),
    selective: z.boolean().optional(),
  }),
  z.object({ remove_keyboard: z.literal(true), selective: z.boolean().optional() }),
  z.object({
    force_reply: z.literal(true),
    input_field_placeholder: z.string().optional(),
    selective: z.boolean().optional(),
  }),
]);
const BotCommandsSchema = z.array(z.object({ command: z.string(), description: z.string() }));

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

class ApiFailure extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: ApiErrorBody["parameters"],
  ) {
    super(description);
  }
}

const badRequest = (what: string): ApiFailure => new ApiFailure(400, `Bad Request: ${what}`);

/**
 * How long waitFor, waitUntil and waitForMessages wait for the bot by default. A wait ends as
 * soon as its condition holds, so this only bounds a failure: generous, as a loaded CI machine
 * (load 20 on 2 cores) takes seconds for what takes milliseconds alone.
 */
const WAIT_DEADLINE_MS = 15_000;

/** A successful result that Telegram answers with a description ("Webhook was set"). */
class Described {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}

class DropConnection extends Error {}

/**
 * A 2×2 JPEG, as Telegram serves every photo: the start of each photo size's file the fake
 * makes up (filler after the picture's end, up to the size's file_size).
 */
export const PHOTO_JPEG = Buffer.from(
  "/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAACAAIDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAP/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAAAwX/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCQCQN//9k=",
  "base64",
);

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

type Params = Record<string, unknown>;
type ApiAnswer =
  { ok: true; result: unknown; description?: string } | ({ ok: false } & ApiErrorBody);
/** Fields of a message besides the ones every message has. */
type MessageContent = Omit<Partial<Message>, "message_id" | "from" | "chat" | "date">;

function isUploadedFile(value: unknown): value is UploadedFile {
  return (
    typeof value === "object" && value !== null && "bytes" in value && Buffer.isBuffer(value.bytes)
  );
}

function optString(p: Params, key: string): string | undefined {
  const v = p[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  throw badRequest(`field "${key}" must be of type String`);
}

function optInt(p: Params, key: string): number | undefined {
  const v = p[key];
  if (v === undefined || v === null || v === "") return undefined;
  const n = typeof v === "number" ? v : typeof v === "string" ? Number(v) : Number.NaN;
  if (!Number.isInteger(n)) throw badRequest(`field "${key}" must be of type Integer`);
  return n;
}

function optBool(p: Params, key: string): boolean | undefined {
  const v = p[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "boolean") return v;
  if (v === "true" || v === "1") return true;
  if (v === "false" || v === "0") return false;
  throw badRequest(`field "${key}" must be of type Boolean`);
}

/** Form-encoded requests carry objects as JSON strings; JSON requests carry them as objects. */
function optJson(p: Params, key: string): unknown {
  const v = p[key];
  if (typeof v !== "string") return v ?? undefined;
  try {
    const parsed: unknown = JSON.parse(v);
    return parsed;
  } catch {
    throw badRequest(`can't parse ${key} JSON object`);
  }
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

/** Mulberry32: a small deterministic generator for {@link FakeTelegram.failRandomly}. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HTML_TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "span",
  "tg-spoiler",
  "a",
  "code",
  "pre",
  "blockquote",
  "tg-emoji",
]);

function byteOffset(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index));
}

function entitiesError(detail: string): ApiFailure {
  return badRequest(`can't parse entities: ${detail}`);
}

/** Checks HTML the way Telegram rejects it: unknown tags, a bare "<", unbalanced tags. */
function checkHtml(text: string): void {
  const open: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "<") continue;
    const tag = /^<(\/?)([a-zA-Z][\w-]*)?[^<>]*>/.exec(text.slice(i));
    const name = tag?.[2]?.toLowerCase() ?? "";
    if (!tag || !HTML_TAGS.has(name)) {
      throw entitiesError(`Unsupported start tag "${name}" at byte offset ${byteOffset(text, i)}`);
    }
    if (tag[1] === "/") {
      const expected = open.pop();
      if (expected !== name) {
        throw entitiesError(
          `Unmatched end tag at byte offset ${byteOffset(text, i)}, expected "</${expected ?? ""}>", found "</${name}>"`,
        );
      }
    } else {
      open.push(name);
    }
    i += tag[0].length - 1;
  }
  const unclosed = open.pop();
  if (unclosed !== undefined) {
    throw entitiesError(`Can't find end tag corresponding to start tag "${unclosed}"`);
  }
}

/** Checks the MarkdownV2 characters that must always be escaped outside code and link URLs. */
function checkMarkdownV2(text: string): void {
  let inCode = false;
  let inUrl = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? "";
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "`") {
      inCode = !inCode;
      continue;
    }
    if (inCode) continue;
    if (inUrl) {
      if (c === ")") inUrl = false;
      continue;
    }
    if (c === "(" && text[i - 1] === "]") {
      inUrl = true;
      continue;
    }
    const atLineStart = i === 0 || text[i - 1] === "\n";
    const reserved =
      "#+-={}.()".includes(c) || (c === "!" && text[i + 1] !== "[") || (c === ">" && !atLineStart);
    if (reserved) {
      throw entitiesError(
        `Character '${c}' is reserved and must be escaped with the preceding '\\'`,
      );
    }
  }
}

function validateFormatting(text: string, parseMode: string | undefined): void {
  if (parseMode === undefined || parseMode === "") return;
  const mode = parseMode.toLowerCase();
  if (mode === "html") checkHtml(text);
  else if (mode === "markdownv2") checkMarkdownV2(text);
  else if (mode !== "markdown") throw badRequest(`unsupported parse_mode`);
}

/** Approximates the text the user sees, which is what Telegram's length limits count. */
function plainText(text: string, parseMode: string | undefined): string {
  const mode = parseMode?.toLowerCase();
  if (mode === "html") {
    return text
      .replace(/<[^>]*>/g, "")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
      .replace(/&amp;/g, "&");
  }
  if (mode === "markdownv2" || mode === "markdown") {
    return text
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/\\(.)|[*_~`|]/g, (_m, escaped: string | undefined) => escaped ?? "");
  }
  return text;
}

function commandEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  for (const m of text.matchAll(/(^|\s)(\/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]{3,32})?)/g)) {
    const command = m[2] ?? "";
    entities.push({
      type: "bot_command",
      offset: (m.index ?? 0) + (m[1]?.length ?? 0),
      length: command.length,
    });
  }
  return entities;
}

function validateReplyMarkup(raw: unknown): ReplyMarkup | undefined {
  if (raw === undefined) return undefined;
  const parsed = ReplyMarkupSchema.safeParse(raw);
  if (!parsed.success) throw badRequest("can't parse reply keyboard markup JSON object");
  const markup = parsed.data;
  if ("inline_keyboard" in markup) {
    for (const button of markup.inline_keyboard.flat()) {
      const data = button.callback_data;
      if (data !== undefined && (data.length === 0 || Buffer.byteLength(data) > 64)) {
        throw badRequest("BUTTON_DATA_INVALID");
      }
      if (Object.keys(button).filter((k) => k !== "text").length === 0) {
        throw badRequest("text buttons are unallowed in the inline keyboard");
      }
    }
  }
  return markup;
}

function inlineButtons(markup: ReplyMarkup | undefined): InlineButton[] {
  return markup !== undefined && "inline_keyboard" in markup ? markup.inline_keyboard.flat() : [];
}

function buttonLabel(button: KeyboardButton): string {
  return typeof button === "string" ? button : button.text;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  }
  return Buffer.concat(chunks);
}

/** Fields that grammY serialises as JSON inside form data. */
const JSON_FIELDS = new Set([
  "reply_markup",
  "entities",
  "caption_entities",
  "reply_parameters",
  "link_preview_options",
  "allowed_updates",
  "commands",
  "scope",
  "media",
]);

/** Parses grammY's multipart bodies: values, and files referenced as attach://<name>. */
function parseMultipart(body: Buffer, boundary: string): Params {
  const params: Params = {};
  const files = new Map<string, UploadedFile>();
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = body.subarray(start + delimiter.length, next);
    start = next;
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd === -1) continue;
    const headers = part.subarray(0, headerEnd).toString("utf8");
    const content = part.subarray(headerEnd + 4, part.length - 2); // strip the CRLF before the delimiter
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    if (name === undefined) continue;
    const filename = /filename="?([^";\r\n]*)"?/i.exec(headers)?.[1];
    if (filename !== undefined) {
      files.set(name, { filename, size: content.length, bytes: Buffer.from(content) });
    } else {
      const value = content.toString("utf8");
      params[name] = JSON_FIELDS.has(name) ? safeJson(value) : value;
    }
  }
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === "string" && value.startsWith("attach://")) {
      const file = files.get(value.slice("attach://".length));
      if (file) params[key] = file;
    }
  }
  return params;
}

/** The method a webhook answered with, if its answer is one (JSON with a string `method`). */
function webhookReplyOf(contentType: string | undefined, body: string): Params | undefined {
  const parsed = /json/i.test(contentType ?? "") ? safeJson(body) : undefined;
  return typeof parsed === "object" &&
    parsed !== null &&
    "method" in parsed &&
    typeof parsed.method === "string"
    ? (parsed as Params)
    : undefined;
}

function safeJson(value: string): unknown {
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed;
  } catch {
    return value;
  }
}

function parseParams(
  contentType: string | undefined,
  body: Buffer,
  query: URLSearchParams,
): Params {
  const params: Params = Object.fromEntries(query.entries());
  const type = (contentType ?? "").toLowerCase();
  if (body.length === 0) return params;
  if (type.startsWith("application/json")) {
    const parsed: unknown = JSON.parse(body.toString("utf8"));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw badRequest("JSON object expected");
    }
    return { ...params, ...parsed };
  }
  if (type.startsWith("application/x-www-form-urlencoded")) {
    return { ...params, ...Object.fromEntries(new URLSearchParams(body.toString("utf8"))) };
  }
  const boundary = /boundary=("?)([^";]+)\1/i.exec(contentType ?? "")?.[2];
  if (type.startsWith("multipart/form-data") && boundary !== undefined) {
    return { ...params, ...parseMultipart(body, boundary) };
  }
  return params;
}

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const body = JSON.stringify(payload);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

function shorten(text: string, max = 60): string {
  const oneLine = text.replace(/\n/g, "⏎");
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}

// ---------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------

interface StoredMessage {
  message: Message;
  fromBot: boolean;
  sent?: SentMessage;
}

interface ChatState {
  chat: Chat.PrivateChat | Chat.SupergroupChat;
  nextMessageId: number;
  messages: Map<number, StoredMessage>;
  blocked: boolean;
  replyKeyboard?: ReplyKeyboard;
}

interface QueueEntry {
  update: Update;
  handedOut: boolean;
  redelivery: boolean;
}

interface Webhook {
  url: string;
  secretToken?: string;
  lastErrorDate?: number;
  lastErrorMessage?: string;
  maxConnections: number;
}

interface StoredFile {
  file: TelegramFile;
  bytes: Buffer;
  /**
   * What the file was sent as. Telegram's file ids are typed: sendPhoto refuses a document's
   * id (a picture sent "as a file") with "type of file mismatch".
   */
  kind: "photo" | "document" | "other";
}

type Handler = (params: Params, signal: AbortSignal) => unknown;

class FakeTelegramServer implements FakeTelegram {
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  apiRoot = "";
  readonly calls: RecordedCall[] = [];
  readonly webhookDeliveries: WebhookDelivery[] = [];

  private readonly server = createServer((req, res) => void this.handleHttp(req, res));
  private readonly sockets = new Set<Socket>();
  private readonly lifetime = new AbortController();
  private readonly chats = new Map<number, ChatState>();
  private readonly files = new Map<string, StoredFile>();
  private readonly callbackQueries = new Map<string, { answer?: CallbackAnswer }>();
  private readonly commands = new Map<string, unknown>();
  private readonly nextFaults = new Map<string, InjectedFault[]>();
  private readonly chatFaults = new Map<string, InjectedFault>();
  private intercept: ((call: RecordedCall) => Promise<void> | void) | null = null;
  private readonly randomFaults = new Map<
    string,
    { probability: number; random: () => number; fault: InjectedFault }
  >();
  private readonly queueWaiters = new Set<() => void>();
  private readonly callListeners = new Set<() => void>();
  private queue: QueueEntry[] = [];
  private nextUpdateId: number;
  private nextFileNumber = 1;
  private nextCallbackNumber = 1;
  private activePoll: ((failure: ApiFailure) => void) | undefined;
  private webhook: Webhook | undefined;
  private delivering = false;
  /**
   * The update types the bot asked for (getUpdates' or setWebhook's `allowed_updates`, kept
   * until a later call names others): Telegram makes no update of any other type.
   */
  private allowedUpdates: readonly string[] | undefined;
  private readonly handlers: Map<string, Handler>;
  private readonly methodNames: Map<string, string>;

  constructor(private readonly options: FakeTelegramOptions) {
    this.token = options.token ?? "123456:TEST";
    const botId = Number(this.token.split(":")[0]);
    this.botInfo = {
      id: Number.isInteger(botId) ? botId : 123456,
      is_bot: true,
      first_name: "Intake Test Bot",
      username: "intake_test_bot",
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
      ...options.botInfo,
    };
    this.nextUpdateId = options.firstUpdateId ?? 100000;
    this.handlers = new Map<string, Handler>([
      ["getMe", () => this.botInfo],
      ["getUpdates", (p, signal) => this.getUpdates(p, signal)],
      ["setWebhook", (p) => this.setWebhook(p)],
      ["deleteWebhook", (p) => this.deleteWebhook(p)],
      ["getWebhookInfo", () => this.getWebhookInfo()],
      ["sendMessage", (p) => this.sendMessage(p)],
      ["editMessageText", (p) => this.editMessageText(p)],
      ["editMessageReplyMarkup", (p) => this.editMessageReplyMarkup(p)],
      ["answerCallbackQuery", (p) => this.answerCallbackQuery(p)],
      ["sendPhoto", (p) => this.sendPhoto(p)],
      ["getFile", (p) => this.getFile(p)],
      ["sendChatAction", (p) => this.sendChatAction(p)],
      ["deleteMessage", (p) => this.deleteMessage(p)],
      ["setMyCommands", (p) => this.setMyCommands(p)],
      ["getMyCommands", (p) => this.commands.get(this.commandsKey(p)) ?? []],
      ["deleteMyCommands", (p) => this.commands.delete(this.commandsKey(p)) || true],
    ]);
    this.methodNames = new Map([...this.handlers.keys()].map((m) => [m.toLowerCase(), m]));
    // The Bot API keeps idle connections open; Node's server closes them after 5 s. grammY keeps
    // one agent per API root for every bot of a process, so a bot calling after 5 s of quiet
    // (a service started after another bot's run) could reuse a socket at the moment the server
    // closes it: ECONNRESET. Idle sockets stay open here until close() destroys them.
    this.server.keepAliveTimeout = 0;
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.apiRoot = `http://127.0.0.1:${port}`;
  }

  get pendingUpdates(): Update[] {
    return this.queue.map((e) => e.update);
  }

  // --- HTTP -----------------------------------------------------------------

  private async handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const clientGone = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) clientGone.abort();
    });
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch {
      return;
    }
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method === "GET" && url.pathname.startsWith("/file/bot")) {
      this.serveFile(url.pathname, res);
      return;
    }
    const match = /^\/bot([^/]*)\/([^/]+)$/.exec(url.pathname);
    if (!match || (req.method !== "GET" && req.method !== "POST")) {
      sendJson(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      return;
    }
    const token = decodeURIComponent(match[1] ?? "");
    const rawMethod = decodeURIComponent(match[2] ?? "");
    let params: Params;
    try {
      params = parseParams(req.headers["content-type"], body, url.searchParams);
    } catch (error) {
      const failure = error instanceof ApiFailure ? error : badRequest("can't parse request body");
      const call = this.record(rawMethod, {}, "http");
      sendJson(res, failure.errorCode, this.finishFailed(call, failure, false));
      return;
    }
    const method = this.methodNames.get(rawMethod.toLowerCase()) ?? rawMethod;
    const call = this.record(method, params, "http");
    if (token !== this.token) {
      sendJson(res, 401, this.finishFailed(call, new ApiFailure(401, "Unauthorized"), false));
      return;
    }
    try {
      const answer = await this.execute(call, clientGone.signal);
      sendJson(res, answer.ok ? 200 : answer.error_code, answer);
    } catch (error) {
      if (error instanceof DropConnection) {
        req.socket.destroy();
        return;
      }
      throw error;
    }
  }

  private serveFile(pathname: string, res: ServerResponse): void {
    const prefix = `/file/bot${this.token}/`;
    const path = decodeURIComponent(pathname.slice(prefix.length));
    const stored = pathname.startsWith(prefix)
      ? [...this.files.values()].find((f) => f.file.file_path === path)
      : undefined;
    if (!stored) {
      sendJson(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      return;
    }
    res.writeHead(200, {
      "content-type": "application/octet-stream",
      "content-length": stored.bytes.length,
    });
    res.end(stored.bytes);
  }

  private record(method: string, params: Params, via: RecordedCall["via"]): RecordedCall {
    const call: RecordedCall = {
      index: this.calls.length,
      method,
      params,
      time: Date.now(),
      via,
      ok: undefined,
      injected: false,
    };
    this.calls.push(call);
    return call;
  }

  private finishFailed(call: RecordedCall, failure: ApiFailure, injected: boolean): ApiAnswer {
    const error: ApiErrorBody = { error_code: failure.errorCode, description: failure.description };
    if (failure.parameters) error.parameters = failure.parameters;
    call.ok = false;
    call.error = error;
    call.injected = injected;
    this.notifyCallListeners();
    return { ok: false as const, ...error };
  }

  /** Runs one recorded call and returns the Bot API answer body. */
  private async execute(call: RecordedCall, signal: AbortSignal): Promise<ApiAnswer> {
    const handler = this.handlers.get(call.method);
    if (!handler) return this.finishFailed(call, new ApiFailure(404, "Not Found"), false);
    if (this.intercept) await this.intercept(call);
    const fault = this.takeFault(call);
    if (fault) {
      if ("dropConnection" in fault) {
        this.finishFailed(call, new ApiFailure(0, "connection dropped by failNext"), true);
        throw new DropConnection();
      }
      return this.finishFailed(call, faultToFailure(fault), true);
    }
    const limited = this.overLimit(call);
    if (limited) return this.finishFailed(call, limited, false);
    try {
      const value: unknown = await handler(call.params, signal);
      const described = value instanceof Described ? value : undefined;
      call.ok = true;
      call.result = described ? described.result : value;
      this.notifyCallListeners();
      return described
        ? { ok: true, result: described.result, description: described.description }
        : { ok: true, result: value };
    } catch (error) {
      if (error instanceof ApiFailure) return this.finishFailed(call, error, false);
      const message = error instanceof Error ? error.message : String(error);
      return this.finishFailed(
        call,
        new ApiFailure(500, `Internal Server Error: ${message}`),
        false,
      );
    }
  }

  /** Send times accepted in the last second, and the last send per chat (sendingLimits). */
  private readonly recentSends: number[] = [];
  private readonly lastSendByChat = new Map<string, number>();

  /** A 429 when `call` would break the sending limits; otherwise records the send. */
  private overLimit(call: RecordedCall): ApiFailure | undefined {
    const limits = this.options.sendingLimits;
    if (!limits || (call.method !== "sendMessage" && call.method !== "sendPhoto")) return undefined;
    const now = Date.now();
    while (this.recentSends.length > 0 && this.recentSends[0]! <= now - 1000)
      this.recentSends.shift();
    const chat = String(call.params.chat_id);
    const last = this.lastSendByChat.get(chat);
    if (
      this.recentSends.length >= limits.globalPerSecond ||
      (last !== undefined && now - last < limits.perChatIntervalMs)
    ) {
      return new ApiFailure(429, "Too Many Requests: retry after 1", { retry_after: 1 });
    }
    this.recentSends.push(now);
    this.lastSendByChat.set(chat, now);
    return undefined;
  }

  private takeFault(call: RecordedCall): InjectedFault | undefined {
    const method = call.method;
    const chatFault = this.chatFaults.get(String(call.params.chat_id));
    if (chatFault) return chatFault;
    const queued = this.nextFaults.get(method);
    if (queued && queued.length > 0) return queued.shift();
    const random = this.randomFaults.get(method);
    if (random && random.random() < random.probability) return random.fault;
    return undefined;
  }

  private notifyCallListeners(): void {
    for (const listener of [...this.callListeners]) listener();
  }

  // --- Updates --------------------------------------------------------------

  private enqueue(update: Update, redelivery: boolean): Update {
    this.queue.push({ update, handedOut: false, redelivery });
    for (const wake of [...this.queueWaiters]) wake();
    this.kickWebhook();
    return update;
  }

  queueUpdate(update: Omit<Update, "update_id"> & { update_id?: number }): Update {
    const full: Update = { ...update, update_id: update.update_id ?? this.nextUpdateId++ };
    if (full.update_id >= this.nextUpdateId) this.nextUpdateId = full.update_id + 1;
    const kind = Object.keys(full).find((key) => key !== "update_id") ?? "";
    if (
      this.allowedUpdates &&
      this.allowedUpdates.length > 0 &&
      !this.allowedUpdates.includes(kind)
    ) {
      return full; // not asked for: Telegram never delivers it
    }
    return this.enqueue(full, false);
  }

  private takeAllowedUpdates(p: Params): void {
    const allowed = optJson(p, "allowed_updates");
    if (Array.isArray(allowed)) this.allowedUpdates = allowed.map(String);
  }

  redeliver(update: Update): Update {
    return this.enqueue(update, true);
  }

  async takeWebhookAnswer(contentType: string | null, body: string): Promise<void> {
    const reply = webhookReplyOf(contentType ?? undefined, body);
    if (reply) await this.runWebhookReply(reply);
  }

  private confirm(offset: number | undefined): void {
    if (offset === undefined || offset === 0) return;
    if (offset < 0) {
      this.queue = this.queue.slice(offset);
      return;
    }
    // A redelivered update has an old id; it is only confirmed after it was handed out.
    this.queue = this.queue.filter(
      (e) => e.update.update_id >= offset || (e.redelivery && !e.handedOut),
    );
  }

  private async getUpdates(p: Params, signal: AbortSignal): Promise<Update[]> {
    const conflict = (): ApiFailure =>
      new ApiFailure(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    if (this.webhook) throw conflict();
    this.takeAllowedUpdates(p);
    const limit = Math.min(100, Math.max(1, optInt(p, "limit") ?? 100));
    const timeout = Math.max(0, optInt(p, "timeout") ?? 0);
    this.confirm(optInt(p, "offset"));
    this.activePoll?.(
      new ApiFailure(
        409,
        "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
      ),
    );
    if (this.queue.length === 0 && timeout > 0 && !this.lifetime.signal.aborted) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => done(), timeout * 1000);
        const onWake = (): void => done();
        const done = (failure?: ApiFailure): void => {
          clearTimeout(timer);
          this.queueWaiters.delete(onWake);
          signal.removeEventListener("abort", onWake);
          this.lifetime.signal.removeEventListener("abort", onWake);
          if (this.activePoll === done) this.activePoll = undefined;
          if (failure) reject(failure);
          else resolve();
        };
        this.queueWaiters.add(onWake);
        signal.addEventListener("abort", onWake);
        this.lifetime.signal.addEventListener("abort", onWake);
        this.activePoll = done;
      });
      if (this.webhook) throw conflict();
    }
    if (signal.aborted) return [];
    const batch = this.queue.slice(0, limit);
    for (const entry of batch) entry.handedOut = true;
    return batch.map((e) => e.update);
  }

  // --- Webhook --------------------------------------------------------------

  private setWebhook(p: Params): Described {
    const url = optString(p, "url") ?? "";
    if (url === "") return this.deleteWebhook(p);
    if (!/^https?:\/\//.test(url)) throw badRequest("bad webhook: Failed to resolve host");
    const secretToken = optString(p, "secret_token");
    if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
      throw badRequest("secret token contains unallowed characters");
    }
    if (optBool(p, "drop_pending_updates") === true) this.queue = [];
    this.takeAllowedUpdates(p);
    this.webhook = { url, maxConnections: optInt(p, "max_connections") ?? 40 };
    if (secretToken !== undefined) this.webhook.secretToken = secretToken;
    this.activePoll?.(new ApiFailure(409, "Conflict: terminated by setWebhook request"));
    this.kickWebhook();
    return new Described(true, "Webhook was set");
  }

  private deleteWebhook(p: Params): Described {
    if (optBool(p, "drop_pending_updates") === true) this.queue = [];
    const had = this.webhook !== undefined;
    this.webhook = undefined;
    return new Described(true, had ? "Webhook was deleted" : "Webhook is already deleted");
  }

  private getWebhookInfo(): Record<string, unknown> {
    const hook = this.webhook;
    const info: Record<string, unknown> = {
      url: hook?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: this.queue.length,
    };
    if (hook) {
      info.max_connections = hook.maxConnections;
      info.ip_address = "127.0.0.1";
      if (hook.lastErrorDate !== undefined) {
        info.last_error_date = hook.lastErrorDate;
        info.last_error_message = hook.lastErrorMessage;
      }
    }
    return info;
  }

  private kickWebhook(): void {
    if (this.webhook && !this.delivering && !this.lifetime.signal.aborted) {
      void this.deliverLoop();
    }
  }

  private async deliverLoop(): Promise<void> {
    this.delivering = true;
    try {
      for (;;) {
        const hook = this.webhook;
        const entry = this.queue[0];
        if (!hook || !entry || this.lifetime.signal.aborted) break;
        const attempt = await this.postUpdate(hook, entry.update);
        this.webhookDeliveries.push({
          update_id: entry.update.update_id,
          url: hook.url,
          time: Date.now(),
          ...(attempt.status !== undefined ? { status: attempt.status } : {}),
          ...(attempt.error !== undefined ? { error: attempt.error } : {}),
        });
        const delivered = attempt.status !== undefined && attempt.status < 300;
        if (delivered) {
          this.queue = this.queue.filter((e) => e !== entry);
          if (attempt.reply) await this.runWebhookReply(attempt.reply);
        } else {
          hook.lastErrorDate = Math.floor(Date.now() / 1000);
          hook.lastErrorMessage =
            attempt.error ??
            `Wrong response from the webhook: ${attempt.status ?? 0} ${attempt.statusText ?? ""}`.trim();
        }
        this.notifyCallListeners();
        if (!delivered) await sleep(this.options.webhookRetryDelayMs ?? 50, this.lifetime.signal);
      }
    } finally {
      this.delivering = false;
    }
  }

  private postUpdate(
    hook: Webhook,
    update: Update,
  ): Promise<{ status?: number; statusText?: string; error?: string; reply?: Params }> {
    const body = JSON.stringify(update);
    const headers: Record<string, string | number> = {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
    };
    if (hook.secretToken !== undefined)
      headers["X-Telegram-Bot-Api-Secret-Token"] = hook.secretToken;
    const send = hook.url.startsWith("https:") ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      const req = send(
        hook.url,
        {
          method: "POST",
          headers,
          agent: false,
          timeout: this.options.webhookTimeoutMs ?? 2000,
          signal: this.lifetime.signal,
        },
        (res) => {
          void readBody(res)
            .then((answer) => {
              const status = res.statusCode ?? 0;
              const reply = webhookReplyOf(res.headers["content-type"], answer.toString("utf8"));
              resolve({ status, statusText: res.statusMessage ?? "", ...(reply ? { reply } : {}) });
            })
            .catch((error: unknown) => resolve({ error: String(error) }));
        },
      );
      req.on("timeout", () => req.destroy(new Error("Read timeout expired")));
      req.on("error", (error) => resolve({ error: error.message }));
      req.end(body);
    });
  }

  private async runWebhookReply(reply: Params): Promise<void> {
    const { method, ...params } = reply;
    const name = typeof method === "string" ? method : "";
    const call = this.record(
      this.methodNames.get(name.toLowerCase()) ?? name,
      params,
      "webhook-reply",
    );
    try {
      await this.execute(call, this.lifetime.signal);
    } catch (error) {
      if (!(error instanceof DropConnection)) throw error;
    }
  }

  // --- Chats and messages ---------------------------------------------------

  private ensureChat(chat: ChatState["chat"]): ChatState {
    const existing = this.chats.get(chat.id);
    if (existing) return existing;
    const state: ChatState = { chat, nextMessageId: 1, messages: new Map(), blocked: false };
    this.chats.set(chat.id, state);
    return state;
  }

  private chatFor(p: Params): ChatState {
    const raw = p.chat_id;
    if (raw === undefined || raw === null || raw === "") throw badRequest("chat_id is empty");
    const id = typeof raw === "number" ? raw : typeof raw === "string" ? Number(raw) : Number.NaN;
    const state = Number.isInteger(id)
      ? this.chats.get(id)
      : [...this.chats.values()].find(
          (c) => "username" in c.chat && `@${c.chat.username ?? ""}` === raw,
        );
    if (!state) throw badRequest("chat not found");
    return state;
  }

  private writableChat(p: Params): ChatState {
    const state = this.chatFor(p);
    if (state.blocked) {
      throw new ApiFailure(
        403,
        state.chat.type === "private"
          ? "Forbidden: bot was blocked by the user"
          : `Forbidden: bot was kicked from the ${state.chat.type} chat`,
      );
    }
    return state;
  }

  private botAsUser(): User {
    return {
      id: this.botInfo.id,
      is_bot: true,
      first_name: this.botInfo.first_name,
      username: this.botInfo.username,
    };
  }

  private now(): number {
    return Math.floor(Date.now() / 1000);
  }

  private storeBotMessage(
    state: ChatState,
    method: SentMessage["method"],
    fields: MessageContent,
    source: { text?: string; caption?: string; parseMode?: string; markup?: ReplyMarkup },
  ): Message {
    const message: Message = {
      message_id: state.nextMessageId++,
      from: this.botAsUser(),
      chat: state.chat,
      date: this.now(),
      ...fields,
    };
    this.attachInlineMarkup(message, source.markup);
    const sent: SentMessage = {
      chat_id: state.chat.id,
      message_id: message.message_id,
      method,
      date: message.date,
      edited: false,
      deleted: false,
      message,
    };
    if (source.text !== undefined) {
      sent.text = source.text;
      sent.plain_text = plainText(source.text, source.parseMode);
    }
    if (source.caption !== undefined) sent.caption = source.caption;
    if (source.parseMode !== undefined) sent.parse_mode = source.parseMode;
    if (source.markup !== undefined) sent.reply_markup = source.markup;
    if (fields.photo) sent.photo = fields.photo;
    state.messages.set(message.message_id, { message, fromBot: true, sent });
    if (source.markup && "keyboard" in source.markup) state.replyKeyboard = source.markup;
    if (source.markup && "remove_keyboard" in source.markup) delete state.replyKeyboard;
    return message;
  }

  private attachInlineMarkup(message: Message, markup: ReplyMarkup | undefined): void {
    if (markup && "inline_keyboard" in markup) {
      // Validated by ReplyMarkupSchema; the fake keeps unknown button kinds as they came.
      message.reply_markup = markup as InlineKeyboardMarkup;
    } else {
      delete message.reply_markup;
    }
  }

  private checkText(text: string | undefined, parseMode: string | undefined): string {
    if (text === undefined || text.trim() === "") throw badRequest("message text is empty");
    validateFormatting(text, parseMode);
    if (plainText(text, parseMode).length > 4096) throw badRequest("message is too long");
    return text;
  }

  private sendMessage(p: Params): Message {
    const state = this.writableChat(p);
    const parseMode = optString(p, "parse_mode");
    const text = this.checkText(optString(p, "text"), parseMode);
    const markup = validateReplyMarkup(optJson(p, "reply_markup"));
    const entities = optJson(p, "entities");
    return this.storeBotMessage(
      state,
      "sendMessage",
      {
        text: plainText(text, parseMode),
        ...(Array.isArray(entities) ? { entities: entities as MessageEntity[] } : {}),
      },
      { text, ...(parseMode ? { parseMode } : {}), ...(markup ? { markup } : {}) },
    );
  }

  private editableMessage(p: Params): {
    state: ChatState;
    stored: StoredMessage;
    sent: SentMessage;
  } {
    if (p.inline_message_id !== undefined) {
      throw badRequest("inline messages are not supported by the fake");
    }
    const state = this.writableChat(p);
    const messageId = optInt(p, "message_id");
    if (messageId === undefined) throw badRequest("message identifier is not specified");
    const stored = state.messages.get(messageId);
    if (!stored || stored.sent?.deleted === true) throw badRequest("message to edit not found");
    if (!stored.fromBot || !stored.sent) throw badRequest("message can't be edited");
    return { state, stored, sent: stored.sent };
  }

  private editMessageText(p: Params): Message {
    const { stored, sent } = this.editableMessage(p);
    if (sent.text === undefined) throw badRequest("there is no text in the message to edit");
    const parseMode = optString(p, "parse_mode");
    const text = this.checkText(optString(p, "text"), parseMode);
    const markup = validateReplyMarkup(optJson(p, "reply_markup"));
    if (markup && !("inline_keyboard" in markup)) throw badRequest("inline keyboard expected");
    if (
      text === sent.text &&
      (parseMode ?? "") === (sent.parse_mode ?? "") &&
      stableStringify(inlineButtons(markup)) === stableStringify(inlineButtons(sent.reply_markup))
    ) {
      throw badRequest(NOT_MODIFIED);
    }
    sent.text = text;
    sent.plain_text = plainText(text, parseMode);
    if (parseMode) sent.parse_mode = parseMode;
    else delete sent.parse_mode;
    return this.applyEdit(stored, sent, markup, { text: sent.plain_text });
  }

  private editMessageReplyMarkup(p: Params): Message {
    const { stored, sent } = this.editableMessage(p);
    const markup = validateReplyMarkup(optJson(p, "reply_markup"));
    if (markup && !("inline_keyboard" in markup)) throw badRequest("inline keyboard expected");
    if (
      stableStringify(inlineButtons(markup)) === stableStringify(inlineButtons(sent.reply_markup))
    ) {
      throw badRequest(NOT_MODIFIED);
    }
    return this.applyEdit(stored, sent, markup, {});
  }

  private applyEdit(
    stored: StoredMessage,
    sent: SentMessage,
    markup: ReplyMarkup | undefined,
    fields: MessageContent,
  ): Message {
    const message: Message = { ...stored.message, ...fields, edit_date: this.now() };
    this.attachInlineMarkup(message, markup);
    if (markup) sent.reply_markup = markup;
    else delete sent.reply_markup;
    sent.edited = true;
    sent.message = message;
    stored.message = message;
    return message;
  }

  private deleteMessage(p: Params): boolean {
    const state = this.writableChat(p);
    const messageId = optInt(p, "message_id");
    if (messageId === undefined) throw badRequest("message identifier is not specified");
    const stored = state.messages.get(messageId);
    if (!stored || stored.sent?.deleted === true) throw badRequest("message to delete not found");
    if (stored.sent) stored.sent.deleted = true;
    else state.messages.delete(messageId);
    return true;
  }

  private answerCallbackQuery(p: Params): boolean {
    const id = optString(p, "callback_query_id");
    const query = id === undefined ? undefined : this.callbackQueries.get(id);
    if (id === undefined || !query || query.answer) {
      throw badRequest("query is too old and response timeout expired or query ID is invalid");
    }
    const answer: CallbackAnswer = { callback_query_id: id };
    const text = optString(p, "text");
    const showAlert = optBool(p, "show_alert");
    const url = optString(p, "url");
    const cacheTime = optInt(p, "cache_time");
    if (text !== undefined) answer.text = text;
    if (showAlert !== undefined) answer.show_alert = showAlert;
    if (url !== undefined) answer.url = url;
    if (cacheTime !== undefined) answer.cache_time = cacheTime;
    query.answer = answer;
    return true;
  }

  private newPhotoSizes(largestId?: string, bytes?: Buffer): PhotoSize[] {
    const n = this.nextFileNumber++;
    return ([90, 320, 1280] as const).map((side, i, all) => {
      const fileId =
        i === all.length - 1 && largestId !== undefined ? largestId : `photo-${n}-${side}`;
      const size = i === all.length - 1 && bytes ? bytes.length : side * 40;
      const file: TelegramFile = {
        file_id: fileId,
        file_unique_id: `u-${fileId}`,
        file_size: size,
        file_path: `photos/file_${n}_${side}.jpg`,
      };
      this.files.set(fileId, {
        file,
        bytes:
          i === all.length - 1 && bytes
            ? bytes
            : Buffer.concat([PHOTO_JPEG, Buffer.alloc(size - PHOTO_JPEG.length, side % 251)]),
        kind: "photo",
      });
      return {
        file_id: fileId,
        file_unique_id: file.file_unique_id,
        width: side,
        height: side,
        file_size: size,
      };
    });
  }

  private sendPhoto(p: Params): Message {
    const state = this.writableChat(p);
    const photo = p.photo;
    let sizes: PhotoSize[];
    if (isUploadedFile(photo)) {
      sizes = this.newPhotoSizes(undefined, photo.bytes);
    } else if (typeof photo === "string" && photo !== "") {
      const known = this.files.get(photo);
      if (known && known.kind !== "photo") throw badRequest("type of file mismatch");
      if (known) {
        sizes = [
          { file_id: photo, file_unique_id: known.file.file_unique_id, width: 1280, height: 1280 },
        ];
      } else if (/^https?:\/\//.test(photo)) {
        sizes = this.newPhotoSizes();
      } else {
        throw badRequest("wrong file identifier/HTTP URL specified");
      }
    } else {
      throw badRequest("there is no photo in the request");
    }
    const caption = optString(p, "caption");
    const parseMode = optString(p, "parse_mode");
    if (caption !== undefined) {
      validateFormatting(caption, parseMode);
      if (plainText(caption, parseMode).length > 1024)
        throw badRequest("message caption is too long");
    }
    const markup = validateReplyMarkup(optJson(p, "reply_markup"));
    return this.storeBotMessage(
      state,
      "sendPhoto",
      {
        photo: sizes,
        ...(caption !== undefined ? { caption: plainText(caption, parseMode) } : {}),
      },
      {
        ...(caption !== undefined ? { caption } : {}),
        ...(parseMode ? { parseMode } : {}),
        ...(markup ? { markup } : {}),
      },
    );
  }

  private getFile(p: Params): TelegramFile {
    const id = optString(p, "file_id");
    if (id === undefined || id === "") throw badRequest("file_id is empty");
    const stored = this.files.get(id);
    if (!stored) throw badRequest("invalid file_id");
    return stored.file;
  }

  private sendChatAction(p: Params): boolean {
    this.writableChat(p);
    const action = optString(p, "action");
    if (action === undefined || !CHAT_ACTIONS.has(action)) {
      throw badRequest("wrong parameter action in request");
    }
    return true;
  }

  private commandsKey(p: Params): string {
    return `${stableStringify(optJson(p, "scope") ?? { type: "default" })}|${optString(p, "language_code") ?? ""}`;
  }

  private setMyCommands(p: Params): boolean {
    const parsed = BotCommandsSchema.safeParse(optJson(p, "commands"));
    if (!parsed.success) throw badRequest("can't parse commands JSON object");
    for (const { command, description } of parsed.data) {
      if (!/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest("BOT_COMMAND_INVALID");
      if (description.length < 1 || description.length > 256) {
        throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
      }
    }
    this.commands.set(this.commandsKey(p), parsed.data);
    return true;
  }

  // --- Simulated users ------------------------------------------------------

  user(
    id: number,
    profile: { firstName?: string; languageCode?: string; username?: string } = {},
  ): FakeUser {
    const user: User = { id, is_bot: false, first_name: profile.firstName ?? `User${id}` };
    if (profile.languageCode !== undefined) user.language_code = profile.languageCode;
    if (profile.username !== undefined) user.username = profile.username;
    const chat: Chat.PrivateChat = { id, type: "private", first_name: user.first_name };
    if (profile.username !== undefined) chat.username = profile.username;
    return this.player(this.ensureChat(chat), user);
  }

  groupUser(
    chatId: number,
    userId: number,
    profile: { firstName?: string; languageCode?: string; title?: string } = {},
  ): FakeUser {
    const user: User = {
      id: userId,
      is_bot: false,
      first_name: profile.firstName ?? `Staff${userId}`,
    };
    if (profile.languageCode !== undefined) user.language_code = profile.languageCode;
    const chat: Chat.SupergroupChat = {
      id: chatId,
      type: "supergroup",
      title: profile.title ?? `Group ${chatId}`,
    };
    return this.player(this.ensureChat(chat), user);
  }

  private player(state: ChatState, user: User): FakeUser {
    const sendMessage = (fields: MessageContent): Update => {
      const message = {
        message_id: state.nextMessageId++,
        from: user,
        chat: state.chat,
        date: this.now(),
        ...fields,
      };
      state.messages.set(message.message_id, { message, fromBot: false });
      return this.queueUpdate({ message });
    };
    /** The message replied to, as Telegram carries it: whole, but without its own reply. */
    const replied = (messageId: number): NonNullable<Message["reply_to_message"]> => {
      const stored = state.messages.get(messageId);
      if (!stored) throw new Error(`no message ${messageId} in chat ${state.chat.id} to reply to`);
      return { ...stored.message, reply_to_message: undefined };
    };
    const withCommands = (text: string): MessageContent => {
      const entities = commandEntities(text);
      return entities.length > 0 ? { text, entities } : { text };
    };
    const fileIds = (kind: string): { file_id: string; file_unique_id: string } => {
      const fileId = `${kind}-${this.nextFileNumber++}`;
      return { file_id: fileId, file_unique_id: `u-${fileId}` };
    };
    const storeFile = (
      ids: { file_id: string; file_unique_id: string },
      path: string,
      size: number,
      bytes: Buffer = Buffer.alloc(size, 7),
      kind: StoredFile["kind"] = "other",
    ) =>
      this.files.set(ids.file_id, {
        file: { ...ids, file_size: size, file_path: path },
        bytes,
        kind,
      });

    return {
      user,
      chat: state.chat,
      sendText: (text) => sendMessage(withCommands(text)),
      sendCommand: (commandLine) => {
        if (!commandLine.startsWith("/")) {
          throw new Error(
            `sendCommand expects "/command [args]", got ${JSON.stringify(commandLine)}`,
          );
        }
        return sendMessage(withCommands(commandLine));
      },
      pressButton: (messageId, callbackData, options = {}) => {
        const stored = state.messages.get(messageId);
        const buttons = inlineButtons(stored?.sent?.reply_markup);
        if (options.force !== true && !buttons.some((b) => b.callback_data === callbackData)) {
          throw new Error(
            `pressButton: message ${messageId} in chat ${state.chat.id} has no button with callback_data ${JSON.stringify(callbackData)}` +
              ` (buttons: ${JSON.stringify(buttons.map((b) => b.callback_data ?? b.text))}).\n${this.describeCalls()}`,
          );
        }
        const id = `${this.botInfo.id}${String(this.nextCallbackNumber++).padStart(6, "0")}`;
        this.callbackQueries.set(id, {});
        const inaccessible: InaccessibleMessage = {
          chat: state.chat,
          message_id: messageId,
          date: 0,
        };
        const callbackQuery: CallbackQuery = {
          id,
          from: user,
          message: stored?.message ?? inaccessible,
          chat_instance: `ci${Math.abs(state.chat.id)}`,
          data: callbackData,
        };
        return this.queueUpdate({ callback_query: callbackQuery });
      },
      shareLocation: (latitude, longitude) => sendMessage({ location: { latitude, longitude } }),
      shareVenue: (latitude, longitude, title, address) =>
        sendMessage({
          location: { latitude, longitude },
          venue: { location: { latitude, longitude }, title, address },
        }),
      shareContact: (phoneNumber, firstName, options) =>
        sendMessage({
          contact: {
            phone_number: phoneNumber,
            first_name: firstName,
            user_id: options?.own === false ? user.id + 1_000_000 : user.id,
          },
        }),
      sendPhoto: (fileId, caption, bytes, replyTo) =>
        sendMessage({
          photo: this.newPhotoSizes(fileId, bytes),
          ...(caption !== undefined ? { caption } : {}),
          ...(replyTo !== undefined && { reply_to_message: replied(replyTo) }),
        }),
      sendDocument: (fileName, mimeType, bytes, caption) => {
        const ids = fileIds("document");
        storeFile(ids, `documents/${ids.file_id}_${fileName}`, bytes.length, bytes, "document");
        return sendMessage({
          document: { ...ids, file_name: fileName, mime_type: mimeType, file_size: bytes.length },
          ...(caption !== undefined && { caption }),
        });
      },
      sendVideo: (caption) => {
        const ids = fileIds("video");
        storeFile(ids, `videos/${ids.file_id}.mp4`, 900_000);
        return sendMessage({
          video: { ...ids, width: 720, height: 1280, duration: 8, mime_type: "video/mp4" },
          ...(caption !== undefined && { caption }),
        });
      },
      sendSticker: () => {
        const ids = fileIds("sticker");
        storeFile(ids, `stickers/${ids.file_id}.webp`, 20_000);
        return sendMessage({
          sticker: {
            ...ids,
            type: "regular",
            width: 512,
            height: 512,
            is_animated: false,
            is_video: false,
            emoji: "👍",
            set_name: "FakeStickers",
            file_size: 20_000,
          },
        });
      },
      editText: (messageId, text) => {
        const stored = state.messages.get(messageId);
        if (!stored || stored.fromBot)
          throw new Error(`no message ${messageId} of the user to edit`);
        const edited = {
          ...stored.message,
          from: user,
          chat: state.chat,
          text,
          edit_date: this.now(),
        };
        stored.message = edited;
        return this.queueUpdate({ edited_message: edited });
      },
      editCaption: (messageId, caption) => {
        const stored = state.messages.get(messageId);
        if (!stored || stored.fromBot || !(stored.message.photo || stored.message.document))
          throw new Error(`no photo or file ${messageId} of the user to edit`);
        const edited = {
          ...stored.message,
          from: user,
          chat: state.chat,
          caption,
          edit_date: this.now(),
        };
        stored.message = edited;
        return this.queueUpdate({ edited_message: edited });
      },
      replacePhoto: (messageId, fileId, bytes) => {
        const stored = state.messages.get(messageId);
        if (!stored || stored.fromBot || !stored.message.photo)
          throw new Error(`no photo ${messageId} of the user to edit`);
        const edited = {
          ...stored.message,
          from: user,
          chat: state.chat,
          photo: this.newPhotoSizes(fileId, bytes),
          edit_date: this.now(),
        };
        stored.message = edited;
        return this.queueUpdate({ edited_message: edited });
      },
      sendVoice: (bytes, duration = 3) => {
        const ids = fileIds("voice");
        const size = bytes?.length ?? 12_000;
        storeFile(ids, `voice/${ids.file_id}.oga`, size, bytes);
        return sendMessage({
          voice: { ...ids, duration, mime_type: "audio/ogg", file_size: size },
        });
      },
      sendAudio: (bytes, mimeType, duration = 3) => {
        const ids = fileIds("audio");
        storeFile(ids, `music/${ids.file_id}.mp3`, bytes.length, bytes);
        return sendMessage({
          audio: { ...ids, duration, mime_type: mimeType, file_size: bytes.length },
        });
      },
      block: () => {
        state.blocked = true;
      },
      unblock: () => {
        state.blocked = false;
      },
    };
  }

  // --- Inspection -----------------------------------------------------------

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  sentMessages(chatId?: number): SentMessage[] {
    const states = chatId === undefined ? [...this.chats.values()] : [this.chats.get(chatId)];
    return states
      .flatMap((s) => (s ? [...s.messages.values()] : []))
      .flatMap((m) => (m.sent ? [{ ...m.sent }] : []));
  }

  private sentCount(chatId: number): number {
    let count = 0;
    for (const message of this.chats.get(chatId)?.messages.values() ?? [])
      if (message.sent) count++;
    return count;
  }

  lastMessage(chatId: number): SentMessage | undefined {
    return this.sentMessages(chatId)
      .filter((m) => !m.deleted)
      .at(-1);
  }

  replyKeyboard(chatId: number): ReplyKeyboard | undefined {
    return this.chats.get(chatId)?.replyKeyboard;
  }

  callbackAnswer(callbackQueryId: string): CallbackAnswer | undefined {
    return this.callbackQueries.get(callbackQueryId)?.answer;
  }

  describeCalls(): string {
    const lines = this.calls
      .filter((c) => c.method !== "getUpdates" || c.ok === false)
      .map((c) => `  #${c.index} ${describeCall(c)}`);
    const deliveries = this.webhookDeliveries.map(
      (d) => `  update ${d.update_id} → ${d.status ?? d.error ?? "?"}`,
    );
    return [
      `Calls to the fake Telegram (getUpdates omitted): ${lines.length === 0 ? "none" : ""}`,
      ...lines,
      ...(deliveries.length > 0 ? ["Webhook deliveries:", ...deliveries] : []),
      `Pending updates: ${this.queue.map((e) => e.update.update_id).join(", ") || "none"}`,
    ].join("\n");
  }

  private waitUntilValue<T>(
    check: () => T | undefined,
    timeoutMs: number,
    what: () => string,
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      const onChange = (): void => {
        const value = check();
        if (value !== undefined) finish(() => resolve(value));
      };
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(
              new Error(`${what()} (timed out after ${timeoutMs} ms)\n${this.describeCalls()}`),
            ),
          ),
        timeoutMs,
      );
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        this.callListeners.delete(onChange);
        settle();
      };
      this.callListeners.add(onChange);
      onChange();
    });
  }

  waitFor(
    predicate: (call: RecordedCall) => boolean,
    options: { timeoutMs?: number; since?: number; description?: string } = {},
  ): Promise<RecordedCall> {
    const since = options.since ?? 0;
    return this.waitUntilValue(
      () => this.calls.slice(since).find((c) => c.ok !== undefined && predicate(c)),
      options.timeoutMs ?? WAIT_DEADLINE_MS,
      () => `waitFor: no matching call${options.description ? ` (${options.description})` : ""}`,
    );
  }

  async waitUntil(
    condition: () => boolean,
    options: { timeoutMs?: number; description?: string } = {},
  ): Promise<void> {
    await this.waitUntilValue(
      () => (condition() ? true : undefined),
      options.timeoutMs ?? WAIT_DEADLINE_MS,
      () => `waitUntil: condition not met${options.description ? ` (${options.description})` : ""}`,
    );
  }

  waitForMessages(
    chatId: number,
    count: number,
    options: { timeoutMs?: number } = {},
  ): Promise<SentMessage[]> {
    // Re-checked after every call, for every chat waited on: counted without copying them.
    return this.waitUntilValue(
      () => (this.sentCount(chatId) >= count ? this.sentMessages(chatId) : undefined),
      options.timeoutMs ?? WAIT_DEADLINE_MS,
      () =>
        `waitForMessages: expected ${count} message(s) to chat ${chatId}, got ${this.sentMessages(chatId).length}`,
    );
  }

  // --- Faults and lifecycle -------------------------------------------------

  failNext(method: string, n: number, fault: InjectedFault): void {
    const queued = this.nextFaults.get(method) ?? [];
    for (let i = 0; i < n; i++) queued.push(fault);
    this.nextFaults.set(method, queued);
  }

  failRandomly(
    method: string,
    probability: number,
    random: (() => number) | number,
    fault: InjectedFault = { status: 500 },
  ): void {
    if (probability <= 0) {
      this.randomFaults.delete(method);
      return;
    }
    const next = typeof random === "number" ? seededRandom(random) : random;
    this.randomFaults.set(method, { probability, random: next, fault });
  }

  failChat(chatId: number, fault: InjectedFault | null): void {
    if (fault) this.chatFaults.set(String(chatId), fault);
    else this.chatFaults.delete(String(chatId));
  }

  interceptCalls(hook: ((call: RecordedCall) => Promise<void> | void) | null): void {
    this.intercept = hook;
  }

  clearFaults(): void {
    this.chatFaults.clear();
    this.nextFaults.clear();
    this.randomFaults.clear();
  }

  async close(): Promise<void> {
    this.lifetime.abort();
    this.webhook = undefined;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      // Keep-alive sockets of grammY's agent would otherwise hold close() open.
      for (const socket of this.sockets) socket.destroy();
    });
  }
}

function faultToFailure(fault: Exclude<InjectedFault, { dropConnection: true }>): ApiFailure {
  if (fault.status === 429) {
    return new ApiFailure(
      429,
      fault.description ?? `Too Many Requests: retry after ${fault.retryAfter}`,
      { retry_after: fault.retryAfter },
    );
  }
  const defaults: Record<number, string> = {
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
  };
  return new ApiFailure(fault.status, fault.description ?? defaults[fault.status] ?? "Error");
}

function describeCall(call: RecordedCall): string {
  const p = call.params;
  const parts: string[] = [call.method];
  if (p.chat_id !== undefined) parts.push(`chat=${String(p.chat_id)}`);
  if (p.message_id !== undefined) parts.push(`message=${String(p.message_id)}`);
  if (typeof p.text === "string") parts.push(JSON.stringify(shorten(p.text)));
  if (typeof p.caption === "string") parts.push(`caption=${JSON.stringify(shorten(p.caption))}`);
  if (typeof p.callback_query_id === "string") parts.push(`query=${p.callback_query_id}`);
  const markup = typeof p.reply_markup === "string" ? safeJson(p.reply_markup) : p.reply_markup;
  if (typeof markup === "object" && markup !== null) {
    const parsed = ReplyMarkupSchema.safeParse(markup);
    if (parsed.success && "inline_keyboard" in parsed.data) {
      parts.push(
        `buttons=${JSON.stringify(inlineButtons(parsed.data).map((b) => b.callback_data ?? b.text))}`,
      );
    } else if (parsed.success && "keyboard" in parsed.data) {
      parts.push(`keyboard=${JSON.stringify(parsed.data.keyboard.flat().map(buttonLabel))}`);
    } else if (parsed.success && "remove_keyboard" in parsed.data) {
      parts.push("remove_keyboard");
    }
  }
  const outcome =
    call.ok === undefined
      ? "pending"
      : call.ok
        ? `ok${call.via === "webhook-reply" ? " (webhook reply)" : ""}`
        : `${call.error?.error_code ?? "?"} ${call.error?.description ?? ""}${call.injected ? " [injected]" : ""}`;
  return `${parts.join(" ")} → ${outcome}`;
}

/**
 * Starts a fake Telegram Bot API server on 127.0.0.1 (random free port).
 * Resolves once it listens. The caller must `close()` it after stopping its bots.
 */
export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const server = new FakeTelegramServer(options);
  await server.listen();
  return server;
}
