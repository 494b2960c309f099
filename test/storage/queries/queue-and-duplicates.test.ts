/**
 * The routing queue and the possible duplicates on both databases: the queue
 * is the waiting cases, most urgent first, a page at a time with the true
 * total; duplicates are the same citizen's or the same place's cases within
 * the window, a few listed per case with a mark when there are more.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../src/domain/lifecycle/actor.ts";
import { DUPLICATE_LIST_LIMIT } from "../../../src/storage/queries/duplicates.ts";
import { createCaseWorld, type CaseWorld } from "../../support/case-world.ts";
import { DAY, HOUR } from "../../support/clock.ts";
import { PROVIDERS } from "../../support/databases.ts";

const clerk: Actor = { kind: "clerk", id: "clerk-li" };
const FUGOU = "urban_management.fugou";

describe.each(PROVIDERS)("the queue and duplicates on %s", { timeout: 60_000 }, (provider) => {
  let world: CaseWorld;
  const no: Record<string, string> = {};

  beforeAll(async () => {
    world = await createCaseWorld(provider);
    no.old = await world.file(4001, { region: "xihua", category: "housing" });
    world.clock.advance(40 * DAY);
    no.standard = await world.file(4002, { region: "xihua", category: "land" });
    world.clock.advance(HOUR);
    no.returned = await world.file(4003, { region: "dancheng", category: "transport" });
    await world.actions.act(no.returned, { type: "route", unitId: FUGOU }, clerk);
    await world.actions.act(
      no.returned,
      { type: "return", reason: "不属于本单位职责" },
      { kind: "handler", id: "h", unitId: FUGOU },
    );
    world.clock.advance(HOUR);
    no.utilities = await world.file(4004, { region: "xihua", category: "utilities" });
    world.clock.advance(90 * 60_000);
    no.emergency = await world.file(4005, {
      region: "xihua",
      category: "legal",
      isEmergency: true,
    });
    no.routed = await world.file(4006, { region: "xihua", category: "health" });
    await world.actions.act(no.routed, { type: "route", unitId: FUGOU }, clerk);
  });

  const numbersOf = async (ids: readonly string[]) => {
    const rows = await world.db.case.findMany({ where: { id: { in: [...ids] } } });
    return ids.map((id) => rows.find((row) => row.id === id)!.trackingNo);
  };

  it("lists the waiting cases, the most urgent first, with the true total", async () => {
    const page = await world.queries.queue.page(0, 50);

    expect(page.total).toBe(5);
    // An emergency before all others, even overdue ones; then each by when its dispatch
    // target runs out (a returned one by its submission):
    expect(await numbersOf(page.ids)).toEqual([
      no.emergency, // 1 hour after 40 days + 3.5 hours
      no.old, // a day after it came, 40 days ago
      no.returned, // submitted at 40 days + 1 hour
      no.utilities, // 2 hours after 40 days + 2 hours
      no.standard, // a day after 40 days
    ]);
  });

  it("pages with an offset and keeps the total", async () => {
    const whole = await world.queries.queue.page(0, 50);
    const second = await world.queries.queue.page(2, 2);

    expect(second).toMatchObject({ total: 5, first: 3 });
    expect(second.ids).toEqual(whole.ids.slice(2, 4));
  });

  it("finds the same citizen's and the same place's cases within 30 days, not others", async () => {
    const mine = await world.file(4002, { region: "dancheng", category: "other" });
    const subject = { ...(await world.store.find(mine))!, citizenId: await citizenOf(mine) };
    const sameCitizen = await world.queries.duplicates.of([subject]);
    const utilities = (await world.store.find(no.utilities!))!;
    const place = await world.queries.duplicates.of([
      { ...utilities, citizenId: await citizenOf(no.utilities!) },
    ]);

    expect(sameCitizen.get(mine)).toEqual({
      items: [expect.objectContaining({ trackingNo: no.standard, why: "same_citizen" })],
      more: false,
    });
    // Same region, another category, or 40 days earlier: not a duplicate.
    expect(place.get(no.utilities!)).toEqual({ items: [], more: false });
  });

  it("lists a few duplicates per case and says when there are more", async () => {
    const many: string[] = [];
    for (let i = 0; i < DUPLICATE_LIST_LIMIT + 2; i++) {
      many.push(await world.file(4100 + i, { region: "shenqiu", category: "market" }));
      world.clock.advance(HOUR);
    }
    const subject = (await world.store.find(many[0]!))!;
    const found = await world.queries.duplicates.of([
      { ...subject, citizenId: await citizenOf(many[0]!) },
    ]);

    expect(found.get(many[0]!)!.items.map((d) => d.trackingNo)).toEqual(
      many.slice(1).reverse().slice(0, DUPLICATE_LIST_LIMIT),
    );
    expect(found.get(many[0]!)!.more).toBe(true);
  });

  async function citizenOf(trackingNo: string): Promise<string> {
    return (await world.db.case.findUniqueOrThrow({ where: { trackingNo } })).citizenId;
  }
});
