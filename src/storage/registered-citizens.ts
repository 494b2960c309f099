import { randomUUID } from "node:crypto";
import { citizenRef } from "../domain/citizen-ref.ts";
import type { ClerkChannel } from "../domain/vocabulary.ts";
import type { Db } from "./database.ts";

/** The citizens of the calls and visits clerks register in the console. */
export interface RegisteredCitizens {
  /**
   * A new citizen and identity of `channel` for one registration, as Open311's anonymous
   * reporters have (nothing but their words tells two callers apart); its citizen ref.
   * `bySms`: their notices go by SMS (a mobile left, SMS configured). The identity's chat is
   * then its own id, so that each citizen's notices queue apart; without it there is none and
   * nothing is written to them.
   */
  newCitizen(channel: ClerkChannel, bySms: boolean): Promise<string>;
}

export function createRegisteredCitizens(db: Db): RegisteredCitizens {
  return {
    async newCitizen(channel, bySms) {
      const externalId = randomUUID();
      await db.channelIdentity.create({
        data: {
          channel,
          externalId,
          chatId: bySms ? externalId : null,
          citizen: { create: {} },
        },
      });
      return citizenRef(channel, externalId);
    },
  };
}
