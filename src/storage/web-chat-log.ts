import type { Prisma } from "../generated/sqlite/client.ts";
import type { Db } from "./database.ts";

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
  const ofEvent = async (sessionId: string, eventId: string) =>
    (
      await db.webChatMessage.findMany({ where: { sessionId, eventId }, orderBy: { id: "asc" } })
    ).map(toEntry);

  return {
    ofEvent,
    async appendTurn(sessionId, eventId, entries, now) {
      const existing = await ofEvent(sessionId, eventId);
      if (existing.length > 0) return existing;
      // One by one, in a transaction: the ids give the order the page shows.
      const rows = await db.$transaction(async (tx) => {
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
      });
      return rows.map(toEntry);
    },
    async append(sessionId, entries, now) {
      await db.$transaction(async (tx) => {
        for (const entry of entries) {
          await tx.webChatMessage.create({
            data: {
              sessionId,
              author: entry.author,
              body: entry.body as Prisma.InputJsonValue,
              createdAt: now,
            },
          });
        }
      });
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
