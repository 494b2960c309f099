// @ts-check
// DOM helpers: elements, icons, toasts, dialogs and form fields (text is always set as text).
import { fillDraft, takeDraft } from "./resume.js";
import { label, state, t, tf } from "./state.js";

// ---------- DOM helpers (text is always set as text, never as HTML) ----------
/**
 * An element with attributes (`class`, `dataset`, `on<event>` handlers, the rest as attributes;
 * null and false left out) and children (text always as text).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, any>} [attrs]
 * @param {unknown[]} children nodes, texts, and arrays of them
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attrs = {}, ...children) {
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
/**
 * A table with one heading row: each heading's words, and the body's rows as built by the caller.
 * @param {unknown[]} headings
 * @param {unknown[]} rows
 */
export function table(headings, rows) {
  return el(
    "table",
    { class: "table" },
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        headings.map((h) => el("th", {}, h)),
      ),
    ),
    el("tbody", {}, rows),
  );
}
/**
 * A link to a case's page (handled by the console's router).
 * @param {string} no the tracking number
 * @param {string} cls
 * @param {unknown} text
 * @param {string} [title]
 */
export function caseLink(no, cls, text, title) {
  return el("a", { href: `/console/cases/${no}`, "data-link": true, class: cls, title }, text);
}
/**
 * @typedef {{ kind: string, metres?: number, days?: number, similarity?: number,
 *   place?: { name: string, detail: string | null }, party?: string, road?: string }} DuplicateReason
 * @typedef {{ trackingNo: string, status: string, reasons: DuplicateReason[] }} PossibleDuplicate
 */
/**
 * Why two cases look alike, in words with their figures (src/i18n/format.ts says the same for
 * the chat cards): "位置相近 42 米 · 描述相似 72% · 相隔 3 天". The shared category goes unsaid.
 * @param {DuplicateReason[]} reasons
 */
export function duplicateReasons(reasons) {
  return reasons
    .filter((r) => r.kind !== "same_category")
    .map((r) => {
      const words = label("duplicateReason", r.kind);
      switch (r.kind) {
        case "near":
          return `${words} ${r.metres} ${t("metres")}`;
        case "same_place":
          return `${words} ${r.place?.name.replaceAll("+", "/")}${r.place?.detail ?? ""}`;
        case "same_party":
          return `${words} ${r.party}`;
        case "same_road":
          return `${words} ${r.road}`;
        case "similar_text":
          return `${words} ${Math.round((r.similarity ?? 0) * 100)}%`;
        case "days_apart":
          return tf("dupDaysApart", { n: r.days ?? 0 });
        default:
          return words;
      }
    })
    .join(" · ");
}
/** A possible duplicate of a case: its number and why, with the reasons as title or its status. */
/**
 * @param {PossibleDuplicate} d
 * @param {{ title?: boolean, status?: boolean }} [options]
 */
export function duplicateChip(d, { title = false, status = false } = {}) {
  const why = duplicateReasons(d.reasons);
  const text = status
    ? `${d.trackingNo} · ${why} · ${label("status", d.status)}`
    : `${d.trackingNo} · ${why}`;
  return caseLink(d.trackingNo, "chip chip-warn", text, title ? why : undefined);
}
export const ICONS = {
  queue: "M4 6h16M4 12h16M4 18h10",
  register: "M6 3h4l2 5-3 2a11 11 0 0 0 5 5l2-3 5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 4 5a2 2 0 0 1 2-2z",
  cases: "M5 4h10l4 4v12H5zM15 4v4h4M8 12h8M8 16h6",
  dash: "M4 20V10M10 20V4M16 20v-7M22 20H2",
  hot: "M12 3c1 4 6 6 6 11a6 6 0 01-12 0c0-3 2-4 3-6 1 2 2 3 3 3 0-3-1-5 0-8z",
  map: "M9 4L3 6v14l6-2 6 2 6-2V4l-6 2zM9 4v14M15 6v14",
  out: "M15 17l5-5-5-5M20 12H9M11 4H5v16h6",
  globe: "M12 3a9 9 0 100 18 9 9 0 000-18zM3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18",
  back: "M15 6l-6 6 6 6",
  alert: "M12 4l9 16H3zM12 10v4M12 17v.5",
  clock: "M12 3a9 9 0 100 18 9 9 0 000-18zM12 7v5l3 2",
  photo: "M4 6h16v12H4zM8 14l3-3 3 3 2-2 4 4",
  download: "M12 4v11M7 10l5 5 5-5M5 20h14",
  admin: "M7 7h10v10H7zM10 3v4M14 3v4M10 17v4M14 17v4M3 10h4M3 14h4M17 10h4M17 14h4",
};
/** @typedef {keyof typeof ICONS} IconName */
/**
 * @param {IconName} name
 * @param {string} [cls]
 */
export function icon(name, cls = "icon") {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("class", cls);
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", ICONS[name]);
  svg.append(path);
  return svg;
}

// ---------- toasts and dialogs ----------
/**
 * @param {string} message
 * @param {"ok" | "error"} [kind]
 */
export function toast(message, kind = "ok") {
  const host =
    document.querySelector(".toasts") ??
    document.body.appendChild(
      el("div", { class: "toasts", role: "status", "aria-live": "polite" }),
    );
  const node = el("div", { class: `toast toast-${kind}` }, message);
  host.append(node);
  setTimeout(() => node.remove(), kind === "error" ? 6000 : 3500);
}
let dialogs = 0;
/**
 * A modal form; `onSubmit` gets its fields, and the dialog shows the error it throws. It is named
 * by its title; closed by Escape, 取消 or a done action it leaves the page and gives focus back
 * to what had it (the button that opened it). A text field with `data-max-chars` takes longer
 * words (a paste is never cut) and says, on submit, its name and limit.
 * @param {string} title
 * @param {unknown} body
 * @param {(form: FormData) => Promise<unknown> | unknown} onSubmit
 */
export function dialog(title, body, onSubmit, submitLabel = t("submit"), danger = false) {
  const opener = document.activeElement;
  const titleId = `dialog-title-${++dialogs}`;
  const error = el("p", { class: "form-error", hidden: true, role: "alert" });
  /**
   * @param {HTMLElement} field a field to mend: said, and focused
   * @param {string} words
   */
  const say = (field, words) => {
    error.textContent = words;
    error.hidden = false;
    field.focus();
  };
  /** @param {HTMLElement} field a required field left empty or blank */
  const sayRequired = (field) => say(field, t("required"));
  const submit = el(
    "button",
    { class: danger ? "btn btn-danger" : "btn btn-primary", type: "submit" },
    submitLabel,
  );
  const box = el(
    "dialog",
    {
      class: "modal",
      "aria-labelledby": titleId,
      onkeydown: (/** @type {KeyboardEvent} */ e) => keepTabIn(box, e),
      onclose: () => {
        box.remove();
        if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
      },
    },
    el(
      "form",
      {
        method: "dialog",
        class: "modal-form",
        onsubmit: async (/** @type {SubmitEvent} */ e) => {
          e.preventDefault();
          // Spaces pass the browser's `required`: said here, as the empty field is, not sent.
          const blank = blankRequiredField(/** @type {HTMLFormElement} */ (e.target));
          if (blank) return sayRequired(blank);
          const tooLong = tooLongField(/** @type {HTMLFormElement} */ (e.target));
          if (tooLong) return say(tooLong, tooLongWords(tooLong));
          submit.disabled = true;
          error.hidden = true;
          try {
            await onSubmit(new FormData(/** @type {HTMLFormElement} */ (e.target)));
            box.close();
          } catch (err) {
            error.textContent = err.message;
            error.hidden = false;
            submit.disabled = false;
          }
        },
      },
      el("header", { class: "modal-head" }, el("h2", { id: titleId }, title)),
      el("div", { class: "modal-body" }, body, error),
      el(
        "footer",
        { class: "modal-foot" },
        el(
          "button",
          {
            class: "btn",
            type: "button",
            onclick: () => box.close(),
          },
          t("cancel"),
        ),
        submit,
      ),
    ),
  );
  // An empty one is said the same way, not in the browser's own bubble (in its language, and
  // gone in a moment); a number out of range is still the browser's to say.
  box.querySelector("form")?.addEventListener(
    "invalid",
    (e) => {
      const form = /** @type {HTMLFormElement} */ (e.currentTarget);
      const empty = emptyRequiredField(form);
      if (!empty || !(/** @type {HTMLInputElement} */ (e.target).validity.valueMissing)) return;
      e.preventDefault();
      sayRequired(empty);
    },
    // `invalid` does not bubble: the form hears it on the way down to its fields.
    true,
  );
  // Words typed before the session ran out, given back to be checked and sent.
  const draft = takeDraft(title, state.me?.id ?? null);
  const form = box.querySelector("form");
  if (draft && form) {
    fillDraft(form, draft);
    error.before(el("p", { class: "form-note", role: "status" }, t("draftRestored")));
  }
  document.body.append(box);
  box.showModal();
  /** @type {HTMLElement | null} */ (box.querySelector("input, select, textarea"))?.focus();
}
/**
 * The first required text field of a form holding only spaces, or null.
 * @param {HTMLFormElement} form
 * @returns {HTMLInputElement | HTMLTextAreaElement | null}
 */
function blankRequiredField(form) {
  /** @type {NodeListOf<HTMLInputElement | HTMLTextAreaElement>} */
  const fields = form.querySelectorAll("textarea[required], input[required]");
  return [...fields].find((f) => f.type !== "file" && f.value.trim() === "") ?? null;
}
/**
 * Tab past the dialog's last control goes to its first, Shift+Tab before its first to its last:
 * the modal keeps the page behind inert, but the browser would tab out of the page.
 * @param {HTMLDialogElement} box
 * @param {KeyboardEvent} e
 */
function keepTabIn(box, e) {
  if (e.key !== "Tab") return;
  /** @type {NodeListOf<HTMLElement>} */
  const all = box.querySelectorAll("button, input, select, textarea, a[href]");
  const controls = [...all].filter((c) => !c.matches(":disabled") && c.getClientRects().length > 0);
  const first = controls[0];
  const last = controls.at(-1);
  if (!first || !last) return;
  const edge = e.shiftKey ? first : last;
  if (document.activeElement !== edge) return;
  e.preventDefault();
  (e.shiftKey ? last : first).focus();
}
/**
 * The first text field of a form holding more than its `data-max-chars`, or null.
 * @param {HTMLFormElement} form
 * @returns {HTMLTextAreaElement | HTMLInputElement | null}
 */
function tooLongField(form) {
  /** @type {NodeListOf<HTMLInputElement | HTMLTextAreaElement>} */
  const fields = form.querySelectorAll("[data-max-chars]");
  return [...fields].find((f) => f.value.length > Number(f.dataset.maxChars)) ?? null;
}
/**
 * What is said of a field too long: its label, its limit and how much it holds.
 * @param {HTMLInputElement | HTMLTextAreaElement} field
 */
function tooLongWords(field) {
  const name = field.closest(".field")?.querySelector(".field-label")?.textContent ?? "";
  return tf("tooLong", {
    field: name,
    max: Number(field.dataset.maxChars).toLocaleString("en"),
    count: field.value.length.toLocaleString("en"),
  });
}
/**
 * The first required field of a form left empty, or null.
 * @param {HTMLFormElement} form
 * @returns {HTMLElement | null}
 */
function emptyRequiredField(form) {
  const fields = /** @type {(HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement)[]} */ ([
    ...form.elements,
  ]);
  return fields.find((f) => f.validity?.valueMissing) ?? null;
}
/** @type {(label: string, control: Node, hint?: string | false | null) => HTMLElement} */
export const field = (label, control, hint) =>
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
/**
 * @param {string} name
 * @param {string[][]} options each a value and its words
 * @param {string | null | undefined} [value]
 */
export function select(name, options, value) {
  return el(
    "select",
    { name, class: "input" },
    options.map(([v, label]) => el("option", { value: v, selected: v === value }, label)),
  );
}
