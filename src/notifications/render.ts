/**
 * Turns an outbox payload into the texts a recipient reads: one short notice
 * (tracking number, new status, next step and its date; a unit's progress note
 * in full), then for an answer the full answer text and its machine translation when the
 * recipient reads English, split to Telegram's limit.
 * Dates are Beijing days.
 */
import { AppError } from "../errors.ts";
import { formatCalendarDateAt, formatDate, groupText } from "../i18n/format.ts";
import type { NotificationCatalog, NotificationView } from "./message-catalog.ts";
import { notificationsEn } from "./messages-en.ts";
import { notificationsZh } from "./messages-zh.ts";
import {
  OutboxPayloadSchema,
  type NotificationLocale,
  type OutboxAudience,
  type OutboxPayload,
} from "./outbox-payload.ts";
import type { RenderedMessage } from "./sender.ts";
import { splitMessage, TELEGRAM_TEXT_LIMIT } from "./split-message.ts";

const CATALOGS: Record<NotificationLocale, NotificationCatalog> = {
  zh: notificationsZh,
  en: notificationsEn,
};

/** The view a catalogue entry reads, dates written out. */
export function notificationView(
  payload: OutboxPayload,
  audience: OutboxAudience,
): NotificationView {
  const { details, locale } = payload;
  const due =
    payload.dueDate !== null
      ? formatCalendarDateAt(locale, payload.dueDate, "day")
      : payload.dueAt !== null
        ? formatDate(locale, new Date(payload.dueAt))
        : null;
  return {
    audience,
    trackingNo: payload.trackingNo,
    status: payload.status as NotificationView["status"],
    nextStep: payload.nextStep,
    due,
    unitName: payload.unitName,
    caseClass: details.caseClass ?? null,
    outcome: details.outcome ?? null,
    promisedBy:
      details.promisedBy === undefined
        ? null
        : formatCalendarDateAt(locale, details.promisedBy, "day"),
    answeredOn:
      details.answeredOn === undefined
        ? null
        : formatCalendarDateAt(locale, details.answeredOn, "day"),
    reviewStage: details.reviewStage ?? 0,
    reason: details.reason ?? null,
    progressNote: details.progressNote ?? null,
    supplementText: details.supplementText ?? null,
    supplementPhotos: details.supplementPhotos ?? 0,
    urgeOrdinal: details.urgeOrdinal ?? null,
    group: details.group === undefined ? null : groupText(locale, details.group),
    urgent: details.urgent ?? false,
    consultation: details.consultation ?? false,
    otherChannel: details.channel ?? null,
    extensionDays: details.extensionDays ?? null,
    mergedInto: details.mergedInto ?? null,
    clock: details.clock ?? null,
    overdueDays: details.overdueDays ?? null,
    queryCode: details.queryCode ?? null,
    returnDue:
      details.returnDueAt === undefined ? null : formatDate(locale, new Date(details.returnDueAt)),
  };
}

/** A notification's texts before any split, and its unit photos. */
export interface NotificationParts {
  /** The notice (with the status link for a citizen), then an answer under its heading. */
  readonly texts: readonly string[];
  /** The unit's photos for a citizen, under a line that names them; null without any. */
  readonly photos: RenderedMessage | null;
}

/** The texts and photos of one notification, in sending order, not yet split. */
export function notificationParts(
  payload: OutboxPayload,
  audience: OutboxAudience,
): NotificationParts {
  const catalog = CATALOGS[payload.locale];
  const view = notificationView(payload, audience);
  const notice = catalog[payload.kind](view);
  const link = audience === "citizen" && payload.statusLink;
  const texts = [link ? `${notice}\n${catalog.statusLink({ url: link })}` : notice];
  const answer = payload.details.answerText?.trim();
  if (payload.kind === "answered" && answer !== undefined && answer !== "") {
    texts.push(`${catalog.answerHeading({ reviewStage: view.reviewStage })}\n${answer}`);
    // After the original, in messages of its own: a retry that now has a translation sends the
    // same messages first, so the count of those delivered before still holds.
    if (payload.answerTranslation) {
      texts.push(`${catalog.machineTranslationHeading}\n${payload.answerTranslation}`);
    }
  }
  const photoIds = payload.details.photoIds ?? [];
  const { trackingNo } = payload;
  const photos =
    audience === "citizen" && photoIds.length > 0
      ? {
          text: catalog.unitPhotos({ trackingNo, count: photoIds.length }),
          photos: { trackingNo, ids: photoIds },
        }
      : null;
  return { texts, photos };
}

/**
 * The messages of one notification, in sending order, each at most `limit`
 * UTF-16 code units. Plain text (no parse_mode): an answer may contain "<" or
 * "&" and must arrive as written.
 */
export function renderNotification(
  payload: OutboxPayload,
  audience: OutboxAudience,
  limit: number = TELEGRAM_TEXT_LIMIT,
): RenderedMessage[] {
  const { texts, photos } = notificationParts(payload, audience);
  const messages = texts.flatMap((text) => splitMessage(text, limit)).map((text) => ({ text }));
  return photos ? [...messages, photos] : messages;
}

/**
 * A stored payload, validated.
 * @throws AppError("input.invalid") when the payload does not match OutboxPayloadSchema.
 */
export function parseOutboxPayload(payload: unknown): OutboxPayload {
  const parsed = OutboxPayloadSchema.safeParse(payload);
  if (!parsed.success) {
    throw new AppError(
      "input.invalid",
      `outbox payload is invalid: ${parsed.error.issues
        .map((issue) => `${issue.path.join(".")}: ${issue.code}`)
        .join("; ")}`,
    );
  }
  return parsed.data;
}

/**
 * Validates a stored payload and renders it.
 * @throws AppError("input.invalid") when the payload does not match OutboxPayloadSchema.
 */
export function renderOutboxPayload(
  payload: unknown,
  audience: OutboxAudience,
  limit: number = TELEGRAM_TEXT_LIMIT,
): RenderedMessage[] {
  return renderNotification(parseOutboxPayload(payload), audience, limit);
}

/**
 * The plain notices of a claimed outbox row, as every channel's renderer starts from them.
 * @throws AppError("input.invalid") when the payload does not match OutboxPayloadSchema.
 */
export function plainNotices(message: {
  readonly payload: unknown;
  readonly audience: OutboxAudience;
}): RenderedMessage[] {
  return renderOutboxPayload(message.payload, message.audience);
}

/** The tracking number a payload is about, if it names one. */
export function trackingNoOf(payload: unknown): string | null {
  if (typeof payload !== "object" || payload === null || !("trackingNo" in payload)) return null;
  return typeof payload.trackingNo === "string" ? payload.trackingNo : null;
}

/** How many of a payload's messages went out in earlier attempts. */
export function deliveredPartsOf(payload: unknown): number {
  if (typeof payload !== "object" || payload === null || !("deliveredParts" in payload)) return 0;
  const value = payload.deliveredParts;
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : 0;
}
