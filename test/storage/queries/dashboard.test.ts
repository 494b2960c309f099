/**
 * The dashboard computed by the database gives exactly the figures the
 * domain's definition (dashboardStatistics) gives over the same cases: counts,
 * per-day series, times, the three rates, overdue cases — on both databases,
 * for a clerk, a filter and a handler. The overdue cases are those overdue now,
 * whenever filed: the period does not hide the longest overdue.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { localDateOf } from "../../../src/domain/calendar.ts";
import type { Actor } from "../../../src/domain/lifecycle/actor.ts";
import type { Case } from "../../../src/domain/lifecycle/case.ts";
import { visibleToUnit } from "../../../src/domain/lifecycle/case-class.ts";
import { dashboardStatistics } from "../../../src/domain/reporting/dashboard-statistics.ts";
import type { CaseFilter, CaseScope } from "../../../src/storage/queries/case-conditions.ts";
import { createCaseWorld, type CaseWorld } from "../../support/case-world.ts";
import { DAY, HOUR } from "../../support/clock.ts";
import { PROVIDERS } from "../../support/databases.ts";

const clerk: Actor = { kind: "clerk", id: "clerk-li" };
const FUGOU = "urban_management.fugou";
const handler: Actor = { kind: "handler", id: "handler-zhao", unitId: FUGOU };
const citizen = (user: number): Actor => ({ kind: "citizen", id: `telegram:${user}` });

describe.each(PROVIDERS)("the dashboard on %s", { timeout: 90_000 }, (provider) => {
  let world: CaseWorld;
  let leftUndecided: string;

  beforeAll(async () => {
    world = await createCaseWorld(provider);
    const { actions, clock } = world;
    // Routed on time, answered, rated solved and satisfied.
    const a = await world.file(3001);
    clock.advance(2 * HOUR);
    await actions.act(a, { type: "route", unitId: FUGOU }, clerk);
    await actions.act(a, { type: "start" }, handler);
    clock.advance(3 * DAY);
    await actions.act(a, { type: "answer", outcome: "support", text: "已修复。" }, handler);
    await actions.act(a, { type: "rate", solved: true, satisfaction: "satisfied" }, citizen(3001));
    // Routed late (after 30 hours), answered, rated unsolved, then asked for a review:
    // the rating of the first answer no longer counts.
    const b = await world.file(3002, { region: "chuanhui", category: "environment" });
    clock.advance(30 * HOUR);
    await actions.act(b, { type: "route", unitId: "ecology_environment.chuanhui" }, clerk);
    clock.advance(DAY);
    const ecology: Actor = { kind: "handler", id: "h2", unitId: "ecology_environment.chuanhui" };
    await actions.act(b, { type: "start" }, ecology);
    await actions.act(b, { type: "answer", outcome: "explain", text: "已解释。" }, ecology);
    await actions.act(
      b,
      { type: "rate", solved: false, satisfaction: "dissatisfied" },
      citizen(3002),
    );
    await actions.act(b, { type: "request_review" }, citizen(3002));
    const c = await world.file(3003, { region: "chuanhui", category: "environment" });
    await actions
      .act(c, { type: "rate", solved: false, satisfaction: "dissatisfied" }, citizen(3003))
      .catch(() => undefined); // not answered: refused, nothing counted
    // An emergency routed within its hour; a utilities case within two hours; one not accepted.
    const d = await world.file(3004, { isEmergency: true });
    clock.advance(50 * 60_000);
    await actions.act(d, { type: "route", unitId: FUGOU }, clerk);
    const e = await world.file(3005, { category: "utilities" });
    clock.advance(90 * 60_000);
    await actions.act(e, { type: "not_accept", reason: "不属于信访事项", channel: null }, clerk);
    // Undecided, and left until overdue; one more in another region, unknown region.
    leftUndecided = await world.file(3006);
    await world.file(3007, { region: null });
    clock.advance(20 * DAY);
    const f = await world.file(3008);
    await actions.act(f, { type: "route", unitId: FUGOU }, clerk);
    clock.advance(2 * HOUR);
  });

  async function domainFigures(
    filter: CaseFilter & { from: string; to: string },
    scope: CaseScope,
  ) {
    const rows = await world.db.case.findMany({ select: { trackingNo: true } });
    const cases: Case[] = [];
    for (const { trackingNo } of rows) cases.push((await world.store.find(trackingNo))!);
    const unit =
      scope.kind === "unit" ? world.directory.units.find((u) => u.id === scope.unitId)! : null;
    const chosen = cases.filter(
      (subject) =>
        (!filter.region ||
          subject.regionCode === (filter.region === "none" ? null : filter.region)) &&
        (!filter.category || subject.categoryCode === filter.category) &&
        (!unit || visibleToUnit(subject, unit)),
    );
    return dashboardStatistics(chosen, filter, world.clock.now());
  }

  const period = () => {
    const to = localDateOf(world.clock.now());
    return { from: "2026-11-01", to };
  };

  it("gives the domain's figures for everything a clerk sees", async () => {
    const filter = period();
    const figures = await world.queries.dashboard.statistics(
      { kind: "all" },
      filter,
      world.clock.now(),
    );

    expect(figures).toEqual(await domainFigures(filter, { kind: "all" }));
    expect(figures.total).toBe(8);
    expect(figures.rates.response).toEqual({ numerator: 4, denominator: 5, value: 0.8 });
    expect(figures.rates.resolution.denominator).toBe(1);
    expect(figures.overdue.count).toBeGreaterThan(0);
  });

  it("gives the domain's figures for a region, an unknown region and a category", async () => {
    for (const filter of [
      { ...period(), region: "fugou" },
      { ...period(), region: "none" },
      { ...period(), category: "environment" },
      { from: "2026-11-28", to: "2026-11-29" },
    ]) {
      const figures = await world.queries.dashboard.statistics(
        { kind: "all" },
        filter,
        world.clock.now(),
      );
      expect(figures, JSON.stringify(filter)).toEqual(await domainFigures(filter, { kind: "all" }));
    }
  });

  it("lists a case overdue now though it was filed before the period", async () => {
    const today = localDateOf(world.clock.now());
    const figures = await world.queries.dashboard.statistics(
      { kind: "all" },
      { from: today, to: today },
      world.clock.now(),
    );

    expect(figures.overdue.cases.map((c) => c.trackingNo)).toContain(leftUndecided);
    expect(figures).toEqual(await domainFigures({ from: today, to: today }, { kind: "all" }));
  });

  it("gives a handler the figures of the unit's cases only", async () => {
    const scope: CaseScope = { kind: "unit", unitId: FUGOU, seesReports: false };
    const figures = await world.queries.dashboard.statistics(scope, period(), world.clock.now());

    expect(figures).toEqual(await domainFigures(period(), scope));
    expect(figures.total).toBe(3);
  });
});
