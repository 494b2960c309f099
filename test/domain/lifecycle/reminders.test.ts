import { describe, expect, it } from "vitest";
import {
  dueAlerts,
  nextAlertAt,
  runningClock,
  type AlertHistory,
} from "../../../src/domain/lifecycle/reminders.ts";
import { at, caseIn, citizen, handlerOf, housing, step, submitted } from "./fixtures.ts";

const never = { lastReminderAt: null, lastEscalationAt: null };

// The in-progress case of the fixtures was accepted on 3 March 2025; handling is due 6 May 2025.
const inProgress = caseIn("in_progress").case;

describe("the clock a case runs on", () => {
  it("is the acceptance decision while submitted, held by the clerks", () => {
    expect(runningClock(submitted())).toMatchObject({
      clock: "acceptance",
      holder: { kind: "clerks" },
    });
  });

  it("is the handling period while a unit has it", () => {
    expect(runningClock(inProgress)).toEqual({
      clock: "handling",
      dueAt: new Date("2025-05-06T23:59:59.999+08:00"),
      holder: { kind: "unit", unitId: housing.id },
    });
  });

  it("is the handling period, held by the clerks, once the unit returned it", () => {
    expect(runningClock(caseIn("returned").case)).toMatchObject({
      clock: "handling",
      holder: { kind: "clerks" },
    });
  });

  it("is the review period under review", () => {
    expect(runningClock(caseIn("under_review").case)?.clock).toBe("review");
  });

  it("stops once the case is answered, closed or has ended", () => {
    for (const status of ["answered", "closed", "not_accepted", "merged", "withdrawn"] as const) {
      expect(runningClock(caseIn(status).case), status).toBeNull();
    }
  });
});

/** The in-progress case after the unit's extension on 4 May (due 3 June). */
const extendedCase = () =>
  step(
    inProgress,
    { type: "extend", days: 30, reason: "需要联合调查" },
    handlerOf(housing),
    at("2025-05-04 09:00"),
  );

describe("a reminder to the unit", () => {
  it("is not due before the third day before the due date", () => {
    expect(dueAlerts(inProgress, never, at("2025-05-02 23:59"))).toEqual([]);
  });

  it("is due from the start of the third day before the due date", () => {
    expect(dueAlerts(inProgress, never, at("2025-05-03 00:00"))).toEqual([
      {
        kind: "reminder",
        clock: "handling",
        dueAt: inProgress.handlingDueAt,
        to: { kind: "unit", unitId: housing.id },
      },
    ]);
  });

  it("is sent once", () => {
    const history = { lastReminderAt: at("2025-05-03 08:00"), lastEscalationAt: null };
    expect(dueAlerts(inProgress, history, at("2025-05-05 08:00"))).toEqual([]);
  });

  it("is sent again for the new due date after an extension", () => {
    const extended = extendedCase();
    const history = { lastReminderAt: at("2025-05-03 08:00"), lastEscalationAt: null };
    expect(dueAlerts(extended, history, at("2025-05-20 08:00"))).toEqual([]);
    expect(dueAlerts(extended, history, at("2025-05-31 08:00"))).toMatchObject([
      { kind: "reminder", dueAt: new Date("2025-06-03T23:59:59.999+08:00") },
    ]);
  });

  it("goes to the clerks while they hold the case", () => {
    const fresh = submitted({ at: at("2025-03-03 09:00") });
    expect(dueAlerts(fresh, never, at("2025-03-15 09:00"))).toMatchObject([
      { kind: "reminder", clock: "acceptance", to: { kind: "clerks" } },
    ]);
  });
});

describe("an overdue case", () => {
  it("is escalated to the clerks the day after its due date", () => {
    expect(dueAlerts(inProgress, never, at("2025-05-07 00:01"))).toEqual([
      {
        kind: "escalation",
        clock: "handling",
        dueAt: inProgress.handlingDueAt,
        overdueDays: 1,
        to: { kind: "clerks" },
      },
    ]);
  });

  it("is escalated once a day, Shanghai time", () => {
    const history = { lastReminderAt: null, lastEscalationAt: at("2025-05-07 09:00") };
    expect(dueAlerts(inProgress, history, at("2025-05-07 23:59"))).toEqual([]);
    expect(dueAlerts(inProgress, history, at("2025-05-08 00:30"))).toMatchObject([
      { kind: "escalation", overdueDays: 2 },
    ]);
  });

  it("is no longer escalated once it moves on", () => {
    const answered = step(
      inProgress,
      { type: "answer", outcome: "support", text: "已解决。" },
      handlerOf(housing),
      at("2025-05-09 10:00"),
    );
    expect(dueAlerts(answered, never, at("2025-05-10 10:00"))).toEqual([]);
  });

  it("under review is escalated on the review deadline", () => {
    const { case: reviewed } = caseIn("under_review");
    const alerts = dueAlerts(reviewed, never, new Date(reviewed.reviewDueAt!.getTime() + 1));
    expect(alerts).toMatchObject([{ kind: "escalation", clock: "review" }]);
  });

  it("a withdrawn case has nothing due", () => {
    const withdrawn = step(inProgress, { type: "withdraw" }, citizen, at("2025-05-09 10:00"));
    expect(dueAlerts(withdrawn, never, at("2025-06-01 10:00"))).toEqual([]);
  });
});

describe("the next alert time the scheduler waits for", () => {
  const MINUTE = 60_000;
  /** Nothing is due a minute before `nextAlertAt`; something is due at it. */
  function expectFirstAlertAt(subject: typeof inProgress, history: AlertHistory, expected: Date) {
    const next = nextAlertAt(subject, history);
    expect(next).toEqual(expected);
    expect(dueAlerts(subject, history, new Date(expected.getTime() - MINUTE))).toEqual([]);
    expect(dueAlerts(subject, history, expected)).not.toEqual([]);
  }

  it("is the opening of the reminder window before any alert", () => {
    expectFirstAlertAt(inProgress, never, at("2025-05-03 00:00"));
  });

  it("is just past the due date once reminded", () => {
    const history = { lastReminderAt: at("2025-05-03 08:00"), lastEscalationAt: null };
    expectFirstAlertAt(inProgress, history, new Date(inProgress.handlingDueAt!.getTime() + 1));
  });

  it("is the next Shanghai day once escalated", () => {
    const history = {
      lastReminderAt: at("2025-05-03 08:00"),
      lastEscalationAt: at("2025-05-07 09:00"),
    };
    expectFirstAlertAt(inProgress, history, at("2025-05-08 00:00"));
  });

  it("is the next Shanghai day once escalated, even if no reminder was ever sent", () => {
    const history = { lastReminderAt: null, lastEscalationAt: at("2025-05-07 09:00") };
    expectFirstAlertAt(inProgress, history, at("2025-05-08 00:00"));
  });

  it("starts over for the new due date after an extension", () => {
    const extended = extendedCase();
    const history = { lastReminderAt: at("2025-05-03 08:00"), lastEscalationAt: null };
    expectFirstAlertAt(extended, history, at("2025-05-31 00:00"));
  });

  it("is none once the case runs on no clock", () => {
    expect(nextAlertAt(caseIn("answered").case, never)).toBeNull();
  });
});
