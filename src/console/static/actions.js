// @ts-check
// The actions on a case (the same domain actions as in chat) and their dialogs.
import { api } from "./api.js";
import { dialog, duplicateReasons, el, field, select, toast } from "./dom.js";
import { catName, confidencePercent, fmtDate, unitName } from "./format.js";
import { label, reference, state, t, tf } from "./state.js";

// ---------- actions (the same domain actions as in chat) ----------
/**
 * The cases with an action on its way: a one-tap button clicked twice (确认, 开始办理, a top-3
 * choice) sends one action, not a second that the first has made stale (a 409 said as an error).
 */
const acting = new Set();
/**
 * `done`: what the toast says was done (by default the action's name). When someone else acted
 * first (another tab, another member), the page is reloaded to show it and the error says so:
 * a dialog stays open with its words (a long answer is not lost), a one-tap action toasts it.
 */
export async function act(c, action, after, done = label("action", action.type)) {
  const no = c.case.trackingNo;
  if (acting.has(no)) return;
  acting.add(no);
  let sent;
  try {
    sent = await sendAction(c, action, done);
  } finally {
    acting.delete(no);
  }
  await after();
  if (!sent) throw new Error(t("conflict"));
}
/** Sends `action` on case `c`; false when someone else's decision came first (a 409). */
async function sendAction(c, action, done) {
  try {
    await api("POST", `/api/cases/${encodeURIComponent(c.case.trackingNo)}/actions`, {
      action,
      expectedStatus: c.case.status,
    });
    toast(`${done} · ${c.case.trackingNo} · ${t("done")}`);
    return true;
  } catch (err) {
    if (err.status === 409 && err.body?.error?.code === "case.already_decided") return false;
    throw err;
  }
}
/** Today in Asia/Shanghai, YYYY-MM-DD: the earliest day an answer may promise. */
function today() {
  return fmtDate(new Date().toISOString(), false);
}
/**
 * The photo picker of an answer or progress report: at most 9, each uploaded on submit. Its
 * button and what was chosen are in the console's language: the browser's own file input
 * speaks the browser's ("Choose Files" on the Chinese console of an English browser).
 */
function photoField() {
  const chosen = el("span", { class: "file-chosen", "aria-live": "polite" }, t("noPhotosChosen"));
  const input = el("input", {
    name: "photos",
    type: "file",
    class: "visually-hidden",
    multiple: true,
    accept: "image/jpeg,image/png,image/webp,image/heic",
    onchange: () => {
      const count = input.files?.length ?? 0;
      chosen.textContent = count > 0 ? tf("photosChosen", { count }) : t("noPhotosChosen");
    },
  });
  return el(
    "label",
    { class: "field" },
    el("span", { class: "field-label" }, t("unitPhotos")),
    el(
      "span",
      { class: "file-picker" },
      input,
      el("span", { class: "btn" }, t("choosePhotos")),
      chosen,
    ),
    el("span", { class: "field-hint" }, t("unitPhotosHint")),
  );
}
/**
 * Uploads the photos picked in `form` for case `c`, one by one, and returns their ids.
 * @returns {Promise<string[]>}
 */
async function uploadPhotos(c, form) {
  const files = form.getAll("photos").filter((f) => f instanceof File && f.size > 0);
  if (files.length > 9) throw new Error(t("unitPhotosTooMany"));
  const ids = [];
  for (const file of files) {
    const body = new FormData();
    body.append("photo", file, file.name);
    const kept = await api(
      "POST",
      `/api/cases/${encodeURIComponent(c.case.trackingNo)}/unit-photos`,
      body,
    );
    ids.push(kept.id);
  }
  return ids;
}
/**
 * An unsure suggestion's top 3 (queue card and case page alike): a button each, routing the case
 * to that category's unit in one tap.
 */
export function unsureChoiceButtons(c, after) {
  return c.suggestion.choices.map((choice) =>
    el(
      "button",
      {
        class: "btn",
        dataset: { unit: choice.unitId },
        onclick: () =>
          act(
            c,
            { type: "route", unitId: choice.unitId },
            after,
            tf("routedTo", { unit: unitName(choice.unitId) }),
          ).catch((e) => toast(e.message, "error")),
      },
      `${catName(choice.categoryCode)} ${confidencePercent(choice.confidence)}% → ${unitName(choice.unitId)}`,
    ),
  );
}
/**
 * The units to pick for a case of `categoryCode`: its department's, the case's region first.
 * To reassign, only the units the case page lists in `reassign.ids` (those the lifecycle takes:
 * never the unit that has the case, which under review is the unit whose answer is disputed),
 * in its order — the proposed review organ (`reassign.pinned`) first, whatever its department.
 * @param {string} categoryCode
 * @param {string | null} regionCode
 * @param {{ ids: string[], pinned: string | null }} [reassign]
 * @returns {[string, string][]}
 */
export function unitOptions(categoryCode, regionCode, reassign) {
  const cat = reference().categories.find((x) => x.code === categoryCode);
  /** @param {{ id: string, department: string }} u */
  const ofCategory = (u) => !cat || u.department === cat.department;
  if (reassign) {
    return reassign.ids.flatMap((id) => {
      const u = reference().units.find((x) => x.id === id);
      return u && (ofCategory(u) || id === reassign.pinned) ? [[u.id, unitName(u.id)]] : [];
    });
  }
  const units = reference().units.filter(ofCategory);
  units.sort(
    (a, b) =>
      Number(b.region === regionCode) - Number(a.region === regionCode) ||
      a.name.localeCompare(b.name, "zh"),
  );
  return units.map((u) => [u.id, unitName(u.id)]);
}
/** A reason's box (not accepted, urgency, extension, return): required, within the server's limit. */
function reasonBox() {
  return el("textarea", {
    name: "reason",
    class: "input",
    rows: 3,
    required: true,
    "data-max-chars": reference().maxReasonChars,
  });
}
export function openAction(type, c, after) {
  const run = (action, done) => act(c, action, after, done);
  const catOptions = reference().categories.map((x) => [
    x.code,
    state.lang === "zh" ? x.name : x.nameEn,
  ]);
  switch (type) {
    case "route": {
      // An unsure suggestion is never confirmed in one tap: the clerk chooses the unit.
      const unitId = c.suggestion?.unsure ? null : c.suggestion?.unitId;
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
      const verb =
        c.case.status === "submitted"
          ? "route"
          : c.allowed.includes("assign")
            ? "assign"
            : "reassign";
      const reassign =
        verb === "reassign" ? { ids: c.reassignTo, pinned: c.review?.unitId ?? null } : undefined;
      // An unsure guess is not picked for the clerk: they choose (as on the WeCom card). A
      // review goes to the organ proposed for it, never back to the unit that answered: with
      // none proposed, the clerk chooses.
      const unsure = c.case.status === "submitted" && c.suggestion?.unsure;
      const picked = c.review
        ? (c.review.unitId ?? "")
        : unsure
          ? ""
          : (c.suggestion?.unitId ?? c.case.unitId);
      const unit = select(
        "unitId",
        [
          ...(picked === "" ? [["", t("chooseUnit")]] : []),
          ...unitOptions(c.case.categoryCode, c.case.regionCode, reassign),
        ],
        picked,
      );
      unit.required = true;
      cat.addEventListener("change", () =>
        unit.replaceChildren(
          ...unitOptions(cat.value, c.case.regionCode, reassign).map(([v, l]) =>
            el("option", { value: v }, l),
          ),
        ),
      );
      const canRecat = c.allowed.includes("recategorize");
      return dialog(
        type === "change_unit" ? t("changeUnit") : label("action", verb),
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
      const reasons = reference().notAcceptReasons;
      const text = reasonBox();
      const channel = select(
        "channel",
        [
          ["", t("noChannel")],
          ...reference().otherChannels.map((ch) => [ch, label("otherChannel", ch)]),
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
        label("action", "not_accept"),
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
        label("action", "not_accept"),
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
            `${duplicateReasons(d.reasons)} · ${label("status", d.status)}`,
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
        label("action", "merge"),
        [field(t("mergeInto"), input, t("mergeHint")), list, chips],
        (form) => run({ type: "merge", intoTrackingNo: String(form.get("into")).trim() }),
      );
    }
    case "recategorize":
      return dialog(
        label("action", "recategorize"),
        field(t("category"), select("categoryCode", catOptions, c.case.categoryCode)),
        (form) => run({ type: "recategorize", categoryCode: form.get("categoryCode") }),
      );
    case "set_region":
      return dialog(
        label("action", "set_region"),
        field(
          t("newRegion"),
          select(
            "regionCode",
            reference().regions.map((r) => [r.code, state.lang === "zh" ? r.name : r.nameEn]),
            c.case.regionCode ?? "",
          ),
        ),
        (form) => run({ type: "set_region", regionCode: form.get("regionCode") }),
      );
    case "set_class":
      return dialog(
        label("action", "set_class"),
        field(
          t("class"),
          select(
            "caseClass",
            Object.keys(reference().labels.caseClass).map((k) => [k, label("caseClass", k)]),
            c.case.caseClass,
          ),
        ),
        (form) => run({ type: "set_class", caseClass: form.get("caseClass") }),
      );
    case "set_urgency": {
      // One command both ways: the case's mark now says which way this one goes.
      const urgent = !c.case.isEmergency;
      const name = label("action", urgent ? "set_urgency" : "lift_urgency");
      return dialog(
        name,
        [
          el("p", { class: "muted" }, t(urgent ? "setUrgencyHint" : "liftUrgencyHint")),
          field(t("urgencyReason"), reasonBox()),
        ],
        (form) => run({ type: "set_urgency", urgent, reason: String(form.get("reason")) }, name),
        name,
      );
    }
    case "close":
      return dialog(
        label("action", "close"),
        el("p", {}, t("closeConfirm")),
        () => run({ type: "close" }),
        label("action", "close"),
      );
    case "start":
      return run({ type: "start" }).catch((e) => toast(e.message, "error"));
    case "report_progress":
      return dialog(
        label("action", "report_progress"),
        [
          field(
            t("progressNote"),
            el("textarea", {
              name: "note",
              class: "input",
              rows: 4,
              required: true,
              "data-max-chars": reference().maxReasonChars,
            }),
            t("progressHint"),
          ),
          photoField(),
        ],
        async (form) => {
          const photoIds = await uploadPhotos(c, form);
          await run({ type: "report_progress", note: String(form.get("note")), photoIds });
        },
      );
    case "answer": {
      const outcomes = el(
        "div",
        { class: "segmented" },
        Object.keys(reference().labels.outcome).map((o, i) =>
          el(
            "label",
            {},
            el("input", { type: "radio", name: "outcome", value: o, checked: i === 0 }),
            el("span", {}, label("outcome", o)),
          ),
        ),
      );
      return dialog(
        label("action", "answer"),
        [
          field(t("outcomeLabel"), outcomes),
          field(
            t("answerText"),
            el("textarea", {
              name: "text",
              class: "input",
              rows: 6,
              required: true,
              "data-max-chars": reference().maxAnswerChars,
            }),
          ),
          photoField(),
          field(
            t("promisedBy"),
            el("input", { name: "promisedBy", type: "date", class: "input", min: today() }),
            t("promisedByHint"),
          ),
        ],
        async (form) => {
          const photoIds = await uploadPhotos(c, form);
          const promisedBy = String(form.get("promisedBy") ?? "");
          await run({
            type: "answer",
            outcome: form.get("outcome"),
            text: String(form.get("text")),
            photoIds,
            ...(promisedBy !== "" && { promisedBy }),
          });
        },
      );
    }
    case "extend":
      return dialog(
        label("action", "extend"),
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
          field(t("reason"), reasonBox()),
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
        label("action", "return"),
        field(t("reason"), reasonBox()),
        (form) => run({ type: "return", reason: String(form.get("reason")) }),
        label("action", "return"),
        true,
      );
  }
}
