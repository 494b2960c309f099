import type { Channel } from "../generated/sqlite/enums.ts";
import { Prisma } from "../generated/sqlite/client.ts";
import { cleanDeep } from "../input-rule.ts";
import type { Db } from "./database.ts";
import { plainSqlOf, typedParameter, type PlainStatements } from "./plain-sql.ts";
import { inBatches } from "./retention.ts";

export interface InboundUpdate {
  readonly updateId: string;
  /** Updates of one chat are handled in `sequence` order, one at a time. */
  readonly chatId: string | null;
  readonly sequence: bigint;
  readonly payload: unknown;
}

export interface ClaimedUpdate extends InboundUpdate {
  /** This attempt's number (1 for the first). */
  readonly attempts: number;
  /** Messages of the answer an earlier attempt, on any instance, already delivered. */
  readonly repliesSent: number;
}

/** An update given up after its last attempt, as the clerks see it. */
export interface SetAsideUpdate {
  readonly channel: Channel;
  readonly updateId: string;
  readonly chatId: string | null;
  readonly receivedAt: Date;
  readonly failedAt: Date;
  readonly attempts: number;
  /** The last failure (an error class and message of ours; never the citizen's words). */
  readonly lastError: string | null;
}

/**
 * The sequence of a channel's newest stored update (handled or not), null when it has none:
 * WeCom numbers its next messages on it, and the retention keeps that update.
 */
export async function newestSequence(db: Db, channel: Channel): Promise<bigint | null> {
  const row = await db.inboxUpdate.findFirst({
    where: { channel },
    orderBy: { sequence: "desc" },
    select: { sequence: true },
  });
  return row?.sequence ?? null;
}

/** How many chats' next updates one claim looks at. */
const HEADS_CONSIDERED = 500;

/**
 * Inbound updates, stored before they are acknowledged to the channel and
 * handled from here: once each, in order per chat, by whichever instance
 * claims them first. A claim is a lease, renewed while the update is handled:
 * an instance that dies mid-update leaves it to another once the lease ends.
 */
export interface InboxStore {
  /**
   * Stores updates not seen before, their payloads under the input rule (src/input-rule.ts);
   * returns how many were new.
   */
  store(channel: Channel, updates: readonly InboundUpdate[]): Promise<number>;
  /**
   * Stores one update of a chat, as `store` does, and claims it with the same statement when
   * its chat has no other unhandled update (none before it to wait for, none in hand
   * anywhere): what arrives for an idle chat needs no claim of its own. Null when it was not
   * claimed: seen before, or left for its chat's claim (InboxStore.claimNextOf,
   * completeAndClaimNext).
   */
  storeAndClaim(
    channel: Channel,
    update: InboundUpdate & { readonly chatId: string },
    now: Date,
    leaseMs: number,
  ): Promise<ClaimedUpdate | null>;
  /**
   * Claims, for each chat but those in `busyChats`, its earliest unhandled update unless it
   * is leased (in hand elsewhere, or waiting for its retry); the oldest chats first, at most
   * `limit`. A flood from one chat never hides the others.
   */
  claimReady(
    channel: Channel,
    now: Date,
    leaseMs: number,
    limit: number,
    busyChats?: ReadonlySet<string>,
  ): Promise<ClaimedUpdate[]>;
  /**
   * Claims the chat's earliest unhandled update unless it is leased (in hand elsewhere, or
   * waiting for its retry): what arrived for a chat, or what comes after the update just
   * done, without looking at the other chats. Null when there is none to claim.
   */
  claimNextOf(
    channel: Channel,
    chatId: string,
    now: Date,
    leaseMs: number,
  ): Promise<ClaimedUpdate | null>;
  /**
   * Marks the update done, as `complete` does, and in the same statement claims its chat's
   * next update unless it is leased (in hand elsewhere, or waiting for its retry): what came
   * for the chat while this one was handled, without a statement of its own. Null when there
   * is none to claim.
   */
  completeAndClaimNext(
    channel: Channel,
    done: Pick<InboundUpdate, "updateId"> & { readonly chatId: string },
    now: Date,
    leaseMs: number,
    repliesSent?: number,
  ): Promise<ClaimedUpdate | null>;
  /** Extends the leases of updates in hand. */
  renew(channel: Channel, updateIds: readonly string[], until: Date): Promise<void>;
  /** Records that the first `count` messages of an update's answer were delivered. */
  recordSent(channel: Channel, updateId: string, count: number): Promise<void>;
  /**
   * Marks the update done; `repliesSent`, when given, is recorded with it (the answer's last
   * message needs no statement of its own).
   */
  complete(channel: Channel, updateId: string, now: Date, repliesSent?: number): Promise<void>;
  /** Records a failure; the update is tried again after `retryAt`. */
  fail(channel: Channel, updateId: string, error: string, retryAt: Date): Promise<void>;
  /** Gives the update up after its last attempt: set aside for the clerks, the chat goes on. */
  setAside(channel: Channel, updateId: string, error: string, now: Date): Promise<void>;
  /** The updates set aside, newest first. */
  setAsideUpdates(limit: number): Promise<SetAsideUpdate[]>;
  /**
   * Removes up to `most` updates of `channel` handled before `before`, a thousand a statement,
   * and returns how many. Kept: those not yet handled, those set aside (the clerks' to see), and
   * the channel's newest update, which WeCom numbers its next updates on.
   */
  removeHandled(channel: Channel, before: Date, most: number): Promise<number>;
}

interface ClaimedRow {
  updateId: string;
  chatId: string | null;
  sequence: bigint | number;
  payload: unknown;
  attempts: number | bigint;
  repliesSent: number | bigint;
}

const CLAIMED_COLUMNS = Prisma.raw(
  `"updateId", "chatId", "sequence", "payload", "attempts", "repliesSent"`,
);

function claimedOf(row: ClaimedRow): ClaimedUpdate {
  return {
    updateId: row.updateId,
    chatId: row.chatId,
    sequence: BigInt(row.sequence),
    payload: row.payload,
    attempts: Number(row.attempts),
    repliesSent: Number(row.repliesSent),
  };
}

/** The id of the chat's earliest unhandled update (but `except`), as a subquery. */
function headOf(channel: Channel, chatId: string, except?: string): Prisma.Sql {
  const other = except === undefined ? Prisma.empty : Prisma.sql`AND "updateId" <> ${except}`;
  return Prisma.sql`SELECT "updateId" FROM "InboxUpdate"
    WHERE "channel" = ${channel} AND "chatId" = ${chatId} AND "processedAt" IS NULL ${other}
    ORDER BY "sequence" LIMIT 1`;
}

/**
 * The statement that takes a chat's turn on PostgreSQL (see inChatsTurn): a lock held until its
 * transaction ends. The benchmark measures its price alone (bench/inbox.ts).
 */
export function chatTurnLock(channel: Channel, chatId: string): Prisma.Sql {
  return Prisma.sql`SELECT pg_advisory_xact_lock(hashtextextended(${`inbox ${channel} ${chatId}`}, 0))`;
}

export function createInboxStore(db: Db): InboxStore {
  // Every update is stored, claimed, recorded and completed here: plain statements (plain-sql.ts),
  // each committed with the other chats' writes of the moment (one WAL sync on SQLite).
  const sql = plainSqlOf(db).sharingCommits;
  const unleased = (now: Date) => ({ OR: [{ leaseUntil: null }, { leaseUntil: { lte: now } }] });

  /**
   * Runs the statements that decide whether a chat is idle in the chat's turn. On PostgreSQL two
   * instances at once (READ COMMITTED) would not see each other's row before it commits: storing
   * two updates of one chat, both would find it idle and claim (two of its turns in hand at
   * once); completing one update as another is stored, each would find the chat still busy and
   * neither claim (the update left to the next sweep). A transaction lock on the chat makes the
   * second wait for the first's commit. SQLite writes one transaction at a time already.
   */
  function inChatsTurn<T>(
    channel: Channel,
    chatId: string,
    work: (statements: PlainStatements) => Promise<T>,
  ): Promise<T> {
    if (sql.provider !== "postgres") return work(sql);
    return sql.transaction(async (tx) => {
      await tx.execute(chatTurnLock(channel, chatId));
      return work(tx);
    });
  }

  return {
    async store(channel, updates) {
      if (updates.length === 0) return 0;
      const receivedAt = new Date();
      const rows = updates.map(
        (update) =>
          Prisma.sql`(${channel}, ${update.updateId}, ${update.chatId}, ${update.sequence},
            ${JSON.stringify(cleanDeep(update.payload))}, ${receivedAt}, 0, 0)`,
      );
      // One statement: every update of every channel is stored here before it is confirmed.
      return sql.execute(Prisma.sql`
        INSERT INTO "InboxUpdate"
          ("channel", "updateId", "chatId", "sequence", "payload", "receivedAt", "attempts", "repliesSent")
        VALUES ${Prisma.join(rows)}
        ON CONFLICT ("channel", "updateId") DO NOTHING`);
    },

    async storeAndClaim(channel, update, now, leaseMs) {
      const payload = cleanDeep(update.payload);
      const idle = Prisma.sql`NOT EXISTS (SELECT 1 FROM "InboxUpdate"
        WHERE "channel" = ${channel} AND "chatId" = ${update.chatId} AND "processedAt" IS NULL)`;
      const leaseUntil = new Date(now.getTime() + leaseMs);
      const rows = await inChatsTurn(channel, update.chatId, (statements) =>
        statements.query<{ attempts: number | bigint }>(Prisma.sql`
        INSERT INTO "InboxUpdate"
          ("channel", "updateId", "chatId", "sequence", "payload", "receivedAt", "attempts",
           "repliesSent", "leaseUntil")
        VALUES (${channel}, ${update.updateId}, ${update.chatId}, ${update.sequence},
          ${JSON.stringify(payload)}, ${new Date()}, CASE WHEN ${idle} THEN 1 ELSE 0 END, 0,
          CASE WHEN ${idle} THEN ${typedParameter(sql, leaseUntil, "timestamp(3)")} ELSE NULL END)
        ON CONFLICT ("channel", "updateId") DO NOTHING
        RETURNING "attempts"`),
      );
      if (rows.length === 0 || Number(rows[0]!.attempts) !== 1) return null;
      return { ...update, payload, attempts: 1, repliesSent: 0 };
    },

    async claimNextOf(channel, chatId, now, leaseMs) {
      const leaseUntil = new Date(now.getTime() + leaseMs);
      const rows = await inChatsTurn(channel, chatId, (statements) =>
        statements.query<ClaimedRow>(Prisma.sql`
        UPDATE "InboxUpdate" SET "leaseUntil" = ${leaseUntil}, "attempts" = "attempts" + 1
        WHERE "channel" = ${channel}
          AND "updateId" = (${headOf(channel, chatId)})
          AND "processedAt" IS NULL AND ("leaseUntil" IS NULL OR "leaseUntil" <= ${now})
        RETURNING ${CLAIMED_COLUMNS}`),
      );
      return rows[0] ? claimedOf(rows[0]) : null;
    },

    async completeAndClaimNext(channel, done, now, leaseMs, repliesSent) {
      const leaseUntil = new Date(now.getTime() + leaseMs);
      const isDone = Prisma.sql`"updateId" = ${done.updateId}`;
      const delivered =
        repliesSent === undefined
          ? Prisma.empty
          : Prisma.sql`, "repliesSent" = CASE WHEN ${isDone} THEN ${typedParameter(sql, repliesSent, "integer")} ELSE "repliesSent" END`;
      // Two rows, each set by its own branch: the done one completed, the chat's head after it
      // claimed under the same conditions as claimNextOf's. The head is looked for past the
      // done row whether or not the subquery sees it completed.
      const rows = await inChatsTurn(channel, done.chatId, (statements) =>
        statements.query<ClaimedRow>(Prisma.sql`
        UPDATE "InboxUpdate" SET
          "processedAt" = CASE WHEN ${isDone} THEN ${typedParameter(sql, now, "timestamp(3)")} ELSE "processedAt" END,
          "leaseUntil" = CASE WHEN ${isDone} THEN NULL ELSE ${typedParameter(sql, leaseUntil, "timestamp(3)")} END,
          "attempts" = CASE WHEN ${isDone} THEN "attempts" ELSE "attempts" + 1 END${delivered}
        WHERE "channel" = ${channel}
          AND (${isDone}
            OR ("updateId" = (${headOf(channel, done.chatId, done.updateId)})
              AND "processedAt" IS NULL AND ("leaseUntil" IS NULL OR "leaseUntil" <= ${now})))
        RETURNING ${CLAIMED_COLUMNS}`),
      );
      const next = rows.find((row) => row.updateId !== done.updateId);
      return next ? claimedOf(next) : null;
    },

    async claimReady(channel, now, leaseMs, limit, busyChats = new Set()) {
      const heads = await db.inboxUpdate.groupBy({
        by: ["chatId"],
        where: { channel, processedAt: null, chatId: { not: null } },
        _min: { sequence: true },
        orderBy: { _min: { sequence: "asc" } },
        take: HEADS_CONSIDERED,
      });
      const wanted = heads.filter(
        (head) =>
          head.chatId !== null && !busyChats.has(head.chatId) && head._min.sequence !== null,
      );
      const chatRows =
        wanted.length === 0
          ? []
          : await db.inboxUpdate.findMany({
              where: {
                channel,
                processedAt: null,
                AND: [
                  unleased(now),
                  {
                    OR: wanted.map((head) => ({
                      chatId: head.chatId,
                      sequence: head._min.sequence!,
                    })),
                  },
                ],
              },
              orderBy: { sequence: "asc" },
              take: limit,
            });
      const unordered = await db.inboxUpdate.findMany({
        where: { channel, processedAt: null, chatId: null, ...unleased(now) },
        orderBy: { sequence: "asc" },
        take: limit,
      });
      const claimed: ClaimedUpdate[] = [];
      for (const row of [...chatRows, ...unordered].slice(0, limit)) {
        const { count } = await db.inboxUpdate.updateMany({
          where: { channel, updateId: row.updateId, processedAt: null, ...unleased(now) },
          data: { leaseUntil: new Date(now.getTime() + leaseMs), attempts: { increment: 1 } },
        });
        if (count === 1) {
          claimed.push({
            updateId: row.updateId,
            chatId: row.chatId,
            sequence: row.sequence,
            payload: row.payload,
            attempts: row.attempts + 1,
            repliesSent: row.repliesSent,
          });
        }
      }
      return claimed;
    },

    async renew(channel, updateIds, until) {
      if (updateIds.length === 0) return;
      await db.inboxUpdate.updateMany({
        where: { channel, updateId: { in: [...updateIds] }, processedAt: null },
        data: { leaseUntil: until },
      });
    },

    async recordSent(channel, updateId, count) {
      await sql.execute(Prisma.sql`UPDATE "InboxUpdate" SET "repliesSent" = ${count}
        WHERE "channel" = ${channel} AND "updateId" = ${updateId}`);
    },

    async complete(channel, updateId, now, repliesSent) {
      const delivered =
        repliesSent === undefined ? Prisma.empty : Prisma.sql`, "repliesSent" = ${repliesSent}`;
      await sql.execute(Prisma.sql`UPDATE "InboxUpdate" SET "processedAt" = ${now}, "leaseUntil" = NULL${delivered}
        WHERE "channel" = ${channel} AND "updateId" = ${updateId}`);
    },

    async fail(channel, updateId, error, retryAt) {
      await db.inboxUpdate.update({
        where: { channel_updateId: { channel, updateId } },
        data: { leaseUntil: retryAt, lastError: error },
      });
    },

    async setAside(channel, updateId, error, now) {
      await db.inboxUpdate.update({
        where: { channel_updateId: { channel, updateId } },
        data: { processedAt: now, failedAt: now, leaseUntil: null, lastError: error },
      });
    },

    async setAsideUpdates(limit) {
      const rows = await db.inboxUpdate.findMany({
        where: { failedAt: { not: null } },
        orderBy: { failedAt: "desc" },
        take: limit,
      });
      return rows.map((row) => ({
        channel: row.channel,
        updateId: row.updateId,
        chatId: row.chatId,
        receivedAt: row.receivedAt,
        failedAt: row.failedAt!,
        attempts: row.attempts,
        lastError: row.lastError,
      }));
    },

    async removeHandled(channel, before, most) {
      // Read once: the batches below must not reach the channel's newest.
      const newest = await newestSequence(db, channel);
      if (newest === null) return 0;
      // Read first, then removed by key.
      return inBatches(most, async (take) => {
        const handled = await db.inboxUpdate.findMany({
          where: {
            processedAt: { lt: before },
            channel,
            sequence: { lt: newest },
            failedAt: null,
          },
          select: { updateId: true },
          take,
        });
        if (handled.length === 0) return 0;
        const { count } = await db.inboxUpdate.deleteMany({
          where: { channel, updateId: { in: handled.map((row) => row.updateId) } },
        });
        return count;
      });
    },
  };
}
