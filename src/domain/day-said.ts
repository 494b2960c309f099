/**
 * A day to come as a person types it alone in a chat: "12月20日", "12月20号前", "2026-12-20",
 * "12/20", "20号", "明天", "下周五", "tomorrow". Written here rather than reusing the intake's
 * occurred-at reading (intake/occurred-at.ts), which looks back: it reads a day without a year as
 * the latest one passed and finds times inside long descriptions, while a promised day is ahead
 * and typed on its own (its reader of numbers, "二十", is shared).
 */
import { toHalfWidth } from "./half-width.ts";
import { parseNumber } from "./intake/occurred-at.ts";
import { addDays, isLocalDate, localDateOf, weekdayOf, type LocalDate } from "./calendar.ts";

/** "20", "二十", "十二": a month or a day's number, said exactly; NaN when not one. */
function numberSaid(raw: string): number {
  const said = parseNumber(raw);
  return said && !said.approximate ? said.value : Number.NaN;
}

/** The day y-m-d, or null when there is no such day (2月30日). */
function dayOf(y: number, m: number, d: number): LocalDate | null {
  const day = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  return isLocalDate(day) ? day : null;
}

/** Month m, day d next coming from `today` on (today itself included). */
function nextMonthDay(today: LocalDate, m: number, d: number): LocalDate | null {
  const year = Number(today.slice(0, 4));
  const day = dayOf(year, m, d);
  return day !== null && day >= today ? day : dayOf(year + 1, m, d);
}

/** Day d of this month, or of the next when it has passed. */
function nextDayOfMonth(today: LocalDate, d: number): LocalDate | null {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const day = dayOf(y, m, d);
  if (day !== null && day >= today) return day;
  return m === 12 ? dayOf(y + 1, 1, d) : dayOf(y, m + 1, d);
}

const NUM = "(\\d{1,2}|[一二两三]?十?[一二三四五六七八九]?)";
const WEEKDAYS = "日一二三四五六";

/**
 * Weekday w (0 Sunday … 6 Saturday) of the week `weeks` after today's, weeks running Monday
 * to Sunday as said in Chinese: "下周五" is the Friday of the next week.
 */
function weekdayIn(today: LocalDate, w: number, weeks: number): LocalDate {
  const monday = addDays(today, -((weekdayOf(today) + 6) % 7));
  return addDays(monday, weeks * 7 + ((w + 6) % 7));
}

const RELATIVE: Readonly<Record<string, number>> = {
  今天: 0,
  今日: 0,
  明天: 1,
  明日: 1,
  后天: 2,
  大后天: 3,
  today: 0,
  tomorrow: 1,
};

/**
 * The day `text` says, seen from `now` (Shanghai days), or null when it says no day: a
 * month-day without its year is the next such day (today included), a weekday alone the next
 * such day, "本周X" / "下周X" that of this / the next week.
 */
export function daySaid(text: string, now: Date): LocalDate | null {
  const today = localDateOf(now);
  // "12月20日前", "12/20 之前": the promise is by the day.
  const words = toHalfWidth(text)
    .trim()
    .toLowerCase()
    .replace(/\s*(?:之前|以前|前)$/u, "")
    .replace(/[。.!！]$/u, "")
    .trim();
  if (words in RELATIVE) return addDays(today, RELATIVE[words]!);
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/u.exec(words);
  if (m) return dayOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = new RegExp(`^${NUM}\\s*[-/.月]\\s*${NUM}\\s*[日号]?$`, "u").exec(words);
  if (m) return nextMonthDay(today, numberSaid(m[1]!), numberSaid(m[2]!));
  m = new RegExp(`^${NUM}\\s*[日号]$`, "u").exec(words);
  if (m) return nextDayOfMonth(today, numberSaid(m[1]!));
  m = /^(本|这|下下?)?个?(?:周|星期|礼拜)([一二三四五六日天1-7])$/u.exec(words);
  if (m) {
    const said = m[2]!;
    const w = /\d/u.test(said) ? Number(said) % 7 : said === "天" ? 0 : WEEKDAYS.indexOf(said);
    if (m[1] === undefined) {
      const day = weekdayIn(today, w, 0);
      return day >= today ? day : weekdayIn(today, w, 1);
    }
    return weekdayIn(today, w, m[1] === "下下" ? 2 : m[1] === "下" ? 1 : 0);
  }
  return null;
}
