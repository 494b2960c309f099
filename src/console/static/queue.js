// @ts-check
// The dispatch queue.
import { openAction, unsureChoiceButtons } from "./actions.js";
import { api } from "./api.js";
import { caseLink, duplicateChip, el, icon } from "./dom.js";
import {
  catName,
  confidencePercent,
  fmtDate,
  consultationBadge,
  groupBadge,
  outsideCityBadge,
  regionName,
  statusBadge,
} from "./format.js";
import { dispatchBadge, empty, layout, pager, sizeMeters } from "./layout.js";
import { navigate, render } from "./nav.js";
import { label, showing, t, tf } from "./state.js";

/** Chat messages the service gave up on (their replies kept failing): a clerk follows up. */
export function setAsidePanel(items) {
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

export async function queuePage() {
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
          consultationBadge(item.case.requestKind),
          groupBadge(item.group),
          outsideCityBadge(item.outsideCity),
          statusBadge(item.case.status),
          el("span", { class: "badge badge-outline" }, label("caseClass", item.case.caseClass)),
          el(
            "span",
            { class: "qcard-meta" },
            `${catName(item.case.categoryCode)} · ${regionName(item.case.regionCode)} · ${fmtDate(item.case.submittedAt)}`,
          ),
          item.supporters > 0 &&
            el(
              "span",
              { class: "badge badge-outline", title: t("supporters") },
              tf("supporterCount", { n: item.supporters }),
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
            s?.unsure
              ? el(
                  "span",
                  { class: "fact-value" },
                  el("span", { class: "badge badge-warn" }, t("unsure")),
                  t("unsureHint"),
                  el("span", { class: "choices-row" }, unsureChoiceButtons(c, reload)),
                )
              : s
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
                          dataset: { w: confidencePercent(s.confidence) },
                        }),
                      ),
                      `${confidencePercent(s.confidence)}%`,
                    ),
                  )
                : el("span", { class: "fact-value muted" }, t("none")),
            !s?.unsure && s?.alternatives?.length
              ? el(
                  "span",
                  { class: "fact-alt" },
                  `${t("alternatives")}: `,
                  s.alternatives
                    .map((a) => `${catName(a.categoryCode)} ${confidencePercent(a.confidence)}%`)
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
                // Unsure: the top 3 are offered beside the suggestion instead of a one-tap confirm.
                !s?.unsure &&
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
                  label("action", "assign"),
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
export const goQueue = (offset) =>
  navigate(offset ? `/console/queue?offset=${offset}` : "/console/queue");
