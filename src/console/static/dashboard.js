// @ts-check
// The dashboard and the export.
import { ApiError, api } from "./api.js";
import { caseLink, el, icon, table } from "./dom.js";
import { catName, fmtDate, pct, regionName, statusBadge, unitName } from "./format.js";
import { filterBar, layout } from "./layout.js";
import { navigate } from "./nav.js";
import { label, t, tf } from "./state.js";

export async function exportWithProgress(event) {
  event.preventDefault();
  const link = event.currentTarget;
  if (link.dataset.busy) return;
  link.dataset.busy = "1";
  const label = link.lastChild;
  const original = label.textContent;
  try {
    const response = await fetch(link.href, { credentials: "same-origin" });
    if (!response.ok) throw new ApiError(response.status, null);
    const total = Number(response.headers.get("x-export-rows") ?? 0);
    const reader = /** @type {ReadableStream<Uint8Array<ArrayBuffer>>} */ (
      response.body
    ).getReader();
    const parts = [];
    let done = 0;
    for (;;) {
      const { value, done: finished } = await reader.read();
      if (finished) break;
      parts.push(value);
      for (const byte of value) if (byte === 10) done++;
      label.textContent = tf("exporting", { done: Math.min(Math.max(done - 1, 0), total), total });
    }
    const url = URL.createObjectURL(new Blob(parts, { type: "text/csv" }));
    const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "");
    el("a", { href: url, download: name?.[1] ?? "cases.csv" }).click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } finally {
    label.textContent = original;
    delete link.dataset.busy;
  }
}

export const charts = [];

/** Height of one bar of a horizontal bar chart with its name, and the axis below them, in px. */
const BAR_ROW_PX = 26;
const BAR_AXIS_PX = 40;
/** The stylesheet's height of a chart, which a few bars keep. */
const CHART_PX = 240;
/**
 * A horizontal bar chart tall enough for every bar's name: the 16 categories of a city in
 * 240 px left Chart.js room for every other name only.
 * @param {number} bars
 */
const barRowsHeight = (bars) => Math.max(CHART_PX, bars * BAR_ROW_PX + BAR_AXIS_PX);
export async function dashboardPage() {
  const params = new URLSearchParams(location.search);
  const d = await api("GET", `/api/dashboard?${params}`);
  // The period the page shows, which the server chose when the address names none: the export
  // has no default period and would otherwise hold every case ever filed.
  const shown = new URLSearchParams({
    from: d.period.from,
    to: d.period.to,
    ...Object.fromEntries(params),
  });
  const exportHref = `/api/export.csv?${shown}`;
  // 当前超期案件 leads to the case list's 已超期 filter with the page's other filters, not its
  // period: the figure counts the cases overdue now whenever filed, as that list does.
  const overdueList = new URLSearchParams(params);
  overdueList.delete("from");
  overdueList.delete("to");
  overdueList.set("overdue", "true");
  const overdueLink = (/** @type {string} */ text) =>
    el(
      "a",
      { href: `/console/cases?${overdueList}`, "data-link": true, title: t("overdueInList") },
      text,
    );
  /**
   * A figure, and with `link` the figure is a link to its cases.
   * @param {string} label @param {string | number} value @param {string} [hint]
   * @param {string} [cls] @param {(text: string) => Node} [link]
   */
  const kpi = (label, value, hint, cls = "", link) =>
    el(
      "div",
      { class: `kpi ${cls}` },
      el("span", { class: "kpi-label" }, label),
      el("strong", { class: "kpi-value" }, link ? link(String(value)) : value),
      hint && el("small", {}, hint),
    );
  /** @param {string} id @param {number} [height] in CSS pixels, when not the stylesheet's */
  const canvas = (id, height) => {
    const box = el("div", { class: "chart-box" }, el("canvas", { id, role: "img" }));
    // Through the style object: the console's CSP refuses a style attribute.
    if (height) box.style.height = `${height}px`;
    return box;
  };
  const overdue = d.overdue.cases.length
    ? table(
        [t("trackingNo"), t("statusLabel"), t("unit"), t("due"), t("daysOverdue")],
        d.overdue.cases.map((o) =>
          el(
            "tr",
            { class: "row-link", onclick: () => navigate(`/console/cases/${o.trackingNo}`) },
            el("td", {}, caseLink(o.trackingNo, "case-no", o.trackingNo)),
            el("td", {}, statusBadge(o.status)),
            el("td", {}, unitName(o.unitId)),
            el("td", {}, `${label("clock", o.clock)} · ${fmtDate(o.dueAt, false)}`),
            el("td", { class: "num danger" }, o.daysOverdue),
          ),
        ),
      )
    : el("p", { class: "muted pad" }, t("noData"));
  const page = layout(
    "dash",
    t("dashTitle"),
    `${d.period.from} — ${d.period.to}`,
    [
      el(
        "a",
        { class: "btn", href: exportHref, download: true, onclick: exportWithProgress },
        icon("download", "icon icon-sm"),
        t("exportCsv"),
      ),
    ],
    el(
      "div",
      {},
      filterBar(shown, (q) => navigate(`/console/dashboard?${q}`)),
      el(
        "div",
        { class: "kpis" },
        kpi(t("total"), d.total),
        kpi(
          t("overdue"),
          d.overdue.count,
          t("overdueAnyDay"),
          d.overdue.count ? "kpi-danger" : "",
          overdueLink,
        ),
        kpi(
          t("avgAccept"),
          d.averageHoursToAcceptance == null
            ? "—"
            : `${d.averageHoursToAcceptance.toFixed(1)} ${t("hours")}`,
        ),
        kpi(
          t("avgAnswer"),
          d.averageDaysToAnswer == null
            ? "—"
            : `${d.averageDaysToAnswer.toFixed(1)} ${t("daysUnit")}`,
        ),
        kpi(
          t("responseRate"),
          pct(d.rates.response),
          `${t("responseHint")} · ${d.rates.response.numerator}/${d.rates.response.denominator}`,
          "kpi-rate",
        ),
        kpi(
          t("resolutionRate"),
          pct(d.rates.resolution),
          `${t("resolutionHint")} · ${d.rates.resolution.numerator}/${d.rates.resolution.denominator}`,
          "kpi-rate",
        ),
        kpi(
          t("satisfactionRate"),
          pct(d.rates.satisfaction),
          `${t("satisfactionHint")} · ${d.rates.satisfaction.numerator}/${d.rates.satisfaction.denominator}`,
          "kpi-rate",
        ),
      ),
      el(
        "div",
        { class: "chart-grid" },
        el("section", { class: "card chart-wide" }, el("h2", {}, t("perDay")), canvas("chart-day")),
        el(
          "section",
          { class: "card" },
          el("h2", {}, t("byCategory")),
          canvas("chart-category", barRowsHeight(d.byCategory.length)),
        ),
        el("section", { class: "card" }, el("h2", {}, t("byRegion")), canvas("chart-region")),
        el("section", { class: "card" }, el("h2", {}, t("byStatus")), canvas("chart-status")),
        el(
          "section",
          { class: "card table-card" },
          el("h2", {}, overdueLink(`${t("overdueList")} (${d.overdue.count})`)),
          overdue,
        ),
      ),
    ),
  );
  requestAnimationFrame(() => drawCharts(d));
  return page;
}
export function drawCharts(d) {
  while (charts.length) charts.pop().destroy();
  // Chart.js is the vendor script the shell loads (/console/assets/vendor/chart.umd.min.js).
  const Chart = /** @type {Window & { Chart?: typeof import("chart.js").Chart }} */ (window).Chart;
  if (!Chart) return;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#5b6472";
  const blue = "#1d4f91";
  const palette = [
    "#1d4f91",
    "#3b7dd8",
    "#5fa8e8",
    "#f2b33d",
    "#e0703a",
    "#3aa57a",
    "#8a63d2",
    "#c2477b",
    "#7a8699",
    "#2c9aa8",
    "#b58b2b",
  ];
  const base = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: { legend: { display: false } },
  };
  const make = (id, config) => {
    const node = /** @type {HTMLCanvasElement | null} */ (document.getElementById(id));
    if (!node) return;
    // A canvas is a picture without words: a screen reader reads the chart's figures instead.
    const heading = node.closest("section")?.querySelector("h2")?.textContent ?? "";
    const { labels, datasets } = config.data;
    const figures = labels.map((name, i) => `${name} ${datasets[0].data[i]}`).join(", ");
    node.setAttribute("aria-label", `${heading}: ${figures}`);
    charts.push(new Chart(node, config));
  };
  make("chart-day", {
    type: "line",
    data: {
      labels: d.perDay.map((p) => p.date.slice(5)),
      datasets: [
        {
          data: d.perDay.map((p) => p.count),
          borderColor: blue,
          backgroundColor: "rgba(29,79,145,.12)",
          fill: true,
          tension: 0,
          pointRadius: 2,
        },
      ],
    },
    options: {
      ...base,
      scales: {
        y: { beginAtZero: true, ticks: { precision: 0 } },
        x: { grid: { display: false } },
      },
    },
  });
  // Counts per category (horizontal) or region (vertical): integer axis from zero.
  const bars = (id, counts, label, color, horizontal) => {
    const [valueAxis, labelAxis] = horizontal ? ["x", "y"] : ["y", "x"];
    make(id, {
      type: "bar",
      data: {
        labels: counts.map((c) => label(c.key)),
        datasets: [
          {
            data: counts.map((c) => c.count),
            backgroundColor: color,
            borderRadius: 4,
            maxBarThickness: 48,
          },
        ],
      },
      options: {
        ...base,
        indexAxis: labelAxis,
        scales: {
          [valueAxis]: { beginAtZero: true, ticks: { precision: 0 } },
          // Every bar named: the names are not skipped when crowded, but turned (the regions'
          // under their bars) or given the room (the categories' rows, barRowsHeight).
          [labelAxis]: { grid: { display: false }, ticks: { autoSkip: false, maxRotation: 90 } },
        },
      },
    });
  };
  bars("chart-category", d.byCategory, catName, blue, true);
  bars("chart-region", d.byRegion, regionName, "#3b7dd8", false);
  make("chart-status", {
    type: "doughnut",
    data: {
      labels: d.byStatus.map((c) => label("status", c.key)),
      datasets: [
        { data: d.byStatus.map((c) => c.count), backgroundColor: palette, borderWidth: 0 },
      ],
    },
    options: {
      ...base,
      cutout: "62%",
      plugins: { legend: { display: true, position: "right", labels: { boxWidth: 12 } } },
    },
  });
}
