import type { Channel } from "../generated/sqlite/enums.ts";
import type { Prisma } from "../generated/sqlite/client.ts";
import { isUniqueViolation, type Db } from "./database.ts";

export interface InboundUpdate {
  readonly updateId: string;
  /** Updates of one chat are handled in `sequence` order, one at a time. */
  readonly chatId: string | null;
  readonly sequence: bigint;
  readonly payload: unknown;
}

export interface ClaimedUpdate extends InboundUpdate {
  readonly attempts: number;
}

/**
 * Inbound updates, stored before they are acknowledged to the channel and
 * handled from here: once each, in order per chat, by whichever instance
 * claims them first. A claim is a lease: an instance that dies mid-update
 * leaves it to another after `leaseMs`.
 */
export interface InboxStore {
  /** Stores updates not seen before; returns how many were new. */
  store(channel: Channel, updates: readonly InboundUpdate[]): Promise<number>;
  /** Claims, for each chat, its earliest unhandled update, unless another instance holds it. */
  claimReady(
    channel: Channel,
    now: Date,
    leaseMs: number,
    limit?: number,
  ): Promise<ClaimedUpdate[]>;
  complete(channel: Channel, updateId: string, now: Date): Promise<void>;
  /** Records a failure; the update is tried again after `retryAt`, or given up when `giveUp`. */
  fail(
    channel: Channel,
    updateId: string,
    error: string,
    retryAt: Date,
    giveUp: boolean,
  ): Promise<void>;
}

export function createInboxStore(db: Db): InboxStore {
  return {
    async store(channel, updates) {
      let added = 0;
      for (const update of updates) {
        try {
          await db.inboxUpdate.create({
            data: {
              channel,
              updateId: update.updateId,
              chatId: update.chatId,
              sequence: update.sequence,
              payload: update.payload as Prisma.InputJsonValue,
            },
          });
          added++;
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
        }
      }
      return added;
    },

    async claimReady(channel, now, leaseMs, limit = 100) {
      const pending = await db.inboxUpdate.findMany({
        where: { channel, processedAt: null },
        orderBy: { sequence: "asc" },
        take: limit * 4,
      });
      const firstOfChat = new Map<string, (typeof pending)[number]>();
      const unordered: typeof pending = [];
      for (const row of pending) {
        if (row.chatId === null) unordered.push(row);
        else if (!firstOfChat.has(row.chatId)) firstOfChat.set(row.chatId, row);
      }
      const claimed: ClaimedUpdate[] = [];
      for (const row of [...firstOfChat.values(), ...unordered].slice(0, limit)) {
        if (row.leaseUntil && row.leaseUntil > now) continue;
        const { count } = await db.inboxUpdate.updateMany({
          where: {
            channel,
            updateId: row.updateId,
            processedAt: null,
            OR: [{ leaseUntil: null }, { leaseUntil: { lte: now } }],
          },
          data: { leaseUntil: new Date(now.getTime() + leaseMs), attempts: { increment: 1 } },
        });
        if (count === 1) {
          claimed.push({
            updateId: row.updateId,
            chatId: row.chatId,
            sequence: row.sequence,
            payload: row.payload,
            attempts: row.attempts + 1,
          });
        }
      }
      return claimed;
    },

    async complete(channel, updateId, now) {
      await db.inboxUpdate.update({
        where: { channel_updateId: { channel, updateId } },
        data: { processedAt: now, leaseUntil: null },
      });
    },

    async fail(channel, updateId, error, retryAt, giveUp) {
      await db.inboxUpdate.update({
        where: { channel_updateId: { channel, updateId } },
        data: giveUp
          ? { processedAt: retryAt, leaseUntil: null, lastError: error }
          : { leaseUntil: retryAt, lastError: error },
      });
    },
  };
}
