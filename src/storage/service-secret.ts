import { randomBytes } from "node:crypto";
import { isUniqueViolation, type Db } from "./database.ts";

/**
 * The service's signing secret (web session tokens, trusted-device cookies of staff): 32
 * random bytes made on the first start and kept in the database, so that every instance
 * and every restart signs and checks alike. Kept as the ChannelCursor row "secret:signing".
 */
export async function loadSigningSecret(db: Db): Promise<Buffer> {
  const name = "secret:signing";
  const existing = await db.channelCursor.findUnique({ where: { name } });
  if (existing) return Buffer.from(existing.cursor, "base64url");
  try {
    const cursor = randomBytes(32).toString("base64url");
    await db.channelCursor.create({ data: { name, cursor } });
    return Buffer.from(cursor, "base64url");
  } catch (error) {
    // Another instance made it first: use theirs.
    if (!isUniqueViolation(error)) throw error;
    const row = await db.channelCursor.findUniqueOrThrow({ where: { name } });
    return Buffer.from(row.cursor, "base64url");
  }
}
