import { rm } from "node:fs/promises";
import { Prisma } from "../generated/sqlite/client.ts";
import { forgetDraft } from "../domain/intake/forget-draft.ts";
import { DAY_MS } from "../domain/shanghai-time.ts";
import type { Db } from "./database.ts";
import { GUESS_WINDOW_MS } from "./guess-counter.ts";
import { keptFilePath } from "./kept-files.ts";
import { plainSqlOf, planOf } from "./plain-sql.ts";
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
 * When a web page last polled, kept `keepMs` (CHAT_KEEP_DAYS) — and until the `looks` (the web
 * sessions' and the identities') have read it: a poll is a session's activity, which they read
 * here.
 */
function pagePresenceExpiry(db: Db, keepMs: number, looks: readonly SilenceMark[]): Expiry {
  const kind = "web page presences";
  return {
    kind,
    remove: async (now, most) => {
      let before = ago(now, keepMs);
      for (const look of looks) before = lookedUpTo(before, await look.read());
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
function dialogueExpiry(
  db: Db,
  keepMs: number,
  { webLook, mark }: { webLook: SilenceMark; mark: SilenceMark },
): Expiry {
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
 * Whether the channel identity `i` (an alias) may be forgotten, silent since `since`: nothing
 * of its chat is left or has happened since. Every table that references a chat, decided:
 * - Case (identityId, and citizenId below) and CaseSupporter (附议): a citizen who filed or
 *   joined is reached there for the case's life; kept. A Rating, ReviewRequest,
 *   AnswerTranslation or case notice belongs to a case, so to such a citizen.
 * - DialogueState of the chat (`chatId` = `externalId`, as the conversations' look reads it):
 *   a conversation not yet forgotten. Its look removes it first (then this one may go); a row
 *   the look keeps (a state this version cannot read) keeps the identity too.
 * - The web session's log (WebChatMessage) and kept files (WebUpload; a WeCom citizen's are
 *   `wecom:<externalId>` and are never removed, so they keep their owner's identity). A page
 *   that polled since `since` (WebPagePresence) keeps the log (the web sessions' look), so
 *   the identity too; the presence itself is no reference and is removed on its own.
 * - OutboxMessage pending or held for the chat (`recipient`): a notice still to deliver reads
 *   the identity (its language, WeCom's window); one sent or failed is the outbox's history.
 * - Sign-ins: a phone's codes (PhoneSignInCode) are keyed by the phone, never a citizen; staff
 *   (StaffMember, StaffSession) are not citizens. Neither references these rows.
 */
const isForgettableIdentity = (i: string, since: Date) => {
  const [row, isWeb] = [Prisma.raw(i), Prisma.raw(`${i}."channel" = 'web'`)];
  return Prisma.sql`COALESCE(${row}."lastInboundAt", ${row}."createdAt") < ${since}
    AND NOT EXISTS (SELECT 1 FROM "Case" c WHERE c."identityId" = ${row}."id")
    AND NOT EXISTS (SELECT 1 FROM "CaseSupporter" s WHERE s."identityId" = ${row}."id")
    AND NOT EXISTS (SELECT 1 FROM "DialogueState" d
      WHERE d."channel" = ${row}."channel" AND d."chatId" = ${row}."externalId")
    AND NOT EXISTS (SELECT 1 FROM "OutboxMessage" o
      WHERE o."channel" = ${row}."channel" AND o."recipient" IN (${row}."externalId", ${row}."chatId")
        AND o."status" IN ('pending', 'held'))
    AND NOT EXISTS (SELECT 1 FROM "WebUpload" u WHERE u."sessionId" = CASE WHEN ${isWeb}
      THEN ${row}."externalId" ELSE CAST(${row}."channel" AS TEXT) || ':' || ${row}."externalId" END)
    AND NOT (${isWeb} AND EXISTS (SELECT 1 FROM "WebChatMessage" m
      WHERE m."sessionId" = ${row}."externalId"))`;
};

/**
 * Whether the citizen `citizen` (an SQL expression) may be forgotten: no case of theirs, and
 * every identity of theirs forgettable (a case or a chat through one keeps them all: their
 * cases are listed through any of them).
 */
const isForgettableCitizen = (citizen: Prisma.Sql, since: Date) => Prisma.sql`
  NOT EXISTS (SELECT 1 FROM "Case" k WHERE k."citizenId" = ${citizen})
  AND NOT EXISTS (SELECT 1 FROM "ChannelIdentity" j
    WHERE j."citizenId" = ${citizen} AND NOT (${isForgettableIdentity("j", since)}))`;

const identityKey = Prisma.sql`(CAST(i."channel" AS TEXT) || ' ' || i."externalId")`;
const pollKey = Prisma.sql`('web ' || p."sessionId")`;

/**
 * The identities whose time (`at`, a column) is in a look's window, `where` besides, in the
 * look's order: a range of the index (lastInboundAt, createdAt), sorted by key only among rows
 * of one time — never the whole table, which an expression such as COALESCE of the two would
 * read every hour (a million chats: see README, "A city's volume").
 */
const identitiesInWindow = (
  at: "lastInboundAt" | "createdAt",
  where: Prisma.Sql,
  { after, before, take }: { after: LookPosition; before: Date; take: number },
) => {
  const time = Prisma.raw(`i."${at}"`);
  return Prisma.sql`SELECT * FROM (SELECT ${identityKey} AS "key", ${time} AS "at",
      i."citizenId" AS "citizenId"
    FROM "ChannelIdentity" i WHERE ${where} AND ${inWindow(time, identityKey, after, before)}
    ORDER BY ${time}, ${identityKey} LIMIT ${take})`;
};

/**
 * A page of the identities' look: each identity by its last message (by its creation when it
 * has none: a call a clerk registered, an Open311 report), and each web identity's page by its
 * last poll, with its citizen.
 */
const identityLookSql = (after: LookPosition, before: Date, take: number) => {
  const window = { after, before, take };
  return Prisma.sql`SELECT "key", "at", "citizenId" FROM (
    ${identitiesInWindow("lastInboundAt", Prisma.sql`i."lastInboundAt" IS NOT NULL`, window)} a
    UNION ALL
    ${identitiesInWindow("createdAt", Prisma.sql`i."lastInboundAt" IS NULL`, window)} c
    UNION ALL
    SELECT * FROM (SELECT ${pollKey} AS "key", p."lastPollAt" AS "at", i."citizenId" AS "citizenId"
      FROM "WebPagePresence" p LEFT JOIN "ChannelIdentity" i
        ON i."channel" = 'web' AND i."externalId" = p."sessionId"
      WHERE ${inWindow(Prisma.sql`p."lastPollAt"`, pollKey, after, before)}
      ORDER BY p."lastPollAt", ${pollKey} LIMIT ${take}) b) s
  ORDER BY "at", "key" LIMIT ${take}`;
};

/**
 * The database's plan of a page of the identities' look from `after` to `before` (EXPLAIN
 * QUERY PLAN; EXPLAIN on PostgreSQL, its sequential scans off: on a few rows it reads the
 * table whole rather than an index), for the tests that check it reads a range of an index.
 */
export async function explainIdentityLook(
  db: Db,
  after: LookPosition,
  before: Date,
): Promise<string> {
  return planOf(plainSqlOf(db), identityLookSql(after, before, 1000), ["seqscan"]);
}

/**
 * Who a chat is — its ChannelIdentity and its Citizen (name, phone, language) — serves the
 * chat: of a citizen who filed and joined (附议) nothing, both are removed once the chat is
 * silent for `keepMs` (CHAT_KEEP_DAYS) and its conversation, log and files are forgotten, in
 * every channel. One who comes back is a new visitor: their next turn creates both again
 * (turn-store.ts), as on first contact.
 *
 * The look reads each identity when its last message (`lastInboundAt`, written by every turn)
 * crosses the cutoff, and each web session again when its page's last poll does; it looks no
 * further than the web sessions' and the conversations' looks (`webLook`, `dialogueLook`), so
 * that what it waits for is forgotten already, and goes before the page presences' expiry,
 * which waits for it (a poll read here is then still there).
 *
 * A citizen speaking, filing or joining as it runs wins, on PostgreSQL too (READ COMMITTED, where
 * a DELETE blocked on a row deletes it once free without asking its NOT EXISTS again, and the
 * cascade to CaseSupporter, or Case's SET NULL, would then reach a row just committed): the
 * page's citizens and then their identities are locked first (FOR UPDATE: the order in which
 * filing locks them, its UPDATE of the citizen then its case's key share of the identity), which
 * waits for every transaction that wrote or referenced them; the DELETEs after, each a new
 * statement, see what those committed and ask their conditions then. A write that comes later
 * waits for the lock and finds no identity: a turn creates a new one, a join or a filing of the
 * forgotten chat fails as for an unknown chat (it has no conversation to file from). So the
 * cascades remove nothing: the conditions say no supporter row and no case is left. SQLite
 * writes one transaction at a time.
 */
function silentIdentityExpiry(
  db: Db,
  keepMs: number,
  looks: { webLook: SilenceMark; dialogueLook: SilenceMark; mark: SilenceMark },
): Expiry {
  const sql = plainSqlOf(db);
  /** An identity's last message, and a web identity's page's last poll, with its citizen. */
  const next: LookPage<LookPosition & { citizenId: string | null }> = async (
    after,
    before,
    take,
  ) => {
    const rows = await sql.query<{ key: string; at: Date | string; citizenId: string | null }>(
      identityLookSql(after, before, take),
    );
    return rows.map((row) => ({ key: row.key, at: new Date(row.at), citizenId: row.citizenId }));
  };
  const forget = (since: Date) => async (page: readonly { citizenId: string | null }[]) => {
    const citizens = [...new Set(page.flatMap((row) => row.citizenId ?? []))].sort();
    if (citizens.length === 0) return 0;
    const ofPage = Prisma.join(citizens);
    return sql.transaction(async (tx) => {
      if (sql.provider === "postgres") {
        await tx.query(Prisma.sql`SELECT "id" FROM "Citizen" WHERE "id" IN (${ofPage})
          ORDER BY "id" FOR UPDATE`);
        await tx.query(Prisma.sql`SELECT "id" FROM "ChannelIdentity"
          WHERE "citizenId" IN (${ofPage}) ORDER BY "id" FOR UPDATE`);
      }
      const identities = await tx.execute(Prisma.sql`DELETE FROM "ChannelIdentity"
        WHERE "citizenId" IN (SELECT c."id" FROM "Citizen" c
          WHERE c."id" IN (${ofPage}) AND ${isForgettableCitizen(Prisma.sql`c."id"`, since)})`);
      const people = await tx.execute(Prisma.sql`DELETE FROM "Citizen"
        WHERE "id" IN (${ofPage})
          AND NOT EXISTS (SELECT 1 FROM "ChannelIdentity" j WHERE j."citizenId" = "Citizen"."id")
          AND NOT EXISTS (SELECT 1 FROM "Case" k WHERE k."citizenId" = "Citizen"."id")`);
      return identities + people;
    });
  };
  return {
    kind: "silent chats' identities",
    remove: async (now, most) => {
      const since = ago(now, keepMs);
      const before = lookedUpTo(
        lookedUpTo(since, await looks.webLook.read()),
        await looks.dialogueLook.read(),
      );
      return lookSinceMark(looks.mark, before, most, next, forget(since));
    },
  };
}

/**
 * Every expiry but the inbox's (inbox-retention.ts): sign-in codes, guess counters, and, silent
 * for `chatKeepMs` (CHAT_KEEP_DAYS), web page presences, conversations, web chat sessions
 * that filed nothing (their kept files under `dataDir`) and the identities and citizens of
 * chats that filed and joined nothing.
 */
export function serviceExpiries(db: Db, dataDir: string, chatKeepMs: number): Expiry[] {
  const webLook = silenceMark(db, "retention:silent-web-sessions");
  const dialogueLook = silenceMark(db, "retention:silent-conversations");
  const identityLook = silenceMark(db, "retention:silent-identities");
  // In this order: each waits for the looks before it to have read what it reads.
  return [
    signInCodeExpiry(db),
    guessCounterExpiry(db),
    silentWebSessionExpiry(db, dataDir, chatKeepMs, webLook),
    dialogueExpiry(db, chatKeepMs, { webLook, mark: dialogueLook }),
    silentIdentityExpiry(db, chatKeepMs, { webLook, dialogueLook, mark: identityLook }),
    pagePresenceExpiry(db, chatKeepMs, [webLook, identityLook]),
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
