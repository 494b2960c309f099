import { describe, expect, it } from "vitest";
import { createOutboxStore } from "../../src/notifications/outbox-store.ts";
import { openDatabase } from "../../src/storage/database.ts";
import { freshDatabase, freshDatabaseTarget, PROVIDERS } from "../support/databases.ts";
import { notice, testClock } from "./helpers.ts";
import { prismaStatements } from "../../src/storage/plain-sql.ts";

describe.each(PROVIDERS)("outbox store on %s", (provider) => {
  it("lets only the oldest unfinished row of a recipient be claimed, and keeps order", async () => {
    const db = await freshDatabase(provider);
    const clock = testClock();
    const store = createOutboxStore(db, clock);
    await db.$transaction((tx) =>
      store.enqueue(prismaStatements(tx), [notice(1, "A-1"), notice(1, "A-2"), notice(2, "B-1")]),
    );
    const first = await store.claimBatch("w1", 10, 60_000);
    expect(first.map((m) => (m.payload as { trackingNo: string }).trackingNo).sort()).toEqual([
      "A-1",
      "B-1",
    ]);
    // Leased heads block their recipients.
    expect(await store.claimBatch("w2", 10, 60_000)).toEqual([]);
    const a1 = first.find((m) => m.recipient === "1")!;
    // A head waiting for a retry still blocks the rows behind it.
    await store.markRetry(a1, {
      nextAttemptAt: new Date(clock.now().getTime() + 5000),
      error: "x",
    });
    expect(await store.claimBatch("w2", 10, 60_000)).toEqual([]);
    clock.advance(5000);
    const again = await store.claimBatch("w2", 10, 60_000);
    expect(again.map((m) => m.id)).toEqual([a1.id]);
    expect(again[0]?.attempts).toBe(1);
    expect(await store.markSent(again[0]!)).toBe(true);
    const next = await store.claimBatch("w2", 10, 60_000);
    expect(next.map((m) => (m.payload as { trackingNo: string }).trackingNo)).toEqual(["A-2"]);
  });

  it("hands an expired lease to another worker, and the old owner can no longer record", async () => {
    const db = await freshDatabase(provider);
    const clock = testClock();
    const store = createOutboxStore(db, clock);
    await db.$transaction((tx) => store.enqueue(prismaStatements(tx), [notice(1, "A-1")]));
    const [dead] = await store.claimBatch("crashed", 10, 30_000);
    clock.advance(29_999);
    expect(await store.claimBatch("w2", 10, 30_000)).toEqual([]);
    clock.advance(1);
    const [taken] = await store.claimBatch("w2", 10, 30_000);
    expect(taken?.id).toBe(dead?.id);
    expect(await store.markRetry(dead!, { nextAttemptAt: clock.now(), error: "late" })).toBe(false);
    expect(await store.markFailed(dead!, "late")).toBe(false);
    expect(await store.markSent(taken!)).toBe(true);
  });

  it("holds a recipient's rows and releases them in order", async () => {
    const db = await freshDatabase(provider);
    const clock = testClock();
    const store = createOutboxStore(db, clock);
    await db.$transaction((tx) =>
      store.enqueue(prismaStatements(tx), [
        notice("wx1", "W-1"),
        notice("wx1", "W-2"),
        notice("wx2", "V-1"),
      ]),
    );
    const claimed = await store.claimBatch("w1", 10, 60_000);
    const w1 = claimed.find((m) => m.recipient === "wx1")!;
    expect(await store.hold(w1, "outside the 48-hour window")).toBe(true);
    const rows = await db.outboxMessage.findMany({ where: { recipient: "wx1" } });
    expect(rows.map((r) => r.status)).toEqual(["held", "held"]);
    expect(await store.claimBatch("w1", 10, 60_000)).toEqual([]);
    expect(await store.release("telegram", "wx1")).toBe(2);
    const released = await store.claimBatch("w1", 10, 60_000);
    expect(released.map((m) => (m.payload as { trackingNo: string }).trackingNo)).toEqual(["W-1"]);
  });

  it("claims a recipient's held rows, and those queued behind them, at once for a digest", async () => {
    const db = await freshDatabase(provider);
    const clock = testClock();
    const store = createOutboxStore(db, clock);
    await db.$transaction((tx) =>
      store.enqueue(prismaStatements(tx), [notice("wx1", "W-1"), notice("wx1", "W-2")]),
    );
    expect(await store.hasHeld("telegram", "wx1")).toBe(false);
    expect(await store.claimHeld("telegram", "wx1", "d", 60_000)).toEqual([]);
    const [head] = await store.claimBatch("w1", 10, 60_000);
    await store.hold(head!, "outside the 48-hour window");
    expect(await store.hasHeld("telegram", "wx1")).toBe(true);
    await db.$transaction((tx) => store.enqueue(prismaStatements(tx), [notice("wx1", "W-3")]));
    const digest = await store.claimHeld("telegram", "wx1", "d", 60_000);
    expect(digest.map((m) => (m.payload as { trackingNo: string }).trackingNo)).toEqual([
      "W-1",
      "W-2",
      "W-3",
    ]);
    expect(new Set(digest.map((m) => m.leaseToken)).size).toBe(1);
    expect(await store.hasHeld("telegram", "wx1")).toBe(false);
    expect(await store.claimBatch("w1", 10, 60_000)).toEqual([]);
    for (const row of digest) expect(await store.markSent(row)).toBe(true);
  });

  it("never gives one row to two workers claiming at once on separate connections", async () => {
    const target = await freshDatabaseTarget(provider);
    const [dbA, dbB] = [await openDatabase(target), await openDatabase(target)];
    try {
      const clock = testClock();
      const [a, b] = [createOutboxStore(dbA, clock), createOutboxStore(dbB, clock)];
      await dbA.$transaction((tx) =>
        a.enqueue(
          prismaStatements(tx),
          Array.from({ length: 60 }, (_, i) => notice(100 + i, `N-${i}`)),
        ),
      );
      const [left, right] = await Promise.all([
        a.claimBatch("a", 60, 60_000),
        b.claimBatch("b", 60, 60_000),
      ]);
      const ids = [...left, ...right].map((m) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(60);
    } finally {
      await Promise.all([dbA.$disconnect(), dbB.$disconnect()]);
    }
  });
});
