import { vi } from "vitest";

/**
 * Waits until `check` holds, polling, for what happens after a fake server answered or a
 * worker ran; fails the test with vitest's timeout error after `timeoutMs`. The wait ends as
 * soon as `check` holds: the deadline only bounds a failure, generous for a loaded CI machine
 * (load 20 on 2 cores), where a worker's round takes seconds.
 */
export async function waitUntil(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 30_000,
): Promise<void> {
  await vi.waitUntil(check, { timeout: timeoutMs, interval: 25 });
}

/** Lets time pass in real time (to show that something did not happen). */
export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
