/**
 * Nearby reports before filing on both databases: the open cases of the same category
 * within NEARBY_RADIUS_METERS of a point, or naming the same road or landmark when there
 * is no point; joining one as a supporter (附议), once per citizen; the supporters' copies
 * of the reporter's later notices; withdrawing that support; and the queue bringing a
 * supported case forward.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../src/domain/lifecycle/actor.ts";
import { createNearbyCases, supportWithdrawal } from "../../../src/storage/case-supporters.ts";
import { readTimelineFact } from "../../../src/storage/timeline-data.ts";
import { createIdentityStore } from "../../../src/storage/identity-store.ts";
import type { NearbyCases } from "../../../src/domain/intake/ports.ts";
import { createCaseWorld, type CaseWorld } from "../../support/case-world.ts";
import { HOUR } from "../../support/clock.ts";
import { PROVIDERS } from "../../support/databases.ts";

const clerk: Actor = { kind: "clerk", id: "clerk-li" };
/** The crossing of 人民路 and 七一路 in 川汇区. */
const HERE = { latitude: 33.627, longitude: 114.652 };
/** A citizen looking for the same problem nearby. */
const ASKER = "telegram:6001";
/** About 110 m north of HERE. */
const CLOSE = { latitude: 33.628, longitude: 114.652 };
/** About 2.2 km north of HERE. */
const FAR = { latitude: 33.647, longitude: 114.652 };

describe.each(PROVIDERS)("nearby reports on %s", { timeout: 60_000 }, (provider) => {
  let world: CaseWorld;
  let nearby: NearbyCases;
  const no = {} as Record<"close" | "far" | "otherCategory" | "notAccepted" | "onTheRoad", string>;
  const at = (location: typeof HERE) => ({
    description: "路灯坏了好几天了，晚上很黑",
    region: "chuanhui",
    address: null,
    location,
  });

  /** The asker's question about a lamp in 川汇区: at `point`, or naming `placeKeys`. */
  const lamp = (point: typeof HERE | null, placeKeys: string[] = [], citizenRef = ASKER) => ({
    citizenRef,
    category: "municipal",
    point,
    region: "chuanhui",
    placeKeys,
  });

  beforeAll(async () => {
    world = await createCaseWorld(provider);
    nearby = createNearbyCases(world.db, { radiusMetres: 300 }, world.clock);
    no.close = await world.file(5001, at(CLOSE));
    world.clock.advance(HOUR);
    no.far = await world.file(5002, at(FAR));
    no.otherCategory = await world.file(5003, { ...at(HERE), category: "environment" });
    no.notAccepted = await world.file(5004, at(HERE));
    await world.actions.act(
      no.notAccepted,
      { type: "not_accept", reason: "已由其他渠道受理", channel: null },
      clerk,
    );
    no.onTheRoad = await world.file(5005, {
      description: "人民路上的路灯坏了",
      region: "chuanhui",
      address: "川汇区人民路18号",
    });
    const identities = createIdentityStore(world.db);
    for (const user of [6001, 6002, 6003, 6004]) {
      await identities.touch("telegram", String(user), String(user), world.clock.now());
    }
  });

  it("offers the open case of the category within the radius, not the far, other or ended ones", async () => {
    const found = await nearby.find(lamp(HERE));
    expect(found.map((c) => c.trackingNo)).toEqual([no.close]);
    expect(found[0]).toMatchObject({
      category: "municipal",
      region: "chuanhui",
      status: "received",
      supporters: 0,
    });
    expect(found[0]).not.toHaveProperty("description");
    // The reporter is not shown their own case as someone else's.
    expect(await nearby.find(lamp(HERE, [], "telegram:5001"))).toEqual([]);
  });

  it("never offers a report against officials: that one was made is told to no one nearby", async () => {
    const report = await world.file(5006, {
      description: "村支书把低保名额都给了自己亲戚，不送礼就不给办",
      category: "discipline",
      region: "chuanhui",
      address: "川汇区人民路18号",
      location: HERE,
    });
    const asked = { ...lamp(HERE, ["road:人民路"]), category: "discipline" };
    expect(await nearby.find(asked)).toEqual([]);
    await world.db.case.update({ where: { trackingNo: report }, data: { caseClass: "request" } });
    expect((await nearby.find(asked)).map((c) => c.trackingNo)).toEqual([report]);
    await world.db.case.update({ where: { trackingNo: report }, data: { caseClass: "report" } });
  });

  it("without a point, offers the open cases naming the same road in the same region", async () => {
    const found = await nearby.find(lamp(null, ["road:人民路"]));
    expect(found.map((c) => c.trackingNo)).toEqual([no.onTheRoad]);
    expect(found[0]!.address).toBe("川汇区人民路18号");
    expect(await nearby.find(lamp(null, ["road:七一路"]))).toEqual([]);
    // 人民路 of another county is another road.
    expect(await nearby.find({ ...lamp(null, ["road:人民路"]), region: "xihua" })).toEqual([]);
  });

  it("joins a citizen once, never to their own case nor to an ended one", async () => {
    expect(await nearby.join("telegram:6001", no.close, "zh")).toBe("joined");
    expect(await nearby.join("telegram:6001", no.close, "zh")).toBe("already");
    expect(await nearby.join("telegram:5001", no.close, "zh")).toBe("own_case");
    expect(await nearby.join("telegram:6001", no.notAccepted, "zh")).toBe("not_open");
    const row = await world.db.case.findUniqueOrThrow({
      where: { trackingNo: no.close },
      select: { supporterCount: true, _count: { select: { supporters: true } } },
    });
    expect(row).toEqual({ supporterCount: 1, _count: { supporters: 1 } });
    const [found] = await nearby.find(lamp(HERE));
    expect(found!.supporters).toBe(1);
  });

  it("sends the supporter the reporter's later notices in their own chat and language", async () => {
    await nearby.join("telegram:6002", no.close, "en");
    await world.actions.act(
      no.close,
      { type: "route", unitId: "urban_management.chuanhui" },
      clerk,
    );
    const rows = await world.db.outboxMessage.findMany({
      where: { case: { trackingNo: no.close }, audience: { in: ["citizen", "supporter"] } },
      orderBy: { id: "asc" },
    });
    const later = rows.filter((row) => row.kind !== "received");
    const reporter = later.filter((row) => row.audience === "citizen");
    expect(reporter.length).toBeGreaterThan(0);
    for (const notice of reporter) {
      const copies = later.filter(
        (row) => row.audience === "supporter" && row.kind === notice.kind,
      );
      expect(copies.map((row) => row.recipient).sort()).toEqual(["6001", "6002"]);
      expect(copies.find((row) => row.recipient === "6002")!.payload).toMatchObject({
        locale: "en",
      });
      expect(copies[0]!.payload).not.toHaveProperty("statusLink");
    }
    expect(rows.filter((r) => r.audience === "supporter" && r.kind === "received")).toEqual([]);
  });

  it("brings a case with supporters forward in the routing queue", async () => {
    world.clock.advance(HOUR);
    const first = await world.file(7001, at(FAR));
    world.clock.advance(60_000);
    const second = await world.file(7002, at(FAR));
    const orderOf = async () => {
      const page = await world.queries.queue.page(0, 50);
      const rows = await world.db.case.findMany({ where: { id: { in: [...page.ids] } } });
      const numbers = page.ids.map((id) => rows.find((row) => row.id === id)!.trackingNo);
      return numbers.filter((n) => n === first || n === second);
    };
    expect(await orderOf()).toEqual([first, second]);
    await nearby.join("telegram:6003", second, "zh");
    expect(await orderOf()).toEqual([second, first]);
  });

  it("withdraws a supporter's support once: no longer counted nor told, the case runs on", async () => {
    const supporters = async () =>
      (await world.db.case.findUniqueOrThrow({ where: { trackingNo: no.close } })).supporterCount;
    const before = await supporters();
    await nearby.join("telegram:6004", no.close, "zh");
    const withdrawSupport = supportWithdrawal(world.db, world.clock);
    expect(await withdrawSupport("telegram:6004", no.close)).toBe("done");
    expect(await withdrawSupport("telegram:6004", no.close)).toBe("refused");
    expect(await withdrawSupport("telegram:5001", no.close)).toBe("refused");
    expect(await supporters()).toBe(before);

    const [last] = await world.db.timelineEntry.findMany({
      where: { case: { trackingNo: no.close } },
      orderBy: { id: "desc" },
      take: 1,
    });
    expect(readTimelineFact(last!)).toEqual({
      kind: "support_withdrawn",
      data: { supporters: before },
    });
    expect(last!.actorId).toBeNull();

    const supporterNotices = () =>
      world.db.outboxMessage.findMany({
        where: { case: { trackingNo: no.close }, audience: "supporter" },
        select: { id: true, recipient: true },
      });
    const earlier = new Set((await supporterNotices()).map((row) => row.id));
    const handler: Actor = {
      kind: "handler",
      id: "handler-wang",
      unitId: "urban_management.chuanhui",
    };
    await world.actions.act(no.close, { type: "start" }, handler);
    const told = (await supporterNotices()).filter((row) => !earlier.has(row.id));
    expect(told.map((row) => row.recipient)).toContain("6001");
    expect(told.map((row) => row.recipient)).not.toContain("6004");
  });
});
