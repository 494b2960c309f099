import { CHANNELS } from "../domain/vocabulary.ts";
import type { InboxStore } from "./inbox-store.ts";
import type { Expiry } from "./retention.ts";

/**
 * An inbox update is a chat message as it arrived — the citizen's words, name and number in
 * it, also of people who never filed anything. It serves until it is handled, and then only as
 * long as its channel may deliver it again (Telegram for a day, WeCom within its sync); what
 * was filed is kept in the case. So a handled update is removed `keepMs` after it was handled
 * (INBOX_KEEP_DAYS), one expiry per channel. An update set aside after its last attempt stays
 * for the clerks.
 */
export function inboxExpiries(inbox: Pick<InboxStore, "removeHandled">, keepMs: number): Expiry[] {
  return CHANNELS.map((channel) => ({
    kind: `handled ${channel} inbox updates`,
    remove: (now, most) => inbox.removeHandled(channel, new Date(now.getTime() - keepMs), most),
  }));
}
