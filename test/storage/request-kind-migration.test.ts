/**
 * The case_request_kind migration on a database that already holds cases: a case filed before
 * consultations (咨询) were told apart reads as the complaint it was, its 60-day handling kept.
 */
import { describe, expect, it } from "vitest";
import type { DatabaseProvider } from "../../src/storage/database-url.ts";
import { createCaseWorld } from "../support/case-world.ts";
import { PROVIDERS } from "../support/databases.ts";
import { deployAgain } from "../support/deploy-again.ts";

/** The index of the list's kind filter (case_request_kind_index), which SQLite drops by hand. */
const KIND_INDEX = `DROP INDEX "Case_requestKind_submittedAt_id_idx"`;

/** The Case table as it was before the migration: no requestKind. */
const BEFORE: Record<DatabaseProvider, readonly string[]> = {
  sqlite: [KIND_INDEX, `ALTER TABLE "Case" DROP COLUMN "requestKind"`],
  postgres: [KIND_INDEX, `ALTER TABLE "Case" DROP COLUMN "requestKind"`, `DROP TYPE "RequestKind"`],
};

describe.each(PROVIDERS)(
  "the case_request_kind migration on %s",
  { timeout: 90_000 },
  (provider) => {
    it("reads a case filed before as a complaint", async () => {
      const world = await createCaseWorld(provider);
      const no = await world.file(7002);

      const db = await deployAgain(world, "case_request_kind", BEFORE[provider]);

      expect(await db.case.findUniqueOrThrow({ where: { trackingNo: no } })).toMatchObject({
        requestKind: "complaint",
      });
    });
  },
);
