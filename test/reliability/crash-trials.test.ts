/**
 * Crash trials (issue #11, points 5 and 6): the service runs as `npm start` runs it, a child
 * process, with citizens mid-conversation on the web chat and on Telegram (the fake Bot API,
 * long polling). At a seeded point — the n-th request the service makes to Telegram or a
 * citizen makes to the service — it is killed with SIGKILL and started again on the same
 * database; the citizens carry on as they would (the page retries its request with the
 * same event id, Telegram hands the unconfirmed updates out again). One restart per trial,
 * six trials per database (twelve seeded kill points in all: a restart is most of a trial's
 * time, and the suite must stay short), four citizens each. Whatever the kill point:
 * - every complaint exists exactly once;
 * - every web citizen was shown their tracking number and query code, and every Telegram
 *   citizen their tracking number;
 * - no bot message was sent twice, except the one message whose answer from Telegram was
 *   lost (the only window no record can close: Telegram has no idempotency key), and that
 *   one only right after itself.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../src/storage/database.ts";
import { SHARED_CLASSIFIER_CACHE } from "../support/classifier-cache.ts";
import { reachAnonymousSummary, receiptOf, WebCitizen } from "../channels/web/web-citizen.ts";
import { freshDatabaseTarget, PROVIDERS } from "../support/databases.ts";
import { seededRandom, startFakeTelegram, type FakeTelegram } from "../support/fake-telegram.ts";
import { freePort, startService, type RunningService } from "../support/service-process.ts";
import { TelegramCitizen } from "../support/telegram-citizen.ts";

const TRIALS = 6;
const SEED = 1102;

/** The service process, killed at the n-th counted event and started again. */
class CrashingService {
  private current!: RunningService;
  private up: Promise<void> = Promise.resolve();
  private events = 0;
  private killAt = Number.POSITIVE_INFINITY;
  /** The fake's call count at each kill. */
  readonly kills: number[] = [];
  /** What each killed process logged, for a failing trial to show. */
  private readonly killedLogs: string[] = [];

  constructor(
    private readonly env: Record<string, string>,
    private readonly cwd: string,
    private readonly telegram: FakeTelegram,
  ) {}

  async start(): Promise<void> {
    this.current = await startService(this.env, this.cwd);
  }

  /** Kills at the `n`-th event from now. */
  armAt(n: number): void {
    this.events = 0;
    this.killAt = n;
  }

  /** Counts an event; true when it killed the service (the event never reaches it). */
  tick(): boolean {
    this.events++;
    if (this.events !== this.killAt) return false;
    this.kills.push(this.telegram.calls.length);
    const dying = this.current;
    this.killedLogs.push(dying.logs());
    const exited = new Promise((resolve) => dying.process.once("exit", resolve));
    dying.process.kill("SIGKILL");
    this.up = exited.then(() => this.start());
    return true;
  }

  /** Every process's log so far, the killed ones' first: a start under load and a defect look alike without it. */
  logs(): string {
    return [...this.killedLogs, this.current.logs()]
      .map((log, run) => `--- service process ${run + 1}\n${log}`)
      .join("\n");
  }

  /** Resolves once the service is up again after a kill. */
  ready(): Promise<void> {
    return this.up;
  }

  async stop(): Promise<void> {
    await this.up;
    await this.current.stop();
  }
}

/** A web citizen whose requests, when the service dies under them, are sent again. */
class PatientWebCitizen extends WebCitizen {
  constructor(
    baseUrl: string,
    private readonly service: CrashingService,
  ) {
    super(baseUrl);
  }

  override async fetch(requestPath: string, init: RequestInit = {}): Promise<Response> {
    for (;;) {
      const killed = this.service.tick();
      try {
        if (killed) throw new Error("killed");
        const response = await super.fetch(requestPath, init);
        if (response.status < 500) return response;
      } catch {
        // The service died under the request: wait for it, then send the same request.
      }
      await this.service.ready();
    }
  }

  /** Posts with one event id for all its retries. */
  override async post(event: object, eventId: string = randomUUID()) {
    return super.post(event, eventId);
  }
}

async function fileOnTheWeb(
  citizen: PatientWebCitizen,
): Promise<{ trackingNo: string; code: string }> {
  await reachAnonymousSummary(citizen);
  await citizen.tap("提交");
  return receiptOf(citizen);
}

async function fileOnTelegram(citizen: TelegramCitizen): Promise<void> {
  await citizen.reachPhotoQuestion();
  await citizen.tap("没有照片");
  await citizen.tap("匿名反映");
  await citizen.tap("提交");
}

describe.each(PROVIDERS)("crash trials (%s)", { timeout: 600_000 }, (provider) => {
  let telegram: FakeTelegram;
  let service: CrashingService;
  let db: Db;
  let workDir: string;
  let baseUrl: string;
  const random = seededRandom(SEED + (provider === "sqlite" ? 0 : 1));

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), "petitions-crash-"));
    telegram = await startFakeTelegram();
    const target = await freshDatabaseTarget(provider);
    db = await openDatabase(target);
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    service = new CrashingService(
      {
        DATABASE_URL: target.url,
        PORT: String(port),
        LOG_LEVEL: "info",
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        // A killed instance's updates are taken over this soon (the documented bound).
        INBOX_LEASE_SECONDS: "2",
        ...SHARED_CLASSIFIER_CACHE,
      },
      workDir,
      telegram,
    );
    telegram.interceptCalls((call) => {
      if (call.method === "getUpdates") return undefined;
      // Killed as the request arrives: it never reaches Telegram.
      return service.tick() ? new Promise<void>(() => undefined) : undefined;
    });
    await service.start();
  });
  afterAll(async () => {
    telegram.interceptCalls(null);
    await service.stop();
    await db.$disconnect();
    await telegram.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it(`loses no complaint, no receipt and repeats no message across ${TRIALS} kills`, async ({
    onTestFailed,
  }) => {
    onTestFailed(() => console.error(service.logs()));
    let nextTelegramId = 5001;
    for (let trial = 0; trial < TRIALS; trial++) {
      service.armAt(3 + Math.floor(random() * 30));
      const web = [0, 1].map(() => new PatientWebCitizen(baseUrl, service));
      const chats = [0, 1].map(() => {
        const citizen = new TelegramCitizen(telegram, () => db, nextTelegramId++);
        citizen.handledTimeoutMs = 120_000;
        return citizen;
      });
      const [filed] = await Promise.all([
        Promise.all(web.map(fileOnTheWeb)),
        Promise.all(chats.map(fileOnTelegram)),
      ]);
      expect(service.kills, `trial ${trial} killed the service`).toHaveLength(trial + 1);

      for (const { trackingNo, code } of filed) {
        const stored = await db.case.findUniqueOrThrow({ where: { trackingNo } });
        expect(stored.queryCode).toBe(code);
        expect(await db.case.count({ where: { identityId: stored.identityId } })).toBe(1);
      }
      for (const citizen of chats) {
        expect(await citizen.cases(), `chat ${citizen.id}`).toHaveLength(1);
        const texts = telegram.sentMessages(citizen.id).map((m) => m.text ?? "");
        expect(texts.some((text) => /您的编号是：ZK-\d{8}-\d{4}/.test(text))).toBe(true);
      }
    }
    expectNoRepeatsBut(telegram);
  });
});

/**
 * No chat got a message twice, except the one message whose answer from Telegram was lost
 * (the process was killed, or the call timed out, after Telegram took it): that message is
 * sent again right after itself, and never an earlier one. (With the record of sent
 * messages in memory, a restart sent a whole answer again, a minute later.)
 */
function expectNoRepeatsBut(telegram: FakeTelegram): void {
  const sends = telegram.calls.filter((call) => call.method === "sendMessage" && call.ok);
  const byChat = new Map<string, typeof sends>();
  for (const call of sends) {
    const chat = String(call.params.chat_id);
    byChat.set(chat, [...(byChat.get(chat) ?? []), call]);
  }
  for (const [chat, calls] of byChat) {
    for (const [position, call] of calls.entries()) {
      const first = calls.findIndex((c) => c.params.text === call.params.text);
      if (first === position) continue;
      expect(first, `chat ${chat} was sent "${String(call.params.text)}" again later`).toBe(
        position - 1,
      );
    }
  }
}
