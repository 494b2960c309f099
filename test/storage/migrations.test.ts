import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/storage/database.ts";
import { applyMigrations, migrateIfNeeded, pendingMigrations } from "../../src/storage/migrate.ts";
import { emptyDatabaseTarget, PROVIDERS } from "../support/databases.ts";
import { differencesFromModel } from "../support/introspection.ts";

describe.each(PROVIDERS)("the committed %s migration history", { timeout: 90_000 }, (provider) => {
  it("builds, on an empty database, exactly the data model of prisma/models.prisma", async () => {
    const target = await emptyDatabaseTarget(provider);

    await applyMigrations(target);

    expect(await differencesFromModel(target)).toBe("");
  });

  it("is applied once: a later start finds nothing pending and runs no migration", async () => {
    const target = await emptyDatabaseTarget(provider);

    expect((await migrateIfNeeded(target)).length).toBeGreaterThan(0);
    expect(await migrateIfNeeded(target)).toEqual([]);

    const db = await openDatabase(target);
    try {
      expect(await pendingMigrations(db, target)).toEqual([]);
    } finally {
      await db.$disconnect();
    }
  });
});
