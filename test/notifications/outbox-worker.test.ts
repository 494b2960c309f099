import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutboxWorker } from "../../src/notifications/outbox-worker.ts";
import { createOutboxWorker } from "../../src/notifications/outbox-worker.ts";
import { createOutboxStore, type OutboxStore } from "../../src/notifications/outbox-store.ts";
import { createRateLimiter, type RateLimiter } from "../../src/notifications/rate-limiter.ts";
import {
  plainNotices,
  renderNotification,
  renderOutboxPayload,
} from "../../src/notifications/render.ts";
import { createTelegramSender } from "../../src/notifications/telegram-sender.ts";
import { openDatabase, type Db } from "../../src/storage/database.ts";
import { startFakeTelegram, type FakeTelegram } from "../support/fake-telegram.ts";
import { freshDatabaseTarget, PROVIDERS } from "../support/databases.ts";
import {
  notice,
  payload,
  quietLogger,
  seeded,
  testClock,
  virtualSleep,
  type TestClock,
} from "./helpers.ts";
import { prismaStatements } from "../../src/storage/plain-sql.ts";

let fake: FakeTelegram;
beforeAll(async () => {
  fake = await startFakeTelegram();
});
afterAll(() => fake.close());

const FAST = { backoff: { baseMs: 100, maxMs: 2_000, maxAttempts: 50 }, leaseMs: 60_000 };

function worker(
  db: Db,
  clock: TestClock,
  options: { id?: string; limiter?: RateLimiter; logs?: string[] } = {},
): { worker: OutboxWorker; store: OutboxStore } {
  const store = createOutboxStore(db, clock);
  const api = new Api(fake.token, { apiRoot: fake.apiRoot });
  const limiter =
    options.limiter ??
    createRateLimiter({ clock, sleep: virtualSleep(clock), limits: { perChatIntervalMs: 0 } });
  return {
    store,
    worker: createOutboxWorker({
      store,
      channels: {
        telegram: { sender: createTelegramSender({ api, limiter }), renderer: plainNotices },
      },
      clock,
      logger: quietLogger(options.logs),
      limits: FAST,
      random: seeded(7),
      ...(options.id === undefined ? {} : { workerId: options.id }),
    }),
  };
}

/** Drains all workers together, moving the clock past every retry, until nothing is pending. */
async function deliverAll(db: Db, clock: TestClock, workers: OutboxWorker[]): Promise<void> {
  for (let round = 0; round < 200; round++) {
    await Promise.all(workers.map((w) => w.drain()));
    if ((await db.outboxMessage.count({ where: { status: "pending" } })) === 0) return;
    clock.advance(2_000);
  }
  throw new Error("the outbox did not empty");
}

function textsTo(chatId: number): string[] {
  return fake.sentMessages(chatId).map((m) => m.text ?? "");
}

let nextChat = 5000;
function chats(count: number): number[] {
  return Array.from({ length: count }, () => fake.user(nextChat++).chat.id);
}

describe.each(PROVIDERS)("outbox worker on %s", (provider) => {
  let db: Db;
  let second: Db;
  beforeAll(async () => {
    const target = await freshDatabaseTarget(provider);
    [db, second] = [await openDatabase(target), await openDatabase(target)];
  });
  afterAll(() => Promise.all([db.$disconnect(), second.$disconnect()]));

  it("delivers every notification exactly once, in order per citizen, through 30% failures and 429s", async () => {
    const clock = testClock();
    const { worker: w, store } = worker(db, clock);
    const to = chats(4);
    const longAnswer = "经调查核实，".concat("情况属实，已经整改到位。".repeat(800));
    const rows = to.flatMap((chat, c) =>
      Array.from({ length: 6 }, (_, i) =>
        i === 3
          ? notice(chat, `ZK-${c}-${i}`, {
              kind: "answered",
              status: "answered",
              nextStep: "may_request_review",
              details: { outcome: "explain", answerText: longAnswer, reviewStage: 0 },
            })
          : notice(chat, `ZK-${c}-${i}`),
      ),
    );
    await db.$transaction((tx) => store.enqueue(prismaStatements(tx), rows));
    fake.failNext("sendMessage", 2, { status: 429, retryAfter: 1 });
    fake.failNext("sendMessage", 1, { dropConnection: true });
    fake.failRandomly("sendMessage", 0.3, 42);
    try {
      await deliverAll(db, clock, [w]);
    } finally {
      fake.clearFaults();
    }
    for (const [c, chat] of to.entries()) {
      const expected = rows
        .filter((r) => r.recipient === String(chat))
        .flatMap((r) => renderNotification(r.payload, "citizen").map((m) => m.text));
      expect(textsTo(chat)).toEqual(expected);
      expect(expected.length).toBeGreaterThan(6);
      expect(textsTo(chat)[0]).toContain(`ZK-${c}-0`);
    }
    expect(fake.calls.some((call) => call.error?.error_code === 429)).toBe(true);
    const stored = await db.outboxMessage.findMany({
      where: { recipient: { in: to.map(String) } },
    });
    expect(stored.every((r) => r.status === "sent" && r.sentAt !== null)).toBe(true);
  });

  it("never sends one notification twice with two workers on one database", async () => {
    const clock = testClock();
    const a = worker(db, clock, { id: "a" });
    const b = worker(second, clock, { id: "b" });
    const to = chats(10);
    const rows = to.flatMap((chat) => [1, 2, 3].map((i) => notice(chat, `TW-${chat}-${i}`)));
    await db.$transaction((tx) => a.store.enqueue(prismaStatements(tx), rows));
    fake.failRandomly("sendMessage", 0.2, 9);
    try {
      await deliverAll(db, clock, [a.worker, b.worker]);
    } finally {
      fake.clearFaults();
    }
    for (const chat of to) {
      expect(textsTo(chat).map((t) => /TW-\d+-(\d)/.exec(t)?.[1])).toEqual(["1", "2", "3"]);
    }
  });

  it("picks up pending rows after a restart and takes over an expired lease", async () => {
    const clock = testClock();
    const old = worker(db, clock, { id: "old" });
    const to = chats(2);
    await db.$transaction((tx) =>
      old.store.enqueue(prismaStatements(tx), [
        notice(to[0]!, "RS-1"),
        notice(to[0]!, "RS-2"),
        notice(to[1]!, "RS-3"),
      ]),
    );
    // The old instance claims and dies before sending.
    const leased = await old.store.claimBatch("old", 10, FAST.leaseMs);
    expect(leased).toHaveLength(2);
    const fresh = worker(second, clock, { id: "new" });
    expect((await fresh.worker.drain()).claimed).toBe(0);
    clock.advance(FAST.leaseMs);
    await deliverAll(db, clock, [fresh.worker]);
    expect(textsTo(to[0]!).map((t) => /RS-\d/.exec(t)?.[0])).toEqual(["RS-1", "RS-2"]);
    expect(textsTo(to[1]!)).toHaveLength(1);
    expect(await old.store.markFailed(leased[0]!, "too late")).toBe(false);
  });

  it("records a permanent error as failed with the reason and does not retry it", async () => {
    const clock = testClock();
    const logs: string[] = [];
    const { worker: w, store } = worker(db, clock, { logs });
    const user = fake.user(nextChat++);
    user.block();
    const ok = chats(1)[0]!;
    await db.$transaction((tx) =>
      store.enqueue(prismaStatements(tx), [
        notice(user.chat.id, "BL-1"),
        notice(777_000_001, "NF-1"),
        notice(ok, "OK-1"),
      ]),
    );
    await w.drain();
    clock.advance(60_000);
    await w.drain();
    const rows = await db.outboxMessage.findMany({
      where: { recipient: { in: [String(user.chat.id), "777000001", String(ok)] } },
      orderBy: { recipient: "asc" },
    });
    const byRecipient = new Map(rows.map((r) => [r.recipient, r]));
    expect(byRecipient.get(String(user.chat.id))).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: "telegram 403: Forbidden: bot was blocked by the user",
    });
    expect(byRecipient.get("777000001")).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: "telegram 400: Bad Request: chat not found",
    });
    expect(byRecipient.get(String(ok))?.status).toBe("sent");
    expect(
      fake.callsOf("sendMessage").filter((c) => c.params.chat_id === user.chat.id),
    ).toHaveLength(1);
    // Logs carry ids and case numbers, never the texts.
    expect(logs.join("\n")).toContain("BL-1");
    expect(logs.join("\n")).not.toContain("您反映的问题");
  });

  it("queues bursts under the per-chat and global limits instead of dropping them", async () => {
    const clock = testClock();
    const slots: { chat: string; at: number }[] = [];
    const inner = createRateLimiter({ clock, sleep: virtualSleep(clock) });
    const limiter: RateLimiter = {
      acquire: async (chat) => {
        const at = await inner.acquire(chat);
        slots.push({ chat, at: at.getTime() });
        return at;
      },
      send: (chat, call) =>
        inner.send(chat, () => {
          slots.push({ chat, at: clock.now().getTime() });
          return call();
        }),
    };
    const { worker: w, store } = worker(db, clock, { limiter });
    const to = chats(40);
    const rows = to.flatMap((chat) => [1, 2].map((i) => notice(chat, `RL-${chat}-${i}`)));
    await db.$transaction((tx) => store.enqueue(prismaStatements(tx), rows));
    await deliverAll(db, clock, [w]);
    for (const chat of to) {
      expect(textsTo(chat).map((t) => /RL-\d+-(\d)/.exec(t)?.[1])).toEqual(["1", "2"]);
    }
    // Every send attempt takes a slot; on a loaded machine a slow answer can make one
    // attempt again, so there are at least 80, and the limits hold over all of them.
    expect(slots.length).toBeGreaterThanOrEqual(80);
    const times = slots.map((s) => s.at).sort((x, y) => x - y);
    for (let i = 30; i < times.length; i++)
      expect(times[i]! - times[i - 30]!).toBeGreaterThanOrEqual(1000);
  });
});

it("renders payloads stored as the bare Notification (no version, locale or unit name) in Chinese", () => {
  const bare: Record<string, unknown> = { ...payload(), to: { kind: "citizen" } };
  for (const key of ["v", "locale", "unitName"]) delete bare[key];
  const [first] = renderOutboxPayload(bare, "citizen");
  expect(first?.text).toContain("您反映的问题（编号 ZK-20261128-0001）");
});
