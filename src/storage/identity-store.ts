import type { Channel } from "../generated/sqlite/enums.ts";
import type { Db } from "./database.ts";

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
      await db.channelIdentity.upsert({
        where: { channel_externalId: { channel, externalId } },
        update: { chatId, lastInboundAt: now },
        create: { channel, externalId, chatId, lastInboundAt: now, citizen: { create: {} } },
      });
    },
  };
}
