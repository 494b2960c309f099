import { createHash, timingSafeEqual } from "node:crypto";
import { autoRetry } from "@grammyjs/auto-retry";
import type { FastifyPluginAsync } from "fastify";
import { Api, Bot, GrammyError, HttpError, type Composer } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import type { OutgoingMessage } from "../../domain/intake/replies.ts";
import type { CitizenMessage } from "../../conversation/handle-citizen-event.ts";
import { z } from "zod";
import { SafeIntegerSchema } from "../../input-rule.ts";
import type { Logger } from "../../logging/logger.ts";
import type { ClaimedUpdate, InboundUpdate, InboxStore } from "../../storage/inbox-store.ts";
import type { Clock } from "../../clock.ts";
import type { LoadedTurn, TurnStore } from "../../storage/turn-store.ts";
import { AppError } from "../../errors.ts";
import type { CitizenEvent } from "../../domain/intake/events.ts";
import { fileOwner } from "../../storage/kept-files.ts";
import type { PhotoStore } from "../../storage/photo-store.ts";
import type { VoiceIntake } from "../../voice/voice-intake.ts";
import { isStaffCallback } from "../callback-data.ts";
import { createInboxProcessor } from "../inbox-processor.ts";
import { voiceEvent } from "../voice-event.ts";
import { createSplitTexts, type SplitTexts } from "./split-texts.ts";
import { chatOf, toCitizenUpdate, toTelegramMessages, type CitizenUpdate } from "./translate.ts";
import type { TurnContext } from "./turn-context.ts";

export interface TelegramSettings {
  readonly token: string;
  readonly apiRoot: string;
  readonly webhook?: { readonly url: string; readonly secret: string };
}

export interface TelegramChannelDeps {
  readonly settings: TelegramSettings;
  readonly inbox: InboxStore;
  /** One conversation turn; returns the replies (see handleCitizenEvent). */
  readonly converse: (message: CitizenMessage) => Promise<readonly OutgoingMessage[]>;
  /** Reads a private chat's dialogue and awaited reply once per update (see TurnContext). */
  readonly turns: Pick<TurnStore, "load">;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Known bot profile (tests); fetched with getMe at start otherwise. */
  readonly botInfo?: UserFromGetMe;
  /** Long-polling timeout in seconds (Telegram's maximum is 50). */
  readonly pollTimeoutSeconds?: number;
  /** The staff side (clerks, units, ratings); it sees every update before the citizen conversation. */
  readonly staff?: Composer<TurnContext>;
  /**
   * Answers other group chats that address the bot with the way to the private chat (see
   * groupPointer); installed after the staff side. Without it such groups get no answer.
   */
  readonly groups?: Composer<TurnContext>;
  /** How long a claimed update is this instance's without renewal (INBOX_LEASE_SECONDS). */
  readonly inboxLeaseMs?: number;
  /** Takes voice messages and audio files; without it they are answered as unsupported. */
  readonly voice?: TelegramVoice;
  /**
   * Keeps photos and pictures sent as files (owner `telegram:<user id>`), taken as photos;
   * without it photos stay Telegram's file ids and pictures sent as files are answered as
   * unsupported documents.
   */
  readonly photos?: PhotoStore;
}

export interface TelegramVoice {
  readonly intake: VoiceIntake;
  /** Larger files are refused before they are downloaded (VOICE_MAX_MB). */
  readonly maxBytes: number;
}

/**
 * Seconds one Bot API call (other than the long poll) may take: a connection that hangs
 * fails the attempt instead of holding its chat (grammY's default is 500 s).
 */
const CALL_TIMEOUT_SECONDS = 10;

/**
 * Chats whose updates are handled at once. A chat's update spends most of its time waiting
 * for the Bot API to take its answer, not on the CPU or the database: a bound of 8 queued
 * the 9th chat's turn behind others' round trips (with the Bot API 100 ms away, 30 citizens
 * got 30 turns/s; bench/README.md). 40 is the most updates Telegram itself keeps in flight
 * to a webhook (max_connections).
 */
const CHATS_AT_ONCE = 40;

/** A chat as the webhook reads it: its id names the chat's queue in the inbox (groups' are negative). */
const WebhookChatSchema = z.looseObject({ id: z.number().int().safe() });
const WebhookMessageSchema = z.looseObject({ chat: WebhookChatSchema });

/**
 * What the webhook takes: an update with an update_id both databases hold exactly, and of
 * the rest what the webhook itself reads before answering (the chat, a press's id and data),
 * of Telegram's types: anything else is refused 400, never a 500 Telegram would send again.
 */
const WebhookUpdateSchema = z.looseObject({
  update_id: SafeIntegerSchema,
  message: WebhookMessageSchema.optional(),
  edited_message: WebhookMessageSchema.optional(),
  callback_query: z
    .looseObject({
      id: z.string(),
      data: z.string().optional(),
      message: WebhookMessageSchema.optional(),
    })
    .optional(),
  my_chat_member: WebhookMessageSchema.optional(),
});

export interface TelegramChannel {
  readonly bot: Bot<TurnContext>;
  /** The webhook's route, in webhook mode. */
  readonly routes?: FastifyPluginAsync;
  start(): Promise<void>;
  /** Stops polling and waits for the updates in hand, at most `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * The Telegram channel. Every update is stored in the inbox before Telegram
 * is told it arrived — the webhook answers 200 only after storing, and the
 * polling offset moves only past stored updates — and is handled from there.
 * (grammY's bot.start() and webhookCallback confirm updates as soon as the
 * handler returns, and neither de-duplicates a redelivered update.)
 */
export function createTelegramChannel(deps: TelegramChannelDeps): TelegramChannel {
  const { settings, inbox, logger } = deps;
  const bot = new Bot<TurnContext>(settings.token, {
    ...(deps.botInfo && { botInfo: deps.botInfo }),
    client: { apiRoot: settings.apiRoot, timeoutSeconds: CALL_TIMEOUT_SECONDS },
  });
  // Bounded: a chat whose sends keep failing fails its attempt and the inbox retries it later.
  // Network errors fail at once: auto-retry would otherwise retry them without end.
  bot.api.config.use(
    autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 5, rethrowHttpErrors: true }),
  );
  const pollSeconds = deps.pollTimeoutSeconds ?? 30;
  // The long poll has its own Api: its calls last as long as the poll.
  const poller = new Api(settings.token, {
    apiRoot: settings.apiRoot,
    timeoutSeconds: pollSeconds + CALL_TIMEOUT_SECONDS,
  });
  bot.use(async (ctx, next) => {
    const chat = ctx.chat;
    const from = ctx.from;
    if (chat?.type === "private" && from) {
      const chatId = String(chat.id);
      let loading: Promise<LoadedTurn> | undefined;
      ctx.citizenTurn = () =>
        (loading ??= deps.turns.load("telegram", chatId, {
          chatId,
          userId: String(from.id),
          now: deps.clock.now(),
        }));
    }
    await next();
  });
  if (deps.staff) bot.use(deps.staff);
  if (deps.groups) bot.use(deps.groups);
  // The updates being handled, by update_id: the conversation reads what was sent before
  // and leaves what it delivered, recorded with the update's completion.
  const inHand = new Map<number, UpdateInHand>();
  // must be the last handler
  installCitizenConversation(bot, deps, inHand, createSplitTexts());

  const processor = createInboxProcessor({
    channel: "telegram",
    inbox,
    clock: deps.clock,
    logger,
    concurrency: CHATS_AT_ONCE,
    ...(deps.inboxLeaseMs !== undefined && { leaseMs: deps.inboxLeaseMs }),
    handle: async (claimed) => {
      const update = claimed.payload as Update;
      const entry: UpdateInHand = { claimed };
      inHand.set(update.update_id, entry);
      try {
        await bot.handleUpdate(update);
        return entry.repliesSent === undefined ? undefined : { repliesSent: entry.repliesSent };
      } finally {
        inHand.delete(update.update_id);
      }
    },
  });

  let polling: Promise<void> | null = null;
  let stopping = false;
  const abort = new AbortController();

  async function store(updates: readonly Update[]): Promise<void> {
    await inbox.store("telegram", updates.map(inboundOf));
    processor.offer(updates.map((update) => chatOf(update)));
  }

  async function poll(): Promise<void> {
    let offset = 0;
    while (!stopping) {
      try {
        const updates = await poller.getUpdates(
          { offset, timeout: pollSeconds, allowed_updates: TELEGRAM_UPDATES },
          // grammY types its signal with the abort-controller polyfill; Node's is the same thing.
          abort.signal as unknown as Parameters<typeof poller.getUpdates>[1],
        );
        if (updates.length === 0) continue;
        await store(updates);
        offset = updates[updates.length - 1]!.update_id + 1;
      } catch (error) {
        if (stopping) return;
        logger.error({ err: error }, "telegram polling failed; retrying");
        await sleep(error instanceof HttpError ? 3000 : 1000);
      }
    }
  }

  const webhook = settings.webhook;
  const routes: FastifyPluginAsync | undefined = webhook
    ? async (app) => {
        const path = new URL(webhook.url).pathname;
        app.post(path, async (request, reply) => {
          if (
            !isWebhookSecret(request.headers["x-telegram-bot-api-secret-token"], webhook.secret)
          ) {
            logger.warn({ path }, "telegram webhook call without the right secret refused");
            return reply.code(401).send();
          }
          const parsed = WebhookUpdateSchema.safeParse(request.body);
          if (!parsed.success) {
            logger.warn({ path }, "telegram webhook body not of an update's shape refused");
            return reply.code(400).send({ error: { code: "bad_request", requestId: request.id } });
          }
          const update = parsed.data as unknown as Update;
          await processor.receive(inboundOf(update));
          // A citizen's press is answered in the webhook's answer: no Bot API call of its own.
          const pressed = pressAnsweredByWebhook(update);
          return pressed === undefined
            ? reply.code(200).send()
            : reply.code(200).send({ method: "answerCallbackQuery", callback_query_id: pressed });
        });
      }
    : undefined;

  return {
    bot,
    ...(routes && { routes }),
    async start() {
      await bot.init();
      processor.start();
      if (settings.webhook) {
        await bot.api.setWebhook(settings.webhook.url, {
          secret_token: settings.webhook.secret,
          allowed_updates: TELEGRAM_UPDATES,
        });
      } else {
        await bot.api.deleteWebhook();
        polling = poll();
      }
      logger.info({ mode: settings.webhook ? "webhook" : "polling" }, "telegram channel started");
    },
    async stop(graceMs) {
      stopping = true;
      abort.abort();
      await polling;
      await processor.stop(graceMs);
    },
  };
}

/**
 * Whether the header carries the webhook's secret, compared in constant time over digests (a
 * plain `!==` returns at the first differing character, and so tells a prober how much of a
 * guess was right, and the secret's length).
 */
function isWebhookSecret(header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== "string") return false;
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(header), digest(secret));
}

/** A Telegram update as the inbox keeps it: in update_id order per chat. */
function inboundOf(update: Update): InboundUpdate {
  return {
    updateId: String(update.update_id),
    chatId: chatOf(update),
    sequence: BigInt(update.update_id),
    payload: update,
  };
}

/** An update being handled, and the messages of its answer delivered once it is answered. */
interface UpdateInHand {
  readonly claimed: ClaimedUpdate;
  repliesSent?: number;
}

function installCitizenConversation(
  bot: Bot<TurnContext>,
  deps: TelegramChannelDeps,
  inHand: ReadonlyMap<number, UpdateInHand>,
  splitTexts: SplitTexts,
): void {
  bot.use(async (ctx) => {
    const update = toCitizenUpdate(ctx.update);
    if (!update) return;
    const message = ctx.update.message;
    if (
      message?.text !== undefined &&
      splitTexts.continuesSplitText(update.chatId, { ...message, text: message.text })
    ) {
      // The first part was answered for the whole message (see split-texts.ts).
      deps.logger.info(
        { updateId: ctx.update.update_id, chatId: update.chatId, length: message.text.length },
        "text continuing a split message not taken on its own",
      );
      return;
    }
    // The press is acknowledged while the turn runs: the answer does not wait for it. A
    // webhook answered it already.
    const acknowledged =
      update.callbackQueryId &&
      !deps.settings.webhook &&
      ctx.answerCallbackQuery().catch((error: unknown) => {
        deps.logger.warn({ err: error }, "button press could not be acknowledged");
      });
    const updateId = ctx.update.update_id;
    const loaded = ctx.citizenTurn && (await ctx.citizenTurn()).dialogue;
    const event =
      ctx.newMatter !== undefined
        ? ({ type: "new_matter", text: ctx.newMatter } as const)
        : update.voiceFile && deps.voice
          ? await heardVoice(bot, deps, deps.voice, update, updateId)
          : update.pictureFile && deps.photos
            ? await keptPicture(bot, deps, deps.photos, update, updateId)
            : update.event;
    // A photo where a rating question is open is the staff side's to answer, as a turn's answer.
    const { ratingPhoto } = ctx;
    const answer =
      event.type === "photo" && ratingPhoto
        ? () => ratingPhoto(event.fileId, event.caption ?? null)
        : undefined;
    const replies = await deps.converse({
      channel: "telegram",
      externalId: update.userId,
      chatId: update.chatId,
      eventId: String(updateId),
      ...(loaded && { loaded }),
      event,
      ...(answer && { answer }),
    });
    const inProgress = inHand.get(updateId);
    const delivered = await sendReplies(bot, update.chatId, replies, deps.logger, {
      skip: inProgress?.claimed.repliesSent ?? 0,
      sent: (count) => deps.inbox.recordSent("telegram", String(updateId), count),
    });
    if (inProgress) inProgress.repliesSent = delivered;
    await acknowledged;
  });
}

/**
 * The callback query the webhook answers itself, if the update is a press of a button other
 * than the staff side's (whose answers carry a text, known once the press is handled): a
 * citizen's press is answered with nothing, so the answer need not wait for the turn.
 * Every delivery of the update answers it again; Telegram ignores a second answer.
 */
function pressAnsweredByWebhook(update: Update): string | undefined {
  const query = update.callback_query;
  if (!query || (query.data !== undefined && isStaffCallback(query.data))) return undefined;
  return query.id;
}

/** The updates the bot asks Telegram for: a citizen's edit is answered (see toCitizenUpdate). */
const TELEGRAM_UPDATES = ["message", "edited_message", "callback_query"] as const;

/** Seconds a voice file's download may take. */
const DOWNLOAD_TIMEOUT_MS = 30_000;

/**
 * A file a user sent, downloaded through the Bot API (getFile, then the file from
 * `<apiRoot>/file/bot<token>/<file_path>`).
 * @throws AppError("channel.transient") when the download fails: the inbox tries again.
 */
export async function downloadTelegramFile(
  api: Bot["api"],
  settings: Pick<TelegramSettings, "apiRoot" | "token">,
  fileId: string,
): Promise<Buffer> {
  const { file_path: filePath } = await api.getFile(fileId);
  if (!filePath) throw new AppError("channel.transient", "telegram getFile gave no file_path");
  const url = `${settings.apiRoot}/file/bot${settings.token}/${filePath}`;
  const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) }).catch(
    (error: unknown) => {
      throw new AppError("channel.transient", "telegram file download failed", { cause: error });
    },
  );
  if (!response.ok) {
    throw new AppError("channel.transient", `telegram file download answered ${response.status}`);
  }
  return Buffer.from(await response.arrayBuffer());
}

/**
 * A voice message or audio file, downloaded through the Bot API (getFile, then the file from
 * `<apiRoot>/file/bot<token>/<file_path>`) and handed to the voice intake.
 * @throws AppError("channel.transient") when the download fails: the inbox tries again.
 */
async function heardVoice(
  bot: Bot<TurnContext>,
  deps: TelegramChannelDeps,
  voice: TelegramVoice,
  update: CitizenUpdate,
  updateId: number,
): Promise<CitizenEvent> {
  const file = update.voiceFile!;
  if (file.size !== undefined && file.size > voice.maxBytes) {
    return { type: "voice_refused", reason: "too_large" };
  }
  return voiceEvent(voice.intake, {
    owner: fileOwner("telegram", update.userId),
    bytes: await downloadTelegramFile(bot.api, deps.settings, file.fileId),
    now: deps.clock.now(),
    sourceKey: String(updateId),
  });
}

/**
 * A photo or a picture sent as a file, new or put in an edited message, downloaded and kept as
 * the citizen's photo (once per picture: a retried update, or an edit of the caption only, finds
 * what was kept), then taken as a photo with its caption (see takenAsPhoto), which staff open
 * in the console. Bytes that are no JPEG, PNG, WebP or HEIC picture
 * leave `update.event`: a photo by Telegram's file id, or an unsupported document.
 * @throws AppError("channel.transient") when a document's download fails: the inbox tries
 * again (a photo falls back to its file id instead, see downloadedPicture).
 */
async function keptPicture(
  bot: Bot<TurnContext>,
  deps: TelegramChannelDeps,
  photos: PhotoStore,
  update: CitizenUpdate,
  updateId: number,
): Promise<CitizenEvent> {
  const owner = fileOwner("telegram", update.userId);
  // Keyed by the picture itself: a retried update, or an edit that kept the picture, finds it.
  const sourceKey = `picture:${update.pictureFile!.uniqueId}`;
  const notKept = (reason: string): CitizenEvent => {
    deps.logger.warn(
      { updateId, chatId: update.chatId, takenAs: update.event.type, reason },
      "picture not kept by the service",
    );
    return update.event;
  };
  const kept = await photos.findBySource(owner, sourceKey);
  if (kept !== null) return takenAsPhoto(update, kept);
  const downloaded = await downloadedPicture(bot, deps, update);
  if ("failed" in downloaded) return notKept(downloaded.failed);
  const { bytes } = downloaded;
  const saved = await photos.savePicture(owner, bytes, deps.clock.now(), sourceKey);
  if (saved === null) return notKept("its bytes are no JPEG, PNG, WebP or HEIC picture");
  deps.logger.info({ updateId, bytes: bytes.length, type: saved.mimeType }, "picture kept");
  return takenAsPhoto(update, saved.id);
}

/**
 * The update's picture taken as the kept photo `photo`: a photo with its caption, or, for an
 * edited message, the edit with the picture it carries now.
 */
function takenAsPhoto(update: CitizenUpdate, photo: string): CitizenEvent {
  const { event } = update;
  const { caption, messageId } = update.pictureFile!;
  const edit = event.type === "edited" || (event.type === "unsupported" && event.kind === "edited");
  return edit
    ? { type: "edited", messageId, ...(caption !== undefined && { text: caption }), photo }
    : { type: "photo", fileId: photo, messageId, ...(caption !== undefined && { caption }) };
}

/**
 * The picture's bytes, or why a photo's could not be had: a photo whose download fails
 * (network, Telegram refused) is still a photo by Telegram's file id.
 * @throws AppError("channel.transient") or GrammyError when a document's download fails.
 */
async function downloadedPicture(
  bot: Bot<TurnContext>,
  deps: TelegramChannelDeps,
  update: CitizenUpdate,
): Promise<{ readonly bytes: Buffer } | { readonly failed: string }> {
  try {
    return {
      bytes: await downloadTelegramFile(bot.api, deps.settings, update.pictureFile!.fileId),
    };
  } catch (error) {
    const failedDownload =
      error instanceof AppError || error instanceof GrammyError || error instanceof HttpError;
    if (update.event.type !== "photo" || !failedDownload) throw error;
    return { failed: error.message };
  }
}

/**
 * Sends the turn's replies. A reply Telegram refuses for good (the citizen
 * blocked the bot) is logged and dropped; a transient failure throws, and the
 * update is handled again later: the conversation then returns the same
 * replies without running the turn twice, and the first `progress.skip`
 * messages (recorded in the inbox as sent, by whichever instance sent them)
 * are not sent again. Only a crash between Telegram accepting a message and
 * the record of it can send that one message twice. The last message is not
 * recorded here: its count, returned, is recorded with the update's completion
 * (a crash before it sends that message again, as any crash before a record).
 * Resolves to the messages of the answer delivered in all.
 */
async function sendReplies(
  bot: Bot<TurnContext>,
  chatId: string,
  replies: readonly OutgoingMessage[],
  logger: Logger,
  progress: { readonly skip: number; sent(count: number): Promise<void> },
): Promise<number> {
  const messages = replies.flatMap((reply) => toTelegramMessages(reply));
  for (const [index, message] of messages.entries()) {
    if (index < progress.skip) continue;
    try {
      await bot.api.sendMessage(chatId, message.text, {
        ...(message.reply_markup && { reply_markup: message.reply_markup }),
      });
    } catch (error) {
      if (
        error instanceof GrammyError &&
        error.error_code >= 400 &&
        error.error_code < 500 &&
        error.error_code !== 429
      ) {
        logger.warn(
          { chatId, code: error.error_code, reason: error.description },
          "reply refused by Telegram",
        );
        return index;
      }
      throw error;
    }
    if (index + 1 < messages.length) await progress.sent(index + 1);
  }
  return messages.length;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
