import pino from "pino";
import type { Logger } from "../../../src/logging/logger.ts";
import { loggerOptions } from "../../../src/logging/logger.ts";
import type { KfInboxStore } from "../../../src/channels/wecom/kf-inbox.ts";

/** A real pino logger (with the product's redaction) that keeps its JSON lines for assertions. */
export function captureLogger(level = "debug"): { logger: Logger; text: () => string } {
  const lines: string[] = [];
  const logger = pino(loggerOptions(level, false), {
    write: (line: string) => {
      lines.push(line);
    },
  });
  return { logger, text: () => lines.join("") };
}

/** An in-memory KfInboxStore, as the Prisma one behaves (durable within the test). */
export function memoryKfStore(): KfInboxStore & {
  readonly cursors: Map<string, string>;
  readonly seen: Set<string>;
  readonly saves: Array<{ name: string; cursor: string }>;
} {
  const cursors = new Map<string, string>();
  const seen = new Set<string>();
  const saves: Array<{ name: string; cursor: string }> = [];
  return {
    cursors,
    seen,
    saves,
    loadCursor: async (name) => cursors.get(name),
    saveCursor: async (name, cursor) => {
      cursors.set(name, cursor);
      saves.push({ name, cursor });
    },
    markProcessed: async (msgid) => {
      if (seen.has(msgid)) return false;
      seen.add(msgid);
      return true;
    },
  };
}

/** A clock tests move by hand. */
export function manualClock(start = Date.UTC(2026, 0, 5, 2, 0, 0)): {
  now: () => number;
  advance: (ms: number) => void;
} {
  let current = start;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
  };
}
