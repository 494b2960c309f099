import type { Message, ReplyKeyboardMarkup, Update } from "grammy/types";
import type { CitizenEvent } from "../../domain/intake/events.ts";
import type { OutgoingMessage } from "../../domain/intake/replies.ts";
import { splitMessage } from "../../notifications/split-message.ts";
import { placeWords } from "../place-words.ts";

/** A private-chat update as the conversation sees it; null for what it ignores. */
export interface CitizenUpdate {
  readonly userId: string;
  readonly chatId: string;
  readonly event: CitizenEvent;
  /** Set for button presses: the query to answer so the button stops spinning. */
  readonly callbackQueryId?: string;
  /**
   * Set for a voice message or an audio file: the file to download (getFile) and hand to the
   * voice intake, whose answer replaces `event` (unsupported voice until then).
   */
  readonly voiceFile?: { readonly fileId: string; readonly size: number | undefined };
  /**
   * Set for a photo and for a picture sent as a file (a document of an image type: a phone's
   * "send as file" keeps the quality) that a bot may download: the file to download and keep,
   * then taken as a photo with `caption`, so staff open it in the console. For a photo `event`
   * is the photo by Telegram's file id, kept when the download fails; for a document it is an
   * unsupported document until then (a document's file id is not a photo's: Telegram refuses
   * it in sendPhoto).
   */
  readonly pictureFile?: {
    readonly fileId: string;
    /** Telegram's id of the file itself, the same for the same picture in any message. */
    readonly uniqueId: string;
    readonly caption?: string;
    /** The message's id, for an edit of its caption or picture. */
    readonly messageId: string;
  };
}

/**
 * Translates a Telegram update from a private chat into a citizen event. A text message carries
 * its message id, and an edit of an earlier text message is told with it (the conversation
 * applies it to a description taken from that message); an edit of anything else is told as one
 * the conversation cannot take. Group chats and service messages are not the citizen's
 * conversation: null.
 */
export function toCitizenUpdate(update: Update): CitizenUpdate | null {
  const query = update.callback_query;
  if (query) {
    const chat = query.message?.chat;
    if (!query.data || !chat || chat.type !== "private") return null;
    return {
      userId: String(query.from.id),
      chatId: String(chat.id),
      event: { type: "choice", id: query.data },
      callbackQueryId: query.id,
    };
  }
  const edited = update.edited_message;
  if (edited?.from && edited.chat.type === "private") {
    const picture = pictureOf(edited);
    return {
      userId: String(edited.from.id),
      chatId: String(edited.chat.id),
      event: editOf(edited),
      ...(picture && { pictureFile: picture }),
    };
  }
  const message = update.message;
  if (!message?.from || message.chat.type !== "private") return null;
  const event = toEvent(message);
  const sound = message.voice ?? message.audio;
  const picture = pictureOf(message);
  return (
    event && {
      userId: String(message.from.id),
      chatId: String(message.chat.id),
      event,
      ...(sound && { voiceFile: { fileId: sound.file_id, size: sound.file_size } }),
      ...(picture && { pictureFile: picture }),
    }
  );
}

/**
 * An edit as the conversation takes it: the new words of a text message, or the caption and
 * photo of a photo or picture sent as a file (whose caption may have become the description,
 * whose picture may have been replaced); any other edit (a location moved, a caption removed
 * from a picture sent as a file) is one it cannot take. A picture sent as a file is no photo
 * until kept (see CitizenUpdate.pictureFile).
 */
function editOf(edited: Message): CitizenEvent {
  const words = edited.text ?? (pictureOf(edited) ? captionOf(edited) : undefined);
  const photo = largestPhoto(edited);
  return words === undefined && photo === undefined
    ? { type: "unsupported", kind: "edited" }
    : {
        type: "edited",
        messageId: messageIdOf(edited),
        ...(words !== undefined && { text: words }),
        ...(photo !== undefined && { photo }),
      };
}

/** The most a bot may download from Telegram: getFile refuses larger files. */
const BOT_DOWNLOAD_MAX_BYTES = 20 * 1024 * 1024;

/**
 * The picture to keep: a photo's largest size a bot may download, or a document the sender's
 * phone declared an image (its bytes decide once downloaded); none when too large for a bot.
 */
function pictureOf(message: Message): CitizenUpdate["pictureFile"] | undefined {
  const document = message.document;
  // Telegram lists a photo's sizes smallest first.
  const files = message.photo ?? (document?.mime_type?.startsWith("image/") ? [document] : []);
  const file = files.findLast(downloadable);
  const caption = captionOf(message);
  return (
    file && {
      fileId: file.file_id,
      uniqueId: file.file_unique_id,
      messageId: messageIdOf(message),
      ...(caption !== undefined && { caption }),
    }
  );
}

/** A photo's largest size (Telegram lists them smallest first): its file id. */
function largestPhoto(message: Message): string | undefined {
  return message.photo?.at(-1)?.file_id;
}

function messageIdOf(message: Message): string {
  return String(message.message_id);
}

function downloadable(file: { readonly file_size?: number }): boolean {
  return file.file_size === undefined || file.file_size <= BOT_DOWNLOAD_MAX_BYTES;
}

function captionOf(message: Message): string | undefined {
  return message.caption?.trim() || undefined;
}

function toEvent(message: Message): CitizenEvent | null {
  if (message.text !== undefined) {
    return { type: "text", text: message.text, messageId: messageIdOf(message) };
  }
  if (message.location) {
    // A venue (a place picked from Telegram's list) carries its name and address too.
    const place = message.venue && placeWords(message.venue.title, message.venue.address);
    return {
      type: "location",
      latitude: message.location.latitude,
      longitude: message.location.longitude,
      ...(place && { address: place }),
    };
  }
  if (message.contact) {
    const name = [message.contact.first_name, message.contact.last_name].filter(Boolean).join(" ");
    return { type: "contact", phone: message.contact.phone_number, ...(name && { name }) };
  }
  const photo = largestPhoto(message);
  if (photo !== undefined) {
    const caption = captionOf(message);
    return {
      type: "photo",
      fileId: photo,
      messageId: messageIdOf(message),
      ...(caption !== undefined && { caption }),
    };
  }
  if (message.sticker) return { type: "unsupported", kind: "sticker" };
  if (message.voice || message.audio) return { type: "unsupported", kind: "voice" };
  // A video or file is not taken, but words typed under it are the citizen's.
  const caption = captionOf(message);
  const withCaption = caption === undefined ? {} : { caption };
  if (message.video || message.video_note || message.animation) {
    return { type: "unsupported", kind: "video", ...withCaption };
  }
  if (message.document) return { type: "unsupported", kind: "document", ...withCaption };
  if (message.new_chat_members || message.left_chat_member || message.pinned_message) return null;
  return { type: "unsupported", kind: "other" };
}

/** The chat whose updates must be handled in order (inbox ordering key). */
export function chatOf(update: Update): string | null {
  const chat =
    update.message?.chat ??
    update.edited_message?.chat ??
    update.callback_query?.message?.chat ??
    update.my_chat_member?.chat;
  return chat ? String(chat.id) : null;
}

export interface TelegramSend {
  readonly text: string;
  readonly reply_markup?:
    | { inline_keyboard: { text: string; callback_data: string }[][] }
    | ReplyKeyboardMarkup
    | { remove_keyboard: true };
}

/**
 * One conversation message as Telegram messages: a text longer than Telegram takes (4096) is
 * sent in parts, the keyboard under the last (a case's page with long additions would be
 * refused whole, and the citizen told nothing); buttons become an inline
 * keyboard; a location or contact request becomes a one-time reply keyboard,
 * sent as a second message when the first already carries buttons (Telegram
 * allows one keyboard per message). Plain text: no markup to escape.
 */
export function toTelegramMessages(message: OutgoingMessage): TelegramSend[] {
  const parts = splitMessage(message.text);
  const leading = parts.slice(0, -1).map((text) => ({ text }));
  return [...leading, ...withKeyboards({ ...message, text: parts.at(-1) ?? message.text })];
}

/** A message of at most Telegram's length with its keyboards (see toTelegramMessages). */
function withKeyboards(message: OutgoingMessage): TelegramSend[] {
  const inline = message.choices?.length
    ? {
        inline_keyboard: message.choices.map((row) =>
          row.map((button) => ({ text: button.label, callback_data: button.id })),
        ),
      }
    : undefined;
  const request = message.request ? requestKeyboard(message) : undefined;
  if (inline && request) {
    return [
      { text: message.text, reply_markup: inline },
      { text: message.requestLabel ?? "👇", reply_markup: request },
    ];
  }
  const markup =
    inline ?? request ?? (message.removeKeyboard ? { remove_keyboard: true as const } : undefined);
  return [{ text: message.text, ...(markup && { reply_markup: markup }) }];
}

function requestKeyboard(message: OutgoingMessage): ReplyKeyboardMarkup {
  const label = message.requestLabel ?? (message.request === "location" ? "📍" : "📞");
  const button =
    message.request === "location"
      ? { text: label, request_location: true }
      : { text: label, request_contact: true };
  return { keyboard: [[button]], resize_keyboard: true, one_time_keyboard: true };
}
