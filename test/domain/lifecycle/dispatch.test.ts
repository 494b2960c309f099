import { describe, expect, it } from "vitest";
import { dispatchStatus, dispatchTarget } from "../../../src/domain/lifecycle/dispatch.ts";
import { at, categories, caseIn, citizen, clerk, hoursAfter, step, submitted } from "./fixtures.ts";

const submittedAt = at("2025-03-03 09:00");

describe("the dispatch target", () => {
  it("is 1 hour for an emergency, whatever its category", () => {
    expect(
      dispatchTarget(submitted({ isEmergency: true, category: categories.utilities })),
    ).toEqual({ kind: "emergency", ms: 3_600_000 });
  });

  it("is 2 hours for water, power, gas and heating", () => {
    expect(dispatchTarget(submitted({ category: categories.utilities })).kind).toBe("utilities");
  });

  it("is 24 hours otherwise", () => {
    expect(dispatchTarget(submitted())).toEqual({ kind: "standard", ms: 24 * 3_600_000 });
  });

  it("follows the operator's list of utility categories", () => {
    const policy = { utilityCategoryCodes: ["housing"], atRiskShare: 0.75 };
    expect(dispatchTarget(submitted(), policy).kind).toBe("utilities");
  });
});

describe("the dispatch status", () => {
  it("of a case decided within its target is on time", () => {
    const decided = step(
      submitted({ isEmergency: true }),
      { type: "accept" },
      clerk,
      at("2025-03-03 09:59"),
    );
    expect(dispatchStatus(decided, at("2025-03-05 09:00"))).toMatchObject({
      state: "on_time",
      decided: true,
      elapsedMs: 59 * 60_000,
    });
  });

  it("of a case decided after its target is late, for good", () => {
    const decided = step(
      submitted({ isEmergency: true }),
      { type: "accept" },
      clerk,
      at("2025-03-03 10:01"),
    );
    expect(dispatchStatus(decided, at("2025-03-05 09:00"))?.state).toBe("late");
  });

  it("of a refusal counts too: it is a routing decision", () => {
    const refused = step(
      submitted(),
      { type: "not_accept", reason: "属于诉讼事项", channel: "court" },
      clerk,
      at("2025-03-03 12:00"),
    );
    expect(dispatchStatus(refused, at("2025-03-05 09:00"))?.state).toBe("on_time");
  });

  it("of an undecided case turns at risk after three quarters of its target, then late", () => {
    const waiting = submitted({ at: submittedAt, category: categories.utilities });
    expect(dispatchStatus(waiting, hoursAfter(submittedAt, 1))?.state).toBe("on_time");
    expect(dispatchStatus(waiting, hoursAfter(submittedAt, 1.5))?.state).toBe("at_risk");
    expect(dispatchStatus(waiting, hoursAfter(submittedAt, 2.01))).toMatchObject({
      state: "late",
      decided: false,
      dueAt: hoursAfter(submittedAt, 2),
    });
  });

  it("is null for a case that left before a decision", () => {
    const withdrawn = step(submitted(), { type: "withdraw" }, citizen, at("2025-03-03 09:30"));
    expect(dispatchStatus(withdrawn, at("2025-03-05 09:00"))).toBeNull();
    expect(dispatchStatus(caseIn("merged").case, at("2025-03-05 09:00"))).toBeNull();
  });
});
