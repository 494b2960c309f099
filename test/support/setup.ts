// Per-test-file setup: an unexpected error-level log of the service fails the test (error-logs.ts).
import { afterEach } from "vitest";
import { takeUnexpectedErrorLogs } from "./error-logs.ts";

afterEach(() => {
  const lines = takeUnexpectedErrorLogs();
  if (lines.length > 0) {
    throw new Error(
      `the service logged at error level (use expectErrorLogs if the test means it):\n${lines.join("\n")}`,
    );
  }
});
