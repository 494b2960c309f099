import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/storage/database.ts";
import { migrateIfNeeded, pendingMigrations } from "../../src/storage/migrate.ts";
import { emptyDatabaseTarget, PROVIDERS } from "../support/databases.ts";
import { differencesFromModel } from "../support/introspection.ts";

describe.each(PROVIDERS)("the committed %s migration history", { timeout: 90_000 }, (provider) => {
  // One test: applying the whole history is the slow part, and both facts are about one start.
  it("builds, on an empty database, exactly the data model of prisma/models.prisma, and a later start finds nothing pending", async () => {
    const target = await emptyDatabaseTarget(provider);

    expect((await migrateIfNeeded(target)).length).toBeGreaterThan(0);

    expect(await differencesFromModel(target)).toBe("");
    expect(await migrateIfNeeded(target)).toEqual([]);
    const db = await openDatabase(target);
    try {
      expect(await pendingMigrations(db, target)).toEqual([]);
    } finally {
      await db.$disconnect();
    }
  });
});

describe("services starting at once on a new PostgreSQL database", { timeout: 90_000 }, () => {
  // Prisma's migration lock waits at most 10 s; the first deploy must let go of it as it ends.
  it("all start: one applies the history while the others wait for it", async () => {
    const target = await emptyDatabaseTarget("postgres");

    await Promise.all([1, 2, 3].map(() => migrateIfNeeded(target)));

    expect(await migrateIfNeeded(target)).toEqual([]);
  });
});
