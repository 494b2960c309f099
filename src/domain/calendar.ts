/**
 * Working days of the People's Republic of China: weekends, public holidays
 * and the make-up working days (调休) of the State Council's yearly notice.
 * Every calendar day here is an Asia/Shanghai day. The data come from
 * src/calendar/cn-<year>.yaml; this module only does the arithmetic.
 */
import { DAY_MS, SHANGHAI_OFFSET_MS, shanghaiDateTime } from "./shanghai-time.ts";
import { AppError } from "../errors.ts";

/** A calendar day in Asia/Shanghai, written YYYY-MM-DD. */
export type LocalDate = string;

/** One festival of a year's notice: the days off and the Saturdays/Sundays worked instead. */
export interface Festival {
  readonly name: string;
  readonly nameEn: string;
  /** First day off, inclusive. */
  readonly from: LocalDate;
  /** Last day off, inclusive. */
  readonly to: LocalDate;
  /** Weekend days that are working days because of this festival (调休上班). */
  readonly makeUpWorkdays: readonly LocalDate[];
}

/** The State Council's schedule for one year. */
export interface CalendarYear {
  readonly year: number;
  /** Where the dates come from (notice title, number, date). */
  readonly source: string;
  readonly festivals: readonly Festival[];
}

/**
 * Holidays and make-up working days of the years in the data. Outside those
 * years only weekends are rest days; `years` tells which years are covered and
 * every computation reports when it had to go beyond them.
 */
export interface WorkingCalendar {
  /** The covered years, ascending. */
  readonly years: readonly number[];
  /** Rest days that would otherwise be working days, with their festival's name. */
  readonly holidays: ReadonlyMap<LocalDate, string>;
  /** Weekend days that are working days, with the festival they make up for. */
  readonly makeUpWorkdays: ReadonlyMap<LocalDate, string>;
}

export type DayKind = "workday" | "weekend" | "holiday" | "makeup_workday";

export interface DayInfo {
  readonly date: LocalDate;
  readonly kind: DayKind;
  readonly working: boolean;
  /** The festival of a holiday or a make-up working day. */
  readonly festival: string | null;
  /** False when the year is not in the calendar data: the day is judged by weekends only. */
  readonly covered: boolean;
}

/** The result of working-day arithmetic. */
export interface CalendarResult {
  readonly date: LocalDate;
  /** True when a day outside the covered years was counted on weekends only. */
  readonly beyondCalendar: boolean;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isLocalDate(value: string): boolean {
  if (!LOCAL_DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** The Asia/Shanghai calendar day of an instant. */
export function localDateOf(instant: Date): LocalDate {
  return shanghaiDateTime(instant).slice(0, 10);
}

/** The first instant (00:00) of a Shanghai day. */
export function startOfLocalDay(date: LocalDate): Date {
  return new Date(utcMidnight(date) - SHANGHAI_OFFSET_MS);
}

/** The last millisecond (23:59:59.999) of a Shanghai day: the instant a deadline on that day expires. */
export function endOfLocalDay(date: LocalDate): Date {
  return new Date(utcMidnight(date) - SHANGHAI_OFFSET_MS + DAY_MS - 1);
}

/** The day `days` calendar days after `date` (before it when negative). */
export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: LocalDate): number {
  return new Date(utcMidnight(date)).getUTCDay();
}

/**
 * Builds a calendar from yearly schedules.
 * @throws AppError("input.invalid") when a year appears twice, a date is not a
 * real date, a festival ends before it starts, a day is both off and worked,
 * or a make-up working day is not a Saturday or Sunday.
 */
export function createWorkingCalendar(years: readonly CalendarYear[]): WorkingCalendar {
  const holidays = new Map<LocalDate, string>();
  const makeUpWorkdays = new Map<LocalDate, string>();
  const covered = new Set<number>();
  const invalid = (year: number, message: string) =>
    new AppError("input.invalid", `calendar ${year}: ${message}`);

  for (const { year, festivals } of years) {
    if (covered.has(year)) throw invalid(year, "the year appears twice");
    covered.add(year);
    for (const festival of festivals) {
      for (const date of [festival.from, festival.to, ...festival.makeUpWorkdays]) {
        if (!isLocalDate(date)) throw invalid(year, `"${date}" is not a date (YYYY-MM-DD)`);
      }
      if (festival.to < festival.from) {
        throw invalid(year, `${festival.name} ends (${festival.to}) before it starts`);
      }
      for (let day = festival.from; day <= festival.to; day = addDays(day, 1)) {
        if (holidays.has(day)) throw invalid(year, `${day} is off for two festivals`);
        holidays.set(day, festival.name);
      }
      for (const day of festival.makeUpWorkdays) {
        const weekday = weekdayOf(day);
        if (weekday !== 0 && weekday !== 6) {
          throw invalid(
            year,
            `make-up working day ${day} of ${festival.name} is not a weekend day`,
          );
        }
        makeUpWorkdays.set(day, festival.name);
      }
    }
  }
  for (const day of makeUpWorkdays.keys()) {
    if (holidays.has(day))
      throw new AppError("input.invalid", `calendar: ${day} is both off and worked`);
  }
  return { years: [...covered].sort((a, b) => a - b), holidays, makeUpWorkdays };
}

/** True when the calendar data cover the year of `date`. */
export function coversDate(calendar: WorkingCalendar, date: LocalDate): boolean {
  return calendar.years.includes(Number(date.slice(0, 4)));
}

/** What kind of day `date` is. Beyond the covered years, weekends are the only rest days. */
export function describeDay(calendar: WorkingCalendar, date: LocalDate): DayInfo {
  const covered = coversDate(calendar, date);
  const holiday = calendar.holidays.get(date);
  if (holiday !== undefined) {
    return { date, kind: "holiday", working: false, festival: holiday, covered };
  }
  const makeUp = calendar.makeUpWorkdays.get(date);
  if (makeUp !== undefined) {
    return { date, kind: "makeup_workday", working: true, festival: makeUp, covered };
  }
  const weekday = weekdayOf(date);
  const weekend = weekday === 0 || weekday === 6;
  return {
    date,
    kind: weekend ? "weekend" : "workday",
    working: !weekend,
    festival: null,
    covered,
  };
}

/** True for a working day (a weekday that is not a holiday, or a make-up working day). */
export function isWorkingDay(calendar: WorkingCalendar, date: LocalDate): boolean {
  return describeDay(calendar, date).working;
}

/**
 * The `days`-th working day after `from` (`from` itself is not counted).
 * @throws AppError("input.invalid") when `days` is not a positive integer.
 */
export function addWorkingDays(
  calendar: WorkingCalendar,
  from: LocalDate,
  days: number,
): CalendarResult {
  if (!Number.isInteger(days) || days < 1) {
    throw new AppError("input.invalid", `working days must be a positive integer, not ${days}`);
  }
  let date = from;
  let counted = 0;
  let beyondCalendar = false;
  while (counted < days) {
    date = addDays(date, 1);
    const day = describeDay(calendar, date);
    if (!day.covered) beyondCalendar = true;
    if (day.working) counted++;
  }
  return { date, beyondCalendar };
}

/** `date` itself when it is a working day, otherwise the first working day after it. */
export function workingDayOnOrAfter(calendar: WorkingCalendar, date: LocalDate): CalendarResult {
  let day = describeDay(calendar, date);
  let beyondCalendar = !day.covered;
  while (!day.working) {
    day = describeDay(calendar, addDays(day.date, 1));
    if (!day.covered) beyondCalendar = true;
  }
  return { date: day.date, beyondCalendar };
}

function utcMidnight(date: LocalDate): number {
  const time = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(time))
    throw new AppError("input.invalid", `"${date}" is not a date (YYYY-MM-DD)`);
  return time;
}
