/**
 * The hot spots of the last 30 days on both databases: a cluster of one
 * category within 500 m, a landmark named again, a citizen repeating a matter,
 * a street named again, a category rising against the 30 days before — each
 * with its cases — and the same report as the command prints it. The database
 * hands over only the candidates of each finding; the findings are those the
 * domain finds among every case. Each kind lists a page of its findings with their total,
 * and one kind's next page is read alone.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { hotSpotReportText } from "../../../src/cases/hot-spot-text.ts";
import { loadDuplicateScorer } from "../../../src/classification/duplicate-scorer.ts";
import {
  findClusters,
  FINDING_KINDS,
  LISTED_CASES,
  type HotSpotReport,
} from "../../../src/domain/places/hot-spots.ts";
import { createLogger } from "../../../src/logging/logger.ts";
import { linkStoredRepeats } from "../../../src/storage/repeat-links.ts";
import { createCaseWorld, type CaseWorld } from "../../support/case-world.ts";
import { DAY, HOUR } from "../../support/clock.ts";
import { PROVIDERS } from "../../support/databases.ts";
import { everyCaseHotSpots } from "../../support/every-case-hot-spots.ts";

describe.each(PROVIDERS)("hot spots on %s", { timeout: 60_000 }, (provider) => {
  let world: CaseWorld;
  let report: HotSpotReport;
  let misfiled: string;
  const no: Record<string, string[]> = {
    covers: [],
    landmark: [],
    street: [],
    repeat: [],
    labor: [],
    busy: [],
  };

  beforeAll(async () => {
    world = await createCaseWorld(provider);
    const report311 = (userId: number, description: string, more: Record<string, unknown> = {}) =>
      world.file(userId, {
        description,
        category: "municipal",
        region: "chuanhui",
        address: null,
        location: null,
        ...more,
      });
    // Before the period: one labour case, and the old one the clusters must not count.
    await report311(5000, "工地拖欠工资", { category: "labor", region: "xihua" });
    await report311(5001, "井盖丢了", { location: { latitude: 33.6301, longitude: 114.6502 } });
    world.clock.advance(35 * DAY);
    const start = world.clock.now();
    for (const [i, dLat] of [0, 0.001, 0.0018].entries()) {
      no.covers!.push(
        await report311(5010 + i, "路上井盖没了很危险", {
          location: { latitude: 33.6301 + dLat, longitude: 114.6502 },
        }),
      );
      world.clock.advance(HOUR);
    }
    for (const [i, words] of ["路灯不亮", "垃圾没人清运", "下水道堵了"].entries()) {
      no.landmark!.push(await report311(5020 + i, `建业森林半岛小区门口${words}`));
    }
    for (const [i, words] of ["井盖松动", "路面塌了个坑", "护栏倒了"].entries()) {
      no.street!.push(await report311(5025 + i, words, { address: "人民路" }));
    }
    // A road named by more cases than a place lists, filed a minute apart.
    for (let i = 0; i < LISTED_CASES + 3; i++) {
      no.busy!.push(
        await report311(5100 + i, i % 4 === 0 ? "噪音扰民" : "路面破损", {
          address: "七一路",
          category: i % 4 === 0 ? "environment" : "municipal",
          location: i === 0 ? { latitude: 33.64, longitude: 114.66 } : null,
        }),
      );
      world.clock.advance(60_000);
    }
    // Scattered lamps about 2 km apart: in the database's grid, but no cluster.
    for (let i = 0; i < 6; i++) {
      await report311(5060 + i, "路灯不亮", {
        location: { latitude: 33.6 + 0.018 * i, longitude: 114.62 + 0.01 * (i % 2) },
      });
    }
    no.repeat!.push(
      await report311(5030, "楼下烧烤店油烟太大，熏得没法开窗", { address: "交通路" }),
    );
    world.clock.advance(2 * DAY);
    // The same words filed under another category: a clerk may look, but no repeat is found.
    misfiled = await report311(5030, "交通路烧烤店油烟熏得没法开窗", {
      address: "交通路",
      category: "environment",
    });
    world.clock.advance(3 * DAY);
    no.repeat!.push(
      await report311(5030, "又来反映交通路烧烤店油烟，还是熏得没法开窗", { address: "交通路" }),
    );
    for (let i = 0; i < 5; i++) {
      no.labor!.push(
        await report311(5040 + i, `第${i + 1}家饭店拖欠工资`, {
          category: "labor",
          region: "xihua",
        }),
      );
    }
    expect(world.clock.now().getTime() - start.getTime()).toBeLessThan(30 * DAY);
    report = await world.queries.hotSpots.report(world.clock.now(), 30);
  });

  it("finds the cluster of covers within 500 m, not the one of 35 days ago", () => {
    expect(report.clusters).toEqual({
      total: 1,
      offset: 0,
      items: [expect.objectContaining({ category: "municipal", caseIds: no.covers })],
    });
  });

  it("finds the landmark named by three cases of different problems", () => {
    expect(report.repeatedPlaces.items).toContainEqual(
      expect.objectContaining({
        place: expect.objectContaining({ name: "建业森林半岛小区" }),
        caseCount: 3,
        caseIds: [...no.landmark!].reverse(),
      }),
    );
  });

  it("finds the street named by three cases", () => {
    expect(report.repeatedPlaces.items).toContainEqual(
      expect.objectContaining({
        place: { kind: "road", name: "人民路", detail: null },
        caseCount: 3,
        caseIds: [...no.street!].reverse(),
      }),
    );
  });

  it("counts every case naming a busy place and lists its newest, most named first", () => {
    expect(report.repeatedPlaces.items[0]).toEqual({
      region: "chuanhui",
      place: { kind: "road", name: "七一路", detail: null },
      caseCount: LISTED_CASES + 3,
      caseIds: [...no.busy!].reverse().slice(0, LISTED_CASES),
      categories: ["municipal", "environment"],
      bounds: {
        minLatitude: 33.64,
        maxLatitude: 33.64,
        minLongitude: 114.66,
        maxLongitude: 114.66,
      },
    });
  });

  it("clusters as the exact clustering of every located case of the period does", async () => {
    const located = await world.db.case.findMany({
      where: { submittedAt: { gte: report.from, lte: report.to }, latitude: { not: null } },
      orderBy: { submittedAt: "asc" },
    });
    const every = located.map((c) => ({
      id: c.trackingNo,
      category: c.categoryCode,
      region: c.regionCode,
      point: { latitude: c.latitude!, longitude: c.longitude! },
      placeKeys: [],
      submittedAt: c.submittedAt,
    }));
    expect(every.length).toBeGreaterThan(report.clusters.items[0]!.caseIds.length);
    expect(report.clusters.items).toEqual(findClusters(every));
  });

  it("finds what the domain finds among every case, read without grouping", async () => {
    const scorer = await loadDuplicateScorer(world.directory);

    expect(report).toEqual(await everyCaseHotSpots(world.db, scorer, report.to, 30));
  });

  it("finds the citizen repeating one matter", () => {
    expect(report.repeatComplaints.items).toEqual([
      expect.objectContaining({ caseIds: no.repeat }),
    ]);
  });

  it("finds the category rising against the 30 days before", () => {
    expect(report.risingCategories.items).toContainEqual({
      category: "labor",
      current: 5,
      previous: 1,
      ratio: 5,
    });
  });

  it("lists each kind a page at a time, in the order of every case's findings, with its total", async () => {
    const scorer = await loadDuplicateScorer(world.directory);
    const total = report.repeatedPlaces.total;
    expect(total).toBe(report.repeatedPlaces.items.length);
    expect(total).toBeGreaterThanOrEqual(4);

    for (let offset = 0; offset < total; offset++) {
      const page = { offset, limit: 1 };
      const paged = await world.queries.hotSpots.report(report.to, 30, page);
      expect(paged.repeatedPlaces).toEqual({
        total,
        offset,
        items: [report.repeatedPlaces.items[offset]],
      });
      expect(paged).toEqual(await everyCaseHotSpots(world.db, scorer, report.to, 30, page));
    }
    const past = await world.queries.hotSpots.report(report.to, 30, { offset: total, limit: 5 });
    expect(past.repeatedPlaces).toEqual({ total, offset: total, items: [] });
    expect(past.clusters).toEqual({ total: 1, offset: total, items: [] });
  });

  it("reads one kind's page alone, as the report lists it", async () => {
    const page = { offset: 1, limit: 2 };
    const paged = await world.queries.hotSpots.report(report.to, 30, page);

    for (const kind of FINDING_KINDS) {
      expect(await world.queries.hotSpots.findings(report.to, 30, kind, page)).toEqual({
        from: report.from,
        to: report.to,
        findings: paged[kind],
      });
    }
    expect(paged.repeatedPlaces.items).toEqual(report.repeatedPlaces.items.slice(1, 3));
  });

  it("prints each finding with its tracking numbers", () => {
    const text = hotSpotReportText(report, world.directory);
    expect(text).toContain(`市政市容 · 3 cases within`);
    expect(text).toContain(no.covers!.join(" "));
    expect(text).toContain(`人社劳动 · 5 (before 1, ×5)`);
    expect(text).toContain(
      `${LISTED_CASES + 3} cases · 市政市容, 生态环境 · newest ${LISTED_CASES}: ` +
        [...no.busy!].reverse().slice(0, LISTED_CASES).join(" "),
    );
  });

  it("follows a clerk's change of category: the misfiled case joins the matter, and leaves it", async () => {
    const scorer = await loadDuplicateScorer(world.directory);
    const clerk = { kind: "clerk", id: "clerk-li" } as const;
    const recategorize = (categoryCode: string) =>
      world.actions.act(misfiled, { type: "recategorize", categoryCode }, clerk);

    await recategorize("municipal");
    const corrected = await world.queries.hotSpots.report(report.to, 30);
    await recategorize("environment");

    expect(corrected.repeatComplaints.items).toEqual([
      expect.objectContaining({ caseIds: [no.repeat![0], misfiled, no.repeat![1]] }),
    ]);
    expect(await world.queries.hotSpots.report(report.to, 30)).toEqual(report);
    expect(await everyCaseHotSpots(world.db, scorer, report.to, 30)).toEqual(report);
  });

  it("finds the same repeats among cases stored before their pairs were kept, once linked", async () => {
    const scorer = await loadDuplicateScorer(world.directory);
    await world.db.caseRepeat.deleteMany({});
    const unlinked = await world.queries.hotSpots.report(report.to, 30);

    await linkStoredRepeats(world.db, scorer, world.clock, createLogger("silent"));

    expect(unlinked.repeatComplaints).toEqual({ total: 0, offset: 0, items: [] });
    expect(await world.queries.hotSpots.report(report.to, 30)).toEqual(report);
    expect(await linkStoredRepeats(world.db, scorer, world.clock, createLogger("silent"))).toBe(0);
  });
});
