import { describe, expect, it } from "vitest";
import type { CaseStatus } from "../../../src/domain/lifecycle/case-status.ts";
import { citizenOptions } from "../../../src/domain/lifecycle/citizen-options.ts";
import { at, calendar } from "./fixtures.ts";

const answeredAt = at("2026-12-01 15:00");
const answered = {
  status: "answered",
  answeredAt,
  ratedAt: null,
  reviewStage: 0,
  requestKind: "complaint",
} as const;

describe("what a citizen may still do with an answer", () => {
  it("rates an unrated answer and asks for 复查 until 30 days after it", () => {
    const options = citizenOptions(answered, at("2026-12-31 12:00"), calendar);
    expect(options.mayRate).toBe(true);
    expect(options.review).toEqual({ stage: 1, until: new Date("2026-12-31T23:59:59.999+08:00") });
    expect(citizenOptions(answered, at("2027-01-01 00:00"), calendar).review).toBeNull();
  });

  it("rates once per answer: a rating older than the answer does not count", () => {
    const rated = { ...answered, ratedAt: at("2026-12-02 09:00") };
    expect(citizenOptions(rated, at("2026-12-03 09:00"), calendar).mayRate).toBe(false);
    const ratedBefore = { ...answered, ratedAt: at("2026-11-20 09:00") };
    expect(citizenOptions(ratedBefore, at("2026-12-03 09:00"), calendar).mayRate).toBe(true);
  });

  it("offers 复核 after the 复查 opinion, and nothing after the 复核 opinion", () => {
    const now = at("2026-12-03 09:00");
    expect(citizenOptions({ ...answered, reviewStage: 1 }, now, calendar).review?.stage).toBe(2);
    expect(citizenOptions({ ...answered, reviewStage: 2 }, now, calendar).review).toBeNull();
  });

  it("offers nothing while a review is handled, or for a case never answered", () => {
    const now = at("2026-12-03 09:00");
    const underReview = citizenOptions(
      { ...answered, status: "under_review", reviewStage: 1 },
      now,
      calendar,
    );
    expect(underReview).toMatchObject({ mayRate: false, review: null });
    const closed = {
      status: "closed",
      answeredAt: null,
      ratedAt: null,
      reviewStage: 0,
      requestKind: "complaint",
    } as const;
    expect(citizenOptions(closed, now, calendar)).toEqual({
      mayUrge: false,
      mayRate: false,
      review: null,
      reviewWindowEndsAt: null,
    });
  });

  it("offers 催办 while the clerks or a unit hold the case, never once it is answered or over", () => {
    const now = at("2026-12-03 09:00");
    const urgeable = (statuses: readonly CaseStatus[]) => statuses.map(mayUrge);
    const mayUrge = (status: CaseStatus) =>
      citizenOptions({ ...answered, status }, now, calendar).mayUrge;
    expect(urgeable(["submitted", "returned", "in_progress", "under_review"])).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(urgeable(["answered", "closed", "withdrawn", "not_accepted"])).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
