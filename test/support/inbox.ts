import { retryDelayMs } from "../../src/channels/inbox-processor.ts";
import type { Channel } from "../../src/generated/sqlite/enums.ts";
import type { Db } from "../../src/storage/database.ts";
import type { MovableClock } from "./clock.ts";

/**
 * Waits until the inbox has tried update `updateId` `times` times and recorded the failure
 * of the last of them. The attempt counter moves when an attempt starts, so the failure
 * shows in the lease: after a failure it runs to the retry time the inbox chose on the
 * test's clock (which stands still meanwhile), while an attempt in hand holds a longer
 * lease. (Waiting for the count alone raced the attempt still in hand.)
 */
export async function attemptFailed(
  db: Db,
  clock: MovableClock,
  channel: Channel,
  updateId: string,
  times = 1,
  timeoutMs = 15_000,
): Promise<void> {
  const retryAt = clock.now().getTime() + retryDelayMs(times);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await db.inboxUpdate.findUnique({
      where: { channel_updateId: { channel, updateId } },
    });
    if (
      row &&
      row.attempts === times &&
      row.lastError !== null &&
      !row.processedAt &&
      row.leaseUntil?.getTime() === retryAt
    ) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`${channel} update ${updateId} did not fail attempt ${times} in time`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
