import type { Channel } from "../generated/sqlite/enums.ts";
import { Prisma } from "../generated/sqlite/client.ts";
import { isUniqueViolation, type Db, type Tx } from "./database.ts";

export interface StoredDialogue {
  /** The state as stored (validated by the caller); null for a new chat. */
  readonly state: unknown;
  readonly version: number;
  /** The last event applied, and the replies and receipt it produced (as stored). */
  readonly lastEventId: string | null;
  readonly lastReplies: unknown;
  readonly lastReceipt: unknown;
}

export interface DialogueTurn {
  readonly state: object;
  readonly eventId: string;
  readonly replies: readonly object[];
  /** The submission receipt when the turn filed a case; null otherwise. */
  readonly receipt: object | null;
}

/**
 * A write another store makes in the same transaction as a turn (the web chat's log of
 * it): the turn is saved with it or not at all.
 */
export type AlongsideWrite = (tx: Tx) => Promise<void>;

/**
 * Dialogue state per chat with optimistic concurrency: a save names the
 * version it read, and fails (returns false, writing nothing) when another
 * instance saved first, so the caller re-reads and handles the event again.
 */
export interface DialogueStore {
  load(channel: Channel, chatId: string): Promise<StoredDialogue>;
  /**
   * Saves the turn, and `alongside` in the same transaction.
   * @throws the database's error when the transaction fails (nothing was written).
   */
  save(
    channel: Channel,
    chatId: string,
    turn: DialogueTurn,
    readVersion: number,
    alongside?: AlongsideWrite,
  ): Promise<boolean>;
}

/** Thrown inside the transaction to roll it back when another instance saved first. */
class StaleVersion extends Error {}

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
            lastReceipt: row.lastReceipt,
          }
        : { state: null, version: 0, lastEventId: null, lastReplies: null, lastReceipt: null };
    },
    async save(channel, chatId, turn, readVersion, alongside) {
      const data = {
        state: turn.state as Prisma.InputJsonValue,
        lastEventId: turn.eventId,
        lastReplies: turn.replies as Prisma.InputJsonValue,
        // Both providers' clients share Prisma's runtime, and so its DbNull.
        lastReceipt:
          turn.receipt === null ? Prisma.DbNull : (turn.receipt as Prisma.InputJsonValue),
      };
      try {
        await db.$transaction(async (tx) => {
          if (readVersion === 0) {
            await tx.dialogueState.create({ data: { channel, chatId, ...data, version: 1 } });
          } else {
            const { count } = await tx.dialogueState.updateMany({
              where: { channel, chatId, version: readVersion },
              data: { ...data, version: readVersion + 1 },
            });
            if (count !== 1) throw new StaleVersion();
          }
          await alongside?.(tx);
        });
        return true;
      } catch (error) {
        if (error instanceof StaleVersion) return false;
        if (readVersion === 0 && isUniqueViolation(error)) return false;
        throw error;
      }
    },
  };
}
