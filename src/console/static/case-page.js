// @ts-check
// A case's page.
import { openAction, unsureChoiceButtons } from "./actions.js";
import { api } from "./api.js";
import { occurred } from "./cases.js";
import { duplicateChip, el, icon } from "./dom.js";
import {
  catName,
  confidencePercent,
  fmtDate,
  consultationBadge,
  groupBadge,
  overdueBadge,
  urgeBadge,
  groupExtent,
  outsideCityBadge,
  regionName,
  statusBadge,
  unitName,
} from "./format.js";
import { dispatchBadge, layout, sizeMeters } from "./layout.js";
import { render } from "./nav.js";
import { label, signedIn, state, t, tf } from "./state.js";

export async function casePage(no) {
  const c = await api("GET", `/api/cases/${encodeURIComponent(no)}`);
  const reload = () => render();
  const k = c.case;
  const dl = (pairs) =>
    el(
      "dl",
      { class: "dl" },
      pairs.filter(Boolean).map(([a, b]) => [el("dt", {}, a), el("dd", {}, b ?? "—")]),
    );
  // A deadline, marked 已超期 when it is the one running now and has passed (the server says).
  const due = (at, clock) => [
    fmtDate(at),
    c.runningClock === clock && overdueBadge(c.overdue, "badge-xs"),
  ];
  const corrections = ["recategorize", "set_class", "set_region", "set_urgency"];
  // Unsure: the top 3 are offered, each one tap, instead of a confirm of the first guess.
  const unsure = c.allowed.includes("route") && c.suggestion?.unsure;
  const actions = c.allowed.filter((a) => !corrections.includes(a) && !(unsure && a === "route"));
  const secondary = c.allowed.filter((a) => corrections.includes(a));
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
            a === "route" && c.suggestion && !c.suggestion.unsure
              ? `${label("action", "route")} → ${unitName(c.suggestion.unitId)}`
              : a === "reassign" && c.review?.unitName
                ? `${label("action", "reassign")} → ${unitName(c.review.unitId)}`
                : a === "set_urgency" && k.isEmergency
                  ? label("action", "lift_urgency")
                  : label("action", a),
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
      unsure ? actionBar.firstChild : (actionBar.children[1] ?? null),
    );
  const unsureBar =
    unsure &&
    el(
      "div",
      { class: "action-bar unsure-choices" },
      el("span", { class: "badge badge-warn" }, t("unsure")),
      el("span", { class: "muted" }, t("unsureHint")),
      unsureChoiceButtons(c, reload),
    );
  const photos = c.photoRefs.length
    ? el(
        "div",
        { class: "photos" },
        c.photoRefs.map((p) => {
          // A unit is refused a photo whose metadata cannot be taken out: said, not a broken image.
          const photo = p.withheld
            ? missingPhoto(t("photoWithheld"))
            : p.stored
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
              : missingPhoto(p.unobtainable ? t("photoUnobtainable") : t("photoNotKept"));
          // A photo sent with the citizen's rating of an answer (evidence beside its reason), or
          // with their addition (补充): captioned as such.
          const caption =
            p.ratingStage !== null && p.ratingStage !== undefined
              ? t("ratingPhoto")
              : p.supplemented
                ? t("supplementPhoto")
                : null;
          return caption === null
            ? photo
            : el("figure", { class: "photo-rated" }, photo, el("figcaption", {}, caption));
        }),
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
        return label("reviewStage", String(d.stage));
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
      case "made_urgent":
        // A clerk's mark says who and why in the entry's actor and note.
        return d.cause === "supplement" ? t("urgentBySupplement") : null;
      case "group_grown":
        // What the citizen's addition said is its own entry beside this one.
        return d.from ? change(groupExtent(d.from), groupExtent(d.to)) : groupExtent(d.to);
      case "region_changed":
        return d.proposedUnitId
          ? `${change(regionName(d.fromRegion), regionName(d.toRegion))} · ${t("proposedAgain")} ${unitName(d.proposedUnitId)}`
          : change(regionName(d.fromRegion), regionName(d.toRegion));
      case "reminded":
        return label("clock", d.clock);
      case "escalated":
        return `${label("clock", d.clock)} · ${t("daysOverdue")} ${d.overdueDays}`;
      case "urged":
        return tf("nthUrge", { n: d.ordinal });
      case "supported":
        return tf("nthSupporter", { n: d.supporters });
      case "support_withdrawn":
        return tf("supportersLeft", { n: d.supporters });
      case "answer_commented":
      case "supplemented":
        // Photos added without words (text null) are said to be so, not left blank.
        if (d.text === null) return tf("photosOnly", { n: d.photoIds.length });
        return d.photoIds?.length
          ? `${d.text}（${tf("withPhotos", { n: d.photoIds.length })}）`
          : d.text;
      default:
        return null;
    }
  };
  /** The photos a unit sent with an answer or progress report. */
  const unitPhotos = (e) =>
    e.data?.photoIds?.length
      ? el(
          "div",
          { class: "photos" },
          e.data.photoIds.map((/** @type {string} */ id) => {
            const src = `/api/cases/${encodeURIComponent(k.trackingNo)}/unit-photos/${id}`;
            return el(
              "a",
              { href: src, target: "_blank", rel: "noopener", class: "photo" },
              el("img", { src, alt: t("unitPhotos"), loading: "lazy" }),
            );
          }),
        )
      : null;
  /** The facts, then the words a person wrote (a reason, a progress note), then the unit's photos. */
  const timelineDetails = (e) => [
    ...[timelineFacts(e), e.note]
      .filter(Boolean)
      .map((text) => el("p", { class: "tl-note" }, text)),
    unitPhotos(e),
  ];
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
              el("strong", {}, label("timeline", e.kind)),
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
      el("h2", {}, t("facts")),
      dl([
        [t("category"), catName(k.categoryCode)],
        [t("class"), label("caseClass", k.caseClass)],
        [t("region"), regionName(k.regionCode)],
        [t("unit"), unitName(k.unitId)],
        [t("channelLabel"), label("channel", c.channel)],
        [t("submittedAt"), fmtDate(k.submittedAt)],
        k.status === "submitted" && [t("acceptanceDue"), due(k.acceptanceDueAt, "acceptance")],
        k.handlingDueAt && [t("handlingDue"), due(k.handlingDueAt, "handling")],
        // The return window matters only while the unit holds the case.
        k.returnDueAt &&
          ["assigned", "in_progress"].includes(k.status) && [
            t("returnDue"),
            returnWindowClosed(c)
              ? `${fmtDate(k.returnDueAt)} · ${t("returnWindowClosed")}`
              : fmtDate(k.returnDueAt),
          ],
        k.reviewDueAt && [t("reviewDue"), due(k.reviewDueAt, "review")],
        c.reviewOffer && [
          t(`reviewRequestDue.${c.reviewOffer.stage}`),
          fmtDate(c.reviewOffer.until),
        ],
        k.extensionDays > 0 && [
          label("action", "extend"),
          `${k.extensionDays} ${t("daysUnit")} · ${k.extensionReason ?? ""}`,
        ],
        k.notAcceptedReason && [
          label("action", "not_accept"),
          `${k.notAcceptedReason}${k.notAcceptedChannel ? ` (${label("otherChannel", k.notAcceptedChannel)})` : ""}`,
        ],
        k.mergedIntoTrackingNo && [label("action", "merge"), k.mergedIntoTrackingNo],
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
      el("h2", {}, t("citizen")),
      signedIn().role === "handler"
        ? el("p", { class: "muted notice" }, t("identityHidden"))
        : c.anonymous
          ? el("p", { class: "muted" }, t("anonymous"))
          : dl([
              [t("name"), c.contactName?.[state.lang]],
              [
                t("phone"),
                c.contact?.phone && c.contact.phone + (c.contactHolder?.[state.lang] ?? ""),
              ],
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
      signedIn().role !== "handler" &&
      el(
        "section",
        { class: "card" },
        el("h2", {}, t("routing")),
        dl([
          c.suggestion.unsure
            ? [
                t("unsure"),
                c.suggestion.choices
                  .map(
                    (choice) =>
                      `${catName(choice.categoryCode)} ${confidencePercent(choice.confidence)}% → ${unitName(choice.unitId)}`,
                  )
                  .join(state.lang === "zh" ? "；" : "; "),
              ]
            : [t("suggested"), unitName(c.suggestion.unitId)],
          [t("confidence"), `${confidencePercent(c.suggestion.confidence)}%`],
          [t("method"), label("method", c.suggestion.method)],
          [
            t("rationale"),
            // The server says the explanation in both languages (src/i18n/routing-explanation.ts).
            [
              ...c.suggestion.rationale[state.lang],
              ...c.suggestion.notes.map((n) => label("routingNote", n)),
            ].join(state.lang === "zh" ? "；" : "; "),
          ],
        ]),
      ),
    c.review &&
      el(
        "section",
        { class: "card", "data-review": String(c.review.stage) },
        el("h2", {}, t("reviewOrgan")),
        el("p", {}, c.review.unitId ? unitName(c.review.unitId) : t("reviewOrganNone")),
        el("p", { class: "muted" }, t("reviewOrganRule")),
      ),
    c.duplicates?.length > 0 &&
      el(
        "section",
        { class: "card" },
        el("h2", {}, t("duplicates")),
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
          href: signedIn().role === "handler" ? "/console/cases" : "/console/queue",
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
        consultationBadge(k.requestKind),
        groupBadge(c.group),
        urgeBadge(k.urgeCount),
        outsideCityBadge(c.outsideCity),
        k.reviewStage > 0 &&
          el("span", { class: "badge badge-outline" }, label("reviewStage", String(k.reviewStage))),
      ),
      unsureBar,
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
            el("h2", {}, t("description")),
            el("p", { class: "description" }, c.description),
            dl([
              [t("place"), c.address],
              c.location && [
                t("coordinates"),
                `${c.location.latitude.toFixed(5)}, ${c.location.longitude.toFixed(5)}`,
              ],
              c.locatedIn && [t("locatedIn"), locatedInText(c.locatedIn)],
              [t("region"), regionName(k.regionCode)],
              c.regionSource && [t("regionSource"), label("regionSource", c.regionSource)],
              [t("occurred"), occurred(c)],
              c.supporters > 0 && [t("supporters"), tf("supporterCount", { n: c.supporters })],
            ]),
          ),
          el(
            "section",
            { class: "card" },
            el("h2", {}, `${t("photos")} (${c.photoRefs.length})`),
            photos,
          ),
          c.recordingRefs?.length > 0 &&
            el(
              "section",
              { class: "card card-recordings" },
              el("h2", {}, `${t("recordings")} (${c.recordingRefs.length})`),
              c.recordingRefs.map((/** @type {{ id: string }} */ r) =>
                el("audio", {
                  controls: true,
                  preload: "none",
                  src: `/api/cases/${encodeURIComponent(k.trackingNo)}/recordings/${encodeURIComponent(r.id)}`,
                }),
              ),
            ),
          k.answerText &&
            el(
              "section",
              { class: "card card-answer" },
              el("h2", {}, t("answer")),
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
              k.answerPromisedBy &&
                el("p", { class: "promise" }, tf("promisedShown", { day: k.answerPromisedBy })),
              k.satisfaction &&
                el(
                  "p",
                  { class: "rating" },
                  `${t("rating")}: ${k.solved ? t("solved") : t("unsolved")} · ${label("satisfaction", k.satisfaction)}`,
                ),
              k.satisfaction &&
                c.ratingReason &&
                el("p", { class: "rating-reason" }, `${t("ratingReason")}: ${c.ratingReason}`),
            ),
          citizenNotices(c.citizenNotices ?? []),
          el("section", { class: "card" }, el("h2", {}, t("history")), timeline),
        ),
        el("div", { class: "case-side" }, side),
      ),
    ),
  );
  sizeMeters(page);
  return page;
}

/**
 * In place of a photo not shown here (not kept by the service, or withheld from a unit): why.
 * @param {string} why
 */
function missingPhoto(why) {
  return el(
    "div",
    { class: "photo photo-missing", title: why },
    icon("photo"),
    el("small", {}, why),
  );
}

/**
 * Where the shared point lies: its town, or that the point tells none.
 * @param {{ inCity: true, regionName: string, town: string | null } |
 *   { inCity: false, regionName: null, town: null }} located
 */
function locatedInText(located) {
  if (!located.inCity) return t("locatedOutside");
  const { regionName: region, town } = located;
  return town ? tf("locatedTown", { region, town }) : tf("locatedNoTown", { region });
}

/**
 * Where each notice to the citizen went (有信必复): their chat, an SMS in its place, or
 * nowhere — then the clerk calls. Clerks only (the API sends none to handlers).
 * @param {{ kind: string, route: string, at: string, chatError: string | null,
 *   sms: { status: string, errorCode: string | null, receiptCode: string | null } | null }[]} notices
 */
function citizenNotices(notices) {
  if (notices.length === 0) return null;
  return el(
    "section",
    { class: "card card-notices" },
    el("h2", {}, t("citizenNotices")),
    el(
      "ul",
      { class: "notices" },
      notices.map((n) => {
        const why = [n.chatError, n.sms?.errorCode, n.sms?.receiptCode].filter(Boolean).join(" · ");
        return el(
          "li",
          { class: `notice notice-${n.route}` },
          el("strong", {}, label("noticeKind", n.kind)),
          el("span", { class: `badge route-${n.route}` }, label("noticeRoute", n.route)),
          el("time", {}, fmtDate(n.at)),
          why && el("small", { class: "muted", title: why }, why),
        );
      }),
    ),
  );
}

/**
 * Whether the handler of a case their unit holds may no longer return it: the lifecycle no
 * longer offers 退回, so the page says why the button is gone and who can still move the case.
 */
function returnWindowClosed(c) {
  return signedIn().role === "handler" && !c.allowed.includes("return");
}
