import { describe, expect, it } from "vitest";
import { addDays, localDateOf, startOfLocalDay } from "../../../src/domain/calendar.ts";
import { isAppError } from "../../../src/errors.ts";
import type { GroupComplaint } from "../../../src/domain/group-complaint.ts";
import type { Actor } from "../../../src/domain/lifecycle/actor.ts";
import { applyChanges, type Case, type CaseContact } from "../../../src/domain/lifecycle/case.ts";
import { CASE_STATUSES, type CaseStatus } from "../../../src/domain/lifecycle/case-status.ts";
import type { CaseCommand, CommandType } from "../../../src/domain/lifecycle/commands.ts";
import {
  MAX_ANSWER_CHARS,
  TimelineFactSchema,
  type TimelineEntry,
} from "../../../src/domain/lifecycle/timeline.ts";
import { runningClock } from "../../../src/domain/lifecycle/reminders.ts";
import { dispatchStatus } from "../../../src/domain/lifecycle/dispatch.ts";
import {
  allowedCommands,
  decide,
  mayReassignTo,
  offeredCommands,
  RUNNING_STATUSES,
  TRANSITION_RULES,
} from "../../../src/domain/lifecycle/transitions.ts";
import {
  at,
  calendar,
  caseIn,
  categories,
  citizen,
  clerk,
  discipline,
  handlerOf,
  housing,
  hoursAfter,
  step,
  submitted,
  system,
  transport,
} from "./fixtures.ts";

/** A well-formed command of each type, so that only status and actor decide legality. */
function sampleCommand(type: CommandType, subject: Case): CaseCommand {
  const clock = runningClock(subject)?.clock ?? "handling";
  const commands: { [K in CommandType]: Extract<CaseCommand, { type: K }> } = {
    accept: { type: "accept" },
    route: { type: "route", unit: housing },
    not_accept: { type: "not_accept", reason: "属于仲裁事项", channel: "arbitration" },
    assign: { type: "assign", unit: housing },
    reassign: { type: "reassign", unit: transport },
    merge: { type: "merge", into: { trackingNo: "ZK-20250301-0007", status: "accepted" } },
    recategorize: { type: "recategorize", category: categories.utilities },
    set_class: { type: "set_class", caseClass: "suggestion" },
    set_urgency: { type: "set_urgency", urgent: true, reason: "电话核实：坑有半米深，夜里看不见" },
    set_region: {
      type: "set_region",
      regionCode: "fugou",
      routing: { unitId: "housing_construction.fugou", flagged: false },
    },
    close: { type: "close" },
    start: { type: "start" },
    report_progress: { type: "report_progress", note: "已派人到现场查看。" },
    return: { type: "return", reason: "不属于本单位职责" },
    extend: { type: "extend", days: 15, reason: "需要现场勘验" },
    answer: { type: "answer", outcome: "explain", text: "经核实，情况如下。" },
    withdraw: { type: "withdraw" },
    supplement: {
      type: "supplement",
      text: "井盖旁边还有个大坑",
      photoIds: [],
      contact: null,
      group: null,
    },
    urge: { type: "urge", text: "能不能快点", photoIds: [], contact: null, group: null },
    change_contact: {
      type: "change_contact",
      phone: "13712345678",
      holder: null,
      current: { anonymous: false, name: "李秀英", phone: "13812345678" },
    },
    request_review: { type: "request_review" },
    rate: { type: "rate", solved: true, satisfaction: "satisfied" },
    comment_on_answer: { type: "comment_on_answer", text: "他们根本没来俺家看过" },
    remind: { type: "remind", clock },
    escalate: { type: "escalate", clock },
    follow_up_answer: { type: "follow_up_answer" },
  };
  return commands[type];
}

function sampleActor(type: CommandType, subject: Case): Actor {
  const kind = TRANSITION_RULES[type].by[0];
  if (kind === "handler") return handlerOf({ id: subject.unitId ?? "none", department: "x" });
  return kind === "citizen" ? citizen : kind === "clerk" ? clerk : system;
}

/** The case a command is tried on: the follow-up is tried on an answer that promised a day. */
function sampleSubject(type: CommandType, subject: Case): Case {
  if (type !== "follow_up_answer" || subject.answeredAt === null) return subject;
  const promisedBy = localDateOf(subject.answeredAt);
  const followUpAt = startOfLocalDay(addDays(promisedBy, 1));
  return applyChanges(subject, { answerPromisedBy: promisedBy, followUpAt });
}

function sampleTime(type: CommandType, subject: Case, now: Date): Date {
  if (type === "follow_up_answer") return subject.followUpAt ?? now;
  if (type !== "escalate") return now;
  const running = runningClock(subject);
  return running === null ? now : hoursAfter(running.dueAt, 24);
}

/** The code of the error `decide` refuses `command` with; a command it decides fails the test. */
function refusal(subject: Case, command: CaseCommand, actor: Actor, now: Date): string {
  const error = thrown(() => decide(subject, command, actor, now, calendar));
  if (!isAppError(error)) throw error;
  return error.code;
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

const COMMAND_TYPES = Object.keys(TRANSITION_RULES) as CommandType[];

describe("the transition table", () => {
  for (const status of CASE_STATUSES) {
    describe(`a case that is ${status}`, () => {
      const given = caseIn(status);
      for (const type of COMMAND_TYPES) {
        const legal = TRANSITION_RULES[type].from.includes(status);
        it(`${legal ? "accepts" : "refuses"} ${type}`, () => {
          const subject = sampleSubject(type, given.case);
          const run = () =>
            decide(
              subject,
              sampleCommand(type, subject),
              sampleActor(type, subject),
              sampleTime(type, subject, given.now),
              calendar,
            );
          if (legal) {
            expect(run().timeline.length).toBeGreaterThan(0);
          } else {
            const error = thrown(run);
            expect(isAppError(error, "case.illegal_transition")).toBe(true);
            expect((error as Error).message).toContain(`cannot ${type} a case that is ${status}`);
          }
        });
      }
    });
  }

  it("gives each command to one set of roles only", () => {
    for (const type of COMMAND_TYPES) {
      const status = TRANSITION_RULES[type].from[0]!;
      const subject = caseIn(status).case;
      for (const actor of [citizen, clerk, system, handlerOf(housing)]) {
        if (TRANSITION_RULES[type].by.includes(actor.kind)) continue;
        expect(
          refusal(subject, sampleCommand(type, subject), actor, caseIn(status).now),
          `${actor.kind} ${type}`,
        ).toBe("auth.forbidden");
      }
    }
  });

  it("lists the commands an actor may give now", () => {
    const { case: subject } = caseIn("in_progress");
    expect(allowedCommands(subject, handlerOf(housing)).sort()).toEqual(
      ["answer", "extend", "report_progress", "return"].sort(),
    );
    expect(allowedCommands(subject, handlerOf(transport))).toEqual([]);
    expect(allowedCommands(subject, citizen)).toEqual([
      "withdraw",
      "supplement",
      "urge",
      "change_contact",
    ]);
    expect(allowedCommands(subject, clerk).sort()).toEqual([
      "merge",
      "reassign",
      "set_region",
      "set_urgency",
    ]);
  });

  it("offers a unit no extension once it had its one, nor once the handling deadline passed", () => {
    const { case: subject, now } = caseIn("in_progress");
    const unit = handlerOf(housing);
    expect(offeredCommands(subject, unit, now)).toContain("extend");

    const extended = step(subject, { type: "extend", days: 10, reason: "需现场勘验" }, unit, now);
    expect(offeredCommands(extended, unit, now)).not.toContain("extend");
    // Accepted 3 March 2025: 60 days end on Friday 2 May, in the Labour Day holiday — due 6 May.
    expect(offeredCommands(subject, unit, at("2025-05-06 17:00"))).toContain("extend");
    expect(offeredCommands(subject, unit, at("2025-05-07 09:00"))).not.toContain("extend");
    expect(offeredCommands(subject, unit, now)).toEqual(allowedCommands(subject, unit));
  });

  it("offers a unit no return after its 5 working days", () => {
    // Assigned Monday 29 September 2025: the window ends Monday 13 October (National Day).
    let subject = submitted({ at: at("2025-09-29 09:00") });
    subject = step(subject, { type: "route", unit: housing }, clerk, at("2025-09-29 10:00"));
    const unit = handlerOf(housing);
    expect(offeredCommands(subject, unit, at("2025-10-13 17:30"))).toContain("return");
    expect(offeredCommands(subject, unit, at("2025-10-14 09:00"))).not.toContain("return");
    expect(offeredCommands(subject, unit, at("2025-10-14 09:00"))).toContain("report_progress");
  });
});

describe("every decision", () => {
  it("records who did what, when, from which status to which", () => {
    const { case: subject, now } = caseIn("submitted");
    const decision = decide(subject, { type: "accept" }, clerk, now, calendar);
    expect(decision.timeline).toEqual([
      {
        kind: "accepted",
        data: null,
        actor: { kind: "clerk", id: "clerk-1" },
        at: now,
        note: null,
        fromStatus: "submitted",
        toStatus: "accepted",
      },
    ]);
  });

  it("tells the citizen in data, not in words: kind, status, next step and due date", () => {
    const { case: subject, now } = caseIn("submitted");
    const decision = decide(subject, { type: "accept" }, clerk, now, calendar);
    expect(decision.notifications).toEqual([
      {
        to: { kind: "citizen" },
        kind: "accepted",
        trackingNo: subject.trackingNo,
        status: "accepted",
        nextStep: "await_answer",
        dueAt: decision.changes.handlingDueAt,
        dueDate: "2025-05-06",
        details: {},
      },
    ]);
  });

  it("tells the citizen of a routed case which unit has it", () => {
    const { case: subject, now } = caseIn("submitted");
    const decision = decide(subject, { type: "route", unit: housing }, clerk, now, calendar);
    expect(decision.notifications).toContainEqual(
      expect.objectContaining({
        to: { kind: "citizen" },
        kind: "accepted",
        details: { unitId: housing.id },
      }),
    );
  });

  it("never reads the clock: the same inputs give the same decision", () => {
    const { case: subject, now } = caseIn("submitted");
    const command: CaseCommand = { type: "route", unit: housing };
    expect(decide(subject, command, clerk, now, calendar)).toEqual(
      decide(subject, command, clerk, now, calendar),
    );
  });
});

describe("the timeline, as data", () => {
  /** The timeline entries `type` writes for a case in `status`, or [] where it is not legal. */
  function entriesOf(type: CommandType, status: CaseStatus): readonly TimelineEntry[] {
    const { case: subject, now } = caseIn(status);
    try {
      const command = sampleCommand(type, subject);
      const actor = sampleActor(type, subject);
      const decision = decide(subject, command, actor, sampleTime(type, subject, now), calendar);
      return [...decision.timeline, ...decision.linked.map((l) => l.entry)];
    } catch {
      return [];
    }
  }
  const WORDS = [
    "属于仲裁事项",
    "已派人到现场查看。",
    "不属于本单位职责",
    "需要现场勘验",
    "电话核实：坑有半米深，夜里看不见",
  ];

  it("gives every entry data that fits its kind, and notes only words a person wrote", () => {
    let written = 0;
    for (const type of COMMAND_TYPES) {
      for (const status of CASE_STATUSES) {
        for (const entry of entriesOf(type, status)) {
          const stored = TimelineFactSchema.encode(entry);
          expect(TimelineFactSchema.decode(stored)).toEqual({ kind: entry.kind, data: entry.data });
          if (entry.note !== null) expect(WORDS).toContain(entry.note);
          written++;
        }
      }
    }
    expect(written).toBeGreaterThan(50);
  });

  it("records the units of an assignment and a reassignment by id", () => {
    const { case: accepted, now } = caseIn("accepted");
    const assigned = decide(accepted, { type: "assign", unit: housing }, clerk, now, calendar);
    expect(assigned.timeline[0]).toMatchObject({ kind: "assigned", data: { unitId: housing.id } });

    const { case: inProgress } = caseIn("in_progress");
    const moved = decide(inProgress, { type: "reassign", unit: transport }, clerk, now, calendar);
    expect(moved.timeline[0]).toMatchObject({
      kind: "reassigned",
      data: { fromUnitId: housing.id, toUnitId: transport.id },
      note: null,
    });
  });

  it("records who returned a case, with the reason as the note", () => {
    const { case: subject, now } = caseIn("assigned");
    const decision = decide(
      subject,
      { type: "return", reason: "不属于本单位职责" },
      handlerOf(housing),
      now,
      calendar,
    );
    expect(decision.timeline[0]).toMatchObject({
      kind: "returned",
      data: { unitId: housing.id },
      note: "不属于本单位职责",
    });
  });

  it("records an extension's days and new deadline, with the reason as the note", () => {
    const { case: subject, now } = caseIn("in_progress");
    const decision = decide(
      subject,
      { type: "extend", days: 15, reason: "需要现场勘验" },
      handlerOf(housing),
      now,
      calendar,
    );
    expect(decision.timeline[0]).toMatchObject({
      kind: "extended",
      data: { days: 15, newDueAt: decision.changes.handlingDueAt },
      note: "需要现场勘验",
    });
  });

  it("records an answer's outcome and a review's stage", () => {
    const { case: subject, now } = caseIn("in_progress");
    const answer: CaseCommand = { type: "answer", outcome: "reject", text: "经核实，情况如下。" };
    const answered = step(subject, answer, handlerOf(housing), now);
    const review = decide(answered, { type: "request_review" }, citizen, now, calendar);
    expect(decide(subject, answer, handlerOf(housing), now, calendar).timeline[0]).toMatchObject({
      kind: "answered",
      data: { outcome: "reject" },
    });
    expect(review.timeline[0]).toMatchObject({ kind: "review_requested", data: { stage: 1 } });
  });

  it("takes an answer of up to MAX_ANSWER_CHARS characters, from any path, and refuses a longer one by name", () => {
    const { case: subject, now } = caseIn("in_progress");
    const answerOf = (length: number): CaseCommand => ({
      type: "answer",
      outcome: "support",
      text: "答".repeat(length),
    });
    const longest = decide(subject, answerOf(MAX_ANSWER_CHARS), handlerOf(housing), now, calendar);
    expect(longest.notifications[0]!.details.answerText).toHaveLength(MAX_ANSWER_CHARS);
    expect(() =>
      decide(subject, answerOf(MAX_ANSWER_CHARS + 1), handlerOf(housing), now, calendar),
    ).toThrow(
      expect.objectContaining({ code: "input.invalid", userMessageKey: "case.answer_too_long" }),
    );
  });

  it("records the unit proposed for a review, or that none was", () => {
    const { case: answered, now } = caseIn("answered");
    const higher = { id: "housing_construction.city", department: "housing_construction" };
    const proposed = decide(
      answered,
      { type: "request_review", reviewOrgan: higher },
      citizen,
      now,
      calendar,
    );
    const none = decide(answered, { type: "request_review" }, citizen, now, calendar);
    expect(proposed.timeline[0]).toMatchObject({
      kind: "review_requested",
      data: { stage: 1, proposedUnitId: "housing_construction.city" },
    });
    expect(none.timeline[0]).toMatchObject({ data: { stage: 1, proposedUnitId: null } });
    // The case stays with the unit that answered until a clerk routes the review.
    expect(proposed.changes.unitId).toBeUndefined();
  });

  it("keeps a unit's photos with its answer or progress report and sends them to the citizen", () => {
    const { case: subject, now } = caseIn("in_progress");
    const photo = (n: number) => n.toString(16).padStart(32, "0");
    const handler = handlerOf(housing);
    const answer = decide(
      subject,
      {
        type: "answer",
        outcome: "support",
        text: "已修复。",
        photoIds: [photo(1), photo(2), photo(1)],
      },
      handler,
      now,
      calendar,
    );
    expect(answer.timeline[0]).toMatchObject({
      kind: "answered",
      data: { outcome: "support", photoIds: [photo(1), photo(2)] },
    });
    expect(answer.notifications[0]!.details.photoIds).toEqual([photo(1), photo(2)]);
    const progress = decide(
      subject,
      { type: "report_progress", note: "正在施工。", photoIds: [photo(3)] },
      handler,
      now,
      calendar,
    );
    expect(progress.timeline[0]).toMatchObject({
      kind: "progress",
      data: { photoIds: [photo(3)] },
    });
    expect(progress.notifications[0]!.details).toMatchObject({ photoIds: [photo(3)] });
    // Without photos the entry is as it always was.
    const plain = decide(
      subject,
      { type: "report_progress", note: "正在施工。" },
      handler,
      now,
      calendar,
    );
    expect(plain.timeline[0]).toMatchObject({ kind: "progress", data: null });
    expect(() =>
      decide(
        subject,
        {
          type: "answer",
          outcome: "support",
          text: "已修复。",
          photoIds: Array.from({ length: 10 }, (_, n) => photo(n)),
        },
        handler,
        now,
        calendar,
      ),
    ).toThrow(/at most 9 photos/);
  });

  it("records a change of category or class as from and to", () => {
    const { case: subject, now } = caseIn("submitted");
    const recategorized = decide(
      subject,
      { type: "recategorize", category: categories.utilities },
      clerk,
      now,
      calendar,
    );
    expect(recategorized.timeline[0]?.data).toEqual({
      fromCategory: subject.categoryCode,
      toCategory: categories.utilities.code,
      fromClass: subject.caseClass,
      toClass: categories.utilities.class,
    });
    const reclassified = decide(
      subject,
      { type: "set_class", caseClass: "suggestion" },
      clerk,
      now,
      calendar,
    );
    expect(reclassified.timeline[0]?.data).toEqual({ from: subject.caseClass, to: "suggestion" });
  });

  it("records a rating, a reminder and an escalation with their values", () => {
    const { case: answered, now } = caseIn("answered");
    const rated = decide(
      answered,
      { type: "rate", solved: false, satisfaction: "dissatisfied" },
      citizen,
      now,
      calendar,
    );
    expect(rated.timeline[0]?.data).toEqual({ solved: false, satisfaction: "dissatisfied" });

    const { case: subject } = caseIn("in_progress");
    const reminded = decide(subject, { type: "remind", clock: "handling" }, system, now, calendar);
    expect(reminded.timeline[0]?.data).toEqual({ clock: "handling" });
    const escalated = decide(
      subject,
      { type: "escalate", clock: "handling" },
      system,
      at("2025-05-09 08:00"),
      calendar,
    );
    expect(escalated.timeline[0]?.data).toEqual({ clock: "handling", overdueDays: 3 });
  });
});

describe("a clerk deciding on a submitted case", () => {
  it("may accept it, which starts the 60-day handling clock", () => {
    const { case: subject, now } = caseIn("submitted");
    const { changes } = decide(subject, { type: "accept" }, clerk, now, calendar);
    expect(changes).toMatchObject({ status: "accepted", decidedAt: now, acceptedAt: now });
    // 60 days after 3 March 2025 is 2 May, inside the Labour Day holiday (1–5 May): due Tuesday 6 May.
    expect(changes.handlingDueAt).toEqual(new Date("2025-05-06T23:59:59.999+08:00"));
  });

  it("may accept and assign in one step (route), and the unit learns its return window", () => {
    const { case: subject, now } = caseIn("submitted");
    const decision = decide(subject, { type: "route", unit: housing }, clerk, now, calendar);
    expect(decision.changes).toMatchObject({
      status: "assigned",
      unitId: housing.id,
      decidedAt: now,
    });
    expect(decision.timeline.map((e) => [e.kind, e.fromStatus, e.toStatus])).toEqual([
      ["accepted", "submitted", "accepted"],
      ["assigned", "accepted", "assigned"],
    ]);
    expect(decision.notifications.map((n) => [n.to, n.kind])).toEqual([
      [{ kind: "citizen" }, "accepted"],
      [{ kind: "unit", unitId: housing.id }, "assigned"],
    ]);
    expect(decision.notifications[1]!.details.returnDueAt).toEqual(decision.changes.returnDueAt);
  });

  it("hands an emergency case over as urgent: the unit handles it first, the citizen is told so", () => {
    const { case: subject, now } = caseIn("submitted");
    const urgent = { ...subject, isEmergency: true };
    const routed = decide(urgent, { type: "route", unit: housing }, clerk, now, calendar);
    expect(routed.notifications.map((n) => [n.kind, n.details.urgent])).toEqual([
      ["accepted", true],
      ["assigned", true],
    ]);
    const ordinary = decide(subject, { type: "route", unit: housing }, clerk, now, calendar);
    expect(ordinary.notifications.map((n) => n.details.urgent)).toEqual([undefined, undefined]);
    const accepted = step(urgent, { type: "accept" }, clerk, now);
    const assign = { type: "assign", unit: housing } as const;
    expect(decide(accepted, assign, clerk, now, calendar).notifications[0]!.details.urgent).toBe(
      true,
    );
    const withHousing = step(accepted, assign, clerk, now);
    const reassign = { type: "reassign", unit: transport } as const;
    const reassigned = decide(withHousing, reassign, clerk, now, calendar);
    expect(reassigned.notifications.map((n) => [n.kind, n.details.urgent])).toEqual([
      ["assigned", true],
      ["unassigned", undefined],
      ["transferred", undefined],
    ]);
  });

  it("may refuse it, giving the reason and naming the procedure it belongs to", () => {
    const { case: subject, now } = caseIn("submitted");
    const decision = decide(
      subject,
      { type: "not_accept", reason: "  劳动争议应申请劳动仲裁  ", channel: "arbitration" },
      clerk,
      now,
      calendar,
    );
    expect(decision.changes).toEqual({
      status: "not_accepted",
      decidedAt: now,
      notAcceptedReason: "劳动争议应申请劳动仲裁",
      notAcceptedChannel: "arbitration",
    });
    expect(decision.notifications[0]).toMatchObject({
      kind: "not_accepted",
      nextStep: "use_other_channel",
      details: { reason: "劳动争议应申请劳动仲裁", channel: "arbitration" },
    });
  });

  it("must give a reason to refuse it", () => {
    const { case: subject, now } = caseIn("submitted");
    expect(refusal(subject, { type: "not_accept", reason: " ", channel: null }, clerk, now)).toBe(
      "input.invalid",
    );
  });

  it("may not accept again a matter that already went through 复核", () => {
    const earlier = { trackingNo: "ZK-20240105-0003", status: "closed", reviewStage: 2 } as const;
    const { case: subject, now } = caseIn("submitted");
    const error = thrown(() =>
      decide(subject, { type: "accept", sameMatterAs: earlier }, clerk, now, calendar),
    );
    expect(isAppError(error, "case.illegal_transition")).toBe(true);
    expect((error as { userMessageKey?: string }).userMessageKey).toBe("case.review_final");
    const afterFirstReview = { ...earlier, reviewStage: 1 } as const;
    expect(() =>
      decide(subject, { type: "accept", sameMatterAs: afterFirstReview }, clerk, now, calendar),
    ).not.toThrow();
  });

  it("may correct the category, and the class follows it, or override the class alone", () => {
    const { case: subject, now } = caseIn("submitted");
    const recategorized = step(
      subject,
      { type: "recategorize", category: categories.discipline },
      clerk,
      now,
    );
    expect(recategorized).toMatchObject({ categoryCode: "discipline", caseClass: "report" });
    const overridden = step(
      recategorized,
      { type: "set_class", caseClass: "suggestion" },
      clerk,
      now,
    );
    expect(overridden).toMatchObject({ categoryCode: "discipline", caseClass: "suggestion" });
  });
});

describe("a clerk correcting the region (属地)", () => {
  const toFugou: CaseCommand = {
    type: "set_region",
    regionCode: "fugou",
    routing: { unitId: "housing_construction.fugou", flagged: false },
  };

  it("records the region as the clerk's, from and to, as data", () => {
    const { case: subject, now } = caseIn("submitted");
    const decision = decide(subject, toFugou, clerk, now, calendar);
    expect(decision.changes).toEqual({ regionCode: "fugou", regionSource: "clerk" });
    expect(decision.timeline).toEqual([
      expect.objectContaining({
        kind: "region_changed",
        data: {
          fromRegion: "chuanhui",
          toRegion: "fugou",
          proposedUnitId: "housing_construction.fugou",
        },
        note: null,
        fromStatus: "submitted",
        toStatus: "submitted",
      }),
    ]);
    expect(decision.notifications).toEqual([]);
  });

  it("proposes the new region's unit again while the case waits for routing", () => {
    for (const status of ["submitted", "accepted", "returned"] as const) {
      const { case: subject, now } = caseIn(status);
      expect(decide(subject, toFugou, clerk, now, calendar).proposal).toEqual({
        regionCode: "fugou",
        unitId: "housing_construction.fugou",
        flagged: false,
      });
    }
  });

  it("leaves a routed case with its unit: the clerk reassigns it if need be", () => {
    for (const status of ["assigned", "in_progress", "under_review"] as const) {
      const { case: subject, now } = caseIn(status);
      const decision = decide(subject, toFugou, clerk, now, calendar);
      expect(decision.proposal).toBeNull();
      expect(decision.changes).toEqual({ regionCode: "fugou", regionSource: "clerk" });
      expect(decision.timeline[0]?.data).toMatchObject({ proposedUnitId: null });
    }
  });

  it("is a clerk's, on a running case, to another region than the case's", () => {
    const { case: subject, now } = caseIn("submitted");
    expect(() => decide(subject, toFugou, handlerOf(housing), now, calendar)).toThrow(
      expect.objectContaining({ code: "auth.forbidden" }),
    );
    expect(() =>
      decide(subject, { ...toFugou, regionCode: "chuanhui" } as CaseCommand, clerk, now, calendar),
    ).toThrow(expect.objectContaining({ code: "input.invalid" }));
    const closed = caseIn("closed");
    expect(() => decide(closed.case, toFugou, clerk, closed.now, calendar)).toThrow(
      expect.objectContaining({ code: "case.illegal_transition" }),
    );
  });
});

describe("a clerk setting or lifting urgency", () => {
  const missed = "电话核实：路口的坑有半米深，天黑根本看不见";
  const falseAlarm = "电话核实：是邻居做饭的味道，不是漏气";
  const setUrgency = (subject: Case, urgent: boolean, reason: string, actor: Actor = clerk) =>
    decide(
      subject,
      { type: "set_urgency", urgent, reason },
      actor,
      hoursAfter(subject.submittedAt, 2),
      calendar,
    );

  it("is a clerk's, while the case runs, as a citizen's addition may make it urgent", () => {
    expect(TRANSITION_RULES.set_urgency).toEqual({ from: RUNNING_STATUSES, by: ["clerk"] });
    const { case: subject } = caseIn("in_progress");
    expect(
      refusal(
        subject,
        { type: "set_urgency", urgent: true, reason: missed },
        handlerOf(housing),
        subject.submittedAt,
      ),
    ).toBe("auth.forbidden");
  });

  it("marks a danger the reader missed, the clerk's reason as the note and the cause as data", () => {
    const { case: subject } = caseIn("submitted");
    const decision = setUrgency(subject, true, ` ${missed} `);
    expect(decision.changes).toEqual({ isEmergency: true });
    expect(decision.timeline).toEqual([
      expect.objectContaining({
        kind: "made_urgent",
        data: { cause: "clerk" },
        note: missed,
        actor: { kind: "clerk", id: clerk.id },
        fromStatus: "submitted",
        toStatus: "submitted",
      }),
    ]);
    expect(TimelineFactSchema.parse(decision.timeline[0])).toMatchObject({
      data: { cause: "clerk" },
    });
    // Not routed yet: no unit to tell, and never the citizen (it is the staff's triage).
    expect(decision.notifications).toEqual([]);
  });

  it("lifts a false alarm, kept as an entry of its own with the reason", () => {
    const { case: running } = caseIn("submitted");
    const decision = setUrgency({ ...running, isEmergency: true }, false, falseAlarm);
    expect(decision.changes).toEqual({ isEmergency: false });
    expect(decision.timeline.map((e) => [e.kind, e.data, e.note])).toEqual([
      ["urgency_lifted", null, falseAlarm],
    ]);
    expect(TimelineFactSchema.parse(decision.timeline[0])).toMatchObject({
      kind: "urgency_lifted",
    });
    expect(decision.notifications).toEqual([]);
  });

  it("tells the unit that has the case either way, by its deadline, without the clerk's note", () => {
    const { case: subject } = caseIn("in_progress");
    const made = setUrgency(subject, true, missed);
    expect(made.notifications).toEqual([
      expect.objectContaining({
        to: { kind: "unit", unitId: subject.unitId },
        kind: "urgency_changed",
        status: "in_progress",
        nextStep: "handle_case",
        dueAt: subject.handlingDueAt,
        details: { urgent: true },
      }),
    ]);
    const lifted = setUrgency({ ...subject, isEmergency: true }, false, falseAlarm);
    expect(lifted.notifications.map((n) => [n.to, n.kind, n.details])).toEqual([
      [{ kind: "unit", unitId: subject.unitId }, "urgency_changed", { urgent: false }],
    ]);
    const { case: inReview } = caseIn("under_review");
    expect(setUrgency(inReview, true, missed).notifications[0]?.dueAt).toEqual(
      inReview.reviewDueAt,
    );
  });

  it("moves the dispatch target with the mark at once", () => {
    const { case: subject, now } = caseIn("submitted");
    const urgent = step(subject, { type: "set_urgency", urgent: true, reason: missed }, clerk, now);
    expect(dispatchStatus(subject, now)?.target.kind).toBe("standard");
    expect(dispatchStatus(urgent, now)?.target.kind).toBe("emergency");
    const lifted = step(
      urgent,
      { type: "set_urgency", urgent: false, reason: falseAlarm },
      clerk,
      now,
    );
    expect(dispatchStatus(lifted, now)?.target.kind).toBe("standard");
  });

  it("refuses the same value again with its own message, an empty reason, and a finished case", () => {
    const { case: subject, now } = caseIn("in_progress");
    const urgentAlready = { ...subject, isEmergency: true };
    const again = thrown(() => setUrgency(urgentAlready, true, missed));
    expect(again).toMatchObject({
      code: "case.illegal_transition",
      userMessageKey: "case.already_urgent",
    });
    expect(thrown(() => setUrgency(subject, false, falseAlarm))).toMatchObject({
      code: "case.illegal_transition",
      userMessageKey: "case.not_urgent",
    });
    expect(refusal(subject, { type: "set_urgency", urgent: true, reason: "  " }, clerk, now)).toBe(
      "input.invalid",
    );
    for (const status of ["answered", "closed", "not_accepted", "withdrawn", "merged"] as const) {
      const finished = caseIn(status);
      expect(
        refusal(
          finished.case,
          { type: "set_urgency", urgent: true, reason: missed },
          clerk,
          finished.now,
        ),
      ).toBe("case.illegal_transition");
    }
  });
});

describe("an accepted case", () => {
  it("is assigned to a unit, which starts its return window", () => {
    const { case: subject, now } = caseIn("accepted");
    const decision = decide(subject, { type: "assign", unit: housing }, clerk, now, calendar);
    expect(decision.changes.status).toBe("assigned");
    expect(decision.changes.unitId).toBe(housing.id);
    expect(decision.changes.returnDueAt).toBeInstanceOf(Date);
  });
});

describe("a unit handling a case", () => {
  it("starts it, and the citizen hears that it is in progress", () => {
    const { case: subject, now } = caseIn("assigned");
    const decision = decide(subject, { type: "start" }, handlerOf(housing), now, calendar);
    expect(decision.changes).toEqual({ status: "in_progress" });
    expect(decision.notifications[0]).toMatchObject({
      kind: "in_progress",
      nextStep: "await_answer",
    });
  });

  it("may act only on its own cases", () => {
    const { case: subject, now } = caseIn("assigned");
    expect(refusal(subject, { type: "start" }, handlerOf(transport), now)).toBe("auth.forbidden");
  });

  it("answers with an outcome and a text; the citizen gets both and the review window, and is asked a week later if it is unrated", () => {
    const { case: subject, now } = caseIn("in_progress");
    const decision = decide(
      subject,
      { type: "answer", outcome: "reject", text: "诉求缺乏政策依据。" },
      handlerOf(housing),
      now,
      calendar,
    );
    expect(decision.changes).toEqual({
      status: "answered",
      answeredAt: now,
      answerOutcome: "reject",
      answerText: "诉求缺乏政策依据。",
      answerPromisedBy: null,
      followUpAt: hoursAfter(now, 7 * 24),
    });
    expect(decision.notifications[0]).toMatchObject({
      kind: "answered",
      nextStep: "may_request_review",
      details: { outcome: "reject", answerText: "诉求缺乏政策依据。", reviewStage: 0 },
    });
  });

  it("may not answer with an empty text", () => {
    const { case: subject, now } = caseIn("in_progress");
    expect(
      refusal(subject, { type: "answer", outcome: "support", text: "" }, handlerOf(housing), now),
    ).toBe("input.invalid");
  });

  it("loses the case when a clerk reassigns it, and the new unit gets it", () => {
    const { case: subject, now } = caseIn("in_progress");
    const decision = decide(subject, { type: "reassign", unit: transport }, clerk, now, calendar);
    expect(decision.changes).toMatchObject({ status: "assigned", unitId: transport.id });
    expect(decision.notifications.map((n) => [n.to, n.kind])).toEqual([
      [{ kind: "unit", unitId: transport.id }, "assigned"],
      [{ kind: "unit", unitId: housing.id }, "unassigned"],
      [{ kind: "citizen" }, "transferred"],
    ]);
  });

  it.each([
    ["accepted", "assign", "after its acceptance"],
    ["returned", "assign", "after the unit returned it"],
    ["in_progress", "reassign", "after a clerk's correction"],
  ] as const)(
    "tells the citizen which unit has the case now, %s → %s (%s): the unit named before no longer has it",
    (status, type, _when) => {
      const { case: subject, now } = caseIn(status);
      const decision = decide(subject, { type, unit: transport }, clerk, now, calendar);
      expect(decision.notifications.find((n) => n.to.kind === "citizen")).toMatchObject({
        kind: "transferred",
        status: "assigned",
        nextStep: "await_answer",
        dueAt: subject.handlingDueAt,
        details: { unitId: transport.id },
      });
    },
  );

  it("is not reassigned to itself", () => {
    const { case: subject, now } = caseIn("assigned");
    expect(refusal(subject, { type: "reassign", unit: housing }, clerk, now)).toBe("input.invalid");
  });

  it("tells the lists of units to reassign to which units it takes: under review, never the one whose answer is disputed", () => {
    const { case: subject, now } = caseIn("under_review");
    expect(subject.unitId).toBe(housing.id);
    const report: Case = { ...subject, caseClass: "report" };
    const takes = (c: Case, unit: typeof housing) => {
      try {
        decide(c, { type: "reassign", unit }, clerk, now, calendar);
        return true;
      } catch (error) {
        if (isAppError(error)) return false;
        throw error;
      }
    };
    expect([housing, transport, discipline].map((u) => mayReassignTo(subject, u))).toEqual([
      false,
      true,
      true,
    ]);
    expect([housing, transport, discipline].map((u) => mayReassignTo(report, u))).toEqual([
      false,
      false,
      true,
    ]);
    for (const c of [subject, report]) {
      for (const unit of [housing, transport, discipline]) {
        expect(mayReassignTo(c, unit)).toBe(takes(c, unit));
      }
    }
  });
});

describe("a unit reporting progress (办理进展)", () => {
  const note = "已派人到现场查看，预计周五前修复。";
  const report: CaseCommand = { type: "report_progress", note };

  it("starts an assigned case, and the citizen hears the progress once, with the note", () => {
    const { case: subject, now } = caseIn("assigned");
    const decision = decide(subject, report, handlerOf(housing), now, calendar);
    expect(decision.changes).toEqual({ status: "in_progress" });
    expect(decision.timeline.map((e) => [e.kind, e.fromStatus, e.toStatus, e.note])).toEqual([
      ["started", "assigned", "in_progress", null],
      ["progress", "in_progress", "in_progress", note],
    ]);
    expect(decision.notifications).toEqual([
      expect.objectContaining({
        to: { kind: "citizen" },
        kind: "progress",
        status: "in_progress",
        nextStep: "await_answer",
        dueAt: subject.handlingDueAt,
        details: { progressNote: note },
      }),
    ]);
  });

  it("keeps a case in progress where it is", () => {
    const { case: subject, now } = caseIn("in_progress");
    const decision = decide(subject, report, handlerOf(housing), now, calendar);
    expect(decision.changes).toEqual({});
    expect(decision.timeline.map((e) => e.kind)).toEqual(["progress"]);
    expect(decision.notifications).toHaveLength(1);
    expect(decision.notifications[0]).toMatchObject({
      kind: "progress",
      status: "in_progress",
      nextStep: "await_answer",
      dueAt: subject.handlingDueAt,
    });
  });

  it("under review, points the citizen to the review answer and its due date", () => {
    const { case: subject, now } = caseIn("under_review");
    const decision = decide(subject, report, handlerOf(housing), now, calendar);
    expect(decision.changes).toEqual({});
    expect(decision.notifications[0]).toMatchObject({
      kind: "progress",
      status: "under_review",
      nextStep: "await_review_answer",
      dueAt: subject.reviewDueAt,
    });
  });

  it("sends the note trimmed, and refuses an empty one", () => {
    const { case: subject, now } = caseIn("in_progress");
    const padded = decide(
      subject,
      { type: "report_progress", note: `  ${note}\n` },
      handlerOf(housing),
      now,
      calendar,
    );
    expect(padded.notifications[0]?.details.progressNote).toBe(note);
    expect(
      refusal(subject, { type: "report_progress", note: " \n " }, handlerOf(housing), now),
    ).toBe("input.invalid");
  });

  it("is for the handlers of the unit holding the case only", () => {
    const { case: subject, now } = caseIn("in_progress");
    for (const actor of [clerk, handlerOf(transport), citizen]) {
      expect(refusal(subject, report, actor, now), actor.kind).toBe("auth.forbidden");
    }
  });

  it("is refused once the case is answered or closed", () => {
    for (const status of ["answered", "closed"] as const) {
      const { case: subject, now } = caseIn(status);
      expect(refusal(subject, report, handlerOf(housing), now), status).toBe(
        "case.illegal_transition",
      );
    }
  });
});

describe("a unit that receives a case outside its duties", () => {
  it("returns it with a reason, and it goes back to the clerks without a unit", () => {
    const { case: subject, now } = caseIn("assigned");
    const decision = decide(
      subject,
      { type: "return", reason: "属于交通部门职责" },
      handlerOf(housing),
      now,
      calendar,
    );
    expect(decision.changes).toEqual({ status: "returned", unitId: null, returnDueAt: null });
    expect(decision.notifications[0]).toMatchObject({
      to: { kind: "clerks" },
      kind: "returned",
      nextStep: "route_case",
      details: { reason: "属于交通部门职责", unitId: housing.id },
    });
  });

  it("may return it within 5 working days, counting the National Day holiday", () => {
    // Assigned Monday 29 September 2025: 30 Sep, then 9, 10, 11 (调休 Saturday) and 13 October.
    let subject = submitted({ at: at("2025-09-29 09:00") });
    subject = step(subject, { type: "route", unit: housing }, clerk, at("2025-09-29 10:00"));
    expect(subject.returnDueAt).toEqual(new Date("2025-10-13T23:59:59.999+08:00"));
    const onTheLastDay = decide(
      subject,
      { type: "return", reason: "不属于本单位职责" },
      handlerOf(housing),
      at("2025-10-13 17:30"),
      calendar,
    );
    expect(onTheLastDay.changes.status).toBe("returned");
  });

  it("may not return it after the window, and must ask the clerks instead", () => {
    let subject = submitted({ at: at("2025-09-29 09:00") });
    subject = step(subject, { type: "route", unit: housing }, clerk, at("2025-09-29 10:00"));
    subject = step(subject, { type: "start" }, handlerOf(housing), at("2025-09-30 10:00"));
    const error = thrown(() =>
      decide(
        subject,
        { type: "return", reason: "不属于本单位职责" },
        handlerOf(housing),
        at("2025-10-14 09:00"),
        calendar,
      ),
    );
    expect(isAppError(error, "case.illegal_transition")).toBe(true);
    expect((error as Error).message).toContain("closed on 2025-10-13");
  });

  it("leaves it with the clerks, who assign it to the right unit", () => {
    const { case: subject, now } = caseIn("returned");
    expect(subject.unitId).toBeNull();
    const reassigned = step(subject, { type: "assign", unit: housing }, clerk, now);
    expect(reassigned).toMatchObject({ status: "assigned", unitId: housing.id });
  });
});

describe("an extension of the handling period", () => {
  it("is granted once, up to 30 days, and the citizen is told why and until when", () => {
    const { case: subject, now } = caseIn("in_progress");
    const decision = decide(
      subject,
      { type: "extend", days: 30, reason: "涉及多个部门，需联合调查" },
      handlerOf(housing),
      now,
      calendar,
    );
    // 90 days after 3 March 2025 is Sunday 1 June, in the Dragon Boat holiday: due Tuesday 3 June.
    expect(decision.changes).toEqual({
      extensionDays: 30,
      extensionReason: "涉及多个部门，需联合调查",
      handlingDueAt: new Date("2025-06-03T23:59:59.999+08:00"),
    });
    expect(decision.notifications[0]).toMatchObject({
      kind: "extended",
      nextStep: "await_answer",
      dueDate: "2025-06-03",
      details: { extensionDays: 30, reason: "涉及多个部门，需联合调查" },
    });
  });

  it("is not granted twice", () => {
    const { case: subject, now } = caseIn("in_progress");
    const once = step(
      subject,
      { type: "extend", days: 10, reason: "需现场勘验" },
      handlerOf(housing),
      now,
    );
    const error = thrown(() =>
      decide(once, { type: "extend", days: 5, reason: "再延" }, handlerOf(housing), now, calendar),
    );
    expect(isAppError(error, "case.illegal_transition")).toBe(true);
    expect((error as { userMessageKey?: string }).userMessageKey).toBe("case.extension_used");
  });

  it("is 1 to 30 whole days with a reason", () => {
    const { case: subject, now } = caseIn("in_progress");
    for (const command of [
      { type: "extend", days: 31, reason: "需要" },
      { type: "extend", days: 0, reason: "需要" },
      { type: "extend", days: 2.5, reason: "需要" },
      { type: "extend", days: 10, reason: "" },
    ] as const) {
      expect(refusal(subject, command, handlerOf(housing), now), JSON.stringify(command)).toBe(
        "input.invalid",
      );
    }
  });

  it("must be granted before the handling deadline passes", () => {
    const { case: subject } = caseIn("in_progress");
    expect(
      refusal(
        subject,
        { type: "extend", days: 10, reason: "需要" },
        handlerOf(housing),
        at("2025-05-07 09:00"),
      ),
    ).toBe("case.illegal_transition");
  });
});

describe("a citizen who disagrees with the answer", () => {
  it("may ask for 复查 up to 30 days after the answer; it is answered within 30 days", () => {
    // Answered Monday 10 March 2025: the window ends Wednesday 9 April.
    let subject = caseIn("in_progress").case;
    subject = step(
      subject,
      { type: "answer", outcome: "explain", text: "说明。" },
      handlerOf(housing),
      at("2025-03-10 10:00"),
    );
    const decision = decide(
      subject,
      { type: "request_review" },
      citizen,
      at("2025-04-09 20:00"),
      calendar,
    );
    expect(decision.changes).toMatchObject({
      status: "under_review",
      reviewStage: 1,
      reviewRequestedAt: at("2025-04-09 20:00"),
      // 30 days after 9 April is 9 May, a Friday.
      reviewDueAt: new Date("2025-05-09T23:59:59.999+08:00"),
    });
    expect(decision.notifications.map((n) => [n.to.kind, n.kind, n.nextStep])).toEqual([
      ["citizen", "review_received", "await_review_answer"],
      ["clerks", "review_to_route", "route_case"],
    ]);
  });

  it("is too late 31 days after the answer", () => {
    let subject = caseIn("in_progress").case;
    subject = step(
      subject,
      { type: "answer", outcome: "explain", text: "说明。" },
      handlerOf(housing),
      at("2025-03-10 10:00"),
    );
    const error = thrown(() =>
      decide(subject, { type: "request_review" }, citizen, at("2025-04-10 09:00"), calendar),
    );
    expect(isAppError(error, "case.illegal_transition")).toBe(true);
    expect((error as { userMessageKey?: string }).userMessageKey).toBe("case.review_window_closed");
    expect((error as Error).message).toContain("by 2025-04-09");
  });

  it("keeps the right even when a clerk closed the case early", () => {
    const { case: closed, now } = caseIn("closed");
    const decision = decide(closed, { type: "request_review" }, citizen, now, calendar);
    expect(decision.changes).toMatchObject({ status: "under_review", closedAt: null });
  });

  it("may then ask for 复核 on the same terms, after which the matter is final", () => {
    let { case: subject, now } = caseIn("under_review");
    subject = step(
      subject,
      { type: "answer", outcome: "explain", text: "复查意见。" },
      handlerOf(housing),
      now,
    );
    now = hoursAfter(now, 24);
    subject = step(subject, { type: "request_review" }, citizen, now);
    expect(subject).toMatchObject({ status: "under_review", reviewStage: 2 });

    const answered = decide(
      subject,
      { type: "answer", outcome: "reject", text: "复核意见。" },
      handlerOf(housing),
      now,
      calendar,
    );
    expect(answered.timeline[0]!.kind).toBe("review_answered");
    expect(answered.notifications[0]).toMatchObject({
      nextStep: "none",
      dueAt: null,
      details: { reviewStage: 2 },
    });
    subject = applyChanges(subject, answered.changes);

    const error = thrown(() => decide(subject, { type: "request_review" }, citizen, now, calendar));
    expect(isAppError(error, "case.illegal_transition")).toBe(true);
    expect((error as { userMessageKey?: string }).userMessageKey).toBe("case.review_final");
  });

  it("after 复查 is told that 复核 is the next step", () => {
    const { case: subject, now } = caseIn("under_review");
    const decision = decide(
      subject,
      { type: "answer", outcome: "support", text: "复查支持。" },
      handlerOf(housing),
      now,
      calendar,
    );
    expect(decision.notifications[0]!.nextStep).toBe("may_request_second_review");
  });
});

describe("closing an answered case", () => {
  it("a clerk may close it at once; the citizen keeps the review window", () => {
    const { case: subject, now } = caseIn("answered");
    const decision = decide(subject, { type: "close" }, clerk, now, calendar);
    expect(decision.changes).toEqual({ status: "closed", closedAt: now, followUpAt: null });
    expect(decision.notifications[0]).toMatchObject({
      kind: "closed",
      nextStep: "may_request_review",
    });
  });

  it("the system closes it only once the review window has passed", () => {
    const { case: subject, now } = caseIn("answered");
    expect(refusal(subject, { type: "close" }, system, now)).toBe("case.illegal_transition");
    const late = decide(subject, { type: "close" }, system, at("2025-04-05 01:00"), calendar);
    expect(late.changes.status).toBe("closed");
    expect(late.notifications[0]).toMatchObject({ nextStep: "none", dueAt: null });
  });
});

describe("a rating", () => {
  it("records solved and satisfaction on the case, whose answer is followed up no more", () => {
    const { case: subject, now } = caseIn("answered");
    const decision = decide(
      subject,
      { type: "rate", solved: false, satisfaction: "basically_satisfied" },
      citizen,
      now,
      calendar,
    );
    expect(decision.changes).toEqual({
      solved: false,
      satisfaction: "basically_satisfied",
      ratedAt: now,
      followUpAt: null,
    });
    expect(decision.notifications).toEqual([]);
  });

  it("is given once per answer", () => {
    const { case: subject, now } = caseIn("answered");
    const rated = step(
      subject,
      { type: "rate", solved: true, satisfaction: "satisfied" },
      citizen,
      now,
    );
    expect(
      refusal(rated, { type: "rate", solved: false, satisfaction: "dissatisfied" }, citizen, now),
    ).toBe("case.illegal_transition");
  });

  it("is of an answer: a case whose clock runs again is in a new review stage, with no rating of it", () => {
    // The deadline round relies on this: it reads no rating for the cases it alerts on.
    const leadingBackToAClock: CommandType[] = [];
    for (const status of ["answered", "closed"] as const) {
      const { case: given, now } = caseIn(status);
      const rated = step(
        given,
        { type: "rate", solved: true, satisfaction: "satisfied" },
        citizen,
        now,
      );
      // Every other command legal now (the answer is rated: a second rating is refused, and
      // nobody asks any more whether it solved the problem).
      const legal = COMMAND_TYPES.filter(
        (t) =>
          t !== "rate" && t !== "follow_up_answer" && TRANSITION_RULES[t].from.includes(status),
      );
      for (const type of legal) {
        const command = sampleCommand(type, rated);
        const after = applyChanges(
          rated,
          decide(rated, command, sampleActor(type, rated), now, calendar).changes,
        );
        if (!RUNNING_STATUSES.includes(after.status)) continue;
        leadingBackToAClock.push(type);
        expect(after.reviewStage).toBeGreaterThan(rated.reviewStage);
      }
    }
    expect(leadingBackToAClock).toEqual(["request_review", "request_review"]);
  });
});

describe("an answer's follow-up", () => {
  const WEEK = 7 * 24;

  it("asks the citizen of an unrated answer without a promised day once, a week after it, until when a review may be asked", () => {
    const { case: answered } = caseIn("answered");
    const week = hoursAfter(answered.answeredAt!, WEEK);
    const early = new Date(week.getTime() - 60_000);
    const followUp = { type: "follow_up_answer" } as const;
    expect(refusal(answered, followUp, system, early)).toBe("case.illegal_transition");

    const decision = decide(answered, followUp, system, week, calendar);
    expect(decision.changes).toEqual({ followUpAt: null });
    expect(decision.timeline.map((e) => [e.kind, e.data])).toEqual([["answer_followed_up", {}]]);
    expect(decision.notifications).toMatchObject([
      {
        to: { kind: "citizen" },
        kind: "answer_follow_up",
        nextStep: "may_request_review",
        // The end of the 30th day after the answer (Shanghai).
        dueAt: new Date("2025-04-02T15:59:59.999Z"),
        details: { answeredOn: "2025-03-03", reviewStage: 0 },
      },
    ]);
    const asked = applyChanges(answered, decision.changes);
    expect(refusal(asked, followUp, system, hoursAfter(week, 24))).toBe("case.illegal_transition");
  });

  it("is not asked once the answer moved on to a review", () => {
    const { case: answered, now } = caseIn("answered");
    const reviewed = step(answered, { type: "request_review" }, citizen, now);
    expect(reviewed.followUpAt).toBeNull();
  });
});

describe("a duplicate", () => {
  it("is merged into the other case, and both timelines record the link", () => {
    const { case: subject, now } = caseIn("assigned");
    const decision = decide(
      subject,
      { type: "merge", into: { trackingNo: "ZK-20250301-0007", status: "in_progress" } },
      clerk,
      now,
      calendar,
    );
    expect(decision.changes).toEqual({
      status: "merged",
      mergedIntoTrackingNo: "ZK-20250301-0007",
    });
    expect(decision.timeline[0]).toMatchObject({
      kind: "merged",
      data: { intoTrackingNo: "ZK-20250301-0007" },
    });
    expect(decision.linked).toEqual([
      {
        trackingNo: "ZK-20250301-0007",
        entry: expect.objectContaining({
          kind: "merged_from",
          data: { fromTrackingNo: subject.trackingNo },
          fromStatus: "in_progress",
          toStatus: "in_progress",
        }),
      },
    ]);
    expect(decision.notifications.map((n) => [n.to, n.kind])).toEqual([
      [{ kind: "citizen" }, "merged"],
      [{ kind: "unit", unitId: housing.id }, "unassigned"],
    ]);
  });

  it("is not merged into itself or into a case that has ended", () => {
    const { case: subject, now } = caseIn("submitted");
    expect(
      refusal(
        subject,
        { type: "merge", into: { trackingNo: subject.trackingNo, status: "submitted" } },
        clerk,
        now,
      ),
    ).toBe("input.invalid");
    expect(
      refusal(
        subject,
        { type: "merge", into: { trackingNo: "ZK-20250301-0007", status: "withdrawn" } },
        clerk,
        now,
      ),
    ).toBe("case.illegal_transition");
  });
});

describe("a citizen withdrawing a case", () => {
  it("ends it, and the unit that had it is told", () => {
    const { case: subject, now } = caseIn("in_progress");
    const decision = decide(subject, { type: "withdraw" }, citizen, now, calendar);
    expect(decision.changes).toEqual({ status: "withdrawn" });
    expect(decision.notifications.map((n) => n.kind)).toEqual(["withdrawn", "unassigned"]);
  });
});

describe("a citizen's words about the answer, typed where its satisfaction is asked", () => {
  const words = (subject: Case, now: Date, text: string) =>
    decide(subject, { type: "comment_on_answer", text }, citizen, now, calendar);

  it("is allowed where the answer may be rated, by the citizen only", () => {
    expect(TRANSITION_RULES.comment_on_answer).toEqual(TRANSITION_RULES.rate);
  });

  it("keeps the words as written, as the entry's data, tells no one and leaves the case", () => {
    const { case: subject, now } = caseIn("answered");
    const decision = words(subject, now, " 他们根本没来俺家看过 ");
    expect(decision.changes).toEqual({});
    expect(decision.notifications).toEqual([]);
    expect(decision.timeline).toEqual([
      expect.objectContaining({
        kind: "answer_commented",
        data: { text: "他们根本没来俺家看过" },
        note: null,
        actor: { kind: "citizen", id: citizen.id },
        fromStatus: "answered",
        toStatus: "answered",
      }),
    ]);
    expect(TimelineFactSchema.parse(decision.timeline[0])).toMatchObject({
      kind: "answer_commented",
    });
  });

  it("refuses empty words, and a case not yet answered", () => {
    const { case: answered, now } = caseIn("answered");
    expect(refusal(answered, { type: "comment_on_answer", text: " " }, citizen, now)).toBe(
      "input.invalid",
    );
    const { case: running } = caseIn("in_progress");
    expect(refusal(running, { type: "comment_on_answer", text: "没来过" }, citizen, now)).toBe(
      "case.illegal_transition",
    );
  });
});

describe("a citizen adding to their case (补充)", () => {
  const words = "补充一下：我叫张建国，电话13912345678，井盖旁边还有个大坑，已经有人摔倒了";
  const contact = { name: "张建国", phone: "13912345678" };

  const supplement = (
    subject: Case,
    now: Date,
    text: string | null = words,
    photoIds: string[] = [],
    group: GroupComplaint | null = null,
  ) =>
    decide(subject, { type: "supplement", text, photoIds, contact, group }, citizen, now, calendar);

  it("is allowed while the case runs, in the statuses a withdrawal is, by the citizen only", () => {
    expect(TRANSITION_RULES.supplement).toEqual(TRANSITION_RULES.withdraw);
  });

  it("keeps the words as written, as the entry's data, and leaves the case where it is", () => {
    const { case: subject, now } = caseIn("in_progress");
    const decision = supplement(subject, now, ` ${words} `);
    expect(decision.changes).toEqual({});
    expect(decision.timeline).toEqual([
      expect.objectContaining({
        kind: "supplemented",
        data: { text: words },
        note: null,
        actor: { kind: "citizen", id: citizen.id },
        fromStatus: "in_progress",
        toStatus: "in_progress",
      }),
    ]);
    expect(TimelineFactSchema.parse(decision.timeline[0])).toMatchObject({ kind: "supplemented" });
  });

  it("tells the unit the case is with, the words masked as its description is", () => {
    const { case: subject, now } = caseIn("in_progress");
    const decision = supplement(subject, now);
    expect(decision.notifications).toEqual([
      expect.objectContaining({
        to: { kind: "unit", unitId: housing.id },
        kind: "supplemented",
        status: "in_progress",
        nextStep: "handle_case",
        dueAt: subject.handlingDueAt,
        details: {
          supplementText: "补充一下：我叫***，电话***********，井盖旁边还有个大坑，已经有人摔倒了",
        },
      }),
    ]);
  });

  it("tells no unit while the case waits for the clerks: they read it on the case", () => {
    const { case: subject, now } = caseIn("submitted");
    const decision = supplement(subject, now);
    expect(decision.timeline.map((e) => e.kind)).toEqual(["supplemented"]);
    expect(decision.notifications).toEqual([]);
  });

  it("keeps the photos sent with the words in the entry, and tells the unit how many", () => {
    const { case: subject, now } = caseIn("in_progress");
    const decision = supplement(subject, now, "井盖旁边还有个大坑", ["photo-1", "photo-2"]);
    expect(decision.timeline).toEqual([
      expect.objectContaining({
        kind: "supplemented",
        data: { text: "井盖旁边还有个大坑", photoIds: ["photo-1", "photo-2"] },
      }),
    ]);
    expect(TimelineFactSchema.parse(decision.timeline[0])).toMatchObject({
      data: { photoIds: ["photo-1", "photo-2"] },
    });
    expect(decision.notifications[0]?.details).toEqual({
      supplementText: "井盖旁边还有个大坑",
      supplementPhotos: 2,
    });
  });

  it("keeps photos added without words as photos only (no text), and tells the unit so", () => {
    const { case: subject, now } = caseIn("in_progress");
    const decision = supplement(subject, now, null, ["photo-1"]);
    expect(decision.changes).toEqual({});
    expect(decision.timeline).toEqual([
      expect.objectContaining({
        kind: "supplemented",
        data: { text: null, photoIds: ["photo-1"] },
      }),
    ]);
    expect(TimelineFactSchema.parse(decision.timeline[0])).toMatchObject({
      data: { text: null, photoIds: ["photo-1"] },
    });
    expect(decision.notifications[0]?.details).toEqual({ supplementPhotos: 1 });
  });

  it("refuses an addition with neither words nor photos, and stores none", () => {
    const { case: running, now } = caseIn("in_progress");
    expect(
      refusal(
        running,
        { type: "supplement", text: null, photoIds: [], contact: null, group: null },
        citizen,
        now,
      ),
    ).toBe("input.invalid");
    expect(
      TimelineFactSchema.safeParse({ kind: "supplemented", data: { text: null } }).success,
    ).toBe(false);
  });

  it("makes the case urgent when the words tell of a new or worse danger, and says why", () => {
    const { case: subject, now } = caseIn("in_progress");
    expect(subject.isEmergency).toBe(false);
    const decision = supplement(subject, now, "现在漏气更厉害了，整个楼道都是味");
    expect(decision.changes).toEqual({ isEmergency: true });
    expect(decision.timeline.map((e) => [e.kind, e.data])).toEqual([
      ["supplemented", { text: "现在漏气更厉害了，整个楼道都是味" }],
      ["made_urgent", { cause: "supplement", hazards: ["gas"] }],
    ]);
    expect(TimelineFactSchema.parse(decision.timeline[1])).toMatchObject({ kind: "made_urgent" });
    expect(decision.timeline[1]).toMatchObject({
      fromStatus: "in_progress",
      toStatus: "in_progress",
    });
    expect(decision.notifications[0]?.details).toMatchObject({ urgent: true });
  });

  it("reads a fall into the hole as a danger too, before the clerks have routed the case", () => {
    const { case: subject, now } = caseIn("submitted");
    const decision = supplement(subject, now, "又有一个骑电动车的摔进去了");
    expect(decision.changes).toEqual({ isEmergency: true });
    expect(decision.timeline[1]?.data).toEqual({ cause: "supplement", hazards: ["injury"] });
  });

  it("leaves a case that is urgent already, and words of no danger, as they were", () => {
    const { case: running, now } = caseIn("in_progress");
    const urgent = { ...running, isEmergency: true };
    const worse = supplement(urgent, now, "现在漏气更厉害了，整个楼道都是味");
    expect(worse.changes).toEqual({});
    expect(worse.timeline.map((e) => e.kind)).toEqual(["supplemented"]);
    expect(supplement(running, now, "井盖旁边还有个大坑").changes).toEqual({});
  });

  describe("telling of more people affected (群体诉求)", () => {
    const households = (atLeast: number): GroupComplaint => ({
      count: { atLeast, unit: "households" },
      whole: null,
    });

    it("makes the case the larger group the words tell, records when and why, and tells the unit", () => {
      const { case: subject, now } = caseIn("in_progress");
      const grew = supplement(subject, now, "现在又多了二十多户也这样", [], households(5));
      expect(grew.group).toEqual(households(20));
      expect(grew.timeline.map((e) => [e.kind, e.data])).toEqual([
        ["supplemented", { text: "现在又多了二十多户也这样" }],
        ["group_grown", { from: households(5), to: households(20) }],
      ]);
      expect(TimelineFactSchema.parse(grew.timeline[1])).toMatchObject({ kind: "group_grown" });
      expect(grew.timeline[1]).toMatchObject({ actor: { kind: "citizen" }, at: now });
      expect(grew.notifications[0]?.details).toMatchObject({ group: households(20) });
    });

    it("makes a case of one family a group, with the whole building named", () => {
      const { case: subject, now } = caseIn("submitted");
      const grew = supplement(subject, now, "我们整栋楼都停水了，六十多户");
      expect(grew.group).toEqual({
        count: { atLeast: 60, unit: "households" },
        whole: "building",
      });
      expect(grew.timeline[1]?.data).toMatchObject({ from: null });
    });

    it("reads English as at filing", () => {
      const { case: subject, now } = caseIn("in_progress");
      const grew = supplement(subject, now, "now about 30 families have the same problem");
      expect(grew.group).toEqual(households(30));
    });

    it("never shrinks: fewer, the same, or no number leaves the group as it was", () => {
      const { case: subject, now } = caseIn("in_progress");
      for (const words of ["我们这里有十来户受影响", "还是二十多户", "井盖还是松的"]) {
        const kept = supplement(subject, now, words, [], households(20));
        expect(kept.group, words).toBeNull();
        expect(
          kept.timeline.map((e) => e.kind),
          words,
        ).toEqual(["supplemented"]);
        expect(kept.notifications[0]?.details, words).not.toHaveProperty("group");
      }
      expect(supplement(subject, now, null, ["photo-1"], households(20)).group).toBeNull();
    });
  });

  it("refuses empty words, and a case no longer running", () => {
    const { case: running, now } = caseIn("in_progress");
    expect(
      refusal(
        running,
        { type: "supplement", text: "  ", photoIds: [], contact: null, group: null },
        citizen,
        now,
      ),
    ).toBe("input.invalid");
    const { case: answered } = caseIn("answered");
    expect(
      refusal(
        answered,
        { type: "supplement", text: words, photoIds: [], contact: null, group: null },
        citizen,
        now,
      ),
    ).toBe("case.illegal_transition");
    expect(
      refusal(
        running,
        { type: "supplement", text: words, photoIds: [], contact: null, group: null },
        clerk,
        now,
      ),
    ).toBe("auth.forbidden");
  });
});

describe("a citizen urging their case on (催办)", () => {
  const words = "我叫张建国，电话13912345678，能不能快点，老伴冻病了";
  const contact = { name: "张建国", phone: "13912345678" };
  const urge = (subject: Case, now: Date, text: string | null = words, photoIds: string[] = []) =>
    decide(subject, { type: "urge", text, photoIds, contact, group: null }, citizen, now, calendar);
  /** The case after an urge at `now`. */
  const urged = (subject: Case, now: Date, text: string | null = words) =>
    applyChanges(subject, urge(subject, now, text).changes);

  it("is allowed while a clerk or a unit holds the case, by the citizen only", () => {
    expect(TRANSITION_RULES.urge).toEqual({ from: RUNNING_STATUSES, by: ["citizen"] });
    // The clerks hold a case until it is routed, a unit from then until it is answered.
    expect(RUNNING_STATUSES).toEqual(expect.arrayContaining(["submitted", "under_review"]));
  });

  it("is refused once the case is answered, finished, withdrawn or merged, saying why", () => {
    for (const status of CASE_STATUSES.filter((s) => !RUNNING_STATUSES.includes(s))) {
      const { case: subject, now } = caseIn(status);
      const error = thrown(() => urge(subject, now));
      expect(isAppError(error, "case.illegal_transition"), status).toBe(true);
      expect((error as Error).message).toContain(`cannot urge a case that is ${status}`);
    }
    const { case: running, now } = caseIn("in_progress");
    const byClerk = () =>
      decide(
        running,
        { type: "urge", text: null, photoIds: [], contact, group: null },
        clerk,
        now,
        calendar,
      );
    expect(isAppError(thrown(byClerk), "auth.forbidden")).toBe(true);
  });

  it("counts the first urge, keeps the words as an addition, and tells the unit masked", () => {
    const { case: subject, now } = caseIn("in_progress");
    const decision = urge(subject, now);
    expect(decision.changes).toEqual({ urgeCount: 1, lastUrgedAt: now });
    expect(decision.timeline.map((e) => [e.kind, e.data])).toEqual([
      ["supplemented", { text: words }],
      ["urged", { ordinal: 1 }],
    ]);
    for (const entry of decision.timeline) expect(TimelineFactSchema.parse(entry)).toBeTruthy();
    expect(decision.timeline[1]).toMatchObject({
      actor: { kind: "citizen", id: citizen.id },
      fromStatus: "in_progress",
      toStatus: "in_progress",
      note: null,
    });
    expect(decision.notifications).toEqual([
      expect.objectContaining({
        to: { kind: "unit", unitId: housing.id },
        kind: "urged",
        nextStep: "handle_case",
        dueAt: subject.handlingDueAt,
        details: {
          urgeOrdinal: 1,
          supplementText: "我叫***，电话***********，能不能快点，老伴冻病了",
        },
      }),
    ]);
  });

  it("counts an urge without words (a button) as an urge alone", () => {
    const { case: subject, now } = caseIn("assigned");
    const decision = urge(subject, now, null);
    expect(decision.timeline.map((e) => e.kind)).toEqual(["urged"]);
    expect(decision.notifications[0]?.details).toEqual({ urgeOrdinal: 1 });
  });

  it("counts on each Shanghai day: the third day's urge is 第 3 次", () => {
    const { case: subject } = caseIn("in_progress");
    let now = at("2025-03-04 23:30");
    let current = urged(subject, now);
    now = at("2025-03-05 00:10");
    current = urged(current, now);
    now = at("2025-03-07 09:00");
    const third = urge(current, now);
    expect(third.timeline.at(-1)?.data).toEqual({ ordinal: 3 });
    expect(third.changes).toEqual({ urgeCount: 3, lastUrgedAt: now });
    expect(third.notifications[0]?.details).toMatchObject({ urgeOrdinal: 3 });
  });

  it("counts a second urge the same Shanghai day no more: its words reach the case as an addition", () => {
    const { case: subject } = caseIn("in_progress");
    const first = urged(subject, at("2025-03-04 09:00"));
    const again = urge(first, at("2025-03-04 21:00"), "今天还是没人来");
    expect(again.changes).toEqual({});
    expect(again.timeline.map((e) => [e.kind, e.data])).toEqual([
      ["supplemented", { text: "今天还是没人来" }],
    ]);
    expect(again.notifications).toEqual([
      expect.objectContaining({
        kind: "supplemented",
        details: { supplementText: "今天还是没人来" },
      }),
    ]);
    const bare = urge(first, at("2025-03-04 21:00"), null);
    expect(bare.timeline).toEqual([]);
    expect(bare.notifications).toEqual([]);
  });

  it("tells no unit while the clerks hold the case: they see the count on the case", () => {
    const { case: subject, now } = caseIn("returned");
    const decision = urge(subject, now);
    expect(decision.changes).toEqual({ urgeCount: 1, lastUrgedAt: now });
    expect(decision.notifications).toEqual([]);
  });

  it("reads the urge's words as an addition's: a danger makes the case urgent", () => {
    const { case: subject, now } = caseIn("in_progress");
    const decision = urge(subject, now, "快点来吧，现在漏气更厉害了");
    expect(decision.changes).toEqual({ isEmergency: true, urgeCount: 1, lastUrgedAt: now });
    expect(decision.timeline.map((e) => e.kind)).toEqual(["supplemented", "made_urgent", "urged"]);
    expect(decision.notifications[0]?.details).toMatchObject({ urgent: true, urgeOrdinal: 1 });
  });
});

describe("a citizen's new phone number for their case (电话换了)", () => {
  const named: CaseContact = { anonymous: false, name: "李秀英", phone: "13812345678" };
  const changeTo = (subject: Case, now: Date, current: CaseContact = named) =>
    decide(
      subject,
      { type: "change_contact", phone: "13712345678", holder: null, current },
      citizen,
      now,
      calendar,
    );

  it("is allowed while the case runs, in the statuses a withdrawal is, by the citizen only", () => {
    expect(TRANSITION_RULES.change_contact).toEqual(TRANSITION_RULES.withdraw);
  });

  it("keeps the name left with the case, and notes the change without the number", () => {
    const { case: subject, now } = caseIn("in_progress");
    const decision = changeTo(subject, now);
    expect(decision.contact).toEqual({ anonymous: false, name: "李秀英", phone: "13712345678" });
    expect(decision.changes).toEqual({});
    expect(decision.notifications).toEqual([]);
    expect(decision.timeline).toHaveLength(1);
    expect(decision.timeline[0]).toMatchObject({
      kind: "contact_changed",
      data: null,
      fromStatus: "in_progress",
      toStatus: "in_progress",
    });
    expect(JSON.stringify(decision.timeline)).not.toContain("13712345678");
  });

  it("makes an anonymous case's citizen reachable, with no name", () => {
    const { case: subject, now } = caseIn("accepted");
    const anonymous = { anonymous: true, name: null, phone: null };
    expect(changeTo(subject, now, anonymous).contact).toEqual({
      anonymous: false,
      name: null,
      phone: "13712345678",
    });
  });

  it("changes nothing when the case keeps that number already", () => {
    const { case: subject, now } = caseIn("in_progress");
    const decision = changeTo(subject, now, { ...named, phone: "13712345678" });
    expect(decision.contact).toBeNull();
    expect(decision.timeline).toEqual([]);
  });

  it("keeps whose the number is when it is a relative's, and a relative's number becomes their own", () => {
    const { case: subject, now } = caseIn("in_progress");
    const daughter = { relation: "daughter", name: null } as const;
    const toDaughters = decide(
      subject,
      { type: "change_contact", phone: "13712345678", holder: daughter, current: named },
      citizen,
      now,
      calendar,
    );
    expect(toDaughters.contact).toEqual({ ...named, phone: "13712345678", holder: daughter });
    // The same number, the citizen's own from now on: the holder is dropped.
    const ownNow = changeTo(subject, now, { ...named, phone: "13712345678", holder: daughter });
    expect(ownNow.contact).toEqual({ ...named, phone: "13712345678" });
  });

  it("is refused once the case is answered, and to anyone but the citizen", () => {
    const command: CaseCommand = {
      type: "change_contact",
      phone: "13712345678",
      holder: null,
      current: named,
    };
    const { case: answered, now } = caseIn("answered");
    expect(refusal(answered, command, citizen, now)).toBe("case.illegal_transition");
    const { case: running } = caseIn("in_progress");
    expect(refusal(running, command, clerk, now)).toBe("auth.forbidden");
  });
});

describe("the system", () => {
  it("records a reminder to the unit holding the case", () => {
    const { case: subject, now } = caseIn("in_progress");
    const decision = decide(subject, { type: "remind", clock: "handling" }, system, now, calendar);
    expect(decision.changes).toEqual({});
    expect(decision.timeline[0]).toMatchObject({
      kind: "reminded",
      fromStatus: "in_progress",
      toStatus: "in_progress",
    });
    expect(decision.notifications[0]).toMatchObject({
      to: { kind: "unit", unitId: housing.id },
      kind: "reminder",
    });
  });

  it("escalates an overdue case to the clerks, with the days overdue", () => {
    const { case: subject } = caseIn("in_progress");
    const decision = decide(
      subject,
      { type: "escalate", clock: "handling" },
      system,
      at("2025-05-09 08:00"),
      calendar,
    );
    expect(decision.notifications[0]).toMatchObject({
      to: { kind: "clerks" },
      kind: "escalation",
      details: { clock: "handling", overdueDays: 3, unitId: housing.id },
    });
  });

  it("does not escalate a case that is not overdue, or on a clock it does not run", () => {
    const { case: subject, now } = caseIn("in_progress");
    expect(
      isAppError(
        thrown(() =>
          decide(subject, { type: "escalate", clock: "handling" }, system, now, calendar),
        ),
        "case.illegal_transition",
      ),
    ).toBe(true);
    expect(
      isAppError(
        thrown(() => decide(subject, { type: "remind", clock: "review" }, system, now, calendar)),
        "case.illegal_transition",
      ),
    ).toBe(true);
  });
});

describe("deadlines beyond the calendar data", () => {
  it("are flagged on the decision, so the operator sees that only weekends were counted", () => {
    const subject = submitted({ at: at("2027-03-01 09:00") });
    const decision = decide(subject, { type: "accept" }, clerk, at("2027-03-01 10:00"), calendar);
    expect(decision.beyondCalendar).toBe(true);
    const inside = decide(
      caseIn("submitted").case,
      { type: "accept" },
      clerk,
      caseIn("submitted").now,
      calendar,
    );
    expect(inside.beyondCalendar).toBe(false);
  });
});

describe("a report against officials (检举控告)", () => {
  const report = () => submitted({ category: categories.discipline });

  it("goes to the discipline body only", () => {
    const error = thrown(() =>
      decide(report(), { type: "route", unit: housing }, clerk, at("2025-03-03 10:00"), calendar),
    );
    expect(isAppError(error, "case.illegal_transition")).toBe(true);
    expect((error as { userMessageKey?: string }).userMessageKey).toBe(
      "case.report_to_discipline_only",
    );
    const routed = step(
      report(),
      { type: "route", unit: discipline },
      clerk,
      at("2025-03-03 10:00"),
    );
    expect(routed.unitId).toBe(discipline.id);
  });

  it("cannot be reassigned away from the discipline body", () => {
    const routed = step(
      report(),
      { type: "route", unit: discipline },
      clerk,
      at("2025-03-03 10:00"),
    );
    expect(
      refusal(routed, { type: "reassign", unit: transport }, clerk, at("2025-03-03 11:00")),
    ).toBe("case.illegal_transition");
  });
});
