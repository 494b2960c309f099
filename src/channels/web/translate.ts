import { z } from "zod";
import { UNIT_PHOTO_PATH } from "../../cases/unit-photos.ts";
import type { CitizenEvent } from "../../domain/intake/events.ts";
import {
  OutgoingMessageSchema,
  type ChoiceButton,
  type OutgoingMessage,
} from "../../domain/intake/replies.ts";
import type { NewWebChatEntry, WebChatAuthor, WebChatEntry } from "../../storage/web-chat-log.ts";

/** The client's id of one event: a retried request carries the same id. */
export const EventIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, "8–64 letters, digits, _ or -");

/** What the page may send to POST /chat/events (photos go through POST /chat/photos). */
export const WebEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string().min(1).max(4000) }),
  z.object({
    type: z.literal("command"),
    name: z.string().regex(/^[a-z_]{1,32}$/),
    args: z.string().max(200),
  }),
  z.object({ type: z.literal("choice"), id: z.string().min(1).max(200) }),
  z.object({
    type: z.literal("location"),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
  }),
  z.object({
    type: z.literal("contact"),
    phone: z.string().min(1).max(40),
    name: z.string().max(60).optional(),
  }),
]);

export const WebEventBodySchema = z.object({ eventId: EventIdSchema, event: WebEventSchema });

/** What the citizen did, as their own chat bubble shows it. */
const CitizenBodySchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({ type: z.literal("choice"), label: z.string() }),
  z.object({ type: z.literal("location") }),
  z.object({ type: z.literal("contact"), phone: z.string(), name: z.string().optional() }),
  z.object({ type: z.literal("photo"), uploadId: z.string() }),
  z.object({ type: z.literal("voice"), recordingId: z.string() }),
]);
type CitizenBody = z.infer<typeof CitizenBodySchema>;

/** One chat entry as the page reads it (GET /chat/messages, POST /chat/events). */
export interface PageMessage {
  readonly id: number;
  readonly author: WebChatAuthor;
  /** The event this entry answers; the page offers buttons only for the latest one. */
  readonly turn: string | null;
  readonly at: string;
  readonly kind: "text" | "choice" | "location" | "contact" | "photo" | "voice" | "receipt";
  readonly text?: string;
  readonly photoUrl?: string;
  /** The citizen's own recording, played back in their chat. */
  readonly audioUrl?: string;
  /** A notice's photos from the unit (signed links, see UnitPhotos), shown under its text. */
  readonly photoUrls?: readonly string[];
  readonly choices?: readonly (readonly ChoiceButton[])[];
  readonly request?: "location" | "contact";
  readonly requestLabel?: string;
  /** A receipt's number and code, which the page offers to copy, and its status page. */
  readonly receipt?: {
    readonly trackingNo: string;
    readonly queryCode: string;
    readonly statusUrl: string;
  };
}

/**
 * A notice as the web sender writes it: the message, and the unit's photos that came with it,
 * by case and id; the page gets them as links signed when it reads the notice.
 */
export type NoticeBody = OutgoingMessage & {
  readonly unitPhotos?: { readonly trackingNo: string; readonly ids: readonly string[] };
};

/** The signed link of a case's unit photo, valid from now (UnitPhotos.link at the clock's now). */
export type PhotoLink = (trackingNo: string, id: string) => string;

/** A link as notices kept it before links expired: the case and the photo are read back from it. */
const LEGACY_PHOTO_LINK = new RegExp(`^${UNIT_PHOTO_PATH}/([^/?]+)/([0-9a-f]{32})\\?`);

const NoticePhotosSchema = z.union([
  z.object({
    unitPhotos: z.object({ trackingNo: z.string(), ids: z.array(z.string()).min(1) }),
  }),
  z
    .object({ photoUrls: z.array(z.string().regex(LEGACY_PHOTO_LINK)).min(1) })
    .transform(({ photoUrls }) => ({
      unitPhotos: {
        trackingNo: decodeURIComponent(LEGACY_PHOTO_LINK.exec(photoUrls[0]!)![1]!),
        ids: photoUrls.map((url) => LEGACY_PHOTO_LINK.exec(url)![2]!),
      },
    })),
]);

/** The web chat's own entry after a receipt: the query code, kept as data for the page. */
const ReceiptBodySchema = z.object({
  text: z.string(),
  receipt: z.object({ trackingNo: z.string(), queryCode: z.string() }),
});

/** The entry that tells the citizen their query code, with the number and code as data. */
export function receiptEntryOf(
  trackingNo: string,
  queryCode: string,
  text: string,
): NewWebChatEntry {
  return { author: "service", body: { text, receipt: { trackingNo, queryCode } } };
}

/**
 * The citizen's own bubble for an event; null for what the page did on its
 * own (the first /start, a language switch) and shows no bubble for.
 * A choice shows the pressed button's label, found in the replies it came with
 * (`recentReplies`: replies as stored, newest first); null when not among them.
 */
export function citizenEntryOf(
  event: CitizenEvent,
  recentReplies: readonly unknown[],
): NewWebChatEntry | null {
  const body = citizenBodyOf(event, recentReplies);
  return body && { author: "citizen", body };
}

function citizenBodyOf(event: CitizenEvent, recentReplies: readonly unknown[]): CitizenBody | null {
  switch (event.type) {
    case "text":
      return { type: "text", text: event.text };
    case "choice": {
      const label = buttonLabel(event.id, recentReplies);
      return label === null ? null : { type: "choice", label };
    }
    case "location":
      return { type: "location" };
    case "contact":
      return { type: "contact", phone: event.phone, ...(event.name && { name: event.name }) };
    case "photo":
      return { type: "photo", uploadId: event.fileId };
    case "voice":
      return { type: "voice", recordingId: event.recordingId };
    default:
      return null;
  }
}

function buttonLabel(id: string, replies: readonly unknown[]): string | null {
  for (const reply of replies) {
    const parsed = OutgoingMessageSchema.safeParse(reply);
    const button = parsed.success
      ? parsed.data.choices?.flat().find((choice) => choice.id === id)
      : undefined;
    if (button) return button.label;
  }
  return null;
}

/** The conversation's replies as chat entries. */
export function serviceEntriesOf(replies: readonly OutgoingMessage[]): NewWebChatEntry[] {
  return replies.map((reply) => ({ author: "service", body: reply }));
}

/**
 * A stored entry for the page; null when its body cannot be read (skipped, not fatal). A
 * notice's unit photos are signed by `photoLink` as it is read.
 */
export function toPageMessage(entry: WebChatEntry, photoLink: PhotoLink): PageMessage | null {
  const base = {
    id: entry.id,
    author: entry.author,
    turn: entry.eventId,
    at: entry.createdAt.toISOString(),
  };
  if (entry.author === "citizen") {
    const parsed = CitizenBodySchema.safeParse(entry.body);
    if (!parsed.success) return null;
    const body = parsed.data;
    switch (body.type) {
      case "text":
        return { ...base, kind: "text", text: body.text };
      case "choice":
        return { ...base, kind: "choice", text: body.label };
      case "location":
        return { ...base, kind: "location" };
      case "contact":
        return {
          ...base,
          kind: "contact",
          text: [body.name, body.phone].filter(Boolean).join(" "),
        };
      case "photo":
        return { ...base, kind: "photo", photoUrl: `/chat/photos/${body.uploadId}` };
      case "voice":
        return { ...base, kind: "voice", audioUrl: `/chat/voice/${body.recordingId}` };
    }
  }
  const receipt = ReceiptBodySchema.safeParse(entry.body);
  if (receipt.success) {
    const { trackingNo, queryCode } = receipt.data.receipt;
    return {
      ...base,
      kind: "receipt",
      text: receipt.data.text,
      receipt: { trackingNo, queryCode, statusUrl: `/status?no=${encodeURIComponent(trackingNo)}` },
    };
  }
  const parsed = OutgoingMessageSchema.safeParse(entry.body);
  if (!parsed.success) return null;
  const message = parsed.data;
  const photos = entry.author === "notice" ? NoticePhotosSchema.safeParse(entry.body) : null;
  return {
    ...base,
    kind: "text",
    text: message.text,
    ...(photos?.success && {
      photoUrls: photos.data.unitPhotos.ids.map((id) =>
        photoLink(photos.data.unitPhotos.trackingNo, id),
      ),
    }),
    ...(message.choices?.length && { choices: message.choices }),
    ...(message.request && { request: message.request }),
    ...(message.request && message.requestLabel && { requestLabel: message.requestLabel }),
  };
}
