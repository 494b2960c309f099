/**
 * When each web chat page last polled: one row per session, written once per interval per
 * instance, never moved back by a late write.
 */
import { describe, expect, it } from "vitest";
import { createWebPagePresence } from "../../src/storage/web-page-presence.ts";
import { freshDatabase, PROVIDERS } from "../support/databases.ts";

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 2, 8, 0, seconds, 125));

describe.each(PROVIDERS)("web page presence on %s", (provider) => {
  it("records the first poll, then one an interval, to the millisecond", async () => {
    const db = await freshDatabase(provider);
    const presence = createWebPagePresence(db, 30_000);
    expect(await presence.lastPoll("s1")).toBeNull();

    await presence.polled("s1", at(0));
    expect(await presence.lastPoll("s1")).toEqual(at(0));
    await presence.polled("s1", at(10));
    expect(await presence.lastPoll("s1")).toEqual(at(0));
    await presence.polled("s1", at(31));
    expect(await presence.lastPoll("s1")).toEqual(at(31));
    expect(await presence.lastPoll("s2")).toBeNull();
    expect(await db.webPagePresence.count()).toBe(1);
  });

  it("keeps the latest poll when instances write out of order", async () => {
    const db = await freshDatabase(provider);
    const [a, b] = [createWebPagePresence(db), createWebPagePresence(db)];

    await a.polled("s1", at(40));
    await b.polled("s1", at(5));
    expect(await a.lastPoll("s1")).toEqual(at(40));

    await Promise.all([a.polled("s2", at(1)), b.polled("s2", at(2))]);
    expect(await b.lastPoll("s2")).toEqual(at(2));
    expect(await db.webPagePresence.count()).toBe(2);
  });
});
