import type { Catalog, Locale, MessageKey } from "./catalog.ts";
import { en } from "./en.ts";
import { zh } from "./zh.ts";

const CATALOGS: Record<Locale, Catalog> = { zh, en };

/**
 * The text of `key` in `locale`, with its typed parameters:
 * `t("zh", "photoReceived", { count: 2, max: 5 })`.
 */
export function t<K extends MessageKey>(
  locale: Locale,
  key: K,
  ...params: Parameters<Catalog[K]>
): string {
  const entry = CATALOGS[locale][key] as (...args: Parameters<Catalog[K]>) => string;
  return entry(...params);
}

/**
 * The locale of a language tag — Accept-Language's, Telegram's language_code, Open311's locale:
 * English when the tag is English, the default Chinese otherwise.
 */
export function localeOfLanguageTag(tag: string | undefined): Locale {
  return tag?.trim().toLowerCase().startsWith("en") ? "en" : "zh";
}

/** The whole catalogue of a locale (for tests and tools that list every text). */
export function catalogOf(locale: Locale): Catalog {
  return CATALOGS[locale];
}
