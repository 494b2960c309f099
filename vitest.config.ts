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
    // A worker runs one file after another instead of a new process per file: the packages
    // (Prisma, Fastify, grammY, zod, …) are loaded once per worker, not once per file. The
    // setup file gives each file fresh modules of ours (test/support/setup.ts).
    isolate: false,
  },
});
