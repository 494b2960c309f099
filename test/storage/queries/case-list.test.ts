/**
 * The case list on both databases: the true count at any size, keyset pages
 * that stay stable while cases arrive, a case found by its number, text found
 * by words of one, two or more characters, the viewer's scope, and an index
 * behind every filter (the plan, not the clock, is what a test can check).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { CaseScope } from "../../../src/storage/queries/case-conditions.ts";
import type { CasePageRequest } from "../../../src/storage/queries/case-list.ts";
import { casePages } from "../../support/case-list-pages.ts";
import { createCaseWorld, type CaseWorld } from "../../support/case-world.ts";
import { HOUR } from "../../support/clock.ts";
import { PROVIDERS } from "../../support/databases.ts";

const ALL: CaseScope = { kind: "all" };
const clerk = { kind: "clerk", id: "clerk-li" } as const;

describe.each(PROVIDERS)("the case list on %s", { timeout: 60_000 }, (provider) => {
  let world: CaseWorld;
  const numbers: string[] = [];

  beforeAll(async () => {
    world = await createCaseWorld(provider);
    const texts: [string, string, string | null][] = [
      ["扶沟县城关镇建设路上的井盖丢了，晚上很危险", "municipal", "fugou"],
      ["小区楼下饭店油烟太大，窗户都不敢开", "environment", "chuanhui"],
      ["工地拖欠工资三个月了", "labor", "fugou"],
      ["路灯坏了一个星期，G106国道口很黑", "municipal", null],
      ["家门口的水井坏了，盖子也没有", "municipal", "fugou"],
      ["反映村干部违规发放低保", "discipline", "fugou"],
      ["噪音扰民，晚上施工", "environment", "fugou"],
    ];
    for (const [i, [description, category, region]] of texts.entries()) {
      numbers.push(await world.file(2000 + i, { description, category, region }));
      world.clock.advance(HOUR);
    }
  });

  const { page, numbersOf } = casePages(() => world);

  it("counts every matching case and lists them newest first", async () => {
    const result = await page({});

    expect(result).toMatchObject({ total: 7, totalIsLowerBound: false, first: 1, next: null });
    expect(await numbersOf(result)).toEqual([...numbers].reverse());
  });

  it("pages with cursors: forward, back, and stable while new cases arrive", async () => {
    const first = await page({ limit: 3 });
    const late = await world.file(2999, { description: "刚刚提交的新案件" });
    const second = await page({ limit: 3, after: first.next! });
    const third = await page({ limit: 3, after: second.next! });
    const back = await page({ limit: 3, before: third.previous! });

    expect([first.first, second.first, third.first]).toEqual([1, 4, 7]);
    expect(await numbersOf(first)).toEqual(numbers.slice(4).reverse());
    expect(await numbersOf(second)).toEqual(numbers.slice(1, 4).reverse());
    expect(await numbersOf(third)).toEqual(numbers.slice(0, 1));
    expect(third.next).toBeNull();
    expect(back.ids).toEqual(second.ids);
    expect(back.first).toBe(4);
    expect(second.total).toBe(8);
    await world.db.case.delete({ where: { trackingNo: late } });
  });

  it("refuses a cursor it did not give out", async () => {
    await expect(page({ after: "bm90IGEgY3Vyc29y" })).rejects.toMatchObject({
      code: "input.invalid",
    });
  });

  it("finds a case by its tracking number, in any case of letters", async () => {
    const wanted = numbers[3]!;

    expect(await numbersOf(await page({ q: wanted }))).toEqual([wanted]);
    expect(await numbersOf(await page({ q: wanted.toLowerCase() }))).toEqual([wanted]);
    expect((await page({ q: "ZK-19990101-0001" })).total).toBe(0);
  });

  it("finds words of two characters, one character and more, in the text and the address", async () => {
    const found = async (q: string) => (await numbersOf(await page({ q }))).sort();

    expect(await found("井盖")).toEqual([numbers[0]!].sort());
    expect(await found("井")).toEqual([numbers[0]!, numbers[4]!].sort());
    expect(await found("晚上")).toEqual([numbers[0]!, numbers[6]!].sort());
    expect(await found("拖欠工资")).toEqual([numbers[2]!]);
    expect(await found("g106")).toEqual([numbers[3]!]);
    expect(await found("建设路")).toHaveLength(7); // every case's address
    expect(await found("工资 拖欠")).toEqual([numbers[2]!]);
    expect(await found("盖子井")).toEqual([]);
    expect(await found("，。！")).toHaveLength(7);
  });

  it("counts a search's matches, filtered or not, and pages through them", async () => {
    const first = await page({ q: "晚上", limit: 1 });
    const second = await page({ q: "晚上", limit: 1, after: first.next! });

    expect(first.total).toBe(2);
    expect((await numbersOf(first)).concat(await numbersOf(second))).toEqual([
      numbers[6],
      numbers[0],
    ]);
    expect(second.next).toBeNull();
    const inEnvironment = await page({ q: "晚上", filter: { category: "environment" } });
    expect(inEnvironment.total).toBe(1);
    expect(await numbersOf(inEnvironment)).toEqual([numbers[6]]);
  });

  it("filters by period, region (or none), category, handling unit and statuses", async () => {
    await world.actions.act(
      numbers[1]!,
      { type: "route", unitId: "ecology_environment.chuanhui" },
      clerk,
    );
    const totals = async (filter: CasePageRequest["filter"]) => (await page({ filter })).total;

    expect(await totals({ region: "fugou" })).toBe(5);
    expect(await totals({ region: "none" })).toBe(1);
    expect(await totals({ category: "municipal" })).toBe(3);
    expect(await totals({ category: "municipal", region: "fugou" })).toBe(2);
    expect(await totals({ status: ["assigned"] })).toBe(1);
    expect(await totals({ unit: "ecology_environment.chuanhui" })).toBe(1);
    expect(await totals({ unit: "ecology_environment.chuanhui", status: ["submitted"] })).toBe(0);
    expect(await totals({ status: ["submitted", "assigned"] })).toBe(7);
    const day = (await world.store.find(numbers[0]!))!.submittedAt;
    const date = new Date(day.getTime() + 8 * HOUR).toISOString().slice(0, 10);
    expect(await totals({ from: date, to: date })).toBeGreaterThan(0);
    expect(await totals({ to: "2000-01-01" })).toBe(0);
  });

  it("shows a handler only the unit's cases, and reports only to the discipline body", async () => {
    await world.actions.act(numbers[5]!, { type: "route", unitId: "discipline.fugou" }, clerk);
    const own: CaseScope = {
      kind: "unit",
      unitId: "ecology_environment.chuanhui",
      seesReports: false,
    };
    const discipline: CaseScope = { kind: "unit", unitId: "discipline.fugou", seesReports: true };
    const blind: CaseScope = { kind: "unit", unitId: "discipline.fugou", seesReports: false };

    expect(await numbersOf(await page({ scope: own }))).toEqual([numbers[1]]);
    expect(await numbersOf(await page({ scope: discipline }))).toEqual([numbers[5]]);
    expect((await page({ scope: blind })).total).toBe(0);
    expect((await page({ scope: { kind: "none" } })).total).toBe(0);
  });

  it("keeps the cases their citizens urged on (催办), at least N times, counted once a day", async () => {
    const urge = (i: number, text: string | null = null) =>
      world.actions.act(
        numbers[i]!,
        { type: "urge", text },
        { kind: "citizen", id: `telegram:${2000 + i}` },
      );
    await urge(2, "工资再不发就过不了年了，麻烦快点");
    await urge(2); // the same day: not counted again
    world.clock.advance(24 * HOUR);
    await urge(2);
    await urge(5);

    // The most urged first, then the newest: no. 2 (urged twice) before the newer no. 5 (once).
    const urged = await page({ filter: { urged: 1 } });
    expect(urged.total).toBe(2);
    expect(await numbersOf(urged)).toEqual([numbers[2], numbers[5]]);
    const first = await page({ filter: { urged: 1 }, limit: 1 });
    const second = await page({ filter: { urged: 1 }, limit: 1, after: first.next! });
    const back = await page({ filter: { urged: 1 }, limit: 1, before: second.previous! });
    expect(await numbersOf(second)).toEqual([numbers[5]]);
    expect([second.first, second.next, back.ids]).toEqual([2, null, first.ids]);
    // A cursor of the list in filing order is no position in this one.
    const filed = await page({ limit: 1 });
    await expect(page({ filter: { urged: 1 }, after: filed.next! })).rejects.toMatchObject({
      code: "input.invalid",
    });
    expect(await numbersOf(await page({ filter: { urged: 2 } }))).toEqual([numbers[2]]);
    expect((await page({ filter: { urged: 1, category: "discipline" } })).total).toBe(1);
    const row = await world.db.case.findUniqueOrThrow({
      where: { trackingNo: numbers[2]! },
      select: { urgeCount: true, lastUrgedAt: true },
    });
    expect(row).toEqual({ urgeCount: 2, lastUrgedAt: world.clock.now() });
    const entries = await world.db.timelineEntry.findMany({
      where: { case: { trackingNo: numbers[2]! }, kind: { in: ["urged", "supplemented"] } },
      select: { kind: true },
    });
    expect(entries.map((e) => e.kind).sort()).toEqual(["supplemented", "urged", "urged"]);
  });

  it.each([
    ["the urged cases", { urged: 1 }, "Case_urgeCount_submittedAt_id_idx"],
    ["the cases outside the city", { outside: true }, "Case_outsideCity_submittedAt_id_idx"],
  ] as const)(
    "reads %s in their order from their own index, with no sort of its own",
    async (_, filter, index) => {
      // On a few rows PostgreSQL sorts them rather than read an index: without its sorts it
      // shows whether an index gives the order (a sort is still planned when none can).
      const plan = await world.queries.cases.explain(ALL, filter, {
        forceIndexes: true,
        withoutSorts: true,
      });
      if (provider === "sqlite") {
        expect(plan, plan).toMatch(new RegExp(`USING (COVERING )?INDEX ${index}`));
        expect(plan, plan).not.toMatch(/TEMP B-TREE/);
      } else {
        expect(plan, plan).toMatch(new RegExp(`Index (Only )?Scan Backward using "${index}"`));
        expect(plan, plan).not.toMatch(/Sort/);
      }
    },
  );

  it("keeps the cases outside the city (不在本市), newest first, a named place or a point sent alike", async () => {
    const zhengzhou = await world.file(2101, {
      description: "在郑州打工，老板欠了三个月工资，老板是项城人",
      region: "xiangcheng",
      address: "郑州东区龙湖工地",
      outsideCity: { place: "郑州市" },
    });
    world.clock.advance(HOUR);
    const beijing = await world.file(2102, {
      region: null,
      regionSource: null,
      location: { latitude: 39.908, longitude: 116.397 },
      outsideCity: { place: null },
    });

    const outside = await page({ filter: { outside: true } });
    expect(outside.total).toBe(2);
    expect(await numbersOf(outside)).toEqual([beijing, zhengzhou]);
    const first = await page({ filter: { outside: true }, limit: 1 });
    const second = await page({ filter: { outside: true }, limit: 1, after: first.next! });
    expect(await numbersOf(second)).toEqual([zhengzhou]);
    const inXiangcheng = await page({ filter: { outside: true, region: "xiangcheng" } });
    expect(await numbersOf(inXiangcheng)).toEqual([zhengzhou]);
    const inCity = await numbersOf(await page({ filter: { outside: false } }));
    expect(inCity).not.toContain(zhengzhou);
    expect(inCity).toContain(numbers[0]);
  });

  it("answers every filter through an index (the plan of the page query)", async () => {
    const filters = [
      {},
      { status: ["submitted" as const] },
      { status: ["submitted" as const, "returned" as const] },
      { region: "fugou" },
      { region: "none" },
      { category: "municipal" },
      { category: "municipal", region: "fugou" },
      { unit: "ecology_environment.chuanhui" },
      { unit: "ecology_environment.chuanhui", status: ["assigned" as const] },
      { from: "2026-01-01", to: "2026-01-31" },
      { group: {} },
      { group: { atLeast: 20 } },
      { urged: 1 },
      { outside: true },
    ];
    const scopes: CaseScope[] = [
      ALL,
      { kind: "unit", unitId: "ecology_environment.chuanhui", seesReports: false },
    ];
    for (const scope of scopes) {
      for (const filter of filters) {
        const plan = await world.queries.cases.explain(scope, filter, { forceIndexes: true });
        const context = `${JSON.stringify({ scope, filter })}\n${plan}`;
        if (provider === "sqlite") {
          expect(plan, context).toMatch(/USING (COVERING )?INDEX Case_/);
          expect(plan, context).not.toMatch(/SCAN c$/m);
        } else {
          expect(plan, context).toMatch(
            /Index (Only )?Scan.* on "Case"|Bitmap Index Scan on "Case_/,
          );
          expect(plan, context).not.toMatch(/Seq Scan on "Case"/);
        }
      }
    }
  });
});
