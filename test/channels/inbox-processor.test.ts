/**
 * The inbox processor takes a chat's updates one at a time, in order: each update claimed by
 * its chat when it is offered, the next one with the completion of the one before. An update
 * offered while its chat is busy is not left for the sweep. What arrives for an idle chat is
 * claimed by the statement that stores it.
 */
import { describe, expect, it } from "vitest";
import { createInboxProcessor } from "../../src/channels/inbox-processor.ts";
import { createLogger } from "../../src/logging/logger.ts";
import type { ClaimedUpdate, InboxStore } from "../../src/storage/inbox-store.ts";

const clock = { now: () => new Date("2026-12-03T09:00:00.000Z") };

function update(id: number, chatId = "a"): ClaimedUpdate {
  return {
    updateId: String(id),
    chatId,
    sequence: BigInt(id),
    payload: { update_id: id },
    attempts: 1,
    repliesSent: 0,
  };
}

/** A promise and the function that settles it. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

/** An inbox whose claims answer what the test gives them, in order; the calls recorded. */
function scriptedInbox(claims: Promise<ClaimedUpdate | null>[], nexts: (ClaimedUpdate | null)[]) {
  const calls: string[] = [];
  const inbox = {
    claimNextOf: (_channel, chatId) => {
      calls.push(`claimNextOf ${chatId}`);
      return claims.shift() ?? Promise.resolve(null);
    },
    completeAndClaimNext: (_channel, done) => {
      calls.push(`completeAndClaimNext ${done.updateId}`);
      return Promise.resolve(nexts.shift() ?? null);
    },
    complete: (_channel, updateId) => {
      calls.push(`complete ${updateId}`);
      return Promise.resolve();
    },
    claimReady: () => Promise.resolve([]),
    storeAndClaim: (_channel, stored) => {
      calls.push(`storeAndClaim ${stored.updateId}`);
      return Promise.resolve(stored.updateId === "1" ? update(1) : null);
    },
  } as Partial<InboxStore> as InboxStore;
  return { inbox, calls };
}

/** A Telegram processor over `inbox` that records the updates it handles, in order. */
function processorOver(inbox: InboxStore) {
  const handled: string[] = [];
  const processor = createInboxProcessor({
    channel: "telegram",
    inbox,
    clock,
    logger: createLogger("silent", false),
    handle: (claimed) => {
      handled.push(claimed.updateId);
      return Promise.resolve();
    },
  });
  return { processor, handled };
}

describe("the inbox processor", () => {
  it("claims a chat's next update with the completion of the one before", async () => {
    const { inbox, calls } = scriptedInbox([Promise.resolve(update(1))], [update(2), null]);
    const { processor, handled } = processorOver(inbox);

    processor.offer(["a"]);
    await processor.kick();

    expect(handled).toEqual(["1", "2"]);
    expect(calls).toEqual(["claimNextOf a", "completeAndClaimNext 1", "completeAndClaimNext 2"]);
  });

  it("claims again for a chat offered while its claim ran, not leaving the update to the sweep", async () => {
    const claim = deferred<ClaimedUpdate | null>();
    const { inbox, calls } = scriptedInbox([claim.promise, Promise.resolve(update(2))], []);
    const { processor, handled } = processorOver(inbox);

    processor.offer(["a"]);
    // Update 2 is stored after the claim looked, and offered while the claim runs.
    processor.offer(["a"]);
    claim.resolve(null);
    await processor.kick();

    expect(handled).toEqual(["2"]);
    expect(calls.slice(0, 2)).toEqual(["claimNextOf a", "claimNextOf a"]);
  });

  it("handles an update its store claimed, and claims by its chat one the store left", async () => {
    const { inbox, calls } = scriptedInbox([Promise.resolve(update(2))], [null, null]);
    const { processor, handled } = processorOver(inbox);

    await processor.receive({ updateId: "1", chatId: "a", sequence: 1n, payload: {} });
    await processor.kick();
    // Update 2's chat has one before it (in hand elsewhere, say): its store does not claim it.
    await processor.receive({ updateId: "2", chatId: "a", sequence: 2n, payload: {} });
    await processor.kick();

    expect(handled).toEqual(["1", "2"]);
    expect(calls).toEqual([
      "storeAndClaim 1",
      "completeAndClaimNext 1",
      "storeAndClaim 2",
      "claimNextOf a",
      "completeAndClaimNext 2",
    ]);
  });
});
