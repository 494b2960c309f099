/**
 * The clerks' notice of a deadline round's escalations (超期督办), one text for all the cases a
 * batch escalated instead of one message each: at a city's volume a midnight round escalates
 * about 1,800 overdue cases, and one message each to the clerks' Telegram group (20 a minute)
 * took an hour and a half to send, with every new case's card queued behind them. The most
 * overdue first, each with its deadline and unit; tracking numbers only, never a citizen.
 */
import type { DeadlineClock } from "../domain/lifecycle/notifications.ts";
import { CLOCK } from "./messages-zh.ts";
import { formatDate } from "../i18n/format.ts";

/** One escalated case, as the digest lists it. */
export interface EscalatedCase {
  readonly trackingNo: string;
  readonly clock: DeadlineClock;
  readonly dueAt: Date;
  readonly overdueDays: number;
  readonly unitName: string | null;
}

/** The cases a digest lists by name; the rest are counted (they are all on the console). */
export const ESCALATION_DIGEST_TOP = 30;

/** @throws RangeError for no cases: a digest always has something to say. */
export function escalationDigestText(cases: readonly EscalatedCase[]): string {
  if (cases.length === 0) throw new RangeError("an escalation digest needs at least one case");
  const listed = [...cases]
    .sort((a, b) => b.overdueDays - a.overdueDays || a.trackingNo.localeCompare(b.trackingNo))
    .slice(0, ESCALATION_DIGEST_TOP);
  const lines = listed.map(
    (c) =>
      `· ${c.trackingNo} ${CLOCK[c.clock]}期限 ${formatDate("zh", c.dueAt)}，已超过 ${c.overdueDays} 天${
        c.unitName === null ? "" : `（${c.unitName}）`
      }`,
  );
  const rest = cases.length - listed.length;
  return [
    `【超期督办】${cases.length} 件事项已超过期限，请督办：`,
    ...lines,
    ...(rest > 0 ? [`另有 ${rest} 件，见控制台案件列表。`] : []),
  ].join("\n");
}
