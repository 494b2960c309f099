/**
 * The case_outside_city migration on a database that already holds cases: a case filed before
 * the place outside the city was kept reads as in the city (its address still says where), and
 * the list's 不在本市 filter finds none of them.
 */
import { describe, expect, it } from "vitest";
import { createCaseWorld } from "../support/case-world.ts";
import { PROVIDERS } from "../support/databases.ts";
import { deployAgain } from "../support/deploy-again.ts";

/** The Case table as it was before the migration: neither column, nor the list's index. */
const BEFORE = [
  `DROP INDEX "Case_outsideCity_submittedAt_id_idx"`,
  `ALTER TABLE "Case" DROP COLUMN "outsideCity"`,
  `ALTER TABLE "Case" DROP COLUMN "placeElsewhere"`,
];

describe.each(PROVIDERS)(
  "the case_outside_city migration on %s",
  { timeout: 90_000 },
  (provider) => {
    it("reads a case filed before as in the city", async () => {
      const world = await createCaseWorld(provider);
      const no = await world.file(7003, { address: "郑州东区龙湖工地" });

      const db = await deployAgain(world, "case_outside_city", BEFORE);

      expect(
        await db.case.findUniqueOrThrow({
          where: { trackingNo: no },
          select: { outsideCity: true, placeElsewhere: true },
        }),
      ).toEqual({ outsideCity: false, placeElsewhere: null });
      expect(await db.case.count({ where: { outsideCity: true } })).toBe(0);
    });
  },
);
