/**
 * Waiting for the service's notifications: they go through the outbox, after the action that
 * caused them has answered, so a test that reads what a chat received waits here first.
 */
import type { TestApp } from "./test-app.ts";

/**
 * Delivers every notification due now (also those the running worker holds, and answers waiting
 * for their translation): once it resolves, each chat has what the service had to tell it so far.
 * @throws after `timeoutMs` with rows still pending.
 */
export async function deliver(service: TestApp, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await service.app.outboxWorker.drain();
    const due = await dueOrAwaitingTranslation(service);
    if (due === 0) return;
    if (Date.now() > deadline) throw new Error(`${due} notification(s) still pending`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Pending rows due now, and answer notices given back while their translation is made: those are
 * due again once it is.
 */
async function dueOrAwaitingTranslation(service: TestApp): Promise<number> {
  const pending = await service.app.db.outboxMessage.findMany({
    where: { status: "pending" },
    select: { nextAttemptAt: true, payload: true, attempts: true },
  });
  const now = service.clock.now();
  return pending.filter((row) => row.nextAttemptAt <= now || isAwaitingTranslation(row)).length;
}

/** Given back for its translation and not tried since (a failed try waits for its retry). */
function isAwaitingTranslation(row: { payload: unknown; attempts: number }): boolean {
  const { payload } = row;
  const awaited =
    typeof payload === "object" && payload !== null && "translationAwaited" in payload;
  return awaited && row.attempts === 0;
}
