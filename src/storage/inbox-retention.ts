import type { Logger } from "pino";
import { CHANNELS } from "../domain/vocabulary.ts";
import { createPeriodic, type Periodic } from "../periodic.ts";
import type { InboxStore } from "./inbox-store.ts";

/** How often handled updates past their keeping time are looked for. */
const REVIEW_INTERVAL_MS = 3_600_000;
/** Updates removed per channel per run: a backlog (a first run at a city's volume) goes in hours. */
const MOST_PER_RUN = 50_000;

/**
 * An inbox update is a chat message as it arrived — the citizen's words, name and number in
 * it, also of people who never filed anything. It serves until it is handled, and then only as
 * long as its channel may deliver it again (Telegram for a day, WeCom within its sync); what
 * was filed is kept in the case. So a handled update is removed `keepMs` after it was handled
 * (INBOX_KEEP_DAYS): personal data kept no longer than its purpose needs (个人信息保护法 第十九条).
 * An update set aside after its last attempt stays for the clerks. Every instance may run it:
 * removing what another removed is nothing.
 */
export function keepInboxFor(
  inbox: Pick<InboxStore, "removeHandled">,
  keepMs: number,
  clock: { now(): Date },
  logger: Logger,
): Periodic {
  return createPeriodic(
    async () => {
      const before = new Date(clock.now().getTime() - keepMs);
      for (const channel of CHANNELS) {
        const removed = await inbox.removeHandled(channel, before, MOST_PER_RUN);
        if (removed > 0) logger.info({ channel, removed }, "handled inbox updates removed");
      }
    },
    REVIEW_INTERVAL_MS,
    (error) => logger.error({ err: error }, "removing handled inbox updates failed"),
  );
}
