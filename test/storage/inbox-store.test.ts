/**
 * The inbox's completion claims the chat's next update in the same statement: the update done
 * is completed whatever it finds, and the next is claimed only as claimNextOf would claim it
 * (the chat's earliest unhandled update, not leased elsewhere).
 */
import { describe, expect, it } from "vitest";
import { createInboxStore } from "../../src/storage/inbox-store.ts";
import { freshDatabase, PROVIDERS } from "../support/databases.ts";

const now = new Date("2026-12-03T09:00:00.000Z");
const LEASE_MS = 30_000;

describe.each(PROVIDERS)("the inbox on %s", (provider) => {
  async function inboxWith(updates: { id: number; chat: string }[]) {
    const db = await freshDatabase(provider);
    const inbox = createInboxStore(db);
    await inbox.store(
      "telegram",
      updates.map(({ id, chat }) => ({
        updateId: String(id),
        chatId: chat,
        sequence: BigInt(id),
        payload: { update_id: id },
      })),
    );
    const row = (id: number) =>
      db.inboxUpdate.findUniqueOrThrow({
        where: { channel_updateId: { channel: "telegram", updateId: String(id) } },
      });
    return { inbox, row };
  }

  it("completes an update and claims its chat's next one in one call", async () => {
    const { inbox, row } = await inboxWith([
      { id: 1, chat: "a" },
      { id: 2, chat: "b" },
      { id: 3, chat: "a" },
      { id: 4, chat: "a" },
    ]);
    const first = await inbox.claimNextOf("telegram", "a", now, LEASE_MS);
    expect(first?.updateId).toBe("1");

    const next = await inbox.completeAndClaimNext(
      "telegram",
      { updateId: "1", chatId: "a" },
      now,
      LEASE_MS,
      2,
    );

    expect(next).toEqual({
      updateId: "3",
      chatId: "a",
      sequence: 3n,
      payload: { update_id: 3 },
      attempts: 1,
      repliesSent: 0,
    });
    expect(await row(1)).toMatchObject({ processedAt: now, leaseUntil: null, repliesSent: 2 });
    expect(await row(3)).toMatchObject({
      processedAt: null,
      leaseUntil: new Date(now.getTime() + LEASE_MS),
      attempts: 1,
    });
    expect(await row(4)).toMatchObject({ leaseUntil: null, attempts: 0 });
    expect(await row(2)).toMatchObject({ leaseUntil: null, attempts: 0 });
  });

  it("completes the update and claims nothing when the chat has nothing more", async () => {
    const { inbox, row } = await inboxWith([{ id: 1, chat: "a" }]);
    await inbox.claimNextOf("telegram", "a", now, LEASE_MS);

    expect(
      await inbox.completeAndClaimNext("telegram", { updateId: "1", chatId: "a" }, now, LEASE_MS),
    ).toBeNull();
    expect(await row(1)).toMatchObject({ processedAt: now, leaseUntil: null, repliesSent: 0 });
    expect(await inbox.claimNextOf("telegram", "a", now, LEASE_MS)).toBeNull();
  });

  it("leaves the chat's next update to its lease: waiting for its retry, or in hand elsewhere", async () => {
    const { inbox, row } = await inboxWith([
      { id: 1, chat: "a" },
      { id: 2, chat: "a" },
    ]);
    await inbox.claimNextOf("telegram", "a", now, LEASE_MS);
    const retryAt = new Date(now.getTime() + 4_000);
    await inbox.fail("telegram", "2", "Error: the Bot API did not answer", retryAt);

    expect(
      await inbox.completeAndClaimNext("telegram", { updateId: "1", chatId: "a" }, now, LEASE_MS),
    ).toBeNull();
    expect(await row(1)).toMatchObject({ processedAt: now });
    expect(await row(2)).toMatchObject({ leaseUntil: retryAt, attempts: 0 });
  });
});
