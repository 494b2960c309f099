/**
 * A text too long for one Telegram message: the citizen's app splits it into messages of at
 * most 4,096 characters (UTF-16 code units; the app cuts at a line break or space near the
 * limit) sent one after another, a second or so apart. The conversation sees the first part,
 * which is always over the description limit (2,000 characters), and refuses it saying what to
 * do; the parts after it are the same message, so they are not taken on their own — as a
 * description "而且…" would be a fragment of the story, never the story.
 *
 * Decision: the story is not kept in part. A cut-off story sent to a unit would read as the
 * whole; the citizen, told the limit once, sends the heart of it (and adds the rest later).
 */

/** The longest text Telegram delivers in one message. */
export const TELEGRAM_TEXT_LIMIT = 4096;
/** A part this long was cut by the app: the next text may continue it. */
const SPLIT_PART_MIN_UNITS = TELEGRAM_TEXT_LIMIT - 200;
/** Seconds within which the app's next part arrives (Telegram's message dates, in seconds). */
const CONTINUATION_SECONDS = 5;
/** Chats remembered at most (a split part is rare; the oldest is forgotten first). */
const MOST_CHATS = 1000;

export interface SplitTexts {
  /**
   * Whether a text message continues a text of the same chat that the app cut at the limit;
   * remembers it as such a text when it is one itself. The same message seen again (a turn
   * tried again after a failure) continues nothing: only a later message of the chat can.
   */
  continuesSplitText(chatId: string, message: SentText): boolean;
}

/** Of a text message, what tells a part of a split one: Telegram's fields of that name. */
export interface SentText {
  readonly message_id: number;
  /** When it was sent, in seconds since the epoch. */
  readonly date: number;
  readonly text: string;
}

/** The parts last seen per chat, kept in memory: one instance handles a chat's updates in order. */
export function createSplitTexts(): SplitTexts {
  /** Per chat, the last part cut at the limit (not its words: only which message and when). */
  const lastCut = new Map<string, Pick<SentText, "message_id" | "date">>();
  return {
    continuesSplitText(chatId, message) {
      const cut = lastCut.get(chatId);
      lastCut.delete(chatId);
      const continues =
        cut !== undefined &&
        message.message_id > cut.message_id &&
        message.date - cut.date <= CONTINUATION_SECONDS;
      // A middle part is cut again; the last part, shorter, ends the message.
      if (message.text.length >= SPLIT_PART_MIN_UNITS) {
        lastCut.set(chatId, { message_id: message.message_id, date: message.date });
        if (lastCut.size > MOST_CHATS) lastCut.delete(lastCut.keys().next().value!);
      }
      return continues;
    },
  };
}
