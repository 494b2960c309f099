/**
 * The export of a search on both databases: batch after batch, exactly the cases the case list
 * shows for the same search, scope and filters (every page of them), in the same order — the
 * search's, newest filed first; a unit's search finds no case by its writer's name; a phone
 * number or a tracking number exports what the list finds by it; and the export's count is every
 * match, where the list's stops at its limit.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { CaseFilter, CaseScope } from "../../../src/storage/queries/case-conditions.ts";
import type { CaseSelectionRequest } from "../../../src/storage/queries/case-selection.ts";
import { createCaseWorld, type CaseWorld } from "../../support/case-world.ts";
import { HOUR } from "../../support/clock.ts";
import { PROVIDERS } from "../../support/databases.ts";

const clerk = { kind: "clerk", id: "clerk-li" } as const;
const UNIT = "urban_management.fugou";
const ALL: CaseScope = { kind: "all" };
const HANDLER: CaseScope = { kind: "unit", unitId: UNIT, seesReports: false };
const ASSIGNED: CaseFilter = { status: ["assigned"] };
const PHONE = "13912345678";

describe.each(PROVIDERS)("the export of a search on %s", { timeout: 60_000 }, (provider) => {
  let world: CaseWorld;
  /** The cases whose words name 路灯, oldest first. */
  const lamps: string[] = [];

  beforeAll(async () => {
    world = await createCaseWorld(provider);
    const texts = [
      "我叫张建国，小区门口的路灯坏了",
      "建设路的路灯不亮",
      "井盖丢了，晚上很危险",
      "路灯一直闪，晚上睡不着",
      "公园里的路灯坏了三个",
      "我叫张建国，村口的路灯倒了",
      "楼下饭店油烟太大",
    ];
    for (const [i, description] of texts.entries()) {
      const no = await world.file(6000 + i, {
        description,
        contact: {
          kind: "named",
          name: description.includes("张建国") ? "张建国" : "李四",
          phone: i % 2 === 0 ? PHONE : "13712345678",
        },
      });
      if (description.includes("路灯")) lamps.push(no);
      // Every other case goes to the unit: a filter and the unit's scope keep a part of them.
      if (i % 2 === 1 || i === 0) {
        await world.actions.act(no, { type: "route", unitId: UNIT }, clerk);
      }
      world.clock.advance(HOUR);
    }
  });

  async function exported(request: CaseSelectionRequest, size = 2): Promise<string[]> {
    const numbers: string[] = [];
    for await (const batch of world.queries.exportRows.batches(request, size)) {
      expect(batch.length).toBeLessThanOrEqual(size);
      numbers.push(...batch.map((row) => row.case.trackingNo));
    }
    return numbers;
  }

  /** Every page of the list for `request`, two cases a page, in its order. */
  async function listed(request: CaseSelectionRequest): Promise<string[]> {
    const ids: string[] = [];
    let after: string | undefined;
    do {
      const page = await world.queries.cases.page({ ...request, after, limit: 2 });
      ids.push(...page.ids);
      after = page.next ?? undefined;
    } while (after !== undefined);
    const rows = await world.db.case.findMany({
      where: { id: { in: ids } },
      select: { id: true, trackingNo: true },
    });
    const numbers = new Map(rows.map((row) => [row.id, row.trackingNo]));
    return ids.map((id) => numbers.get(id)!);
  }

  it.each([
    ["a clerk's search", { scope: ALL, filter: {}, q: "路灯" }],
    ["a clerk's search of the assigned cases", { scope: ALL, filter: ASSIGNED, q: "路灯" }],
    ["a clerk's search of two words", { scope: ALL, filter: {}, q: "路灯 晚上" }],
    ["a unit's search", { scope: HANDLER, filter: {}, q: "路灯" }],
  ] as const)(
    "exports %s as the list's every page of it, newest first, across batches",
    async (_, request) => {
      const listedCases = await listed(request);

      expect(listedCases.length).toBeGreaterThan(0);
      expect(await exported(request)).toEqual(listedCases);
      expect(await world.queries.cases.countAll(request)).toBe(listedCases.length);
    },
  );

  it("exports every case a word finds, newest first, in batches of any size", async () => {
    const request = { scope: ALL, filter: {}, q: "路灯" };
    const newestFirst = [...lamps].reverse();

    expect(await exported(request, 2)).toEqual(newestFirst);
    expect(await exported(request, lamps.length)).toEqual(newestFirst);
    expect(await exported(request, 100)).toEqual(newestFirst);
  });

  it("finds no case by its writer's name for a unit, which the clerk finds", async () => {
    const named = { filter: {}, q: "张建国" };

    expect(await exported({ ...named, scope: ALL })).toEqual([lamps[4], lamps[0]]);
    expect(await exported({ ...named, scope: HANDLER })).toEqual([]);
    expect(await world.queries.cases.countAll({ ...named, scope: HANDLER })).toBe(0);
  });

  it("exports the cases the list finds by a contact phone and by a tracking number", async () => {
    const byPhone = { scope: ALL, filter: {}, q: PHONE, contactPhone: PHONE };
    const byNumber = { scope: ALL, filter: {}, q: lamps[1]! };

    expect(await exported(byPhone)).toEqual(await listed(byPhone));
    expect(await exported(byPhone)).toHaveLength(4);
    expect(await exported(byNumber)).toEqual([lamps[1]]);
    expect(await world.queries.cases.countAll(byNumber)).toBe(1);
  });

  it("exports nothing for a search that finds nothing", async () => {
    const request = { scope: ALL, filter: {}, q: "垃圾桶" };

    expect(await exported(request)).toEqual([]);
    expect(await world.queries.cases.countAll(request)).toBe(0);
  });
});
