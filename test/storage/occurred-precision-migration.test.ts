/**
 * The occurred_precision migration on a database that already holds cases: a case filed before
 * the precision of its time was kept reads as a day — on the clerk's card and in the record the
 * console shows — as it did.
 */
import { describe, expect, it } from "vitest";
import type { DatabaseProvider } from "../../src/storage/database-url.ts";
import { createCaseRecordStore } from "../../src/storage/case-record-store.ts";
import { createCaseWorld } from "../support/case-world.ts";
import { clerkCardText } from "../support/clerk-card-text.ts";
import { PROVIDERS } from "../support/databases.ts";
import { deployAgain } from "../support/deploy-again.ts";

/** The Case table as it was before the migration: no occurredPrecision. */
const BEFORE: Record<DatabaseProvider, readonly string[]> = {
  sqlite: [`ALTER TABLE "Case" DROP COLUMN "occurredPrecision"`],
  postgres: [`ALTER TABLE "Case" DROP COLUMN "occurredPrecision"`, `DROP TYPE "TimePrecision"`],
};

describe.each(PROVIDERS)(
  "the occurred_precision migration on %s",
  { timeout: 90_000 },
  (provider) => {
    it("reads a case filed before the precision was kept as a day, as it was shown", async () => {
      const world = await createCaseWorld(provider);
      const no = await world.file(7001, {
        occurredAt: {
          text: "前几天",
          date: "2026-11-25",
          time: null,
          approximate: true,
          precision: "day",
        },
      });

      const db = await deployAgain(world, "occurred_precision", BEFORE[provider]);

      expect(await createCaseRecordStore(db).byTrackingNo(no)).toMatchObject({
        occurredText: "前几天",
        occurredPrecision: "day",
      });
      expect(await clerkCardText({ ...world, db }, no)).toContain(
        "时间：2026年11月25日（前几天）\n",
      );
    });
  },
);
