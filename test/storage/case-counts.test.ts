/**
 * The counts per status, region, category, unit and class ("CaseCount") on both databases:
 * after filings, routings, reassignments, recategorisations, a region and a class set, a merge,
 * handling, an answer, a withdrawal and a deletion, they equal a GROUP BY of the cases, and the
 * case list's totals read from them equal the cases counted one by one.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/domain/lifecycle/actor.ts";
import type { CaseFilter, CaseScope } from "../../src/storage/queries/case-conditions.ts";
import { createCaseWorld, type CaseWorld } from "../support/case-world.ts";
import { HOUR } from "../support/clock.ts";
import { PROVIDERS } from "../support/databases.ts";

const clerk: Actor = { kind: "clerk", id: "clerk-li" };
const handler: Actor = { kind: "handler", id: "handler-zhao", unitId: "urban_management.fugou" };

interface CountRow {
  status: string;
  regionCode: string;
  categoryCode: string;
  unitId: string;
  caseClass: string;
  cases: number;
}

describe.each(PROVIDERS)("the case counts on %s", { timeout: 60_000 }, (provider) => {
  let world: CaseWorld;

  /** The kept counts, rows of no case left out. */
  async function kept(): Promise<CountRow[]> {
    const rows = await world.db.$queryRaw<CountRow[]>`
      SELECT CAST("status" AS TEXT) AS "status", "regionCode", "categoryCode", "unitId",
        CAST("caseClass" AS TEXT) AS "caseClass", "cases"
      FROM "CaseCount" WHERE "cases" <> 0`;
    return sorted(rows);
  }

  /** The same counted afresh from the cases. */
  async function counted(): Promise<CountRow[]> {
    const rows = await world.db.$queryRaw<CountRow[]>`
      SELECT CAST("status" AS TEXT) AS "status", COALESCE("regionCode", '') AS "regionCode",
        "categoryCode", COALESCE("unitId", '') AS "unitId",
        CAST("caseClass" AS TEXT) AS "caseClass", COUNT(*) AS "cases"
      FROM "Case" GROUP BY 1, 2, 3, 4, 5`;
    return sorted(rows);
  }

  beforeAll(async () => {
    world = await createCaseWorld(provider);
    const file = async (overrides: Parameters<CaseWorld["file"]>[1] = {}) => {
      world.clock.advance(HOUR);
      return world.file(3000, overrides);
    };
    const [manhole, smoke, wages, lamp, noise, report, again] = [
      await file(),
      await file({
        description: "小区楼下饭店油烟太大",
        category: "environment",
        region: "chuanhui",
      }),
      await file({ description: "工地拖欠工资三个月了", category: "labor" }),
      await file({ description: "路灯坏了一个星期", region: null, regionSource: null }),
      await file({ description: "噪音扰民，晚上施工", category: "environment" }),
      await file({ description: "反映村干部违规发放低保", category: "discipline" }),
      await file(),
    ];
    const act = world.actions.act;
    await act(manhole!, { type: "route", unitId: "urban_management.fugou" }, clerk);
    await act(manhole!, { type: "start" }, handler);
    await act(manhole!, { type: "answer", outcome: "support", text: "井盖已更换。" }, handler);
    await act(smoke!, { type: "route", unitId: "ecology_environment.chuanhui" }, clerk);
    await act(smoke!, { type: "reassign", unitId: "ecology_environment.fugou" }, clerk);
    await act(wages!, { type: "recategorize", categoryCode: "municipal" }, clerk);
    await act(lamp!, { type: "set_region", regionCode: "chuanhui" }, clerk);
    await act(noise!, { type: "set_class", caseClass: "suggestion" }, clerk);
    await act(report!, { type: "route", unitId: "discipline.fugou" }, clerk);
    await act(again!, { type: "merge", intoTrackingNo: manhole! }, clerk);
    const withdrawn = await file({ description: "楼道灯不亮" });
    await act(withdrawn, { type: "withdraw" }, { kind: "citizen", id: "telegram:3000" });
    await world.db.case.delete({ where: { trackingNo: await file({ category: "labor" }) } });
  });

  it("equal a GROUP BY of the cases after every kind of change", async () => {
    const fresh = await counted();

    expect(fresh.length).toBeGreaterThan(5);
    expect(await kept()).toEqual(fresh);
  });

  it("give the list the same totals as counting the cases", async () => {
    const scopes: CaseScope[] = [
      { kind: "all" },
      { kind: "unit", unitId: "ecology_environment.fugou", seesReports: false },
      { kind: "unit", unitId: "discipline.fugou", seesReports: false },
      { kind: "unit", unitId: "discipline.fugou", seesReports: true },
    ];
    const filters: CaseFilter[] = [
      {},
      { region: "fugou" },
      { region: "none" },
      { category: "municipal", region: "fugou" },
      { status: ["submitted", "assigned"] },
      { status: ["merged"], region: "fugou", category: "municipal" },
    ];
    for (const scope of scopes) {
      for (const filter of filters) {
        const cases = await world.db.case.count({ where: whereOf(scope, filter) });
        const context = JSON.stringify({ scope, filter });
        expect(await world.queries.cases.count(scope, filter), context).toBe(cases);
      }
    }
  });
});

function sorted(rows: CountRow[]): CountRow[] {
  return rows
    .map((row) => ({ ...row, cases: Number(row.cases) }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** The filter as Prisma's own where: the count the list's totals must equal. */
function whereOf(scope: CaseScope, filter: CaseFilter) {
  return {
    ...(scope.kind === "unit" && {
      unitId: scope.unitId,
      ...(!scope.seesReports && { caseClass: { not: "report" as const } }),
    }),
    ...(filter.region && { regionCode: filter.region === "none" ? null : filter.region }),
    ...(filter.category && { categoryCode: filter.category }),
    ...(filter.status && { status: { in: [...filter.status] } }),
  };
}
