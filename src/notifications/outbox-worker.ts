/**
 * Delivers pending outbox rows through the channel of each recipient: claims
 * a batch with a lease, renders, sends, and records the outcome. Transient
 * failures are retried with exponential backoff (or after Telegram's
 * retry_after); permanent ones are recorded as failed with the reason.
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "../logging/logger.ts";
import { isDatabaseUnavailable } from "../storage/database.ts";
import { backoffDelay, type Backoff } from "../backoff.ts";
import type { AnswerTranslations } from "../domain/answer-translation.ts";
import { answerOfNotice, withTranslationShown } from "./answer-notice.ts";
import type { OutboxChannel } from "./outbox-payload.ts";
import type { Clock } from "../clock.ts";
import type { ClaimedOutboxMessage, OutboxStore } from "./outbox-store.ts";
import { deliveredPartsOf, trackingNoOf } from "./render.ts";
import { DeliveryError, type RenderedMessage, type Sender } from "./sender.ts";
import { STAFF_DIGEST_KIND, staffDigestMessages } from "./staff-digest.ts";

/** Retry timing of the outbox: exponential, jittered, capped, a number of attempts. */
export interface BackoffPolicy extends Backoff {
  /** Attempts in all, the first included; after the last one the message is failed. */
  readonly maxAttempts: number;
}

/** Suits Telegram and WeCom in production: 1 s, doubling, at most 5 minutes, 10 attempts. */
const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 300_000, maxAttempts: 10 };

/** Batch, lease and retry settings of a worker. */
export interface OutboxWorkerLimits {
  /** Rows claimed (and sent concurrently, one per recipient) per round. Default 20. */
  readonly batchSize: number;
  /** How long a claim lasts; must exceed the slowest send of a batch. Default 5 minutes. */
  readonly leaseMs: number;
  /** Pause of a started worker when nothing is due. Default 1 s. */
  readonly pollIntervalMs: number;
  readonly backoff: BackoffPolicy;
}

export const DEFAULT_WORKER_LIMITS: OutboxWorkerLimits = {
  batchSize: 20,
  leaseMs: 300_000,
  pollIntervalMs: 1_000,
  backoff: DEFAULT_BACKOFF,
};

/** What rounds of work did. */
export interface OutboxRunResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  held: number;
  /** Given back to wait for their answer's translation (see OutboxWorkerDeps.answerTranslations). */
  awaitingTranslation: number;
}

export interface OutboxWorker {
  /** This worker's id, part of every lease it takes. */
  readonly id: string;
  /** Starts polling in the background; does nothing when already started. */
  start(): void;
  /** Stops polling and resolves once the sends in flight are recorded. */
  stop(): Promise<void>;
  /** Ends the idle pause of a started worker now (call after enqueueing). */
  wake(): void;
  /** Claims and processes one batch. Store errors reject. */
  runOnce(): Promise<OutboxRunResult>;
  /**
   * Processes batches until nothing is due at the clock's current time (rows
   * scheduled for a later retry stay pending). For tests and one-shot tools;
   * do not run it beside start().
   */
  drain(): Promise<OutboxRunResult>;
}

export interface OutboxWorkerDeps {
  readonly store: OutboxStore;
  /**
   * Each channel's sender and renderer, looked up by the row's channel. A channel that is not
   * here has its rows held until it is configured.
   */
  readonly channels: Partial<Record<OutboxChannel, OutboxDelivery>>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly limits?: Partial<Omit<OutboxWorkerLimits, "backoff">> & {
    readonly backoff?: Partial<BackoffPolicy>;
  };
  /** Default: a random UUID prefix. */
  readonly workerId?: string;
  /** Jitter source in [0, 1). Default Math.random. */
  readonly random?: () => number;
  /**
   * Another way to a citizen whose chat refused a notice for good or held it (SMS): tried once
   * per such row; when it delivers, the row is sent.
   */
  readonly fallback?: CitizenFallback;
  /**
   * The machine translations of the units' answers: a citizen or supporter who reads English
   * gets the answer's translation after the original. Without it, the original alone.
   *
   * The translation is never waited for inside a round (which every other row of it waits
   * for): an answer notice whose translation is not kept yet is given back while it is made,
   * and goes once it is kept or has failed, or after `translationWaitMs` at most (the
   * translating process gone), then without it.
   */
  readonly answerTranslations?: AnswerTranslations;
  /** The longest an answer notice waits for its translation. Default 1 minute. */
  readonly translationWaitMs?: number;
}

/** How the rows of one channel go out. */
export interface OutboxDelivery {
  readonly sender: Sender;
  /**
   * The channel's messages for a row: at least the plain notices of render.ts (plainNotices,
   * which validates the payload). May load the case (cards with buttons); a throw or
   * rejection fails the row.
   */
  readonly renderer: OutboxRenderer;
}

/** Delivers a citizen's notice some other way than their chat. */
export interface CitizenFallback {
  /** True for a row that goes this way alone (the receipt's SMS), never through the chat. */
  takesAlone(message: ClaimedOutboxMessage): boolean;
  /**
   * @returns true when the notice went, its row then recorded as sent in the same transaction
   * as the fallback's own record of it (the SMS log's row); false when it cannot (no phone
   * left, refused, limit reached — recorded by the fallback itself, the row left to the worker).
   */
  deliver(message: ClaimedOutboxMessage): Promise<boolean>;
}

/** Turns a claimed row into the messages to send. */
export type OutboxRenderer = (
  message: ClaimedOutboxMessage,
) => RenderedMessage[] | Promise<RenderedMessage[]>;

type Outcome = "sent" | "retried" | "failed" | "held" | "awaitingTranslation";

/** Longer than the LLM's timeout: the translating process normally settles it much sooner. */
const DEFAULT_TRANSLATION_WAIT_MS = 60_000;

const emptyResult = (): OutboxRunResult => ({
  claimed: 0,
  sent: 0,
  retried: 0,
  failed: 0,
  held: 0,
  awaitingTranslation: 0,
});

/** Creates a worker; it does nothing until start(), runOnce() or drain() is called. */
export function createOutboxWorker(deps: OutboxWorkerDeps): OutboxWorker {
  const { store, channels, clock } = deps;
  const limits: OutboxWorkerLimits = {
    ...DEFAULT_WORKER_LIMITS,
    ...deps.limits,
    backoff: { ...DEFAULT_BACKOFF, ...deps.limits?.backoff },
  };
  const id = deps.workerId ?? `outbox-${randomUUID().slice(0, 8)}`;
  const random = deps.random ?? Math.random;
  const translationWaitMs = deps.translationWaitMs ?? DEFAULT_TRANSLATION_WAIT_MS;
  const logger = deps.logger.child({ workerId: id });

  let running = false;
  let loop: Promise<void> | null = null;
  let wakeUp: (() => void) | null = null;

  /**
   * The row to render, its answer's translation added for a reader of English when there is
   * one (only the renderer sees it: the row itself never holds the translation); null when the
   * row was given back to wait for the translation.
   */
  async function withAnswerTranslation(
    message: ClaimedOutboxMessage,
    log: Logger,
  ): Promise<ClaimedOutboxMessage | null> {
    const translations = deps.answerTranslations;
    const notice = translations && answerOfNotice(message);
    if (!translations || !notice) return message;
    const { locale, translationAwaited } = notice.payload;
    const ahead = await translations.translationAhead(notice.answer, locale);
    if (ahead.kind === "translated") return withTranslationShown(message, notice, ahead.text);
    if (ahead.kind === "untranslated") return message;
    if (translationAwaited) {
      log.warn(
        { reason: `no translation within ${translationWaitMs} ms` },
        "answer sent untranslated: its translation was not ready in time",
      );
      return message;
    }
    const until = new Date(clock.now().getTime() + translationWaitMs);
    if (!(await store.awaitTranslation(message, until))) return null;
    void ahead.made
      .then(() => store.translationSettled(message.id, until))
      .then(
        () => wakeUp?.(),
        (error: unknown) => {
          // The row goes when its wait ends, without the translation.
          log.warn({ err: error }, "answer notice not made due after its translation");
        },
      );
    return null;
  }

  async function process(message: ClaimedOutboxMessage): Promise<Outcome> {
    const attempt = message.attempts + 1;
    const log = logger.child({
      outboxId: message.id,
      caseId: message.caseId,
      caseNo: trackingNoOf(message.payload) ?? undefined,
      channel: message.channel,
      kind: message.kind,
      attempt,
    });
    // Before the chat's sender is looked for: a registered call's or visit's citizen has no chat.
    if (message.audience === "citizen" && deps.fallback?.takesAlone(message)) {
      if (await deps.fallback.deliver(message)) {
        log.info("outbox message sent by the fallback channel alone");
        return "sent";
      }
      // Recorded by the fallback (e.g. in the SMS log); the chat has it already.
      await store.markFailed(message, "not sent by the fallback channel");
      log.info("outbox message for the fallback channel alone not sent");
      return "failed";
    }
    const delivery = channels[message.channel];
    if (delivery === undefined) {
      await store.hold(message, `no sender configured for channel ${message.channel}`);
      log.warn("outbox message held: no sender for its channel");
      return "held";
    }
    const toRender = await withAnswerTranslation(message, log);
    if (toRender === null) {
      log.info("answer notice given back until its translation is made");
      return "awaitingTranslation";
    }
    let messages: RenderedMessage[];
    try {
      messages =
        message.kind === STAFF_DIGEST_KIND
          ? staffDigestMessages(message.payload)
          : await delivery.renderer(toRender);
    } catch (error) {
      const reason = `cannot render: ${errorMessage(error)}`;
      await store.markFailed(message, reason);
      log.error({ reason }, "outbox message failed");
      return "failed";
    }
    const done = deliveredPartsOf(message.payload);
    try {
      await delivery.sender.send(message.recipient, messages.slice(done));
    } catch (thrown) {
      const error =
        thrown instanceof DeliveryError
          ? thrown
          : new DeliveryError(`unexpected sender error: ${errorMessage(thrown)}`, {
              kind: "transient",
              cause: thrown,
            });
      const delivered = done + error.delivered;
      if (error.kind !== "transient" && message.audience === "citizen" && deps.fallback) {
        if (await deps.fallback.deliver(message)) {
          log.info({ reason: error.message }, "outbox message sent by the fallback channel");
          return "sent";
        }
      }
      if (error.kind === "hold") {
        const held = await store.hold(message, error.message, delivered);
        log.info({ reason: error.message }, "outbox message held");
        if (held && error.afterHold) {
          await error.afterHold().catch((recheck: unknown) => {
            log.warn({ err: recheck }, "held outbox message not checked again");
          });
        }
        return "held";
      }
      if (error.kind === "permanent" || attempt >= limits.backoff.maxAttempts) {
        const reason = error.permanent
          ? error.message
          : `gave up after ${attempt} attempts: ${error.message}`;
        const owned = await store.markFailed(message, reason);
        // A refusal for good (a citizen who blocked the bot, a chat that is gone) is the world
        // as it is, kept as failed on the row; retries that ran out are a fault to look into.
        if (error.permanent) log.warn({ reason, owned }, "outbox message refused for good");
        else log.error({ reason, owned }, "outbox message failed");
        return "failed";
      }
      const delayMs = error.retryAfterMs ?? backoffDelay(limits.backoff, attempt, random);
      const nextAttemptAt = new Date(clock.now().getTime() + delayMs);
      const owned = await store.markRetry(message, {
        nextAttemptAt,
        error: error.message,
        ...(delivered > 0 ? { deliveredParts: delivered } : {}),
      });
      log.warn(
        { reason: error.message, delayMs, delivered, owned },
        "outbox message will be retried",
      );
      return "retried";
    }
    const owned = await store.markSent(message);
    if (!owned) log.warn("outbox message was sent, but another worker had finished it");
    else log.info({ parts: messages.length - done }, "outbox message sent");
    return "sent";
  }

  async function runOnce(): Promise<OutboxRunResult> {
    return processBatch(await store.claimBatch(id, limits.batchSize, limits.leaseMs));
  }

  async function processBatch(claimed: readonly ClaimedOutboxMessage[]): Promise<OutboxRunResult> {
    const result = emptyResult();
    result.claimed = claimed.length;
    const outcomes = await Promise.allSettled(claimed.map((message) => process(message)));
    for (const outcome of outcomes) {
      if (outcome.status === "fulfilled") result[outcome.value]++;
      // The row stays leased and is retried after the lease: only the store can fail here.
      else logger.error({ err: outcome.reason }, "outbox store error while recording a delivery");
    }
    return result;
  }

  function idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakeUp = done;
    });
  }

  /**
   * Claims the next batch while the previous one is still being sent (at most two in hand),
   * so the rate limiter always has messages queued: waiting for a batch's last send before
   * claiming the next left the limiter idle for the claim's time. A recipient whose row is in
   * hand is leased and yields nothing to the next claim, so its order is kept.
   */
  async function run(): Promise<void> {
    /** The batch being sent: resolves to its number of rows once they are recorded. */
    let sending: Promise<number> = Promise.resolve(0);
    while (running) {
      let claimed: readonly ClaimedOutboxMessage[] = [];
      try {
        claimed = await store.claimBatch(id, limits.batchSize, limits.leaseMs);
      } catch (error) {
        logRoundFailure(error);
      }
      if (claimed.length === 0) {
        // The batch in hand may free its recipients' next rows: claim again once it is done,
        // and pause only when it was empty too.
        const previous = await sending;
        sending = Promise.resolve(0);
        if (previous === 0 && running) await idle(limits.pollIntervalMs);
        continue;
      }
      const batch = processBatch(claimed).then(
        () => claimed.length,
        (error: unknown) => {
          logRoundFailure(error);
          return claimed.length;
        },
      );
      await sending;
      // A batch that is not full took every row due: claim again once it is sent.
      if (claimed.length < limits.batchSize) await batch;
      sending = claimed.length < limits.batchSize ? Promise.resolve(0) : batch;
    }
    await sending;
  }

  function logRoundFailure(error: unknown): void {
    // An outage is ridden out (the next round tries again); anything else is a fault.
    if (isDatabaseUnavailable(error)) {
      logger.warn({ err: error }, "outbox round failed: database unavailable");
    } else {
      logger.error({ err: error }, "outbox round failed");
    }
  }

  return {
    id,
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
      loop = null;
    },
    wake() {
      wakeUp?.();
    },
    runOnce,
    async drain() {
      const total = emptyResult();
      for (;;) {
        const round = await runOnce();
        if (round.claimed === 0) return total;
        for (const key of Object.keys(total) as (keyof OutboxRunResult)[]) total[key] += round[key];
      }
    },
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
