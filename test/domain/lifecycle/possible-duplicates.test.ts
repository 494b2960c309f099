/**
 * The possible duplicates of a page of cases: the likely ones only, the likeliest first, and
 * each case's text weighed once however many pairs it is part of.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  possibleDuplicates,
  preparedCases,
  type DuplicateCandidate,
} from "../../../src/domain/lifecycle/possible-duplicates.ts";
import type { DuplicateFacts, DuplicateScorer } from "../../../src/domain/places/duplicates.ts";
import { demoScorer } from "../places/scorer.ts";

let scorer: DuplicateScorer;

beforeAll(async () => {
  scorer = await demoScorer();
});

const CROSSING = { latitude: 33.6251, longitude: 114.659 };
const days = (n: number) => new Date(Date.parse("2026-05-04T09:00:00+08:00") + n * 86_400_000);

function reported(trackingNo: string, facts: Partial<DuplicateFacts>): DuplicateCandidate {
  return {
    trackingNo,
    status: "submitted",
    facts: {
      text: "工农路和莲花路口的井盖丢了，晚上看不见。",
      category: "municipal",
      region: "chuanhui",
      address: null,
      point: CROSSING,
      submittedAt: days(0),
      citizen: `citizen-${trackingNo}`,
      ...facts,
    },
  };
}

/** The scorer, counting the cases it prepares by their text. */
function countingPreparations(inner: DuplicateScorer) {
  const counts = new Map<string, number>();
  const scorer: DuplicateScorer = {
    ...inner,
    prepare: (facts) => {
      counts.set(facts.text, (counts.get(facts.text) ?? 0) + 1);
      return inner.prepare(facts);
    },
  };
  return { scorer, counts };
}

describe("possible duplicates of a page of cases", () => {
  it("lists the same problem at the same spot, not another problem there", () => {
    const first = reported("A1", {});
    const lamp = reported("A2", { text: "工农路和莲花路口的路灯不亮了", submittedAt: days(1) });
    const again = reported("A3", { text: "路口有个井没盖子，差点摔倒", submittedAt: days(2) });

    const found = possibleDuplicates(scorer, first, [lamp, again]);

    expect(found.map((duplicate) => duplicate.trackingNo)).toEqual(["A3"]);
  });

  it("weighs each case's text once, a subject that is another's candidate included", () => {
    const { scorer: counting, counts } = countingPreparations(scorer);
    const cases = ["B1", "B2", "B3"].map((no, i) =>
      reported(no, { text: `工农路和莲花路口的井盖丢了${i}`, submittedAt: days(i) }),
    );
    const prepared = preparedCases(counting);

    for (const subject of cases) possibleDuplicates(counting, subject, cases, prepared);

    expect([...counts.values()]).toEqual([1, 1, 1]);
  });

  it("never weighs the text of a candidate its columns keep apart (another category)", () => {
    const { scorer: counting, counts } = countingPreparations(scorer);
    const subject = reported("C1", {});
    const otherCategory = reported("C2", { text: "路口的井盖丢了", category: "transport" });

    const found = possibleDuplicates(counting, subject, [otherCategory]);

    expect(found).toEqual([]);
    expect(counts.size).toBe(0);
  });
});
