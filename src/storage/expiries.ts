import { rm } from "node:fs/promises";
import { Prisma } from "../generated/sqlite/client.ts";
import { forgetDraft } from "../domain/intake/forget-draft.ts";
import { DAY_MS } from "../domain/shanghai-time.ts";
import type { Db } from "./database.ts";
import { GUESS_WINDOW_MS } from "./guess-counter.ts";
import { keptFilePath } from "./kept-files.ts";
import { plainSqlOf } from "./plain-sql.ts";
import { inBatches, type Expiry } from "./retention.ts";
import {
  lookSinceMark,
  silenceMark,
  type LookPage,
  type LookPosition,
  type SilenceMark,
} from "./silence-marks.ts";

/**
 * An expiry of the rows of `table` that `condition` (at the run's `now`) holds for, removed in
 * batches by `key` (its columns: `"id"`, or `"channel", "chatId"`). One statement a batch, so
 * the condition is checked as the rows go: a row written to again since (a poll, a turn) stays.
 */
function rowExpiry(
  db: Db,
  kind: string,
  { table, key }: { table: string; key: string },
  condition: (now: Date) => Prisma.Sql,
): Expiry {
  const [from, keyed] = [Prisma.raw(`"${table}"`), Prisma.raw(key)];
  return {
    kind,
    remove: (now, most) =>
      inBatches(most, (take) =>
        db.$executeRaw(Prisma.sql`DELETE FROM ${from} WHERE (${keyed}) IN (
          SELECT ${keyed} FROM ${from} WHERE ${condition(now)} LIMIT ${take})`),
      ),
  };
}

/**
 * A phone's sign-in code serves until it expires, and its row then counts against the phone's
 * codes of the day: removed a day after it expired, used or not.
 */
function signInCodeExpiry(db: Db): Expiry {
  return rowExpiry(
    db,
    "expired sign-in codes",
    { table: "PhoneSignInCode", key: `"id"` },
    (now) => Prisma.sql`"expiresAt" < ${ago(now, DAY_MS)}`,
  );
}

/**
 * A count of wrong guesses whose window is over starts again at one (recordFailure): a counter
 * not blocked past its window is as good as none, and is removed.
 */
function guessCounterExpiry(db: Db): Expiry {
  return rowExpiry(
    db,
    "stale guess counters",
    { table: "GuessCounter", key: `"key"` },
    (now) => Prisma.sql`"since" < ${ago(now, GUESS_WINDOW_MS)}
      AND ("blockedUntil" IS NULL OR "blockedUntil" <= ${now})`,
  );
}

/**
 * When a web page last polled, kept `keepMs` (CHAT_KEEP_DAYS) — and until the web sessions'
 * look (`webLook`) has read it: a poll is a session's activity, which that look reads here.
 */
function pagePresenceExpiry(db: Db, keepMs: number, webLook: SilenceMark): Expiry {
  const kind = "web page presences";
  return {
    kind,
    remove: async (now, most) => {
      const before = lookedUpTo(ago(now, keepMs), await webLook.read());
      const presences = rowExpiry(
        db,
        kind,
        { table: "WebPagePresence", key: `"sessionId"` },
        () => Prisma.sql`"lastPollAt" < ${before}`,
      );
      return presences.remove(now, most);
    },
  };
}

/**
 * A conversation silent for `keepMs` (CHAT_KEEP_DAYS) of a citizen who has filed no case is
 * forgotten: an unfinished draft's words and contact, and its last event, which no channel
 * delivers again that late. Every turn writes `updatedAt` from the service's clock
 * (turn-store.ts), so the silence is measured on the clock the conversation runs on. The
 * conversation of a citizen with a case forgets its draft alone, and its last event and
 * replies: the domain says what it keeps (forgetDraft: its count of drafts names each
 * submission, `<citizen>#<draft>`, the submitter's idempotency key, and a count started again
 * would take their next complaint for one filed before). Kept as they are: a state this
 * version does not read, and a row that is no citizen's own chat (a group chat, a question
 * awaited in a chat).
 *
 * Each run reads only the conversations that went silent since the last run's cutoff (`mark`):
 * one kept is read again only once it has spoken and gone silent again. It looks no further
 * than the web sessions' look (`webLook`) has: a web conversation's silence is also its
 * session's, which that look reads on this row.
 */
function dialogueExpiry(db: Db, keepMs: number, webLook: SilenceMark): Expiry {
  const sql = plainSqlOf(db);
  const key = Prisma.sql`(CAST("channel" AS TEXT) || ' ' || "chatId")`;
  const next: LookPage = (after, before, take) =>
    positions(
      sql.query(Prisma.sql`SELECT ${key} AS "key", "updatedAt" AS "at" FROM "DialogueState"
        WHERE ${inWindow(Prisma.sql`"updatedAt"`, key, after, before)}
        ORDER BY "updatedAt", ${key} LIMIT ${take}`),
    );
  /** The page's rows still silent whose chat is a citizen's with (`has`) or without a case. */
  const silentOf = (page: readonly LookPosition[], before: Date, has: "with" | "without") =>
    Prisma.sql`"updatedAt" >= ${page[0]!.at} AND "updatedAt" < ${before}
      AND ${key} IN (${Prisma.join(page.map((row) => row.key))})
      AND EXISTS (SELECT 1 FROM "ChannelIdentity" i
        WHERE i."channel" = "DialogueState"."channel" AND i."externalId" = "DialogueState"."chatId"
          AND ${Prisma.raw(has === "with" ? "" : "NOT")} EXISTS (
            SELECT 1 FROM "Case" c WHERE c."citizenId" = i."citizenId"))`;
  /**
   * Each kept dialogue's draft forgotten, its row written only if it is still as read and
   * silent. Its version stays: a turn computed from the draft as the citizen spoke (they are
   * silent no more) still saves, and their draft goes on.
   */
  const forgetDrafts = async (page: readonly LookPosition[], before: Date) => {
    const kept = await sql.query<{
      channel: string;
      chatId: string;
      state: unknown;
      version: unknown;
    }>(
      Prisma.sql`SELECT "channel", "chatId", "state", "version" FROM "DialogueState"
        WHERE ${silentOf(page, before, "with")}`,
    );
    let forgotten = 0;
    for (const row of kept) {
      const state = forgetDraft(row.state);
      if (!state) continue;
      forgotten += await sql.execute(Prisma.sql`UPDATE "DialogueState"
        SET "state" = ${JSON.stringify(state)}, "lastEventId" = NULL, "lastReplies" = NULL,
          "lastReceipt" = NULL
        WHERE "channel" = ${row.channel} AND "chatId" = ${row.chatId}
          AND "version" = ${Number(row.version)} AND "updatedAt" < ${before}`);
    }
    return forgotten;
  };
  const forgetSilent = (before: Date) => async (page: readonly LookPosition[]) => {
    const removed = await sql.execute(
      Prisma.sql`DELETE FROM "DialogueState" WHERE ${silentOf(page, before, "without")}`,
    );
    return removed + (await forgetDrafts(page, before));
  };
  const mark = silenceMark(db, "retention:silent-conversations");
  return {
    kind: "silent conversations",
    remove: async (now, most) => {
      const before = lookedUpTo(ago(now, keepMs), await webLook.read());
      return lookSinceMark(mark, before, most, next, forgetSilent(before));
    },
  };
}

/** Whether the web session `session` (an SQL expression) filed or joined (附议) a case. */
const hasCases = (session: Prisma.Sql) => Prisma.sql`EXISTS (
  SELECT 1 FROM "ChannelIdentity" i
  WHERE i."channel" = 'web' AND i."externalId" = ${session}
    AND (EXISTS (SELECT 1 FROM "Case" c WHERE c."citizenId" = i."citizenId")
      OR EXISTS (SELECT 1 FROM "CaseSupporter" s WHERE s."identityId" = i."id")))`;

/** Whether the kept file `upload` (a WebUpload row's alias) is a case's photo or recording. */
const isCaseFile = (upload: string) => Prisma.sql`EXISTS (SELECT 1 FROM "Attachment" a
  WHERE a."storagePath" = ${Prisma.raw(`${upload}."storagePath"`)})`;

/**
 * Whether the web session `session` (an SQL expression) said, sent, polled and drafted nothing
 * since `since`, and has no case: it may be forgotten.
 */
const isForgettable = (session: Prisma.Sql, since: Date) => Prisma.sql`
  NOT EXISTS (SELECT 1 FROM "WebChatMessage" n
    WHERE n."sessionId" = ${session} AND n."createdAt" >= ${since})
  AND NOT EXISTS (SELECT 1 FROM "WebUpload" n
    WHERE n."sessionId" = ${session} AND n."createdAt" >= ${since})
  AND NOT EXISTS (SELECT 1 FROM "WebPagePresence" n
    WHERE n."sessionId" = ${session} AND n."lastPollAt" >= ${since})
  AND NOT EXISTS (SELECT 1 FROM "DialogueState" n
    WHERE n."channel" = 'web' AND n."chatId" = ${session} AND n."updatedAt" >= ${since})
  AND NOT ${hasCases(session)}`;

/** A row of a web session's activity in a look, and whether the session may be forgotten. */
interface SessionActivity extends LookPosition {
  readonly forgettable: boolean;
}

/**
 * The web chat of a session that filed nothing serves only while the citizen may come back to
 * it: silent for `keepMs` (CHAT_KEEP_DAYS), its log and its kept files (photos, recordings: rows
 * and files under `dataDir`) are removed. A session that filed or joined a case keeps its log
 * (the citizen reads their conversation there), and a file that is a case's is never removed.
 * Files of other channels' citizens (`wecom:…`) are theirs and not looked at. A session's
 * rows go with it, so a run may remove a few more than `most`. A row goes before its file: a
 * crash between the two leaves a file nothing points to, never a case photo without its file.
 */
function silentWebSessionExpiry(
  db: Db,
  dataDir: string,
  keepMs: number,
  look: SilenceMark,
): Expiry {
  const sql = plainSqlOf(db);

  /** Each source of a session's activity: its rows in the window, in the look's order. */
  const activity = (from: string, time: string, session: string, where = Prisma.empty) => {
    const [at, key] = [Prisma.raw(`"${time}"`), Prisma.raw(`"${session}"`)];
    return (after: LookPosition, before: Date, take: number) => Prisma.sql`
      SELECT * FROM (SELECT ${key} AS "key", ${at} AS "at" FROM ${Prisma.raw(`"${from}"`)}
        WHERE ${inWindow(at, key, after, before)} ${where}
        ORDER BY ${at}, ${key} LIMIT ${take}) ${Prisma.raw(from[0]!)}`;
  };
  const sources = [
    activity("WebChatMessage", "createdAt", "sessionId"),
    activity("WebUpload", "createdAt", "sessionId", Prisma.sql`AND "sessionId" NOT LIKE '%:%'`),
    activity("WebPagePresence", "lastPollAt", "sessionId"),
    activity("DialogueState", "updatedAt", "chatId", Prisma.sql`AND "channel" = 'web'`),
  ];
  /** The window's rows in order, each with whether its session may be forgotten now. */
  const next =
    (since: Date): LookPage<SessionActivity> =>
    async (after, before, take) => {
      const rows = await sql.query<{ key: string; at: Date | string; forgettable: unknown }>(
        Prisma.sql`SELECT "key", "at",
            CASE WHEN ${isForgettable(Prisma.sql`s."key"`, since)} THEN 1 ELSE 0 END AS "forgettable"
          FROM (SELECT "key", "at" FROM (${Prisma.join(
            sources.map((source) => source(after, before, take)),
            " UNION ALL ",
          )}) a ORDER BY "at", "key" LIMIT ${take}) s
          ORDER BY "at", "key"`,
      );
      return rows.map((row) => ({
        key: row.key,
        at: new Date(row.at),
        forgettable: Number(row.forgettable) === 1,
      }));
    };

  async function forget(sessionId: string, since: Date): Promise<number> {
    const forgettable = isForgettable(Prisma.sql`${sessionId}`, since);
    const files = await sql.query<{ storagePath: string }>(Prisma.sql`
      DELETE FROM "WebUpload" WHERE "sessionId" = ${sessionId}
        AND NOT ${isCaseFile(`"WebUpload"`)} AND ${forgettable}
      RETURNING "storagePath"`);
    for (const { storagePath } of files)
      await rm(keptFilePath(dataDir, storagePath), { force: true });
    const messages = await inBatches(Infinity, (take) =>
      sql.execute(Prisma.sql`
        DELETE FROM "WebChatMessage" WHERE "id" IN (
          SELECT "id" FROM "WebChatMessage" WHERE "sessionId" = ${sessionId} LIMIT ${take})
        AND ${forgettable}`),
    );
    return files.length + messages;
  }

  const forgetSilent = (since: Date) => async (page: readonly SessionActivity[]) => {
    let removed = 0;
    const silent = page.filter((row) => row.forgettable).map((row) => row.key);
    for (const sessionId of new Set(silent)) removed += await forget(sessionId, since);
    return removed;
  };
  return {
    kind: "silent web chat sessions' messages and files",
    remove: (now, most) => {
      const since = ago(now, keepMs);
      return lookSinceMark(look, since, most, next(since), forgetSilent(since));
    },
  };
}

/**
 * Every expiry but the inbox's (inbox-retention.ts): sign-in codes, guess counters, and, silent
 * for `chatKeepMs` (CHAT_KEEP_DAYS), web page presences, conversations and web chat sessions
 * that filed nothing (their kept files under `dataDir`).
 */
export function serviceExpiries(db: Db, dataDir: string, chatKeepMs: number): Expiry[] {
  const webLook = silenceMark(db, "retention:silent-web-sessions");
  return [
    signInCodeExpiry(db),
    guessCounterExpiry(db),
    // First, as the presences and conversations wait for it to have read them.
    silentWebSessionExpiry(db, dataDir, chatKeepMs, webLook),
    pagePresenceExpiry(db, chatKeepMs, webLook),
    dialogueExpiry(db, chatKeepMs, webLook),
  ];
}

const ago = (now: Date, ms: number) => new Date(now.getTime() - ms);

/** The earlier of `cutoff` and where `look` stands (none yet: before every row). */
const lookedUpTo = (cutoff: Date, look: LookPosition | null) =>
  !look ? new Date(0) : look.at < cutoff ? look.at : cutoff;

/**
 * Whether a row, at `time` with `key` (SQL expressions), is in a look's window: after `after`
 * and before `before`. The plain range on `time` lets its index find the rows.
 */
const inWindow = (time: Prisma.Sql, key: Prisma.Sql, after: LookPosition, before: Date) =>
  Prisma.sql`${time} >= ${after.at} AND ${time} < ${before}
    AND (${time} > ${after.at} OR ${key} > ${after.key})`;

/** A look's rows as positions. */
async function positions(rows: Promise<{ key: string; at: Date | string }[]>) {
  return (await rows).map((row): LookPosition => ({ key: row.key, at: new Date(row.at) }));
}
