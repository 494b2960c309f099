import type { Channel } from "../generated/sqlite/enums.ts";
import type { Logger } from "../logging/logger.ts";
import type { ClaimedUpdate, InboxStore } from "../storage/inbox-store.ts";

export interface InboxProcessorOptions {
  readonly channel: Channel;
  readonly inbox: InboxStore;
  /** Handles one update; a throw leaves it for a later attempt. */
  readonly handle: (update: ClaimedUpdate) => Promise<void>;
  readonly clock: { now(): Date };
  readonly logger: Logger;
  /** Attempts before an update is given up (recorded, not retried). */
  readonly maxAttempts?: number;
}

export interface InboxProcessor {
  /** Processes what is ready now; resolves when nothing more is (used after storing). */
  kick(): Promise<void>;
  start(): void;
  /** Stops sweeping and waits for the updates in hand. */
  stop(): Promise<void>;
}

/**
 * Works off the inbox: each chat's updates in order, different chats in
 * parallel, on any number of instances (see InboxStore.claimReady).
 */
/** How often to look for updates stored by others or left by a crash. */
const SWEEP_MS = 2000;

export function createInboxProcessor(options: InboxProcessorOptions): InboxProcessor {
  const { channel, inbox, handle, clock, logger } = options;
  // How long a claimed update belongs to this instance (longer than any handling).
  const leaseMs = 60_000;
  const maxAttempts = options.maxAttempts ?? 5;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  async function processOne(update: ClaimedUpdate): Promise<void> {
    try {
      await handle(update);
      await inbox.complete(channel, update.updateId, clock.now());
    } catch (error) {
      const giveUp = update.attempts >= maxAttempts;
      const retryAt = new Date(clock.now().getTime() + 1000 * 2 ** update.attempts);
      logger.error(
        { err: error, channel, updateId: update.updateId, attempts: update.attempts, giveUp },
        "inbound update failed",
      );
      await inbox.fail(channel, update.updateId, String(error), retryAt, giveUp);
    }
  }

  async function drain(): Promise<void> {
    for (;;) {
      again = false;
      const ready = await inbox.claimReady(channel, clock.now(), leaseMs);
      await Promise.all(ready.map(processOne));
      if (ready.length === 0 && !again) return;
    }
  }

  function kick(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = drain()
      .catch((error: unknown) => logger.error({ err: error, channel }, "inbox unavailable"))
      .finally(() => {
        running = null;
      });
    return running;
  }

  return {
    kick,
    start() {
      timer = setInterval(() => void kick(), SWEEP_MS);
      timer.unref();
      void kick();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
