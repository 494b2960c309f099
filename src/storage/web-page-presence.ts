import type { Db } from "./database.ts";

/**
 * When each web chat page last asked for news (GET /chat/messages). A page polls every few
 * seconds while it is open and visible; one that has not asked for a while is gone (closed,
 * or hidden on a phone), and a notice written to its history will not be seen soon.
 */
export interface WebPagePresence {
  /**
   * Records a poll. Writes at most once per `everyMs` per session from this instance: an open
   * page polls every few seconds, and the time it was last seen needs no finer grain.
   */
  polled(sessionId: string, now: Date): Promise<void>;
  /** The session's last recorded poll; null when its page never polled. */
  lastPoll(sessionId: string): Promise<Date | null>;
}

export function createWebPagePresence(db: Db, everyMs = 30_000): WebPagePresence {
  const written = new Map<string, number>();
  return {
    async polled(sessionId, now) {
      const last = written.get(sessionId);
      const t = now.getTime();
      if (last !== undefined && t >= last && t - last < everyMs) return;
      // Plain SQL, the same on SQLite and PostgreSQL: Prisma's upsert is one statement too,
      // but compiled on every call and returning the row; and this one never moves the time
      // back when another instance's write arrives late.
      await db.$executeRaw`
        INSERT INTO "WebPagePresence" ("sessionId", "lastPollAt") VALUES (${sessionId}, ${now})
        ON CONFLICT ("sessionId") DO UPDATE SET "lastPollAt" = excluded."lastPollAt"
        WHERE "WebPagePresence"."lastPollAt" < excluded."lastPollAt"`;
      // Oldest first: a session seen again moves to the end, and the map stays bounded.
      written.delete(sessionId);
      written.set(sessionId, t);
      if (written.size > 10_000) written.delete(written.keys().next().value!);
    },
    async lastPoll(sessionId) {
      const row = await db.webPagePresence.findUnique({ where: { sessionId } });
      return row?.lastPollAt ?? null;
    },
  };
}
