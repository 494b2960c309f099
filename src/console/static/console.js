// The staff console: a small app without a build step, calling /api.
import { TEXT } from "./i18n.js";

const state = { me: null, ref: null, lang: localStorage.getItem("console.lang") || "zh" };
let csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";
const t = (key) => key.split(".").reduce((o, k) => (o == null ? o : o[k]), TEXT[state.lang]) ?? key;
/** A text with {name} slots filled; numbers with thousands separators. */
const tf = (key, values) =>
  t(key).replace(/\{(\w+)\}/g, (_, name) =>
    typeof values[name] === "number" ? values[name].toLocaleString("en-US") : values[name],
  );
/** "1–50 of 1,024,311" for a page of a list (the total may be a lower bound). */
const showing = (first, count, total, lowerBound = false) =>
  tf("showing", {
    from: count ? first : 0,
    to: count ? first + count - 1 : 0,
    total: lowerBound ? tf("moreThan", { n: total }) : total,
  });
/** The words of a value of one of the domain's lists (GET /api/reference serves the one table). */
const label = (kind, value) => state.ref?.labels[kind][value]?.[state.lang] ?? value;
const root = document.getElementById("app");

// ---------- DOM helpers (text is always set as text, never as HTML) ----------
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
/** A link to a case's page (handled by the console's router). */
function caseLink(no, cls, text, title) {
  return el("a", { href: `/console/cases/${no}`, "data-link": true, class: cls, title }, text);
}
/** A possible duplicate of a case: its number and why, with the reason as title or its status. */
function duplicateChip(d, { title = false, status = false } = {}) {
  const why = t(`dup.${d.why}`);
  const text = status
    ? `${d.trackingNo} · ${why} · ${label("status", d.status)}`
    : `${d.trackingNo} · ${why}`;
  return caseLink(d.trackingNo, "chip chip-warn", text, title ? why : undefined);
}
const ICONS = {
  queue: "M4 6h16M4 12h16M4 18h10",
  cases: "M5 4h10l4 4v12H5zM15 4v4h4M8 12h8M8 16h6",
  dash: "M4 20V10M10 20V4M16 20v-7M22 20H2",
  out: "M15 17l5-5-5-5M20 12H9M11 4H5v16h6",
  globe: "M12 3a9 9 0 100 18 9 9 0 000-18zM3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18",
  back: "M15 6l-6 6 6 6",
  alert: "M12 4l9 16H3zM12 10v4M12 17v.5",
  clock: "M12 3a9 9 0 100 18 9 9 0 000-18zM12 7v5l3 2",
  photo: "M4 6h16v12H4zM8 14l3-3 3 3 2-2 4 4",
  download: "M12 4v11M7 10l5 5 5-5M5 20h14",
};
function icon(name, cls = "icon") {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("class", cls);
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", ICONS[name]);
  svg.append(path);
  return svg;
}

// ---------- formatting ----------
const tz = "Asia/Shanghai";
function fmtDate(iso, withTime = true) {
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
function fmtDuration(ms) {
  const minutes = Math.max(0, Math.round(ms / 60000));
  if (minutes < 60) return state.lang === "zh" ? `${minutes} 分钟` : `${minutes} min`;
  const hours = minutes / 60;
  if (hours < 48) return state.lang === "zh" ? `${hours.toFixed(1)} 小时` : `${hours.toFixed(1)} h`;
  return state.lang === "zh" ? `${(hours / 24).toFixed(1)} 天` : `${(hours / 24).toFixed(1)} days`;
}
const pct = (rate) => (rate.value == null ? "—" : `${(rate.value * 100).toFixed(1)}%`);
const catName = (code) => {
  const c = state.ref?.categories.find((x) => x.code === code);
  return c ? (state.lang === "zh" ? c.name : c.nameEn) : code;
};
const regionName = (code) => {
  if (!code || code === "none") return t("unknownRegion");
  const r = state.ref?.regions.find((x) => x.code === code);
  return r ? (state.lang === "zh" ? r.name : r.nameEn) : code;
};
const unitName = (id) => (id ? (state.ref?.units.find((u) => u.id === id)?.name ?? id) : "—");
const statusBadge = (s) => el("span", { class: `badge status-${s}` }, label("status", s));

// ---------- API ----------
class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message || t("networkError"));
    this.status = status;
    this.body = body;
  }
}
async function api(method, path, body, retried = false) {
  const headers = { "accept-language": state.lang === "en" ? "en" : "zh-CN" };
  if (method !== "GET") headers["x-csrf-token"] = csrf;
  if (body !== undefined) headers["content-type"] = "application/json";
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (response.status === 403 && data?.error?.code === "csrf.invalid" && !retried) {
    csrf = (await api("GET", "/api/csrf")).csrfToken;
    return api(method, path, body, true);
  }
  if (response.status === 401 && path !== "/api/session") {
    state.me = null;
    navigate("/console/sign-in", true);
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

// ---------- toasts and dialogs ----------
function toast(message, kind = "ok") {
  let host = document.querySelector(".toasts");
  if (!host) {
    host = el("div", { class: "toasts", role: "status", "aria-live": "polite" });
    document.body.append(host);
  }
  const node = el("div", { class: `toast toast-${kind}` }, message);
  host.append(node);
  setTimeout(() => node.remove(), kind === "error" ? 6000 : 3500);
}
function dialog(title, body, onSubmit, submitLabel = t("submit"), danger = false) {
  const error = el("p", { class: "form-error", hidden: true });
  const submit = el(
    "button",
    { class: danger ? "btn btn-danger" : "btn btn-primary", type: "submit" },
    submitLabel,
  );
  const box = el(
    "dialog",
    { class: "modal" },
    el(
      "form",
      {
        method: "dialog",
        class: "modal-form",
        onsubmit: async (e) => {
          e.preventDefault();
          submit.disabled = true;
          error.hidden = true;
          try {
            await onSubmit(new FormData(e.target));
            box.close();
            box.remove();
          } catch (err) {
            error.textContent = err.message;
            error.hidden = false;
            submit.disabled = false;
          }
        },
      },
      el("header", { class: "modal-head" }, el("h2", {}, title)),
      el("div", { class: "modal-body" }, body, error),
      el(
        "footer",
        { class: "modal-foot" },
        el(
          "button",
          {
            class: "btn",
            type: "button",
            onclick: () => {
              box.close();
              box.remove();
            },
          },
          t("cancel"),
        ),
        submit,
      ),
    ),
  );
  document.body.append(box);
  box.showModal();
  box.querySelector("input, select, textarea")?.focus();
}
const field = (label, control, hint) =>
  el(
    control instanceof HTMLInputElement ||
      control instanceof HTMLSelectElement ||
      control instanceof HTMLTextAreaElement
      ? "label"
      : "div",
    { class: "field" },
    el("span", { class: "field-label" }, label),
    control,
    hint && el("span", { class: "field-hint" }, hint),
  );
function select(name, options, value) {
  return el(
    "select",
    { name, class: "input" },
    options.map(([v, label]) => el("option", { value: v, selected: v === value }, label)),
  );
}

// ---------- actions (the same domain actions as in chat) ----------
/** `done`: what the toast says was done (by default the action's name). */
async function act(c, action, after, done = t(`actions.${action.type}`)) {
  try {
    await api("POST", `/api/cases/${encodeURIComponent(c.case.trackingNo)}/actions`, {
      action,
      expectedStatus: c.case.status,
    });
    toast(`${done} · ${c.case.trackingNo} · ${t("done")}`);
  } catch (err) {
    if (err.status === 409 && err.body?.error?.code === "case.already_decided")
      toast(t("conflict"), "error");
    else throw err;
  }
  await after();
}
function unitOptions(categoryCode, regionCode) {
  const cat = state.ref.categories.find((x) => x.code === categoryCode);
  const units = state.ref.units.filter((u) => !cat || u.department === cat.department);
  units.sort(
    (a, b) =>
      (b.region === regionCode) - (a.region === regionCode) || a.name.localeCompare(b.name, "zh"),
  );
  return units.map((u) => [u.id, u.name]);
}
function openAction(type, c, after) {
  const run = (action, done) => act(c, action, after, done);
  const catOptions = state.ref.categories.map((x) => [
    x.code,
    state.lang === "zh" ? x.name : x.nameEn,
  ]);
  switch (type) {
    case "route": {
      const unitId = c.suggestion?.unitId;
      if (unitId)
        return run({ type: "route", unitId }, tf("routedTo", { unit: unitName(unitId) })).catch(
          (e) => toast(e.message, "error"),
        );
      return openAction("change_unit", c, after);
    }
    case "change_unit":
    case "assign":
    case "reassign": {
      const cat = select("categoryCode", catOptions, c.case.categoryCode);
      const unit = select(
        "unitId",
        unitOptions(c.case.categoryCode, c.case.regionCode),
        c.suggestion?.unitId ?? c.case.unitId,
      );
      cat.addEventListener("change", () =>
        unit.replaceChildren(
          ...unitOptions(cat.value, c.case.regionCode).map(([v, l]) =>
            el("option", { value: v }, l),
          ),
        ),
      );
      const canRecat = c.allowed.includes("recategorize");
      const verb =
        c.case.status === "submitted"
          ? "route"
          : c.allowed.includes("assign")
            ? "assign"
            : "reassign";
      return dialog(
        type === "change_unit" ? t("changeUnit") : t(`actions.${verb}`),
        [canRecat ? field(t("newCategory"), cat) : null, field(t("newUnit"), unit)],
        async (form) => {
          if (canRecat && form.get("categoryCode") !== c.case.categoryCode) {
            await api("POST", `/api/cases/${encodeURIComponent(c.case.trackingNo)}/actions`, {
              action: { type: "recategorize", categoryCode: form.get("categoryCode") },
              expectedStatus: c.case.status,
            });
          }
          const unitId = String(form.get("unitId"));
          const rerouted = type === "change_unit" && unitId !== c.suggestion?.unitId;
          await run(
            { type: verb, unitId },
            tf(rerouted ? "reroutedTo" : "routedTo", { unit: unitName(unitId) }),
          );
        },
      );
    }
    case "not_accept": {
      const reasons = state.ref.notAcceptReasons;
      const text = el("textarea", {
        name: "reason",
        class: "input",
        rows: 3,
        required: true,
        maxlength: 1000,
      });
      const channel = select(
        "channel",
        [
          ["", t("noChannel")],
          ...state.ref.otherChannels.map((ch) => [ch, label("otherChannel", ch)]),
        ],
        "",
      );
      const templates = el(
        "div",
        { class: "choices" },
        reasons.map((r) =>
          el(
            "label",
            { class: "choice" },
            el("input", {
              type: "radio",
              name: "template",
              value: r.id,
              onchange: () => {
                text.value = r.text[state.lang];
                channel.value = r.channel ?? "";
              },
            }),
            el(
              "span",
              {},
              r.text[state.lang],
              r.channel && el("em", { class: "choice-tag" }, label("otherChannel", r.channel)),
            ),
          ),
        ),
      );
      return dialog(
        t("actions.not_accept"),
        [
          field(t("reasonTemplate"), templates),
          field(t("reason"), text),
          field(t("otherChannelLabel"), channel),
        ],
        (form) =>
          run({
            type: "not_accept",
            reason: String(form.get("reason")),
            channel: form.get("channel") || null,
          }),
        t("actions.not_accept"),
        true,
      );
    }
    case "merge": {
      const input = el("input", {
        name: "into",
        class: "input",
        required: true,
        placeholder: "ZK-20261128-0001",
        list: "merge-candidates",
      });
      const list = el(
        "datalist",
        { id: "merge-candidates" },
        (c.duplicates || []).map((d) =>
          el(
            "option",
            { value: d.trackingNo },
            `${t(`dup.${d.why}`)} · ${label("status", d.status)}`,
          ),
        ),
      );
      const chips = el(
        "div",
        { class: "chips" },
        (c.duplicates || []).map((d) =>
          el(
            "button",
            {
              type: "button",
              class: "chip",
              onclick: () => {
                input.value = d.trackingNo;
              },
            },
            d.trackingNo,
          ),
        ),
      );
      return dialog(
        t("actions.merge"),
        [field(t("mergeInto"), input, t("mergeHint")), list, chips],
        (form) => run({ type: "merge", intoTrackingNo: String(form.get("into")).trim() }),
      );
    }
    case "recategorize":
      return dialog(
        t("actions.recategorize"),
        field(t("category"), select("categoryCode", catOptions, c.case.categoryCode)),
        (form) => run({ type: "recategorize", categoryCode: form.get("categoryCode") }),
      );
    case "set_class":
      return dialog(
        t("actions.set_class"),
        field(
          t("class"),
          select(
            "caseClass",
            Object.keys(state.ref.labels.caseClass).map((k) => [k, label("caseClass", k)]),
            c.case.caseClass,
          ),
        ),
        (form) => run({ type: "set_class", caseClass: form.get("caseClass") }),
      );
    case "close":
      return dialog(
        t("actions.close"),
        el("p", {}, t("closeConfirm")),
        () => run({ type: "close" }),
        t("actions.close"),
      );
    case "start":
      return run({ type: "start" }).catch((e) => toast(e.message, "error"));
    case "report_progress":
      return dialog(
        t("actions.report_progress"),
        field(
          t("progressNote"),
          el("textarea", {
            name: "note",
            class: "input",
            rows: 4,
            required: true,
            maxlength: 1000,
          }),
          t("progressHint"),
        ),
        (form) => run({ type: "report_progress", note: String(form.get("note")) }),
      );
    case "answer": {
      const outcomes = el(
        "div",
        { class: "segmented" },
        Object.keys(state.ref.labels.outcome).map((o, i) =>
          el(
            "label",
            {},
            el("input", { type: "radio", name: "outcome", value: o, checked: i === 0 }),
            el("span", {}, label("outcome", o)),
          ),
        ),
      );
      return dialog(
        t("actions.answer"),
        [
          field(t("outcomeLabel"), outcomes),
          field(
            t("answerText"),
            el("textarea", {
              name: "text",
              class: "input",
              rows: 6,
              required: true,
              maxlength: 5000,
            }),
          ),
        ],
        (form) =>
          run({ type: "answer", outcome: form.get("outcome"), text: String(form.get("text")) }),
      );
    }
    case "extend":
      return dialog(
        t("actions.extend"),
        [
          field(
            t("days"),
            el("input", {
              name: "days",
              type: "number",
              min: 1,
              max: 30,
              value: 30,
              class: "input",
              required: true,
            }),
          ),
          field(
            t("reason"),
            el("textarea", { name: "reason", class: "input", rows: 3, required: true }),
          ),
        ],
        (form) =>
          run({
            type: "extend",
            days: Number(form.get("days")),
            reason: String(form.get("reason")),
          }),
      );
    case "return":
      return dialog(
        t("actions.return"),
        field(
          t("reason"),
          el("textarea", { name: "reason", class: "input", rows: 3, required: true }),
        ),
        (form) => run({ type: "return", reason: String(form.get("reason")) }),
        t("actions.return"),
        true,
      );
  }
}

// ---------- layout ----------
function layout(active, title, subtitle, tools, content) {
  const me = state.me;
  const clerk = me.role !== "handler";
  const nav = [
    clerk && ["queue", "/console/queue", t("navQueue")],
    ["cases", "/console/cases", t("navCases")],
    ["dash", "/console/dashboard", t("navDashboard")],
  ].filter(Boolean);
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
          el("small", {}, t("city")),
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
          el("small", {}, t(`roles.${me.role}`), me.unitId ? ` · ${unitName(me.unitId)}` : ""),
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
function switchLang() {
  state.lang = state.lang === "zh" ? "en" : "zh";
  localStorage.setItem("console.lang", state.lang);
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  document.title = t("product");
  render();
}
async function signOut() {
  await api("DELETE", "/api/session").catch(() => {});
  state.me = null;
  navigate("/console/sign-in");
}

// ---------- pages ----------
function signInPage() {
  const error = el("p", { class: "form-error", hidden: true, role: "alert" });
  const button = el("button", { class: "btn btn-primary btn-block", type: "submit" }, t("signIn"));
  return el(
    "div",
    { class: "signin" },
    el(
      "div",
      { class: "signin-panel" },
      el(
        "div",
        { class: "signin-brand" },
        el("img", { src: "/console/assets/favicon.svg", alt: "" }),
        el("div", {}, el("h1", {}, t("product")), el("p", {}, t("city"))),
      ),
      el(
        "form",
        {
          class: "signin-form",
          onsubmit: async (e) => {
            e.preventDefault();
            const form = new FormData(e.target);
            button.disabled = true;
            button.textContent = t("signingIn");
            error.hidden = true;
            try {
              const { staff } = await api("POST", "/api/session", {
                username: form.get("username"),
                password: form.get("password"),
              });
              state.me = staff;
              navigate(staff.role === "handler" ? "/console/cases" : "/console/queue");
            } catch (err) {
              error.textContent = err.message;
              error.hidden = false;
              button.disabled = false;
              button.textContent = t("signIn");
            }
          },
        },
        field(
          t("username"),
          el("input", {
            name: "username",
            class: "input",
            autocomplete: "username",
            required: true,
            autofocus: true,
          }),
        ),
        field(
          t("password"),
          el("input", {
            name: "password",
            type: "password",
            class: "input",
            autocomplete: "current-password",
            required: true,
          }),
        ),
        error,
        button,
      ),
      el(
        "p",
        { class: "signin-foot" },
        t("signInHint"),
        " · ",
        el("button", { class: "link", onclick: switchLang, type: "button" }, t("lang")),
      ),
    ),
  );
}

function dispatchBadge(d) {
  if (!d) return el("span", { class: "badge badge-muted" }, t("returned"));
  return el(
    "div",
    { class: `dispatch dispatch-${d.state}` },
    el(
      "div",
      { class: "dispatch-row" },
      icon("clock", "icon icon-sm"),
      el("strong", {}, t(`dispatchState.${d.state}`)),
      el("span", {}, `${fmtDuration(d.elapsedMs)} / ${fmtDuration(d.target.ms)}`),
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
function sizeMeters(scope) {
  scope.querySelectorAll("[data-w]").forEach((n) => {
    n.style.width = `${n.dataset.w}%`;
  });
}

/** Chat messages the service gave up on (their replies kept failing): a clerk follows up. */
function setAsidePanel(items) {
  if (items.length === 0) return null;
  return el("section", { class: "set-aside", role: "alert" }, [
    el("h2", {}, `${t("setAsideTitle")} (${items.length})`),
    el("p", { class: "muted" }, t("setAsideHint")),
    el(
      "ul",
      {},
      items.map((item) =>
        el(
          "li",
          {},
          `${label("channel", item.channel)} · ${item.chatId ?? "—"} · ${fmtDate(item.failedAt)} · ${item.attempts}×`,
        ),
      ),
    ),
  ]);
}

async function queuePage() {
  const params = new URLSearchParams(location.search);
  const [data, setAside] = await Promise.all([
    api("GET", `/api/queue?${params}`),
    // The queue still shows when this list cannot be had.
    api("GET", "/api/inbox/set-aside").catch(() => ({ items: [] })),
  ]);
  const reload = () => render();
  const items = data.items.map((item) => {
    const c = {
      ...item,
      allowed:
        item.case.status === "submitted"
          ? ["route", "not_accept", "merge", "recategorize"]
          : ["assign"],
    };
    const s = item.suggestion;
    return el(
      "article",
      { class: `qcard${item.case.isEmergency ? " qcard-urgent" : ""}` },
      el(
        "div",
        { class: "qcard-main" },
        el(
          "div",
          { class: "qcard-head" },
          caseLink(item.case.trackingNo, "case-no", item.case.trackingNo),
          item.case.isEmergency &&
            el(
              "span",
              { class: "badge badge-danger" },
              icon("alert", "icon icon-xs"),
              t("emergency"),
            ),
          statusBadge(item.case.status),
          el("span", { class: "badge badge-outline" }, label("caseClass", item.case.caseClass)),
          el(
            "span",
            { class: "qcard-meta" },
            `${catName(item.case.categoryCode)} · ${regionName(item.case.regionCode)} · ${fmtDate(item.case.submittedAt)}`,
          ),
        ),
        el("p", { class: "qcard-text" }, item.description),
        el(
          "div",
          { class: "qcard-facts" },
          el(
            "div",
            { class: "fact" },
            el("span", { class: "fact-label" }, t("suggested")),
            s
              ? el(
                  "span",
                  { class: "fact-value" },
                  el("strong", {}, s.unitName),
                  el(
                    "span",
                    { class: "confidence" },
                    el(
                      "span",
                      { class: "meter meter-sm" },
                      el("span", {
                        class: "meter-fill",
                        dataset: { w: Math.round(s.confidence * 100) },
                      }),
                    ),
                    `${Math.round(s.confidence * 100)}%`,
                  ),
                )
              : el("span", { class: "fact-value muted" }, t("none")),
            s?.alternatives?.length
              ? el(
                  "span",
                  { class: "fact-alt" },
                  `${t("alternatives")}: `,
                  s.alternatives
                    .map((a) => `${catName(a.categoryCode)} ${Math.round(a.confidence * 100)}%`)
                    .join("，"),
                )
              : null,
          ),
          el(
            "div",
            { class: "fact" },
            el("span", { class: "fact-label" }, t("duplicates")),
            item.duplicates.length
              ? el(
                  "span",
                  { class: "chips" },
                  item.duplicates.map((d) => duplicateChip(d, { title: true })),
                  item.moreDuplicates && el("span", { class: "muted" }, t("moreDuplicates")),
                )
              : el("span", { class: "fact-value muted" }, t("none")),
          ),
        ),
      ),
      el(
        "div",
        { class: "qcard-side" },
        dispatchBadge(item.dispatch),
        el(
          "div",
          { class: "qcard-actions" },
          item.case.status === "submitted"
            ? [
                el(
                  "button",
                  {
                    class: "btn btn-primary",
                    onclick: () => openAction("route", c, reload),
                    disabled: !s,
                  },
                  t("confirm"),
                ),
                el(
                  "button",
                  { class: "btn", onclick: () => openAction("change_unit", c, reload) },
                  t("changeUnit"),
                ),
                el(
                  "button",
                  {
                    class: "btn btn-ghost-danger",
                    onclick: () => openAction("not_accept", c, reload),
                  },
                  t("notAccept"),
                ),
                el(
                  "button",
                  { class: "btn btn-ghost", onclick: () => openAction("merge", c, reload) },
                  t("merge"),
                ),
              ]
            : [
                el(
                  "button",
                  { class: "btn btn-primary", onclick: () => openAction("assign", c, reload) },
                  t("actions.assign"),
                ),
              ],
        ),
      ),
    );
  });
  const page = layout(
    "queue",
    t("queueTitle"),
    t("queueSub"),
    [
      el("span", { class: "count-pill" }, showing(data.first, data.items.length, data.total)),
      el("button", { class: "btn", onclick: reload }, t("refresh")),
    ],
    el("div", {}, [
      setAsidePanel(setAside.items),
      items.length
        ? el(
            "div",
            {},
            el("div", { class: "queue" }, items),
            data.total > data.pageSize &&
              pager(
                data.first > 1 && (() => goQueue(Math.max(0, data.first - 1 - data.pageSize))),
                data.first - 1 + data.items.length < data.total &&
                  (() => goQueue(data.first - 1 + data.pageSize)),
              ),
          )
        : empty(t("queueEmpty")),
    ]),
  );
  sizeMeters(page);
  return page;
}
const goQueue = (offset) => navigate(offset ? `/console/queue?offset=${offset}` : "/console/queue");
/** Previous and next buttons; a missing handler disables its button. */
const pager = (previous, next) =>
  el(
    "div",
    { class: "pager" },
    el("button", { class: "btn", disabled: !previous, onclick: previous || null }, t("prev")),
    el("button", { class: "btn", disabled: !next, onclick: next || null }, t("next")),
  );
const empty = (text) =>
  el(
    "div",
    { class: "empty" },
    el("div", { class: "empty-mark" }, icon("cases")),
    el("p", {}, text),
  );

function filterBar(params, onApply, extra = []) {
  const regions = [
    ["", t("all")],
    ...state.ref.regions.map((r) => [r.code, state.lang === "zh" ? r.name : r.nameEn]),
  ];
  const cats = [
    ["", t("all")],
    ...state.ref.categories.map((x) => [x.code, state.lang === "zh" ? x.name : x.nameEn]),
  ];
  return el(
    "form",
    {
      class: "filters",
      onsubmit: (e) => {
        e.preventDefault();
        const f = new FormData(e.target);
        const q = new URLSearchParams();
        for (const [k, v] of f) if (v) q.set(k, v);
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

async function casesPage() {
  const params = new URLSearchParams(location.search);
  const data = await api("GET", `/api/cases?${params}`);
  const statuses = [
    ["", t("all")],
    ...Object.keys(state.ref.labels.status).map((s) => [s, label("status", s)]),
  ];
  const rows = data.items.map((r) =>
    el(
      "tr",
      { class: "row-link", onclick: () => navigate(`/console/cases/${r.case.trackingNo}`) },
      el(
        "td",
        {},
        caseLink(r.case.trackingNo, "case-no", r.case.trackingNo),
        r.case.isEmergency && el("span", { class: "badge badge-danger badge-xs" }, t("emergency")),
      ),
      el("td", { class: "nowrap" }, fmtDate(r.case.submittedAt)),
      el("td", {}, catName(r.case.categoryCode)),
      el("td", {}, regionName(r.case.regionCode)),
      el("td", { class: "cell-text" }, r.description),
      el("td", {}, statusBadge(r.case.status)),
      el("td", {}, unitName(r.case.unitId)),
      el("td", { class: "nowrap" }, fmtDate(r.case.handlingDueAt ?? r.case.acceptanceDueAt, false)),
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
    [],
    el(
      "div",
      {},
      filterBar(params, (q) => navigate(`/console/cases?${q}`), [
        field(t("statusLabel"), select("status", statuses, params.get("status") || "")),
        field(
          t("search"),
          el("input", {
            name: "q",
            class: "input",
            value: params.get("q") || "",
            placeholder: t("search"),
          }),
        ),
      ]),
      data.items.length
        ? el(
            "div",
            { class: "card table-card" },
            el(
              "table",
              { class: "table" },
              el(
                "thead",
                {},
                el(
                  "tr",
                  {},
                  [
                    t("trackingNo"),
                    t("submittedAt"),
                    t("category"),
                    t("region"),
                    t("description"),
                    t("statusLabel"),
                    t("unit"),
                    t("due"),
                  ].map((h) => el("th", {}, h)),
                ),
              ),
              el("tbody", {}, rows),
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

/** When it happened: the resolved day, with the citizen's own words beside it. */
function occurred(c) {
  if (!c.occurredAt) return c.occurredText;
  return el(
    "span",
    {},
    fmtDate(c.occurredAt, false),
    c.occurredText && el("small", { class: "muted" }, `（${c.occurredText}）`),
  );
}
async function casePage(no) {
  const c = await api("GET", `/api/cases/${encodeURIComponent(no)}`);
  const reload = () => render();
  const k = c.case;
  const dl = (pairs) =>
    el(
      "dl",
      { class: "dl" },
      pairs.filter(Boolean).map(([a, b]) => [el("dt", {}, a), el("dd", {}, b ?? "—")]),
    );
  const actions = c.allowed.filter((a) => a !== "recategorize" && a !== "set_class");
  const secondary = c.allowed.filter((a) => a === "recategorize" || a === "set_class");
  const primaryOf = (a) => ["route", "assign", "start", "answer", "close"].includes(a);
  const dangerOf = (a) => ["not_accept", "return"].includes(a);
  const actionBar = el(
    "div",
    { class: "action-bar" },
    actions.length || secondary.length
      ? [...actions, ...secondary].map((a) =>
          el(
            "button",
            {
              class: `btn ${primaryOf(a) ? "btn-primary" : dangerOf(a) ? "btn-ghost-danger" : ""}`,
              onclick: () => openAction(a, c, reload),
              "data-action": a,
            },
            a === "route" && c.suggestion
              ? `${t("actions.route")} → ${c.suggestion.unitName}`
              : t(`actions.${a}`),
          ),
        )
      : el("span", { class: "muted" }, t("noActions")),
  );
  if (c.allowed.includes("route"))
    actionBar.insertBefore(
      el(
        "button",
        { class: "btn", onclick: () => openAction("change_unit", c, reload) },
        t("changeUnit"),
      ),
      actionBar.children[1] ?? null,
    );
  const photos = c.photoRefs.length
    ? el(
        "div",
        { class: "photos" },
        c.photoRefs.map((p) =>
          p.stored
            ? el(
                "a",
                {
                  href: `/api/cases/${encodeURIComponent(k.trackingNo)}/photos/${p.id}`,
                  target: "_blank",
                  rel: "noopener",
                  class: "photo",
                },
                el("img", {
                  src: `/api/cases/${encodeURIComponent(k.trackingNo)}/photos/${p.id}`,
                  alt: t("photos"),
                  loading: "lazy",
                }),
              )
            : el(
                "div",
                { class: "photo photo-missing", title: t("photoNotKept") },
                icon("photo"),
                el("small", {}, t("photoNotKept")),
              ),
        ),
      )
    : el("p", { class: "muted" }, t("noPhotos"));
  /** An entry's facts (its `data`, typed by kind) in words; null when it carries none. */
  const timelineFacts = ({ kind, data: d }) => {
    if (!d) return null;
    const change = (from, to) => `${from} → ${to}`;
    switch (kind) {
      case "assigned":
      case "returned":
        return unitName(d.unitId);
      case "reassigned":
        return change(unitName(d.fromUnitId), unitName(d.toUnitId));
      case "extended":
        return `${d.days} ${t("daysUnit")} · ${t("handlingDue")} ${fmtDate(d.newDueAt, false)}`;
      case "answered":
      case "review_answered":
        return d.outcome && label("outcome", d.outcome);
      case "review_requested":
        return t(`reviewStage.${d.stage}`);
      case "merged":
        return d.intoTrackingNo;
      case "merged_from":
        return d.fromTrackingNo;
      case "rated":
        return `${t(d.solved ? "solved" : "unsolved")} · ${label("satisfaction", d.satisfaction)}`;
      case "recategorized":
        return d.fromClass === d.toClass
          ? change(catName(d.fromCategory), catName(d.toCategory))
          : `${change(catName(d.fromCategory), catName(d.toCategory))} (${change(
              label("caseClass", d.fromClass),
              label("caseClass", d.toClass),
            )})`;
      case "reclassified":
        return change(label("caseClass", d.from), label("caseClass", d.to));
      case "reminded":
        return label("clock", d.clock);
      case "escalated":
        return `${label("clock", d.clock)} · ${t("daysOverdue")} ${d.overdueDays}`;
      default:
        return null;
    }
  };
  /** The facts, then the words a person wrote (a reason, a progress note). */
  const timelineDetails = (e) =>
    [timelineFacts(e), e.note].filter(Boolean).map((text) => el("p", { class: "tl-note" }, text));
  const timeline = el(
    "ol",
    { class: "timeline" },
    [...c.timeline]
      .reverse()
      .map((e) =>
        el(
          "li",
          { class: `tl tl-${e.kind}` },
          el("div", { class: "tl-dot" }),
          el(
            "div",
            { class: "tl-body" },
            el(
              "div",
              { class: "tl-head" },
              el("strong", {}, t(`timeline.${e.kind}`)),
              e.toStatus && e.toStatus !== e.fromStatus && statusBadge(e.toStatus),
              el("time", {}, fmtDate(e.at)),
            ),
            el(
              "div",
              { class: "tl-actor" },
              t(`actor.${e.actorKind}`),
              e.actorName ? ` · ${e.actorName}` : "",
            ),
            timelineDetails(e),
          ),
        ),
      ),
  );
  const side = [
    el(
      "section",
      { class: "card" },
      el("h3", {}, t("facts")),
      dl([
        [t("category"), catName(k.categoryCode)],
        [t("class"), label("caseClass", k.caseClass)],
        [t("region"), regionName(k.regionCode)],
        [t("unit"), unitName(k.unitId)],
        [t("channelLabel"), label("channel", c.channel)],
        [t("submittedAt"), fmtDate(k.submittedAt)],
        k.status === "submitted" && [t("acceptanceDue"), fmtDate(k.acceptanceDueAt)],
        k.handlingDueAt && [t("handlingDue"), fmtDate(k.handlingDueAt)],
        k.returnDueAt && [t("returnDue"), fmtDate(k.returnDueAt)],
        k.reviewDueAt && [t("reviewDue"), fmtDate(k.reviewDueAt)],
        k.extensionDays > 0 && [
          t("actions.extend"),
          `${k.extensionDays} ${t("daysUnit")} · ${k.extensionReason ?? ""}`,
        ],
        k.notAcceptedReason && [
          t("actions.not_accept"),
          `${k.notAcceptedReason}${k.notAcceptedChannel ? ` (${label("otherChannel", k.notAcceptedChannel)})` : ""}`,
        ],
        k.mergedIntoTrackingNo && [t("actions.merge"), k.mergedIntoTrackingNo],
      ]),
      c.dispatch &&
        el(
          "div",
          { class: "side-dispatch" },
          el("span", { class: "fact-label" }, t("dispatch")),
          dispatchBadge(c.dispatch),
        ),
    ),
    el(
      "section",
      { class: "card" },
      el("h3", {}, t("citizen")),
      state.me.role === "handler"
        ? el("p", { class: "muted notice" }, t("identityHidden"))
        : c.anonymous
          ? el("p", { class: "muted" }, t("anonymous"))
          : dl([
              [t("name"), c.contact?.name],
              [t("phone"), c.contact?.phone],
            ]),
      c.citizenUnreachable &&
        el(
          "p",
          { class: "muted notice" },
          t("citizenUnreachable")
            .replace("{hours}", String(c.citizenReplyWindow?.hours ?? 48))
            .replace("{messages}", String(c.citizenReplyWindow?.messages ?? 5)),
        ),
    ),
    c.suggestion &&
      state.me.role !== "handler" &&
      el(
        "section",
        { class: "card" },
        el("h3", {}, t("routing")),
        dl([
          [t("suggested"), c.suggestion.unitName],
          [t("confidence"), `${Math.round(c.suggestion.confidence * 100)}%`],
          [t("method"), label("method", c.suggestion.method)],
          [
            t("rationale"),
            [c.suggestion.rationale, ...c.suggestion.notes.map((n) => label("routingNote", n))]
              .filter(Boolean)
              .join(state.lang === "zh" ? "；" : "; "),
          ],
        ]),
      ),
    c.duplicates?.length > 0 &&
      el(
        "section",
        { class: "card" },
        el("h3", {}, t("duplicates")),
        el(
          "div",
          { class: "chips" },
          c.duplicates.map((d) => duplicateChip(d, { status: true })),
          c.moreDuplicates && el("span", { class: "muted" }, t("moreDuplicates")),
        ),
      ),
  ];
  const page = layout(
    c.allowed.includes("route") ? "queue" : "cases",
    k.trackingNo,
    null,
    [
      el(
        "a",
        {
          class: "btn",
          href: state.me.role === "handler" ? "/console/cases" : "/console/queue",
          "data-link": true,
        },
        icon("back", "icon icon-sm"),
        t("back"),
      ),
    ],
    el(
      "div",
      {},
      el(
        "div",
        { class: "case-head" },
        statusBadge(k.status),
        el("span", { class: "badge badge-outline" }, label("caseClass", k.caseClass)),
        k.isEmergency && el("span", { class: "badge badge-danger" }, t("emergency")),
        k.reviewStage > 0 &&
          el("span", { class: "badge badge-outline" }, t(`reviewStage.${k.reviewStage}`)),
      ),
      actionBar,
      el(
        "div",
        { class: "case-grid" },
        el(
          "div",
          { class: "case-main" },
          el(
            "section",
            { class: "card" },
            el("h3", {}, t("description")),
            el("p", { class: "description" }, c.description),
            dl([
              [t("place"), c.address],
              c.location && [
                t("coordinates"),
                `${c.location.latitude.toFixed(5)}, ${c.location.longitude.toFixed(5)}`,
              ],
              [t("region"), regionName(k.regionCode)],
              c.regionSource && [t("regionSource"), label("regionSource", c.regionSource)],
              [t("occurred"), occurred(c)],
            ]),
          ),
          el(
            "section",
            { class: "card" },
            el("h3", {}, `${t("photos")} (${c.photoRefs.length})`),
            photos,
          ),
          k.answerText &&
            el(
              "section",
              { class: "card card-answer" },
              el("h3", {}, t("answer")),
              el(
                "div",
                { class: "answer-head" },
                el(
                  "span",
                  { class: `badge outcome-${k.answerOutcome}` },
                  label("outcome", k.answerOutcome),
                ),
                el("time", {}, fmtDate(k.answeredAt)),
              ),
              el("p", { class: "description" }, k.answerText),
              k.satisfaction &&
                el(
                  "p",
                  { class: "rating" },
                  `${t("rating")}: ${k.solved ? t("solved") : t("unsolved")} · ${label("satisfaction", k.satisfaction)}`,
                ),
            ),
          el("section", { class: "card" }, el("h3", {}, t("history")), timeline),
        ),
        el("div", { class: "case-side" }, side),
      ),
    ),
  );
  sizeMeters(page);
  return page;
}

/**
 * Downloads the export while counting its rows against the total the server announces
 * (X-Export-Rows): a long export of a city's cases shows how far it is.
 */
async function exportWithProgress(event) {
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
    const reader = response.body.getReader();
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

const charts = [];
async function dashboardPage() {
  const params = new URLSearchParams(location.search);
  const d = await api("GET", `/api/dashboard?${params}`);
  const exportHref = `/api/export.csv?${params}`;
  const kpi = (label, value, hint, cls = "") =>
    el(
      "div",
      { class: `kpi ${cls}` },
      el("span", { class: "kpi-label" }, label),
      el("strong", { class: "kpi-value" }, value),
      hint && el("small", {}, hint),
    );
  const canvas = (id) => el("div", { class: "chart-box" }, el("canvas", { id, role: "img" }));
  const overdue = d.overdue.cases.length
    ? el(
        "table",
        { class: "table" },
        el(
          "thead",
          {},
          el(
            "tr",
            {},
            [t("trackingNo"), t("statusLabel"), t("unit"), t("due"), t("daysOverdue")].map((h) =>
              el("th", {}, h),
            ),
          ),
        ),
        el(
          "tbody",
          {},
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
      filterBar(
        new URLSearchParams({
          from: d.period.from,
          to: d.period.to,
          ...Object.fromEntries(params),
        }),
        (q) => navigate(`/console/dashboard?${q}`),
      ),
      el(
        "div",
        { class: "kpis" },
        kpi(t("total"), d.total),
        kpi(t("overdue"), d.overdue.count, null, d.overdue.count ? "kpi-danger" : ""),
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
        el("section", { class: "card chart-wide" }, el("h3", {}, t("perDay")), canvas("chart-day")),
        el("section", { class: "card" }, el("h3", {}, t("byCategory")), canvas("chart-category")),
        el("section", { class: "card" }, el("h3", {}, t("byRegion")), canvas("chart-region")),
        el("section", { class: "card" }, el("h3", {}, t("byStatus")), canvas("chart-status")),
        el(
          "section",
          { class: "card table-card" },
          el("h3", {}, `${t("overdueList")} (${d.overdue.count})`),
          overdue,
        ),
      ),
    ),
  );
  requestAnimationFrame(() => drawCharts(d));
  return page;
}
function drawCharts(d) {
  while (charts.length) charts.pop().destroy();
  if (!window.Chart) return;
  const Chart = window.Chart;
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
    const node = document.getElementById(id);
    if (node) charts.push(new Chart(node, config));
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
          [labelAxis]: { grid: { display: false } },
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

// ---------- router ----------
function navigate(path, replace = false) {
  if (replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  render();
}
document.addEventListener("click", (e) => {
  const a = e.target.closest("a[data-link]");
  if (!a || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  e.stopPropagation();
  navigate(a.getAttribute("href"));
});
window.addEventListener("popstate", () => render());

let renderId = 0;
async function render() {
  const id = ++renderId;
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  document.title = t("product");
  const path = location.pathname.replace(/\/+$/, "") || "/console";
  if (!state.me) {
    try {
      state.me = (await api("GET", "/api/session")).staff;
    } catch {
      state.me = null;
    }
  }
  if (!state.me) {
    if (path !== "/console/sign-in") history.replaceState(null, "", "/console/sign-in");
    root.className = "";
    root.replaceChildren(signInPage());
    return;
  }
  if (!state.ref) state.ref = await api("GET", "/api/reference");
  const home = state.me.role === "handler" ? "/console/cases" : "/console/queue";
  if (path === "/console" || path === "/console/sign-in") {
    history.replaceState(null, "", home);
    return render();
  }
  root.classList.add("loading");
  try {
    let page;
    const match = path.match(/^\/console\/cases\/([^/]+)$/);
    if (path === "/console/queue") page = await queuePage();
    else if (path === "/console/cases") page = await casesPage();
    else if (match) page = await casePage(decodeURIComponent(match[1]));
    else if (path === "/console/dashboard") page = await dashboardPage();
    else page = layout("", t("notFound"), null, [], empty(t("notFound")));
    if (id !== renderId) return;
    root.className = "";
    root.replaceChildren(page);
    window.scrollTo(0, 0);
  } catch (err) {
    if (id !== renderId || err.status === 401) return;
    root.className = "";
    root.replaceChildren(
      layout(
        "",
        err.status === 404 ? t("notFound") : t("networkError"),
        null,
        [],
        empty(err.message),
      ),
    );
  }
}
render();
