/**
 * Notification delivery: 5,000 queued notices to 500 Telegram chats through
 * the outbox worker, against a fake Bot API that enforces Telegram's limits
 * (30 messages a second, one a second per chat) scaled up SCALE times so the
 * run takes well under a minute. Figures: messages delivered per second over
 * the allowed rate (the baseline; target ≥ 0.9), 429 answers after the first
 * second (target 0), duplicates (target 0).
 */
import { Api } from "grammy";
import { createLogger } from "../src/logging/logger.ts";
import { createOutboxStore } from "../src/notifications/outbox-store.ts";
import { createOutboxWorker } from "../src/notifications/outbox-worker.ts";
import { createRateLimiter, TELEGRAM_RATE_LIMITS } from "../src/notifications/rate-limiter.ts";
import { plainNotices } from "../src/notifications/render.ts";
import { createTelegramSender } from "../src/notifications/telegram-sender.ts";
import { openDatabase } from "../src/storage/database.ts";
import { notice } from "../test/notifications/helpers.ts";
import { startFakeTelegram } from "../test/support/fake-telegram.ts";
import { scratchDatabase } from "./databases.ts";
import { prismaStatements } from "../src/storage/plain-sql.ts";

const NOTICES = 5_000;
const CHATS = 500;
/** How much faster than Telegram the fake (and the service's limiter) run. */
const SCALE = 3;

export async function run(out: (line: string) => void) {
  const limits = {
    globalPerSecond: TELEGRAM_RATE_LIMITS.globalPerSecond * SCALE,
    perChatIntervalMs: TELEGRAM_RATE_LIMITS.perChatIntervalMs / SCALE,
    groupChatIntervalMs: TELEGRAM_RATE_LIMITS.groupChatIntervalMs / SCALE,
  };
  const fake = await startFakeTelegram({ sendingLimits: limits });
  const scratch = await scratchDatabase("sqlite", "delivery");
  const db = await openDatabase(scratch.target);
  const clock = { now: () => new Date() };
  try {
    const store = createOutboxStore(db, clock);
    const chats = Array.from({ length: CHATS }, (_, i) => fake.user(1000 + i).chat.id);
    await db.$transaction(async (tx) => {
      const rows = Array.from({ length: NOTICES }, (_, i) =>
        notice(chats[i % CHATS]!, `ZK-20261128-${String(i).padStart(4, "0")}`),
      );
      for (let i = 0; i < rows.length; i += 500)
        await store.enqueue(prismaStatements(tx), rows.slice(i, i + 500));
    });
    const worker = createOutboxWorker({
      store,
      channels: {
        telegram: {
          sender: createTelegramSender({
            api: new Api(fake.token, { apiRoot: fake.apiRoot }),
            limiter: createRateLimiter({ clock, limits }),
          }),
          renderer: plainNotices,
        },
      },
      clock,
      logger: createLogger("silent", false),
    });
    worker.start();
    const started = Date.now();
    while ((await db.outboxMessage.count({ where: { status: "pending" } })) > 0) {
      if (Date.now() - started > 5 * 60_000)
        throw new Error("delivery did not finish in 5 minutes");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await worker.stop();
    const sends = fake.callsOf("sendMessage");
    if (sends.length === 0) {
      const statuses = await db.outboxMessage.groupBy({
        by: ["status", "lastError"],
        _count: true,
      });
      throw new Error(`nothing was sent: ${JSON.stringify(statuses)}`);
    }
    const delivered = sends.filter((call) => call.ok);
    if (delivered.length === 0) {
      throw new Error(
        `nothing delivered: ${JSON.stringify(sends.slice(0, 3).map((c) => c.error))}`,
      );
    }
    const first = sends[0]!.time;
    const seconds = (delivered.at(-1)!.time - first) / 1000;
    const perSecond = delivered.length / seconds;
    const texts = new Map<string, number>();
    for (const call of delivered) {
      const key = `${String(call.params.chat_id)}|${String(call.params.text)}`;
      texts.set(key, (texts.get(key) ?? 0) + 1);
    }
    const result = {
      notices: NOTICES,
      chats: CHATS,
      scale: SCALE,
      allowedPerSecond: limits.globalPerSecond,
      delivered: delivered.length,
      seconds,
      perSecond,
      ratioToAllowed: perSecond / limits.globalPerSecond,
      refusedAfterFirstSecond: sends.filter(
        (c) => c.error?.error_code === 429 && c.time > first + 1000,
      ).length,
      duplicates: [...texts.values()].filter((n) => n > 1).length,
      failed: await db.outboxMessage.count({ where: { status: "failed" } }),
    };
    out(
      `delivery: ${result.delivered} notices to ${CHATS} chats in ${seconds.toFixed(1)} s: ` +
        `${perSecond.toFixed(1)}/s = ${result.ratioToAllowed.toFixed(2)} of the allowed ${limits.globalPerSecond}/s ` +
        `(Telegram's ×${SCALE}); 429 after the first second: ${result.refusedAfterFirstSecond}; duplicates: ${result.duplicates}`,
    );
    return result;
  } finally {
    await db.$disconnect();
    await scratch.drop();
    await fake.close();
  }
}
