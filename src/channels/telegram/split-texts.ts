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
   * Whether a text (sent at `date`, seconds since the epoch) continues a text of the same chat
   * that the app cut at the limit; remembers it as such a text when it is one itself.
   */
  continuesSplitText(chatId: string, text: string, date: number): boolean;
}

/** The parts last seen per chat, kept in memory: one instance handles a chat's updates in order. */
export function createSplitTexts(): SplitTexts {
  const lastCutAt = new Map<string, number>();
  return {
    continuesSplitText(chatId, text, date) {
      const cutAt = lastCutAt.get(chatId);
      lastCutAt.delete(chatId);
      const continues = cutAt !== undefined && date - cutAt <= CONTINUATION_SECONDS;
      // A middle part is cut again; the last part, shorter, ends the message.
      if (text.length >= SPLIT_PART_MIN_UNITS) {
        lastCutAt.set(chatId, date);
        if (lastCutAt.size > MOST_CHATS) lastCutAt.delete(lastCutAt.keys().next().value!);
      }
      return continues;
    },
  };
}
