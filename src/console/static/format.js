// @ts-check
// Dates, durations, rates and the names of categories, regions and units.
import { el } from "./dom.js";
import { label, state, t, tf } from "./state.js";

// ---------- formatting ----------
export const tz = "Asia/Shanghai";
/**
 * "2026-11-20 14:05" (or the day alone) in Asia/Shanghai; "—" without a time.
 * @param {string | null | undefined} iso
 */
export function fmtDate(iso, withTime = true) {
  if (!iso) return "—";
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: tz,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(iso));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return withTime
    ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`
    : `${p.year}-${p.month}-${p.day}`;
}
/** @param {number} ms */
export function fmtDuration(ms) {
  const minutes = Math.max(0, Math.round(ms / 60000));
  if (minutes < 60) return state.lang === "zh" ? `${minutes} 分钟` : `${minutes} min`;
  const hours = minutes / 60;
  if (hours < 48) return state.lang === "zh" ? `${hours.toFixed(1)} 小时` : `${hours.toFixed(1)} h`;
  return state.lang === "zh" ? `${(hours / 24).toFixed(1)} 天` : `${(hours / 24).toFixed(1)} days`;
}
/**
 * A classifier's confidence as the whole percent shown: the same rounding as the server's
 * confidencePercent (src/domain/classification.ts), which states it in the explanation beside.
 * @param {number} confidence
 */
export const confidencePercent = (confidence) => Math.round(confidence * 100);
/** @type {(rate: { value: number | null }) => string} */
export const pct = (rate) => (rate.value == null ? "—" : `${(rate.value * 100).toFixed(1)}%`);
/** @type {(code: string) => string} */
export const catName = (code) => {
  const c = state.ref?.categories.find((x) => x.code === code);
  return c ? (state.lang === "zh" ? c.name : c.nameEn) : code;
};
/** @type {(code: string | null | undefined) => string} */
export const regionName = (code) => {
  if (!code || code === "none") return t("unknownRegion");
  const r = state.ref?.regions.find((x) => x.code === code);
  return r ? (state.lang === "zh" ? r.name : r.nameEn) : code;
};
/** @type {(id: string | null | undefined) => string} */
export const unitName = (id) => {
  if (!id) return "—";
  const u = state.ref?.units.find((x) => x.id === id);
  return u ? (state.lang === "zh" ? u.name : u.nameEn) : id;
};
/** @type {(s: string) => HTMLSpanElement} */
export const statusBadge = (s) => el("span", { class: `badge status-${s}` }, label("status", s));
/**
 * 咨询 beside 紧急 for a consultation (a question answered within 5 working days), as the staff
 * cards mark it; null for a complaint.
 * @param {string | undefined} requestKind
 * @param {string} [size] a badge size class ("badge-xs" in the case list), as 紧急's beside it
 */
export function consultationBadge(requestKind, size = "") {
  if (requestKind !== "consultation") return null;
  return el(
    "span",
    { class: `badge badge-outline ${size}`.trim() },
    label("requestKind", requestKind),
  );
}

/**
 * The many a case speaks for (群体诉求), said as the staff cards say it (groupText in
 * src/i18n/format.ts): "群体诉求：全村，约 200 户以上" / "Group complaint: whole village, 200+
 * households"; null for one person or a family.
 * @param {{ count: { atLeast: number, unit: string } | null, whole: string | null } | null} group
 * @param {string} [size] a badge size class ("badge-xs" in the case list), as 紧急's beside it
 */
export function groupBadge(group, size = "") {
  if (!group) return null;
  const what = groupExtent(group);
  return el("span", { class: `badge badge-warn ${size}`.trim() }, tf("groupComplaint", { what }));
}

/**
 * "不在本市：郑州市" / "Outside the city: 郑州市", as the staff cards mark it: the place the
 * citizen's words name outside the city, or that the location sent lies outside; nothing for
 * a case in the city.
 * @param {{ place: string | null } | null} outside
 * @param {string} [size] a badge size class ("badge-xs" in the case list)
 */
export function outsideCityBadge(outside, size = "") {
  if (!outside) return null;
  const place = outside.place ?? t("outsidePointSent");
  return el("span", { class: `badge badge-warn ${size}`.trim() }, tf("outsideCity", { place }));
}

/**
 * "催办 3 次": how often the citizen urged the case on; nothing for a case never urged.
 * @param {number} count
 */
export function urgeBadge(count, size = "") {
  if (!count) return null;
  return el("span", { class: `badge badge-warn ${size}`.trim() }, tf("urgeCount", { n: count }));
}

/**
 * "已超期" beside a deadline that has passed, as the server's clock says (`overdue` of the case
 * list and page): in words, not only in red, for those who do not see the colour.
 * @param {boolean} overdue
 * @param {string} [size] a badge size class ("badge-xs" in the case list)
 */
export function overdueBadge(overdue, size = "") {
  if (!overdue) return null;
  return el("span", { class: `badge badge-danger ${size}`.trim() }, t("overdueBadge"));
}

/**
 * How many, without the heading (groupExtent in src/i18n/format.ts): "全村，约 200 户以上".
 * @param {{ count: { atLeast: number, unit: string } | null, whole: string | null }} group
 */
export function groupExtent(group) {
  const count =
    group.count &&
    tf("groupCount", { n: group.count.atLeast, unit: label("groupUnit", group.count.unit) });
  const whole = group.whole && label("wholeGroup", group.whole);
  return [whole, count].filter(Boolean).join(t("listSeparator"));
}
