import { defineConfig } from "vitest/config";

/** What every test file runs with (the global setup is the root's: it runs once for all). */
const EVERY_FILE = {
  setupFiles: ["test/support/setup.ts"],
  testTimeout: 20_000,
  hookTimeout: 60_000,
  pool: "forks" as const,
};

/**
 * Files whose test needs a process of its own, one a package has never run in (a warning a
 * package gives once per process, say).
 */
const OWN_PROCESS = ["test/storage/postgres-transaction-queries.test.ts"];

export default defineConfig({
  test: {
    globalSetup: ["test/support/global-setup.ts"],
    // Two files at a time: most tests wait on PostgreSQL, child processes or Chromium, so two
    // overlap well on the 2-core machines (vitest's default on 2 cores is one).
    maxWorkers: 2,
    // The global teardown drops the PostgreSQL databases the run's last files left, each
    // DROP waiting for a checkpoint (global-setup.ts).
    teardownTimeout: 60_000,
    projects: [
      {
        test: {
          ...EVERY_FILE,
          name: "shared",
          include: ["test/**/*.test.ts"],
          exclude: OWN_PROCESS,
          // A worker runs one file after another instead of a new process per file: the
          // packages (Prisma, Fastify, grammY, zod, …) load once per worker, not once per file.
          // The setup file gives each file fresh modules of ours (test/support/setup.ts).
          isolate: false,
        },
      },
      { test: { ...EVERY_FILE, name: "own-process", include: OWN_PROCESS, isolate: true } },
    ],
  },
});
