import { describe, expect, it } from "vitest";
import {
  caseClassFor,
  mayAssignTo,
  visibleToUnit,
} from "../../../src/domain/lifecycle/case-class.ts";
import {
  at,
  categories,
  caseIn,
  clerk,
  discipline,
  housing,
  step,
  submitted,
  transport,
} from "./fixtures.ts";

describe("the class of a case", () => {
  it("comes from its category", () => {
    expect(caseClassFor(categories.discipline)).toBe("report");
    expect(caseClassFor(categories.other)).toBe("suggestion");
    expect(submitted({ category: categories.housing }).caseClass).toBe("request");
  });
});

describe("a report against officials (检举控告)", () => {
  const report = step(
    submitted({ category: categories.discipline }),
    { type: "route", unit: discipline },
    clerk,
    at("2025-03-03 10:00"),
  );

  it("may be assigned to the discipline body only", () => {
    expect(mayAssignTo(report, discipline)).toBe(true);
    expect(mayAssignTo(report, housing)).toBe(false);
  });

  it("is visible to the discipline body it is with", () => {
    expect(visibleToUnit(report, discipline)).toBe(true);
  });

  it("is never visible to the unit it is about", () => {
    expect(visibleToUnit(report, housing)).toBe(false);
  });

  it("stays hidden even if its unitId pointed at another department", () => {
    const misfiled = { ...report, unitId: housing.id };
    expect(visibleToUnit(misfiled, housing)).toBe(false);
  });
});

describe("any other case", () => {
  it("is visible to the unit it is with, and to no other", () => {
    const { case: assigned } = caseIn("assigned");
    expect(visibleToUnit(assigned, housing)).toBe(true);
    expect(visibleToUnit(assigned, transport)).toBe(false);
  });

  it("is no longer visible to a unit that returned it", () => {
    const { case: returned } = caseIn("returned");
    expect(visibleToUnit(returned, transport)).toBe(false);
  });
});
