import type { Channel } from "../generated/sqlite/enums.ts";
import type { Prisma } from "../generated/sqlite/client.ts";
import { isUniqueViolation, type Db } from "./database.ts";

export interface StoredDialogue {
  /** The state as stored (validated by the caller); null for a new chat. */
  readonly state: unknown;
  readonly version: number;
  /** The last event applied, and the replies it produced (as stored). */
  readonly lastEventId: string | null;
  readonly lastReplies: unknown;
}

export interface DialogueTurn {
  readonly state: object;
  readonly eventId: string;
  readonly replies: readonly object[];
}

/**
 * Dialogue state per chat with optimistic concurrency: a save names the
 * version it read, and fails (returns false) when another instance saved
 * first, so the caller re-reads and handles the event again.
 */
export interface DialogueStore {
  load(channel: Channel, chatId: string): Promise<StoredDialogue>;
  save(channel: Channel, chatId: string, turn: DialogueTurn, readVersion: number): Promise<boolean>;
}

export function createDialogueStore(db: Db): DialogueStore {
  return {
    async load(channel, chatId) {
      const row = await db.dialogueState.findUnique({
        where: { channel_chatId: { channel, chatId } },
      });
      return row
        ? {
            state: row.state,
            version: row.version,
            lastEventId: row.lastEventId,
            lastReplies: row.lastReplies,
          }
        : { state: null, version: 0, lastEventId: null, lastReplies: null };
    },
    async save(channel, chatId, turn, readVersion) {
      const data = {
        state: turn.state as Prisma.InputJsonValue,
        lastEventId: turn.eventId,
        lastReplies: turn.replies as Prisma.InputJsonValue,
      };
      if (readVersion === 0) {
        try {
          await db.dialogueState.create({ data: { channel, chatId, ...data, version: 1 } });
          return true;
        } catch (error) {
          if (isUniqueViolation(error)) return false;
          throw error;
        }
      }
      const { count } = await db.dialogueState.updateMany({
        where: { channel, chatId, version: readVersion },
        data: { ...data, version: readVersion + 1 },
      });
      return count === 1;
    },
  };
}
