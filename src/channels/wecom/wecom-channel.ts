import { createHash } from "node:crypto";
import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import {
  storedReplies,
  type CitizenMessage,
  type CitizenTurn,
} from "../../conversation/handle-citizen-event.ts";
import { splitAtSubmission, type OutgoingMessage } from "../../domain/intake/replies.ts";
import type { Clock } from "../../clock.ts";
import type { Logger } from "../../logging/logger.ts";
import { statusPageLink } from "../../notifications/status-link.ts";
import { wecomCitizenTexts } from "../../notifications/wecom-citizen-messages.ts";
import type { TurnStore } from "../../storage/turn-store.ts";
import type { InboxStore } from "../../storage/inbox-store.ts";
import { photoOwner, type PhotoStore } from "../../storage/photo-store.ts";
import { leaseOwner, withLease } from "../../with-lease.ts";
import { kfLeaseName, type WeComKfStore } from "../../storage/wecom-kf-store.ts";
import type { CitizenEvent } from "../../domain/intake/events.ts";
import type { VoiceIntake } from "../../voice/voice-intake.ts";
import { createInboxProcessor } from "../inbox-processor.ts";
import { voiceEvent } from "../voice-event.ts";
import { type KfMessage, type WeComClient, type WeComMedia } from "./api-client.ts";
import { weComCallbackRoutes } from "./callback-routes.ts";
import { isWeComError } from "./errors.ts";
import { createKfInbox } from "./kf-inbox.ts";
import {
  describeReplyWindow,
  replyBudget,
  type KfReplyWindow,
} from "../../notifications/reply-window.ts";
import {
  numberedOptions,
  planKfMessages,
  toCitizenEvent,
  toInbound,
  WeComInboundSchema,
  type WeComInbound,
  type WeComLocale,
} from "./translate.ts";
import { isAppStaffEvent, type AppStaffEvent, type WeComCallbackEvent } from "./xml.ts";

/** The citizen-side WeCom settings (config.wecom, validated from the WECOM_* variables). */
export interface WeComSettings {
  readonly corpId: string;
  /** The 微信客服 secret (kf/sync_msg, kf/send_msg). */
  readonly kfSecret: string;
  /** Callback Token and EncodingAESKey of the callback URL. */
  readonly token: string;
  readonly encodingAesKey: string;
  /** The customer-service account citizens write to. */
  readonly openKfId: string;
  readonly apiRoot: string;
  /** Path of the callback URL, e.g. "/wecom/callback". */
  readonly callbackPath: string;
  /**
   * What we may send after a citizen's message (WECOM_KF_WINDOW_HOURS, WECOM_KF_MESSAGE_LIMIT):
   * at most WeCom's own 48 hours / 5 messages.
   */
  readonly replyWindow: KfReplyWindow;
}

export interface WeComChannelDeps {
  readonly settings: WeComSettings;
  readonly store: WeComKfStore;
  readonly inbox: InboxStore;
  /**
   * Keeps the citizens' images (owner `wecom:<external_userid>`): WeCom's media expire after
   * 3 days, so each image is downloaded before its turn and the photo's fileId is the kept id.
   */
  readonly photos: PhotoStore;
  /**
   * Takes voice messages (AMR, downloaded with media/get like images); without it they are
   * answered as unsupported.
   */
  readonly voice?: VoiceIntake;
  /** Reads the dialogue once per message: the last turn's replies (to map a typed number). */
  readonly turns: Pick<TurnStore, "load">;
  /** One conversation turn: the replies and the receipt of a submission (see handleCitizenTurn). */
  readonly converse: (message: CitizenMessage) => Promise<CitizenTurn>;
  /**
   * PUBLIC_URL: its status page (PUBLIC_URL + "/status") is told with every receipt, and a case's
   * page too long for the reply window ends with its link; null without one.
   */
  readonly publicUrl?: string | null;
  /** The kf client (the kf secret's; shared with the outbox sender: one access token). */
  readonly client: WeComClient;
  /**
   * Called after each handled citizen message (their window is open again): delivers the
   * notifications held for them. Failures are logged, never retried by the inbox.
   */
  readonly onCitizenWrote?: (externalUserId: string) => Promise<void>;
  /** A staff member pressed a card's button or wrote to the self-built app (same callback URL). */
  readonly onStaffEvent?: (event: AppStaffEvent) => Promise<void>;
  readonly clock: Clock;
  readonly logger: Logger;
  /** How often to pull without a callback (missed callbacks, other instances). Default 60 s. */
  readonly syncIntervalMs?: number;
  /** How long one instance owns the sync of the kf account. Default 60 s (renewed while pulling). */
  readonly leaseMs?: number;
  /** How soon to try again when another instance holds the sync. Default 1 s. */
  readonly leaseRetryMs?: number;
  /** How long a claimed inbox message is this instance's without renewal (INBOX_LEASE_SECONDS). */
  readonly inboxLeaseMs?: number;
}

export interface WeComChannel {
  /** The callback URL's routes (settings.callbackPath): citizens' signals and staff events. */
  readonly routes: FastifyPluginAsync;
  /** Pulls once, then processes the inbox and pulls every `syncIntervalMs`. */
  start(): Promise<void>;
  /** Stops pulling and waits for the pull and the messages in hand, those at most `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const LocaleOfStateSchema = z.object({ locale: z.enum(["zh", "en"]) });

/** Attempts per inbox message (the processor's default, named: the last one acts differently). */
const INBOX_MAX_ATTEMPTS = 5;

/**
 * The WeCom customer-service (微信客服) channel for citizens. The callback only signals; the
 * channel pulls with kf/sync_msg under a cross-instance lease, stores each citizen message in
 * the inbox (updateId = msgid, chat = external_userid) before the cursor moves, and the inbox
 * processor hands them to the conversation once each, in order per citizen. Each turn's
 * replies go out as few kf/send_msg calls as the reply window (settings.replyWindow) allows.
 */
export function createWeComChannel(deps: WeComChannelDeps): WeComChannel {
  const { settings, store, inbox, client, clock, logger } = deps;
  const nowMs = (): number => clock.now().getTime();
  const leaseMs = deps.leaseMs ?? 60_000;
  const leaseName = kfLeaseName(settings.openKfId);
  const publicUrl = deps.publicUrl ?? null;
  const statusUrl = publicUrl && `${publicUrl.replace(/\/+$/, "")}/status`;
  const owner = leaseOwner();

  // Reset whenever the lease is taken: another instance may have stored messages meanwhile.
  let lastSequence: bigint | undefined;

  async function storeMessage(message: KfMessage): Promise<void> {
    const inbound = toInbound(message);
    if (inbound === null) {
      logger.warn({ msgid: message.msgid }, "kf message without a citizen ignored");
      return;
    }
    lastSequence ??= await store.lastSequence();
    // Per citizen the inbox handles messages in sequence order: keep WeCom's order even when
    // several messages share a send_time second.
    const base = BigInt(inbound.sendTime) * 1_000_000n;
    const sequence = base > lastSequence ? base : lastSequence + 1n;
    lastSequence = sequence;
    // Taken up by its chat at once; the kick after the pull finds what is left (retries).
    await processor.receive({
      updateId: inbound.msgid,
      chatId: inbound.externalUserId,
      sequence,
      payload: inbound,
    });
  }

  const kfInbox = createKfInbox({
    client,
    store,
    logger,
    onMessage: storeMessage,
    onSystemEvent: async (message) => {
      const content = message.content;
      if (content.type !== "event") return;
      if (content.eventType === "msg_send_fail") {
        logger.warn(
          { failMsgid: content.failMsgid, failType: content.failType },
          "WeCom could not deliver a kf message",
        );
      } else if (content.eventType === "enter_session") {
        await welcome(message.msgid, message.externalUserId, content.welcomeCode);
      } else {
        logger.debug({ eventType: content.eventType }, "kf event ignored");
      }
    },
  });

  /**
   * A citizen opened the chat: the welcome they would get on Telegram or the web (the
   * conversation's answer to /start, which keeps a draft in progress and asks its question
   * again), sent as the one message the enter_session's welcome_code allows. WeCom gives no
   * code to a citizen who was welcomed or wrote within 48 hours: then nothing is sent, and
   * their next message is answered as ever. The code lasts 20 s and is good once, so a failure
   * is not retried: it is logged once (ids only) and the citizen's next message goes on as ever.
   */
  async function welcome(
    msgid: string,
    externalUserId: string | undefined,
    welcomeCode: string | undefined,
  ): Promise<void> {
    if (externalUserId === undefined || welcomeCode === undefined) return;
    try {
      const turn = await deps.converse({
        channel: "wecom",
        externalId: externalUserId,
        chatId: externalUserId,
        eventId: msgid,
        event: { type: "command", name: "start", args: "" },
      });
      const [message] = planKfMessages(turn.replies, 1, turn.locale).messages;
      if (message === undefined) return;
      await client.kfSendMsgOnEvent({
        code: welcomeCode,
        msgid: `${partPrefix(msgid)}0`,
        ...message,
      });
    } catch (error) {
      logger.warn(
        {
          msgid,
          externalUserId,
          ...(isWeComError(error)
            ? { errcode: error.errcode, reason: error.reason }
            : { err: error }),
        },
        "kf welcome not sent; the citizen is answered when they write",
      );
    }
  }

  const processor = createInboxProcessor({
    channel: "wecom",
    inbox,
    clock,
    logger,
    maxAttempts: INBOX_MAX_ATTEMPTS,
    ...(deps.inboxLeaseMs !== undefined && { leaseMs: deps.inboxLeaseMs }),
    handle: async (update) => {
      const parsed = WeComInboundSchema.safeParse(update.payload);
      if (!parsed.success) {
        logger.warn({ updateId: update.updateId }, "stored kf message unreadable; skipped");
        return;
      }
      await handleMessage(parsed.data, update.attempts >= INBOX_MAX_ATTEMPTS);
      if (deps.onCitizenWrote) {
        await deps.onCitizenWrote(parsed.data.externalUserId).catch((error: unknown) => {
          logger.warn({ err: error, msgid: parsed.data.msgid }, "held notifications not released");
        });
      }
    },
  });

  /** `lastAttempt`: the inbox gives the message up if this attempt throws. */
  async function handleMessage(message: WeComInbound, lastAttempt: boolean): Promise<void> {
    const chatId = message.externalUserId;
    const before = (await deps.turns.load("wecom", chatId)).dialogue;
    let event = toCitizenEvent(message.content, numberedOptions(storedReplies(before.lastReplies)));
    if (message.content.type === "image") {
      const kept = await keepPhoto(message, message.content.mediaId, lastAttempt);
      if (kept === null) {
        // The citizen is told, the conversation is not: a photo nobody can open would be
        // counted and shown in the summary as if the clerk had it. The step and its options
        // stay as they were, so the citizen simply sends the photo again (or goes on).
        const parsedLocale = LocaleOfStateSchema.safeParse(before.state);
        const locale = parsedLocale.success ? parsedLocale.data.locale : "zh";
        await sendTurn(message, [{ text: wecomCitizenTexts(locale).photoNotReceived }], locale);
        return;
      }
      event = { type: "photo", fileId: kept };
    }
    if (message.content.type === "file") {
      // WeChat sends a picture the citizen chose as a file (to keep its quality) as a file:
      // its bytes decide. Any other file (a PDF) stays a document the conversation cannot open.
      const kept = await keepPhoto(message, message.content.mediaId, lastAttempt);
      if (kept !== null) event = { type: "photo", fileId: kept };
    }
    if (message.content.type === "voice" && deps.voice) {
      event = await heardVoice(message, message.content.mediaId, deps.voice, lastAttempt);
    }
    const turn = await deps.converse({
      channel: "wecom",
      externalId: chatId,
      chatId,
      eventId: message.msgid,
      event,
      loaded: before,
    });
    if (turn.replies.length === 0) return;
    const locale = turn.locale;
    const receipt = turn.submitted;
    const replies =
      receipt?.queryCode === undefined || receipt === null
        ? turn.replies
        : withReceipt(turn.replies, {
            text: wecomCitizenTexts(locale).statusPointer({
              trackingNo: receipt.trackingNo,
              queryCode: receipt.queryCode,
              statusUrl,
            }),
          });
    await sendTurn(message, replies, locale);
  }

  /**
   * Downloads the image (or file) of a message and keeps it as the citizen's photo; returns
   * its id.
   * Once per message: a retried message finds the photo an earlier attempt kept (its id
   * derives from the msgid) and downloads nothing. A transient failure (network, 5xx,
   * timeout, busy) throws, so the inbox tries the message again later; null when the image
   * cannot be had: WeCom no longer has it (40007), it is not a JPEG/PNG/WebP/HEIC photo, it
   * is over 10 MB, or transient failures lasted through the last attempt.
   */
  async function keepPhoto(
    message: WeComInbound,
    mediaId: string,
    lastAttempt: boolean,
  ): Promise<string | null> {
    const { msgid } = message;
    const owner = photoOwner("wecom", message.externalUserId);
    const kept = await deps.photos.findBySource(owner, msgid);
    if (kept !== null) return kept;
    let media: WeComMedia;
    try {
      media = await client.mediaGet(mediaId);
    } catch (error) {
      if (!isWeComError(error) || (!error.permanent && !lastAttempt)) throw error;
      logger.warn(
        { msgid, errcode: error.errcode, reason: error.reason },
        "kf image or file not downloaded",
      );
      return null;
    }
    const saved = await deps.photos.savePicture(owner, media.bytes, clock.now(), msgid);
    if (saved === null) {
      logger.warn({ msgid }, "kf image or file is not a photo we keep");
      return null;
    }
    logger.info({ msgid, bytes: media.bytes.length, type: saved.mimeType }, "kf picture kept");
    return saved.id;
  }

  /**
   * Downloads a voice message (AMR) and hands it to the voice intake (which keeps it once per
   * msgid). A transient download failure throws, so the inbox tries again; when WeCom no
   * longer has the media, or on the last attempt, the citizen is told it could not be opened.
   */
  async function heardVoice(
    message: WeComInbound,
    mediaId: string,
    voice: VoiceIntake,
    lastAttempt: boolean,
  ): Promise<CitizenEvent> {
    let media: WeComMedia;
    try {
      media = await client.mediaGet(mediaId);
    } catch (error) {
      if (!isWeComError(error) || (!error.permanent && !lastAttempt)) throw error;
      logger.warn(
        { msgid: message.msgid, errcode: error.errcode, reason: error.reason },
        "kf voice not downloaded; the citizen is told",
      );
      return { type: "voice_refused", reason: "unreadable" };
    }
    return voiceEvent(voice, {
      owner: photoOwner("wecom", message.externalUserId),
      bytes: media.bytes,
      now: clock.now(),
      sourceKey: message.msgid,
    });
  }

  /**
   * Sends one turn within the window. Parts already sent (the turn is being retried after a
   * transient failure) are skipped by their msgid. A permanent refusal (window used up,
   * session taken over, bad request) ends the turn without a retry; a transient one throws
   * and the inbox tries the message again later.
   */
  async function sendTurn(
    message: WeComInbound,
    replies: readonly OutgoingMessage[],
    locale: WeComLocale,
  ): Promise<void> {
    const { msgid, externalUserId: touser } = message;
    const log = logger.child({ msgid, externalUserId: touser });
    const now = nowMs();
    const latest = (await store.latestInboundSendTime(touser)) ?? message.sendTime;
    const anchorMs = Math.max(latest, message.sendTime) * 1000;
    const prefix = partPrefix(msgid);
    const sends = await store.loadSends(settings.openKfId, touser);
    const others = sends.filter((s) => s.at >= anchorMs && !s.id.startsWith(prefix)).length;
    const budget = replyBudget(settings.replyWindow, now, anchorMs, others);
    const plan = planKfMessages(replies, budget, locale, (page) =>
      wecomCitizenTexts(locale).cutShort({
        trackingNo: page.trackingNo,
        statusUrl: statusPageLink(publicUrl, page.trackingNo, locale),
        office: page.unitName,
        photosLeftOut: 0,
      }),
    );
    if (plan.trimmed) {
      log.warn(
        { budget, kept: plan.messages.length, window: describeReplyWindow(settings.replyWindow) },
        "turn trimmed to the kf reply window",
      );
    }
    const done = new Set(sends.map((s) => s.id));
    for (const [index, outgoing] of plan.messages.entries()) {
      const id = `${prefix}${index}`;
      if (done.has(id)) continue;
      try {
        await client.kfSendMsg({
          touser,
          open_kfid: settings.openKfId,
          msgid: id,
          ...outgoing,
        });
      } catch (error) {
        if (isWeComError(error) && error.permanent) {
          log.warn(
            { errcode: error.errcode, reason: error.reason, part: index },
            "kf reply refused by WeCom; rest of the turn dropped",
          );
          return;
        }
        throw error;
      }
      await store.recordSend(settings.openKfId, touser, { id, at: nowMs() });
    }
  }

  // --- Pulling -----------------------------------------------------------------

  let stopping = false;
  let loop: Promise<void> | null = null;
  let wanted = false;
  let wantedToken: string | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let intervalTimer: NodeJS.Timeout | undefined;

  function requestSync(token?: string): Promise<void> {
    if (stopping) return Promise.resolve();
    wanted = true;
    if (token !== undefined) wantedToken = token;
    loop ??= runSyncs().finally(() => {
      loop = null;
      if (wanted && !stopping) void requestSync();
    });
    return loop;
  }

  async function runSyncs(): Promise<void> {
    while (wanted && !stopping) {
      wanted = false;
      const token = wantedToken;
      wantedToken = undefined;
      let pulled: boolean;
      try {
        pulled = await withLease(
          store,
          { name: leaseName, owner, ttlMs: leaseMs, now: nowMs, logger },
          async () => {
            lastSequence = undefined;
            await kfInbox.sync(settings.openKfId, token).catch((error: unknown) => {
              logger.error({ err: error }, "kf sync failed; the next signal or sweep retries");
            });
          },
        );
      } catch (error) {
        logger.error({ err: error }, "kf sync lease unavailable");
        return;
      }
      if (!pulled) {
        logger.debug("another instance is pulling; trying again shortly");
        scheduleRetry(token);
        return;
      }
      void processor.kick();
    }
  }

  function scheduleRetry(token: string | undefined): void {
    if (retryTimer || stopping) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void requestSync(token);
    }, deps.leaseRetryMs ?? 1000);
    retryTimer.unref();
  }

  function onCallback(event: WeComCallbackEvent): Promise<void> | void {
    if (isAppStaffEvent(event) && deps.onStaffEvent) {
      return deps.onStaffEvent(event).catch((error: unknown) => {
        logger.error({ err: error, callbackType: event.type }, "WeCom staff event not handled");
      });
    }
    if (event.type !== "kf_msg_or_event") {
      logger.debug({ callbackType: event.type }, "WeCom callback not for the kf channel");
      return;
    }
    if (event.openKfId !== settings.openKfId) {
      logger.warn({ openKfId: event.openKfId }, "kf callback for another account ignored");
      return;
    }
    return requestSync(event.token);
  }

  return {
    routes: weComCallbackRoutes({
      path: settings.callbackPath,
      token: settings.token,
      encodingAesKey: settings.encodingAesKey,
      corpId: settings.corpId,
      clock: nowMs,
      logger,
      onEvent: onCallback,
    }),
    async start() {
      processor.start();
      intervalTimer = setInterval(() => void requestSync(), deps.syncIntervalMs ?? 60_000);
      intervalTimer.unref();
      await requestSync();
      logger.info({ openKfId: settings.openKfId }, "wecom channel started");
    },
    async stop(graceMs) {
      stopping = true;
      clearInterval(intervalTimer);
      clearTimeout(retryTimer);
      await loop;
      await processor.stop(graceMs);
    },
  };
}

/** Our msgids for the parts of the answer to `msgid`: stable across retries, ≤ 32 characters. */
function partPrefix(msgid: string): string {
  return `r${createHash("sha256").update(msgid).digest("base64url").slice(0, 24)}_`;
}

/** The replies with the receipt right after the message announcing the case filed. */
function withReceipt(
  replies: readonly OutgoingMessage[],
  receipt: OutgoingMessage,
): readonly OutgoingMessage[] {
  const [untilFiled, afterFiled] = splitAtSubmission(replies);
  return [...untilFiled, receipt, ...afterFiled];
}
