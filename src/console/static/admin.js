// @ts-check
// The administrators' page: the classifier answering citizens, the offline model's figures, its
// retraining history and the LLM's last error (GET /api/admin/classifier, admins only); the
// Open311 API keys of other systems (/api/admin/api-keys); the staff accounts (/api/admin/staff).
import { api } from "./api.js";
import { dialog, el, select, table, toast } from "./dom.js";
import { fmtDate, unitName } from "./format.js";
import { empty, layout } from "./layout.js";
import { reference, signedIn, t, tf } from "./state.js";

/**
 * @typedef {{
 *   inService: {
 *     answering: "llm" | "offline",
 *     llmModel: string | null,
 *     llmLastError: { at: string, kind: string, message: string } | null,
 *   },
 *   serving: {
 *     source: "base" | "retrained",
 *     modelId: string | null,
 *     trainedAt: string,
 *     corpusItems: number,
 *     learnedItems: number,
 *     calibrationItems: number,
 *     temperature: number,
 *     ruleConfidence: number,
 *     unsureBelow: number,
 *   },
 *   history: {
 *     id: string,
 *     createdAt: string,
 *     status: "in_service" | "retired" | "rejected",
 *     corpusItems: number,
 *     learnedItems: number,
 *     verdict: string,
 *   }[],
 * }} ClassifierOverview
 */

/** @param {[string, string | Node][]} pairs */
const dl = (pairs) =>
  el(
    "dl",
    { class: "dl" },
    pairs.map(([a, b]) => [el("dt", {}, a), el("dd", {}, b)]),
  );
/** @param {number} n */
const count = (n) => n.toLocaleString("en-US");

export async function adminPage() {
  /** @type {ClassifierOverview} */
  const data = await api("GET", "/api/admin/classifier");
  const { inService, serving, history } = data;
  const failure = inService.llmLastError;
  const inServiceCard = el(
    "section",
    { class: "card classifier-in-service" },
    el("h2", {}, t("classifier.inService")),
    dl([
      [t("classifier.answering"), t(`classifier.answeringBy.${inService.answering}`)],
      [t("classifier.llmModel"), inService.llmModel ?? t("classifier.noLlm")],
    ]),
    el("h3", {}, t("classifier.llmLastError")),
    failure
      ? dl([
          [t("classifier.errorAt"), fmtDate(failure.at)],
          [t("classifier.errorKind"), t(`classifier.kinds.${failure.kind}`)],
          [t("classifier.errorMessage"), failure.message],
        ])
      : el("p", { class: "muted classifier-no-error" }, t("classifier.noError")),
  );
  const servingCard = el(
    "section",
    { class: "card classifier-serving" },
    el("h2", {}, t("classifier.serving")),
    dl([
      [t("classifier.source"), t(`classifier.sources.${serving.source}`)],
      [t("classifier.trainedAt"), fmtDate(serving.trainedAt)],
      [t("classifier.corpusItems"), count(serving.corpusItems)],
      [t("classifier.learnedItems"), count(serving.learnedItems)],
      [t("classifier.calibrationItems"), count(serving.calibrationItems)],
      [t("classifier.temperature"), serving.temperature.toFixed(2)],
      [t("classifier.ruleConfidence"), serving.ruleConfidence.toFixed(2)],
      [t("classifier.unsureBelow"), serving.unsureBelow.toFixed(2)],
    ]),
  );
  const historyCard = el(
    "section",
    { class: "card table-card classifier-history" },
    el("h2", {}, t("classifier.history")),
    history.length
      ? table(
          [
            t("classifier.createdAt"),
            t("classifier.status"),
            t("classifier.corpusItems"),
            t("classifier.learnedItems"),
          ],
          history.map((r) =>
            el(
              "tr",
              // The verdict names the gate sets in the retraining's own words.
              { title: r.verdict },
              el("td", {}, fmtDate(r.createdAt)),
              el("td", {}, t(`classifier.statuses.${r.status}`)),
              el("td", {}, count(r.corpusItems)),
              el("td", {}, count(r.learnedItems)),
            ),
          ),
        )
      : empty(t("classifier.historyEmpty")),
  );
  return layout(
    "admin",
    t("adminTitle"),
    t("adminSub"),
    [],
    el(
      "div",
      { class: "admin-grid" },
      inServiceCard,
      servingCard,
      historyCard,
      await apiKeysCard(),
      await staffCard(),
    ),
  );
}

/**
 * @typedef {{ id: string, name: string, prefix: string, createdAt: string,
 *   lastUsedAt: string | null, revokedAt: string | null }} ApiKey
 */
/** The Open311 keys: the list with a revoke button each, and a form issuing a new one. */
async function apiKeysCard() {
  /** @type {{ items: ApiKey[] }} */
  const { items } = await api("GET", "/api/admin/api-keys");
  const card = el("section", { class: "card table-card api-keys" });
  const redraw = async () => card.replaceWith(await apiKeysCard());
  const name = el("input", { class: "input", name: "name", required: true, maxlength: 100 });
  const form = el(
    "form",
    {
      class: "admin-form api-key-form",
      onsubmit: async (/** @type {SubmitEvent} */ event) => {
        event.preventDefault();
        let issued;
        try {
          issued = await api("POST", "/api/admin/api-keys", { name: name.value });
        } catch (e) {
          // Told as the case actions tell theirs; the form keeps what was typed.
          toast(e.message, "error");
          return;
        }
        const fresh = await apiKeysCard();
        fresh.append(
          el(
            "p",
            { class: "api-key-issued" },
            t("apiKeys.issued"),
            " ",
            el("code", {}, issued.key),
          ),
        );
        card.replaceWith(fresh);
      },
    },
    el("label", {}, t("apiKeys.name"), " ", name),
    el("button", { class: "btn", type: "submit" }, t("apiKeys.issue")),
  );
  card.append(
    el("h2", {}, t("apiKeys.title")),
    el("p", { class: "muted" }, t("apiKeys.sub")),
    items.length
      ? table(
          ["name", "prefix", "createdAt", "lastUsedAt", "state", "actions"].map((h) =>
            t(`apiKeys.${h}`),
          ),
          items.map((k) =>
            el(
              "tr",
              {},
              el("td", {}, k.name),
              el("td", {}, el("code", {}, `${k.prefix}…`)),
              el("td", {}, fmtDate(k.createdAt)),
              el("td", {}, fmtDate(k.lastUsedAt)),
              el("td", {}, t(k.revokedAt ? "apiKeys.revoked" : "apiKeys.active")),
              el(
                "td",
                {},
                !k.revokedAt &&
                  el(
                    "button",
                    {
                      class: "btn btn-ghost",
                      type: "button",
                      onclick: () =>
                        api("POST", `/api/admin/api-keys/${k.id}/revoke`).then(
                          async () => {
                            toast(t("apiKeys.revoked"));
                            await redraw();
                          },
                          (e) => toast(e.message, "error"),
                        ),
                    },
                    t("apiKeys.revoke"),
                  ),
              ),
            ),
          ),
        )
      : empty(t("apiKeys.none")),
    form,
  );
  return card;
}

/**
 * @typedef {{ id: string, username: string, displayName: string,
 *   role: "clerk" | "handler" | "admin", unitId: string | null, unitName: string | null,
 *   telegramLinked: boolean, wecomLinked: boolean, active: boolean }} StaffMember
 */
/**
 * The staff accounts: the list with deactivate / reactivate and a new password for each, and a
 * form adding a member. A generated password is shown once, under the list; a refusal is a toast.
 * @param {[string, string]} [shownOnce] the words and the password to show once
 * @returns {Promise<HTMLElement>}
 */
async function staffCard(shownOnce) {
  /** @type {{ items: StaffMember[] }} */
  const { items } = await api("GET", "/api/admin/staff");
  const card = el("section", { class: "card table-card staff" });
  /** @param {() => Promise<[string, string] | undefined>} act the change; what to show once after it */
  const change = (act) =>
    act()
      .then(async (once) => card.replaceWith(await staffCard(once)))
      .catch((e) => toast(e.message, "error"));
  const me = signedIn().id;
  /** @param {StaffMember} m */
  const actions = (m) => [
    m.id !== me &&
      el(
        "button",
        {
          class: "btn btn-ghost",
          type: "button",
          onclick: () =>
            change(async () => {
              await api(
                "POST",
                `/api/admin/staff/${m.id}/${m.active ? "deactivate" : "reactivate"}`,
              );
              toast(tf(m.active ? "staff.deactivated" : "staff.reactivated", { who: m.username }));
              return undefined;
            }),
        },
        t(m.active ? "staff.deactivate" : "staff.reactivate"),
      ),
    el(
      "button",
      {
        class: "btn btn-ghost",
        type: "button",
        onclick: () =>
          dialog(
            tf("staff.resetTitle", { who: m.username }),
            el("p", {}, t("staff.resetWarning")),
            () =>
              change(async () => {
                const { password } = await api("POST", `/api/admin/staff/${m.id}/password`);
                return [tf("staff.newPassword", { who: m.username }), password];
              }),
            t("staff.resetPassword"),
            true,
          ),
      },
      t("staff.resetPassword"),
    ),
  ];
  const yesNo = (/** @type {boolean} */ b) => t(b ? "staff.yes" : "staff.no");
  card.append(
    el("h2", {}, t("staff.title")),
    el("p", { class: "muted" }, t("staff.sub")),
    table(
      ["username", "displayName", "role", "unit", "telegram", "wecom", "state", "actions"].map(
        (h) => t(`staff.${h}`),
      ),
      items.map((m) =>
        el(
          "tr",
          { dataset: { username: m.username } },
          el("td", {}, m.username, m.id === me && ` ${t("staff.self")}`),
          el("td", {}, m.displayName),
          el("td", {}, t(`roles.${m.role}`)),
          el("td", {}, unitName(m.unitId)),
          el("td", {}, yesNo(m.telegramLinked)),
          el("td", {}, yesNo(m.wecomLinked)),
          el("td", {}, t(m.active ? "staff.active" : "staff.inactive")),
          el("td", {}, actions(m)),
        ),
      ),
    ),
    ...(shownOnce
      ? [el("p", { class: "staff-password" }, shownOnce[0], " ", el("code", {}, shownOnce[1]))]
      : []),
    addStaffForm(change),
  );
  return card;
}

/**
 * The form adding a member; empty optional fields are left out, as the API expects.
 * @param {(act: () => Promise<[string, string] | undefined>) => Promise<void>} change
 */
function addStaffForm(change) {
  /** @param {string} name @param {Record<string, any>} [attrs] */
  const input = (name, attrs = {}) => el("input", { class: "input", name, ...attrs });
  const role = select(
    "role",
    ["clerk", "handler", "admin"].map((r) => [r, t(`roles.${r}`)]),
    "clerk",
  );
  const unit = select(
    "unitId",
    reference().units.map((u) => [u.id, unitName(u.id)]),
  );
  const unitField = el("label", { hidden: true }, t("staff.unit"), " ", unit);
  role.addEventListener("change", () => (unitField.hidden = role.value !== "handler"));
  const form = el(
    "form",
    {
      class: "admin-form staff-form",
      onsubmit: (/** @type {SubmitEvent} */ event) => {
        event.preventDefault();
        const fields = Object.fromEntries(
          [...new FormData(form)].filter(
            ([k, v]) => v !== "" && (k !== "unitId" || role.value === "handler"),
          ),
        );
        return change(async () => {
          const { username, password } = await api("POST", "/api/admin/staff", fields);
          return [tf("staff.addedPassword", { who: username }), password];
        });
      },
    },
    el("label", {}, t("staff.username"), " ", input("username", { required: true, maxlength: 32 })),
    el("label", {}, t("staff.displayName"), " ", input("displayName", { maxlength: 64 })),
    el("label", {}, t("staff.role"), " ", role),
    unitField,
    el("label", {}, t("staff.telegramId"), " ", input("telegramUserId", { inputmode: "numeric" })),
    el("label", {}, t("staff.wecomId"), " ", input("wecomUserId")),
    el("button", { class: "btn", type: "submit" }, t("staff.add")),
  );
  return form;
}
