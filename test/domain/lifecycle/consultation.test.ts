/**
 * A consultation (咨询: "新农合一年交多少钱，在哪交") runs the lifecycle of any case — the clerk's
 * one tap routes it (accept + assign) — but its answer is due 5 working days after acceptance,
 * not 60 days, and is never extended. Its answer is no 处理意见 to review: 复查 is neither offered
 * nor accepted, and the citizen unhappy with it is told they may file the matter as a complaint.
 */
import { describe, expect, it } from "vitest";
import { isAppError } from "../../../src/errors.ts";
import type { Case } from "../../../src/domain/lifecycle/case.ts";
import { citizenOptions } from "../../../src/domain/lifecycle/citizen-options.ts";
import { handlingDeadline } from "../../../src/domain/lifecycle/deadlines.ts";
import { decide } from "../../../src/domain/lifecycle/transitions.ts";
import { at, calendar, citizen, clerk, handlerOf, housing, step, submitted } from "./fixtures.ts";

/** Asked on Monday 3 March 2025, routed an hour later. */
function routedConsultation(): Case {
  const asked = submitted({ at: at("2025-03-03 09:00"), requestKind: "consultation" });
  return step(asked, { type: "route", unit: housing }, clerk, at("2025-03-03 10:00"));
}

/** Started by the unit the next morning. */
function inProgress(): Case {
  return step(routedConsultation(), { type: "start" }, handlerOf(housing), at("2025-03-04 09:00"));
}

function answered(): Case {
  return step(
    inProgress(),
    { type: "answer", outcome: "explain", text: "新农合今年每人每年380元，在村卫生室或手机上交。" },
    handlerOf(housing),
    at("2025-03-05 15:00"),
  );
}

function refusal(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    expect(isAppError(error, "case.illegal_transition")).toBe(true);
    return (error as { userMessageKey?: string }).userMessageKey;
  }
  throw new Error("expected a refusal");
}

describe("the answer to a consultation", () => {
  it("is due 5 working days after acceptance, the clerk's one-tap route unchanged", () => {
    const routed = routedConsultation();
    expect(routed).toMatchObject({ status: "assigned", unitId: housing.id });
    // Tue 4, Wed 5, Thu 6, Fri 7, Mon 10 March.
    expect(routed.handlingDueAt).toEqual(new Date("2025-03-10T23:59:59.999+08:00"));
  });

  it("skips the weekend and the holidays: asked before 国庆, due after it", () => {
    // Accepted Sunday 28 September 2025 (a 调休 working day): 29, 30 September, then 9, 10, 11 October.
    const due = handlingDeadline(calendar, at("2025-09-28 10:00"), "consultation");
    expect(due.date).toBe("2025-10-11");
  });

  it("of a complaint stays 60 days", () => {
    expect(handlingDeadline(calendar, at("2025-06-10 10:00"), "complaint").date).toBe("2025-08-11");
  });

  it("is not extended", () => {
    const extend = () =>
      decide(
        routedConsultation(),
        { type: "extend", days: 10, reason: "需要请示" },
        handlerOf(housing),
        at("2025-03-04 10:00"),
        calendar,
      );
    expect(refusal(extend)).toBe("case.consultation_not_extended");
  });
});

describe("a citizen unhappy with the answer to a consultation", () => {
  it("is told they may file the matter as a complaint, not that they may ask for 复查", () => {
    const decision = decide(
      inProgress(),
      { type: "answer", outcome: "explain", text: "每人每年380元。" },
      handlerOf(housing),
      at("2025-03-05 15:00"),
      calendar,
    );
    expect(decision.notifications[0]).toMatchObject({
      kind: "answered",
      nextStep: "may_file_complaint",
      details: { consultation: true },
    });
  });

  it("is offered no review, though the answer may be rated", () => {
    const options = citizenOptions(answered(), at("2025-03-06 09:00"), calendar);
    expect(options).toEqual({
      mayUrge: false,
      mayRate: true,
      review: null,
      reviewWindowEndsAt: null,
    });
  });

  it("cannot ask for 复查", () => {
    const review = () =>
      decide(answered(), { type: "request_review" }, citizen, at("2025-03-06 09:00"), calendar);
    expect(refusal(review)).toBe("case.consultation_not_reviewed");
  });
});
