/**
 * A handled inbox update (a chat message as it arrived, the citizen's words in it) is kept
 * INBOX_KEEP_DAYS after it was handled, then removed, on both databases. Kept whatever their
 * age: an update not yet handled, one set aside for the clerks, and each channel's newest.
 */
import pino from "pino";
import { describe, expect, it } from "vitest";
import { inboxExpiries } from "../../src/storage/inbox-retention.ts";
import { createInboxStore } from "../../src/storage/inbox-store.ts";
import { keepNoLongerThanNeeded } from "../../src/storage/retention.ts";
import { DAY } from "../support/clock.ts";
import { freshDatabase, PROVIDERS } from "../support/databases.ts";

const now = new Date("2026-12-07T09:00:00.000Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
const KEEP_MS = 30 * DAY;

describe.each(PROVIDERS)("handled inbox updates past their keeping time (%s)", (provider) => {
  async function inboxWith(channel: "telegram" | "wecom", ids: readonly number[]) {
    const db = await freshDatabase(provider);
    const inbox = createInboxStore(db);
    await inbox.store(
      channel,
      ids.map((id) => ({
        updateId: String(id),
        chatId: "chat-1",
        sequence: BigInt(id),
        payload: { text: `第${id}条消息` },
      })),
    );
    const remaining = async () =>
      (
        await db.inboxUpdate.findMany({ select: { updateId: true }, orderBy: { sequence: "asc" } })
      ).map((row) => Number(row.updateId));
    return { inbox, remaining };
  }

  async function runOnce(inbox: ReturnType<typeof createInboxStore>) {
    const retention = keepNoLongerThanNeeded(
      inboxExpiries(inbox, KEEP_MS),
      { now: () => now },
      pino({ level: "silent" }),
    );
    retention.start();
    await retention.stop();
  }

  it("removes the updates handled more than 30 days ago and keeps the rest", async () => {
    const { inbox, remaining } = await inboxWith("telegram", [1, 2, 3, 4, 5, 6]);
    await inbox.complete("telegram", "1", daysAgo(45));
    await inbox.complete("telegram", "2", daysAgo(31));
    await inbox.setAside("telegram", "3", "the database was unavailable", daysAgo(40));
    // 4 was never handled.
    await inbox.complete("telegram", "5", daysAgo(29));
    await inbox.complete("telegram", "6", daysAgo(40));

    await runOnce(inbox);

    // 3 set aside, 4 not handled, 5 handled 29 days ago, 6 the channel's newest.
    expect(await remaining()).toEqual([3, 4, 5, 6]);
  });

  it("keeps a channel's newest update however old: WeCom numbers its next updates on it", async () => {
    const { inbox, remaining } = await inboxWith("wecom", [7]);
    await inbox.complete("wecom", "7", daysAgo(90));

    await runOnce(inbox);

    expect(await remaining()).toEqual([7]);
  });

  it("removes in batches, each as many as asked", async () => {
    const { inbox, remaining } = await inboxWith("telegram", [1, 2, 3, 4]);
    for (const id of ["1", "2", "3", "4"]) await inbox.complete("telegram", id, daysAgo(60));

    expect(await inbox.removeHandled("telegram", daysAgo(30), 2)).toBe(2);
    expect(await inbox.removeHandled("telegram", daysAgo(30), 2)).toBe(1);
    expect(await inbox.removeHandled("telegram", daysAgo(30), 2)).toBe(0);
    expect(await remaining()).toEqual([4]);
  });
});
