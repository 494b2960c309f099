// @ts-check
// The page frame (sidebar, header) and the widgets several pages share.
import { api } from "./api.js";
import { el, field, icon, select } from "./dom.js";
import { fmtDuration, unitName } from "./format.js";
import { navigate, render } from "./nav.js";
import { cityLine, reference, signedIn, state, t } from "./state.js";

// ---------- layout ----------
/**
 * A page in the console's frame: the sidebar (its `active` item marked) and the header.
 * @param {string} active
 * @param {string} title
 * @param {string | null} subtitle
 * @param {unknown[]} tools
 * @param {Node} content
 */
export function layout(active, title, subtitle, tools, content) {
  const me = signedIn();
  const clerk = me.role !== "handler";
  const nav = /** @type {[import("./dom.js").IconName, string, string][]} */ (
    [
      clerk && ["queue", "/console/queue", t("navQueue")],
      clerk && ["register", "/console/register", t("navRegister")],
      ["cases", "/console/cases", t("navCases")],
      ["map", "/console/map", t("navMap")],
      ["dash", "/console/dashboard", t("navDashboard")],
      clerk && ["hot", "/console/hot-spots", t("navHotSpots")],
      me.role === "admin" && ["admin", "/console/admin", t("navAdmin")],
    ].filter(Boolean)
  );
  return el(
    "div",
    { class: "shell" },
    el(
      "aside",
      { class: "sidebar" },
      el(
        "a",
        { class: "brand", href: "/console", "data-link": true },
        el("img", { src: "/console/assets/favicon.svg", alt: "", class: "brand-mark" }),
        el(
          "span",
          { class: "brand-text" },
          el("strong", {}, t("productShort")),
          el("small", {}, cityLine()),
        ),
      ),
      el(
        "nav",
        { class: "nav" },
        nav.map(([ic, href, label]) =>
          el(
            "a",
            { href, class: `nav-item${active === ic ? " active" : ""}`, "data-link": true },
            icon(ic),
            el("span", {}, label),
          ),
        ),
      ),
      el(
        "div",
        { class: "user" },
        el("div", { class: "avatar" }, me.displayName.slice(0, 1).toUpperCase()),
        el(
          "div",
          { class: "user-text" },
          el("strong", {}, me.displayName),
          // The unit's name is cut to the sidebar's width: the whole of it shows on hover.
          el(
            "small",
            { title: me.unitId ? unitName(me.unitId) : null },
            t(`roles.${me.role}`),
            me.unitId ? ` · ${unitName(me.unitId)}` : "",
          ),
        ),
        el(
          "div",
          { class: "user-tools" },
          el("button", { class: "icon-btn", title: t("lang"), onclick: switchLang }, icon("globe")),
          el("button", { class: "icon-btn", title: t("signOut"), onclick: signOut }, icon("out")),
        ),
      ),
    ),
    el(
      "main",
      { class: "main" },
      el(
        "header",
        { class: "page-head" },
        el("div", {}, el("h1", {}, title), subtitle && el("p", { class: "page-sub" }, subtitle)),
        el("div", { class: "page-tools" }, tools),
      ),
      content,
    ),
  );
}
export function switchLang() {
  state.lang = state.lang === "zh" ? "en" : "zh";
  localStorage.setItem("console.lang", state.lang);
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  document.title = t("product");
  render();
}
export async function signOut() {
  await api("DELETE", "/api/session").catch(() => {});
  state.me = null;
  navigate("/console/sign-in");
}

/**
 * How long a case has waited for its dispatch against its target, or once routed how long its
 * dispatch took (no clock runs any more); "returned" without one.
 * @param {{ state: string, elapsedMs: number, decided: boolean, target: { ms: number, kind: string } } | null} d
 */
export function dispatchBadge(d) {
  if (!d) return el("span", { class: "badge badge-muted" }, t("returned"));
  const spent = `${fmtDuration(d.elapsedMs)} / ${fmtDuration(d.target.ms)}`;
  if (d.decided) {
    return el(
      "div",
      { class: `dispatch dispatch-${d.state} dispatch-done` },
      el(
        "div",
        { class: "dispatch-row" },
        el("strong", {}, t(`dispatchDone.${d.state}`)),
        el("span", {}, spent),
      ),
      el("small", {}, t(`targetKind.${d.target.kind}`)),
    );
  }
  return el(
    "div",
    { class: `dispatch dispatch-${d.state}` },
    el(
      "div",
      { class: "dispatch-row" },
      icon("clock", "icon icon-sm"),
      el("strong", {}, t(`dispatchState.${d.state}`)),
      el("span", {}, spent),
    ),
    el(
      "div",
      { class: "meter" },
      el("span", {
        class: "meter-fill",
        dataset: { w: Math.min(100, Math.round((d.elapsedMs / d.target.ms) * 100)) },
      }),
    ),
    el("small", {}, t(`targetKind.${d.target.kind}`)),
  );
}
/**
 * Sets each meter's width from its data-w (the content security policy forbids inline styles).
 * @param {ParentNode} scope
 */
export function sizeMeters(scope) {
  scope.querySelectorAll("[data-w]").forEach((n) => {
    if (!(n instanceof HTMLElement)) return;
    n.style.width = `${n.dataset.w}%`;
  });
}

/**
 * Previous and next buttons; a missing handler disables its button.
 * @type {(previous: false | null | undefined | (() => void), next: false | null | undefined | (() => void)) => HTMLDivElement}
 */
export const pager = (previous, next) =>
  el(
    "div",
    { class: "pager" },
    el("button", { class: "btn", disabled: !previous, onclick: previous || null }, t("prev")),
    el("button", { class: "btn", disabled: !next, onclick: next || null }, t("next")),
  );
/** @type {(text: string) => HTMLDivElement} */
export const empty = (text) =>
  el(
    "div",
    { class: "empty" },
    el("div", { class: "empty-mark" }, icon("cases")),
    el("p", {}, text),
  );

/**
 * The region and category filters, with `extra` fields; `onApply` gets the filled ones.
 * @param {URLSearchParams} params
 * @param {(query: URLSearchParams) => void} onApply
 * @param {Node[]} [extra]
 */
export function filterBar(params, onApply, extra = []) {
  const regions = [
    ["", t("all")],
    ...reference().regions.map((r) => [r.code, state.lang === "zh" ? r.name : r.nameEn]),
  ];
  const cats = [
    ["", t("all")],
    ...reference().categories.map((x) => [x.code, state.lang === "zh" ? x.name : x.nameEn]),
  ];
  return el(
    "form",
    {
      class: "filters",
      onsubmit: (/** @type {SubmitEvent} */ e) => {
        e.preventDefault();
        const f = new FormData(/** @type {HTMLFormElement} */ (e.target));
        const q = new URLSearchParams();
        for (const [k, v] of f) if (typeof v === "string" && v) q.set(k, v);
        onApply(q);
      },
    },
    field(
      t("from"),
      el("input", { type: "date", name: "from", class: "input", value: params.get("from") || "" }),
    ),
    field(
      t("to"),
      el("input", { type: "date", name: "to", class: "input", value: params.get("to") || "" }),
    ),
    field(t("region"), select("region", regions, params.get("region") || "")),
    field(t("category"), select("category", cats, params.get("category") || "")),
    extra,
    el(
      "div",
      { class: "filters-go" },
      el("button", { class: "btn btn-primary", type: "submit" }, t("apply")),
    ),
  );
}
