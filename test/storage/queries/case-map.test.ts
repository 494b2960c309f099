/**
 * The console map's points on both databases: only cases with coordinates,
 * newest first, never more than the limit (and saying when more match), with
 * the case list's filters and the viewer's scope.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { CaseScope } from "../../../src/storage/queries/case-conditions.ts";
import { createCaseWorld, type CaseWorld } from "../../support/case-world.ts";
import { HOUR } from "../../support/clock.ts";
import { PROVIDERS } from "../../support/databases.ts";

const ALL: CaseScope = { kind: "all" };
const clerk = { kind: "clerk", id: "clerk-li" } as const;

describe.each(PROVIDERS)("the map's points on %s", { timeout: 60_000 }, (provider) => {
  let world: CaseWorld;
  const located: string[] = [];

  beforeAll(async () => {
    world = await createCaseWorld(provider);
    const cases: [string, number | null][] = [
      ["fugou", 34.06],
      ["chuanhui", 33.626],
      ["chuanhui", null],
      ["fugou", 34.065],
      ["chuanhui", 33.631],
    ];
    for (const [i, [region, latitude]] of cases.entries()) {
      const no = await world.file(3000 + i, {
        region,
        location: latitude === null ? null : { latitude, longitude: 114.5 },
      });
      if (latitude !== null) located.push(no);
      world.clock.advance(HOUR);
    }
    await world.actions.act(
      located[1]!,
      { type: "route", unitId: "urban_management.chuanhui" },
      clerk,
    );
  });

  it("gives the cases with coordinates, newest first, with their status and category", async () => {
    const { points, more } = await world.queries.map.points(ALL, {}, 100);
    expect(points.map((p) => p.trackingNo)).toEqual([...located].reverse());
    expect(more).toBe(false);
    expect(points.at(-1)).toMatchObject({
      latitude: 34.06,
      longitude: 114.5,
      status: "submitted",
      categoryCode: "municipal",
    });
    expect(points.at(-1)!.submittedAt).toBeInstanceOf(Date);
  });

  it("stops at the limit and says that more match", async () => {
    const { points, more } = await world.queries.map.points(ALL, {}, 2);
    expect(points.map((p) => p.trackingNo)).toEqual(located.slice(2).reverse());
    expect(more).toBe(true);
  });

  it("filters as the case list does, within what the viewer may see", async () => {
    const fugou = await world.queries.map.points(ALL, { region: "fugou" }, 100);
    expect(fugou.points.map((p) => p.trackingNo)).toEqual([located[2], located[0]]);
    const assigned = await world.queries.map.points(ALL, { status: ["assigned"] }, 100);
    expect(assigned.points.map((p) => p.trackingNo)).toEqual([located[1]]);
    const unit: CaseScope = {
      kind: "unit",
      unitId: "urban_management.chuanhui",
      seesReports: false,
    };
    expect((await world.queries.map.points(unit, {}, 100)).points.map((p) => p.trackingNo)).toEqual(
      [located[1]],
    );
    const none = await world.queries.map.points({ kind: "none" }, {}, 100);
    expect(none).toEqual({ points: [], more: false });
  });
});
