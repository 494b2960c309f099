// @ts-check
// The case list.
import { api } from "./api.js";
import { caseLink, el, field, icon, select, table } from "./dom.js";
import { exportWithProgress } from "./dashboard.js";
import {
  catName,
  consultationBadge,
  fmtDate,
  groupBadge,
  outsideCityBadge,
  overdueBadge,
  regionName,
  urgeBadge,
  statusBadge,
  unitName,
} from "./format.js";
import { empty, filterBar, layout, pager } from "./layout.js";
import { navigate } from "./nav.js";
import { label, reference, showing, signedIn, state, t, tf } from "./state.js";

/** The sizes of group complaint the list offers to keep (the API takes any number). */
const GROUP_SIZES = [10, 30, 100];
/** How often urged on (催办) the list offers to keep, at least (the API takes any number). */
const URGE_COUNTS = [1, 3];

export async function casesPage() {
  const params = new URLSearchParams(location.search);
  const data = await api("GET", `/api/cases?${params}`);
  const statuses = [
    ["", t("all")],
    ...Object.keys(reference().labels.status).map((s) => [s, label("status", s)]),
  ];
  const groups = [
    ["", t("all")],
    ["any", t("groupAny")],
    ...GROUP_SIZES.map((n) => [String(n), tf("groupAtLeast", { n })]),
  ];
  const urged = [["", t("all")], ...URGE_COUNTS.map((n) => [String(n), tf("urgedAtLeast", { n })])];
  const outside = [
    ["", t("all")],
    ["true", t("outsideOnly")],
  ];
  const overdue = [
    ["", t("all")],
    ["true", t("overdueOnly")],
  ];
  // A unit's handler sees their own unit's cases only: the choice is the clerks'.
  const units = signedIn().role !== "handler" && [
    ["", t("all")],
    ...reference().units.map((u) => [u.id, unitName(u.id)]),
  ];
  const kinds = [
    ["", t("all")],
    ...Object.keys(reference().labels.requestKind).map((k) => [k, label("requestKind", k)]),
  ];
  const rows = data.items.map((r) =>
    el(
      "tr",
      { class: "row-link", onclick: () => navigate(`/console/cases/${r.case.trackingNo}`) },
      // A tracking number, a category or a region is read whole: only the description wraps.
      el(
        "td",
        { class: "nowrap" },
        caseLink(r.case.trackingNo, "case-no", r.case.trackingNo),
        r.case.isEmergency && el("span", { class: "badge badge-danger badge-xs" }, t("emergency")),
        consultationBadge(r.case.requestKind, "badge-xs"),
        groupBadge(r.group, "badge-xs"),
        urgeBadge(r.case.urgeCount, "badge-xs"),
        outsideCityBadge(r.outsideCity, "badge-xs"),
      ),
      // Labelled on a phone, where the list's headings are not shown.
      el("td", { class: "nowrap", "data-label": t("submittedAt") }, fmtDate(r.case.submittedAt)),
      el("td", { class: "nowrap" }, catName(r.case.categoryCode)),
      el("td", { class: "nowrap" }, regionName(r.case.regionCode)),
      el("td", { class: "cell-text" }, r.description),
      el("td", {}, statusBadge(r.case.status)),
      el("td", {}, unitName(r.case.unitId)),
      el(
        "td",
        { class: "nowrap", "data-label": t("due") },
        fmtDate(r.dueAt, false),
        overdueBadge(r.overdue, "badge-xs"),
      ),
    ),
  );
  const go = (key, cursor) => {
    params.delete("after");
    params.delete("before");
    params.set(key, cursor);
    navigate(`/console/cases?${params}`);
  };
  return layout(
    "cases",
    t("casesTitle"),
    `${t("casesSub")} · ${showing(data.first, data.items.length, data.total, data.totalIsLowerBound)}`,
    [listExport(params)],
    el(
      "div",
      {},
      filterBar(params, (q) => navigate(`/console/cases?${q}`), [
        field(t("statusLabel"), select("status", statuses, params.get("status") || "")),
        ...(units ? [field(t("unit"), select("unit", units, params.get("unit") || ""))] : []),
        field(t("groupFilter"), select("group", groups, params.get("group") || "")),
        field(t("kindFilter"), select("kind", kinds, params.get("kind") || "")),
        field(t("urgedFilter"), select("urged", urged, params.get("urged") || "")),
        field(t("outsideFilter"), select("outside", outside, params.get("outside") || "")),
        // Named with the word of the badge it keeps (已超期).
        field(t("overdueBadge"), select("overdue", overdue, params.get("overdue") || "")),
        field(
          t("search"),
          el("input", {
            name: "q",
            class: "input",
            value: params.get("q") || "",
            // A handler's search never finds a case by its citizen's number (the API's rule).
            placeholder: t(signedIn().role === "handler" ? "search" : "searchWithPhone"),
          }),
        ),
      ]),
      data.items.length
        ? el(
            "div",
            { class: "card table-card case-list" },
            table(
              [
                t("trackingNo"),
                t("submittedAt"),
                t("category"),
                t("region"),
                t("description"),
                t("statusLabel"),
                t("unit"),
                t("due"),
              ],
              rows,
            ),
            (data.previous || data.next) &&
              pager(
                data.previous && (() => go("before", data.previous)),
                data.next && (() => go("after", data.next)),
              ),
          )
        : empty(t("noData")),
    ),
  );
}

/**
 * When it happened: the resolved day as the server writes it (`occurredDay`: to the precision
 * the words said it, "约 2025年"), with the citizen's own words beside it; words without a day
 * alone, said to go on until now when they do ("天天都这样").
 */
export function occurred(c) {
  if (!c.occurredDay) {
    return c.occurredOngoing ? tf("occurredOngoing", { words: c.occurredText }) : c.occurredText;
  }
  return el(
    "span",
    {},
    c.occurredDay[state.lang],
    c.occurredText && el("small", { class: "muted" }, `（${c.occurredText}）`),
  );
}

/**
 * 导出 CSV of the cases the list shows for its filters and search, every page of them, in its
 * order (with 已超期, the longest overdue first; a search's newest first).
 * @param {URLSearchParams} params
 */
function listExport(params) {
  const filters = new URLSearchParams(params);
  filters.delete("after");
  filters.delete("before");
  return el(
    "a",
    {
      class: "btn",
      href: `/api/export.csv?${filters}`,
      download: true,
      onclick: exportWithProgress,
    },
    icon("download", "icon icon-sm"),
    t("exportCsv"),
  );
}
