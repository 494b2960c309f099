/**
 * The OutboxMessage table: notifications written in the transaction of the
 * change they report, claimed by workers with a lease, delivered in order per
 * recipient. Portable over SQLite and PostgreSQL: a claim is a conditional
 * updateMany whose count tells whether this worker won the row (PostgreSQL
 * re-checks the condition after a concurrent update; SQLite has one writer).
 */
import type { Db } from "../storage/database.ts";
import { insertRows, type PlainStatements } from "../storage/plain-sql.ts";
import { newRowId } from "../storage/row-ids.ts";
import type { Clock } from "../clock.ts";
import {
  isOutboxChannel,
  type NewOutboxMessage,
  type OutboxAudience,
  type OutboxChannel,
} from "./outbox-payload.ts";
import type { NewStaffDigest } from "./staff-digest.ts";

/** A row a worker holds a lease on. */
export interface ClaimedOutboxMessage {
  readonly id: string;
  readonly caseId: string | null;
  readonly channel: OutboxChannel;
  readonly recipient: string;
  readonly audience: OutboxAudience;
  readonly kind: string;
  /** Unvalidated JSON; see OutboxPayloadSchema. */
  readonly payload: unknown;
  /** Attempts made before this one. */
  readonly attempts: number;
  readonly createdAt: Date;
  /** Identifies this claim; a later claim of the row (after the lease expired) has another. */
  readonly leaseToken: string;
  readonly leaseUntil: Date;
}

export interface OutboxStore {
  /**
   * Writes `rows` as pending, due now, inside the caller's transaction; returns
   * their ids in order. Rows of one call keep their order per recipient.
   */
  enqueue(
    tx: PlainStatements,
    rows: readonly (NewOutboxMessage | NewStaffDigest)[],
  ): Promise<string[]>;
  /**
   * Leases up to `limit` due rows for `leaseMs`. Only the oldest unfinished
   * (pending or held) row of each recipient can be claimed, so a later
   * notification never overtakes an earlier one; a row whose lease expired is
   * claimable again. No two live claims cover the same row.
   */
  claimBatch(workerId: string, limit: number, leaseMs: number): Promise<ClaimedOutboxMessage[]>;
  /** Marks the row sent. False when it was no longer pending (another worker finished it). */
  markSent(message: ClaimedOutboxMessage): Promise<boolean>;
  /**
   * Counts the attempt, records `error` and schedules the row for
   * `nextAttemptAt`; `deliveredParts` records how much of it went out already.
   * False when the lease was lost.
   */
  markRetry(
    message: ClaimedOutboxMessage,
    retry: { nextAttemptAt: Date; error: string; deliveredParts?: number },
  ): Promise<boolean>;
  /**
   * Gives the row back until `until` while its answer's translation is made, marking it
   * translationAwaited (no attempt counted; it stays its recipient's head, so nothing of theirs
   * overtakes it). False when the lease was lost.
   */
  awaitTranslation(message: ClaimedOutboxMessage, until: Date): Promise<boolean>;
  /**
   * Makes a row given back by awaitTranslation until `until` due now: its translation is ready or
   * failed. Nothing when the row was touched since (taken, retried, sent): its wait is over.
   */
  translationSettled(id: string, until: Date): Promise<void>;
  /** Counts the attempt and gives the row up with `error`. False when the lease was lost. */
  markFailed(message: ClaimedOutboxMessage, error: string): Promise<boolean>;
  /**
   * Puts the row, and every later pending row of its recipient, on hold with
   * `reason` (no attempt is counted); `deliveredParts` records how much of the
   * row went out before it had to wait. False when the lease was lost.
   */
  hold(message: ClaimedOutboxMessage, reason: string, deliveredParts?: number): Promise<boolean>;
  /** Makes a recipient's held rows pending and due now; returns how many. */
  release(channel: OutboxChannel, recipient: string): Promise<number>;
  /**
   * Claims every held row of a recipient at once, with the rows queued behind them (pending,
   * unleased), leased under one token, oldest first: for a channel that delivers a backlog as
   * a digest (WeCom after the window reopens).
   */
  /** Whether the recipient has held rows: the cheap check before a digest. */
  hasHeld(channel: OutboxChannel, recipient: string): Promise<boolean>;
  claimHeld(
    channel: OutboxChannel,
    recipient: string,
    workerId: string,
    leaseMs: number,
  ): Promise<ClaimedOutboxMessage[]>;
  /** When the next pending row falls due (now or in the past when one is due), or null. */
  nextDueAt(): Promise<Date | null>;
}

let claimCounter = 0;
/** The rows `enqueue` writes: pending, due `now`, with ids that keep their order. */
function pendingRows(rows: readonly (NewOutboxMessage | NewStaffDigest)[], now: Date) {
  return rows.map((row) => ({
    id: newRowId("ob", now),
    caseId: row.caseId,
    channel: row.channel,
    recipient: row.recipient,
    audience: row.audience,
    kind: row.kind,
    payload: row.payload,
    status: "pending" as const,
    nextAttemptAt: now,
    createdAt: now,
  }));
}

/**
 * Writes `rows` as `enqueue` does, due `now`, on `statements` (a plain-SQL transaction, see
 * plain-sql.ts: for a batch written without Prisma). Returns their ids in order.
 */
export async function enqueuePlain(
  statements: PlainStatements,
  rows: readonly (NewOutboxMessage | NewStaffDigest)[],
  now: Date,
): Promise<string[]> {
  const data = pendingRows(rows, now);
  await insertRows(
    statements,
    "OutboxMessage",
    data.map((row) => ({ ...row, payload: JSON.stringify(row.payload), attempts: 0 })),
  );
  return data.map((row) => row.id);
}

const UNFINISHED = ["pending", "held"] as const;

/**
 * The statement that records a row as sent at `now`; it counts 1 when the row was still
 * pending. Not conditional on the lease: once delivered, no other worker should send it again.
 * Not yet run, so that it can go in one batch transaction with the record of what carried
 * the notice (the SMS log's row).
 */
export function outboxRowSent(db: Db, id: string, now: Date) {
  return db.$executeRaw`UPDATE "OutboxMessage"
    SET "status" = 'sent', "sentAt" = ${now}, "attempts" = "attempts" + 1,
        "leaseUntil" = NULL, "leasedBy" = NULL, "lastError" = NULL
    WHERE "id" = ${id} AND "status" = 'pending'`;
}

/** Creates the store over `db`; `clock` stamps creation, due and lease times. */
export function createOutboxStore(db: Db, clock: Clock): OutboxStore {
  /** Rare (a long notice cut off halfway); written while the lease is still ours. */
  async function recordDeliveredParts(message: ClaimedOutboxMessage, parts: number | undefined) {
    if (parts === undefined || parts <= 0 || !isJsonObject(message.payload)) return;
    await db.outboxMessage.updateMany({
      where: { id: message.id, status: "pending", leasedBy: message.leaseToken },
      data: { payload: { ...message.payload, deliveredParts: parts } },
    });
  }

  async function headOf(channel: OutboxChannel, recipient: string) {
    return db.outboxMessage.findFirst({
      where: { channel, recipient, status: { in: [...UNFINISHED] } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
  }

  // Writes are single UPDATE statements, never Prisma's implicit transactions: on
  // SQLite those hold the write lock across awaits, and a second connection in the
  // same process then blocks the event loop in its busy wait. Enum columns are
  // compared as text, which both providers accept.
  async function claim(
    head: { id: string; attempts: number; leasedBy: string | null },
    token: string,
    leaseUntil: Date,
  ): Promise<boolean> {
    // Compare-and-set on what we read: every claim writes a new token and every
    // recorded attempt bumps `attempts`, so only one claimer can match.
    const count =
      head.leasedBy === null
        ? await db.$executeRaw`UPDATE "OutboxMessage" SET "leasedBy" = ${token}, "leaseUntil" = ${leaseUntil}
            WHERE "id" = ${head.id} AND "status" = 'pending' AND "attempts" = ${head.attempts} AND "leasedBy" IS NULL`
        : await db.$executeRaw`UPDATE "OutboxMessage" SET "leasedBy" = ${token}, "leaseUntil" = ${leaseUntil}
            WHERE "id" = ${head.id} AND "status" = 'pending' AND "attempts" = ${head.attempts} AND "leasedBy" = ${head.leasedBy}`;
    return count === 1;
  }

  return {
    async enqueue(tx, rows) {
      if (rows.length === 0) return [];
      return enqueuePlain(tx, rows, clock.now());
    },

    async claimBatch(workerId, limit, leaseMs) {
      const now = clock.now();
      const due = {
        status: "pending" as const,
        nextAttemptAt: { lte: now },
        OR: [{ leaseUntil: null }, { leaseUntil: { lte: now } }],
      };
      const claimed: ClaimedOutboxMessage[] = [];
      // Recipients with a due row whose head is busy (leased, or waiting to retry)
      // yield nothing: page on until the batch is full or a bounded scan ends.
      const pageSize = Math.max(limit, 20);
      for (let page = 0; page < 10 && claimed.length < limit; page++) {
        const groups = await db.outboxMessage.groupBy({
          by: ["channel", "recipient"],
          where: due,
          _min: { createdAt: true },
          orderBy: [{ _min: { createdAt: "asc" } }, { channel: "asc" }, { recipient: "asc" }],
          skip: page * pageSize,
          take: pageSize,
        });
        if (groups.length === 0) break;
        const heads = await Promise.all(
          groups.map((g) => headOf(outboxChannel(g.channel), g.recipient)),
        );
        for (const head of heads) {
          if (claimed.length >= limit) break;
          if (
            head === null ||
            head.status !== "pending" ||
            head.nextAttemptAt > now ||
            (head.leaseUntil !== null && head.leaseUntil > now)
          ) {
            continue;
          }
          claimCounter = (claimCounter + 1) % Number.MAX_SAFE_INTEGER;
          const leaseToken = `${workerId}/${claimCounter.toString(36)}`;
          const leaseUntil = new Date(now.getTime() + leaseMs);
          if (!(await claim(head, leaseToken, leaseUntil))) continue;
          claimed.push({
            id: head.id,
            caseId: head.caseId,
            channel: outboxChannel(head.channel),
            recipient: head.recipient,
            audience: head.audience as OutboxAudience,
            kind: head.kind,
            payload: head.payload,
            attempts: head.attempts,
            createdAt: head.createdAt,
            leaseToken,
            leaseUntil,
          });
        }
        if (groups.length < pageSize) break;
      }
      return claimed;
    },

    async markSent(message) {
      return (await outboxRowSent(db, message.id, clock.now())) === 1;
    },

    async markRetry(message, retry) {
      await recordDeliveredParts(message, retry.deliveredParts);
      const count = await db.$executeRaw`UPDATE "OutboxMessage"
        SET "attempts" = "attempts" + 1, "nextAttemptAt" = ${retry.nextAttemptAt},
            "lastError" = ${retry.error}, "leaseUntil" = NULL, "leasedBy" = NULL
        WHERE "id" = ${message.id} AND "status" = 'pending' AND "leasedBy" = ${message.leaseToken}`;
      return count === 1;
    },

    async awaitTranslation(message, until) {
      if (!isJsonObject(message.payload)) return false;
      const { count } = await db.outboxMessage.updateMany({
        where: { id: message.id, status: "pending", leasedBy: message.leaseToken },
        data: {
          payload: { ...message.payload, translationAwaited: true },
          nextAttemptAt: until,
          lastError: "awaiting the answer's translation",
          leaseUntil: null,
          leasedBy: null,
        },
      });
      return count === 1;
    },

    async translationSettled(id, until) {
      // Still due when its wait ends and held by no worker: a row taken since is being delivered,
      // one retried since has a due time of its own.
      await db.outboxMessage.updateMany({
        where: { id, status: "pending", leasedBy: null, nextAttemptAt: until },
        data: { nextAttemptAt: clock.now() },
      });
    },

    async markFailed(message, error) {
      const count = await db.$executeRaw`UPDATE "OutboxMessage"
        SET "status" = 'failed', "attempts" = "attempts" + 1, "lastError" = ${error},
            "leaseUntil" = NULL, "leasedBy" = NULL
        WHERE "id" = ${message.id} AND "status" = 'pending' AND "leasedBy" = ${message.leaseToken}`;
      return count === 1;
    },

    async hold(message, reason, deliveredParts) {
      await recordDeliveredParts(message, deliveredParts);
      const count = await db.$executeRaw`UPDATE "OutboxMessage"
        SET "status" = 'held', "lastError" = ${reason}, "leaseUntil" = NULL, "leasedBy" = NULL
        WHERE "id" = ${message.id} AND "status" = 'pending' AND "leasedBy" = ${message.leaseToken}`;
      if (count !== 1) return false;
      // Not atomic with the first update, and need not be: the held head blocks these anyway.
      await db.$executeRaw`UPDATE "OutboxMessage" SET "status" = 'held', "lastError" = ${reason}
        WHERE CAST("channel" AS TEXT) = ${message.channel} AND "recipient" = ${message.recipient}
          AND "status" = 'pending' AND "leasedBy" IS NULL`;
      return true;
    },

    async release(channel, recipient) {
      return db.$executeRaw`UPDATE "OutboxMessage"
        SET "status" = 'pending', "nextAttemptAt" = ${clock.now()}, "lastError" = NULL
        WHERE CAST("channel" AS TEXT) = ${channel} AND "recipient" = ${recipient} AND "status" = 'held'`;
    },

    async hasHeld(channel, recipient) {
      const row = await db.outboxMessage.findFirst({
        where: { channel, recipient, status: "held" },
        select: { id: true },
      });
      return row !== null;
    },

    async claimHeld(channel, recipient, workerId, leaseMs) {
      const held = await db.outboxMessage.count({ where: { channel, recipient, status: "held" } });
      if (held === 0) return [];
      const now = clock.now();
      claimCounter = (claimCounter + 1) % Number.MAX_SAFE_INTEGER;
      const leaseToken = `${workerId}/${claimCounter.toString(36)}`;
      const leaseUntil = new Date(now.getTime() + leaseMs);
      await db.$executeRaw`UPDATE "OutboxMessage"
        SET "status" = 'pending', "nextAttemptAt" = ${now}, "lastError" = NULL,
            "leasedBy" = ${leaseToken}, "leaseUntil" = ${leaseUntil}
        WHERE CAST("channel" AS TEXT) = ${channel} AND "recipient" = ${recipient}
          AND ("status" = 'held' OR ("status" = 'pending' AND "leasedBy" IS NULL))`;
      const rows = await db.outboxMessage.findMany({
        where: { channel, recipient, status: "pending", leasedBy: leaseToken },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      return rows.map((row) => ({
        id: row.id,
        caseId: row.caseId,
        channel: outboxChannel(row.channel),
        recipient: row.recipient,
        audience: row.audience as OutboxAudience,
        kind: row.kind,
        payload: row.payload,
        attempts: row.attempts,
        createdAt: row.createdAt,
        leaseToken,
        leaseUntil,
      }));
    },

    async nextDueAt() {
      const row = await db.outboxMessage.findFirst({
        where: { status: "pending" },
        orderBy: { nextAttemptAt: "asc" },
        select: { nextAttemptAt: true },
      });
      return row?.nextAttemptAt ?? null;
    },
  };
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Only chat channels are enqueued (citizenAddress); another in a row is a bug, not a notice. */
function outboxChannel(channel: string): OutboxChannel {
  if (!isOutboxChannel(channel)) throw new Error(`outbox row of channel ${channel}`);
  return channel;
}
