import { describe, expect, it } from "vitest";
import {
  ratingsOf,
  resolutionRate,
  responseRate,
  satisfactionRate,
  type Rating,
} from "../../../src/domain/lifecycle/rates.ts";
import { at, categories, hoursAfter, submitted } from "./fixtures.ts";

const t0 = at("2025-03-03 09:00");
const routed = (hours: number, options: Parameters<typeof submitted>[0] = {}) => ({
  ...submitted({ at: t0, ...options }),
  decidedAt: hoursAfter(t0, hours),
});

describe("the response rate (响应率)", () => {
  it("is the share of routed cases routed within their dispatch target", () => {
    const cases = [
      routed(0.5, { isEmergency: true }), // within 1 h
      routed(1.5, { isEmergency: true }), // late
      routed(1.5, { category: categories.utilities }), // within 2 h
      routed(23), // within 24 h
      submitted({ at: t0 }), // not routed yet: not counted
    ];
    expect(responseRate(cases)).toEqual({ numerator: 3, denominator: 4, value: 0.75 });
  });

  it("is null, not zero, when nothing was routed", () => {
    expect(responseRate([submitted()])).toEqual({ numerator: 0, denominator: 0, value: null });
  });
});

describe("the resolution and satisfaction rates", () => {
  const ratings: Rating[] = [
    { solved: true, satisfaction: "satisfied" },
    { solved: true, satisfaction: "basically_satisfied" },
    { solved: false, satisfaction: "basically_satisfied" },
    { solved: false, satisfaction: "dissatisfied" },
  ];

  it("解决率 is the share of ratings that say solved", () => {
    expect(resolutionRate(ratings)).toEqual({ numerator: 2, denominator: 4, value: 0.5 });
  });

  it("满意率 counts 满意 and 基本满意", () => {
    expect(satisfactionRate(ratings)).toEqual({ numerator: 3, denominator: 4, value: 0.75 });
  });

  it("are null when nobody rated", () => {
    expect(resolutionRate([]).value).toBeNull();
    expect(satisfactionRate([]).value).toBeNull();
  });

  it("read the ratings off the cases that have one", () => {
    const rated = { ...submitted(), solved: true, satisfaction: "satisfied" as const };
    expect(ratingsOf([rated, submitted()])).toEqual([{ solved: true, satisfaction: "satisfied" }]);
  });
});
