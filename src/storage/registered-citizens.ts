import { randomUUID } from "node:crypto";
import { citizenRef } from "../domain/citizen-ref.ts";
import { CLERK_CHANNELS, type ClerkChannel } from "../domain/vocabulary.ts";
import type { Db } from "./database.ts";

/** The citizens of the calls and visits clerks register in the console. */
export interface RegisteredCitizens {
  /**
   * The citizen ref of a registration of `channel`. With `mobile` (the mobile number the caller
   * left, as contacts are stored) that an earlier registered call or visit was left with, the
   * citizen of the newest such case: the man who phones every week is one citizen (a visit of
   * his after his calls too, through an identity of each channel). Otherwise, and for a
   * landline (a household's or a village office's, shared) or an anonymous caller, a new
   * citizen and identity, as Open311's anonymous reporters have. A chat citizen who left the
   * same number is never taken: identities are not merged across channels.
   * `bySms`: their notices go by SMS (a mobile left, SMS configured). The identity's chat is
   * then its own id, so that each citizen's notices queue apart; without it there is none and
   * nothing is written to them.
   */
  citizenOf(channel: ClerkChannel, mobile: string | null, bySms: boolean): Promise<string>;
}

export function createRegisteredCitizens(db: Db): RegisteredCitizens {
  /** The citizen of the newest registered call or visit left with `mobile`, if any. */
  async function earlierCallerOf(mobile: string): Promise<string | null> {
    const earlier = await db.case.findFirst({
      where: { contactPhone: mobile, anonymous: false, channel: { in: [...CLERK_CHANNELS] } },
      orderBy: [{ submittedAt: "desc" }, { id: "desc" }],
      select: { citizenId: true },
    });
    return earlier?.citizenId ?? null;
  }

  async function identityOf(citizenId: string, channel: ClerkChannel, bySms: boolean) {
    const kept = await db.channelIdentity.findFirst({
      where: { citizenId, channel },
      orderBy: { createdAt: "asc" },
      select: { id: true, externalId: true },
    });
    if (kept) {
      // SMS may have been configured (or dropped) since their last call.
      await db.channelIdentity.update({
        where: { id: kept.id },
        data: { chatId: bySms ? kept.externalId : null },
      });
      return kept.externalId;
    }
    const externalId = randomUUID();
    await db.channelIdentity.create({
      data: { channel, externalId, chatId: bySms ? externalId : null, citizenId },
    });
    return externalId;
  }

  async function newCitizen(channel: ClerkChannel, bySms: boolean) {
    const externalId = randomUUID();
    await db.channelIdentity.create({
      data: {
        channel,
        externalId,
        chatId: bySms ? externalId : null,
        citizen: { create: {} },
      },
    });
    return externalId;
  }

  return {
    async citizenOf(channel, mobile, bySms) {
      const earlier = mobile === null ? null : await earlierCallerOf(mobile);
      const externalId = earlier
        ? await identityOf(earlier, channel, bySms)
        : await newCitizen(channel, bySms);
      return citizenRef(channel, externalId);
    },
  };
}
