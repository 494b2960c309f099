import type { Channel } from "../generated/sqlite/enums.ts";
import { isUniqueViolation, type Db } from "./database.ts";

export interface IdentityStore {
  /**
   * The citizen behind a channel identity, created on first contact. Records
   * the time of their latest message (WeCom may write back only within 48 hours).
   */
  touch(channel: Channel, externalId: string, chatId: string, now: Date): Promise<void>;
}

export function createIdentityStore(db: Db): IdentityStore {
  return {
    async touch(channel, externalId, chatId, now) {
      // Every turn of every citizen passes here: one UPDATE for a known identity (Prisma's
      // upsert is a transaction of five statements); the citizen is created on first contact.
      const { count } = await db.channelIdentity.updateMany({
        where: { channel, externalId },
        data: { chatId, lastInboundAt: now },
      });
      if (count === 1) return;
      try {
        await db.channelIdentity.create({
          data: { channel, externalId, chatId, lastInboundAt: now, citizen: { create: {} } },
        });
      } catch (error) {
        // Another instance created it first: record this message's time on it.
        if (!isUniqueViolation(error)) throw error;
        await db.channelIdentity.updateMany({
          where: { channel, externalId },
          data: { chatId, lastInboundAt: now },
        });
      }
    },
  };
}
