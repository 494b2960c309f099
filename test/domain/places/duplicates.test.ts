import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import {
  candidateCriteria,
  type DuplicateFacts,
  type DuplicateScore,
  type DuplicateScorer,
} from "../../../src/domain/places/duplicates.ts";
import { demoScorer } from "./scorer.ts";

const DEV_PAIRS = new URL("../../places/dev-pairs.jsonl", import.meta.url);

/** A case of test/places/dev-pairs.jsonl. */
interface LabelledCase {
  text: string;
  category: string | null;
  region: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  submittedAt: string;
  citizen: string;
}

let scorer: DuplicateScorer;

beforeAll(async () => {
  scorer = await demoScorer();
});

/** A crossing in the city centre and a point about `metres` north of it. */
const CROSSING = { latitude: 33.6251, longitude: 114.659 };
const north = (metres: number) => ({ ...CROSSING, latitude: CROSSING.latitude + metres / 111_320 });

let citizens = 0;
function complaint(overrides: Partial<DuplicateFacts> & { text: string }): DuplicateFacts {
  return {
    category: "municipal",
    region: "chuanhui",
    address: null,
    point: null,
    submittedAt: new Date("2026-05-04T09:00:00+08:00"),
    citizen: `citizen-${++citizens}`,
    ...overrides,
  };
}

const compare = (a: DuplicateFacts, b: DuplicateFacts): DuplicateScore =>
  scorer.compare(scorer.prepare(a), scorer.prepare(b));
const days = (n: number) => new Date(Date.parse("2026-05-04T09:00:00+08:00") + n * 86_400_000);

describe("two citizens reporting the same problem at the same spot", () => {
  it("is likely one matter, one by GPS and one by address, and says why as data", () => {
    const result = compare(
      complaint({ text: "工农路和莲花路口的井盖丢了，晚上看不见。", point: CROSSING }),
      complaint({
        text: "路口有个井没盖子，差点把电动车别进去。",
        address: "川汇区莲花路与工农路交叉口",
        point: north(30),
        submittedAt: days(2),
      }),
    );

    expect(result.verdict).toBe("likely");
    expect(result.reasons).toContainEqual({
      kind: "same_place",
      place: { kind: "crossing", name: "工农路+莲花路", detail: null },
    });
    expect(result.reasons).toContainEqual({ kind: "same_topic", topics: ["manhole_cover"] });
    expect(result.reasons).toContainEqual({ kind: "days_apart", days: 2 });
    expect(result.objections).toEqual([]);
  });

  it("is likely one matter when only their GPS positions say it is the same spot", () => {
    const result = compare(
      complaint({ text: "这里的路灯一直不亮", point: CROSSING }),
      complaint({ text: "路灯坏了一个星期了，黑乎乎的", point: north(40) }),
    );

    expect(result.verdict).toBe("likely");
    expect(result.reasons).toContainEqual({ kind: "near", metres: 40 });
  });
});

describe("what keeps two cases apart (precision first)", () => {
  it("a sewer, a street lamp and a manhole cover at one crossing are three cases", () => {
    const at = (text: string) => complaint({ text, point: CROSSING });
    const [sewer, lamp, cover] = [
      at("莲花路工农路口下水道堵了，污水漫到路上"),
      at("莲花路工农路口的路灯不亮"),
      at("莲花路工农路口井盖没了"),
    ];

    for (const [a, b] of [
      [sewer, lamp],
      [sewer, cover],
      [lamp, cover],
    ] as const) {
      const result = compare(a!, b!);
      expect(result.verdict).toBe("unlikely");
      expect(result.objections.map((o) => o.kind)).toContain("other_topic");
    }
  });

  it("two buildings of one compound are two places, however near their GPS", () => {
    const result = compare(
      complaint({
        text: "电梯坏了",
        category: "housing",
        address: "锦绣家园5号楼",
        point: CROSSING,
      }),
      complaint({
        text: "电梯坏了",
        category: "housing",
        address: "锦绣家园9号楼",
        point: north(60),
      }),
    );

    expect(result.verdict).toBe("unlikely");
    expect(result.objections[0]).toMatchObject({ kind: "other_place" });
  });

  it("the same problem 600 m away is another spot", () => {
    const result = compare(
      complaint({ text: "路面有个大坑", point: CROSSING }),
      complaint({ text: "路面有个大坑", point: north(600) }),
    );

    expect(result.objections).toContainEqual({ kind: "far_apart", metres: 599 });
    expect(result.verdict).toBe("unlikely");
  });

  it("150 m away it is only possible: the clerk may look, nothing is flagged", () => {
    expect(
      compare(
        complaint({ text: "饭店油烟太大", category: "environment", point: CROSSING }),
        complaint({ text: "饭店排油烟熏人", category: "environment", point: north(150) }),
      ).verdict,
    ).toBe("possible");
  });

  it("a report after the first case was closed is a new occurrence", () => {
    const result = compare(
      complaint({ text: "莲花路工农路口井盖没了", closedAt: days(5) }),
      complaint({ text: "莲花路工农路口井盖又没了", submittedAt: days(40) }),
    );

    expect(result.objections).toContainEqual({ kind: "closed_before", days: 35 });
    expect(result.verdict).toBe("unlikely");
  });

  it("two people, 70 days apart, are two occurrences (handling takes at most 60 days)", () => {
    const result = compare(
      complaint({ text: "莲花路工农路口井盖没了" }),
      complaint({ text: "莲花路工农路口井盖没了", submittedAt: days(70) }),
    );

    expect(result.objections).toContainEqual({ kind: "long_gap", days: 70 });
  });

  it("two people saying the same words without any place cannot be told apart, so are not merged", () => {
    const result = compare(
      complaint({ text: "井盖没了", region: null }),
      complaint({ text: "井盖没了，快来人", region: null }),
    );

    expect(result.verdict).toBe("unlikely");
    expect(result.objections).toContainEqual({ kind: "no_place" });
  });

  it("cases in two counties are two places, whatever the words", () => {
    const result = compare(
      complaint({ text: "城关镇东街下水道堵了", region: "luyi" }),
      complaint({ text: "城关镇东街下水道堵了", region: "fugou" }),
    );

    expect(result.objections).toContainEqual({ kind: "other_region", regions: ["luyi", "fugou"] });
  });
});

describe("the same citizen repeating a matter (重复信访)", () => {
  it("is likely one matter even when the follow-up names no place", () => {
    const citizen = "repeat-1";
    const result = compare(
      complaint({ text: "育英街烧烤摊每天晚上闹到一两点", category: "environment", citizen }),
      complaint({
        text: "还是那个烧烤摊，昨晚又吵到后半夜",
        category: "environment",
        citizen,
        submittedAt: days(9),
      }),
    );

    expect(result.verdict).toBe("likely");
    expect(result.reasons).toContainEqual({ kind: "same_citizen" });
  });

  it("is not when the same person raises another matter", () => {
    const citizen = "repeat-2";
    const result = compare(
      complaint({ text: "小区电梯坏了", category: "housing", citizen }),
      complaint({
        text: "物业费涨了也不开业主大会",
        category: "housing",
        citizen,
        submittedAt: days(3),
      }),
    );

    expect(result.verdict).toBe("unlikely");
  });
});

describe("matters without a street", () => {
  it("two workers naming the same employer's arrears are one wage case", () => {
    const result = compare(
      complaint({ text: "宏达劳务公司欠我们工资半年了", category: "labor", region: "taikang" }),
      complaint({
        text: "宏达劳务公司老板不给工钱，一直拖着",
        category: "labor",
        region: "taikang",
        submittedAt: days(6),
      }),
    );

    expect(result.verdict).toBe("likely");
    expect(result.reasons).toContainEqual({ kind: "same_party", party: "宏达劳务公司" });
  });
});

describe("pairs told apart before their texts are read", () => {
  const manhole = (overrides: Partial<DuplicateFacts> = {}) =>
    complaint({ text: "工农路和莲花路口的井盖丢了", point: CROSSING, ...overrides });

  it("are those in other categories, other regions, too far apart in days or metres, or closed before", () => {
    const earlier = manhole();
    const apart = [
      manhole({ category: "transport", submittedAt: days(1) }),
      manhole({ region: "xihua", submittedAt: days(1) }),
      manhole({ submittedAt: days(61) }),
      manhole({ point: north(600), submittedAt: days(1) }),
    ];

    for (const later of apart) expect(scorer.cannotBeLikely(earlier, later)).toBe(true);
    expect(
      scorer.cannotBeLikely({ ...earlier, closedAt: days(1) }, manhole({ submittedAt: days(2) })),
    ).toBe(true);
    expect(scorer.cannotBeLikely(earlier, manhole({ submittedAt: days(2) }))).toBe(false);
  });

  it("never include a pair the scorer finds likely (the developer's pairs)", async () => {
    const pairs = (await readFile(DEV_PAIRS, "utf8")).split("\n").filter((line) => line.trim());
    const facts = (c: LabelledCase): DuplicateFacts => ({
      ...c,
      point: c.lat !== null && c.lng !== null ? { latitude: c.lat, longitude: c.lng } : null,
      submittedAt: new Date(c.submittedAt),
    });
    let likely = 0;

    for (const line of pairs) {
      const pair = JSON.parse(line) as { a: LabelledCase; b: LabelledCase };
      const [earlier, later] = [facts(pair.a), facts(pair.b)].sort(
        (x, y) => x.submittedAt.getTime() - y.submittedAt.getTime(),
      );
      if (scorer.compare(scorer.prepare(earlier!), scorer.prepare(later!)).verdict !== "likely")
        continue;
      likely++;
      expect(scorer.cannotBeLikely(earlier!, later!)).toBe(false);
    }
    expect(likely).toBeGreaterThan(5);
  });
});

describe("candidates the read side selects before scoring", () => {
  it("are the window's cases near the position, naming the same spots, or of the same citizen", () => {
    const subject = complaint({
      text: "人民路与七一路交叉口的井盖没了",
      point: CROSSING,
      citizen: "c-42",
      submittedAt: days(0),
    });

    const criteria = candidateCriteria(subject);

    expect(criteria.from).toEqual(days(-60));
    expect(criteria.to).toEqual(days(60));
    expect(criteria.citizenFrom).toEqual(days(-90));
    expect(criteria.box!.minLatitude).toBeLessThan(CROSSING.latitude);
    expect(criteria.box!.maxLongitude).toBeGreaterThan(CROSSING.longitude);
  });
});
