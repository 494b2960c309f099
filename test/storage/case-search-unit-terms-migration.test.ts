/**
 * The case_search_unit_terms migration on a database that already holds cases, then the
 * search-terms backfill after the start: the old cases are found by their words as before,
 * and once the backfill has run, a unit no longer finds a case by the name its writer wrote
 * into it — the clerk still does.
 */
import { describe, expect, it } from "vitest";
import { indexCaseSearch } from "../../src/storage/case-search.ts";
import type { Db } from "../../src/storage/database.ts";
import type { DatabaseProvider } from "../../src/storage/database-url.ts";
import type { CaseScope } from "../../src/storage/queries/case-conditions.ts";
import { createCaseList } from "../../src/storage/queries/case-list.ts";
import { quietLogger } from "../notifications/helpers.ts";
import { createCaseWorld, type CaseWorld } from "../support/case-world.ts";
import { PROVIDERS } from "../support/databases.ts";
import { deployAgain } from "../support/deploy-again.ts";

const clerk = { kind: "clerk", id: "clerk-li" } as const;
const UNIT = "urban_management.fugou";
const HANDLER: CaseScope = { kind: "unit", unitId: UNIT, seesReports: false };

/** The text search as the scale_read_side migration made it, before unitTerms. */
const BEFORE: Record<DatabaseProvider, readonly string[]> = {
  sqlite: [
    `DROP TRIGGER "CaseSearch_after_insert"`,
    `DROP TRIGGER "CaseSearch_after_delete"`,
    `DROP TRIGGER "CaseSearch_after_update"`,
    `DROP TABLE "CaseSearchIndex"`,
    `DROP VIEW "CaseSearchColumns"`,
    `ALTER TABLE "CaseSearch" DROP COLUMN "unitTerms"`,
    `CREATE VIRTUAL TABLE "CaseSearchIndex" USING fts5("terms", content = 'CaseSearch',
      content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 0')`,
    `INSERT INTO "CaseSearchIndex" ("CaseSearchIndex") VALUES ('rebuild')`,
    `CREATE TRIGGER "CaseSearch_after_insert" AFTER INSERT ON "CaseSearch" BEGIN
      INSERT INTO "CaseSearchIndex" (rowid, "terms") VALUES (new."id", new."terms"); END`,
    `CREATE TRIGGER "CaseSearch_after_delete" AFTER DELETE ON "CaseSearch" BEGIN
      INSERT INTO "CaseSearchIndex" ("CaseSearchIndex", rowid, "terms")
      VALUES ('delete', old."id", old."terms"); END`,
    `CREATE TRIGGER "CaseSearch_after_update" AFTER UPDATE ON "CaseSearch" BEGIN
      INSERT INTO "CaseSearchIndex" ("CaseSearchIndex", rowid, "terms")
      VALUES ('delete', old."id", old."terms");
      INSERT INTO "CaseSearchIndex" (rowid, "terms") VALUES (new."id", new."terms"); END`,
  ],
  postgres: [
    `DROP INDEX "CaseSearch_unitTerms_idx"`,
    `ALTER TABLE "CaseSearch" DROP COLUMN "unitTerms"`,
  ],
};

/**
 * Takes the database back to before the migration (its cases stay, with the search terms the
 * service wrote then, the terms-version mark 1), then deploys. Resolves with a new client.
 */
async function migrateStoredCases(world: CaseWorld): Promise<Db> {
  await world.db.channelCursor.upsert({
    where: { name: "case-search:terms-version" },
    create: { name: "case-search:terms-version", cursor: "1" },
    update: { cursor: "1" },
  });
  return deployAgain(world, "case_search_unit_terms", BEFORE[world.target.provider]);
}

describe.each(PROVIDERS)(
  "the case_search_unit_terms migration on %s",
  { timeout: 90_000 },
  (provider) => {
    it("keeps stored cases found by their words; the backfill masks their writers' names for the unit", async () => {
      const world = await createCaseWorld(provider);
      const named = await world.file(6001, {
        description: "我叫张建国，电话13912345678，小区门口井盖没了",
        contact: { kind: "named", name: "张建国", phone: "13912345678" },
      });
      const plain = await world.file(6002, { description: "小区门口路灯坏了" });
      for (const no of [named, plain]) {
        await world.actions.act(no, { type: "route", unitId: UNIT }, clerk);
      }

      const db = await migrateStoredCases(world);
      const cases = createCaseList(db, provider);
      const found = async (scope: CaseScope, q: string) => {
        const page = await cases.page({ scope, filter: {}, q, limit: 50 });
        const rows = await db.case.findMany({
          where: { id: { in: [...page.ids] } },
          select: { trackingNo: true },
        });
        return rows.map((row) => row.trackingNo).sort();
      };

      // Right after the migration: every stored case found as before.
      expect(await found(HANDLER, "小区门口")).toEqual([named, plain].sort());
      expect(await found(HANDLER, "张建国")).toEqual([named]);

      // Both: each left a name (王大爷 by default), which a unit's terms, kept apart, never hold.
      expect(await indexCaseSearch(db, quietLogger())).toBe(2);

      expect(await found({ kind: "all" }, "张建国")).toEqual([named]);
      expect(await found(HANDLER, "张建国")).toEqual([]);
      expect(await found(HANDLER, "井盖")).toEqual([named]);
      expect(await found(HANDLER, "小区门口")).toEqual([named, plain].sort());
    });
  },
);
