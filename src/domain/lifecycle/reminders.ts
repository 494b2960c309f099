/**
 * Reminders and escalations: the holder of a case is reminded 3 days before
 * its due date; an overdue case is escalated to the clerks once a (Shanghai)
 * day until it moves on. The scheduler asks `dueAlerts` and records each
 * alert through `decide` (commands remind / escalate).
 */
import { addDays, daysBetween, localDateOf, startOfLocalDay } from "../calendar.ts";
import type { Case } from "./case.ts";
import { DEADLINE_RULES, isPast } from "./deadlines.ts";
import type { DeadlineClock, Recipient } from "./notifications.ts";

/** The deadline a case is currently running against, and who holds it. */
export interface RunningClock {
  readonly clock: DeadlineClock;
  readonly dueAt: Date;
  /** The unit when a unit has the case, otherwise the clerks. */
  readonly holder: Recipient;
}

/** When the case was last reminded and escalated (from its timeline); null when never. */
export interface AlertHistory {
  readonly lastReminderAt: Date | null;
  readonly lastEscalationAt: Date | null;
}

export type Alert =
  | {
      readonly kind: "reminder";
      readonly clock: DeadlineClock;
      readonly dueAt: Date;
      readonly to: Recipient;
    }
  | {
      readonly kind: "escalation";
      readonly clock: DeadlineClock;
      readonly dueAt: Date;
      /** Shanghai days since the due date. */
      readonly overdueDays: number;
      readonly to: { readonly kind: "clerks" };
    };

type ClockFields = Pick<
  Case,
  "status" | "unitId" | "acceptanceDueAt" | "handlingDueAt" | "reviewDueAt"
>;

/**
 * The clock the case runs on in its status: the acceptance decision while
 * submitted, the handling period while accepted, with a unit or returned, the
 * review period under review; null in every other status.
 */
export function runningClock(subject: ClockFields): RunningClock | null {
  const holder: Recipient =
    subject.unitId === null ? { kind: "clerks" } : { kind: "unit", unitId: subject.unitId };
  switch (subject.status) {
    case "submitted":
      return { clock: "acceptance", dueAt: subject.acceptanceDueAt, holder: { kind: "clerks" } };
    case "accepted":
    case "returned":
    case "assigned":
    case "in_progress":
      return subject.handlingDueAt === null
        ? null
        : { clock: "handling", dueAt: subject.handlingDueAt, holder };
    case "under_review":
      return subject.reviewDueAt === null
        ? null
        : { clock: "review", dueAt: subject.reviewDueAt, holder };
    default:
      return null;
  }
}

/**
 * True when the deadline the case runs against now has passed (超期): still running, due
 * before `now` (due this very moment is not yet late). A settled case is never overdue, however
 * late it was settled. The dashboard counts the same cases in SQL ("runningDueAt" < now).
 */
export function isOverdue(subject: ClockFields, now: Date): boolean {
  const running = runningClock(subject);
  return running !== null && isPast(running.dueAt, now);
}

/**
 * The alerts due now: at most one reminder (from the start of the 3rd day
 * before the due date, if none was sent since then) and at most one escalation
 * (once overdue, if none was sent this Shanghai day or since the due date).
 */
export function dueAlerts(subject: ClockFields, history: AlertHistory, now: Date): Alert[] {
  const running = runningClock(subject);
  if (running === null) return [];
  const { clock, dueAt, holder } = running;
  const dueDate = localDateOf(dueAt);

  if (isPast(dueAt, now)) {
    const last = history.lastEscalationAt;
    const alreadyToday =
      last !== null && last.getTime() > dueAt.getTime() && localDateOf(last) === localDateOf(now);
    if (alreadyToday) return [];
    const overdueDays = daysBetween(dueDate, localDateOf(now));
    return [{ kind: "escalation", clock, dueAt, overdueDays, to: { kind: "clerks" } }];
  }

  const windowOpens = startOfLocalDay(addDays(dueDate, -DEADLINE_RULES.reminderLeadDays));
  if (now.getTime() < windowOpens.getTime()) return [];
  const last = history.lastReminderAt;
  if (last !== null && last.getTime() >= windowOpens.getTime()) return [];
  return [{ kind: "reminder", clock, dueAt, to: holder }];
}

/**
 * When `dueAlerts` will next have an alert for this case, if nothing changes:
 * the opening of the reminder window (unless reminded since it opened), the
 * first instant past the due date, or — escalated since the due date — the
 * start of the next Shanghai day after the last escalation. Null when no clock
 * runs. Before this instant `dueAlerts` returns nothing; from it on, an alert.
 * The scheduler reads only the cases whose time has come (an indexed column).
 */
export function nextAlertAt(subject: ClockFields, history: AlertHistory): Date | null {
  const running = runningClock(subject);
  if (running === null) return null;
  const { dueAt } = running;
  const lastEscalation = history.lastEscalationAt;
  // Escalated since the due date: past it, reminders no longer come; the next escalation does.
  if (lastEscalation !== null && lastEscalation.getTime() > dueAt.getTime()) {
    return startOfLocalDay(addDays(localDateOf(lastEscalation), 1));
  }
  const firstOverdue = new Date(dueAt.getTime() + 1);
  const windowOpens = startOfLocalDay(
    addDays(localDateOf(dueAt), -DEADLINE_RULES.reminderLeadDays),
  );
  const last = history.lastReminderAt;
  const reminded = last !== null && last.getTime() >= windowOpens.getTime();
  return reminded ? firstOverdue : windowOpens;
}
