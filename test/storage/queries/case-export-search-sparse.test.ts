/**
 * The export of a search whose matches lie far apart among the search rows, on both databases:
 * stretches of tens of thousands of rows without a match between them (the list's pages look
 * for a page among the newest 20,000 first), the export is the list's every page of the search,
 * in its order, in batches of any size.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { CaseSelectionRequest } from "../../../src/storage/queries/case-selection.ts";
import { createCaseWorld, type CaseWorld } from "../../support/case-world.ts";
import { HOUR } from "../../support/clock.ts";
import { PROVIDERS } from "../../support/databases.ts";

const SKIPPED = 60_000;
const LAMPS: CaseSelectionRequest = { scope: { kind: "all" }, filter: {}, q: "路灯" };

describe.each(PROVIDERS)(
  "the export of a search of matches far apart on %s",
  { timeout: 60_000 },
  (provider) => {
    let world: CaseWorld;
    /** The cases whose words name 路灯, oldest first. */
    const lamps: string[] = [];

    /** The next search row's id jumps over 60,000: a stretch without a match. */
    async function skipSearchRows(): Promise<void> {
      const skipped = SKIPPED;
      if (provider === "sqlite") {
        await world.db
          .$executeRaw`UPDATE sqlite_sequence SET seq = seq + ${skipped} WHERE name = 'CaseSearch'`;
      } else {
        await world.db.$queryRaw`SELECT setval(pg_get_serial_sequence('"CaseSearch"', 'id'),
        (SELECT MAX("id") FROM "CaseSearch") + ${skipped})`;
      }
    }

    beforeAll(async () => {
      world = await createCaseWorld(provider);
      const texts = ["建设路的路灯不亮", "楼下饭店油烟太大", "公园里的路灯坏了三个"];
      for (let round = 0; round < 3; round++) {
        for (const [i, description] of texts.entries()) {
          const no = await world.file(8000 + round * 10 + i, { description });
          if (description.includes("路灯")) lamps.push(no);
          world.clock.advance(HOUR);
        }
        await skipSearchRows();
      }
    });

    async function exported(size: number): Promise<string[]> {
      const numbers: string[] = [];
      for await (const batch of world.queries.exportRows.batches(LAMPS, size)) {
        expect(batch.length).toBeLessThanOrEqual(size);
        numbers.push(...batch.map((row) => row.case.trackingNo));
      }
      return numbers;
    }

    it("exports every match across the stretches without one, newest first, in batches of any size", async () => {
      const newestFirst = [...lamps].reverse();

      const [ends] = await world.db.$queryRaw<{ lowest: number; highest: number }[]>`
      SELECT MIN("id") AS "lowest", MAX("id") AS "highest" FROM "CaseSearch"`;

      expect(Number(ends!.highest) - Number(ends!.lowest)).toBeGreaterThan(2 * SKIPPED);
      expect(newestFirst).toHaveLength(6);
      expect(await exported(1)).toEqual(newestFirst);
      expect(await exported(2)).toEqual(newestFirst);
      expect(await exported(100)).toEqual(newestFirst);
      expect(await world.queries.cases.countAll(LAMPS)).toBe(6);
    });

    it("exports what the list's pages show", async () => {
      const page = await world.queries.cases.page({ ...LAMPS, limit: 50 });
      const rows = await world.db.case.findMany({
        where: { id: { in: [...page.ids] } },
        select: { id: true, trackingNo: true },
      });
      const numbers = new Map(rows.map((row) => [row.id, row.trackingNo]));

      expect(await exported(2)).toEqual(page.ids.map((id) => numbers.get(id)));
    });
  },
);
