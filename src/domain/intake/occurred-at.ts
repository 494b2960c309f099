/**
 * When the matter happened, understood from the citizen's words: 昨天, 前天下午, 3天前,
 * 上周三, 半个月前, 10月5号, 20号, 2025-10-05, 去年8月…
 *
 * Hand-written on purpose. chrono-node 2.10 (zh.hans) was tried: it computes 今天/昨天 in
 * the server's time zone rather than Asia/Shanghai (wrong between 00:00 and 08:00 Beijing
 * time on a UTC server), ignores "Asia/Shanghai" as a timezone name, puts "12月5号" in the
 * future instead of last year, reads 三四天前 as 8 days, and misses 上礼拜, 昨儿, 前年,
 * 一周前, 20号, 上个月, 前几天. A complaint's time is always in the past, in Beijing time;
 * these rules say exactly that.
 */
import { LunarDay, LunarMonth, SolarTerm } from "tyme4ts";
import { addDays as addLocalDays, type LocalDate, type WorkingCalendar } from "../calendar.ts";
import { CN_DIGITS, chineseNumeral } from "../chinese-numerals.ts";
import { toHalfWidth } from "../half-width.ts";
import { shanghaiWallClock } from "../shanghai-time.ts";
import type { TimePrecision } from "../vocabulary.ts";

export interface OccurredAt {
  /** The citizen's own words, as matched ("前天下午"). */
  readonly text: string;
  /** Calendar date in Beijing time, YYYY-MM-DD. */
  readonly date: string;
  /** HH:mm when a clock time was given ("晚上8点"), else null. */
  readonly time: string | null;
  /**
   * The hour the part of the day said begins, when no clock time was given ("今天下午": 13,
   * "今晚": 18; PART_OF_DAY_BEGINS): today's part of the day not yet begun lies ahead.
   */
  readonly partBegins?: number;
  /** True for vague expressions (上周, 前几天, 上个月, 去年). */
  readonly approximate: boolean;
  /**
   * How much of `date` the words said: a day, or only its month (三个月前), season (去年夏天) or
   * year (去年); readers show the date no more precisely.
   */
  readonly precision: TimePrecision;
}

/**
 * A time the citizen said with no day in it, as the answer to the time question ("好长时间了",
 * "打我搬来就这样", "半夜两三点"): their own words are the time; there is no instant to count from.
 */
export interface UndatedTime {
  readonly text: string;
  readonly date: null;
  /**
   * It happens again and again and still does ("天天都这样", "每天晚上"): readers say it goes
   * on until now, so that no one takes the day it was said for the day it began.
   */
  readonly ongoing: boolean;
}

/** When the matter happened as a case keeps it: a day, or the citizen's words without one. */
export type TimeSaid = OccurredAt | UndatedTime;

/** Whether the time said goes on again and again until now ("天天都这样"). */
export function isOngoing(when: TimeSaid | null): boolean {
  return when?.date === null && when.ongoing;
}

interface Day {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

/** Today's calendar date in Beijing. */
export function beijingToday(now: Date): Day {
  const shifted = shanghaiWallClock(now);
  return { y: shifted.getUTCFullYear(), m: shifted.getUTCMonth() + 1, d: shifted.getUTCDate() };
}

/**
 * True when the time said is still ahead of `now`: a later day, or a clock time or part of the
 * day later today ("今天下午三点", "今天下午" said at nine in the morning).
 */
export function liesAhead(when: OccurredAt, now: Date): boolean {
  const today = beijingDateString(now);
  if (when.date !== today) return when.date > today;
  const clock = shanghaiWallClock(now);
  if (when.time !== null) return when.time > clock.toISOString().slice(11, 16);
  return (when.partBegins ?? 0) > clock.getUTCHours();
}

/** YYYY-MM-DD of today in Beijing. */
export function beijingDateString(now: Date): string {
  return formatDay(beijingToday(now));
}

function formatDay(day: Day): string {
  return `${day.y}-${String(day.m).padStart(2, "0")}-${String(day.d).padStart(2, "0")}`;
}

function fromUtc(ms: number): Day {
  const date = new Date(ms);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

function addDays(day: Day, days: number): Day {
  return fromUtc(Date.UTC(day.y, day.m - 1, day.d + days));
}

function addMonths(day: Day, months: number): Day {
  const target = new Date(Date.UTC(day.y, day.m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0));
  return {
    y: target.getUTCFullYear(),
    m: target.getUTCMonth() + 1,
    d: Math.min(day.d, lastDay.getUTCDate()),
  };
}

/** A real calendar date, or null (2月30号). */
function makeDay(y: number, m: number, d: number): Day | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 ? { y, m, d } : null;
}

function compare(a: Day, b: Day): number {
  return Date.UTC(a.y, a.m - 1, a.d) - Date.UTC(b.y, b.m - 1, b.d);
}

/** Monday = 1 … Sunday = 7. */
function weekday(day: Day): number {
  const js = new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay();
  return js === 0 ? 7 : js;
}

/** "3", "十一", "二十五", "两" → number; "几" → 3 and "三四" → 4, both approximate. */
export function parseNumber(raw: string): { value: number; approximate: boolean } | null {
  if (/^\d+$/.test(raw)) return { value: Number(raw), approximate: false };
  if (raw === "几") return { value: 3, approximate: true };
  if (raw === "半") return { value: 0.5, approximate: false };
  if (raw === "十几") return { value: 15, approximate: true };
  if (/^[一二两三四五六七八九]{2}$/.test(raw)) {
    return { value: Math.max(CN_DIGITS[raw[0]!]!, CN_DIGITS[raw[1]!]!), approximate: true };
  }
  if (/^[一二三四五六七八九]?十[一二三四五六七八九]?$/u.test(raw)) {
    return { value: chineseNumeral(raw), approximate: false };
  }
  if (raw.length === 1 && raw in CN_DIGITS) return { value: CN_DIGITS[raw]!, approximate: false };
  return null;
}

const NUM = "(\\d{1,4}|[零一二两俩三四五六七八九十几半]{1,3})";
/** Between an amount and its unit: 个, and 多 or 来 ("about": 十来天, 一个来月, 两个多月). */
const ABOUT_UNIT = "(?:个[多来]?|[多来]个?)?";
const WEEKDAY = "([一二三四五六日天1-7])";
const WEEK = "(?:周|星期|礼拜)";

function weekdayNumber(raw: string): number {
  if (/^[1-7]$/.test(raw)) return Number(raw);
  return raw === "日" || raw === "天" ? 7 : CN_DIGITS[raw]!;
}

interface Found {
  readonly day: Day;
  readonly approximate: boolean;
  /** How much of `day` the words said; absent: the day itself. */
  readonly precision?: TimePrecision;
  /** Part of day implied by the words themselves (昨晚 → evening). */
  readonly evening?: boolean;
  /** What words that name no day were read as, kept beside them (节前 → 国庆节). */
  readonly readAs?: string;
}

interface Rule {
  readonly pattern: RegExp;
  /** `hour`: the hour now in Beijing, for a part of today not yet come. */
  readonly build: (match: RegExpExecArray, today: Day, hour: number) => Found | null;
}

/** The most recent (y, m, d) not after today, for a month-day given without a year. */
function pastMonthDay(today: Day, m: number, d: number): Day | null {
  const thisYear = makeDay(today.y, m, d);
  if (thisYear && compare(thisYear, today) <= 0) return thisYear;
  return makeDay(today.y - 1, m, d);
}

/**
 * The day a matter began that has lasted `amount` `unit`s until today; null for "5月" (a month's
 * name). "这两天", "最近三天" are about so long, not to the day.
 */
function sinceDuration(amount: string, unit: string, words: string, today: Day): Found | null {
  const n = parseNumber(amount);
  // 三月 is March; 俩月, 两月 and 半月 can only be how long.
  if (!n || (unit === "月" && !/个|[俩两半]月/u.test(words))) return null;
  if (unit === "天" || unit === "日") {
    const about = n.approximate || /^\s*(?:最近|近|这)|[多来]/u.test(words);
    return { day: addDays(today, -Math.round(n.value)), approximate: about };
  }
  // "2023年" names a year; no matter has lasted a hundred years.
  if (unit === "年") return n.value < 100 ? yearsAgo(n.value, today) : null;
  if (unit === "月") return monthsAgo(n.value, today);
  return { day: addDays(today, Math.round(-7 * n.value)), approximate: true };
}

/** So many months ago: that month (半个月 is about a day). */
function monthsAgo(months: number, today: Day): Found {
  if (months === 0.5) return { day: addDays(today, -15), approximate: true };
  return { day: addMonths(today, -Math.round(months)), approximate: true, precision: "month" };
}

/** So many years ago: that year (半年 is about a month). */
function yearsAgo(years: number, today: Day): Found {
  const day = addMonths(today, -Math.round(years * 12));
  return { day, approximate: true, precision: years < 1 ? "month" : "year" };
}

const EN_MONTHS = [
  "jan",
  "feb",
  "mar",
  "apr",
  "may",
  "jun",
  "jul",
  "aug",
  "sep",
  "oct",
  "nov",
  "dec",
] as const;
const EN_WEEKDAYS = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
] as const;

/** 1–12 for a month's English name or its first three letters. */
function englishMonth(name: string): number {
  return EN_MONTHS.findIndex((month) => name.toLowerCase().startsWith(month)) + 1;
}

/** An amount in English words or digits ("two", "a few", "12"). */
const EN_AMOUNT =
  "(\\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|few|several|a couple of|a couple|couple of)";

const EN_NUMBERS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

/** The day that lies `amount` `unit`s (English words) before today. */
function englishSince(amount: string, unit: string, today: Day): Found {
  const word = amount.toLowerCase();
  const vague = word.endsWith("few") || word === "several" || word.includes("couple");
  const n = word.includes("couple") ? 2 : vague ? 3 : (EN_NUMBERS[word] ?? Number(word));
  switch (unit.toLowerCase()) {
    case "day":
      return { day: addDays(today, -n), approximate: vague };
    case "week":
      return { day: addDays(today, -7 * n), approximate: true };
    case "month":
      return monthsAgo(n, today);
    default:
      return yearsAgo(n, today);
  }
}

/** A time said as a year alone: this year from its first day, another from its middle. */
/** "23年" said in 2026 is 2023; "98年" is 1998 (no one tells of a year to come as past). */
function fullYear(twoDigits: number, today: Day): number {
  const century = today.y - (today.y % 100);
  return century + twoDigits > today.y ? century - 100 + twoDigits : century + twoDigits;
}

function inYear(year: number, today: Day): Found {
  const day = year === today.y ? { y: year, m: 1, d: 1 } : { y: year, m: 7, d: 1 };
  return { day, approximate: true, precision: "year" };
}

/**
 * A year said as 今年, 去年, 前年, 大前年 or by its number, in four digits or two ("2023年", "23年"):
 * see YEAR_SAID. Two digits only before a month, a season or a part of the year ("23年3月",
 * "23年底"): alone, "23年" is as often a number of years ("都23年了").
 */
const YEAR_SAID = "(今年|去年|大前年|前年|(?:19|20)\\d{2}年|(?<!\\d)\\d{2}年)";

/** A year by two digits as the whole answer ("23年", "大概是98年"): a year, not so many years. */
const YEAR_ALONE = /^\s*(?:大概|应该|可能|就)?是?(\d{2})年(?=[。.!！~～…]*\s*$)/u;

function yearWord(word: string | undefined, today: Day): number | null {
  const numbered = /^(\d{4})年$/u.exec(word ?? "");
  if (numbered) return Number(numbered[1]);
  const twoDigits = /^(\d{2})年$/u.exec(word ?? "");
  if (twoDigits) return fullYear(Number(twoDigits[1]), today);
  if (word === "去年") return today.y - 1;
  if (word === "前年") return today.y - 2;
  if (word === "大前年") return today.y - 3;
  if (word === "今年") return today.y;
  return null;
}

/**
 * The day a part of a month (月初, 上旬, 中旬, 下旬, 月底…) begins in month `n` of year `y`; 底 and
 * 末 are its last day.
 */
function partOfMonth(y: number, n: number, part: string): Day | null {
  const first = makeDay(y, n, 1);
  if (!first) return null;
  if (part === "底" || part === "末") return addDays(addMonths(first, 1), -1);
  return makeDay(y, n, /中/u.test(part) ? 11 : part === "下旬" ? 21 : 1);
}

/** A day as tyme4ts gives it. */
function dayOf(solar: { getYear(): number; getMonth(): number; getDay(): number }): Day {
  return { y: solar.getYear(), m: solar.getMonth(), d: solar.getDay() };
}

/**
 * A day of the Chinese calendar (month, day) in the Gregorian year `year` — 中秋 is 8-15 —,
 * `shift` days away (除夕 is the day before 正月初一). tyme4ts computes it from the moon and the
 * sun for any year, in Beijing time; ICU's Chinese calendar (Node's Intl, used here before)
 * puts the Spring Festival of 2027 and 2030 a day off, and a table would end.
 */
function lunar(month: number, day: number, shift = 0): (year: number) => readonly Day[] {
  return (year) => [addDays(dayOf(LunarDay.fromYmd(year, month, day).getSolarDay()), shift)];
}

/** A solar term's day in the Gregorian year `year` (tyme4ts counts a term year from 冬至). */
function solarTerm(name: string): (year: number) => readonly Day[] {
  return (year) =>
    [year, year + 1]
      .map((termYear) => dayOf(SolarTerm.fromName(termYear, name).getJulianDay().getSolarDay()))
      .filter((day) => day.y === year);
}

/** The months of the Chinese calendar by their names: 正月 is the first, 冬月 and 腊月 the last two. */
const LUNAR_MONTHS: Readonly<Record<string, number>> = {
  正: 1,
  冬: 11,
  腊: 12,
  十一: 11,
  十二: 12,
};

/** 初五 → 5, 十八 → 18, 廿三 → 23, 二十 → 20, 三十 → 30. */
function lunarDayNumber(said: string): number | null {
  const number = parseNumber(said.replace(/^初/u, "").replace(/^廿/u, "二十"));
  return number && !number.approximate ? number.value : null;
}

/** Days of a month said as a span: its first day and its middle, the day kept. */
interface DaysOfMonth {
  readonly first: number;
  readonly middle: number;
}

/** A month said without its day ("腊月"). */
const WHOLE_MONTH: DaysOfMonth = { first: 1, middle: 15 };

/**
 * A month of the Chinese calendar, some days of it, or a day of it, that the elderly and
 * villages count by ("去年腊月", "腊月二十几", "腊月二十三", "农历三月", "正月里"): in the lunar
 * year said (去年腊月 said in December 2026 is the one before the Spring Festival of 2026, in its
 * January), else the latest one begun by today. 今年 is the calendar year: "今年腊月" said in
 * December 2026, before the lunar year's own 腊月 (January 2027), is the one in January 2026.
 * Days said as a span are known to their Gregorian month, taken at their middle; a day is a day.
 */
function lunarMonthDay(
  yearSaid: number | null,
  month: number,
  days: number | DaysOfMonth,
  today: Day,
): Found | null {
  const candidates =
    yearSaid === null || yearSaid === today.y ? [today.y, today.y - 1] : [yearSaid];
  const first = typeof days === "number" ? days : days.first;
  for (const year of candidates) {
    if (yearSaid === today.y && solarOfLunar(year, month, 1)!.y !== today.y) continue;
    const begun = solarOfLunar(year, month, first);
    if (begun === null || compare(begun, today) > 0) continue;
    if (typeof days === "number") return { day: begun, approximate: false };
    return { day: solarOfLunar(year, month, days.middle)!, approximate: true, precision: "month" };
  }
  return null;
}

/**
 * The Gregorian day of a lunar year, month and day; a 30th said of a month of 29 days is its
 * last (腊月三十 is New Year's Eve, whichever its length).
 */
function solarOfLunar(year: number, month: number, day: number): Day | null {
  const days = LunarMonth.fromYm(year, month).getDayCount();
  if (day > 30) return null;
  return dayOf(LunarDay.fromYmd(year, month, Math.min(day, days)).getSolarDay());
}

/** A day with the same month and day every year. */
function yearly(m: number, d: number): (year: number) => readonly Day[] {
  return (y) => [{ y, m, d }];
}

/**
 * The solar terms citizens count from ("立冬以后", "冬至那天"). 雨水, 小雪, 大雪, 小暑, 大暑, 小寒
 * and 大寒 are left out: in a complaint they are the weather ("雨水倒灌", "下了大雪以后").
 */
const SOLAR_TERMS_SAID = [
  "立春",
  "惊蛰",
  "春分",
  "清明",
  "谷雨",
  "立夏",
  "小满",
  "芒种",
  "夏至",
  "立秋",
  "处暑",
  "白露",
  "秋分",
  "寒露",
  "霜降",
  "立冬",
  "冬至",
] as const;

interface Occasion {
  /** The Chinese words, a pattern. */
  readonly words: string;
  /** The English words, a pattern ("Mid-Autumn Festival"), for citizens who chose English. */
  readonly english?: string;
  /** The days it falls on in a Gregorian year. */
  readonly days: (year: number) => readonly Day[];
  /** A festival or a solar term is one known day ("中秋节那天": that day, not about). */
  readonly oneDay: boolean;
}

/**
 * Days of the year citizens count from ("开学以后", "过年以后", "中秋节前后", "立冬以后"): their
 * words and the days they fall on in a year; the latest such day not after today is meant.
 * School terms start around 1 March and 1 September.
 */
const OCCASIONS: readonly Occasion[] = [
  {
    words: "(?:这|本)学期(?:开学)?|开学",
    days: (y) => [...yearly(3, 1)(y), ...yearly(9, 1)(y)],
    oneDay: false,
  },
  {
    words: "过完年|过了年|过年|春节|大年初一|正月初一",
    english: "(?:the )?(?:Spring Festival|Chinese New Year|Lunar New Year)",
    days: lunar(1, 1),
    oneDay: true,
  },
  // 年前, 年后: the Spring Festival's, when 年 stands alone (not 两年前, 去年后半年), as the
  // whole answer or saying it began then ("年后就开始漏水"; "老板说年后再给" is a promise).
  {
    words:
      "(?<=^|[^\\p{Script=Han}]|[就是在从概约打自])年(?=[以之]?[前后](?:[就已便都一开起]|[吧了的]?[。.!！~～\\s]*$))",
    days: lunar(1, 1),
    oneDay: true,
  },
  {
    words: "除夕|大年三十|年三十",
    english: "Chinese New Year's Eve",
    days: lunar(1, 1, -1),
    oneDay: true,
  },
  {
    words: "元宵节?|正月十五",
    english: "(?:the )?Lantern Festival",
    days: lunar(1, 15),
    oneDay: true,
  },
  {
    words: "端午节?|五月节",
    english: "(?:the )?Dragon Boat Festival",
    days: lunar(5, 5),
    oneDay: true,
  },
  { words: "七夕节?", days: lunar(7, 7), oneDay: true },
  {
    words: "中秋节?|八月十五",
    english: "(?:the )?(?:Mid-?Autumn Festival|Moon Festival)",
    days: lunar(8, 15),
    oneDay: true,
  },
  { words: "重阳节?", days: lunar(9, 9), oneDay: true },
  {
    words: "清明节",
    english: "(?:the )?(?:Qingming(?: Festival)?|Tomb-?Sweeping Day)",
    days: solarTerm("清明"),
    oneDay: true,
  },
  ...SOLAR_TERMS_SAID.map((name) => ({ words: name, days: solarTerm(name), oneDay: true })),
  // 打春: how Henan's villages say 立春.
  { words: "打春", days: solarTerm("立春"), oneDay: true },
  // 开春: the start of spring, about then.
  { words: "开春", days: solarTerm("立春"), oneDay: false },
  { words: "元旦", english: "New Year's Day", days: yearly(1, 1), oneDay: true },
  { words: "五一|劳动节", english: "May Day|Labou?r Day", days: yearly(5, 1), oneDay: true },
  {
    // 十一 is National Day only where said as a day ("十一假期", "十一那天"): 十一月, 十一号 are not.
    words:
      "国庆节?(?:假期|长假|黄金周)?|十一(?:假期|长假|黄金周)|十一(?=前后|左右|以后|之后|过后|以来|以前|之前|开始|起|到现在|那会|那时|的时候|那天|当天|那几天|期间)",
    english: "(?:the )?National Day",
    days: yearly(10, 1),
    oneDay: true,
  },
  { words: "平安夜", english: "Christmas Eve", days: yearly(12, 24), oneDay: true },
  { words: "圣诞节?", english: "Christmas(?: Day)?", days: yearly(12, 25), oneDay: true },
  // The harvests a village counts by (Henan's wheat in early June, its maize in late
  // September, the wheat sown in mid-October): "麦收那会儿", "收秋以后".
  // 麦罢: Henan's "the wheat harvest over", said alone as 以后 is.
  { words: "麦收|收麦|割麦|三夏|麦罢", days: yearly(6, 1), oneDay: false },
  { words: "秋收|收秋|掰玉米|三秋", days: yearly(9, 25), oneDay: false },
  { words: "种麦", days: yearly(10, 15), oneDay: false },
  {
    words: "放暑假|暑假",
    english: "(?:the )?summer holidays?",
    days: yearly(7, 15),
    oneDay: false,
  },
  {
    words: "放寒假|寒假",
    english: "(?:the )?winter holidays?",
    days: yearly(1, 20),
    oneDay: false,
  },
];

/** Said alone, these name when it began; other occasions need 以后, 以来, 开始… (五一路 is a road). */
const SINCE_ITSELF = /^(?:过完年|过了年|麦罢|(?:这|本)学期)/u;

/**
 * The latest day of an occasion, `shift` days away, that is not after today (this year's or
 * last year's); null if unknown.
 */
function latestOccasion(today: Day, days: (year: number) => readonly Day[], shift = 0): Day | null {
  let latest: Day | null = null;
  for (const y of [today.y - 1, today.y]) {
    for (const day of days(y).map((occasion) => addDays(occasion, shift))) {
      if (compare(day, today) <= 0 && (!latest || compare(day, latest) > 0)) latest = day;
    }
  }
  return latest;
}

/**
 * The parts of a day, with the hour each begins (a part not yet begun today is not today's:
 * "礼拜天下午" said on a Sunday morning is last Sunday's). With Henan's own: 清起来 (early
 * morning), 前晌 (morning), 晌午 (noon), 后晌 (afternoon), 擦黑 (dusk), 黑天 (after dark).
 * 后半夜 is the small hours after the day's own night: never begun on the day.
 */
const PART_OF_DAY_BEGINS: Readonly<Record<string, number>> = {
  凌晨: 0,
  大清早: 5,
  清早起来: 5,
  清起来: 5,
  早上: 5,
  早晨: 5,
  清早: 5,
  前晌: 8,
  上午: 8,
  晌午: 11,
  中午: 11,
  后晌: 13,
  下午: 13,
  傍晚: 17,
  擦黑: 17,
  黑天: 18,
  晚上: 18,
  晚: 18,
  夜里: 21,
  夜间: 21,
  深夜: 22,
  半夜: 23,
  后半夜: 24,
};

/** When the parts of a day that tell a clock's hour begin: 中午, 下午, 晚上, 夜里. */
const NOON = 11;
const AFTERNOON = 13;
const EVENING = 18;
const LATE_NIGHT = 21;

/** The parts of a day as one alternation, the longest first (后半夜 before 半夜, 晚上 before 晚). */
const PART_OF_DAY = Object.keys(PART_OF_DAY_BEGINS)
  .sort((a, b) => b.length - a.length)
  .join("|");

/** "那天", "当天", "晚上", "那天晚上": on the occasion's own day. */
const ON_THE_DAY = new RegExp(`^(?:(?:那天|当天)?(?:${PART_OF_DAY})|那天|当天|on)$`, "iu");

/**
 * How the words after an occasion place the matter: before it (the day before), on it, or
 * about then (前后, 以后, 那会儿). "年前结清工资" is a promise, not when it began: a "before" is
 * read only as the whole answer or followed by 就/已经 ("年前就开始漏了").
 */
function aroundOccasion(
  after: string | undefined,
  rest: string,
  alone: boolean,
): { shift: number; onTheDay: boolean } | null {
  if (after !== undefined && /^(?:以|之)?前$|^before$/iu.test(after)) {
    return alone || /^\s*(?:就|已经|便|都)/u.test(rest) ? { shift: -1, onTheDay: false } : null;
  }
  return { shift: 0, onTheDay: after !== undefined && ON_THE_DAY.test(after) };
}

/** The whole message is these words, but for closing punctuation. */
function saidAlone(m: RegExpExecArray): boolean {
  return m.input.trim().replace(/[。.!！~～]+$/u, "") === m[0].trim();
}

/**
 * The occasions' words as one alternation, each in its group `o<index in OCCASIONS>` (those
 * without such words left out), to tell which one matched.
 */
function occasionGroups(words: (occasion: Occasion) => string | undefined): string {
  return OCCASIONS.flatMap((occasion, i) => {
    const said = words(occasion);
    return said === undefined ? [] : [`(?<o${i}>${said})`];
  }).join("|");
}

/** The day an occasion's words name, with what follows them (`after`: 前, 以后, around…). */
function onOccasion(m: RegExpExecArray, after: string | undefined, today: Day): Found | null {
  const group = Object.entries(m.groups ?? {}).find(
    ([name, value]) => /^o\d+$/u.test(name) && value !== undefined,
  );
  const occasion = group && OCCASIONS[Number(group[0].slice(1))];
  if (!occasion) return null;
  const around = aroundOccasion(after, m.input.slice(m.index + m[0].length), saidAlone(m));
  if (!around) return null;
  const day = latestOccasion(today, occasion.days, around.shift);
  // A span of days (开学, 麦收, 暑假) is known to its month; a festival or a term to its day.
  const precision = occasion.oneDay ? "day" : "month";
  return day && { day, approximate: !(occasion.oneDay && around.onTheDay), precision };
}

/**
 * Where a part of a year (年初, 年底, 上半年, "the end of last year") begins in year `y`: a span
 * is read from its first day, as a season is (年底 is December, not its last day), known to its
 * month (年初, 年底) or only its year (上半年).
 */
const YEAR_PART_MONTH: Readonly<Record<string, number>> = {
  年初: 1,
  年底: 12,
  年末: 12,
  年尾: 12,
  上半年: 1,
  下半年: 7,
  beginning: 1,
  start: 1,
  end: 12,
  "first half": 1,
  "second half": 7,
};

/** The first day of a part of a year; null when it is still ahead of today. */
function partOfYear(y: number, part: string, today: Day): Found | null {
  const day = makeDay(y, YEAR_PART_MONTH[part.toLowerCase()]!, 1)!;
  const precision = /半|half/u.test(part) ? "year" : "month";
  return compare(day, today) <= 0 ? { day, approximate: true, precision } : null;
}

/**
 * The first day of a season (spring March, summer June, autumn September, winter December) in
 * year `y`; this year's winter said in January or February began last December.
 */
function seasonStart(season: number, y: number, today: Day): Day | null {
  const said = makeDay(y, 3 * season, 1)!;
  if (compare(said, today) <= 0) return said;
  return season === 4 && y === today.y ? { ...said, y: y - 1 } : null;
}

const EN_SEASONS = ["spring", "summer", "autumn|fall", "winter"] as const;

/**
 * A person's lasting state said right before how long it has lasted ("老伴瘫在床上好几年了",
 * "在这打工三个月了"): how long the citizen's life has been so, not when the matter began.
 */
const LASTING_STATE = /(?:瘫|卧床|躺|病|住院|残疾|失明|打工|上班|上学|退休|当兵|守寡|离婚).{0,5}$/u;
/**
 * A clause that turns to what happened ("低保却被取消了", "但是今年…", "结果…"); not "现在…",
 * which mostly says what the matter is like now ("路灯坏了三天了，现在晚上黑得很").
 */
const TURN = /却|竟然|居然|^(?:但是?|可是?|然而|结果|谁知道?|没想到|突然)/u;
/**
 * A clause about the matter still not handled ("可是一直没人修", "物业却不管"): the duration
 * before it is the matter's.
 */
const NOT_HANDLED =
  /没人|没有人|无人|不管|没管|不理|没修|不修|没来|不来|还没|一直没|一直不|没解决|不解决/u;
const CLAUSE_END = /[，,。；;！!？?\n]/u;

/**
 * True when the duration at `start`–`end` belongs to a side clause, not to the clause about the
 * matter: it follows a person's lasting state, or a later clause turns to another event
 * ("俺家老伴瘫在床上好几年了，低保却被取消了": 好几年了 is the background). The time question is
 * asked then, rather than a background taken as the matter's time.
 */
function inBackgroundClause(text: string, start: number, end: number): boolean {
  const before = text.slice(0, start).split(CLAUSE_END).at(-1)!;
  if (LASTING_STATE.test(before)) return true;
  return text
    .slice(end)
    .split(CLAUSE_END)
    .slice(1)
    .some((clause) => TURN.test(clause.trim()) && !NOT_HANDLED.test(clause));
}

/** What a house number follows: a road, lane, village, compound, building or district. */
const HOUSE_NUMBER_AFTER = "路街道巷弄院村组楼栋幢区";

const NOT_A_DATE_AFTER = "(?![\\d楼栋幢单元院室门号线路街巷口床层排组车户期座区村])";

// Words that end an answer without changing it ("就这样了吧。", "左右").
const ANSWER_END = "(?:吧|呗|啊|呀|哩|嘞|了)?[。.!！~～…]*\\s*$";

/** Hedging words opening an answer ("大概", "差不多是"). */
const ANSWER_HEDGE = "(?:大概|大约|差不多|应该|可能|好像|就)?是?";

/**
 * "二十几号", "腊月十几", "初几": some day of a span of ten, known to its month — the span's
 * first day and its middle, for the day kept; null for any other words.
 */
function someDayOfTen(said: string): DaysOfMonth | null {
  const tens = /^(初|十|二十|廿)几$/u.exec(said)?.[1];
  if (tens === undefined) return null;
  const first = tens === "初" ? 1 : tens === "十" ? 11 : 20;
  return { first, middle: first + 4 };
}

/**
 * The day a month-day's words name ("10月5号", "上个月20号", "20号", "10.1号"): a month-day
 * without a year the latest one, a day alone ("20号") this month's once come, else last month's.
 */
function dayOfMonthSaid(
  prefix: string | undefined,
  month: string | undefined,
  d: number,
  saidHao: boolean,
  today: Day,
): Day | null {
  if (prefix?.endsWith("月")) {
    if (month !== undefined) return null;
    const base = /^上/.test(prefix) ? addMonths(today, -1) : today;
    return makeDay(base.y, base.m, d);
  }
  if (month === undefined) {
    if (prefix !== undefined || !saidHao) return null;
    const candidate = makeDay(today.y, today.m, d);
    if (candidate && compare(candidate, today) <= 0) return candidate;
    const last = addMonths(today, -1);
    return makeDay(last.y, last.m, d);
  }
  const n = parseNumber(month);
  if (!n || n.approximate) return null;
  const year = yearWord(prefix, today);
  return year === null ? pastMonthDay(today, n.value, d) : makeDay(year, n.value, d);
}

/**
 * The hour at which the clock time or part of day opening `rest` begins ("下午" 13, "晚上八点"
 * 20); null when none is said.
 */
function hourSaid(rest: string): number | null {
  const clock = readClock(rest, false);
  // The small hours of the day's night ("晚上两点") come after its midnight: hour 26.
  if (clock.time !== null) return Number(clock.time.slice(0, 2)) + (clock.afterMidnight ? 24 : 0);
  const part = PART_OF_DAY_OPENING.exec(rest)?.[1];
  return part === undefined ? null : PART_OF_DAY_BEGINS[part]!;
}

const PART_OF_DAY_OPENING = new RegExp(`^\\s*(${PART_OF_DAY})`, "u");

/**
 * The night hour said alone as the answer ("夜里两三点", "凌晨三点多", "半夜"): the latest such
 * hour, today's once it has come (at 23:00 "凌晨三点" is this morning's), else yesterday's.
 * Only the small hours (0–5) are read: "夜里十一点" is the evening before, and its day is asked.
 */
const NIGHT_HOUR_ANSWER = new RegExp(
  `(?<=^\\s*${ANSWER_HEDGE})(?:(凌晨|后半夜|半夜|夜里|深夜|夜间)(?=${NUM}点)|(凌晨|后半夜|半夜)(?!${NUM}))(?=(?:${NUM}点半?(?:多|左右|钟)?)?(?:的时候|那会儿?|左右|前后)?(?:(?:就)?(?:发现|看见|看到|开始)的)?${ANSWER_END})`,
  "gu",
);

const RULES: readonly Rule[] = [
  {
    // 2025年10月5日, 2025-10-05, 2025/10/5, 2025.10.5
    pattern: /(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*[日号]?/gu,
    build: (m) => {
      const day = makeDay(Number(m[1]), Number(m[2]), Number(m[3]));
      return day && { day, approximate: false };
    },
  },
  {
    // 10月5号, 十月五日, 去年8月3号, 上个月20号, 本月3号, 10.1号; not a house number (交通路12号,
    // 李庄村3号, 建业小区8号院).
    pattern: new RegExp(
      `(?<![\\d零一二两三四五六七八九十第${HOUSE_NUMBER_AFTER}])(今年|去年|前年|上个?月|这个?月|本月)?(?:${NUM}月|(\\d{1,2})[./])?${NUM}[号日]${NOT_A_DATE_AFTER}`,
      "gu",
    ),
    build: (m, today) => {
      const [, prefix, monthSaid, monthDotted, dayRaw] = m;
      const some = someDayOfTen(dayRaw!);
      const exact = parseNumber(dayRaw!);
      const d = some ? some.first : exact && !exact.approximate ? exact.value : null;
      if (d === null || !Number.isInteger(d)) return null;
      const month = monthSaid ?? monthDotted;
      const first = dayOfMonthSaid(prefix, month, d, m[0].endsWith("号"), today);
      if (!first) return null;
      if (!some) return { day: first, approximate: false };
      // "上个月二十几号": some day of the ten, kept at its middle (today, if that is ahead).
      const middle = addDays(first, some.middle - some.first);
      const day = compare(middle, today) > 0 ? today : middle;
      return { day, approximate: true, precision: "month" };
    },
  },
  {
    // "11.20", "大概11.20号" as the whole answer: a month and its day, as "10.1号" is (inside a
    // story, "花了11.20元" is money).
    pattern: new RegExp(
      `(?<=^\\s*${ANSWER_HEDGE})(\\d{1,2})[./](\\d{1,2})[号日]?(?=${ANSWER_END})`,
      "gu",
    ),
    build: (m, today) => {
      const day = pastMonthDay(today, Number(m[1]), Number(m[2]));
      return day && { day, approximate: false };
    },
  },
  {
    pattern: NIGHT_HOUR_ANSWER,
    build: (m, today, hour) => {
      const said = m[2] === undefined ? 0 : clockHour(m[2]);
      if (said === null || said > 5) return null;
      return { day: hour >= said ? today : addDays(today, -1), approximate: true };
    },
  },
  {
    pattern:
      /大前天|前天|前儿|昨天|昨日|昨儿|昨晚|昨夜|(?<!半)夜儿?个儿?|今天|今日|今儿|今早|今晚|刚才|刚刚|刚刚才/gu,
    build: (m, today) => {
      const word = m[0];
      // "到今天还没修" says how long, not when.
      if (/^今/.test(word) && /[到至]$/.test(m.input.slice(0, m.index))) return null;
      // 夜儿个, 夜个: yesterday in Henan speech.
      const yesterday = /^(?:昨|夜儿?个)/u.test(word);
      const offset = word === "大前天" ? -3 : /^前/.test(word) ? -2 : yesterday ? -1 : 0;
      return {
        day: addDays(today, offset),
        approximate: false,
        evening: /晚|昨夜/.test(word),
      };
    },
  },
  {
    // 3天前, 三四天前, 两日前
    pattern: new RegExp(`${NUM}(?:天|日)(?:以前|之前|前)`, "gu"),
    build: (m, today) => {
      const n = parseNumber(m[1]!);
      if (!n || !Number.isInteger(n.value)) return null;
      return { day: addDays(today, -n.value), approximate: n.approximate };
    },
  },
  {
    // How long it has lasted, given as the answer to the time question, says when it began:
    // 一个星期了, 半个月, 好几天了, 差不多两个月了.
    pattern: new RegExp(
      `^\\s*(?:有|快|大概|差不多|都|已经|最近这?|近|这)?好?${NUM}${ABOUT_UNIT}(天|日|周|星期|礼拜|月|年)多?(?:了|啦|左右|以来)?\\s*$`,
      "gu",
    ),
    // "23年" alone is the year (read below); "23年了" how long.
    build: (m, today) => (YEAR_ALONE.test(m[0]) ? null : sinceDuration(m[1]!, m[2]!, m[0], today)),
  },
  {
    // How long it has lasted, inside a description: "堵了一个星期了", "坏了三天", "两个多月没人管",
    // "好几天不来水了", "最近一周每天晚上". Only a duration that reads as "for so long until now"
    // counts: one after a verb's 了 or 最近/近/这, or before 了/没/不; "住了三年的房子", "每天",
    // "第三天", "只亮了一天", "附近两年" say nothing about when the matter began.
    // The words kept for the clerk include 好/快 before and 了 after: "好几年了", not "几年".
    pattern: new RegExp(
      `(最近这?|(?<!附)近|这)?(?:快|将近|差不多|好)?${NUM}${ABOUT_UNIT}(天|日|周|星期|礼拜|月|年)多?(了|啦)?`,
      "gu",
    ),
    build: (m, today) => {
      const [, recently, amount, unit, untilNow] = m;
      const before = m.input.slice(0, m.index).replace(/(?:已经|都|有)$/u, "");
      const after = m.input.slice(m.index + m[0].length);
      if (/[每第住]$|住了$|只.?了$/u.test(before) || after.startsWith("的")) return null;
      const lasting =
        recently !== undefined ||
        untilNow !== undefined ||
        before.endsWith("了") ||
        /^(?:以来|还没|都没|也没|没|不)/u.test(after);
      if (!lasting) return null;
      // "盖了三十年了" tells the age of a thing, not when the matter began.
      if (unit === "年" && (parseNumber(amount!)?.value ?? 0) > 5) return null;
      if (inBackgroundClause(m.input, m.index, m.index + m[0].length)) return null;
      return sinceDuration(amount!, unit!, m[0], today);
    },
  },
  {
    pattern: /前几天|这几天|前些天|前些日子|前两天|这两天|最近几天/gu,
    build: (m, today) => ({ day: addDays(today, /两/.test(m[0]) ? -2 : -3), approximate: true }),
  },
  {
    // 上周三, 上个星期五, 这周一, 本礼拜六, 星期二; never 下周一 (a day to come, not "周一").
    pattern: new RegExp(
      `(?<!下个?)(上上个?|上个?|这个?|本)?${WEEK}${WEEKDAY}(?![直起样般共切些定])`,
      "gu",
    ),
    build: (m, today, hour) => {
      const target = weekdayNumber(m[2]!);
      const prefix = m[1] ?? "";
      const monday = addDays(today, 1 - weekday(today));
      const weeksBack = prefix.startsWith("上上") ? 2 : prefix.startsWith("上") ? 1 : 0;
      if (prefix === "") {
        const back = (weekday(today) - target + 7) % 7;
        // "礼拜天下午" said on a Sunday morning: this Sunday's afternoon has not come; last week's.
        const rest = m.input.slice(m.index + m[0].length);
        const notYet = back === 0 && (hourSaid(rest) ?? 0) > hour;
        return { day: addDays(today, notYet ? -7 : -back), approximate: false };
      }
      return { day: addDays(monday, target - 1 - 7 * weeksBack), approximate: false };
    },
  },
  {
    // 一周前, 2个星期前, 三个礼拜以前
    pattern: new RegExp(`${NUM}个?(?:周|星期|礼拜)(?:以前|之前|前)`, "gu"),
    build: (m, today) => {
      const n = parseNumber(m[1]!);
      return n && { day: addDays(today, Math.round(-7 * n.value)), approximate: true };
    },
  },
  {
    // 上周末, 这个礼拜末: that week's Saturday.
    pattern: new RegExp(`(上上个?|上个?|这个?|本)${WEEK}末`, "gu"),
    build: (m, today) => {
      const monday = addDays(today, 1 - weekday(today));
      const weeksBack = m[1]!.startsWith("上上") ? 2 : m[1]!.startsWith("上") ? 1 : 0;
      return { day: addDays(monday, 5 - 7 * weeksBack), approximate: true };
    },
  },
  {
    pattern: /上上个?(?:周|星期|礼拜)|上个?(?:周|星期|礼拜)/gu,
    build: (m, today) => ({
      day: addDays(today, m[0].startsWith("上上") ? -14 : -7),
      approximate: true,
    }),
  },
  {
    // 半个月前, 三个月前, 两个多月前
    pattern: new RegExp(`${NUM}个多?月(?:以前|之前|前)`, "gu"),
    build: (m, today) => {
      const n = parseNumber(m[1]!);
      return n && monthsAgo(n.value, today);
    },
  },
  {
    // 半年前, 两年前, 一年多以前
    pattern: new RegExp(`${NUM}年多?(?:以前|之前|前)`, "gu"),
    build: (m, today) => {
      const n = parseNumber(m[1]!);
      if (!n || n.value > 50) return null;
      return yearsAgo(n.value, today);
    },
  },
  {
    // 上个月底, 这个月初, 8月中旬, 去年12月底: the part of a month (底 and 末 its last day).
    pattern: new RegExp(
      `(上上个?月|上个?月|这个?月|本月|${YEAR_SAID}?的?${NUM}月)(初|上旬|中旬|下旬|底|末)`,
      "gu",
    ),
    build: (m, today) => {
      const [, month, yearRaw, monthRaw, part] = m;
      if (monthRaw === undefined) {
        const base = addMonths(today, /^上上/.test(month!) ? -2 : /^上/.test(month!) ? -1 : 0);
        const day = partOfMonth(base.y, base.m, part!);
        return day && { day, approximate: true, precision: "month" };
      }
      const n = parseNumber(monthRaw);
      if (!n || n.approximate || !Number.isInteger(n.value)) return null;
      const year = yearWord(yearRaw, today);
      const thisYear = partOfMonth(year ?? today.y, n.value, part!);
      const day =
        year === null && thisYear && compare(thisYear, today) > 0
          ? partOfMonth(today.y - 1, n.value, part!)
          : thisYear;
      return day && { day, approximate: true, precision: "month" };
    },
  },
  {
    // 月初, 中旬, 月底 said without a month: this month's, or last month's when this month's is
    // still ahead.
    pattern: /(?<![月\d零一二两三四五六七八九十个每岁正腊冬])月?(初|月中|上旬|中旬|下旬|底|末)/gu,
    build: (m, today) => {
      if (!m[0].startsWith("月") && !m[0].endsWith("旬")) return null;
      const thisMonth = partOfMonth(today.y, today.m, m[1]!);
      const last = addMonths(today, -1);
      const day =
        thisMonth && compare(thisMonth, today) <= 0
          ? thisMonth
          : partOfMonth(last.y, last.m, m[1]!);
      return day && { day, approximate: true, precision: "month" };
    },
  },
  {
    // 去年夏天, 今年春天: from the first day of the season (seasonStart).
    pattern: new RegExp(`${YEAR_SAID}的?([春夏秋冬])(?:天|季)`, "gu"),
    build: (m, today) => {
      const day = seasonStart("春夏秋冬".indexOf(m[2]!) + 1, yearWord(m[1], today)!, today);
      return day && { day, approximate: true, precision: "season" };
    },
  },
  {
    // "春天的时候", "夏天那会儿": the season just past or under way, said as a point in time; a
    // season alone tells of what ("夏天太热", "冬天一到就漏").
    pattern: /(?<![年今去\d])([春夏秋冬])(?:天|季)(?=的时候|那会|那阵|那段|以来|开始)/gu,
    build: (m, today) => {
      const season = "春夏秋冬".indexOf(m[1]!) + 1;
      const day = seasonStart(season, today.y, today) ?? seasonStart(season, today.y - 1, today);
      return day && { day, approximate: true, precision: "season" };
    },
  },
  {
    // 年初, 今年年初, 去年年底, 上半年, 前年下半年: from the span's first day, this year's when
    // begun, else last year's ("年底" said in November is last December). After a year its 年
    // may go unsaid: 去年底, 2023年初.
    pattern: new RegExp(
      `(?<![\\d零一二两三四五六七八九十每明年])(?:${YEAR_SAID}的?)?(年初|年底|年末|年尾|上半年|下半年)|${YEAR_SAID}([初底末])`,
      "gu",
    ),
    build: (m, today) => {
      const said = m[1] ?? m[3];
      const span = m[2] ?? `年${m[4]!}`;
      const year = yearWord(said, today);
      if (year !== null) return partOfYear(year, span, today);
      return partOfYear(today.y, span, today) ?? partOfYear(today.y - 1, span, today);
    },
  },
  {
    // 开学以后, 过年以后, 国庆之后, 中秋节前后, 冬至那天, 年前就…, (从)国庆节到现在: the latest
    // such day (OCCASIONS).
    pattern: new RegExp(
      `(?:${occasionGroups((o) => o.words)})(?<after>(?:那天|当天)?(?:${PART_OF_DAY})|前后|左右|以后|之后|过后|以来|以前|之前|开始|起|到现在|到今天|至今|那会儿?|那时候?|的时候|那天|当天|那几天|期间|前|后)?`,
      "gu",
    ),
    build: (m, today) => {
      const after = m.groups?.["after"];
      if (after === undefined && !saidAlone(m) && !SINCE_ITSELF.test(m[0])) return null;
      return onOccasion(m, after, today);
    },
  },
  {
    // 去年腊月, 腊月二十三, 正月里, 冬月初八, 农历三月, 阴历八月十二: the Chinese calendar. Only
    // 正, 冬 and 腊 name a lunar month alone; 三月 is March unless 农历 or 阴历 says otherwise.
    pattern: new RegExp(
      `(?:${YEAR_SAID}的?)?(?:(?:农历|阴历|老历)(正|十一|十二|[二三四五六七八九十]|冬|腊)|(?<![真反公])(正|冬|腊))月份?((?:初|十|二十|廿)几|初[一二三四五六七八九十]|廿[一二三四五六七八九]|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|三十)?`,
      "gu",
    ),
    build: (m, today) => {
      const name = m[2] ?? m[3]!;
      const month = LUNAR_MONTHS[name] ?? parseNumber(name)?.value;
      const days = m[4] === undefined ? WHOLE_MONTH : (someDayOfTen(m[4]) ?? lunarDayNumber(m[4]));
      if (month === undefined || days === null) return null;
      return lunarMonthDay(m[1] === undefined ? null : yearWord(m[1], today), month, days, today);
    },
  },
  {
    pattern: /上上个?月|上个?月/gu,
    build: (m, today) => monthsAgo(m[0].startsWith("上上") ? 2 : 1, today),
  },
  {
    // 去年8月, 今年3月份, 5月份
    pattern: new RegExp(`${YEAR_SAID}?的?${NUM}月份?(?![\\d号日底初中])`, "gu"),
    build: (m, today) => {
      const month = parseNumber(m[2]!);
      if (!month || month.approximate || month.value < 1 || month.value > 12) return null;
      if (m[1] === undefined && !m[0].endsWith("份")) return null;
      const year = yearWord(m[1], today);
      const day =
        year === null ? pastMonthDay(today, month.value, 1) : makeDay(year, month.value, 1);
      return day && { day, approximate: true, precision: "month" };
    },
  },
  // A few English forms, for citizens who chose English.
  {
    pattern:
      /\b(?:the )?day before yesterday\b|\byesterday\b|\blast night\b|\btoday\b|\bthis morning\b|\btonight\b/giu,
    build: (m, today) => {
      const word = m[0].toLowerCase();
      const offset = word.includes("before") ? -2 : /yesterday|last night/.test(word) ? -1 : 0;
      return { day: addDays(today, offset), approximate: false, evening: /night/.test(word) };
    },
  },
  {
    pattern: new RegExp(`\\b${EN_AMOUNT} (day|week|month|year)s? ago\\b`, "giu"),
    build: (m, today) => englishSince(m[1]!, m[2]!, today),
  },
  {
    // How long it has lasted, in English: "two weeks" as the answer to the time question,
    // "has been broken for two weeks" / "no water for 3 days" inside a description ("I have
    // lived here for ten years" says nothing of when the matter began: only after a
    // negation or "been"). "since two weeks", as many who learnt English say it, is the same.
    pattern: new RegExp(
      `\\b(for (?:the (?:past|last) )?|since )?(?:(about|around|almost|nearly|over|more than|at least) )?${EN_AMOUNT} (day|week|month|year)s?(?:\\s+now)?\\b(?! ago)`,
      "giu",
    ),
    build: (m, today) => {
      const alone = m.input.trim().replace(/[.!]+$/u, "").length === m[0].length;
      const before = m.input.slice(0, m.index);
      const lasting =
        m[1] !== undefined &&
        (m[1].toLowerCase() === "since " || /\b(?:been|not|no)\b|n't\b/iu.test(before));
      if (!alone && !lasting) return null;
      const since = englishSince(m[3]!, m[4]!, today);
      // "about three days": the day is a guess.
      return m[2] === undefined ? since : { ...since, approximate: true };
    },
  },
  {
    // "since the Spring Festival", "after National Day", "around Christmas" (OCCASIONS).
    pattern: new RegExp(
      `\\b(?<after>since|after|around|before|on|at|during|over|from) (?:${occasionGroups((o) => o.english)})\\b`,
      "giu",
    ),
    build: (m, today) => onOccasion(m, m.groups?.["after"], today),
  },
  {
    // "last summer" (the latest one over), "this spring", "this winter" (begun last December).
    pattern: new RegExp(`\\b(last|this|past) (${EN_SEASONS.join("|")})\\b`, "giu"),
    build: (m, today) => {
      const season =
        EN_SEASONS.findIndex((names) => names.split("|").includes(m[2]!.toLowerCase())) + 1;
      const over = (day: Day | null) => day !== null && compare(addMonths(day, 3), today) <= 0;
      const thisYear = seasonStart(season, today.y, today);
      const day =
        m[1]!.toLowerCase() === "this" || over(thisYear)
          ? thisYear
          : seasonStart(season, today.y - 1, today);
      return day && { day, approximate: true, precision: "season" };
    },
  },
  {
    // "the end of last year", "beginning of this year", "the first half of last year".
    pattern: /\b(beginning|start|end|first half|second half) of (last|this) year\b/giu,
    build: (m, today) =>
      partOfYear(today.y - (m[2]!.toLowerCase() === "last" ? 1 : 0), m[1]!, today),
  },
  {
    pattern: /\blast (week|month|year)\b/giu,
    build: (m, today) => {
      const unit = m[1]!.toLowerCase();
      const day =
        unit === "week" ? addDays(today, -7) : addMonths(today, unit === "month" ? -1 : -12);
      return { day, approximate: true };
    },
  },
  {
    pattern:
      /\b(?:(\d{1,2})(?:st|nd|rd|th)? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* (\d{1,2})(?:st|nd|rd|th)?)\b/giu,
    build: (m, today) => {
      const day = pastMonthDay(today, englishMonth(m[2] ?? m[3]!), Number(m[1] ?? m[4]));
      return day && { day, approximate: false };
    },
  },
  {
    // A month without its day: "since October", "in early November", "late September",
    // "May 2020", "in March last year" (a month alone, "May", may be a verb).
    pattern: new RegExp(
      `\\b(?:(early|mid|late|since|in|from) (?:-\\s*)?)?(${EN_MONTHS.join("|")})[a-z]*(?:,? (?:of )?(\\d{4})|,? (last|this) year)?\\b(?!\\s*\\d)`,
      "giu",
    ),
    build: (m, today) => {
      const [, partRaw, month, yearRaw, yearWordRaw] = m;
      if (partRaw === undefined && yearRaw === undefined && yearWordRaw === undefined) return null;
      const part = partRaw?.toLowerCase();
      const dayOfMonth = part === "early" ? 5 : part === "mid" ? 15 : part === "late" ? 25 : 1;
      const year =
        yearRaw !== undefined
          ? Number(yearRaw)
          : yearWordRaw === undefined
            ? null
            : today.y - (yearWordRaw.toLowerCase() === "last" ? 1 : 0);
      const day =
        year === null
          ? pastMonthDay(today, englishMonth(month!), dayOfMonth)
          : makeDay(year, englishMonth(month!), dayOfMonth);
      return day && { day, approximate: true, precision: "month" };
    },
  },
  {
    // "last Monday", "on Tuesday", "since Friday": the latest such day.
    pattern: new RegExp(`\\b(last|on|since|this past) (${EN_WEEKDAYS.join("|")})\\b`, "giu"),
    build: (m, today) => {
      const target = EN_WEEKDAYS.findIndex((name) => name === m[2]!.toLowerCase()) + 1;
      const back = (weekday(today) - target + 7) % 7;
      // Said on a Monday, "last Monday" is a week ago, "on Monday" today.
      const before = /last|past/iu.test(m[1]!) && back === 0 ? 7 : back;
      return { day: addDays(today, -before), approximate: false };
    },
  },
  {
    // 今年 from its first day, as 年初 is; 去年, 前年, 大前年 from their middle. 今年 only opening the
    // words ("今年评低保的时候"): inside a story it tells of what, not when ("俺娘卧床两年了，
    // 今年的补贴没发": the time is asked). A part of this year read above and found ahead
    // ("今年年底" in June) is no time, not this year.
    pattern:
      /^\s*(?:大概|应该|可能|就)?是?今年(?!的?(?:年|[上下]半年|[春夏秋冬]|[\d零一二两三四五六七八九十]+月))|去年|大前年|前年/gu,
    build: (m, today) => inYear(m[0].endsWith("今年") ? today.y : yearWord(m[0], today)!, today),
  },
  {
    // "2023年", "从2023年开始的": the year by its number, from its middle (this year's from its
    // first day, as 今年); not a date's year (2023年3月, read above) nor a number of years.
    pattern: /(?<!\d)((?:19|20)\d{2})年(?![\d零一二两三四五六七八九十]|[春夏秋冬初底末上下])/gu,
    build: (m, today) => {
      const year = Number(m[1]);
      return year > today.y ? null : inYear(year, today);
    },
  },
  {
    // "从23年开始的", "23年那会儿": two digits are a year where the words say a point in time;
    // "都23年了", "23年前" stay a number of years (read above).
    // Said alone as the answer ("23年", "98年"), a year too: how long it has lasted is said
    // with 了, 前, 多 ("23年了").
    pattern: new RegExp(
      String.raw`(?:(?<=从|自从|打|是|在)(\d{2})年(?![\d前了多]|[春夏秋冬初底末上下])|(?<!\d)(\d{2})年(?=开始|的时候|那会|那年|那阵|以来|起)|` +
        `${YEAR_ALONE.source})`,
      "gu",
    ),
    build: (m, today) => inYear(fullYear(Number(m[1] ?? m[2] ?? m[3]), today), today),
  },
  {
    // "这个月", "就本月呀" answering the time question: this month, from its first day. Only
    // opening the words, as 今年: inside a story ("这个月打了三次电话") it tells of what.
    pattern:
      /^\s*(?:大概|应该|可能|就)?是?(?:这个?|本)月(?![初底末中上下\d零一二两三四五六七八九十])/gu,
    build: (_m, today) => ({
      day: { y: today.y, m: today.m, d: 1 },
      approximate: true,
      precision: "month",
    }),
  },
];

const CLOCK = new RegExp(
  `^\\s*(${PART_OF_DAY})?\\s*(?:${NUM}(?:点|时|:)(半|\\d{1,2}分?|[一二三四五六七八九十]{1,3}分)?(?:多|左右|钟)?)?`,
  "u",
);

/** The hour of "八点", "两三点" (the earlier of the two: "at two or three" begins at two). */
function clockHour(raw: string): number | null {
  const range = /^([一二两三四五六七八九])([一二两三四五六七八九])$/u.exec(raw);
  if (range && CN_DIGITS[range[2]!]! === CN_DIGITS[range[1]!]! + 1) return CN_DIGITS[range[1]!]!;
  const hour = parseNumber(raw);
  return hour && !hour.approximate && hour.value <= 24 ? hour.value : null;
}

/** A clock time read after a day's words; `afterMidnight`: in the small hours of the night after it. */
interface ClockRead {
  readonly text: string;
  readonly time: string | null;
  readonly afterMidnight?: boolean;
  /** The hour the part of the day said begins, when no clock time was. */
  readonly partBegins?: number;
}

/**
 * The clock time after a day's words. The small hours of a night ("昨天半夜两三点", "昨晚十二点",
 * "前天夜里两点多") are after that day's midnight, as people count a night with the evening
 * before it: the day after, at that hour (凌晨 belongs to its own day: "昨天凌晨三点").
 */
function readClock(rest: string, evening: boolean): ClockRead {
  const m = CLOCK.exec(rest);
  if (!m || m[0].trim() === "") return { text: "", time: null };
  const [, part, hourRaw, minuteRaw] = m;
  const begins = part === undefined ? null : PART_OF_DAY_BEGINS[part]!;
  const partAlone = { time: null, ...(begins !== null && { partBegins: begins }) };
  if (hourRaw === undefined) return { text: m[0].trimEnd(), ...partAlone };
  let hour = clockHour(hourRaw);
  if (hour === null) return { text: part ?? "", ...partAlone };
  // What the part of the day says of the hour, by when it begins (PART_OF_DAY_BEGINS): from
  // six in the evening a night (晚上, 夜里, 半夜), from one an afternoon, from nine a late night.
  const night = begins === null ? evening : begins >= EVENING;
  const afterMidnight = night && (hour <= 4 || hour === 12 || hour === 24);
  const afternoon =
    begins === null ? evening : begins >= AFTERNOON || (begins === NOON && hour < 3);
  const lateNight = begins !== null && begins >= LATE_NIGHT && hour >= 6;
  if (afterMidnight) hour %= 12;
  else if ((afternoon || lateNight) && hour < 12) hour += 12;
  let minute = 0;
  if (minuteRaw === "半") minute = 30;
  else if (minuteRaw !== undefined) minute = parseNumber(minuteRaw.replace("分", ""))?.value ?? 0;
  if (hour > 23 || minute > 59) return { text: part ?? "", ...partAlone };
  const time = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
  return { text: m[0].trimEnd(), time, ...(afterMidnight && { afterMidnight }) };
}

// After a time, words that say the matter began then ("前天开始的", "上周起").
const MARKS_START = /^\s*(?:就|才|刚)?(?:开始|起)/u;

/**
 * Finds the first time expression in `text` — or the first one said to be when it began
 * ("堵了好几天了……前天开始的": 前天) — and resolves it against `now` (Beijing time).
 * Returns null when there is none. Month-days without a year and weekdays resolve to the
 * most recent such day; an explicit date may still be in the future (the caller decides).
 */
export function parseOccurredAt(text: string, now: Date): OccurredAt | null {
  return parseWith(RULES, text, now);
}

/**
 * Time words typed in toneless pinyin by citizens without a Chinese keyboard ("hao ji tian le",
 * "qian tian"): syllables and words of the time question only — no general converter.
 */
const TIME_PINYIN: Readonly<Record<string, string>> = {
  daqiantian: "大前天",
  qiantian: "前天",
  zuotian: "昨天",
  jintian: "今天",
  gangcai: "刚才",
  qianjitian: "前几天",
  zhejitian: "这几天",
  qianliangtian: "前两天",
  shangzhou: "上周",
  xingqi: "星期",
  libai: "礼拜",
  shang: "上",
  qunian: "去年",
  qiannian: "前年",
  yiqian: "以前",
  zuoyou: "左右",
  yi: "一",
  er: "二",
  liang: "两",
  san: "三",
  si: "四",
  wu: "五",
  liu: "六",
  qi: "七",
  ba: "八",
  jiu: "九",
  shi: "十",
  ban: "半",
  ji: "几",
  hao: "好",
  duo: "多",
  ge: "个",
  tian: "天",
  zhou: "周",
  yue: "月",
  nian: "年",
  qian: "前",
  le: "了",
  la: "啦",
};

const LONGEST_PINYIN = Math.max(...Object.keys(TIME_PINYIN).map((key) => key.length));

/**
 * The answer in Chinese characters when it is toneless pinyin made of time words only (longest
 * match first: "qiantian" is 前天, not 前 天); null otherwise.
 */
function timePinyinAsHanzi(text: string): string | null {
  const letters = text.toLowerCase().replace(/[\s'’.,!?~-]+/gu, "");
  if (letters === "" || !/^[a-z]+$/u.test(letters)) return null;
  let hanzi = "";
  for (let at = 0; at < letters.length;) {
    let length = LONGEST_PINYIN;
    while (length > 0 && TIME_PINYIN[letters.slice(at, at + length)] === undefined) length--;
    if (length === 0) return null;
    hanzi += TIME_PINYIN[letters.slice(at, at + length)];
    at += length;
  }
  return hanzi;
}

function parseWith(rules: readonly Rule[], text: string, now: Date): OccurredAt | null {
  const hanzi = timePinyinAsHanzi(text);
  if (hanzi === null) return parseText(rules, text, now);
  const read = parseText(rules, hanzi, now);
  // The citizen's own words are kept, with what they were read as for the clerk.
  return read && { ...read, text: `${text.trim().replace(/[.!?~]+$/u, "")}（${read.text}）` };
}

function parseText(rules: readonly Rule[], text: string, now: Date): OccurredAt | null {
  const source = toHalfWidth(text);
  const today = beijingToday(now);
  const hour = shanghaiWallClock(now).getUTCHours();
  let best: { index: number; length: number; start: boolean; found: Found } | null = null;
  for (const rule of rules) {
    rule.pattern.lastIndex = 0;
    for (let m = rule.pattern.exec(source); m; m = rule.pattern.exec(source)) {
      if (m[0].length === 0) {
        rule.pattern.lastIndex++;
        continue;
      }
      const found = rule.build(m, today, hour);
      if (!found) continue;
      const start = MARKS_START.test(source.slice(m.index + m[0].length));
      const better =
        !best ||
        (start && !best.start) ||
        (start === best.start &&
          (m.index < best.index || (m.index === best.index && m[0].length > best.length)));
      if (better) best = { index: m.index, length: m[0].length, start, found };
      break;
    }
  }
  if (!best) return null;
  const end = best.index + best.length;
  const clock = readClock(source.slice(end), best.found.evening === true);
  // An exact day said with 大概 or 前后 is a guess, and the words say so; an approximate one
  // ("大概中秋节前后") is kept as its own words.
  const hedge = best.found.approximate
    ? { before: "", after: "" }
    : hedgesAround(source, best.index, end + clock.text.length);
  const words = source.slice(best.index - hedge.before.length, end) + clock.text + hedge.after;
  // "今晚" is an evening as much as "今天晚上" is.
  const partBegins =
    clock.time === null
      ? (clock.partBegins ?? (best.found.evening ? EVENING : undefined))
      : undefined;
  return {
    text: withReading(words.trim(), best.found.readAs),
    date: formatDay(clock.afterMidnight ? addDays(best.found.day, 1) : best.found.day),
    time: clock.time,
    ...(partBegins !== undefined && { partBegins }),
    approximate: best.found.approximate || hedge.before !== "" || hedge.after !== "",
    precision: best.found.precision ?? "day",
  };
}

/** Said before a time ("大概是上个月10号") or after it ("10月5号前后"): the day is a guess. */
const HEDGE_BEFORE = /(?:大概|大约|差不多|可能|好像|估计)(?:是|在)?$/u;
const HEDGE_AFTER = /^(?:前后|左右|上下)/u;

/** The hedging words right before `start` and right after `end` ("" when none). */
function hedgesAround(source: string, start: number, end: number) {
  return {
    before: HEDGE_BEFORE.exec(source.slice(0, start))?.[0] ?? "",
    after: HEDGE_AFTER.exec(source.slice(end))?.[0] ?? "",
  };
}

/** The words, and what they were read as in brackets ("节前（国庆节）"). */
function withReading(words: string, readAs: string | undefined): string {
  if (readAs === undefined) return words;
  return /\p{Script=Han}/u.test(words) ? `${words}（${readAs}）` : `${words} (${readAs})`;
}

/** True when the citizen says they do not remember ("不记得了", "忘了", "不清楚"). */
export function isUnknownTimeAnswer(text: string): boolean {
  return (
    /不记得|记不得|记不清|忘了|忘记了|不知道|不清楚|说不清|说不好|想不起|跳过|不确定|没注意/u.test(
      text,
    ) ||
    /\b(?:don'?t|do not|can'?t) (?:remember|recall|know)\b|\bnot sure\b|\bforgot|\bskip\b/iu.test(
      text,
    )
  );
}

/**
 * A time of day without a day, as the whole answer: "半夜两三点", "晚上八点多", "凌晨", "一般都是下午",
 * "清起来发现的", "late at night", "in the evening".
 */
const TIME_OF_DAY_ANSWER = new RegExp(
  `^\\s*(?:大概|差不多|一般|基本上?|都是|一般都是|总在|都在)*(?:(?:${PART_OF_DAY})(?:${NUM}点半?(?:多|左右|钟)?)?|${NUM}点半?(?:多|左右|钟)?)(?:的时候|那会儿?|左右|前后|以后|之后)?(?:(?:就)?(?:发现|看见|看到|开始)的)?${ANSWER_END}` +
    "|^\\s*(?:(?:late )?at night|in the (?:early )?(?:morning|afternoon|evening|night))[.!]*\\s*$",
  "iu",
);

/** "一般都是下午": the time of day it usually happens, of no one day. */
const HABITUALLY = /一般|基本|都是|总在|都在|usually/iu;

/**
 * True when the whole answer is the time of day of one day not said ("晚上", "半夜两三点"), not
 * the time it usually happens ("一般都是下午").
 */
export function saysOnlyTimeOfDay(text: string): boolean {
  const read = toHalfWidth(text).trim();
  return TIME_OF_DAY_ANSWER.test(read) && !HABITUALLY.test(read);
}

/**
 * Answers to the time question that say when without a day (`undatedTimeAnswer`), each as the
 * whole answer: elsewhere "好久没人管" or "半夜两三点还在吵" say nothing about when it began.
 */
const UNDATED_ANSWERS: readonly RegExp[] = [
  // Long ago: "好长时间了", "有一阵子了", "很久了", "都好久了，一直没人管".
  /^\s*(?:都|已经|有)?(?:好|很|老|挺)(?:长(?:时间|一段时间|日子)|久)了?|^\s*有(?:一?阵子|一?段时间|些日子)了?/u,
  // A while ago, or lately, no nearer: "前段时间", "前一阵子", "最近", "老早就这样了".
  new RegExp(
    `^\\s*(?:就是?|大概|大约|应该是|好像是)?(?:前(?:一)?段时间|前一?阵子?|前些时候|最近(?:一段时间|这段时间)?|老早(?:以前)?)(?:开始的?|就这样了?|就有了?)?${ANSWER_END}`,
    "u",
  ),
  // Since the citizen moved in, or the place was built or opened: "打我搬来就这样",
  // "自从住进来就一直漏水", "从交房开始就这样".
  new RegExp(
    `^\\s*(?:打|自打|自从|从)?(?:我|俺|咱|我们|俺们|咱们|他们|它)?(?:家)?(?:一)?(?:搬来|搬过来|搬进来|搬到这儿?|住进来|住过来|入住|交房|盖好|建好|建成|开业|开张)(?:以后|之后|以来|那会儿?|的时候|那天)?(?:起|开始)?(?:就|都|一直|是)*(?:这样|这个样子?|有|开始|\\p{Script=Han}{0,8})${ANSWER_END}`,
    "u",
  ),
  TIME_OF_DAY_ANSWER,
  // Whenever the weather or a season turns: "一到下雨就漏", "下雨天", "一刮风就响".
  new RegExp(
    `^\\s*(?:每次|每回|每逢|每到|一到|一|只要)?(?:下大?雨|下雪|刮大?风|天热|天冷|降温|夏天|冬天|汛期)(?:天|的时候|以后)?(?:就\\p{Script=Han}{0,10})?${ANSWER_END}`,
    "u",
  ),
  // The same in English: "a long time", "ever since I moved in", "whenever it rains".
  /^\s*(?:(?:for )?(?:a |quite a )?(?:long time|long while|while)(?: now| ago)?|(?:ever )?since (?:I|we) moved (?:in|here)|(?:every time|whenever) it rains)[.!]*\s*$/iu,
];

/**
 * It recurs and goes on until now, as the whole answer: "每天晚上", "天天都这样", "一到晚上就",
 * "每天晚上十点以后" — no day it began (in a description, "每天早上五点就开始放音乐" says nothing
 * of when).
 */
const RECURRING_ANSWER = new RegExp(
  `^\\s*(?:几乎|基本上?)?(?:每天|天天|每晚|每夜|每个?晚上|一到晚上|一到夜里|每到晚上|每个?周末|经常|一直|总是|老是|隔三差五|三天两头)(?:都|就|也)?(?:早上|上午|中午|下午|傍晚|晚上|夜里|半夜|凌晨)?(?:都|就|也)?(?:${NUM}点半?(?:多|左右|以后|之后)?)?(?:这样|是这样|这个样子?)?[。.!！~～]*\\s*$`,
  "u",
);

/**
 * Words of a matter yet to come: a demolition announced, a cut planned ("还没拆呢，说是下周一来拆",
 * "12月20号要来拆", "明天要停水", "they are going to cut the trees next week"). Read only where no
 * past day was found: "上周就说要拆" has its day.
 */
const YET_TO_COME =
  /还没(?:有)?(?:拆|发生|开始|动工|施工|停)|(?:要|将要|将|准备|打算|计划|说是)(?:来|去|在)?(?:拆|停|施工|开工|动工|收|建|盖|搬|关|砍|挖|占|涨|封)|明天|后天|下周|下个?(?:星期|礼拜|月)|过几天|过两天|\b(?:tomorrow|next (?:week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|going to|plan(?:s|ned)? to)\b/iu;

/** True for words of a matter yet to come (see YET_TO_COME). */
export function saysYetToCome(text: string): boolean {
  return YET_TO_COME.test(toHalfWidth(text));
}

/**
 * The answer to the time question when it says when without a day — long ago ("好长时间了"),
 * since the citizen moved in ("打我搬来就这样"), a time of day ("半夜两三点"), whenever it rains
 * ("一到下雨就漏"), again and again until now ("天天都这样": `ongoing`) — as the citizen's
 * words, kept as the time; null otherwise ("那天正下雨" says nothing of when). Read only where
 * `TimeParser` found no day.
 */
export function undatedTimeAnswer(text: string): UndatedTime | null {
  const read = toHalfWidth(text).trim();
  if (RECURRING_ANSWER.test(read)) return { text: text.trim(), date: null, ongoing: true };
  return UNDATED_ANSWERS.some((answer) => answer.test(read))
    ? { text: text.trim(), date: null, ongoing: false }
    : null;
}

/**
 * Understands when something happened ("昨天", "3天前", "10月5号").
 * Returns null when the text names no time. Must be pure: same (text, now), same answer.
 */
export interface TimeParser {
  parse(text: string, now: Date): OccurredAt | null;
}

/**
 * The default `TimeParser`, which knows no public holidays: "节前", "before the holiday" are
 * not understood (the question is asked again).
 */
export const occurredAtParser: TimeParser = { parse: parseOccurredAt };

/** A public holiday's days off, in the working calendar. */
interface HolidaySpan {
  readonly from: Day;
  readonly to: Day;
  /** The festival's name in the calendar (国庆节). */
  readonly name: string;
}

function dayOfLocalDate(date: LocalDate): Day {
  const [y, m, d] = date.split("-").map(Number);
  return { y: y!, m: m!, d: d! };
}

/** The working calendar's holidays as spans of consecutive days off of one festival. */
function holidaySpans(calendar: WorkingCalendar): readonly HolidaySpan[] {
  const spans: { from: LocalDate; to: LocalDate; name: string }[] = [];
  for (const [date, name] of [...calendar.holidays].sort(([a], [b]) => a.localeCompare(b))) {
    const last = spans.at(-1);
    if (last && last.name === name && addLocalDays(last.to, 1) === date) last.to = date;
    else spans.push({ from: date, to: date, name });
  }
  return spans.map((span) => ({
    from: dayOfLocalDate(span.from),
    to: dayOfLocalDate(span.to),
    name: span.name,
  }));
}

/**
 * "节前", "放假以后", "假期里", "before the holiday": the latest public holiday of the working
 * calendar that the words can mean (the day before its days off, the day after them, or their
 * first day), about. A "before" is read as for an occasion (`aroundOccasion`).
 */
function holidayRule(spans: readonly HolidaySpan[]): Rule {
  return {
    pattern: new RegExp(
      `(?<=^|[^\\p{Script=Han}]|[就是在从概约打自])(?:节|过节|放假|放长假|假期|长假|节假日)(以前|之前|前|以后|之后|过后|后|期间|里|那几天|的时候)|\\b(before|after|since|during|over|around) (?:the )?(?:last )?(?:public )?(?:holidays?|long weekend)\\b`,
      "giu",
    ),
    build: (m, today) => {
      const after = (m[1] ?? m[2])!.toLowerCase();
      const around = aroundOccasion(after, m.input.slice(m.index + m[0].length), saidAlone(m));
      if (!around) return null;
      const pick = (span: HolidaySpan): Day =>
        around.shift < 0
          ? addDays(span.from, -1)
          : /后|after|since/u.test(after)
            ? addDays(span.to, 1)
            : span.from;
      const latest = spans
        .map((span) => ({ day: pick(span), name: span.name }))
        .filter((candidate) => compare(candidate.day, today) <= 0)
        .reduce<{ day: Day; name: string } | null>(
          (found, next) => (found && compare(found.day, next.day) > 0 ? found : next),
          null,
        );
      // The holiday is not named: which one was meant is kept beside the words for the clerk.
      return latest && { day: latest.day, approximate: true, readAs: latest.name };
    },
  };
}

/**
 * A `TimeParser` that also knows the public holidays of the working calendar (src/calendar),
 * for "节前", "放假以后", "before the holiday".
 */
export function createOccurredAtParser(calendar: WorkingCalendar): TimeParser {
  const rules = [...RULES, holidayRule(holidaySpans(calendar))];
  return { parse: (text, now) => parseWith(rules, text, now) };
}
