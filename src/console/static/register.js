// @ts-check
// 登记来电/来访: a clerk registers a citizen's phone call or visit as a case (POST /api/cases).
// A refused field is named beside it; the case's number and query code are shown to read out.
import { api } from "./api.js";
import { el, select } from "./dom.js";
import { regionName } from "./format.js";
import { layout } from "./layout.js";
import { reference, t } from "./state.js";

/** The fields the API may name in `fields`, each with the note shown under it. */
const FIELDS = ["channel", "description", "region", "address", "occurredOn", "name", "phone"];

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
  for (const name of FIELDS) {
    const control = form.querySelector(`#register-${name}`);
    const note = form.querySelector(`#register-${name}-error`);
    if (!control || !note) continue;
    const problem = fields[name];
    note.textContent = problem ? t(`register.problem.${problem}`) : "";
    if (problem) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
  }
  const first = FIELDS.find((name) => fields[name]);
  if (first) /** @type {HTMLElement | null} */ (form.querySelector(`#register-${first}`))?.focus();
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
  const result = el("div", { class: "register-result" });
  const anonymous = el("input", { type: "checkbox", name: "anonymous", id: "register-anonymous" });
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
            });
            showProblems(form, {});
            form.reset();
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
        select("channel", [
          ["phone", t("register.byPhone")],
          ["visit", t("register.byVisit")],
        ]),
      ),
      labelled(
        "description",
        el("textarea", {
          class: "input",
          name: "description",
          rows: 5,
          maxlength: 2000,
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
      labelled("address", el("input", { class: "input", name: "address", maxlength: 200 })),
      labelled("occurredOn", el("input", { class: "input", name: "occurredOn", type: "date" })),
      el(
        "div",
        { class: "register-field register-anonymous" },
        anonymous,
        el("label", { for: "register-anonymous" }, t("register.anonymous")),
      ),
      labelled(
        "name",
        el("input", { class: "input", name: "name", maxlength: 50, autocomplete: "off" }),
      ),
      labelled(
        "phone",
        el("input", {
          class: "input",
          name: "phone",
          type: "tel",
          maxlength: 40,
          autocomplete: "off",
        }),
      ),
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
