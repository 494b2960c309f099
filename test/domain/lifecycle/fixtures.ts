// Shared givens for the lifecycle specifications: the real 2025/2026 calendar,
// actors, units, and cases brought to any status through `decide` itself.
import { loadCalendar } from "../../../src/calendar/load-calendar.ts";
import type { Actor } from "../../../src/domain/lifecycle/actor.ts";
import { applyChanges, type Case } from "../../../src/domain/lifecycle/case.ts";
import type { CaseStatus } from "../../../src/domain/lifecycle/case-status.ts";
import type { CaseCommand, UnitRef } from "../../../src/domain/lifecycle/commands.ts";
import { openCase } from "../../../src/domain/lifecycle/open-case.ts";
import { decide } from "../../../src/domain/lifecycle/transitions.ts";
import type { RequestKind } from "../../../src/domain/vocabulary.ts";

export const calendar = await loadCalendar();

/** An instant given as Shanghai wall-clock time, "2025-09-29 10:00". */
export function at(local: string): Date {
  return new Date(`${local.replace(" ", "T")}:00+08:00`);
}

export function hoursAfter(instant: Date, hours: number): Date {
  return new Date(instant.getTime() + hours * 3_600_000);
}

export const citizen: Actor = { kind: "citizen", id: "citizen-1" };
export const clerk: Actor = { kind: "clerk", id: "clerk-1" };
export const system: Actor = { kind: "system", id: "scheduler" };

export const housing: UnitRef = {
  id: "housing_construction.chuanhui",
  department: "housing_construction",
};
export const transport: UnitRef = { id: "transport.chuanhui", department: "transport" };
export const discipline: UnitRef = { id: "discipline.city", department: "discipline" };

export function handlerOf(unit: UnitRef): Actor {
  return { kind: "handler", id: `handler@${unit.id}`, unitId: unit.id };
}

export const categories = {
  housing: { code: "housing", class: "request" },
  utilities: { code: "utilities", class: "request" },
  discipline: { code: "discipline", class: "report" },
  other: { code: "other", class: "suggestion" },
} as const;

export function submitted(
  options: {
    at?: Date;
    category?: { code: string; class: "suggestion" | "report" | "request" };
    isEmergency?: boolean;
    requestKind?: RequestKind;
    trackingNo?: string;
  } = {},
): Case {
  return openCase(
    {
      trackingNo: options.trackingNo ?? "ZK-20250303-0001",
      category: options.category ?? categories.housing,
      regionCode: "chuanhui",
      regionSource: "text",
      isEmergency: options.isEmergency ?? false,
      requestKind: options.requestKind ?? "complaint",
    },
    citizen,
    options.at ?? at("2025-03-03 09:00"),
    calendar,
  ).case;
}

/** The case after one command. */
export function step(subject: Case, command: CaseCommand, actor: Actor, now: Date): Case {
  return applyChanges(subject, decide(subject, command, actor, now, calendar).changes);
}

export interface Given {
  readonly case: Case;
  /** A moment shortly after the last step, when every window it opened is still open. */
  readonly now: Date;
}

/**
 * A housing case brought to `status` the ordinary way, starting Monday
 * 3 March 2025 09:00, one hour a step.
 */
export function caseIn(status: CaseStatus): Given {
  let now = at("2025-03-03 09:00");
  let subject = submitted({ at: now });
  const next = (command: CaseCommand, actor: Actor) => {
    now = hoursAfter(now, 1);
    subject = step(subject, command, actor, now);
  };
  const answer: CaseCommand = { type: "answer", outcome: "support", text: "已维修到位。" };
  switch (status) {
    case "submitted":
      break;
    case "not_accepted":
      next({ type: "not_accept", reason: "已进入诉讼程序", channel: "court" }, clerk);
      break;
    case "accepted":
      next({ type: "accept" }, clerk);
      break;
    case "assigned":
      next({ type: "route", unit: housing }, clerk);
      break;
    case "in_progress":
      next({ type: "route", unit: housing }, clerk);
      next({ type: "start" }, handlerOf(housing));
      break;
    case "returned":
      next({ type: "route", unit: transport }, clerk);
      next({ type: "return", reason: "不属于本单位职责" }, handlerOf(transport));
      break;
    case "answered":
    case "under_review":
    case "closed":
      next({ type: "route", unit: housing }, clerk);
      next({ type: "start" }, handlerOf(housing));
      next(answer, handlerOf(housing));
      if (status === "under_review") next({ type: "request_review" }, citizen);
      if (status === "closed") next({ type: "close" }, clerk);
      break;
    case "merged":
      next({ type: "merge", into: { trackingNo: "ZK-20250301-0007", status: "accepted" } }, clerk);
      break;
    case "withdrawn":
      next({ type: "withdraw" }, citizen);
      break;
  }
  return { case: subject, now: hoursAfter(now, 1) };
}
