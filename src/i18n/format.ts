import type { GroupComplaint } from "../domain/group-complaint.ts";
import { isSurnameOnly } from "../domain/identity-in-text.ts";
import type { HolderRelation, NumberHolder } from "../domain/holder-relations.ts";
import { maskedPhone } from "../domain/masked-phone.ts";
import type { CitizenContact } from "../domain/intake/ports.ts";
import type { DuplicateReason } from "../domain/places/duplicates.ts";
import type { PlaceOutsideCity } from "../domain/places/elsewhere.ts";
import { shanghaiDateTime, shanghaiWallClock } from "../domain/shanghai-time.ts";
import type { TimePrecision } from "../domain/vocabulary.ts";
import type { Locale } from "./catalog.ts";
import { labelOf, type LabelLocale } from "./labels.ts";

/** Citizens, clerks and deadlines all live in Beijing time. */
export const TIME_ZONE = "Asia/Shanghai";

const INTL_LOCALE: Record<Locale, string> = { zh: "zh-CN", en: "en-GB" };

// Made once: building a DateTimeFormat costs far more than formatting with it, and chat turns
// format dates in their replies (bench/README.md, "A turn, profiled").
const DAY_FORMATS: Record<Locale, Intl.DateTimeFormat> = {
  zh: dayFormat("zh"),
  en: dayFormat("en"),
};
const TIME_FORMAT = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function dayFormat(locale: Locale): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "long",
    day: "numeric",
  });
}

/** "2026年12月13日" / "13 December 2026", in Beijing time. */
export function formatDate(locale: Locale, date: Date): string {
  return DAY_FORMATS[locale].format(date);
}

/** "2026年11月28日 14:05" / "28 November 2026, 14:05", in Beijing time. */
export function formatDateTime(locale: Locale, date: Date): string {
  const day = formatDate(locale, date);
  const time = TIME_FORMAT.format(date);
  return locale === "zh" ? `${day} ${time}` : `${day}, ${time}`;
}

/** Noon in Beijing of a calendar date "YYYY-MM-DD": that day in every reading of the instant. */
function calendarNoon(isoDate: string): Date {
  const [y, m, d] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 4));
}

const MONTH_FORMATS: Record<Locale, Intl.DateTimeFormat> = {
  zh: new Intl.DateTimeFormat("zh-CN", { timeZone: TIME_ZONE, year: "numeric", month: "long" }),
  en: new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, year: "numeric", month: "long" }),
};

/** Winter (from December), spring (March), summer (June), autumn (September). */
const SEASON_NAMES: Record<Locale, readonly string[]> = {
  zh: ["冬天", "春天", "夏天", "秋天"],
  en: ["winter", "spring", "summer", "autumn"],
};

/**
 * A day of the time a citizen gave, no more precisely than their words said it (`precision`):
 * "2025年7月1日", "2025年9月", "2025年夏天", "2025年" / "1 July 2025", "September 2025",
 * "summer 2025", "2025", in Beijing time.
 */
export function formatDayAt(locale: Locale, date: Date, precision: TimePrecision): string {
  if (precision === "day") return formatDate(locale, date);
  if (precision === "month") return MONTH_FORMATS[locale].format(date);
  const wall = shanghaiWallClock(date);
  const month = wall.getUTCMonth() + 1;
  // January and February belong to the winter that began the December before.
  const year = wall.getUTCFullYear() - (month < 3 && precision === "season" ? 1 : 0);
  if (precision === "year") return locale === "zh" ? `${year}年` : String(year);
  const season = SEASON_NAMES[locale][Math.floor(month / 3) % 4]!;
  return locale === "zh" ? `${year}年${season}` : `${season} ${year}`;
}

/** The same for a calendar date "YYYY-MM-DD" (already in Beijing time). */
export function formatCalendarDateAt(
  locale: Locale,
  isoDate: string,
  precision: TimePrecision,
): string {
  return formatDayAt(locale, calendarNoon(isoDate), precision);
}

/**
 * How dates are written: `long` as in a sentence ("2026年11月20日", "2026年9月"), `numeric` as the
 * console writes every date in its tables ("2026-11-20", "2026-09"). Seasons and years read the
 * same in both.
 */
export type DateStyle = "long" | "numeric";

/**
 * The day a citizen's time words were read as, as the staff read it: no more precisely than the
 * words said it, and said to be approximate when less precise than a day — "2026年11月20日",
 * "约 2026年9月", "约 2025年夏天", "约 2025年" / "20 November 2026", "about September 2026",
 * "about summer 2025", "about 2025" (`numeric`: "2026-11-20", "约 2026-09").
 */
export function occurredDay(
  locale: Locale,
  date: Date,
  precision: TimePrecision,
  style: DateStyle = "long",
): string {
  const numeric = style === "numeric" && (precision === "day" || precision === "month");
  const day = numeric
    ? shanghaiDateTime(date).slice(0, precision === "day" ? 10 : 7)
    : formatDayAt(locale, date, precision);
  if (precision === "day") return day;
  return locale === "zh" ? `约 ${day}` : `about ${day}`;
}

/**
 * A contact's name as the staff read it: a surname said alone ("俺姓赵") is said to be one, so
 * that they know how to address the citizen — "赵（只留了姓）" / "赵 (surname only)".
 */
export function contactName(locale: Locale, name: string): string {
  if (!isSurnameOnly(name)) return name;
  return locale === "zh" ? `${name}（只留了姓）` : `${name} (surname only)`;
}

/** Each relation of a number's holder to the citizen, in each language. */
const RELATION_LABELS: Record<Locale, Record<HolderRelation, string>> = {
  zh: {
    son: "儿子",
    daughter: "女儿",
    son_in_law: "女婿",
    daughter_in_law: "儿媳",
    spouse: "老伴",
    wife: "妻子",
    husband: "丈夫",
    child: "孩子",
    grandson: "孙子",
    granddaughter: "孙女",
    nephew: "侄子",
    niece: "侄女",
    father: "父亲",
    mother: "母亲",
    neighbour: "邻居",
    relative: "亲戚",
  },
  en: {
    son: "son",
    daughter: "daughter",
    son_in_law: "son-in-law",
    daughter_in_law: "daughter-in-law",
    spouse: "spouse",
    wife: "wife",
    husband: "husband",
    child: "child",
    grandson: "grandson",
    granddaughter: "granddaughter",
    nephew: "nephew",
    niece: "niece",
    father: "father",
    mother: "mother",
    neighbour: "neighbour",
    relative: "relative",
  },
};

/**
 * Whose a contact phone is, written after the number: "（儿子李强的电话）" / " (the number of:
 * son Li Qiang)"; the staff then know whom they reach when they call.
 */
export function numberHolderNote(locale: Locale, holder: NumberHolder): string {
  const whose = numberHolderText(locale, holder);
  return locale === "zh" ? `（${whose}的电话）` : ` (the number of: ${whose})`;
}

/**
 * Where a case outside the city (不在本市) is: the place its words name, as named ("郑州市" in
 * either language: a name), or for a location sent outside the city "所发位置" / "the location
 * sent".
 */
export function placeOutsideCityText(locale: Locale, { place }: PlaceOutsideCity): string {
  return place ?? (locale === "zh" ? "所发位置" : "the location sent");
}

/** Whose a contact phone is, alone: "儿子李强" / "son Li Qiang". */
export function numberHolderText(locale: Locale, holder: NumberHolder): string {
  const relation = RELATION_LABELS[locale][holder.relation];
  return locale === "zh"
    ? `${relation}${holder.name ?? ""}`
    : [relation, holder.name].filter(Boolean).join(" ");
}

/**
 * Whose the contact phone is, as the citizen who left it reads it after the number:
 * "（您儿子李强的电话）" / " (your son Li Qiang's number)".
 */
export function yourNumberHolderNote(locale: Locale, holder: NumberHolder): string {
  const whose = numberHolderText(locale, holder);
  return locale === "zh" ? `（您${whose}的电话）` : ` (your ${whose}'s number)`;
}

/**
 * A case's contact phone as its reporter reads it in their case: masked, and whose it is when
 * not their own — "138****1234（您儿子李强的电话）" / "138****1234 (your son Li Qiang's number)".
 */
export function contactShownToReporter(
  locale: Locale,
  contact: Pick<CitizenContact, "phone"> & { readonly holder?: NumberHolder | null | undefined },
): string {
  const whose = contact.holder ? yourNumberHolderNote(locale, contact.holder) : "";
  return `${maskedPhone(contact.phone)}${whose}`;
}

/**
 * A case read by the holder of its contact phone, not by the citizen who filed it (我的诉求
 * signed in with that phone): whose case it is, so that it is not taken for the reader's own.
 */
export function heldNumberNote(locale: Locale, holder: NumberHolder): string {
  const whose = numberHolderText(locale, holder);
  return locale === "zh"
    ? `这件事不是用您的名义反映的：反映人留了您的号码作联系电话（说是其${whose}的电话），办理进展会发到这个号码。`
    : `This case was filed by someone else, who left your number as its contact (as the number of their ${whose}); updates about it go to this number.`;
}

/**
 * The citizen's words of a time that goes on again and again until now ("天天都这样"), said so:
 * the day they said it is not when it began, and no day is shown.
 */
export function ongoingTime(locale: Locale, words: string): string {
  return locale === "zh" ? `${words}（持续至今）` : `${words} (still going on)`;
}

/**
 * The many a complaint speaks for, as staff read it beside the urgent mark: "群体诉求：约 10 人以上",
 * "群体诉求：全村，约 200 户以上", "群体诉求：整栋楼" / "Group complaint: 10+ people", "Group
 * complaint: whole village, 200+ households".
 */
export function groupText(locale: LabelLocale, group: GroupComplaint): string {
  const extent = groupExtent(locale, group);
  return locale === "zh" ? `群体诉求：${extent}` : `Group complaint: ${extent}`;
}

/** How many, without the heading (the CSV's column says it): "全村，约 200 户以上". The count is a lower bound, so said as one. */
export function groupExtent(locale: LabelLocale, group: GroupComplaint): string {
  const count =
    group.count &&
    (locale === "zh"
      ? `约 ${group.count.atLeast} ${labelOf("groupUnit", group.count.unit, "zh")}以上`
      : `${group.count.atLeast}+ ${labelOf("groupUnit", group.count.unit, "en")}`);
  const whole = group.whole && labelOf("wholeGroup", group.whole, locale);
  return [whole, count].filter((part) => part !== null).join(locale === "zh" ? "，" : ", ");
}

/**
 * The characters of a citizen's own words quoted back in a chat message (the summary's
 * description, an addition on a case's page): a long story quoted whole would fill Telegram's
 * message and WeCom's five replies.
 */
export const QUOTED_WORDS_MAX = 300;

/** Shortens a text to `max` characters for quoting it back, with an ellipsis. */
export function excerpt(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max).join("")}…`;
}

/**
 * One reason two cases look alike, with its figure: "位置相近 42 米", "同一地点 七一路/人民路",
 * "描述相似 72%"; "days_apart" alone reads as a phrase ("相隔 3 天" / "3 days apart").
 */
export function duplicateReasonText(locale: LabelLocale, reason: DuplicateReason): string {
  const words = labelOf("duplicateReason", reason.kind, locale);
  switch (reason.kind) {
    case "near":
      return `${words} ${reason.metres} ${locale === "zh" ? "米" : "m"}`;
    case "same_place":
      return `${words} ${reason.place.name.replaceAll("+", "/")}${reason.place.detail ?? ""}`;
    case "same_party":
      return `${words} ${reason.party}`;
    case "same_road":
      return `${words} ${reason.road}`;
    case "similar_text":
      return `${words} ${Math.round(reason.similarity * 100)}%`;
    case "days_apart":
      return locale === "zh" ? `相隔 ${reason.days} 天` : `${reason.days} days apart`;
    default:
      return words;
  }
}
