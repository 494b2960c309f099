import type { Channel } from "../generated/sqlite/enums.ts";
import { Prisma } from "../generated/sqlite/client.ts";
import { isUniqueViolation, type Db } from "./database.ts";
import { insertRows, plainSqlOf, type PlainStatements } from "./plain-sql.ts";
import { newRowId } from "./row-ids.ts";

export interface IdentityStore {
  /**
   * The citizen behind a channel identity, created on first contact. Records
   * the time of their latest message (WeCom may write back only within 48 hours).
   */
  touch(channel: Channel, externalId: string, chatId: string, now: Date): Promise<void>;
}

export function createIdentityStore(db: Db): IdentityStore {
  const sql = plainSqlOf(db);
  async function touch(channel: Channel, externalId: string, chatId: string, now: Date) {
    if (await touchKnownIdentity(sql, channel, externalId, chatId, now)) return;
    await sql.transaction((tx) => createIdentity(tx, channel, externalId, chatId, now));
  }
  return {
    async touch(channel, externalId, chatId, now) {
      try {
        await touch(channel, externalId, chatId, now);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Another instance created it first: record this message's time on it.
        await touch(channel, externalId, chatId, now);
      }
    },
  };
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
 * Creates the identity with its citizen (first contact), inside the caller's transaction
 * (a turn's, see turn-store.ts).
 * @throws the driver adapter's unique violation (see isUniqueViolation) when another
 *   instance created it first; the transaction is then to be rolled back.
 */
export async function createIdentity(
  tx: PlainStatements,
  channel: Channel,
  externalId: string,
  chatId: string,
  now: Date,
): Promise<void> {
  const citizenId = newRowId();
  await insertRows(tx, "Citizen", [{ id: citizenId, locale: "zh", createdAt: now }]);
  await insertRows(tx, "ChannelIdentity", [
    {
      id: newRowId(),
      channel,
      externalId,
      chatId,
      lastInboundAt: now,
      citizenId,
      createdAt: now,
    },
  ]);
}
