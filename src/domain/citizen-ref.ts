import { CASE_CHANNELS, type CaseChannel } from "./vocabulary.ts";

const CITIZEN_REF = new RegExp(`^(${CASE_CHANNELS.join("|")}):(.+)$`);

/**
 * A citizen as the intake engine knows them: `<channel>:<external id>`
 * (telegram:12345, wecom:wmXXXX, web:<session>). The engine treats it as opaque.
 */
export function citizenRef(channel: CaseChannel, externalId: string): string {
  return `${channel}:${externalId}`;
}

export function parseCitizenRef(ref: string): { channel: CaseChannel; externalId: string } | null {
  const match = CITIZEN_REF.exec(ref);
  return match ? { channel: match[1] as CaseChannel, externalId: match[2]! } : null;
}
