import type { Prisma } from "../generated/sqlite/client.ts";
import type { Db, Tx } from "./database.ts";
import type { AlongsideWrite } from "./dialogue-store.ts";

/** Who wrote an entry: the citizen, the conversation, or a case notification. */
export type WebChatAuthor = "citizen" | "service" | "notice";

/** One entry as stored; `body` is validated by the reader (see the web channel). */
export interface WebChatEntry {
  readonly id: number;
  readonly author: WebChatAuthor;
  readonly eventId: string | null;
  readonly body: unknown;
  readonly createdAt: Date;
}

export interface NewWebChatEntry {
  readonly author: WebChatAuthor;
  readonly body: object;
}

/**
 * The web chat's history per session, the one ordered stream the page polls:
 * what the citizen did, the conversation's replies and case notifications.
 */
export interface WebChatLog {
  /**
   * Appends the entries of one citizen event, unless entries of that event
   * are already there (a retried request): then returns those instead.
   */
  appendTurn(
    sessionId: string,
    eventId: string,
    entries: readonly NewWebChatEntry[],
    now: Date,
  ): Promise<WebChatEntry[]>;
  /**
   * The entries of one conversation turn as a write inside the turn's own transaction
   * (see DialogueStore.save): the log has the turn exactly when the dialogue has it.
   */
  turnWrite(
    sessionId: string,
    eventId: string,
    entries: readonly NewWebChatEntry[],
    now: Date,
  ): AlongsideWrite;
  /** Appends entries that answer no event (notifications). */
  append(sessionId: string, entries: readonly NewWebChatEntry[], now: Date): Promise<void>;
  /** The session's entries after `afterId`, oldest first, at most `limit` (the newest ones). */
  after(sessionId: string, afterId: number, limit: number): Promise<WebChatEntry[]>;
  /** The entries of one event of the session (a retry finds its answer here). */
  ofEvent(sessionId: string, eventId: string): Promise<WebChatEntry[]>;
  /** The session's latest service entries, newest first (to find a pressed button's label). */
  latestReplies(sessionId: string, limit: number): Promise<WebChatEntry[]>;
}

export function createWebChatLog(db: Db): WebChatLog {
  const toEntry = (row: {
    id: number;
    author: string;
    eventId: string | null;
    body: unknown;
    createdAt: Date;
  }): WebChatEntry => ({
    id: row.id,
    author: row.author as WebChatAuthor,
    eventId: row.eventId,
    body: row.body,
    createdAt: row.createdAt,
  });
  // One by one: the ids give the order the page shows.
  const insert = async (
    tx: Tx,
    sessionId: string,
    eventId: string | null,
    entries: readonly NewWebChatEntry[],
    now: Date,
  ) => {
    const created = [];
    for (const entry of entries) {
      created.push(
        await tx.webChatMessage.create({
          data: {
            sessionId,
            eventId,
            author: entry.author,
            body: entry.body as Prisma.InputJsonValue,
            createdAt: now,
          },
        }),
      );
    }
    return created;
  };
  const ofEvent = async (sessionId: string, eventId: string) =>
    (
      await db.webChatMessage.findMany({ where: { sessionId, eventId }, orderBy: { id: "asc" } })
    ).map(toEntry);

  return {
    ofEvent,
    async appendTurn(sessionId, eventId, entries, now) {
      const existing = await ofEvent(sessionId, eventId);
      if (existing.length > 0) return existing;
      const rows = await db.$transaction((tx) => insert(tx, sessionId, eventId, entries, now));
      return rows.map(toEntry);
    },
    turnWrite(sessionId, eventId, entries, now) {
      return async (tx) => {
        await insert(tx, sessionId, eventId, entries, now);
      };
    },
    async append(sessionId, entries, now) {
      await db.$transaction((tx) => insert(tx, sessionId, null, entries, now));
    },
    async after(sessionId, afterId, limit) {
      const rows = await db.webChatMessage.findMany({
        where: { sessionId, id: { gt: afterId } },
        orderBy: { id: "desc" },
        take: limit,
      });
      return rows.reverse().map(toEntry);
    },
    async latestReplies(sessionId, limit) {
      const rows = await db.webChatMessage.findMany({
        where: { sessionId, author: "service" },
        orderBy: { id: "desc" },
        take: limit,
      });
      return rows.map(toEntry);
    },
  };
}
