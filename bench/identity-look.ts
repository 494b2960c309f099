/**
 * The hourly retention's look at chat identities (silentIdentityExpiry, src/storage/expiries.ts)
 * at a city's volume, on both databases: IDENTITIES chats (default a million) whose last messages
 * are spread over two years, each with its citizen. Per database, alternately without and with
 * the index `(lastInboundAt, createdAt)` the look reads: the next hour's look from the last
 * run's mark (the median of three hours, each reading the chats that went silent in its hour)
 * against the indexed read of baseline.ts, with its plan; and what the index costs the turn
 * that writes `lastInboundAt` — a known chat's UPDATE (touchKnownIdentity) and a whole turn's
 * store work (load and save, turn-store.ts), each the median of TURNS on random chats.
 */
import { Prisma } from "../src/generated/sqlite/client.ts";
import type { DatabaseProvider } from "../src/storage/database-url.ts";
import { openDatabase, type Db } from "../src/storage/database.ts";
import { serviceExpiries } from "../src/storage/expiries.ts";
import { touchKnownIdentity } from "../src/storage/identity-store.ts";
import { insertRows, plainSqlOf } from "../src/storage/plain-sql.ts";
import { silenceMark } from "../src/storage/silence-marks.ts";
import { createTurnStore } from "../src/storage/turn-store.ts";
import { indexedReadMs } from "./baseline.ts";
import { scratchDatabase } from "./databases.ts";
import { median } from "./service.ts";
import { statementPlans } from "./statement-plans.ts";
import { traceStatements, type TracedStatement } from "./statement-trace.ts";

const IDENTITIES = Number(process.env.BENCH_RETENTION_IDENTITIES ?? 1_000_000);
const TURNS = 200;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const CHAT_KEEP_MS = 30 * DAY_MS;
const SPREAD_MS = 730 * DAY_MS;
const ROWS_PER_TRANSACTION = 20_000;
const INDEX = `"ChannelIdentity_lastInboundAt_createdAt_idx"`;
const KIND = "silent chats' identities";

interface Variant {
  baselineMs: number;
  lookMs: number;
  lookRatio: number;
  lookPlan: string;
  touchMs: number;
  turnMs: number;
}

export interface IdentityLookPoint {
  provider: DatabaseProvider;
  identities: number;
  withoutIndex: Variant;
  withIndex: Variant;
  /** What the index adds to a turn's store work, as a share of it. */
  indexShareOfTurn: number;
}

export async function measureIdentityLook(provider: DatabaseProvider): Promise<IdentityLookPoint> {
  const scratch = await scratchDatabase(provider, "identity-look");
  const db = await openDatabase(scratch.target);
  try {
    const now = new Date();
    await seedIdentities(db, now);
    const sql = plainSqlOf(db);
    await sql.execute(Prisma.sql`ANALYZE`);
    const variants: { withoutIndex: Variant[]; withIndex: Variant[] } = {
      withoutIndex: [],
      withIndex: [],
    };
    // Alternately, so that the machine's load weighs on both alike.
    for (let round = 0; round < 2; round++) {
      await sql.execute(Prisma.raw(`DROP INDEX ${INDEX}`));
      variants.withoutIndex.push(await measureVariant(db, scratch.target, now, 6 * round));
      await sql.execute(
        Prisma.raw(`CREATE INDEX ${INDEX} ON "ChannelIdentity"("lastInboundAt", "createdAt")`),
      );
      variants.withIndex.push(await measureVariant(db, scratch.target, now, 6 * round + 3));
    }
    const [without, withIt] = [mediansOf(variants.withoutIndex), mediansOf(variants.withIndex)];
    return {
      provider,
      identities: IDENTITIES,
      withoutIndex: without,
      withIndex: withIt,
      indexShareOfTurn: (withIt.touchMs - without.touchMs) / without.turnMs,
    };
  } finally {
    await db.$disconnect();
    await scratch.drop();
  }
}

/** The looks of three hours after `firstHour` hours from `now`, and the turns' writes. */
async function measureVariant(
  db: Db,
  target: Parameters<typeof statementPlans>[0],
  now: Date,
  firstHour: number,
): Promise<Variant> {
  const expiry = serviceExpiries(db, "/nonexistent", CHAT_KEEP_MS).find((e) => e.kind === KIND)!;
  const at = (hours: number) => new Date(now.getTime() + hours * HOUR_MS);
  // The looks this one waits for have read past every hour measured; this one read up to the
  // hour before the first.
  const ahead = { at: new Date(at(firstHour + 10).getTime() - CHAT_KEEP_MS), key: "~" };
  for (const name of ["retention:silent-web-sessions", "retention:silent-conversations"]) {
    const mark = silenceMark(db, name);
    await mark.move(await mark.read(), ahead);
  }
  const identityMark = silenceMark(db, "retention:silent-identities");
  const from = { at: new Date(at(firstHour).getTime() - CHAT_KEEP_MS), key: "" };
  await identityMark.move(await identityMark.read(), from);
  const looks: number[] = [];
  const statements: TracedStatement[] = [];
  const stop = traceStatements((s) => statements.push(s));
  try {
    for (let hour = 1; hour <= 3; hour++) {
      const started = performance.now();
      await expiry.remove(at(firstHour + hour), 50_000);
      looks.push(performance.now() - started);
    }
  } finally {
    stop();
  }
  const look = statements.filter((s) => s.sql.includes(`FROM "ChannelIdentity" i WHERE`));
  const [plan] = await statementPlans(target, look.slice(-1));
  const baselineMs = await indexedReadMs(db);
  const lookMs = median(looks);
  return {
    baselineMs,
    lookMs,
    lookRatio: lookMs / baselineMs,
    lookPlan: plan?.plan ?? "(not traced)",
    ...(await turnsMs(db, at(firstHour + 4))),
  };
}

/** A known chat's UPDATE, and a whole turn's store work, on random chats (medians, ms). */
async function turnsMs(db: Db, now: Date) {
  const sql = plainSqlOf(db);
  const turns = createTurnStore(db);
  const [touches, saves] = [[] as number[], [] as number[]];
  for (let n = 0; n < TURNS; n++) {
    const chat = chatId(Math.floor(Math.random() * IDENTITIES));
    let started = performance.now();
    await touchKnownIdentity(sql, "telegram", chat, chat, now);
    touches.push(performance.now() - started);
    started = performance.now();
    const { dialogue } = await turns.load("telegram", chat);
    await turns.save({
      channel: "telegram",
      chatId: chat,
      externalId: chat,
      now,
      readVersion: dialogue.version,
      dialogue: { state: { words: "路灯不亮" }, eventId: `${n}`, replies: [], receipt: null },
    });
    saves.push(performance.now() - started);
  }
  return { touchMs: median(touches), turnMs: median(saves) };
}

const chatId = (i: number) => `${100_000_000 + i}`;

/**
 * IDENTITIES Telegram chats, each its citizen's, their last messages spread evenly over the two
 * years before `now` (one in a hundred with none: a call a clerk registered, by its creation).
 */
async function seedIdentities(db: Db, now: Date): Promise<void> {
  const sql = plainSqlOf(db);
  for (let first = 0; first < IDENTITIES; first += ROWS_PER_TRANSACTION) {
    const last = Math.min(IDENTITIES, first + ROWS_PER_TRANSACTION);
    const numbers = Array.from({ length: last - first }, (_, i) => first + i);
    const spoke = (i: number) => new Date(now.getTime() - SPREAD_MS + (i * SPREAD_MS) / IDENTITIES);
    await sql.transaction(async (tx) => {
      await insertRows(
        tx,
        "Citizen",
        numbers.map((i) => ({ id: `c${i}`, locale: "zh", createdAt: spoke(i) })),
      );
      await insertRows(
        tx,
        "ChannelIdentity",
        numbers.map((i) => ({
          id: `i${i}`,
          channel: "telegram",
          externalId: chatId(i),
          chatId: chatId(i),
          lastInboundAt: i % 100 === 0 ? null : spoke(i),
          citizenId: `c${i}`,
          createdAt: new Date(spoke(i).getTime() - DAY_MS),
        })),
      );
    });
  }
}

function mediansOf(variants: readonly Variant[]): Variant {
  const of = (pick: (v: Variant) => number) => median(variants.map(pick));
  const lookMs = of((v) => v.lookMs);
  const baselineMs = of((v) => v.baselineMs);
  return {
    baselineMs,
    lookMs,
    lookRatio: lookMs / baselineMs,
    lookPlan: variants.at(-1)!.lookPlan,
    touchMs: of((v) => v.touchMs),
    turnMs: of((v) => v.turnMs),
  };
}
