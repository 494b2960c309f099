/**
 * The deadlines of 《信访工作条例》 and of the 12345 hotline practice, computed
 * on Asia/Shanghai days. A period of N days starts the day after its event and
 * expires at the end (23:59:59.999) of its last day.
 */
import {
  addDays,
  addWorkingDays,
  endOfLocalDay,
  localDateOf,
  workingDayOnOrAfter,
  type LocalDate,
  type WorkingCalendar,
} from "../calendar.ts";
import { AppError } from "../../errors.ts";
import type { RequestKind } from "../vocabulary.ts";

export const DEADLINE_RULES = {
  /** Calendar days from submission to the acceptance decision. */
  acceptanceDays: 15,
  /** Calendar days from acceptance to the answer. */
  handlingDays: 60,
  /** Working days from acceptance to the answer of a consultation (咨询), 12345 practice. */
  consultationAnswerWorkingDays: 5,
  /** The one extension, in calendar days, at most. */
  maxExtensionDays: 30,
  /** Calendar days after an answer in which the citizen may ask for 复查 / 复核. */
  reviewRequestDays: 30,
  /** Calendar days to answer a 复查 / 复核 request. */
  reviewAnswerDays: 30,
  /** Working days in which a unit may return a case outside its duties. */
  returnWorkingDays: 5,
  /** Calendar days before a due date when the holder is reminded. */
  reminderLeadDays: 3,
} as const;

/** Whether `days` may be the one extension: whole calendar days, 1 to maxExtensionDays. */
export function isExtensionDays(days: number): boolean {
  return Number.isInteger(days) && days >= 1 && days <= DEADLINE_RULES.maxExtensionDays;
}

export interface Deadline {
  /** The instant the period expires: the end of `date` in Asia/Shanghai. */
  readonly at: Date;
  readonly date: LocalDate;
  /** True when a day beyond the calendar data was judged on weekends only. */
  readonly beyondCalendar: boolean;
}

/**
 * A period of `days` calendar days after `from`. When its last day is a rest
 * day (weekend or public holiday, but not a 调休 working day) it runs to the end
 * of the next working day, as 《民法典》 art. 203 rules for every period.
 * @throws AppError("input.invalid") when `days` is not a positive integer.
 */
export function calendarDaysDeadline(
  calendar: WorkingCalendar,
  from: Date,
  days: number,
): Deadline {
  if (!Number.isInteger(days) || days < 1) {
    throw new AppError("input.invalid", `a period must be a positive number of days, not ${days}`);
  }
  const last = workingDayOnOrAfter(calendar, addDays(localDateOf(from), days));
  return { at: endOfLocalDay(last.date), date: last.date, beyondCalendar: last.beyondCalendar };
}

/**
 * A period of `days` working days after `from` (the day of `from` never counts).
 * @throws AppError("input.invalid") when `days` is not a positive integer.
 */
export function workingDaysDeadline(calendar: WorkingCalendar, from: Date, days: number): Deadline {
  const last = addWorkingDays(calendar, localDateOf(from), days);
  return { at: endOfLocalDay(last.date), date: last.date, beyondCalendar: last.beyondCalendar };
}

/** The clerks decide on acceptance within 15 days of submission. */
export function acceptanceDeadline(calendar: WorkingCalendar, submittedAt: Date): Deadline {
  return calendarDaysDeadline(calendar, submittedAt, DEADLINE_RULES.acceptanceDays);
}

/**
 * The unit answers a complaint within 60 days of acceptance, plus the extension if one was
 * granted; a consultation (咨询) within 5 working days, never extended.
 */
export function handlingDeadline(
  calendar: WorkingCalendar,
  acceptedAt: Date,
  requestKind: RequestKind,
  extensionDays = 0,
): Deadline {
  if (requestKind === "consultation") {
    return workingDaysDeadline(calendar, acceptedAt, DEADLINE_RULES.consultationAnswerWorkingDays);
  }
  return calendarDaysDeadline(calendar, acceptedAt, DEADLINE_RULES.handlingDays + extensionDays);
}

/** A unit may return a case outside its duties within 5 working days of receiving it. */
export function returnDeadline(calendar: WorkingCalendar, assignedAt: Date): Deadline {
  return workingDaysDeadline(calendar, assignedAt, DEADLINE_RULES.returnWorkingDays);
}

/** The citizen may ask for 复查 (or 复核) within 30 days of the answer. */
export function reviewRequestDeadline(calendar: WorkingCalendar, answeredAt: Date): Deadline {
  return calendarDaysDeadline(calendar, answeredAt, DEADLINE_RULES.reviewRequestDays);
}

/** A 复查 or 复核 request is answered within 30 days of its receipt. */
export function reviewAnswerDeadline(calendar: WorkingCalendar, requestedAt: Date): Deadline {
  return calendarDaysDeadline(calendar, requestedAt, DEADLINE_RULES.reviewAnswerDays);
}

/** True once the deadline has expired. */
export function isPast(deadline: Date, now: Date): boolean {
  return now.getTime() > deadline.getTime();
}
