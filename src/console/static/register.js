// @ts-check
// 登记来电/来访: a clerk registers a citizen's phone call or visit as a case (POST /api/cases).
// A refused field is named beside it; the case's number and query code are shown to read out.
// As the caller's number is typed, the cases it was left with before are shown, to tell them.
// The channels and the fields' limits are the server's (/api/reference `registration`).
import { api } from "./api.js";
import { caseLink, el, select } from "./dom.js";
import { catName, fmtDate, regionName, statusBadge } from "./format.js";
import { layout } from "./layout.js";
import { label, reference, t, tf } from "./state.js";

/** Digits typed before a number is worth looking up (a landline without its area code has 7). */
const LOOKUP_DIGITS = 7;
/** The pause in typing after which the number is looked up: one look-up per number typed. */
const LOOKUP_PAUSE_MS = 300;

/**
 * A new key of one filling of the form: submitted again (a double click, a retry after an answer
 * lost on the way), the server files no second case. getRandomValues, as randomUUID needs HTTPS
 * and the console may be served on the office network without it.
 */
function newSubmissionKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * An input of the form with its label and the place of its refusal note.
 * @param {string} name
 * @param {HTMLElement} control
 */
function labelled(name, control) {
  control.id = `register-${name}`;
  control.setAttribute("aria-describedby", `register-${name}-error`);
  return el(
    "div",
    { class: "register-field", "data-field": name },
    el("label", { for: control.id }, t(`register.${name}`)),
    control,
    el("p", { class: "field-error", id: `register-${name}-error` }),
  );
}

/**
 * Shows each refused field's note (and marks it invalid), clearing the others; focuses the first.
 * @param {HTMLFormElement} form
 * @param {Record<string, string>} fields
 */
function showProblems(form, fields) {
  /** @type {HTMLElement | null} */
  let first = null;
  for (const field of form.querySelectorAll("[data-field]")) {
    const name = /** @type {HTMLElement} */ (field).dataset.field;
    const control = /** @type {HTMLElement} */ (form.querySelector(`#register-${name}`));
    const note = /** @type {HTMLElement} */ (form.querySelector(`#register-${name}-error`));
    const problem = name ? fields[name] : undefined;
    note.textContent = problem ? t(`register.problem.${problem}`) : "";
    if (problem) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
    if (problem) first ??= control;
  }
  first?.focus();
}

/**
 * @typedef {{ trackingNo: string, submittedAt: string, status: string, categoryCode: string,
 *   channel: string, title: string, contactName: string | null }} EarlierCase
 */

/**
 * The cases the caller's number was left with before, newest first, each linked: what the clerk
 * tells a caller who asks after their case ("您反映的…正在办理").
 * A landline's are only a hint: a household or village office shares it, the cases may be others'.
 * @param {{ landline: boolean, total: number, cases: EarlierCase[] }} earlier
 */
function earlierCard(earlier) {
  const heading = el(
    "h2",
    { id: "register-earlier-heading" },
    earlier.total === 0
      ? t("register.noEarlier")
      : tf("register.earlier", { total: earlier.total, shown: earlier.cases.length }),
  );
  const items = earlier.cases.map((c) =>
    el(
      "li",
      {},
      caseLink(c.trackingNo, "case-no", c.trackingNo),
      " ",
      fmtDate(c.submittedAt, false),
      " ",
      statusBadge(c.status),
      " ",
      catName(c.categoryCode),
      ` · ${label("channel", c.channel)}`,
      c.contactName ? ` · ${c.contactName}` : "",
      el("div", { class: "register-earlier-title" }, c.title),
    ),
  );
  return el(
    "section",
    { class: "card register-earlier", "aria-labelledby": "register-earlier-heading" },
    heading,
    earlier.landline && items.length
      ? el("p", { class: "register-shared" }, t("register.shared"))
      : "",
    items.length ? el("ul", {}, ...items) : "",
  );
}

/**
 * Looks up the number in `phone` once typing pauses and shows what it was left with in `shown`;
 * an answer overtaken by more typing is dropped. Returns the function to call on each change.
 * @param {HTMLInputElement} phone
 * @param {HTMLInputElement} anonymous
 * @param {HTMLElement} shown
 */
function earlierCasesOf(phone, anonymous, shown) {
  let asked = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let waiting;
  /**
   * @param {string} number
   * @param {number} mine
   */
  async function lookUp(number, mine) {
    try {
      const earlier = await api("POST", "/api/cases/of-caller", { phone: number });
      if (mine !== asked) return;
      shown.replaceChildren(earlier.valid ? earlierCard(earlier) : "");
    } catch {
      // The lookup is a help while typing: registering does not depend on it.
      if (mine === asked) shown.replaceChildren();
    }
  }
  return () => {
    clearTimeout(waiting);
    const number = phone.value;
    const mine = ++asked;
    if (anonymous.checked || number.replace(/\D/g, "").length < LOOKUP_DIGITS) {
      shown.replaceChildren();
      return;
    }
    waiting = setTimeout(() => void lookUp(number, mine), LOOKUP_PAUSE_MS);
  };
}

/**
 * The registered case's number and query code, to read out to the citizen.
 * @param {{ trackingNo: string, queryCode: string, receiptBySms: boolean }} receipt
 */
function receiptCard(receipt) {
  return el(
    "section",
    { class: "card register-receipt", role: "status", "aria-labelledby": "register-done" },
    el("h2", { id: "register-done" }, t("register.done")),
    el(
      "dl",
      {},
      el("dt", {}, t("register.trackingNo")),
      el(
        "dd",
        {},
        el(
          "a",
          { href: `/console/cases/${receipt.trackingNo}`, "data-link": true },
          receipt.trackingNo,
        ),
      ),
      el("dt", {}, t("register.queryCode")),
      el("dd", { class: "register-code" }, receipt.queryCode),
    ),
    el("p", {}, t(receipt.receiptBySms ? "register.bySms" : "register.readOut")),
  );
}

export async function registerPage() {
  const ref = reference();
  const { channels, maxLength } = ref.registration;
  const result = el("div", { class: "register-result" });
  const earlier = el("div", { class: "register-earlier-cases", "aria-live": "polite" });
  const anonymous = /** @type {HTMLInputElement} */ (
    el("input", { type: "checkbox", name: "anonymous", id: "register-anonymous" })
  );
  const phone = /** @type {HTMLInputElement} */ (
    el("input", {
      class: "input",
      name: "phone",
      type: "tel",
      maxlength: maxLength.phone,
      autocomplete: "off",
    })
  );
  const lookUp = earlierCasesOf(phone, anonymous, earlier);
  let submissionKey = newSubmissionKey();
  phone.addEventListener("input", lookUp);
  anonymous.addEventListener("change", lookUp);
  const form = /** @type {HTMLFormElement} */ (
    el(
      "form",
      {
        class: "card register-form",
        novalidate: true,
        onsubmit: async (/** @type {SubmitEvent} */ event) => {
          event.preventDefault();
          const data = new FormData(form);
          const text = (/** @type {string} */ name) => String(data.get(name) ?? "");
          const submit = /** @type {HTMLButtonElement} */ (
            form.querySelector("button[type=submit]")
          );
          submit.disabled = true;
          try {
            const receipt = await api("POST", "/api/cases", {
              channel: text("channel"),
              description: text("description"),
              region: text("region"),
              address: text("address"),
              occurredOn: text("occurredOn"),
              anonymous: anonymous.checked,
              name: anonymous.checked ? "" : text("name"),
              phone: anonymous.checked ? "" : text("phone"),
              submissionKey,
            });
            showProblems(form, {});
            form.reset();
            submissionKey = newSubmissionKey();
            lookUp();
            result.replaceChildren(receiptCard(receipt));
          } catch (e) {
            const fields = e.body?.error?.fields ?? {};
            showProblems(form, fields);
            result.replaceChildren(
              el("p", { class: "register-refused", role: "alert" }, e.message),
            );
          } finally {
            submit.disabled = false;
          }
        },
      },
      labelled(
        "channel",
        select(
          "channel",
          channels.map((channel) => [channel, label("channel", channel)]),
        ),
      ),
      labelled(
        "description",
        el("textarea", {
          class: "input",
          name: "description",
          rows: 5,
          // Not maxlength, which would cut a pasted letter without a word: the server refuses
          // what is too long beside the field, the words kept (as the action dialogs do).
          "data-max-chars": maxLength.description,
          required: true,
        }),
      ),
      labelled(
        "region",
        select("region", [
          ["", t("register.choose")],
          ...ref.regions.map((r) => [r.code, regionName(r.code)]),
        ]),
      ),
      labelled(
        "address",
        el("input", { class: "input", name: "address", "data-max-chars": maxLength.address }),
      ),
      labelled("occurredOn", el("input", { class: "input", name: "occurredOn", type: "date" })),
      el(
        "div",
        { class: "register-field register-anonymous" },
        anonymous,
        el("label", { for: "register-anonymous" }, t("register.anonymous")),
      ),
      labelled(
        "name",
        el("input", {
          class: "input",
          name: "name",
          maxlength: maxLength.name,
          autocomplete: "off",
        }),
      ),
      labelled("phone", phone),
      earlier,
      el("button", { class: "btn", type: "submit" }, t("register.submit")),
    )
  );
  return layout(
    "register",
    t("register.title"),
    t("register.sub"),
    [],
    el("div", { class: "register-page" }, form, result),
  );
}
