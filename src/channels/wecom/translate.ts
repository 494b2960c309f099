import { z } from "zod";
import { toHalfWidth } from "../../domain/half-width.ts";
import type { CitizenEvent } from "../../domain/intake/events.ts";
import type { CasePageRef, ChoiceButton, OutgoingMessage } from "../../domain/intake/replies.ts";
import { placeWords } from "../place-words.ts";
import { splitMessageBytes } from "../../notifications/split-message.ts";
import type { KfBody, KfMessage } from "./api-client.ts";

/** WeCom's limits for kf/send_msg (bytes of UTF-8). */
export const TEXT_MAX_BYTES = 2048;
const MENU_HEAD_MAX_BYTES = 1024;
const MENU_ITEM_MAX_BYTES = 128;
const MENU_ID_MAX_BYTES = 64;
const MENU_MAX_ITEMS = 10;

/** The content of a citizen's message as kept in the inbox (what the conversation can use). */
export const WeComInboundContentSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string(), menuId: z.string().optional() }),
  z.object({
    type: z.enum(["image", "voice", "video", "file"]),
    mediaId: z.string().min(1),
  }),
  z.object({
    type: z.literal("location"),
    latitude: z.number(),
    longitude: z.number(),
    /** The place's name and address as WeChat sent them (placeWords). */
    address: z.string().min(1).optional(),
  }),
  z.object({ type: z.literal("other"), msgtype: z.string() }),
]);
export type WeComInboundContent = z.infer<typeof WeComInboundContentSchema>;

/** One citizen message as stored in InboxUpdate.payload (channel "wecom", updateId = msgid). */
export const WeComInboundSchema = z.object({
  msgid: z.string().min(1),
  openKfId: z.string().min(1),
  externalUserId: z.string().min(1),
  /** Seconds since the epoch, as WeCom reported it. */
  sendTime: z.number().int().nonnegative(),
  content: WeComInboundContentSchema,
});
export type WeComInbound = z.infer<typeof WeComInboundSchema>;

/**
 * The part of a pulled message the inbox keeps: ids, time and content (a location with its
 * place's name and address as one address text).
 * Null for a message without a citizen (unreadable ones).
 */
export function toInbound(message: KfMessage): WeComInbound | null {
  if (message.externalUserId === undefined) return null;
  const c = message.content;
  let content: WeComInboundContent;
  switch (c.type) {
    case "text":
      content = { type: "text", text: c.text, ...(c.menuId !== undefined && { menuId: c.menuId }) };
      break;
    case "image":
    case "voice":
    case "video":
    case "file":
      content = { type: c.type, mediaId: c.mediaId };
      break;
    case "location": {
      const place = placeWords(c.name, c.address);
      content = {
        type: "location",
        latitude: c.latitude,
        longitude: c.longitude,
        ...(place && { address: place }),
      };
      break;
    }
    case "event":
      return null;
    case "other":
      content = { type: "other", msgtype: c.msgtype };
      break;
  }
  return {
    msgid: message.msgid,
    openKfId: message.openKfId,
    externalUserId: message.externalUserId,
    sendTime: Math.max(0, Math.floor(message.sendTime)),
    content,
  };
}

/**
 * The options a citizen can pick by number after `replies`: every button of the turn, in
 * order, numbered from 1 (a button id that appears twice counts once). The same function
 * numbers the options when they are sent and when a typed number comes back, so the mapping
 * needs nothing stored beyond the turn's replies (the dialogue's lastReplies).
 */
export function numberedOptions(replies: readonly OutgoingMessage[]): ChoiceButton[] {
  const seen = new Set<string>();
  const options: ChoiceButton[] = [];
  for (const reply of replies) {
    for (const row of reply.choices ?? []) {
      for (const button of row) {
        if (seen.has(button.id)) continue;
        seen.add(button.id);
        options.push(button);
      }
    }
  }
  return options;
}

/**
 * The option a typed text picks: its number ("2", "２", "2." or "2、") or its exact label.
 * Undefined when the text is anything else, so ordinary answers stay text.
 */
export function typedChoice(text: string, options: readonly ChoiceButton[]): string | undefined {
  const trimmed = text.trim();
  const numeric = /^([0-9０-９]{1,2})\s*[.。、．)）]?$/u.exec(trimmed);
  if (numeric) {
    return options[Number(toHalfWidth(numeric[1]!)) - 1]?.id;
  }
  return options.find((option) => option.label.trim() === trimmed)?.id;
}

/**
 * Translates a stored citizen message into a conversation event. A menu click (text with
 * menu_id) is a choice; a typed number or label of the last turn's options is that choice;
 * an image is a photo whose file id is the media_id (the channel replaces it with the id of
 * the photo it keeps). WeChat has no contact button: phone numbers arrive as text.
 */
export function toCitizenEvent(
  content: WeComInboundContent,
  lastOptions: readonly ChoiceButton[],
): CitizenEvent {
  switch (content.type) {
    case "text": {
      if (content.menuId) return { type: "choice", id: content.menuId };
      const choice = typedChoice(content.text, lastOptions);
      return choice !== undefined
        ? { type: "choice", id: choice }
        : { type: "text", text: content.text };
    }
    case "image":
      return { type: "photo", fileId: content.mediaId };
    case "voice":
      return { type: "unsupported", kind: "voice" };
    case "video":
      return { type: "unsupported", kind: "video" };
    case "file":
      return { type: "unsupported", kind: "document" };
    case "location":
      return {
        type: "location",
        latitude: content.latitude,
        longitude: content.longitude,
        ...(content.address && { address: content.address }),
      };
    case "other":
      return { type: "unsupported", kind: "other" };
  }
}

/** What a turn's replies become: texts and menus (photos go out as notices, not replies). */
export type KfOutgoing = Extract<KfBody, { msgtype: "text" | "msgmenu" }>;

export type WeComLocale = "zh" | "en";

const HINT: Record<WeComLocale, string> = {
  zh: "点击选项，或回复序号。",
  en: "Tap an option or reply with its number.",
};

export interface KfPlan {
  readonly messages: readonly KfOutgoing[];
  /** True when the turn did not fit the budget and its beginning was left out. */
  readonly trimmed: boolean;
}

/**
 * One turn's replies as few kf/send_msg messages as possible, never more than `budget`:
 * - with 1–10 options, a single menu message (the texts as its head) when they fit, else the
 *   texts and then the menu; each item is numbered so the citizen can also type the number;
 * - otherwise (or when the menu would exceed the budget) one text with the options as
 *   numbered lines, split only where WeCom's 2048-byte limit forces it.
 * When even that exceeds the budget and the turn shows a case's page (a long answer on it),
 * the page is cut as a long notice is (`cutWithNote`): its beginning, the number first, ending
 * with `readInFull`'s line, then what follows it and the options. Otherwise the last messages
 * are kept (they hold the question and its options) and `trimmed` is set. A budget of 0 gives
 * no message.
 */
export function planKfMessages(
  replies: readonly OutgoingMessage[],
  budget: number,
  locale: WeComLocale,
  readInFull?: (page: CasePageRef) => string,
): KfPlan {
  const body = replies
    .map((reply) => reply.text.trim())
    .filter((text) => text !== "")
    .join("\n\n");
  const options = numberedOptions(replies);
  const candidates: KfOutgoing[][] = [];
  if (
    options.length > 0 &&
    options.length <= MENU_MAX_ITEMS &&
    options.every((option) => byteLength(option.id) <= MENU_ID_MAX_BYTES)
  ) {
    candidates.push(menuPlan(body, options, locale));
  }
  candidates.push(textPlan(body, options, locale));
  const allowed = Math.max(0, Math.floor(budget));
  for (const candidate of candidates) {
    if (candidate.length <= allowed) return { messages: candidate, trimmed: false };
  }
  const page = readInFull && allowed > 1 ? cutPagePlan(replies, allowed, locale, readInFull) : null;
  if (page !== null) return { messages: page, trimmed: false };
  const fallback = candidates[candidates.length - 1]!;
  return { messages: allowed === 0 ? [] : fallback.slice(-allowed), trimmed: true };
}

/**
 * A turn with a case's page in at most `budget` messages: the texts up to the page's end cut
 * to what the rest leaves (at least one), then the rest — the texts after the page and every
 * option, numbered as before. Null without a page, or when the rest alone fills the budget.
 */
function cutPagePlan(
  replies: readonly OutgoingMessage[],
  budget: number,
  locale: WeComLocale,
  readInFull: (page: CasePageRef) => string,
): KfOutgoing[] | null {
  const at = replies.findIndex((reply) => reply.casePage !== undefined);
  const page = replies[at]?.casePage;
  if (page === undefined) return null;
  const head = replies.slice(0, at + 1);
  const rest = [
    ...head.flatMap((reply) => (reply.choices ? [{ text: "", choices: reply.choices }] : [])),
    ...replies.slice(at + 1),
  ];
  const after = rest.length > 0 ? planKfMessages(rest, budget - 1, locale) : null;
  if (after?.trimmed) return null;
  const room = budget - (after?.messages.length ?? 0);
  const body = head.map((reply) => reply.text.trim()).filter((text) => text !== "");
  const texts = cutWithNote(textChunks(body.join("\n\n")), room, readInFull(page));
  return [
    ...texts.map((content) => ({ msgtype: "text" as const, text: { content } })),
    ...(after?.messages ?? []),
  ];
}

function menuPlan(
  body: string,
  options: readonly ChoiceButton[],
  locale: WeComLocale,
): KfOutgoing[] {
  const list = options.map((option, index) => ({
    type: "click" as const,
    click: {
      id: option.id,
      content: truncateBytes(`${index + 1}. ${option.label}`, MENU_ITEM_MAX_BYTES),
    },
  }));
  if (body !== "" && byteLength(body) <= MENU_HEAD_MAX_BYTES) {
    return [
      { msgtype: "msgmenu", msgmenu: { head_content: body, list, tail_content: HINT[locale] } },
    ];
  }
  return [
    ...textChunks(body).map((content) => ({ msgtype: "text" as const, text: { content } })),
    { msgtype: "msgmenu", msgmenu: { list, tail_content: HINT[locale] } },
  ];
}

function textPlan(
  body: string,
  options: readonly ChoiceButton[],
  locale: WeComLocale,
): KfOutgoing[] {
  const lines = options.map((option, index) => `${index + 1}. ${option.label}`);
  const full = [body, lines.join("\n"), options.length > 0 ? HINT[locale] : ""]
    .filter((part) => part !== "")
    .join("\n\n");
  return textChunks(full).map((content) => ({ msgtype: "text" as const, text: { content } }));
}

/**
 * Splits a text into pieces of at most 2048 bytes, where splitMessage cuts (a paragraph, a
 * line, a sentence), never inside a character.
 */
export function textChunks(text: string, maxBytes = TEXT_MAX_BYTES): string[] {
  return splitMessageBytes(text, maxBytes);
}

/**
 * Texts cut to at most `maxMessages` kf texts (at least one), the last ending with `note` (where
 * to read it all): the first parts kept whole, the last giving up its end for the note, cut
 * where splitMessage would cut. The one cutter of whatever a reply window cannot carry whole —
 * a long notice (kf-notice.ts), a case's page with a long answer (planKfMessages).
 */
export function cutWithNote(parts: readonly string[], maxMessages: number, note: string): string[] {
  const kept = parts.slice(0, Math.max(1, maxMessages));
  const last = kept.pop() ?? "";
  const room = TEXT_MAX_BYTES - byteLength(`\n${note}`);
  const [shortened] = textChunks(last, room);
  return [...kept, `${shortened ?? ""}\n${note}`];
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** The longest prefix of whole characters within `maxBytes` (with `ellipsis` when cut). */
export function truncateBytes(text: string, maxBytes: number, ellipsis = "…"): string {
  if (byteLength(text) <= maxBytes) return text;
  const limit = maxBytes - byteLength(ellipsis);
  let out = "";
  for (const char of text) {
    if (byteLength(out + char) > limit) break;
    out += char;
  }
  return out + ellipsis;
}
