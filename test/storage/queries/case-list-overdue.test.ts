/**
 * 已超期 in the case list on both databases: the cases whose running deadline has passed, the
 * longest overdue first, paged by keyset across pages either way, counted as the dashboard
 * counts them; never a settled case, nor one due this very moment; a handler's unit's own; each
 * page read in its order from an index of its own, with no sort; exported in the same order.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { CaseFilter, CaseScope } from "../../../src/storage/queries/case-conditions.ts";
import { casePages } from "../../support/case-list-pages.ts";
import { createCaseWorld, type CaseWorld } from "../../support/case-world.ts";
import { DAY } from "../../support/clock.ts";
import { PROVIDERS } from "../../support/databases.ts";

const ALL: CaseScope = { kind: "all" };
const UNIT = "urban_management.fugou";
const HANDLER: CaseScope = { kind: "unit", unitId: UNIT, seesReports: false };
const clerk = { kind: "clerk", id: "clerk-li" } as const;

describe.each(PROVIDERS)("已超期 in the case list on %s", { timeout: 60_000 }, (provider) => {
  let world: CaseWorld;
  /** Cases left waiting for acceptance, filed a week apart: the first is due first. */
  const waiting: string[] = [];
  /** Cases routed to UNIT a week apart, and one to another unit. */
  const routed: string[] = [];
  let elsewhere: string;

  beforeAll(async () => {
    world = await createCaseWorld(provider);
    const notAccepted = await world.file(4000);
    await world.actions.act(
      notAccepted,
      { type: "not_accept", reason: "不属于受理范围", channel: null },
      clerk,
    );
    for (let i = 0; i < 3; i++) {
      waiting.push(await world.file(4001 + i));
      routed.push(await world.file(4011 + i));
      await world.actions.act(routed[i]!, { type: "route", unitId: UNIT }, clerk);
      world.clock.advance(7 * DAY);
    }
    elsewhere = await world.file(4021);
    await world.actions.act(
      elsewhere,
      { type: "route", unitId: "ecology_environment.chuanhui" },
      clerk,
    );
  });

  const { page, numbersOf } = casePages(() => world);

  async function dueAt(trackingNo: string): Promise<Date> {
    const row = await world.db.case.findUniqueOrThrow({
      where: { trackingNo },
      select: { runningDueAt: true },
    });
    return row.runningDueAt!;
  }

  /** The dashboard's 当前超期案件 at `now` for `scope`. */
  async function dashboardCount(scope: CaseScope, now: Date): Promise<number> {
    const period = { from: "2026-11-01", to: "2026-12-31" } as const;
    return (await world.queries.dashboard.statistics(scope, period, now)).overdue.count;
  }

  it("lists the cases past their running deadline, the longest overdue first, none due this very moment", async () => {
    const lastDue = await dueAt(waiting[2]!);
    const due = await Promise.all(waiting.map(dueAt));
    expect(due[0]! < due[1]! && due[1]! < due[2]!).toBe(true);

    const atTheMoment = await page({ filter: { overdueAt: lastDue } });
    expect(await numbersOf(atTheMoment)).toEqual(waiting.slice(0, 2));
    const past = await page({ filter: { overdueAt: new Date(lastDue.getTime() + 1) } });
    // Neither the case not accepted (settled) nor the routed ones, whose handling runs on.
    expect(await numbersOf(past)).toEqual(waiting);
    expect(past).toMatchObject({ total: 3, totalIsLowerBound: false, first: 1, next: null });
    expect(past.total).toBe(await dashboardCount(ALL, new Date(lastDue.getTime() + 1)));
  });

  it("pages across a page boundary with its cursor, forward and back", async () => {
    const filter: CaseFilter = { overdueAt: new Date((await dueAt(waiting[2]!)).getTime() + 1) };

    const first = await page({ filter, limit: 2 });
    const second = await page({ filter, limit: 2, after: first.next! });
    const back = await page({ filter, limit: 2, before: second.previous! });

    expect(await numbersOf(first)).toEqual(waiting.slice(0, 2));
    expect(await numbersOf(second)).toEqual([waiting[2]]);
    expect([second.first, second.total, second.next]).toEqual([3, 3, null]);
    expect([back.ids, back.first, back.previous]).toEqual([first.ids, 1, null]);
    // A cursor of the list in filing order is no position in this one.
    const filed = await page({ limit: 1 });
    await expect(page({ filter, after: filed.next! })).rejects.toMatchObject({
      code: "input.invalid",
    });
  });

  it("shows a handler the unit's overdue cases only, counted as the dashboard counts them", async () => {
    const now = new Date((await dueAt(elsewhere)).getTime() + DAY);

    const first = await page({ scope: HANDLER, filter: { overdueAt: now }, limit: 2 });
    const second = await page({ scope: HANDLER, filter: { overdueAt: now }, after: first.next! });
    expect([...(await numbersOf(first)), ...(await numbersOf(second))]).toEqual(routed);
    expect(first.total).toBe(3);
    expect(first.total).toBe(await dashboardCount(HANDLER, now));
    // A clerk sees every overdue case, the waiting ones (due weeks ago) first.
    const all = await numbersOf(await page({ filter: { overdueAt: now } }));
    expect(all.slice(0, 3)).toEqual(waiting);
    expect([...all].sort()).toEqual([...waiting, ...routed, elsewhere].sort());
    expect((await page({ filter: { overdueAt: now } })).total).toBe(await dashboardCount(ALL, now));
  });

  it("keeps the list's other filters beside it", async () => {
    const now = new Date((await dueAt(elsewhere)).getTime() + DAY);

    const assigned = await page({ filter: { overdueAt: now, status: ["assigned"] } });
    expect(await numbersOf(assigned)).toEqual([...routed, elsewhere]);
    expect(assigned.total).toBe(4);
    const none = await page({ filter: { overdueAt: now, region: "chuanhui" } });
    expect(none.total).toBe(0);
  });

  it("exports the overdue cases in the list's order, batch after batch", async () => {
    const filter: CaseFilter = { overdueAt: new Date((await dueAt(elsewhere)).getTime() + DAY) };
    const exported: string[] = [];

    for await (const batch of world.queries.exportRows.batches({ scope: ALL, filter }, 2)) {
      exported.push(...batch.map((row) => row.case.trackingNo));
    }

    expect(exported).toEqual(await numbersOf(await page({ filter })));
    expect(exported).toHaveLength(7);
  });

  it.each([
    ["a clerk's", ALL, "Case_runningDueAt_id_idx"],
    ["a handler's", HANDLER, "Case_unitId_runningDueAt_id_idx"],
  ] as const)(
    "reads %s page of overdue cases in its order from its own index, with no sort",
    async (_, scope, index) => {
      // On a few rows PostgreSQL sorts them rather than read an index: without its sorts it
      // shows whether an index gives the order (a sort is still planned when none can).
      const plan = await world.queries.cases.explain(
        scope,
        { overdueAt: world.clock.now() },
        { forceIndexes: true, withoutSorts: true },
      );
      if (provider === "sqlite") {
        expect(plan, plan).toMatch(new RegExp(`USING (COVERING )?INDEX ${index} `));
        expect(plan, plan).not.toMatch(/TEMP B-TREE/);
      } else {
        expect(plan, plan).toMatch(new RegExp(`Index (Only )?Scan using "${index}"`));
        expect(plan, plan).not.toMatch(/Sort/);
      }
    },
  );
});
