/**
 * The routing queue and the possible duplicates on both databases: the queue
 * is the waiting cases, most urgent first, a page at a time with the true
 * total; possible duplicates are the cases the duplicate scorer finds likely
 * the same matter (same problem at the same spot, or the same citizen
 * repeating it), with the reasons, a few per case with a mark when there are more.
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

  it("follows a clerk's mark of urgency at once, and its lifting, with the dispatch target", async () => {
    const urgency = (trackingNo: string | undefined, urgent: boolean, reason: string) =>
      world.actions.act(trackingNo!, { type: "set_urgency", urgent, reason }, clerk);

    await urgency(no.standard, true, "电话核实：路口的坑有半米深，天黑根本看不见");
    const marked = await numbersOf((await world.queries.queue.page(0, 50)).ids);
    await urgency(no.emergency, false, "电话核实：是邻居做饭的味道");
    const lifted = await numbersOf((await world.queries.queue.page(0, 50)).ids);
    // Back as the other tests found them:
    await urgency(no.standard, false, "核实有误");
    await urgency(no.emergency, true, "核实有误");

    // Urgent: before all others, and among the urgent by the 1-hour target from submission
    // (the marked one came 3.5 hours before the other):
    expect(marked).toEqual([no.standard, no.emergency, no.old, no.returned, no.utilities]);
    // Lifted: back among the ordinary ones, by the 24-hour target of its category, the last.
    expect(lifted).toEqual([no.standard, no.old, no.returned, no.utilities, no.emergency]);
  });

  // A crossing of 川汇区 and reports around it (positions about 1 m apart per 0.00001°).
  const spot = { latitude: 33.6301, longitude: 114.6502 };
  const near = (dLat: number) => ({ latitude: spot.latitude + dLat, longitude: spot.longitude });
  const report = (userId: number, description: string, more: Record<string, unknown> = {}) =>
    world.file(userId, {
      description,
      category: "municipal",
      region: "chuanhui",
      address: null,
      location: null,
      ...more,
    });
  const listed = async (trackingNo: string) =>
    (await world.queries.duplicates.of([trackingNo])).get(trackingNo)!;

  it("lists another citizen's report of the same problem at the same spot, with why", async () => {
    const first = await report(4201, "文昌大道和八一路路口的井盖没了，晚上走路容易掉下去", {
      location: spot,
    });
    world.clock.advance(3 * HOUR);
    const second = await report(4202, "路口有个窨井盖被人偷走了，黑洞洞的太危险", {
      location: near(0.0003),
    });

    const found = await listed(second);

    expect(found.items).toEqual([
      expect.objectContaining({
        trackingNo: first,
        reasons: expect.arrayContaining([
          { kind: "near", metres: 33 },
          { kind: "same_topic", topics: ["manhole_cover"] },
        ]),
      }),
    ]);
  });

  it("keeps apart another problem at the same spot and the same problem 1 km away", async () => {
    const lamp = await report(4203, "文昌大道和八一路路口的路灯坏了好几天，晚上一片漆黑", {
      location: near(0.0001),
    });
    const far = await report(4204, "井盖没了，车过去哐哐响，快来修", { location: near(0.01) });

    expect((await listed(lamp)).items).toEqual([]);
    expect((await listed(far)).items).toEqual([]);
  });

  it("finds the same landmark named in words, without coordinates", async () => {
    const first = await report(4205, "锦绣华庭小区门口的下水道堵了，污水冒到路上");
    world.clock.advance(DAY);
    const second = await report(4206, "锦绣华庭小区门口下水道堵塞，臭水流了一地");

    expect((await listed(second)).items).toEqual([
      expect.objectContaining({
        trackingNo: first,
        reasons: expect.arrayContaining([
          { kind: "same_place", place: expect.objectContaining({ name: "锦绣华庭小区" }) },
        ]),
      }),
    ]);
  });

  it("finds the same citizen repeating a matter without a place, not two strangers", async () => {
    const first = await report(4207, "工地老板拖欠我们三个月工资不给", { category: "labor" });
    world.clock.advance(10 * DAY);
    const again = await report(4207, "我上次反映的工资还是没给，老板电话也不接", {
      category: "labor",
    });
    const stranger = await report(4208, "老板拖欠工资三个月了", { category: "labor" });

    expect((await listed(again)).items).toEqual([
      expect.objectContaining({
        trackingNo: first,
        reasons: expect.arrayContaining([{ kind: "same_citizen" }]),
      }),
    ]);
    expect((await listed(stranger)).items.map((d) => d.trackingNo)).not.toContain(first);
  });

  it("lists a few duplicates per case and says when there are more", async () => {
    const many: string[] = [];
    const elsewhere = { latitude: 33.6401, longitude: 114.6602 };
    for (let i = 0; i < DUPLICATE_LIST_LIMIT + 2; i++) {
      many.push(
        await report(4300 + i, "这里的井盖丢了，很危险", {
          location: { ...elsewhere, latitude: elsewhere.latitude + i * 0.00001 },
        }),
      );
      world.clock.advance(HOUR);
    }
    const found = await listed(many[0]!);

    expect(found.items).toHaveLength(DUPLICATE_LIST_LIMIT);
    expect(found.more).toBe(true);
  });

  it("still lists the same problem at the same spot reported two hours inside the 60 days", async () => {
    const away = { latitude: 33.6501, longitude: 114.6702 };
    const first = await report(4401, "人民路和七一路交叉口的井盖碎了，车一压就响", {
      location: away,
    });
    world.clock.advance(60 * DAY - 2 * HOUR);
    const second = await report(4402, "七一路口的井盖破了，晚上走路很危险", {
      location: { ...away, latitude: away.latitude + 0.0001 },
    });

    expect((await listed(second)).items).toEqual([expect.objectContaining({ trackingNo: first })]);
  });
});
