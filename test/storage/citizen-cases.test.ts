/**
 * What a citizen sees of their own case: the timeline in their words, each
 * assignment naming the unit it went to then, not where the case is now.
 */
import { describe, expect, it } from "vitest";
import type { Actor } from "../../src/domain/lifecycle/actor.ts";
import { createCitizenCases } from "../../src/storage/citizen-cases.ts";
import { HOUR } from "../support/clock.ts";
import { createCaseWorld } from "../support/case-world.ts";
import { PROVIDERS } from "../support/databases.ts";

const clerk: Actor = { kind: "clerk", id: "clerk-li" };

describe.each(PROVIDERS)("a citizen's case timeline (%s)", { timeout: 60_000 }, (provider) => {
  it("names, for each assignment, the unit the case went to then", async () => {
    const world = await createCaseWorld(provider);
    const no = await world.file(1001);
    const [first, second] = ["urban_management.fugou", "urban_management.city"];
    world.clock.advance(HOUR);
    await world.actions.act(no, { type: "route", unitId: first }, clerk);
    world.clock.advance(HOUR);
    await world.actions.act(no, { type: "reassign", unitId: second }, clerk);

    const detail = await createCitizenCases(world.db, world.directory).get("telegram:1001", no);

    const unitName = (id: string) => world.directory.units.find((u) => u.id === id)?.name;
    expect(detail?.timeline.filter((e) => e.kind === "assigned").map((e) => e.detail)).toEqual([
      unitName(first),
      unitName(second),
    ]);
    expect(unitName(first)).not.toEqual(unitName(second));
  });
});
