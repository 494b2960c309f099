/**
 * An error-level log line fails the test that caused it, unless the test said it expects
 * it (epic-stack's rule for console.error): an error log is a bug until shown otherwise.
 * The service's loggers in tests write here (test-app.ts); test/support/setup.ts checks
 * after each test.
 */
import pino from "pino";
import { loggerOptions, type Logger } from "../../src/logging/logger.ts";

interface LogLine {
  readonly level: number;
  readonly msg?: string;
  readonly err?: { readonly message?: string };
}

const ERROR_LEVEL = 50;
let allowed: RegExp[] = [];
let unexpected: string[] = [];

/** Allows error-level lines whose message matches one of `patterns` in the current test. */
export function expectErrorLogs(...patterns: RegExp[]): void {
  allowed.push(...patterns);
}

/** The error-level lines no test expected since the last call; forgets them and the allowances. */
export function takeUnexpectedErrorLogs(): string[] {
  const lines = unexpected;
  unexpected = [];
  allowed = [];
  return lines;
}

/**
 * A logger with the product's options that records error-level lines (and prints every line
 * at `printLevel`, e.g. TEST_LOG_LEVEL=debug, for a look at a failing test). With `lines`,
 * every line from debug up is also appended there, as written (for tests about the logs).
 */
export function testLogger(printLevel: string | undefined, lines?: string[]): Logger {
  const printed =
    printLevel && printLevel !== "silent" ? pino.levels.values[printLevel] : undefined;
  const level = lines ? "debug" : printed === undefined ? "error" : printLevel!;
  return pino(loggerOptions(level, false), {
    write(line: string) {
      lines?.push(line);
      const parsed = JSON.parse(line) as LogLine;
      if (printed !== undefined && parsed.level >= printed) process.stdout.write(line);
      if (parsed.level < ERROR_LEVEL) return;
      const text = `${parsed.msg ?? ""}${parsed.err?.message ? `: ${parsed.err.message}` : ""}`;
      if (!allowed.some((pattern) => pattern.test(text))) unexpected.push(text);
    },
  });
}
