import { describe, expect, it } from "vitest";
import { applyMigrations } from "../../src/storage/migrate.ts";
import { emptyDatabaseTarget, PROVIDERS } from "../support/databases.ts";
import { differencesFromModel } from "../support/introspection.ts";

describe.each(PROVIDERS)("the committed %s migration history", { timeout: 60_000 }, (provider) => {
  it("builds, on an empty database, exactly the data model of prisma/models.prisma", async () => {
    const target = await emptyDatabaseTarget(provider);

    await applyMigrations(target);

    expect(await differencesFromModel(target)).toBe("");
  });

  it("can be applied again at every start without changing anything", async () => {
    const target = await emptyDatabaseTarget(provider);
    await applyMigrations(target);

    await applyMigrations(target);

    expect(await differencesFromModel(target)).toBe("");
  });
});
