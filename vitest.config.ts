import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["test/support/setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Two files at a time: most tests wait on PostgreSQL, child processes or Chromium, so two
    // overlap well on the 2-core machines (vitest's default on 2 cores is one).
    maxWorkers: 2,
  },
});
