// @ts-check
// Hot spots (热点问题, for 源头治理): clusters of one category, places named again, citizens
// repeating one matter, rising categories — each with its cases (GET /api/hot-spots, clerks).
import { api } from "./api.js";
import { caseLink, el, select } from "./dom.js";
import { catName, fmtDate, regionName } from "./format.js";
import { empty, layout } from "./layout.js";
import { navigate } from "./nav.js";
import { t, tf } from "./state.js";

/**
 * @typedef {{
 *   from: string, to: string,
 *   clusters: { category: string, caseIds: string[], center: { latitude: number, longitude: number },
 *     radiusMetres: number, mapPath: string }[],
 *   repeatedPlaces: { region: string | null, place: { name: string }, caseCount: number,
 *     caseIds: string[], categories: string[], bounds: object | null, mapPath: string,
 *     listPath: string | null }[],
 *   repeatComplaints: { caseIds: string[], bounds: object | null, mapPath: string }[],
 *   risingCategories: { category: string, current: number, previous: number,
 *     ratio: number | null, mapPath: string, listPath: string }[],
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

/**
 * @param {string} cls
 * @param {string} title
 * @param {unknown[]} rows
 */
const section = (cls, title, rows) =>
  el(
    "section",
    { class: `card hot-spots ${cls}` },
    el("h3", {}, `${title} (${rows.length})`),
    rows.length ? el("ul", { class: "hot-list" }, rows) : empty(t("hot.none")),
  );

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
  period.addEventListener("change", () => navigate(`/console/hot-spots?days=${period.value}`));
  return layout(
    "hot",
    t("hot.title"),
    `${fmtDate(report.from, false)} – ${fmtDate(report.to, false)}`,
    [period],
    el(
      "div",
      { class: "admin-grid" },
      section(
        "hot-clusters",
        t("hot.clusters"),
        report.clusters.map((c) =>
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
          ),
        ),
      ),
      section(
        "hot-places",
        t("hot.places"),
        report.repeatedPlaces.map((p) =>
          el(
            "li",
            {},
            `${p.place.name.replaceAll("+", "/")} · ${p.region ? regionName(p.region) : "—"} · ${p.categories.map(catName).join("、")} · ` +
              (p.caseIds.length < p.caseCount
                ? tf("hot.newest", { n: p.caseCount, listed: p.caseIds.length })
                : tf("hot.placeCases", { n: p.caseCount })),
            caseChips(p.caseIds),
            findingLinks(p),
          ),
        ),
      ),
      section(
        "hot-repeats",
        t("hot.repeats"),
        report.repeatComplaints.map((r) =>
          el(
            "li",
            {},
            tf("hot.repeat", { n: r.caseIds.length }),
            caseChips(r.caseIds),
            findingLinks(r),
          ),
        ),
      ),
      section(
        "hot-rising",
        t("hot.rising"),
        report.risingCategories.map((r) =>
          el(
            "li",
            {},
            tf("hot.rise", { category: catName(r.category), now: r.current, before: r.previous }),
            findingLinks(r),
          ),
        ),
      ),
    ),
  );
}
