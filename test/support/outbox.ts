/**
 * Waiting for the service's notifications: they go through the outbox, after the action that
 * caused them has answered, so a test that reads what a chat received waits here first.
 */
import { AWAITING_TRANSLATION } from "../../src/notifications/outbox-store.ts";
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
    // An answer notice given back while its translation is made is due again once it is.
    const due = await service.app.db.outboxMessage.count({
      where: {
        status: "pending",
        OR: [{ nextAttemptAt: { lte: service.clock.now() } }, { lastError: AWAITING_TRANSLATION }],
      },
    });
    if (due === 0) return;
    if (Date.now() > deadline) throw new Error(`${due} notification(s) still pending`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
