import type { DuplicateReason } from "../domain/places/duplicates.ts";
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

/** A calendar date "YYYY-MM-DD" (already in Beijing time) in the locale's words. */
export function formatCalendarDate(locale: Locale, isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 4));
  return formatDate(locale, date);
}

/**
 * The citizen's words of a time that goes on again and again until now ("天天都这样"), said so:
 * the day they said it is not when it began, and no day is shown.
 */
export function ongoingTime(locale: Locale, words: string): string {
  return locale === "zh" ? `${words}（持续至今）` : `${words} (still going on)`;
}

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
