import type { Channel } from "../generated/sqlite/enums.ts";
import { Prisma } from "../generated/sqlite/client.ts";
import { isUniqueViolation, type Db, type Tx } from "./database.ts";
import { prismaStatements, type PlainStatements } from "./plain-sql.ts";

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
      try {
        await touchIdentity(db, channel, externalId, chatId, now);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Another instance created it first: record this message's time on it.
        await touchIdentity(db, channel, externalId, chatId, now);
      }
    },
  };
}

/**
 * Touches the identity inside the caller's transaction (a turn's, see turn-store.ts): one
 * UPDATE for a known identity, which every message of every citizen makes; the identity and
 * its citizen are created on first contact.
 * @throws Prisma's unique violation (P2002) when another instance created it at the same
 *   moment: the caller tries again.
 */
export async function touchIdentity(
  tx: Tx | Db,
  channel: Channel,
  externalId: string,
  chatId: string,
  now: Date,
): Promise<void> {
  if (await touchKnownIdentity(prismaStatements(tx), channel, externalId, chatId, now)) return;
  await createIdentity(tx, channel, externalId, chatId, now);
}

/** The UPDATE of a known identity; false when there is none yet (first contact). */
export async function touchKnownIdentity(
  statements: PlainStatements,
  channel: Channel,
  externalId: string,
  chatId: string,
  now: Date,
): Promise<boolean> {
  const touched = await statements.execute(Prisma.sql`
    UPDATE "ChannelIdentity" SET "chatId" = ${chatId}, "lastInboundAt" = ${now}
    WHERE "channel" = ${channel} AND "externalId" = ${externalId}`);
  return touched === 1;
}

/**
 * Creates the identity with its citizen (first contact).
 * @throws Prisma's unique violation (P2002) when another instance created it first.
 */
export async function createIdentity(
  tx: Tx | Db,
  channel: Channel,
  externalId: string,
  chatId: string,
  now: Date,
): Promise<void> {
  await tx.channelIdentity.create({
    data: { channel, externalId, chatId, lastInboundAt: now, citizen: { create: {} } },
  });
}
