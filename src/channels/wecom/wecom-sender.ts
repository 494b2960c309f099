/**
 * The outbox's WeCom channel for citizens (微信客服): notifications go out with kf/send_msg
 * only inside the reply window (reply-window.ts; by default WeCom's own: 48 hours since the
 * citizen's last message, at most 5 messages since it, counted in the channel's send log).
 * Outside it the row is held; when the citizen writes again, `deliverHeld` sends the newest
 * held notification and one summary of the older ones, as far as the reopened window allows.
 * A citizen who writes between the window check and the hold finds nothing held: every hold
 * therefore looks again afterwards (DeliveryError.afterHold) and delivers if they wrote.
 */
import { randomBytes } from "node:crypto";
import type { KfBody, WeComClient } from "./api-client.ts";
import type { UnitPhotos } from "../../cases/unit-photos.ts";
import type { StoredPhoto } from "../../storage/photo-store.ts";

import { isWeComError } from "./errors.ts";
import { kfNotification } from "./kf-notice.ts";
import { textChunks } from "./translate.ts";
import { WECOM_STAFF_PREFIX } from "../../storage/address-book.ts";
import {
  describeReplyWindow,
  replyBudget,
  type KfReplyWindow,
} from "../../notifications/reply-window.ts";
import type { Logger } from "../../logging/logger.ts";
import type { WeComKfStore } from "../../storage/wecom-kf-store.ts";
import { OutboxPayloadSchema } from "../../notifications/outbox-payload.ts";
import type { Clock } from "../../clock.ts";
import type { ClaimedOutboxMessage, OutboxStore } from "../../notifications/outbox-store.ts";
import { deliveredPartsOf, renderOutboxPayload } from "../../notifications/render.ts";
import { answerOfNotice, withTranslationShown } from "../../notifications/answer-notice.ts";
import type { AnswerTranslations } from "../../domain/answer-translation.ts";
import { DeliveryError, type RenderedMessage, type Sender } from "../../notifications/sender.ts";
import { wecomCitizenTexts } from "../../notifications/wecom-citizen-messages.ts";

/** Reason recorded on held rows (the console shows the citizen as not reachable). */
export function wecomNotReachable(window: KfReplyWindow): string {
  return `wecom: outside the ${describeReplyWindow(window)} window`;
}

export interface WeComCitizenDeliveryDeps {
  readonly client: Pick<WeComClient, "kfSendMsg" | "mediaUpload">;
  /** A unit's photos (RenderedMessage.photos), sent as kf images; without it, the text alone. */
  readonly photos?: Pick<UnitPhotos, "read">;
  readonly store: Pick<WeComKfStore, "loadSends" | "recordSend" | "latestInboundSendTime">;
  readonly outbox: Pick<OutboxStore, "hasHeld" | "claimHeld" | "markSent" | "markRetry" | "hold">;
  readonly openKfId: string;
  /** The reply window kept to (config.wecom.replyWindow). */
  readonly replyWindow: KfReplyWindow;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Delivers to `staff:<userid>` recipients (the self-built app); without it they are held. */
  readonly staff?: Sender;
  /** Lease of the rows a digest claims. Default 5 minutes. */
  readonly leaseMs?: number;
  /**
   * The answers' kept translations: a held answer notice goes to an English reader with it, as
   * the outbox worker sends it (never waiting for the LLM: made before the hold, or not shown).
   */
  readonly answerTranslations?: AnswerTranslations;
}

export interface WeComCitizenDelivery {
  /** The outbox Sender for channel "wecom" (recipient = external_userid). */
  readonly sender: Sender;
  /** kf messages that may still go to the citizen now (0 outside the window). */
  remaining(externalUserId: string): Promise<number>;
  /** Sends a citizen's held notifications as a digest; call when the citizen wrote. */
  deliverHeld(externalUserId: string): Promise<void>;
  /**
   * A citizen's row as the messages one reply window can carry (kf-notice.ts): the renderer
   * and the digest render alike, so a row's delivered parts count the same messages.
   * @throws AppError("input.invalid") when the payload does not match OutboxPayloadSchema.
   */
  notices(row: Pick<ClaimedOutboxMessage, "payload" | "audience">): RenderedMessage[];
}

/** Creates the sender and the digest of held rows over one kf account. */
export function createWeComCitizenDelivery(deps: WeComCitizenDeliveryDeps): WeComCitizenDelivery {
  const { client, store, outbox, openKfId, replyWindow, clock } = deps;
  const logger = deps.logger.child({ component: "wecom-sender" });
  const nowMs = (): number => clock.now().getTime();
  const notReachable = wecomNotReachable(replyWindow);
  // A held notice goes out after the reply to the message that reopened the window, which
  // takes one of its messages: a notice cut to the rest arrives whole, note included, then.
  // Never fewer than two (the notice and the answer's beginning) in a stricter window.
  const noticeMessages = Math.max(2, replyWindow.messages - 1);
  const notices = (row: Pick<ClaimedOutboxMessage, "payload" | "audience">) =>
    kfNotification(row.payload, row.audience, noticeMessages);

  /** The citizen's window now: the send_time of their latest message, and what it allows. */
  async function windowOf(externalUserId: string): Promise<ReplyWindowNow> {
    const latest = await store.latestInboundSendTime(externalUserId);
    if (latest === undefined) return { latest, budget: 0 };
    const anchorMs = latest * 1000;
    const sends = await store.loadSends(openKfId, externalUserId);
    const sent = sends.filter((s) => s.at >= anchorMs).length;
    return { latest, budget: replyBudget(replyWindow, nowMs(), anchorMs, sent) };
  }

  async function remaining(externalUserId: string): Promise<number> {
    return (await windowOf(externalUserId)).budget;
  }

  /**
   * Runs once a citizen's notice is held because of `window`: when they wrote since (a newer
   * latest message), the digest they triggered may have run before the hold and found nothing.
   */
  async function deliverIfWroteSince(externalUserId: string, window: ReplyWindowNow) {
    if ((await store.latestInboundSendTime(externalUserId)) === window.latest) return;
    await deliverHeld(externalUserId);
  }

  /** Sends to a citizen while `window` allows; holds what does not fit. */
  async function sendWithin(
    recipient: string,
    messages: readonly RenderedMessage[],
    window: ReplyWindowNow,
  ): Promise<void> {
    const hold = (delivered: number, cause?: unknown) =>
      new DeliveryError(notReachable, {
        kind: "hold",
        delivered,
        cause,
        afterHold: () => deliverIfWroteSince(recipient, window),
      });
    let budget = window.budget;
    for (const [index, message] of messages.entries()) {
      const parts = textChunks(message.text);
      const photos = await keptPhotos(message);
      // Each photo is a kf message of its own, counted against the window like a text.
      if (parts.length + photos.length > budget) throw hold(index);
      try {
        for (const content of parts) {
          await sendKf(recipient, { msgtype: "text", text: { content } });
        }
        for (const photo of photos) {
          // WeCom shows JPEG and PNG as pictures; WebP and HEIC go as files.
          const type = /^image\/(jpeg|png)$/.test(photo.mimeType) ? "image" : "file";
          const mediaId = await client.mediaUpload(type, {
            bytes: photo.bytes,
            filename: `${photo.id}.${photo.mimeType.split("/")[1]}`,
            contentType: photo.mimeType,
          });
          await sendKf(
            recipient,
            type === "image"
              ? { msgtype: "image", image: { media_id: mediaId } }
              : { msgtype: "file", file: { media_id: mediaId } },
          );
        }
      } catch (error) {
        throw toDeliveryError(error, index, hold);
      }
      budget -= parts.length + photos.length;
    }
  }

  /** One kf message, recorded in the send log that counts the window. */
  async function sendKf(recipient: string, content: KfBody): Promise<void> {
    const msgid = `n${randomBytes(12).toString("hex")}`;
    await client.kfSendMsg({
      ...content,
      touser: recipient,
      open_kfid: openKfId,
      msgid,
    });
    await store.recordSend(openKfId, recipient, { id: msgid, at: nowMs() });
  }

  /** A message's unit photos still kept ([] without any, or without a photo reader). */
  async function keptPhotos(message: RenderedMessage): Promise<StoredPhoto[]> {
    if (!message.photos || !deps.photos) return [];
    const { trackingNo, ids } = message.photos;
    const kept = await Promise.all(ids.map((id) => deps.photos!.read(trackingNo, id)));
    return kept.filter((photo): photo is StoredPhoto => photo !== null);
  }

  const sender: Sender = {
    async send(recipient, messages) {
      if (recipient.startsWith(WECOM_STAFF_PREFIX)) {
        if (!deps.staff) {
          throw new DeliveryError("wecom: no self-built app configured", { kind: "hold" });
        }
        return deps.staff.send(recipient, messages);
      }
      await sendWithin(recipient, messages, await windowOf(recipient));
    },
  };

  async function deliverHeld(externalUserId: string): Promise<void> {
    // Runs after every citizen message: nothing held is the common case, and one query.
    if (!(await outbox.hasHeld("wecom", externalUserId))) return;
    const window = await windowOf(externalUserId);
    if (window.budget === 0) return;
    const rows = await outbox.claimHeld(
      "wecom",
      externalUserId,
      "wecom-held",
      deps.leaseMs ?? 300_000,
    );
    if (rows.length === 0) return;
    const newest = rows[rows.length - 1]!;
    const older = rows.slice(0, -1);
    const log = logger.child({ outboxId: newest.id, held: rows.length });
    // Parts of the newest notice that went out before the window closed are not sent again.
    const done = deliveredPartsOf(newest.payload);
    let first: RenderedMessage[];
    try {
      first = notices(await withKeptTranslation(newest)).slice(done);
    } catch (error) {
      // A broken row must not block the others: the worker fails it on its own.
      log.error({ err: error }, "held notification cannot be rendered");
      await Promise.all(rows.map((row) => retryLater(row, "cannot render")));
      return;
    }
    const messages = [...first];
    if (older.length > 0) {
      const locale = OutboxPayloadSchema.safeParse(newest.payload);
      const texts = wecomCitizenTexts(locale.success ? locale.data.locale : "zh");
      messages.push({ text: texts.heldSummary(older.map(summaryLine)) });
    }
    try {
      await sendWithin(externalUserId, messages, window);
    } catch (thrown) {
      const error =
        thrown instanceof DeliveryError
          ? thrown
          : new DeliveryError("wecom digest failed", { kind: "transient", cause: thrown });
      const newestSent = error.delivered >= first.length;
      if (newestSent) await outbox.markSent(newest);
      const rest = newestSent ? older : rows;
      let held = false;
      for (const row of rest) {
        const parts = row === newest ? done + error.delivered : undefined;
        if (error.kind === "hold") held = (await outbox.hold(row, error.message, parts)) || held;
        else await retryLater(row, error.message, parts);
      }
      log.warn({ reason: error.message, newestSent }, "held notifications not all delivered");
      if (held) await error.afterHold?.();
      return;
    }
    for (const row of rows) await outbox.markSent(row);
    log.info("held notifications delivered as a digest");
  }

  /** The row with its answer's kept translation, as the worker renders it. */
  async function withKeptTranslation(row: ClaimedOutboxMessage): Promise<ClaimedOutboxMessage> {
    const notice = deps.answerTranslations && answerOfNotice(row);
    if (!deps.answerTranslations || !notice) return row;
    const ahead = await deps.answerTranslations.translationAhead(
      notice.answer,
      notice.payload.locale,
    );
    return ahead.kind === "translated" ? withTranslationShown(row, notice, ahead.text) : row;
  }

  async function retryLater(
    row: ClaimedOutboxMessage,
    reason: string,
    deliveredParts?: number,
  ): Promise<void> {
    // The worker takes the rows one by one from here, with its own retries.
    await outbox.markRetry(row, {
      nextAttemptAt: clock.now(),
      error: reason,
      ...(deliveredParts !== undefined && { deliveredParts }),
    });
  }

  return { sender, remaining, deliverHeld, notices };
}

/** What a citizen's window allows now, and the citizen message it counts from. */
interface ReplyWindowNow {
  /** send_time (seconds) of the citizen's latest message; undefined before their first. */
  readonly latest: number | undefined;
  /** kf messages that may still go to them (0 outside the window). */
  readonly budget: number;
}

/** The first line of a row's notice, for the summary. */
function summaryLine(row: ClaimedOutboxMessage): string {
  try {
    const [first] = renderOutboxPayload(row.payload, row.audience);
    return (first?.text ?? "").split("\n")[0]!.slice(0, 80);
  } catch {
    const parsed = OutboxPayloadSchema.safeParse(row.payload);
    return parsed.success ? parsed.data.trackingNo : "";
  }
}

/** kf/send_msg failures: an exhausted window holds, other refusals fail, the rest retries. */
function toDeliveryError(
  error: unknown,
  delivered: number,
  hold: (delivered: number, cause: unknown) => DeliveryError,
): DeliveryError {
  if (isWeComError(error)) {
    const reason = `wecom ${error.method} ${error.errcode ?? error.httpStatus ?? ""}: ${error.reason}`;
    if (error.reason === "not_reachable") return hold(delivered, error);
    return new DeliveryError(reason, {
      kind: error.permanent ? "permanent" : "transient",
      delivered,
      cause: error,
    });
  }
  return new DeliveryError(
    `wecom send failed: ${error instanceof Error ? error.message : String(error)}`,
    { kind: "transient", delivered, cause: error },
  );
}
