/**
 * The inbox's completion claims the chat's next update in the same statement: the update done
 * is completed whatever it finds, and the next is claimed only as claimNextOf would claim it
 * (the chat's earliest unhandled update, not leased elsewhere). Two instances on one
 * PostgreSQL handle nothing twice, each chat's updates in order. An update of an idle chat is
 * claimed by the statement that stores it.
 */
import { describe, expect, it } from "vitest";
import { createInboxProcessor } from "../../src/channels/inbox-processor.ts";
import { createLogger } from "../../src/logging/logger.ts";
import { createInboxStore } from "../../src/storage/inbox-store.ts";
import {
  freshDatabase,
  freshDatabaseTarget,
  openTestDatabase,
  PROVIDERS,
} from "../support/databases.ts";

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

  it("claims an update of an idle chat with the statement that stores it", async () => {
    const { inbox, row } = await inboxWith([{ id: 1, chat: "a" }]);
    await inbox.claimNextOf("telegram", "a", now, LEASE_MS);
    await inbox.complete("telegram", "1", now);

    const claimed = await inbox.storeAndClaim(
      "telegram",
      {
        updateId: "2",
        chatId: "a",
        sequence: 2n,
        payload: { update_id: 2, text: "路灯\u0000坏了" },
      },
      now,
      LEASE_MS,
    );

    const stored = { update_id: 2, text: "路灯坏了" };
    expect(claimed).toEqual({
      updateId: "2",
      chatId: "a",
      sequence: 2n,
      payload: stored,
      attempts: 1,
      repliesSent: 0,
    });
    expect(await row(2)).toMatchObject({
      payload: stored,
      processedAt: null,
      leaseUntil: new Date(now.getTime() + LEASE_MS),
      attempts: 1,
    });
    // In hand: the chat's claim finds nothing to take.
    expect(await inbox.claimNextOf("telegram", "a", now, LEASE_MS)).toBeNull();
  });

  it("stores an update without claiming it when its chat has one before it, or when it came before", async () => {
    const { inbox, row } = await inboxWith([
      { id: 1, chat: "a" },
      { id: 2, chat: "b" },
    ]);
    const update = (id: number, chatId: string) => ({
      updateId: String(id),
      chatId,
      sequence: BigInt(id),
      payload: { update_id: id },
    });

    expect(await inbox.storeAndClaim("telegram", update(3, "a"), now, LEASE_MS)).toBeNull();
    expect(await row(3)).toMatchObject({ leaseUntil: null, attempts: 0 });
    // Redelivered: already stored, left as it was.
    expect(await inbox.storeAndClaim("telegram", update(2, "b"), now, LEASE_MS)).toBeNull();
    expect(await row(2)).toMatchObject({ leaseUntil: null, attempts: 0 });
    // The chat's own claim takes its updates in order.
    expect((await inbox.claimNextOf("telegram", "a", now, LEASE_MS))?.updateId).toBe("1");
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

describe("two instances' inbox processors on one PostgreSQL", () => {
  it("handle every update once, each chat's in order and one at a time", async () => {
    const target = await freshDatabaseTarget("postgres");
    const stores = [
      createInboxStore(await openTestDatabase(target)),
      createInboxStore(await openTestDatabase(target)),
    ];
    const chats = ["a", "b", "c", "d", "e", "f"];
    const perChat = 8;
    const handled: { chatId: string; sequence: bigint; instance: number }[] = [];
    const inHandByChat = new Set<string>();
    const overlaps: string[] = [];
    const processors = stores.map((inbox, instance) =>
      createInboxProcessor({
        channel: "telegram",
        inbox,
        clock: { now: () => new Date() },
        logger: createLogger("silent", false),
        handle: async (claimed) => {
          const chatId = claimed.chatId!;
          if (inHandByChat.has(chatId)) overlaps.push(chatId);
          inHandByChat.add(chatId);
          handled.push({ chatId, sequence: claimed.sequence, instance });
          // A turn's round trips: the other instance claims meanwhile.
          await new Promise((resolve) => setTimeout(resolve, 1 + (Number(claimed.sequence) % 5)));
          inHandByChat.delete(chatId);
        },
      }),
    );

    // Updates arrive in rounds, each instance receiving some, as two webhooks would.
    for (let round = 0; round < perChat; round++) {
      for (const [index, chatId] of chats.entries()) {
        const sequence = round * chats.length + index + 1;
        const instance = sequence % 2;
        await processors[instance]!.receive({
          updateId: String(sequence),
          chatId,
          sequence: BigInt(sequence),
          payload: {},
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    const deadline = Date.now() + 15_000;
    while (handled.length < chats.length * perChat && Date.now() < deadline) {
      await Promise.all(processors.map((processor) => processor.kick()));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await Promise.all(processors.map((processor) => processor.stop()));

    expect(handled).toHaveLength(chats.length * perChat);
    expect(overlaps).toEqual([]);
    for (const chatId of chats) {
      const sequences = handled.filter((h) => h.chatId === chatId).map((h) => h.sequence);
      expect(sequences).toEqual([...sequences].sort((x, y) => (x < y ? -1 : 1)));
      expect(new Set(sequences).size).toBe(perChat);
    }
    expect(new Set(handled.map((h) => h.instance))).toEqual(new Set([0, 1]));
  });
});

describe("one chat's updates arriving at two instances at the same moment, on PostgreSQL", () => {
  const CHATS = 60;
  const update = (id: number, chatId: string) => ({
    updateId: String(id),
    chatId,
    sequence: BigInt(id),
    payload: { update_id: id },
  });
  async function twoInstances() {
    const target = await freshDatabaseTarget("postgres");
    return [
      createInboxStore(await openTestDatabase(target)),
      createInboxStore(await openTestDatabase(target)),
    ] as const;
  }

  it("are never both claimed: the chat's second update waits for its first", async () => {
    const [first, second] = await twoInstances();
    const pairs = await Promise.all(
      Array.from({ length: CHATS }, (_, i) =>
        Promise.all([
          first.storeAndClaim("telegram", update(2 * i + 1, `chat${i}`), now, LEASE_MS),
          second.storeAndClaim("telegram", update(2 * i + 2, `chat${i}`), now, LEASE_MS),
        ]),
      ),
    );
    for (const pair of pairs) expect(pair.filter((claimed) => claimed !== null)).toHaveLength(1);
  });

  it("leave the next update claimed when one instance completes as the other stores it", async () => {
    const [first, second] = await twoInstances();
    for (let i = 0; i < CHATS; i++) {
      await first.storeAndClaim("telegram", update(2 * i + 1, `chat${i}`), now, LEASE_MS);
    }
    const pairs = await Promise.all(
      Array.from({ length: CHATS }, (_, i) =>
        Promise.all([
          first.completeAndClaimNext("telegram", update(2 * i + 1, `chat${i}`), now, LEASE_MS),
          second.storeAndClaim("telegram", update(2 * i + 2, `chat${i}`), now, LEASE_MS),
        ]),
      ),
    );
    // Whoever comes second finds the other's work done: the completion claims the stored
    // update, or the update stored after the completion is claimed as it is stored.
    for (const pair of pairs) {
      expect(
        pair.filter((claimed) => claimed !== null).map((claimed) => claimed!.updateId),
      ).toHaveLength(1);
    }
  });
});
