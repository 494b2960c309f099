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
