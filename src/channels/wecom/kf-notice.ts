/**
 * A citizen's notification as kf messages: WeCom takes at most 2048 bytes a text and 5
 * messages after the citizen's latest one (the reply window). A unit's answer of several
 * thousand characters is more than one window can carry; held for a window that can never
 * hold it, it would never reach the citizen at all.
 */
import type { OutboxAudience } from "../../notifications/outbox-payload.ts";
import { notificationParts, parseOutboxPayload } from "../../notifications/render.ts";
import type { RenderedMessage } from "../../notifications/sender.ts";
import { wecomCitizenTexts } from "../../notifications/wecom-citizen-messages.ts";
import { cutWithNote, textChunks } from "./translate.ts";

/**
 * The messages of a stored notification for a WeCom citizen, in sending order, never more
 * than `maxMessages` kf messages (each photo is one): the notice (number and status first),
 * the answer packed into as few 2048-byte texts as the limit allows, then the unit's photos.
 * What does not fit is left out rather than held: the notice and the answer's beginning go
 * out now, and the last message says where to read the rest (the status page when there is
 * one, else the office handling the case, by name). Words come before pictures: photos get
 * what the texts leave, and the last line counts the photos left out.
 * @throws AppError("input.invalid") when the payload does not match OutboxPayloadSchema.
 */
export function kfNotification(
  stored: unknown,
  audience: OutboxAudience,
  maxMessages: number,
): RenderedMessage[] {
  const payload = parseOutboxPayload(stored);
  const { texts, photos } = notificationParts(payload, audience);
  const parts = texts.flatMap((text) => textChunks(text));
  const photoCount = photos?.photos?.ids.length ?? 0;
  if (parts.length + (photos ? 1 + photoCount : 0) <= maxMessages) {
    return [...parts.map((text) => ({ text })), ...(photos ? [photos] : [])];
  }
  const note = (photosLeftOut: number) =>
    wecomCitizenTexts(payload.locale).cutShort({
      trackingNo: payload.trackingNo,
      statusUrl: payload.statusLink ?? null,
      office: payload.unitName,
      photosLeftOut,
    });
  if (photos?.photos && parts.length < maxMessages) {
    const room = maxMessages - parts.length - 1;
    const { trackingNo, ids } = photos.photos;
    return [
      ...parts.map((text) => ({ text })),
      {
        text: `${photos.text}\n${note(photoCount - room)}`,
        photos: { trackingNo, ids: ids.slice(0, room) },
      },
    ];
  }
  return cutWithNote(parts, maxMessages, note(photoCount)).map((text) => ({ text }));
}
