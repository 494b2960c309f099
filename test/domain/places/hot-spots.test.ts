import { beforeAll, describe, expect, it } from "vitest";
import { loadDirectory } from "../../../src/directory/load-directory.ts";
import type { DuplicateScorer } from "../../../src/domain/places/duplicates.ts";
import {
  clustersIn,
  locatedColumnsOf,
  findClusters,
  findRepeatComplaints,
  findRepeatedPlaces,
  findRisingCategories,
  LISTED_CASES,
  listedOf,
  repeatComplaintsIn,
  repeatPairsOf,
  repeatComplaintsOf,
  type HotSpotCase,
} from "../../../src/domain/places/hot-spots.ts";
import { createPlaceReader, type PlaceReader } from "../../../src/domain/places/place-text.ts";
import type { GeoPoint } from "../../../src/domain/places/places.ts";
import { demoScorer } from "./scorer.ts";

const START = Date.parse("2026-06-01T09:00:00+08:00");
const day = (n: number) => new Date(START + n * 86_400_000);
/** A point `north` and `east` metres from a crossing of the city centre. */
const at = (north: number, east = 0) => ({
  latitude: 33.6251 + north / 111_320,
  longitude: 114.659 + east / 92_700,
});

let ids = 0;
function report(overrides: Partial<HotSpotCase> = {}): HotSpotCase {
  return {
    id: `ZK-${++ids}`,
    category: "municipal",
    region: "chuanhui",
    point: at(0),
    placeKeys: [],
    submittedAt: day(0),
    ...overrides,
  };
}

describe("clusters of one category in space and time", () => {
  it("three reports within 500 m and 30 days make a hot spot, listed oldest first, centred on them", () => {
    const cases = [
      report({ id: "a", point: at(0), submittedAt: day(0) }),
      report({ id: "b", point: at(200), submittedAt: day(4) }),
      report({ id: "c", point: at(100, 150), submittedAt: day(12) }),
      report({ id: "far", point: at(2_000), submittedAt: day(5) }),
    ];

    const [cluster, ...others] = findClusters(cases);

    expect(others).toEqual([]);
    expect(cluster).toMatchObject({
      category: "municipal",
      caseIds: ["a", "b", "c"],
      from: day(0),
      to: day(12),
    });
    expect(cluster!.center.latitude).toBeCloseTo(at(100).latitude, 4);
    expect(cluster!.radiusMetres).toBeLessThan(150);
  });

  it("links reports each within 500 m of the next, so a cluster's radius can pass 500 m", () => {
    // A street of reports 300 m apart: each is dense with its neighbours, 1.2 km end to end.
    const cases = [0, 300, 600, 900, 1_200].map((north, n) =>
      report({ id: `street-${n}`, point: at(north), submittedAt: day(n) }),
    );

    const [cluster, ...others] = findClusters(cases);

    expect(others).toEqual([]);
    expect(cluster!.caseIds).toHaveLength(5);
    expect(cluster!.center.latitude).toBeCloseTo(at(600).latitude, 5);
    // The farthest case from the centre, as the console and the digest tell it (距中心 … 米内).
    expect(cluster!.radiusMetres).toBeGreaterThan(590);
    expect(cluster!.radiusMetres).toBeLessThan(610);
  });

  it("a page of them, read from columns, is that page of them all, with their number", () => {
    // Four spots 2 km apart, of 3, 4, 3 and 3 reports: the two of 3 filed at once are ordered
    // by their first case's id.
    const cases = [0, 1, 2, 3].flatMap((spot) =>
      Array.from({ length: spot === 1 ? 4 : 3 }, (_, n) =>
        report({
          id: `s${3 - spot}-${n}`,
          point: at(spot * 2_000 + n * 100),
          submittedAt: day(spot === 3 ? 0 : n),
        }),
      ),
    );
    const page = clustersIn(locatedColumnsOf(cases), { offset: 1, limit: 2 });

    expect(page).toEqual(listedOf(findClusters(cases), { offset: 1, limit: 2 }));
    expect(page.total).toBe(4);
    expect(page.items.map((cluster) => cluster.caseIds[0])).toEqual(["s0-0", "s1-0"]);
  });

  it("two reports are not a hot spot, nor three spread over three months", () => {
    expect(findClusters([report(), report({ point: at(50) })])).toEqual([]);
    expect(
      findClusters([
        report({ submittedAt: day(0) }),
        report({ submittedAt: day(45) }),
        report({ submittedAt: day(90) }),
      ]),
    ).toEqual([]);
  });

  it("reports of different categories at one spot do not make a cluster of either", () => {
    expect(
      findClusters([
        report({ category: "municipal" }),
        report({ category: "environment" }),
        report({ category: "housing" }),
      ]),
    ).toEqual([]);
  });

  it("reports without coordinates are left to the repeated-place search", () => {
    expect(
      findClusters([report({ point: null }), report({ point: null }), report({ point: null })]),
    ).toEqual([]);
  });

  it("a street of reports a few hundred metres apart chains into one cluster", () => {
    const street = [0, 300, 600, 900, 1_200].map((north, i) =>
      report({ id: `s${i}`, point: at(north), submittedAt: day(i) }),
    );

    expect(findClusters(street).map((cluster) => cluster.caseIds)).toEqual([
      ["s0", "s1", "s2", "s3", "s4"],
    ]);
  });
});

describe("places named again and again", () => {
  let reader: PlaceReader;
  beforeAll(async () => {
    reader = createPlaceReader(await loadDirectory());
  });
  const named = (text: string, region = "chuanhui", category = "municipal") =>
    report({ point: null, region, category, placeKeys: reader.readDescription(text).keys });

  it("a crossing named by three cases is a hot spot whatever their categories", () => {
    const cases = [
      named("人民路与七一路交叉口井盖没了"),
      named("七一路人民路口路灯不亮"),
      named("人民路七一路十字路口积水", "chuanhui", "utilities"),
      named("交通大道有个坑"),
    ];

    const crossing = findRepeatedPlaces(cases).find((p) => p.place.kind === "crossing");

    expect(crossing).toMatchObject({
      region: "chuanhui",
      place: { kind: "crossing", name: "七一路+人民路" },
      categories: ["municipal", "utilities"],
    });
    expect(crossing!.caseIds).toHaveLength(3);
  });

  it("the same street name in two counties is two places", () => {
    const cases = [
      named("人民路井盖没了", "chuanhui"),
      named("人民路路灯坏了", "chuanhui"),
      named("人民路下水道堵了", "luyi"),
    ];

    expect(findRepeatedPlaces(cases)).toEqual([]);
  });

  it("a place named by more cases than it lists counts them all and lists the newest first", () => {
    const street = reader.readDescription("七一路路面坏了").keys;
    const cases = Array.from({ length: LISTED_CASES + 5 }, (_, i) =>
      report({ id: `S-${100 + i}`, point: null, placeKeys: street, submittedAt: day(i % 10) }),
    );

    const [place] = findRepeatedPlaces(cases);

    expect(place!.caseCount).toBe(LISTED_CASES + 5);
    expect(place!.caseIds).toEqual(
      [...cases]
        .sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime() || (a.id < b.id ? 1 : -1))
        .slice(0, LISTED_CASES)
        .map((c) => c.id),
    );
    expect(place!.caseIds[0]).toBe("S-119");
  });

  it("the most named place first, then among as many the one named first", () => {
    const on = (text: string, n: number) => ({ ...named(text), submittedAt: day(n) });
    const cases = [
      on("交通大道有个坑", 2),
      on("交通大道路灯坏了", 3),
      on("交通大道积水", 4),
      on("七一路井盖没了", 1),
      on("七一路路灯坏了", 5),
      on("七一路积水", 6),
      on("人民路有个坑", 7),
      on("人民路路灯坏了", 8),
      on("人民路积水", 9),
      on("人民路垃圾没人清运", 9),
    ];

    expect(findRepeatedPlaces(cases).map((p) => [p.place.name, p.caseCount])).toEqual([
      ["人民路", 4],
      ["七一路", 3],
      ["交通大道", 3],
    ]);
  });

  it("among as many named at once, by region (none first), then kind, then name", () => {
    const thrice = (text: string, region: string | null) =>
      Array.from({ length: 3 }, () => ({ ...named(text), region }));
    const cases = [
      ...thrice("人民路有个坑", "luyi"),
      ...thrice("人民路有个坑", "chuanhui"),
      ...thrice("建业森林半岛小区门口有个坑", "chuanhui"),
      ...thrice("交通路有个坑", "chuanhui"),
      ...thrice("七一路有个坑", null),
    ];

    expect(findRepeatedPlaces(cases).map((p) => [p.region, p.place.kind, p.place.name])).toEqual([
      [null, "road", "七一路"],
      ["chuanhui", "landmark", "建业森林半岛小区"],
      ["chuanhui", "road", "交通路"],
      ["chuanhui", "road", "人民路"],
      ["luyi", "road", "人民路"],
    ]);
  });

  it("a page of findings is a slice of them all, with their number", () => {
    const all = ["a", "b", "c", "d", "e"];

    expect(listedOf(all, { offset: 2, limit: 2 })).toEqual({
      total: 5,
      offset: 2,
      items: ["c", "d"],
    });
    expect(listedOf(all, { offset: 5, limit: 2 })).toEqual({ total: 5, offset: 5, items: [] });
  });
});

describe("citizens repeating one matter (重复信访)", () => {
  let scorer: DuplicateScorer;
  beforeAll(async () => {
    scorer = await demoScorer();
  });
  const filed = (id: string, citizen: string, text: string, n: number, category = "labor") => ({
    id,
    facts: {
      text,
      category,
      region: "taikang",
      address: null,
      point: null,
      submittedAt: day(n),
      citizen,
    },
  });

  it("groups one citizen's filings on one matter and leaves their other matter out", () => {
    const cases = [
      filed("w1", "c1", "宏达劳务公司欠我工资八千元", 0),
      filed("w2", "c1", "上次反映宏达劳务公司欠薪的事还没解决", 20),
      filed("w3", "c1", "宏达劳务公司的工钱还是不给", 41),
      filed("x1", "c1", "我家低保被取消了", 10, "civil_affairs"),
      filed("y1", "c2", "宏达劳务公司欠我工资", 5),
    ];

    expect(findRepeatComplaints(cases, scorer)).toEqual([
      { citizen: "c1", caseIds: ["w1", "w2", "w3"], bounds: null },
    ]);
  });

  it("reads the words only of cases that their columns leave possibly repeated", () => {
    const read: string[] = [];
    const counting: DuplicateScorer = {
      ...scorer,
      prepare: (facts) => {
        read.push(facts.text);
        return scorer.prepare(facts);
      },
    };
    const answered = { ...filed("a1", "c1", "小区门口路灯不亮", 0).facts, closedAt: day(5) };
    const cases = [
      { id: "a1", facts: answered },
      filed("a2", "c1", "小区门口路灯又不亮了", 30),
      filed("a3", "c1", "楼道的灯也坏了", 31),
      filed("b1", "c2", "我家低保被取消了", 2, "civil_affairs"),
      filed("b2", "c2", "宏达劳务公司欠我工资", 3),
    ];

    expect(findRepeatComplaints(cases, counting)).toEqual([]);
    expect(read.sort()).toEqual(["小区门口路灯又不亮了", "楼道的灯也坏了"].sort());
  });

  it("lists groups of one size in the order of their first cases", () => {
    const cases = [
      filed("late1", "c1", "宏达劳务公司欠我工资八千元", 10),
      filed("late2", "c1", "宏达劳务公司的工钱还是不给", 12),
      filed("early1", "c2", "兴业建筑公司欠我工资", 5),
      filed("early2", "c2", "兴业建筑公司的工钱还没给", 15),
    ];

    expect(findRepeatComplaints(cases, scorer).map((r) => r.caseIds)).toEqual([
      ["early1", "early2"],
      ["late1", "late2"],
    ]);
  });
});

describe("grouping the stored pairs of repeats", () => {
  it("lists a page of the groups, each oldest first (then by id), with the box of its located cases", () => {
    const filedAt = (id: string, citizen: string, n: number, point: GeoPoint | null = null) => ({
      id,
      citizen,
      submittedAt: day(n),
      point,
    });
    const cases = [
      filedAt("b2", "c2", 3),
      filedAt("a1", "c1", 0, at(0)),
      filedAt("b1", "c2", 3, at(100)),
      filedAt("a2", "c1", 1),
      filedAt("a3", "c1", 2, at(300)),
      filedAt("d1", "c4", 4),
      filedAt("d2", "c4", 5),
    ];
    const links = [
      { earlier: "a1", later: "a2" },
      { earlier: "a2", later: "a3" },
      { earlier: "b1", later: "b2" },
      { earlier: "d1", later: "d2" },
      { earlier: "x1", later: "d2" },
    ];

    const page = repeatComplaintsIn(repeatPairsOf(cases, links), { offset: 0, limit: 2 });

    expect(page).toEqual(listedOf(repeatComplaintsOf(cases, links), { offset: 0, limit: 2 }));
    expect(page).toEqual({
      total: 3,
      offset: 0,
      items: [
        {
          citizen: "c1",
          caseIds: ["a1", "a2", "a3"],
          bounds: {
            minLatitude: at(0).latitude,
            maxLatitude: at(300).latitude,
            minLongitude: at(0).longitude,
            maxLongitude: at(0).longitude,
          },
        },
        {
          citizen: "c2",
          caseIds: ["b1", "b2"],
          bounds: {
            minLatitude: at(100).latitude,
            maxLatitude: at(100).latitude,
            minLongitude: at(100).longitude,
            maxLongitude: at(100).longitude,
          },
        },
      ],
    });
  });
});

describe("rising categories", () => {
  it("are those well above the previous period, with enough cases not to be noise", () => {
    const rising = findRisingCategories([
      { category: "municipal", current: 12, previous: 5 },
      { category: "health", current: 3, previous: 0 },
      { category: "labor", current: 20, previous: 18 },
      { category: "environment", current: 6, previous: 0 },
    ]);

    expect(rising).toEqual([
      { category: "environment", current: 6, previous: 0, ratio: null },
      { category: "municipal", current: 12, previous: 5, ratio: 2.4 },
    ]);
  });
});
