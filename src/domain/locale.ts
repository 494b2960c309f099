/**
 * The languages a citizen is answered in. Declared in the domain, which stores a citizen's
 * choice, so that the domain needs nothing of i18n/ to name one (i18n/catalog.ts builds on it).
 */
export const LOCALES = ["zh", "en"] as const;
/** zh = Simplified Chinese (the default), en = English. */
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh";
