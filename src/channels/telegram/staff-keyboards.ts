/**
 * The button rows of the staff cards, as RenderedButtons carrying `k:` callback data (the
 * citizen's rating buttons are ../rating-buttons.ts, shared with the web chat).
 */
import {
  unitCardCommands,
  type ClerkCard,
  type UnitCard,
  type UnitCardCommand,
} from "../../cases/case-cards.ts";
import { reassignTargets } from "../../cases/reassign-targets.ts";
import type { Directory } from "../../domain/directory.ts";
import type { CaseStatus } from "../../domain/lifecycle/case-status.ts";
import { NOT_ACCEPT_REASONS } from "../../domain/lifecycle/not-accept-reasons.ts";
import { ANSWER_OUTCOMES } from "../../domain/vocabulary.ts";
import type { RenderedButton } from "../../notifications/sender.ts";
import type { StaffTexts } from "../../notifications/staff-messages-zh.ts";
import { callbackData as cb, UNIT_CARD_ACTIONS } from "../callback-data.ts";
import { button, type Keyboard } from "../rating-buttons.ts";

function pairs(buttons: readonly RenderedButton[]): RenderedButton[][] {
  const rows: RenderedButton[][] = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return rows;
}

/** Statuses in which the clerks still route a case, and so see its buttons. */
const ROUTABLE: readonly CaseStatus[] = ["submitted", "accepted", "returned", "under_review"];

/**
 * The clerk card's buttons; none once the clerks have nothing left to decide. A sure
 * suggestion is confirmed with one tap; an unsure one offers its top 3, one tap each.
 */
export function clerkKeyboard(card: ClerkCard, t: StaffTexts): Keyboard {
  if (!ROUTABLE.includes(card.status)) return [];
  const no = card.trackingNo;
  const choose = [button(t.buttons.choose, cb("ch", no))];
  if (card.status === "under_review") {
    // The proposed organ in one tap, until the case is with it.
    const { review } = card;
    return review?.unitId && review.unitName && review.unitId !== card.unitId
      ? [[button(t.buttons.reviewTo(review.unitName), cb("u", no, review.unitId, "x"))], choose]
      : [choose];
  }
  if (card.status !== "submitted") return [choose];
  const routing =
    card.choices.length > 0
      ? card.choices.map((c) => [
          button(t.buttons.routeTo(c.categoryName, c.unitName), cb("u", no, c.unitId, "r")),
        ])
      : card.suggestion === null
        ? []
        : [[button(t.buttons.confirm(card.suggestion.unitName), cb("ok", no))]];
  return [
    ...routing,
    choose,
    [button(t.buttons.notAccept, cb("na", no)), button(t.buttons.merge, cb("mg", no))],
  ];
}

/** Categories to route to; a report against officials can only go to the discipline body. */
export function categoryKeyboard(
  no: string,
  card: Pick<ClerkCard, "caseClass">,
  directory: Directory,
  t: StaffTexts,
): Keyboard {
  const categories = directory.categories.filter(
    (c) => card.caseClass !== "report" || c.department === "discipline",
  );
  return [
    ...pairs(categories.map((c) => button(c.name, cb("cat", no, c.code)))),
    [button(t.buttons.back, cb("bk", no))],
  ];
}

/**
 * The units of the category's department, the case's own region first; to reassign, those the
 * lifecycle takes (reassignTargets: never the unit that has the case, which under review is the
 * unit whose answer is disputed), the unit proposed for a review first.
 */
export function unitKeyboard(
  no: string,
  card: Pick<ClerkCard, "status" | "regionCode" | "unitId" | "caseClass" | "review">,
  categoryCode: string,
  directory: Directory,
  t: StaffTexts,
): Keyboard {
  const regionCode = card.regionCode;
  const mode =
    card.status === "submitted"
      ? "r"
      : card.status === "accepted" || card.status === "returned"
        ? "a"
        : "x";
  const department = directory.categories.find((c) => c.code === categoryCode)?.department;
  const units =
    mode === "x"
      ? reassignTargets(directory, card, card.review?.unitId ?? null, department ?? "")
      : directory.units
          .filter((u) => u.department === department)
          .sort((a, b) => Number(b.region === regionCode) - Number(a.region === regionCode));
  return [
    ...pairs(units.map((u) => button(u.name, cb("u", no, u.id, mode)))),
    [button(t.buttons.back, cb("ch", no))],
  ];
}

/** The not-accepted reasons to pick from, or type one. */
export function notAcceptKeyboard(no: string, t: StaffTexts): Keyboard {
  return [
    ...pairs(
      NOT_ACCEPT_REASONS.map((reason) =>
        button(t.notAcceptLabels[reason.id] ?? reason.text.zh, cb("nt", no, reason.id)),
      ),
    ),
    [button(t.buttons.typeReason, cb("nx", no))],
    [button(t.buttons.back, cb("bk", no))],
  ];
}

/** The possible duplicates to merge into, or type a tracking number. */
export function mergeKeyboard(no: string, card: ClerkCard, t: StaffTexts): Keyboard {
  return [
    ...card.duplicates.map((d) => [
      button(t.buttons.mergeInto(d.trackingNo), cb("mi", no, d.trackingNo)),
    ]),
    [button(t.buttons.typeTrackingNo, cb("mx", no))],
    [button(t.buttons.back, cb("bk", no))],
  ];
}

/** The unit card's buttons, two a row: what unitCardCommands offers now; none when nothing is. */
export function unitCaseKeyboard(card: UnitCard, now: Date, t: StaffTexts): Keyboard {
  const labels: Record<UnitCardCommand, string> = {
    start: t.buttons.start,
    answer: t.buttons.answer,
    report_progress: t.buttons.progress,
    extend: t.buttons.extend,
    return: t.buttons.return,
  };
  return pairs(
    unitCardCommands(card, now).map((command) =>
      button(labels[command], cb(UNIT_CARD_ACTIONS[command], card.trackingNo)),
    ),
  );
}

/** 支持 / 解释说明 / 不予支持, before the answer text is asked for. */
export function outcomeKeyboard(no: string, t: StaffTexts): Keyboard {
  return [
    ANSWER_OUTCOMES.map((o) => button(t.buttons.outcome(o), cb("ao", no, o))),
    [button(t.buttons.back, cb("ub", no))],
  ];
}

/** Under the promised-day question (承诺办结日期): the answer goes without one. */
export function noPromiseKeyboard(no: string, t: StaffTexts): Keyboard {
  return [[button(t.buttons.noPromise, cb("np", no))]];
}
