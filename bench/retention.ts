/**
 * The hourly retention job (src/storage/retention.ts, expiries.ts) over web chat sessions kept
 * for their case: SESSIONS (and ten times as many) sessions of MESSAGES_PER_SESSION messages
 * each, all older than CHAT_KEEP_DAYS, on SQLite, where the job holds the instance's one
 * thread. Per size, the first run (no mark yet: every old row read once, as every run read
 * them before the mark) and the next hour's run (from the mark on), each against the indexed
 * read of baseline.ts on the same connection, measured in the same run. The first run grows
 * with the old rows; the hourly one should not.
 */
import os from "node:os";
import { Prisma } from "../src/generated/sqlite/client.ts";
import { createLogger } from "../src/logging/logger.ts";
import { openDatabase, type Db } from "../src/storage/database.ts";
import { serviceExpiries } from "../src/storage/expiries.ts";
import { plainSqlOf } from "../src/storage/plain-sql.ts";
import { keepNoLongerThanNeeded } from "../src/storage/retention.ts";
import { indexedReadMs } from "./baseline.ts";
import { scratchDatabase } from "./databases.ts";
import { measureIdentityLook, type IdentityLookPoint } from "./identity-look.ts";

const SESSIONS = Number(process.env.BENCH_RETENTION_SESSIONS ?? 2_000);
const MESSAGES_PER_SESSION = 20;
const DAY_MS = 86_400_000;
const CHAT_KEEP_MS = 30 * DAY_MS;
/** Rows written by one INSERT while seeding. */
const ROWS_PER_INSERT = 500;

interface RetentionPoint {
  sessions: number;
  messages: number;
  baselineMs: number;
  firstRunMs: number;
  hourlyRunMs: number;
  firstRunRatio: number;
  hourlyRunRatio: number;
}

export async function run(out: (line: string) => void) {
  const points: RetentionPoint[] = [];
  for (const sessions of [SESSIONS, 10 * SESSIONS]) {
    const point = await measure(sessions);
    points.push(point);
    out(
      `retention: ${point.messages.toLocaleString("en-US")} old messages of ` +
        `${sessions.toLocaleString("en-US")} kept web sessions on SQLite: first run ` +
        `${point.firstRunMs.toFixed(1)} ms (${point.firstRunRatio.toFixed(0)}× an indexed read of ` +
        `${point.baselineMs.toFixed(3)} ms), the next hour's ${point.hourlyRunMs.toFixed(1)} ms ` +
        `(${point.hourlyRunRatio.toFixed(0)}×)`,
    );
  }
  const identityLooks: IdentityLookPoint[] = [];
  for (const provider of ["sqlite", "postgres"] as const) {
    const point = await measureIdentityLook(provider);
    identityLooks.push(point);
    const variant = (name: string, v: IdentityLookPoint["withIndex"]) =>
      `${name} ${v.lookMs.toFixed(1)} ms (${v.lookRatio.toFixed(0)}× an indexed read), ` +
      `a chat's UPDATE ${v.touchMs.toFixed(3)} ms, a turn's store work ${v.turnMs.toFixed(2)} ms`;
    out(
      `retention: the next hour's look at ${point.identities.toLocaleString("en-US")} chat ` +
        `identities on ${provider}: ${variant("without the index", point.withoutIndex)}; ` +
        `${variant("with it", point.withIndex)}; the index's write ` +
        `${(100 * point.indexShareOfTurn).toFixed(1)} % of a turn's store work`,
    );
  }
  return { points, identityLooks };
}

async function measure(sessions: number): Promise<RetentionPoint> {
  const scratch = await scratchDatabase("sqlite", "retention");
  const db = await openDatabase(scratch.target);
  try {
    const now = new Date();
    await seedKeptSessions(db, sessions, now);
    const timedRun = async (at: Date) => {
      const job = keepNoLongerThanNeeded(
        // Kept sessions: no file is removed, none is looked for.
        serviceExpiries(db, os.tmpdir(), CHAT_KEEP_MS),
        { now: () => at },
        createLogger("silent", false),
      );
      const started = performance.now();
      job.start();
      await job.stop();
      return performance.now() - started;
    };
    const firstRunMs = await timedRun(now);
    const hourlyRunMs = await timedRun(new Date(now.getTime() + 3_600_000));
    const left = await db.webChatMessage.count();
    const messages = sessions * MESSAGES_PER_SESSION;
    if (left !== messages) throw new Error(`the kept sessions lost messages: ${left} left`);
    const baselineMs = await indexedReadMs(db);
    return {
      sessions,
      messages,
      baselineMs,
      firstRunMs,
      hourlyRunMs,
      firstRunRatio: firstRunMs / baselineMs,
      hourlyRunRatio: hourlyRunMs / baselineMs,
    };
  } finally {
    await db.$disconnect();
    await scratch.drop();
  }
}

/**
 * `sessions` web sessions of one citizen who filed a case (so all are kept), each of
 * MESSAGES_PER_SESSION messages a minute apart, the sessions spread over the year before the
 * cutoff.
 */
async function seedKeptSessions(db: Db, sessions: number, now: Date): Promise<void> {
  const citizen = await db.citizen.create({ data: {} });
  await db.category.create({
    data: {
      code: "municipal",
      name: "市政设施",
      nameEn: "Municipal",
      department: "城管局",
      caseClass: "report",
      position: 1,
    },
  });
  await db.case.create({
    data: {
      trackingNo: "ZK-20261207-0001",
      queryCode: "123456",
      citizenId: citizen.id,
      channel: "web",
      description: "路灯不亮",
      categoryCode: "municipal",
      caseClass: "report",
      submittedAt: now,
      acceptanceDueAt: now,
    },
  });
  const sql = plainSqlOf(db);
  const cutoff = now.getTime() - CHAT_KEEP_MS;
  const sessionId = (i: number) => `bench-${String(i).padStart(8, "0")}`;
  await sql.transaction(async (tx) => {
    for (let first = 0; first < sessions; first += ROWS_PER_INSERT) {
      const ids = range(first, Math.min(sessions, first + ROWS_PER_INSERT));
      await tx.execute(Prisma.sql`INSERT INTO "ChannelIdentity"
        ("id", "channel", "externalId", "citizenId", "createdAt") VALUES ${Prisma.join(
          ids.map(
            (i) => Prisma.sql`(${sessionId(i)}, 'web', ${sessionId(i)}, ${citizen.id}, ${now})`,
          ),
        )}`);
    }
    const rows = sessions * MESSAGES_PER_SESSION;
    for (let first = 0; first < rows; first += ROWS_PER_INSERT) {
      const messages = range(first, Math.min(rows, first + ROWS_PER_INSERT)).map((n) => {
        const session = Math.floor(n / MESSAGES_PER_SESSION);
        const spokeAt = cutoff - 1 - ((session * 7919) % 365) * DAY_MS;
        const at = new Date(spokeAt - (MESSAGES_PER_SESSION - (n % MESSAGES_PER_SESSION)) * 60_000);
        const body = JSON.stringify({ text: "小区门口的路灯坏了两周" });
        return Prisma.sql`(${sessionId(session)}, 'citizen', ${body}, ${at})`;
      });
      await tx.execute(Prisma.sql`INSERT INTO "WebChatMessage"
        ("sessionId", "author", "body", "createdAt") VALUES ${Prisma.join(messages)}`);
    }
  });
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
