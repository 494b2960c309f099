/**
 * Intake: simulated citizens filing whole complaints (10 turns each) at once
 * through the Telegram webhook and through the web chat, against a bare grammY
 * bot doing one SQLite write per update behind the same webhook, in the same
 * run, under two loads:
 * - closed loop: every citizen sends its next turn as soon as the last one is answered (no
 *   thinking): the most turns per second each can take, compared as ratios to the bare bot's;
 *   with 30 citizens always 30 turns in flight, so a turn's latency there is 30 ÷ the turns/s;
 * - paced: the same citizens arrive spread over one think time and think between turns
 *   (uniformly 0.5–1.5 × BENCH_THINK_MS, default 1000 ms, from a fixed seed): the same
 *   offered load for all three, about citizens ÷ think time turns per second, well under what
 *   each takes at most; latency per turn as a citizen meets it.
 * Figures: turns per second, p50/p99 per turn (from the update's POST to the last reply at
 * the fake Bot API; for the web chat, the HTTP answer), and a profile of a turn: SQL
 * statements and CPU per turn.
 */
import { writeFile } from "node:fs/promises";
import { createServer, request as httpRequest } from "node:http";
import { Session } from "node:inspector/promises";
import path from "node:path";
import Database from "better-sqlite3";
import { Bot, webhookCallback } from "grammy";
import type { Update } from "grammy/types";
import { createApp } from "../src/app.ts";
import { loadConfig } from "../src/config/config.ts";
import { createLogger } from "../src/logging/logger.ts";
import { startFakeTelegram, type FakeTelegram } from "../test/support/fake-telegram.ts";
import { scratchDatabase } from "./databases.ts";
import { freePort, percentile } from "./service.ts";

const CITIZENS = Number(process.env.BENCH_CITIZENS ?? 30);
/** The paced load's mean pause between a citizen's answer and its next turn. */
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 1000);
const SECRET = "bench-webhook-secret-0123456789";

/**
 * A step of a complaint: words typed, or the button whose label is given; `ifOffered`: pressed
 * only when the bot's last answer offers it (the nearby reports, once someone has filed).
 */
type Step = { text: string } | { tap: string; ifOffered?: true };

/** One complaint, as a citizen files it. */
const SCRIPT: readonly Step[] = [
  { text: "/start" },
  { tap: "我要反映问题" },
  { text: "我们小区门口的路灯坏了很久了，晚上很黑，老人走路不方便" },
  { tap: "对，就是这个" },
  { text: "川汇区七一路和八一路交叉口东边" },
  // Everyone reports the same lamp: from the second citizen on, the first one's case is offered.
  { tap: "不是，继续登记", ifOffered: true },
  { text: "前天下午" },
  { tap: "没有照片" },
  { tap: "匿名反映" },
  { tap: "提交" },
];

/**
 * Waits before a citizen's turn: nothing in the closed loop; paced, the citizen's arrival
 * before its first turn, then its thinking.
 */
type Pace = (turn: number) => Promise<void>;

const closedLoop: Pace = () => Promise.resolve();

/**
 * The paced load for citizen `index` of `citizens`: arrivals spread evenly over one think
 * time, pauses drawn uniformly from 0.5–1.5 think times (the same draws for the bare bot, the
 * web chat and Telegram).
 */
function paced(index: number, citizens: number): Pace {
  let seed = 0x9e3779b9 ^ (index + 1);
  const random = () => {
    // xorshift32: a fixed sequence per citizen.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  return (turn) => sleep(turn === 0 ? (index * THINK_MS) / citizens : THINK_MS * (0.5 + random()));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface Load {
  readonly turns: number;
  readonly seconds: number;
  readonly turnsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** SQL statements (and BEGIN/COMMIT) per turn, SQLite. */
  readonly statementsPerTurn: number;
  /** Commits per turn (each a WAL sync), SQLite. */
  readonly commitsPerTurn: number;
  /** CPU of the whole process (service and fakes) per turn. */
  readonly cpuMsPerTurn: number;
}

// Counts the statements every better-sqlite3 connection of this process prepares (the driver
// adapter prepares each statement it runs), and the commits among them: COMMIT, and a write
// outside a transaction. Each commit syncs the WAL (synchronous = FULL) on the process's thread.
let statements = 0;
let commits = 0;
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function (this: Database.Database, source: string) {
  statements++;
  if (
    /^\s*COMMIT\b/i.test(source) ||
    (!this.inTransaction && /^\s*(INSERT|UPDATE|DELETE)\b/i.test(source))
  )
    commits++;
  return prepare.call(this, source);
} as typeof prepare;

export async function run(out: (line: string) => void) {
  const fake = await startFakeTelegram();
  try {
    const { bare, barePaced } = await bareBot(fake);
    out("  closed loop (no thinking: the most turns per second):");
    out(line("bare grammY bot, one SQLite write per update", bare));
    const product = await productRun(fake);
    out(line("service, Telegram webhook", product.telegram));
    out(line("service, web chat", product.web));
    out(
      `  paced (${CITIZENS} citizens thinking ${THINK_MS / 2}–${(THINK_MS * 3) / 2} ms between turns, about ${Math.round((CITIZENS * 1000) / THINK_MS)} turns/s offered):`,
    );
    out(line("bare grammY bot", barePaced));
    out(line("service, Telegram webhook", product.telegramPaced));
    out(line("service, web chat", product.webPaced));
    const ratio = (load: Load) => ({
      throughput: load.turnsPerSecond / bare.turnsPerSecond,
      p99: load.p99Ms / bare.p99Ms,
    });
    out(
      `intake: Telegram ${ratio(product.telegram).throughput.toFixed(2)}× and web ${ratio(product.web).throughput.toFixed(2)}× the bare bot's turns/s in the closed loop (target ≥ 0.5); ` +
        `paced p99 Telegram ${product.telegramPaced.p99Ms.toFixed(0)} ms, web ${product.webPaced.p99Ms.toFixed(0)} ms (target < 100 ms)`,
    );
    return {
      citizens: CITIZENS,
      turnsPerComplaint: SCRIPT.length,
      thinkMs: THINK_MS,
      bare,
      ...product,
      barePaced,
      ratios: { telegram: ratio(product.telegram), web: ratio(product.web) },
    };
  } finally {
    await fake.close();
  }
}

function line(name: string, load: Load): string {
  return `  ${name}: ${load.turnsPerSecond.toFixed(1)} turns/s, p50 ${load.p50Ms.toFixed(0)} ms, p99 ${load.p99Ms.toFixed(0)} ms; ${load.statementsPerTurn.toFixed(1)} SQL statements, ${load.commitsPerTurn.toFixed(1)} commits and ${load.cpuMsPerTurn.toFixed(1)} ms CPU per turn`;
}

/**
 * Runs `citizens` scripts at once and measures them. With BENCH_CPU_PROFILE=<dir>, the run's
 * CPU profile is written to <dir>/intake-<name>.cpuprofile (open it in Chrome's DevTools).
 */
async function measure(
  name: string,
  citizens: number,
  file: (index: number, latencies: number[]) => Promise<void>,
): Promise<Load> {
  const latencies: number[] = [];
  const profiler = await startProfiler();
  const statementsBefore = statements;
  const commitsBefore = commits;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: citizens }, (_, i) => file(i, latencies)));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await profiler?.stop(name);
  const turns = latencies.length;
  return {
    turns,
    seconds,
    turnsPerSecond: turns / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    statementsPerTurn: (statements - statementsBefore) / turns,
    commitsPerTurn: (commits - commitsBefore) / turns,
    cpuMsPerTurn: (cpu.user + cpu.system) / 1000 / turns,
  };
}

/** A CPU profiler over this process when BENCH_CPU_PROFILE names a directory, else undefined. */
async function startProfiler() {
  const directory = process.env.BENCH_CPU_PROFILE;
  if (!directory) return undefined;
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return {
    async stop(name: string) {
      const { profile } = await session.post("Profiler.stop");
      session.disconnect();
      await writeFile(path.join(directory, `intake-${name}.cpuprofile`), JSON.stringify(profile));
    },
  };
}

let nextUpdateId = 1;
let nextMessageId = 1;

/** The Update Telegram would send for a citizen's step (a text, or a press of a button of the bot's). */
function updateFor(fake: FakeTelegram, userId: number, step: (typeof SCRIPT)[number]): Update {
  const from = { id: userId, is_bot: false, first_name: "王" };
  const chat = { id: userId, type: "private" as const, first_name: "王" };
  const date = Math.floor(Date.now() / 1000);
  if ("text" in step) {
    const command = step.text.startsWith("/")
      ? [{ type: "bot_command" as const, offset: 0, length: step.text.length }]
      : undefined;
    return {
      update_id: nextUpdateId++,
      message: {
        message_id: nextMessageId++,
        date,
        chat,
        from,
        text: step.text,
        ...(command && { entities: command }),
      },
    };
  }
  const sent = [...fake.sentMessages(userId)].reverse();
  for (const message of sent) {
    const markup = message.reply_markup as
      { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined;
    const button = markup?.inline_keyboard?.flat().find((b) => b.text.includes(step.tap));
    if (button?.callback_data) {
      return {
        update_id: nextUpdateId++,
        callback_query: {
          id: String(nextUpdateId),
          from,
          chat_instance: String(userId),
          data: button.callback_data,
          message: {
            message_id: message.message_id,
            date,
            chat,
            from: fake.botInfo,
            text: message.text ?? "",
          },
        },
      } as Update;
    }
  }
  // A reply keyboard button is pressed by sending its label.
  return {
    update_id: nextUpdateId++,
    message: { message_id: nextMessageId++, date, chat, from, text: step.tap },
  };
}

/** Delivers the update as Telegram does, and runs what the webhook answered with (a method). */
async function postUpdate(fake: FakeTelegram, url: string, update: Update): Promise<void> {
  const answer = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
    body: JSON.stringify(update),
  });
  if (!answer.ok) throw new Error(`webhook answered ${answer.status}`);
  await fake.takeWebhookAnswer(answer.headers.get("content-type"), await answer.text());
}

/** Whether the bot's last message in the chat offers the button labelled `label`. */
function offered(fake: FakeTelegram, userId: number, label: string): boolean {
  const markup = fake.sentMessages(userId).at(-1)?.reply_markup as
    { inline_keyboard?: { text: string }[][] } | undefined;
  return markup?.inline_keyboard?.flat().some((b) => b.text.includes(label)) ?? false;
}

/** A complaint as calibrated: the steps taken, and the bot's messages in the chat after each. */
interface Calibrated {
  readonly steps: readonly Step[];
  readonly expected: readonly number[];
}

/** A Telegram citizen's complaint, step by step as calibrated. */
async function telegramCitizen(
  fake: FakeTelegram,
  url: string,
  userId: number,
  { steps, expected }: Calibrated,
  latencies: number[],
  pace: Pace,
) {
  fake.user(userId);
  for (const [i, step] of steps.entries()) {
    await pace(i);
    const start = performance.now();
    await postUpdate(fake, url, updateFor(fake, userId, step));
    await fake.waitForMessages(userId, expected[i]!, { timeoutMs: 120_000 });
    latencies.push(performance.now() - start);
  }
}

async function productRun(fake: FakeTelegram) {
  const scratch = await scratchDatabase("sqlite", "intake");
  const port = await freePort();
  const hook = `http://127.0.0.1:${port}/telegram/hook`;
  const config = loadConfig({
    DATABASE_URL: scratch.target.url,
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_WEBHOOK_URL: hook,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
  });
  const app = await createApp(config, createLogger("silent", false), {
    telegramBotInfo: fake.botInfo,
  });
  const url = await app.start();
  try {
    // Calibration: how many messages each step leaves in the chat, the turn handled in full.
    // The first complaint is offered no nearby report; the second, and every measured one, is.
    const calibrate = async (userId: number): Promise<Calibrated> => {
      fake.user(userId);
      const steps: Step[] = [];
      const expected: number[] = [];
      for (const step of SCRIPT) {
        if ("ifOffered" in step && !offered(fake, userId, step.tap)) continue;
        const update = updateFor(fake, userId, step);
        await postUpdate(fake, hook, update);
        for (;;) {
          const row = await app.db.inboxUpdate.findUnique({
            where: {
              channel_updateId: { channel: "telegram", updateId: String(update.update_id) },
            },
          });
          if (row?.processedAt) break;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        steps.push(step);
        expected.push(fake.sentMessages(userId).length);
      }
      return { steps, expected };
    };
    await calibrate(900_000);
    const calibrated = await calibrate(900_001);
    if (calibrated.steps.length !== SCRIPT.length)
      throw new Error("the second complaint was not offered the first one as a nearby report");
    const telegram = await measure("telegram", CITIZENS, (i, latencies) =>
      telegramCitizen(fake, hook, 910_000 + i, calibrated, latencies, closedLoop),
    );
    const web = await measure("web", CITIZENS, (i, latencies) =>
      webCitizen(url, latencies, i, closedLoop),
    );
    const telegramPaced = await measure("telegram-paced", CITIZENS, (i, latencies) =>
      telegramCitizen(fake, hook, 920_000 + i, calibrated, latencies, paced(i, CITIZENS)),
    );
    const webPaced = await measure("web-paced", CITIZENS, (i, latencies) =>
      webCitizen(url, latencies, CITIZENS + i, paced(i, CITIZENS)),
    );
    const submitted = await app.db.case.count();
    if (submitted !== 4 * CITIZENS + 2)
      throw new Error(`expected ${4 * CITIZENS + 2} cases, found ${submitted}`);
    return { telegram, web, telegramPaced, webPaced, casesFiled: submitted };
  } finally {
    await app.stop();
    await scratch.drop();
  }
}

/**
 * A web chat citizen's complaint through the page's API, from its own loopback address
 * (`citizen` picks it): the chat's rate limits are per address, as citizens' phones are.
 */
export async function webCitizen(
  base: string,
  latencies: number[],
  citizen = 0,
  pace: Pace = closedLoop,
) {
  const localAddress = `127.0.${1 + Math.floor(citizen / 250)}.${1 + (citizen % 250)}`;
  const session = await request(`${base}/chat/session`, { localAddress });
  const cookie = session.cookies;
  const { csrfToken } = session.json as { csrfToken: string };
  let choices: { id: string; label: string }[] = [];
  let turn = 0;
  for (const step of SCRIPT) {
    const choice = "tap" in step ? choices.find((c) => c.label.includes(step.tap)) : undefined;
    if ("ifOffered" in step && !choice) continue;
    await pace(turn++);
    const event =
      "text" in step
        ? step.text === "/start"
          ? { type: "command", name: "start", args: "" }
          : { type: "text", text: step.text }
        : { type: "choice", id: choice?.id ?? step.tap };
    const start = performance.now();
    const answer = await request(`${base}/chat/events`, {
      localAddress,
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": csrfToken, cookie },
      body: JSON.stringify({ eventId: crypto.randomUUID(), event }),
    });
    latencies.push(performance.now() - start);
    const body = answer.json as { messages?: { choices?: { id: string; label: string }[][] }[] };
    if (answer.status !== 200)
      throw new Error(`web chat answered ${answer.status}: ${JSON.stringify(body)}`);
    choices = (body.messages ?? []).flatMap((m) => m.choices?.flat() ?? []);
  }
}

/** One HTTP exchange from `localAddress` (fetch cannot choose its source address). */
function request(
  url: string,
  options: {
    localAddress: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
  },
): Promise<{ status: number; cookies: string; json: unknown }> {
  return new Promise((resolve, reject) => {
    const call = httpRequest(
      url,
      {
        method: options.method ?? "GET",
        headers: options.headers,
        localAddress: options.localAddress,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const cookies = (response.headers["set-cookie"] ?? [])
            .map((c) => c.split(";")[0])
            .join("; ");
          resolve({
            status: response.statusCode ?? 0,
            cookies,
            json: JSON.parse(Buffer.concat(chunks).toString("utf8")),
          });
        });
        response.on("error", reject);
      },
    );
    call.on("error", reject);
    call.end(options.body);
  });
}

/**
 * The baseline: grammY's webhook handler, one SQLite insert and one reply per update, in the
 * closed loop and paced.
 */
async function bareBot(fake: FakeTelegram): Promise<{ bare: Load; barePaced: Load }> {
  const scratch = await scratchDatabase("sqlite", "bare");
  const sqlite = new Database(path.join(path.dirname(scratch.target.sqliteFile!), "bare.db"));
  sqlite.pragma("journal_mode = WAL");
  sqlite.exec("CREATE TABLE updates (id INTEGER PRIMARY KEY, chat TEXT, body TEXT)");
  const insert = sqlite.prepare("INSERT INTO updates (id, chat, body) VALUES (?, ?, ?)");
  const bot = new Bot(fake.token, { botInfo: fake.botInfo, client: { apiRoot: fake.apiRoot } });
  bot.on(["message", "callback_query"], async (ctx) => {
    insert.run(ctx.update.update_id, String(ctx.chat?.id), JSON.stringify(ctx.update));
    statements++; // prepared once: each run counts as a statement, and a commit
    commits++;
    await ctx.reply("收到");
  });
  const port = await freePort();
  const server = createServer(webhookCallback(bot, "http", { secretToken: SECRET }));
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  try {
    const url = `http://127.0.0.1:${port}/`;
    const citizen =
      (first: number, pace: (i: number) => Pace) => async (i: number, latencies: number[]) => {
        const userId = first + i;
        const pacing = pace(i);
        fake.user(userId);
        for (const [turn, step] of SCRIPT.entries()) {
          await pacing(turn);
          const start = performance.now();
          await postUpdate(
            fake,
            url,
            updateFor(fake, userId, "text" in step ? step : { text: step.tap }),
          );
          await fake.waitForMessages(userId, turn + 1, { timeoutMs: 60_000 });
          latencies.push(performance.now() - start);
        }
      };
    return {
      bare: await measure(
        "bare",
        CITIZENS,
        citizen(800_000, () => closedLoop),
      ),
      barePaced: await measure(
        "bare-paced",
        CITIZENS,
        citizen(810_000, (i) => paced(i, CITIZENS)),
      ),
    };
  } finally {
    await new Promise((resolve) => server.close(resolve));
    sqlite.close();
    await scratch.drop();
  }
}
