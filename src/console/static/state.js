// @ts-check
// The console's state (the staff member, the reference tables, the language) and its texts.
import { TEXT } from "./i18n.js";

/**
 * @typedef {{ id: string, displayName: string, role: "clerk" | "handler" | "admin", unitId: string | null }} Staff
 * @typedef {{ zh: string, en: string }} Words
 * @typedef {{ code: string, name: string, nameEn: string, department?: string }} Named
 * @typedef {{
 *   labels: Record<string, Record<string, Words>>,
 *   categories: Named[],
 *   regions: Named[],
 *   units: { id: string, name: string, nameEn: string, department: string, region: string | null }[],
 *   notAcceptReasons: { id: string, text: Words, channel?: string | null }[],
 *   otherChannels: string[],
 *   maxAnswerChars: number,
 *   maxReasonChars: number,
 *   registration: { channels: string[], maxLength: Record<"description" | "address" | "name" | "phone", number> },
 * }} Reference GET /api/reference (the parts the console reads)
 */

/** @type {{ me: Staff | null, ref: Reference | null, lang: string }} */
export const state = { me: null, ref: null, lang: localStorage.getItem("console.lang") || "zh" };

/** The signed-in staff member; pages render only after the router has one. */
export function signedIn() {
  if (!state.me) throw new Error("no staff member signed in");
  return state.me;
}
/** The reference tables; pages render only after the router has loaded them. */
export function reference() {
  if (!state.ref) throw new Error("the reference tables are not loaded");
  return state.ref;
}
/** @type {(key: string) => string} */
export const t = (key) =>
  key.split(".").reduce((o, k) => (o == null ? o : o[k]), TEXT[state.lang]) ?? key;
/**
 * A text with {name} slots filled; numbers with thousands separators.
 * @type {(key: string, values: Record<string, string | number>) => string}
 */
export const tf = (key, values) =>
  t(key).replace(/\{(\w+)\}/g, (_, name) =>
    typeof values[name] === "number" ? values[name].toLocaleString("en-US") : values[name],
  );
/**
 * The directory's city in each language, as the server put it in the page (shell.ts).
 * @type {Record<string, string>}
 */
const CITY = {
  zh: document.querySelector('meta[name="city"]')?.getAttribute("content") ?? "",
  en: document.querySelector('meta[name="city-en"]')?.getAttribute("content") ?? "",
};
/** The line under the console's name: whose console it is ("周口市 · 12345 / 信访"). */
export const cityLine = () => tf("city", { city: CITY[state.lang] });
/**
 * "1–50 of 1,024,311" for a page of a list (the total may be a lower bound).
 * @type {(first: number, count: number, total: number, lowerBound?: boolean) => string}
 */
export const showing = (first, count, total, lowerBound = false) =>
  tf("showing", {
    from: count ? first : 0,
    to: count ? first + count - 1 : 0,
    total: lowerBound ? tf("moreThan", { n: total }) : total,
  });
/**
 * The words of a value of one of the domain's lists (GET /api/reference serves the one table).
 * @type {(kind: string, value: string) => string}
 */
export const label = (kind, value) => state.ref?.labels[kind][value]?.[state.lang] ?? value;
