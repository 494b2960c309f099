// @ts-check
// Hot spots (热点问题, for 源头治理): clusters of one category, places named again, citizens
// repeating one matter, rising categories — each with its cases (GET /api/hot-spots, clerks).
// Each kind shows its total and its first findings; "more" fetches the next page of that kind.
import { api } from "./api.js";
import { caseLink, el, select } from "./dom.js";
import { catName, fmtDate, regionName } from "./format.js";
import { empty, layout } from "./layout.js";
import { navigate } from "./nav.js";
import { t, tf } from "./state.js";

/**
 * @template T
 * @typedef {{ total: number, offset: number, items: T[] }} Listed
 */
/**
 * @typedef {{ category: string, caseIds: string[], center: { latitude: number, longitude: number },
 *   radiusMetres: number, mapPath: string }} Cluster
 * @typedef {{ region: string | null, place: { name: string }, caseCount: number,
 *   caseIds: string[], categories: string[], bounds: object | null, mapPath: string,
 *   listPath: string | null }} RepeatedPlace
 * @typedef {{ caseIds: string[], bounds: object | null, mapPath: string }} RepeatComplaint
 * @typedef {{ category: string, current: number, previous: number,
 *   ratio: number | null, mapPath: string, listPath: string }} RisingCategory
 * @typedef {{
 *   from: string, to: string,
 *   clusters: Listed<Cluster>,
 *   repeatedPlaces: Listed<RepeatedPlace>,
 *   repeatComplaints: Listed<RepeatComplaint>,
 *   risingCategories: Listed<RisingCategory>,
 * }} HotSpotReport
 */

const PERIODS = ["7", "30", "90"];

/** @param {string[]} numbers */
const caseChips = (numbers) =>
  el(
    "div",
    { class: "chips" },
    numbers.map((no) => caseLink(no, "chip", no)),
  );

/**
 * Links of a finding: the map zoomed to it (when its cases have coordinates) and, for a rising
 * category, the case list of the period; for a road or landmark named again, the case list of
 * the period and region searched for its name (only its newest cases are listed here).
 * @param {{ mapPath: string, listPath?: string | null, bounds?: object | null }} finding
 */
const findingLinks = (finding) =>
  el(
    "div",
    { class: "hot-links" },
    finding.bounds === null
      ? []
      : el("a", { href: finding.mapPath, "data-link": true, class: "hot-map" }, t("hot.onMap")),
    finding.listPath
      ? el("a", { href: finding.listPath, "data-link": true, class: "hot-cases" }, t("hot.cases"))
      : [],
  );

/** @param {Cluster} c */
const clusterItem = (c) =>
  el(
    "li",
    {},
    tf("hot.cluster", {
      category: catName(c.category),
      n: c.caseIds.length,
      metres: Math.round(c.radiusMetres),
    }),
    caseChips(c.caseIds),
    findingLinks(c),
  );

/** @param {RepeatedPlace} p */
const placeItem = (p) =>
  el(
    "li",
    {},
    `${p.place.name.replaceAll("+", "/")} · ${p.region ? regionName(p.region) : "—"} · ${p.categories.map(catName).join("、")} · ` +
      (p.caseIds.length < p.caseCount
        ? tf("hot.newest", { n: p.caseCount, listed: p.caseIds.length })
        : tf("hot.placeCases", { n: p.caseCount })),
    caseChips(p.caseIds),
    findingLinks(p),
  );

/** @param {RepeatComplaint} r */
const repeatItem = (r) =>
  el("li", {}, tf("hot.repeat", { n: r.caseIds.length }), caseChips(r.caseIds), findingLinks(r));

/** @param {RisingCategory} r */
const risingItem = (r) =>
  el(
    "li",
    {},
    tf("hot.rise", { category: catName(r.category), now: r.current, before: r.previous }),
    findingLinks(r),
  );

/** "(12)", or "(2,315 found, first 50 listed)" while not all are listed. */
const counted = (/** @type {number} */ total, /** @type {number} */ listed) =>
  listed < total ? tf("hot.listed", { total, listed }) : tf("hot.all", { total });

/**
 * A kind's card: its title with its total, its findings listed so far, and while some are not,
 * a button listing the next page of them (GET /api/hot-spots?kind=…&offset=…).
 * @template T
 * @param {string} cls
 * @param {string} title
 * @param {string} kind
 * @param {string} days
 * @param {Listed<T>} first
 * @param {(finding: T) => HTMLElement} item
 */
const section = (cls, title, kind, days, first, item) => {
  const heading = el("h2", {}, `${title}${counted(first.total, first.items.length)}`);
  const list = el("ul", { class: "hot-list" }, first.items.map(item));
  let listed = first.items.length;
  /** @param {number} total */
  const moreLabel = (total) => tf("hot.more", { n: Math.min(first.items.length, total - listed) });
  const more = el(
    "button",
    { class: "btn-ghost hot-more", type: "button" },
    moreLabel(first.total),
  );
  more.hidden = listed >= first.total;
  more.addEventListener("click", async () => {
    more.disabled = true;
    const query = new URLSearchParams({
      days,
      kind,
      offset: String(listed),
      limit: String(first.items.length),
    });
    /** @type {Listed<T>} */
    const page = await api("GET", `/api/hot-spots?${query}`);
    list.append(...page.items.map(item));
    listed += page.items.length;
    heading.textContent = `${title}${counted(page.total, listed)}`;
    more.textContent = moreLabel(page.total);
    more.hidden = listed >= page.total || page.items.length === 0;
    more.disabled = false;
  });
  return el(
    "section",
    { class: `card hot-spots ${cls}` },
    heading,
    first.total ? [list, more] : empty(t("hot.none")),
  );
};

export async function hotSpotsPage() {
  const days = PERIODS.includes(new URLSearchParams(location.search).get("days") ?? "")
    ? /** @type {string} */ (new URLSearchParams(location.search).get("days"))
    : "30";
  /** @type {HotSpotReport} */
  const report = await api("GET", `/api/hot-spots?days=${days}`);
  const period = select(
    "days",
    PERIODS.map((d) => [d, tf("hot.days", { n: Number(d) })]),
    days,
  );
  period.setAttribute("aria-label", t("hot.period"));
  period.addEventListener("change", () => navigate(`/console/hot-spots?days=${period.value}`));
  return layout(
    "hot",
    t("hot.title"),
    `${fmtDate(report.from, false)} – ${fmtDate(report.to, false)}`,
    [period],
    el(
      "div",
      { class: "admin-grid" },
      section("hot-clusters", t("hot.clusters"), "clusters", days, report.clusters, clusterItem),
      section(
        "hot-places",
        t("hot.places"),
        "repeatedPlaces",
        days,
        report.repeatedPlaces,
        placeItem,
      ),
      section(
        "hot-repeats",
        t("hot.repeats"),
        "repeatComplaints",
        days,
        report.repeatComplaints,
        repeatItem,
      ),
      section(
        "hot-rising",
        t("hot.rising"),
        "risingCategories",
        days,
        report.risingCategories,
        risingItem,
      ),
    ),
  );
}
