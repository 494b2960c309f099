/**
 * The outbox's Telegram channel: sends plain-text messages through grammY's
 * Api under our own rate limiter, and classifies Telegram's refusals.
 * Give it an Api without the auto-retry transformer: the outbox schedules
 * retries itself, in the database, so they survive a restart.
 */
import { GrammyError, HttpError, InputFile, type Api } from "grammy";
import type { UnitPhotos } from "../cases/unit-photos.ts";
import { systemClock } from "../clock.ts";
import type { Logger } from "../logging/logger.ts";
import { createRateLimiter, type RateLimiter } from "./rate-limiter.ts";
import { DeliveryError, type RenderedCard, type RenderedMessage, type Sender } from "./sender.ts";

/** Where a staff card went: the chat and the message id Telegram gave it. */
export interface SentCard {
  readonly chatId: string;
  readonly messageId: number;
}

export interface TelegramSenderDeps {
  readonly api: Api;
  readonly limiter?: RateLimiter;
  /**
   * Told of every delivered message marked as a card (RenderedMessage.card), before the next
   * message goes out. A failure here does not fail the delivery — the card is out, and a retry
   * would send it twice — it is logged with `logger` and the card is simply not remembered.
   */
  readonly onCardSent?: (card: RenderedCard, sent: SentCard) => Promise<void>;
  /** Where a failing onCardSent is logged. */
  readonly logger?: Logger;
  /** A unit's photos (RenderedMessage.photos); without it, their caption goes alone. */
  readonly photos?: Pick<UnitPhotos, "read">;
}

/**
 * A Sender for Telegram chats; `recipient` is the chat id. Messages to one
 * chat go out one by one through `limiter` (by default Telegram's limits over
 * real time), so a burst is queued, never dropped.
 * @throws DeliveryError from send(): 429 → transient with retryAfterMs;
 * 403 (blocked, kicked, deactivated) and 400 (chat not found, bad request) →
 * permanent; 5xx, other codes and network errors or timeouts → transient.
 */
export function createTelegramSender(deps: TelegramSenderDeps): Sender {
  const limiter = deps.limiter ?? createRateLimiter({ clock: systemClock });
  return {
    async send(recipient: string, messages: readonly RenderedMessage[]) {
      const chatId = /^-?\d+$/.test(recipient) ? Number(recipient) : recipient;
      for (const [index, message] of messages.entries()) {
        let sent;
        try {
          sent = await limiter.send(
            recipient,
            async () =>
              (await sendPhotos(deps, chatId, message)) ??
              (await deps.api.sendMessage(chatId, message.text, {
                link_preview_options: { is_disabled: true },
                ...(message.buttons?.length && { reply_markup: inlineKeyboard(message.buttons) }),
              })),
          );
        } catch (error) {
          throw toDeliveryError(error, index);
        }
        if (message.card && deps.onCardSent) {
          const where = { chatId: String(sent.chat.id), messageId: sent.message_id };
          try {
            await deps.onCardSent(message.card, where);
          } catch (error) {
            deps.logger?.warn(
              { err: error, caseNo: message.card.trackingNo, chatId: where.chatId },
              "sent card could not be remembered; it will not be refreshed",
            );
          }
        }
      }
    },
  };
}

type SentPhoto = Awaited<ReturnType<Api["sendPhoto"]>> | Awaited<ReturnType<Api["sendDocument"]>>;

/**
 * A message's photos, one sendPhoto each with the text as the first one's caption (HEIC, which
 * Telegram does not show as a photo, as a file); undefined when it has none still kept.
 */
async function sendPhotos(
  deps: TelegramSenderDeps,
  chatId: number | string,
  message: RenderedMessage,
): Promise<SentPhoto | undefined> {
  if (!message.photos || !deps.photos) return undefined;
  const { trackingNo, ids } = message.photos;
  const kept = await Promise.all(ids.map((id) => deps.photos!.read(trackingNo, id)));
  let first: SentPhoto | undefined;
  for (const photo of kept) {
    if (!photo) continue;
    const file = new InputFile(photo.bytes, `${photo.id}.${photo.mimeType.split("/")[1]}`);
    const caption = first === undefined ? { caption: message.text } : {};
    const sent: SentPhoto =
      photo.mimeType === "image/heic"
        ? await deps.api.sendDocument(chatId, file, caption)
        : await deps.api.sendPhoto(chatId, file, caption);
    first ??= sent;
  }
  return first;
}

/** Rows of buttons as a Telegram inline keyboard. */
export function inlineKeyboard(buttons: NonNullable<RenderedMessage["buttons"]>): {
  inline_keyboard: { text: string; callback_data: string }[][];
} {
  return {
    inline_keyboard: buttons.map((row) =>
      row.map((button) => ({ text: button.label, callback_data: button.data })),
    ),
  };
}

/** Classifies a grammY error; `delivered` messages of the call went out before it. */
export function toDeliveryError(error: unknown, delivered = 0): DeliveryError {
  if (error instanceof GrammyError) {
    const reason = `telegram ${error.error_code}: ${error.description}`;
    const base = { delivered, cause: error };
    if (error.error_code === 429) {
      const seconds = error.parameters.retry_after ?? 1;
      return new DeliveryError(reason, {
        ...base,
        kind: "transient",
        retryAfterMs: seconds * 1000,
      });
    }
    if (error.error_code === 403 || error.error_code === 400) {
      return new DeliveryError(reason, { ...base, kind: "permanent" });
    }
    return new DeliveryError(reason, { ...base, kind: "transient" });
  }
  if (error instanceof HttpError) {
    return new DeliveryError(`telegram network error: ${error.message}`, {
      kind: "transient",
      delivered,
      cause: error,
    });
  }
  return new DeliveryError(
    `telegram send failed: ${error instanceof Error ? error.message : String(error)}`,
    { kind: "transient", delivered, cause: error },
  );
}
