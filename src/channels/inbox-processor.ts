import { backoffDelay, type Backoff } from "../backoff.ts";
import type { Channel } from "../generated/sqlite/enums.ts";
import type { Logger } from "../logging/logger.ts";
import { isDatabaseUnavailable } from "../storage/database.ts";
import type { ClaimedUpdate, InboundUpdate, InboxStore } from "../storage/inbox-store.ts";

export interface InboxProcessorOptions {
  readonly channel: Channel;
  readonly inbox: InboxStore;
  /**
   * Handles one update; a throw leaves it for a later attempt. What it resolves to is
   * recorded with the update's completion.
   */
  readonly handle: (update: ClaimedUpdate) => Promise<HandledUpdate | void>;
  readonly clock: { now(): Date };
  /** The channel's logger: its lines name the channel already (a key bound twice repeats). */
  readonly logger: Logger;
  /** Attempts before an update is set aside (recorded as failed for the clerks). Default 5. */
  readonly maxAttempts?: number;
  /** How long a claimed update is this instance's without a renewal. Default 30 s. */
  readonly leaseMs?: number;
  /** Updates (of different chats) handled at once. Default 8. */
  readonly concurrency?: number;
}

export interface HandledUpdate {
  /** Messages of the update's answer delivered in all (InboxStore.recordSent). */
  readonly repliesSent?: number;
}

export interface InboxProcessor {
  /** Processes what is ready now; resolves once nothing is in hand and nothing more is ready. */
  kick(): Promise<void>;
  /**
   * Takes up what was just stored for these chats (null: an update of no chat), each chat's
   * next update claimed by its chat; chats that find no free slot wait for one.
   */
  offer(chatIds: readonly (string | null)[]): void;
  /**
   * Stores one update (InboxStore.store) and takes it up as `offer` does; resolves once it is
   * stored. When its chat is not in hand here and a slot is free, the statement that stores
   * it claims it too (InboxStore.storeAndClaim), unless the chat has an update before it.
   */
  receive(update: InboundUpdate): Promise<void>;
  start(): void;
  /**
   * Stops claiming and waits for the updates in hand, at most `graceMs`; those still in
   * hand then are left to their leases (another instance, or the next start, takes them).
   */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Whether an update's completion looked for its chat's next update, and what it claimed. Not
 * looked for, the chat is offered again (its next update claimed by claimNextOf).
 */
interface NextOfChat {
  readonly lookedFor: boolean;
  readonly next: ClaimedUpdate | null;
}

const NOT_LOOKED_FOR: NextOfChat = { lookedFor: false, next: null };

/** How often to look for updates stored by others, or due for a retry. */
const SWEEP_MS = 2000;

/** The pause before attempt n + 1: 2, 4, 8, 16 s (at most 5 minutes). */
export function retryDelayMs(attempt: number): number {
  return backoffDelay(INBOX_BACKOFF, attempt);
}

const INBOX_BACKOFF: Backoff = { baseMs: 2_000, maxMs: 300_000 };

/**
 * Works off the inbox: each chat's updates in order, up to `concurrency` chats at once, on
 * any number of instances. A slow or failing chat takes one slot and never holds up the
 * others: each update is claimed when a slot is free, not in batches. What this instance
 * receives for an idle chat is claimed by the statement that stores it
 * (InboxStore.storeAndClaim), the rest it stores by its chat (InboxStore.claimNextOf); a
 * chat's next update is claimed by
 * the statement that completes the one before (InboxStore.completeAndClaimNext); the sweep
 * (InboxStore.claimReady) finds the rest: updates stored by other instances, due for a
 * retry, or left by an instance that died. A failing update is tried
 * again after a growing pause, and after `maxAttempts` set aside (InboxStore.setAside) so
 * its chat goes on.
 */
export function createInboxProcessor(options: InboxProcessorOptions): InboxProcessor {
  const { channel, inbox, handle, clock, logger } = options;
  const leaseMs = options.leaseMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 5;
  const concurrency = options.concurrency ?? 8;

  const inHand = new Map<string, Promise<void>>();
  const busyChats = new Set<string>();
  /** Chats offered while no slot was free, oldest first. */
  const waiting = new Set<string>();
  let pumping: Promise<void> | null = null;
  let again = false;
  let stopping = false;
  let idleWaiters: (() => void)[] = [];
  let sweep: NodeJS.Timeout | undefined;
  /** Claims by chat under way (each holds a slot). */
  let claiming = 0;
  let renewal: NodeJS.Timeout | undefined;

  /**
   * Handles the update and records how it went. Done, it claims the chat's next update with
   * the same statement (InboxStore.completeAndClaimNext) unless another chat waits for a slot.
   */
  async function processOne(update: ClaimedUpdate): Promise<NextOfChat> {
    const context = { updateId: update.updateId, attempts: update.attempts };
    try {
      const handled = await handle(update);
      const { chatId } = update;
      if (chatId !== null && !stopping && !aChatWaitsForASlot()) {
        // What was offered for the chat until now is stored: this statement finds it.
        waiting.delete(chatId);
        const next = await inbox.completeAndClaimNext(
          channel,
          { updateId: update.updateId, chatId },
          clock.now(),
          leaseMs,
          handled?.repliesSent,
        );
        return { lookedFor: true, next };
      }
      await inbox.complete(channel, update.updateId, clock.now(), handled?.repliesSent);
    } catch (error) {
      const reason = describeFailure(error);
      try {
        if (update.attempts >= maxAttempts) {
          logger.error(
            { ...context, err: error },
            "inbound update set aside after its last attempt",
          );
          await inbox.setAside(channel, update.updateId, reason, clock.now());
        } else {
          logger.warn({ ...context, err: error }, "inbound update failed; it is tried again");
          const retryAt = new Date(clock.now().getTime() + retryDelayMs(update.attempts));
          await inbox.fail(channel, update.updateId, reason, retryAt);
        }
      } catch (recordError) {
        // Its lease runs out and the update is claimed again: nothing is lost.
        logger.warn({ ...context, err: recordError }, "inbound update failure not recorded");
      }
    }
    return NOT_LOOKED_FOR;
  }

  /** Whether a chat other than those in hand waits for a slot, and none is free. */
  function aChatWaitsForASlot(): boolean {
    if (inHand.size + claiming < concurrency) return false;
    for (const chatId of waiting) if (!busyChats.has(chatId)) return true;
    return false;
  }

  function begin(update: ClaimedUpdate): void {
    if (update.chatId !== null) busyChats.add(update.chatId);
    const task = processOne(update).then(({ lookedFor, next }) => {
      inHand.delete(update.updateId);
      if (next && !stopping) {
        // The chat keeps its slot for the update claimed along with this one's completion.
        begin(next);
      } else if (update.chatId !== null) {
        busyChats.delete(update.chatId);
        // The chat's next update, if it has one, after the chats already waiting for a slot.
        if (!lookedFor) waiting.add(update.chatId);
      }
      takeWaiting();
      settleIdle();
    });
    inHand.set(update.updateId, task);
  }

  /** Claims, by chat, what the waiting chats have, while slots are free. */
  function takeWaiting(): void {
    for (const chatId of waiting) {
      if (stopping || inHand.size + claiming >= concurrency) return;
      // A busy chat keeps its offer: what was stored for it while its update was handled or
      // its claim ran may have come after that update's claim looked, and is claimed once the
      // chat is free (dropped, it waited for the sweep).
      if (busyChats.has(chatId)) continue;
      waiting.delete(chatId);
      claimHolding(chatId, () => inbox.claimNextOf(channel, chatId, clock.now(), leaseMs)).catch(
        (error: unknown) =>
          // The sweep finds the chat's update once the database answers again.
          logger.warn({ err: error }, "inbox claim failed; the next sweep tries again"),
      );
    }
  }

  /**
   * Runs `claim` for `chatId` with the chat and a slot held, so that nothing here claims the
   * chat meanwhile; then takes up what it claimed and the chats waiting for a slot. Resolves
   * (or rejects) as `claim` does.
   */
  async function claimHolding(
    chatId: string,
    claim: () => Promise<ClaimedUpdate | null>,
  ): Promise<ClaimedUpdate | null> {
    claiming++;
    busyChats.add(chatId);
    let claimed: ClaimedUpdate | null = null;
    try {
      claimed = await claim();
      return claimed;
    } finally {
      claiming--;
      busyChats.delete(chatId);
      if (claimed && !stopping) begin(claimed);
      takeWaiting();
      settleIdle();
    }
  }

  async function pump(): Promise<void> {
    for (;;) {
      again = false;
      const free = concurrency - inHand.size - claiming;
      if (free <= 0 || stopping) return;
      const ready = await inbox.claimReady(channel, clock.now(), leaseMs, free, busyChats);
      for (const update of ready) begin(update);
      if (ready.length === 0 && !again) return;
    }
  }

  function settleIdle(): void {
    if (pumping || inHand.size > 0 || claiming > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  function idle(): Promise<void> {
    if (!pumping && inHand.size === 0 && claiming === 0) return Promise.resolve();
    return new Promise((resolve) => idleWaiters.push(resolve));
  }

  function kick(): Promise<void> {
    if (stopping) return idle();
    if (pumping) {
      again = true;
      return idle();
    }
    pumping = pump()
      .catch((error: unknown) => {
        if (isDatabaseUnavailable(error)) {
          logger.warn({ err: error }, "inbox unavailable; the next sweep tries again");
        } else {
          logger.error({ err: error }, "inbox unavailable");
        }
      })
      .finally(() => {
        pumping = null;
        if (again && !stopping) void kick();
        settleIdle();
      });
    return idle();
  }

  function renewLeases(): void {
    if (inHand.size === 0) return;
    const until = new Date(clock.now().getTime() + leaseMs);
    inbox.renew(channel, [...inHand.keys()], until).catch((error: unknown) => {
      logger.warn({ err: error }, "inbox leases not renewed");
    });
  }

  function offer(chatIds: readonly (string | null)[]): void {
    for (const chatId of chatIds) {
      if (chatId === null) {
        void kick();
        continue;
      }
      waiting.add(chatId);
    }
    takeWaiting();
  }

  return {
    kick,
    offer,
    async receive(update) {
      const { chatId } = update;
      if (
        chatId === null ||
        stopping ||
        busyChats.has(chatId) ||
        inHand.size + claiming >= concurrency
      ) {
        await inbox.store(channel, [update]);
        offer([chatId]);
        return;
      }
      const claimed = await claimHolding(chatId, () =>
        inbox.storeAndClaim(channel, { ...update, chatId }, clock.now(), leaseMs),
      );
      // Not claimed (seen before, or the chat has an update before it): claimed by its chat.
      if (claimed === null) offer([chatId]);
    },
    start() {
      stopping = false;
      sweep = setInterval(() => void kick(), SWEEP_MS);
      sweep.unref();
      renewal = setInterval(renewLeases, leaseMs / 3);
      renewal.unref();
      void kick();
    },
    async stop(graceMs = 10_000) {
      stopping = true;
      clearInterval(sweep);
      clearInterval(renewal);
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<"late">((resolve) => {
        timer = setTimeout(() => resolve("late"), graceMs);
        timer.unref();
      });
      const finished = idle().then(() => "done");
      const outcome = await Promise.race([finished, graceOver]);
      clearTimeout(timer);
      if (outcome === "late") {
        logger.warn(
          { channel, inHand: inHand.size },
          "stopped with updates in hand; their leases hand them on",
        );
      }
    },
  };
}

/** What is kept of a failure: its class and message (ours or a client library's, never a citizen's words). */
function describeFailure(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 500);
  return String(error).slice(0, 500);
}
