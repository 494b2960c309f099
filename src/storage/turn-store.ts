/**
 * The storage of a conversation turn: the chat's dialogue read once before the turn, and
 * what the turn changed written in one transaction. Every citizen message of every channel
 * passes here, so the statements are few and written as SQL (each of Prisma's own queries
 * costs several times a plain statement's CPU: bench/README.md, "A turn, profiled").
 */
import type { Channel } from "../generated/sqlite/enums.ts";
import { awaitedReplyOf, awaitedReplyKey, type AwaitedReply } from "./awaited-replies.ts";
import { Prisma } from "../generated/sqlite/client.ts";
import { isUniqueViolation, type Db } from "./database.ts";
import { createIdentity, touchKnownIdentity } from "./identity-store.ts";
import { plainSqlOf, type PlainStatements } from "./plain-sql.ts";
import { insertChatEntries, type NewWebChatEntry, type WebChatEntry } from "./web-chat-log.ts";

export interface StoredDialogue {
  /** The state as stored (validated by the caller); null for a new chat. */
  readonly state: unknown;
  readonly version: number;
  /** The last event applied, and the replies and receipt it produced (as stored). */
  readonly lastEventId: string | null;
  readonly lastReplies: unknown;
  readonly lastReceipt: unknown;
}

/** The dialogue of a chat, with the reply awaited there from one person (see AwaitedReplies). */
export interface LoadedTurn {
  readonly dialogue: StoredDialogue;
  /** The open question, when one was asked for (`awaitedFrom`); null otherwise. */
  readonly awaited: AwaitedReply | null;
  /**
   * Whether the web chat log has entries of the event asked about (`loggedEvent`): a retried
   * request, answered from the log. False when not asked.
   */
  readonly logged: boolean;
}

export interface DialogueTurn {
  readonly state: object;
  readonly eventId: string;
  readonly replies: readonly object[];
  /** The submission receipt when the turn filed a case; null otherwise. */
  readonly receipt: object | null;
}

/** Whose awaited reply to read with the dialogue, and the time that decides whether it expired. */
export interface AwaitedFrom {
  readonly chatId: string;
  readonly userId: string;
  readonly now: Date;
}

/** One turn to save. */
export interface TurnWrite {
  readonly channel: Channel;
  readonly chatId: string;
  /** The citizen's id on the channel: their identity is touched, or created on first contact. */
  readonly externalId: string;
  readonly now: Date;
  /** The dialogue's version the turn was computed from. */
  readonly readVersion: number;
  readonly dialogue: DialogueTurn;
  /** The web chat's entries of the turn (its session is the chat), logged with it. */
  readonly logEntries?: readonly NewWebChatEntry[];
}

/** A saved turn: the chat log's entries it wrote, in order. */
export interface SavedTurn {
  readonly logged: readonly WebChatEntry[];
}

/**
 * Dialogue state per chat with optimistic concurrency: a save names the version it read and
 * writes nothing when another instance saved first, so the caller reads again and handles
 * the event again.
 */
export interface TurnStore {
  /**
   * The chat's dialogue (a new chat's: version 0, no state), with `awaitedFrom` the reply
   * awaited in the chat (see AwaitedReplies), and with `loggedEvent` whether the web chat log
   * (the chat being the session) has that event's entries, read in one statement.
   */
  load(
    channel: Channel,
    chatId: string,
    awaitedFrom?: AwaitedFrom,
    loggedEvent?: string,
  ): Promise<LoadedTurn>;
  /**
   * Saves the turn in one transaction: the citizen's identity (their chat and the time of
   * their message; created with its citizen on first contact), the dialogue at
   * `readVersion + 1` with the turn's event, replies and receipt, and the chat log's entries.
   * Returns null, having written nothing, when another instance saved the chat (or created
   * the identity) first.
   * @throws the database's error when the transaction fails (nothing was written).
   */
  save(turn: TurnWrite): Promise<SavedTurn | null>;
}

/** Thrown inside the transaction to roll it back when another instance wrote first. */
class WrittenElsewhere extends Error {}

interface DialogueRow {
  /** Null when only the log was read (no dialogue row matched). */
  chatId: string | null;
  state: unknown;
  version: number | bigint;
  lastEventId: string | null;
  lastReplies: unknown;
  lastReceipt: unknown;
  logged?: number | bigint | boolean;
}

const NEW_CHAT: StoredDialogue = {
  state: null,
  version: 0,
  lastEventId: null,
  lastReplies: null,
  lastReceipt: null,
};

export function createTurnStore(db: Db): TurnStore {
  const sql = plainSqlOf(db);
  return {
    async load(channel, chatId, awaitedFrom, loggedEvent) {
      const awaitedKey = awaitedFrom
        ? awaitedReplyKey(awaitedFrom.chatId, awaitedFrom.userId)
        : null;
      const keys = Prisma.sql`"channel" = ${channel} AND "chatId" IN (${chatId}, ${awaitedKey ?? chatId})`;
      // With the log asked about, one row at least: the log's answer joined to the dialogues.
      const rows = await sql.query<DialogueRow>(
        loggedEvent === undefined
          ? Prisma.sql`
              SELECT "chatId", "state", "version", "lastEventId", "lastReplies", "lastReceipt"
              FROM "DialogueState" WHERE ${keys}`
          : Prisma.sql`
              SELECT d."chatId", d."state", d."version", d."lastEventId", d."lastReplies",
                     d."lastReceipt", e."logged"
              FROM (SELECT EXISTS (
                      SELECT 1 FROM "WebChatMessage"
                      WHERE "sessionId" = ${chatId} AND "eventId" = ${loggedEvent}) AS "logged") e
              LEFT JOIN "DialogueState" d ON ${keys}`,
      );
      const own = rows.find((row) => row.chatId === chatId);
      const asked = awaitedKey ? rows.find((row) => row.chatId === awaitedKey) : undefined;
      return {
        dialogue: own
          ? {
              state: own.state,
              version: Number(own.version),
              lastEventId: own.lastEventId,
              lastReplies: own.lastReplies,
              lastReceipt: own.lastReceipt,
            }
          : NEW_CHAT,
        awaited: asked && awaitedFrom ? awaitedReplyOf(asked.state, awaitedFrom.now) : null,
        // SQLite answers EXISTS with 0 or 1, PostgreSQL with a boolean.
        logged: Number(rows[0]?.logged ?? 0) === 1,
      };
    },

    async save(turn) {
      try {
        // Committed with the other chats' turns and inbox writes of the moment (plain-sql.ts).
        return await sql.sharingCommits.transaction((tx) => writeTurn(tx, turn));
      } catch (error) {
        if (error instanceof WrittenElsewhere || isUniqueViolation(error)) return null;
        throw error;
      }
    },
  };
}

/**
 * Writes the turn with `tx`, inside its transaction: the dialogue, the identity touched
 * (created with its citizen on first contact) and the chat log's entries.
 */
async function writeTurn(tx: PlainStatements, turn: TurnWrite): Promise<SavedTurn> {
  const { channel, externalId, chatId, now } = turn;
  if (!(await writeDialogue(tx, turn))) throw new WrittenElsewhere();
  if (!(await touchKnownIdentity(tx, channel, externalId, chatId, now)))
    await createIdentity(tx, channel, externalId, chatId, now);
  const logged = turn.logEntries
    ? await insertChatEntries(tx, turn.chatId, turn.dialogue.eventId, turn.logEntries, turn.now)
    : [];
  return { logged };
}

/** Writes the dialogue at the next version; false when another instance saved it first. */
async function writeDialogue(tx: PlainStatements, turn: TurnWrite): Promise<boolean> {
  const { channel, chatId, dialogue, now, readVersion } = turn;
  const replies = JSON.stringify(dialogue.replies);
  const receipt = dialogue.receipt === null ? null : JSON.stringify(dialogue.receipt);
  const state = JSON.stringify(dialogue.state);
  const count =
    readVersion === 0
      ? await tx.execute(Prisma.sql`
          INSERT INTO "DialogueState"
            ("channel", "chatId", "state", "version", "lastEventId", "lastReplies", "lastReceipt", "updatedAt")
          VALUES (${channel}, ${chatId}, ${state}, 1, ${dialogue.eventId}, ${replies}, ${receipt}, ${now})
          ON CONFLICT ("channel", "chatId") DO NOTHING`)
      : await tx.execute(Prisma.sql`
          UPDATE "DialogueState"
          SET "state" = ${state}, "version" = ${readVersion + 1}, "lastEventId" = ${dialogue.eventId},
              "lastReplies" = ${replies}, "lastReceipt" = ${receipt}, "updatedAt" = ${now}
          WHERE "channel" = ${channel} AND "chatId" = ${chatId} AND "version" = ${readVersion}`);
  return count === 1;
}
