/** Registering a new case (登记): the one way a case comes into being. */
import type { WorkingCalendar } from "../calendar.ts";
import type { Category } from "../directory.ts";
import type { RegionSource, RequestKind } from "../vocabulary.ts";
import type { Actor } from "./actor.ts";
import type { Case } from "./case.ts";
import { caseClassFor } from "./case-class.ts";
import { acceptanceDeadline } from "./deadlines.ts";
import type { Notification } from "./notifications.ts";
import type { TimelineEntry } from "./timeline.ts";

export interface NewCase {
  readonly trackingNo: string;
  readonly category: Pick<Category, "code" | "class">;
  readonly regionCode: string | null;
  /**
   * How the intake found the region: the citizen's words or location, or the clerk who
   * registered their call (a clerk's correction of a filed case comes later, through `decide`).
   */
  readonly regionSource: RegionSource | null;
  readonly isEmergency: boolean;
  readonly requestKind: RequestKind;
}

export interface OpenedCase {
  readonly case: Case;
  readonly timeline: readonly TimelineEntry[];
  readonly notifications: readonly Notification[];
  /** True when the acceptance deadline was computed beyond the calendar data, on weekends only. */
  readonly beyondCalendar: boolean;
}

/**
 * A submitted case with its acceptance deadline (15 days), its class taken
 * from the category, the "submitted" timeline entry and the citizen's receipt.
 * Never throws for a valid calendar.
 */
export function openCase(
  input: NewCase,
  actor: Actor,
  now: Date,
  calendar: WorkingCalendar,
): OpenedCase {
  const acceptance = acceptanceDeadline(calendar, now);
  const opened: Case = {
    trackingNo: input.trackingNo,
    status: "submitted",
    caseClass: caseClassFor(input.category),
    categoryCode: input.category.code,
    regionCode: input.regionCode,
    regionSource: input.regionCode === null ? null : input.regionSource,
    unitId: null,
    isEmergency: input.isEmergency,
    requestKind: input.requestKind,
    submittedAt: now,
    acceptanceDueAt: acceptance.at,
    decidedAt: null,
    acceptedAt: null,
    handlingDueAt: null,
    extensionDays: 0,
    extensionReason: null,
    returnDueAt: null,
    answeredAt: null,
    answerOutcome: null,
    answerText: null,
    answerPromisedBy: null,
    followUpAt: null,
    reviewStage: 0,
    reviewRequestedAt: null,
    reviewDueAt: null,
    closedAt: null,
    mergedIntoTrackingNo: null,
    notAcceptedReason: null,
    notAcceptedChannel: null,
    solved: null,
    satisfaction: null,
    ratedAt: null,
    urgeCount: 0,
    lastUrgedAt: null,
  };
  return {
    case: opened,
    timeline: [
      {
        kind: "submitted",
        data: null,
        actor: { kind: actor.kind, id: actor.id },
        at: now,
        note: null,
        fromStatus: "submitted",
        toStatus: "submitted",
      },
    ],
    notifications: [
      {
        to: { kind: "citizen" },
        kind: "received",
        trackingNo: input.trackingNo,
        status: "submitted",
        nextStep: "await_decision",
        dueAt: acceptance.at,
        dueDate: acceptance.date,
        details: { caseClass: opened.caseClass },
      },
    ],
    beyondCalendar: acceptance.beyondCalendar,
  };
}
