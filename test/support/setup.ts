// Per-test-file setup. A worker process runs file after file (isolate: false in
// vitest.config.ts): the packages stay loaded, and every module of ours starts afresh for each
// file, before anything of the file is imported, as in a process of its own.
import { afterEach, vi } from "vitest";

vi.resetModules();
const { takeUnexpectedErrorLogs } = await import("./error-logs.ts");

// An unexpected error-level log of the service fails the test (error-logs.ts).
afterEach(() => {
  const lines = takeUnexpectedErrorLogs();
  if (lines.length > 0) {
    throw new Error(
      `the service logged at error level (use expectErrorLogs if the test means it):\n${lines.join("\n")}`,
    );
  }
});
