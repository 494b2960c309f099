import { randomUUID } from "node:crypto";
import { citizenRef } from "../domain/citizen-ref.ts";
import type { ClerkChannel } from "../domain/vocabulary.ts";
import { isUniqueViolation, type Db } from "./database.ts";

/** The citizens of the calls and visits clerks register in the console. */
export interface RegisteredCitizens {
  /**
   * The citizen ref of a registration of `channel`. With `mobile` (the mobile number the caller
   * left, as contacts are stored), the one citizen of that number (RegisteredCaller), made at its
   * first call or visit: the man who phones every week is one citizen (a visit of his after his
   * calls too, through an identity of each channel), and two registrations of a new number at
   * the same moment make one citizen, on any number of instances. Otherwise, and for a
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
    const identity = newIdentity(channel, bySms);
    await db.channelIdentity.create({ data: { ...identity, citizenId } });
    return identity.externalId;
  }

  /** A new identity of `channel`; by SMS, its chat is its own id (see citizenOf). */
  function newIdentity(channel: ClerkChannel, bySms: boolean) {
    const externalId = randomUUID();
    return { channel, externalId, chatId: bySms ? externalId : null };
  }

  async function newCitizen(channel: ClerkChannel, bySms: boolean) {
    const identity = newIdentity(channel, bySms);
    await db.channelIdentity.create({ data: { ...identity, citizen: { create: {} } } });
    return identity.externalId;
  }

  /**
   * The identity of `mobile`'s citizen on `channel`. A new number's citizen is created with the
   * number's row in one statement; when another registration (another clerk, another instance)
   * wrote the row first, the database refuses ours, nothing of it is kept, and theirs is taken.
   */
  async function identityOfMobile(mobile: string, channel: ClerkChannel, bySms: boolean) {
    const known = await db.registeredCaller.findUnique({ where: { mobile } });
    if (known) return identityOf(known.citizenId, channel, bySms);
    const identity = newIdentity(channel, bySms);
    try {
      await db.registeredCaller.create({
        data: { mobile, citizen: { create: { identities: { create: identity } } } },
      });
      return identity.externalId;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const first = await db.registeredCaller.findUniqueOrThrow({ where: { mobile } });
      return identityOf(first.citizenId, channel, bySms);
    }
  }

  return {
    async citizenOf(channel, mobile, bySms) {
      const externalId =
        mobile === null
          ? await newCitizen(channel, bySms)
          : await identityOfMobile(mobile, channel, bySms);
      return citizenRef(channel, externalId);
    },
  };
}
