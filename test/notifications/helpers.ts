/** Shared fixtures of the notification tests: a movable clock, payloads, a quiet logger. */
import pino from "pino";
import type { Logger } from "../../src/logging/logger.ts";
import type {
  NewOutboxMessage,
  OutboxAudience,
  OutboxPayload,
} from "../../src/notifications/outbox-payload.ts";
import type { Sleep } from "../../src/notifications/rate-limiter.ts";

export interface TestClock {
  now(): Date;
  advance(ms: number): void;
  /** Moves to `ms` since the epoch unless the clock is already later. */
  advanceTo(ms: number): void;
}

export function testClock(start = "2026-11-28T02:00:00.000Z"): TestClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    advanceTo: (ms) => {
      current = Math.max(current, ms);
    },
  };
}

/** A sleep that moves `clock` instead of waiting. */
export function virtualSleep(clock: TestClock): Sleep {
  return async (ms) => {
    const target = clock.now().getTime() + ms;
    await Promise.resolve();
    clock.advanceTo(target);
  };
}

/** Deterministic numbers in [0, 1) (mulberry32). */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A logger that writes nothing, or into `lines` when given. */
export function quietLogger(lines?: string[]): Logger {
  if (lines === undefined) return pino({ level: "silent" });
  return pino({ level: "debug" }, { write: (line: string) => void lines.push(line) });
}

export function payload(overrides: Partial<OutboxPayload> = {}): OutboxPayload {
  return {
    v: 1,
    locale: "zh",
    kind: "received",
    trackingNo: "ZK-20261128-0001",
    status: "submitted",
    nextStep: "await_decision",
    dueAt: "2026-12-03T15:59:59.999Z",
    dueDate: "2026-12-03",
    details: {},
    unitName: null,
    ...overrides,
  };
}

/** A citizen notice to a Telegram chat, tagged by its tracking number. */
export function notice(
  recipient: number | string,
  trackingNo: string,
  overrides: Partial<OutboxPayload> = {},
  audience: OutboxAudience = "citizen",
): NewOutboxMessage {
  const p = payload({ trackingNo, ...overrides });
  return {
    caseId: null,
    channel: "telegram",
    recipient: String(recipient),
    audience,
    kind: p.kind,
    payload: p,
  };
}
