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

/** The whole catalogue of a locale (for tests and tools that list every text). */
export function catalogOf(locale: Locale): Catalog {
  return CATALOGS[locale];
}
