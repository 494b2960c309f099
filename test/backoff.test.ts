/** The one backoff formula: doubling from a base, capped, optionally with equal jitter. */
import { expect, it } from "vitest";
import { backoffDelay } from "../src/backoff.ts";
import { retryDelayMs } from "../src/channels/inbox-processor.ts";
import { MAX_SIGN_IN_BACKOFF_MS, signInBackoffMs } from "../src/console/staff-auth.ts";

it("doubles from the base after each failure and never passes the cap", () => {
  const policy = { baseMs: 1_000, maxMs: 5_000 };
  expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(policy, attempt))).toEqual([
    1_000, 2_000, 4_000, 5_000, 5_000,
  ]);
});

it("with jitter, waits at least half and at most the whole pause", () => {
  const policy = { baseMs: 1_000, maxMs: 300_000 };
  expect(backoffDelay(policy, 3, () => 0)).toBe(2_000);
  expect(backoffDelay(policy, 3, () => 0.999_999)).toBe(4_000);
});

it("spaces the inbox's attempts 2, 4, 8 and 16 s apart", () => {
  expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([2_000, 4_000, 8_000, 16_000]);
});

it("slows a username down from its first failure past the free ones, up to 5 minutes", () => {
  expect(signInBackoffMs(4, 5)).toBeNull();
  expect([5, 6, 7].map((failures) => signInBackoffMs(failures, 5))).toEqual([1_000, 2_000, 4_000]);
  expect(signInBackoffMs(30, 5)).toBe(MAX_SIGN_IN_BACKOFF_MS);
});
