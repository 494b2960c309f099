import { Prisma } from "../generated/sqlite/client.ts";
import type { Db } from "./database.ts";
import { plainSqlOf, type PlainStatements } from "./plain-sql.ts";

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
  const sql = plainSqlOf(db);
  // Every event of the page is looked up here first (a retried request): one plain statement.
  const ofEvent = async (sessionId: string, eventId: string) =>
    (
      await sql.query<EntryRow>(Prisma.sql`
        SELECT "id", "author", "eventId", "body", "createdAt" FROM "WebChatMessage"
        WHERE "sessionId" = ${sessionId} AND "eventId" = ${eventId}
        ORDER BY "id"`)
    ).map(toEntry);

  return {
    ofEvent,
    async appendTurn(sessionId, eventId, entries, now) {
      const existing = await ofEvent(sessionId, eventId);
      if (existing.length > 0) return existing;
      return insertChatEntries(sql, sessionId, eventId, entries, now);
    },
    async append(sessionId, entries, now) {
      await insertChatEntries(sql, sessionId, null, entries, now);
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

interface EntryRow {
  id: number | bigint;
  author: string;
  eventId: string | null;
  body: unknown;
  createdAt: Date;
}

function toEntry(row: EntryRow): WebChatEntry {
  return {
    id: Number(row.id),
    author: row.author as WebChatAuthor,
    eventId: row.eventId,
    body: row.body,
    createdAt: row.createdAt,
  };
}

/**
 * Appends entries in one statement (inside a turn's transaction too, see turn-store.ts);
 * their ids follow their order, which is the order the page shows.
 */
export async function insertChatEntries(
  statements: PlainStatements,
  sessionId: string,
  eventId: string | null,
  entries: readonly NewWebChatEntry[],
  now: Date,
): Promise<WebChatEntry[]> {
  if (entries.length === 0) return [];
  const values = entries.map(
    (entry) =>
      Prisma.sql`(${sessionId}, ${entry.author}, ${eventId}, ${JSON.stringify(entry.body)}, ${now})`,
  );
  const rows = await statements.query<{ id: number | bigint }>(Prisma.sql`
    INSERT INTO "WebChatMessage" ("sessionId", "author", "eventId", "body", "createdAt")
    VALUES ${Prisma.join(values)}
    RETURNING "id"`);
  const ids = rows.map((row) => Number(row.id)).sort((a, b) => a - b);
  return entries.map((entry, i) => ({
    id: ids[i]!,
    author: entry.author,
    eventId,
    body: entry.body,
    createdAt: now,
  }));
}
