import type { Context } from "grammy";
import type { OutgoingMessage } from "../../domain/intake/replies.ts";
import type { LoadedTurn } from "../../storage/turn-store.ts";

/**
 * The context of every update: in a private chat, `citizenTurn` reads the chat's dialogue
 * and the reply awaited there from the sender (AwaitedReplies) in one statement, at most
 * once per update. The staff side asks it for an awaited reason or answer and the citizen
 * conversation for the dialogue, so a citizen's message costs one read, not two.
 */
export interface TurnContext extends Context {
  citizenTurn?: () => Promise<LoadedTurn>;
  /**
   * Set by the staff side when a citizen's text was kept as a rating's reason and reads as a
   * new matter: the conversation gets it as a `new_matter` event instead of the text.
   */
  newMatter?: string;
  /**
   * Set by the staff side when a citizen's photo comes where a rating question is open: the
   * conversation keeps the picture and hands it (with its caption) here instead of taking a
   * turn, then sends the answer and records it as the update's, as a turn's.
   */
  ratingPhoto?: (photoId: string, caption: string | null) => Promise<readonly OutgoingMessage[]>;
}
