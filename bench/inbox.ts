/**
 * The inbox of Telegram and WeCom updates (src/storage/inbox-store.ts) through its processor
 * (src/channels/inbox-processor.ts), as the channels use it, in-process. On PostgreSQL the
 * statements that store, claim and complete a chat's update each take a transaction lock on
 * the chat (two instances would otherwise both claim, or neither); this part says what that
 * costs:
 * - one chat's updates one after the other (each sent when the one before is handled): the
 *   time an update spends in the inbox (stored, claimed, completed), against one indexed read
 *   on the same connection (baseline.ts), on SQLite and PostgreSQL; on PostgreSQL also the
 *   lock's share: its two transactions of the path (store-and-claim, complete-and-claim-next)
 *   run alone;
 * - many chats at once (each sending its next update as soon as the one before is stored) on
 *   one and two instances sharing one PostgreSQL: updates per second against one instance,
 *   and that every update was handled once, in its chat's order.
 */
import type { Channel } from "../src/generated/sqlite/enums.ts";
import { createInboxProcessor, type InboxProcessor } from "../src/channels/inbox-processor.ts";
import { createLogger } from "../src/logging/logger.ts";
import { openDatabase, type Db } from "../src/storage/database.ts";
import { chatTurnLock, createInboxStore } from "../src/storage/inbox-store.ts";
import { plainSqlOf } from "../src/storage/plain-sql.ts";
import { indexedReadMs } from "./baseline.ts";
import { scratchDatabase } from "./databases.ts";

const CHANNEL: Channel = "telegram";
const SEQUENTIAL_UPDATES = 300;
const CHATS = Number(process.env.BENCH_CHATS ?? 100);
const UPDATES_PER_CHAT = 10;

interface Handled {
  readonly chatId: string;
  readonly sequence: bigint;
}

/** An instance's processor whose handling records the update and tells who waits for it. */
function instance(db: Db, handled: Handled[], onHandled: (updateId: string) => void) {
  return createInboxProcessor({
    channel: CHANNEL,
    inbox: createInboxStore(db),
    clock: { now: () => new Date() },
    logger: createLogger("silent", false),
    handle: async (update) => {
      handled.push({ chatId: update.chatId!, sequence: update.sequence });
      onHandled(update.updateId);
    },
  });
}

/** Waits for `count` updates to be handled, kicking the processors (the sweep's part). */
async function drained(processors: readonly InboxProcessor[], handled: Handled[], count: number) {
  while (handled.length < count) {
    await Promise.all(processors.map((processor) => processor.kick()));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Milliseconds per update of one chat whose updates come one after the other. */
async function oneChatMs(db: Db): Promise<number> {
  const handled: Handled[] = [];
  const waiting = new Map<string, () => void>();
  const processor = instance(db, handled, (updateId) => waiting.get(updateId)?.());
  processor.start();
  const started = performance.now();
  for (let sequence = 1; sequence <= SEQUENTIAL_UPDATES; sequence++) {
    const updateId = `one-${sequence}`;
    const done = new Promise<void>((resolve) => waiting.set(updateId, resolve));
    await processor.receive({ updateId, chatId: "one", sequence: BigInt(sequence), payload: {} });
    await done;
  }
  const ms = (performance.now() - started) / SEQUENTIAL_UPDATES;
  await processor.stop();
  return ms;
}

/** Milliseconds per update of the chat lock's two transactions alone (PostgreSQL). */
async function lockOnlyMs(db: Db): Promise<number> {
  const sql = plainSqlOf(db).sharingCommits;
  const lock = () => sql.transaction((tx) => tx.execute(chatTurnLock(CHANNEL, "one")));
  const started = performance.now();
  for (let i = 0; i < SEQUENTIAL_UPDATES; i++) {
    await lock();
    await lock();
  }
  return (performance.now() - started) / SEQUENTIAL_UPDATES;
}

/** Updates per second of CHATS chats at once on `dbs` (one processor each), and their order. */
async function manyChats(dbs: readonly Db[]) {
  const handled: Handled[] = [];
  const processors = dbs.map((db) => instance(db, handled, () => {}));
  processors.forEach((processor) => processor.start());
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CHATS }, async (_, chat) => {
      for (let k = 0; k < UPDATES_PER_CHAT; k++) {
        const sequence = k * CHATS + chat + 1;
        // Behind a load balancer a chat's updates reach either instance.
        await processors[sequence % processors.length]!.receive({
          updateId: `many-${sequence}`,
          chatId: `chat-${chat}`,
          sequence: BigInt(sequence),
          payload: {},
        });
      }
    }),
  );
  await drained(processors, handled, CHATS * UPDATES_PER_CHAT);
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(processors.map((processor) => processor.stop()));
  return { updatesPerSecond: handled.length / seconds, ...orderOf(handled) };
}

/** Updates handled more than once, and chats whose updates were handled out of order. */
function orderOf(handled: readonly Handled[]) {
  const byChat = new Map<string, bigint[]>();
  for (const { chatId, sequence } of handled)
    byChat.set(chatId, [...(byChat.get(chatId) ?? []), sequence]);
  const sequences = [...byChat.values()];
  return {
    handledTwice: handled.length - sequences.reduce((n, s) => n + new Set(s).size, 0),
    chatsOutOfOrder: sequences.filter((s) => s.some((value, i) => i > 0 && value < s[i - 1]!))
      .length,
  };
}

async function withDatabases<T>(
  provider: "sqlite" | "postgres",
  label: string,
  count: number,
  work: (dbs: Db[]) => Promise<T>,
): Promise<T> {
  const scratch = await scratchDatabase(provider, label);
  const dbs = await Promise.all(Array.from({ length: count }, () => openDatabase(scratch.target)));
  try {
    return await work(dbs);
  } finally {
    await Promise.all(dbs.map((db) => db.$disconnect()));
    await scratch.drop();
  }
}

export async function run(out: (line: string) => void) {
  const oneChat: Record<string, { msPerUpdate: number; indexedReadMs: number }> = {};
  let lockMs = 0;
  for (const provider of ["sqlite", "postgres"] as const) {
    oneChat[provider] = await withDatabases(provider, "inbox_one", 1, async ([db]) => {
      const msPerUpdate = await oneChatMs(db!);
      if (provider === "postgres") lockMs = await lockOnlyMs(db!);
      return { msPerUpdate, indexedReadMs: await indexedReadMs(db!) };
    });
    const { msPerUpdate, indexedReadMs: read } = oneChat[provider]!;
    out(
      `inbox: ${provider}, one chat's updates one after the other: ${msPerUpdate.toFixed(2)} ms an update ` +
        `(${(msPerUpdate / read).toFixed(1)}× an indexed read)`,
    );
  }
  const lockShare = lockMs / oneChat.postgres!.msPerUpdate;
  out(
    `inbox: postgres, the chat lock's two transactions alone: ${lockMs.toFixed(2)} ms an update ` +
      `(${(lockShare * 100).toFixed(0)} % of an update's time in the inbox)`,
  );
  const instances = [];
  for (const count of [1, 2]) {
    const result = await withDatabases("postgres", `inbox_many_${count}`, count, manyChats);
    instances.push({ instances: count, ...result });
    out(
      `inbox: postgres, ${CHATS} chats × ${UPDATES_PER_CHAT} updates on ${count} instance(s): ` +
        `${result.updatesPerSecond.toFixed(0)} updates/s ` +
        `(${(result.updatesPerSecond / instances[0]!.updatesPerSecond).toFixed(2)}× one instance), ` +
        `${result.handledTwice} handled twice, ${result.chatsOutOfOrder} chats out of order`,
    );
  }
  return { oneChat, lockOnlyMs: lockMs, lockShare, chats: CHATS, instances };
}
