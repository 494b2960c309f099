/**
 * The case lifecycle as one pure function: `decide` checks that a command is
 * legal for the case's status and the actor, and returns what to write — the
 * changed fields, the timeline entries and the notifications — for the storage
 * to write in one transaction.
 */
import { daysBetween, localDateOf, type WorkingCalendar } from "../calendar.ts";
import { AppError } from "../../errors.ts";
import { grownGroup, readGroupComplaint, type GroupComplaint } from "../group-complaint.ts";
import { maskIdentity } from "../identity-in-text.ts";
import { detectHazards } from "../intake/emergency.ts";
import { sameHolder } from "../holder-relations.ts";
import { MAX_PHOTOS } from "../intake/state.ts";
import type { Actor, ActorKind } from "./actor.ts";
import { ratedLatestAnswer, type Case, type CaseChanges, type CaseContact } from "./case.ts";
import { mayAssignTo } from "./case-class.ts";
import { isFinal, type CaseStatus, type ReviewStage } from "./case-status.ts";
import type {
  CaseCommand,
  CitizenAddition,
  CommandType,
  EarlierCase,
  UnitRef,
} from "./commands.ts";
import {
  DEADLINE_RULES,
  handlingDeadline,
  isExtensionDays,
  isPast,
  returnDeadline,
  reviewAnswerDeadline,
  reviewRequestDeadline,
  type Deadline,
} from "./deadlines.ts";
import type {
  NextStep,
  Notification,
  NotificationDetails,
  NotificationKind,
  Recipient,
} from "./notifications.ts";
import { answerFollowUp, followUpDue } from "./answer-follow-up.ts";
import { runningClock } from "./reminders.ts";
import {
  MAX_ANSWER_CHARS,
  MAX_UNIT_PHOTOS,
  type BareTimelineKind,
  type TimelineEntry,
  type TimelineFact,
} from "./timeline.ts";

export interface TransitionRule {
  /** The statuses the command may be given in. */
  readonly from: readonly CaseStatus[];
  /** Who may give it; a handler only for the unit the case is with. */
  readonly by: readonly ActorKind[];
}

/** Statuses in which a deadline clock runs (see reminders.ts). */
export const RUNNING_STATUSES: readonly CaseStatus[] = [
  "submitted",
  "accepted",
  "returned",
  "assigned",
  "in_progress",
  "under_review",
];

/** Every legal transition: the single source of who may do what, when. */
export const TRANSITION_RULES: { readonly [K in CommandType]: TransitionRule } = {
  accept: { from: ["submitted"], by: ["clerk"] },
  route: { from: ["submitted"], by: ["clerk"] },
  not_accept: { from: ["submitted"], by: ["clerk"] },
  assign: { from: ["accepted", "returned"], by: ["clerk"] },
  reassign: { from: ["assigned", "in_progress", "under_review"], by: ["clerk"] },
  merge: { from: ["submitted", "accepted", "returned", "assigned", "in_progress"], by: ["clerk"] },
  recategorize: { from: ["submitted", "accepted", "returned"], by: ["clerk"] },
  set_class: { from: ["submitted", "accepted", "returned"], by: ["clerk"] },
  set_region: { from: RUNNING_STATUSES, by: ["clerk"] },
  // Urgency orders the clerks' queue and the unit's work while the case runs, as the citizen's
  // addition may set it; an answered or finished case has no queue or handling left to order.
  set_urgency: { from: RUNNING_STATUSES, by: ["clerk"] },
  close: { from: ["answered"], by: ["clerk", "system"] },
  start: { from: ["assigned"], by: ["handler"] },
  report_progress: { from: ["assigned", "in_progress", "under_review"], by: ["handler"] },
  return: { from: ["assigned", "in_progress"], by: ["handler"] },
  extend: { from: ["assigned", "in_progress"], by: ["handler"] },
  answer: { from: ["in_progress", "under_review"], by: ["handler"] },
  // While the case runs its citizen may withdraw it, add to it (补充), or give a new phone number
  // to be called on about it: once it is answered, nobody calls them about it any more.
  withdraw: { from: RUNNING_STATUSES, by: ["citizen"] },
  supplement: { from: RUNNING_STATUSES, by: ["citizen"] },
  // 催办 presses whoever holds the case now, the clerks or a unit; an answered case is rated or
  // taken to review instead.
  urge: { from: RUNNING_STATUSES, by: ["citizen"] },
  change_contact: { from: RUNNING_STATUSES, by: ["citizen"] },
  request_review: { from: ["answered", "closed"], by: ["citizen"] },
  rate: { from: ["answered", "closed"], by: ["citizen"] },
  // Once, while the answer waits for its rating (answer-follow-up.ts).
  follow_up_answer: { from: ["answered"], by: ["system"] },
  // Where the answer may be rated, what its citizen says of it is kept.
  comment_on_answer: { from: ["answered", "closed"], by: ["citizen"] },
  remind: { from: RUNNING_STATUSES, by: ["system"] },
  escalate: { from: RUNNING_STATUSES, by: ["system"] },
};

/** Statuses in which the case waits for a clerk to route it: a routing proposal is still shown. */
export const AWAITING_ROUTING: readonly CaseStatus[] = ["submitted", "accepted", "returned"];

/** The routing shown to the clerk anew (after a region change), for the storage to keep. */
export interface ProposedRouting {
  readonly regionCode: string;
  readonly unitId: string;
  readonly flagged: boolean;
}

/** A timeline entry for another case, written in the same transaction (the target of a merge). */
export interface LinkedEntry {
  readonly trackingNo: string;
  readonly entry: TimelineEntry;
}

export interface Decision {
  /** Only the fields that change; without `status` the case stays where it is. */
  readonly changes: CaseChanges;
  readonly timeline: readonly TimelineEntry[];
  readonly notifications: readonly Notification[];
  readonly linked: readonly LinkedEntry[];
  /** A new routing proposal for the clerk; null when the decision leaves the proposal as it was. */
  readonly proposal: ProposedRouting | null;
  /** The contact the case keeps from now on; null when the decision leaves it as it was. */
  readonly contact: CaseContact | null;
  /** The many the case speaks for from now on (群体诉求); null when the decision leaves it as it was. */
  readonly group: GroupComplaint | null;
  /** True when a deadline was computed beyond the calendar data, on weekends only. */
  readonly beyondCalendar: boolean;
}

/** The commands `actor` may give for the case now (status and role; not the command's own checks). */
export function allowedCommands(
  subject: Pick<Case, "status" | "unitId">,
  actor: Actor,
): CommandType[] {
  return (Object.keys(TRANSITION_RULES) as CommandType[]).filter((type) => {
    const rule = TRANSITION_RULES[type];
    return rule.from.includes(subject.status) && mayAct(rule, subject, actor);
  });
}

/**
 * The commands to offer `actor` now: those of `allowedCommands`, less the ones whose own window
 * has closed, which `decide` would refuse whatever was typed — a second extension, an extension
 * after the handling deadline, a return after its 5 working days. A button that can only fail
 * is not shown; `decide` still checks every command.
 */
export function offeredCommands(
  subject: Pick<Case, "status" | "unitId" | "extensionDays" | "handlingDueAt" | "returnDueAt">,
  actor: Actor,
  now: Date,
): CommandType[] {
  const open = (due: Date | null) => due !== null && !isPast(due, now);
  return allowedCommands(subject, actor).filter((type) => {
    if (type === "extend") return subject.extensionDays === 0 && open(subject.handlingDueAt);
    if (type === "return") return open(subject.returnDueAt);
    return true;
  });
}

/**
 * Whether `decide` takes a reassignment of `subject` to `target`: a unit the case may go to
 * (a report against officials to the discipline body only) other than the one that has it —
 * for a case under review, before the clerk moves it, the unit whose answer is disputed. Every
 * list of units to reassign to is this rule's, so that none offers a unit only to be refused.
 */
export function mayReassignTo(
  subject: Pick<Case, "unitId" | "caseClass">,
  target: UnitRef,
): boolean {
  return target.id !== subject.unitId && mayAssignTo(subject, target);
}

/**
 * Decides what a command does to a case. Pure: `now` and `calendar` are the
 * only sources of time.
 * @throws AppError("case.illegal_transition") when the command is not legal in
 * the case's status or breaks a rule of the lifecycle (a closed window, a
 * second extension, a report sent to a unit other than the discipline body…);
 * the message names the rule and `userMessageKey` the catalogue text.
 * @throws AppError("auth.forbidden") when the actor may not give the command
 * (wrong role, or a handler of another unit). A citizen actor is not checked
 * against the case's owner: the caller loads the case for that citizen.
 * @throws AppError("input.invalid") for an empty reason, answer or progress note, an
 * extension outside 1–30 days, a merge into itself, a reassignment to the same unit.
 */
export function decide(
  subject: Case,
  command: CaseCommand,
  actor: Actor,
  now: Date,
  calendar: WorkingCalendar,
): Decision {
  const rule = TRANSITION_RULES[command.type];
  if (!rule.from.includes(subject.status)) {
    throw illegal(
      subject,
      `cannot ${command.type} a case that is ${subject.status} (only from ${rule.from.join(", ")})`,
    );
  }
  if (!mayAct(rule, subject, actor)) {
    const who = actor.kind === "handler" ? `a handler of unit ${actor.unitId}` : `a ${actor.kind}`;
    throw new AppError(
      "auth.forbidden",
      `case ${subject.trackingNo}: ${who} may not ${command.type} it (only ${rule.by.join(", ")}${
        rule.by.includes("handler") ? ` of unit ${subject.unitId ?? "none"}` : ""
      })`,
      { userMessageKey: "auth.forbidden" },
    );
  }
  const out = collector(subject, actor, now);

  switch (command.type) {
    case "accept": {
      refuseConcludedMatter(subject, command.sameMatterAs);
      const handling = out.deadline(handlingDeadline(calendar, now, subject.requestKind));
      out.entry("accepted", "accepted");
      out.notify({ kind: "citizen" }, "accepted", "accepted", "await_answer", handling);
      return out.done({
        status: "accepted",
        decidedAt: now,
        acceptedAt: now,
        handlingDueAt: handling,
      });
    }

    case "route": {
      refuseConcludedMatter(subject, command.sameMatterAs);
      requireAssignable(subject, command.unit);
      const handling = out.deadline(handlingDeadline(calendar, now, subject.requestKind));
      const returnBy = out.deadline(returnDeadline(calendar, now));
      out.entry("accepted", "accepted");
      out.entry(
        { kind: "assigned", data: { unitId: command.unit.id } },
        "assigned",
        null,
        "accepted",
      );
      // The citizen is told which unit has it (已受理，正在转交…办理).
      out.notify({ kind: "citizen" }, "accepted", "assigned", "await_answer", handling, {
        unitId: command.unit.id,
        ...urgency(subject),
      });
      out.notify(unit(command.unit.id), "assigned", "assigned", "handle_case", handling, {
        caseClass: subject.caseClass,
        returnDueAt: returnBy,
        ...urgency(subject),
      });
      return out.done({
        status: "assigned",
        decidedAt: now,
        acceptedAt: now,
        handlingDueAt: handling,
        unitId: command.unit.id,
        returnDueAt: returnBy,
      });
    }

    case "not_accept": {
      const reason = requireText(subject, command.reason, "the reason for not accepting");
      out.entry("not_accepted", "not_accepted", reason);
      out.notify(
        { kind: "citizen" },
        "not_accepted",
        "not_accepted",
        command.channel === null ? "none" : "use_other_channel",
        null,
        { reason, channel: command.channel },
      );
      return out.done({
        status: "not_accepted",
        decidedAt: now,
        notAcceptedReason: reason,
        notAcceptedChannel: command.channel,
      });
    }

    case "assign": {
      requireAssignable(subject, command.unit);
      const returnBy = out.deadline(returnDeadline(calendar, now));
      out.entry({ kind: "assigned", data: { unitId: command.unit.id } }, "assigned");
      out.notify(
        unit(command.unit.id),
        "assigned",
        "assigned",
        "handle_case",
        subject.handlingDueAt,
        {
          caseClass: subject.caseClass,
          returnDueAt: returnBy,
          ...urgency(subject),
        },
      );
      tellCitizenWhoHasIt(out, command.unit, "assigned", subject.handlingDueAt);
      return out.done({ status: "assigned", unitId: command.unit.id, returnDueAt: returnBy });
    }

    case "reassign": {
      if (!mayReassignTo(subject, command.unit)) {
        requireAssignable(subject, command.unit);
        throw new AppError(
          "input.invalid",
          `case ${subject.trackingNo} is already with unit ${command.unit.id}`,
        );
      }
      const inReview = subject.status === "under_review";
      const status: CaseStatus = inReview ? "under_review" : "assigned";
      const returnBy = inReview ? null : out.deadline(returnDeadline(calendar, now));
      const due = inReview ? subject.reviewDueAt : subject.handlingDueAt;
      out.entry(
        { kind: "reassigned", data: { fromUnitId: subject.unitId, toUnitId: command.unit.id } },
        status,
      );
      out.notify(unit(command.unit.id), "assigned", status, "handle_case", due, {
        caseClass: subject.caseClass,
        ...(returnBy === null ? {} : { returnDueAt: returnBy }),
        ...(inReview ? { reviewStage: subject.reviewStage } : {}),
        ...urgency(subject),
      });
      if (subject.unitId !== null) {
        out.notify(unit(subject.unitId), "unassigned", status, "none", null);
      }
      tellCitizenWhoHasIt(out, command.unit, status, due);
      return out.done({ status, unitId: command.unit.id, returnDueAt: returnBy });
    }

    case "merge": {
      const into = command.into;
      if (into.trackingNo === subject.trackingNo) {
        throw new AppError(
          "input.invalid",
          `case ${subject.trackingNo} cannot be merged into itself`,
        );
      }
      if (isFinal(into.status)) {
        throw illegal(
          subject,
          `cannot merge into ${into.trackingNo}, which is ${into.status}`,
          "case.merge_target_final",
        );
      }
      out.entry({ kind: "merged", data: { intoTrackingNo: into.trackingNo } }, "merged");
      out.link(into.trackingNo, {
        kind: "merged_from",
        data: { fromTrackingNo: subject.trackingNo },
        actor: { kind: actor.kind, id: actor.id },
        at: now,
        note: null,
        fromStatus: into.status,
        toStatus: into.status,
      });
      out.notify({ kind: "citizen" }, "merged", "merged", "follow_merged_case", null, {
        mergedInto: into.trackingNo,
      });
      out.releaseUnit("merged");
      return out.done({ status: "merged", mergedIntoTrackingNo: into.trackingNo });
    }

    case "recategorize": {
      const { code, class: caseClass } = command.category;
      out.entry(
        {
          kind: "recategorized",
          data: {
            fromCategory: subject.categoryCode,
            toCategory: code,
            fromClass: subject.caseClass,
            toClass: caseClass,
          },
        },
        subject.status,
      );
      return out.done({ categoryCode: code, caseClass });
    }

    case "set_class": {
      out.entry(
        { kind: "reclassified", data: { from: subject.caseClass, to: command.caseClass } },
        subject.status,
      );
      return out.done({ caseClass: command.caseClass });
    }

    case "set_region": {
      const { regionCode, routing } = command;
      if (regionCode === subject.regionCode) {
        throw new AppError(
          "input.invalid",
          `case ${subject.trackingNo} is already in region ${regionCode}`,
        );
      }
      // Once routed, the unit stays: the clerk reassigns it if the new region needs another.
      const proposal = AWAITING_ROUTING.includes(subject.status)
        ? { regionCode, unitId: routing.unitId, flagged: routing.flagged }
        : null;
      out.entry(
        {
          kind: "region_changed",
          data: {
            fromRegion: subject.regionCode,
            toRegion: regionCode,
            proposedUnitId: proposal?.unitId ?? null,
          },
        },
        subject.status,
      );
      if (proposal) out.propose(proposal);
      return out.done({ regionCode, regionSource: "clerk" });
    }

    case "set_urgency": {
      const reason = requireText(subject, command.reason, "the reason for the urgency");
      const { urgent } = command;
      if (urgent === subject.isEmergency) {
        throw illegal(
          subject,
          `it is ${urgent ? "already" : "not"} urgent`,
          urgent ? "case.already_urgent" : "case.not_urgent",
        );
      }
      out.entry(
        urgent ? { kind: "made_urgent", data: { cause: "clerk" } } : "urgency_lifted",
        subject.status,
        reason,
      );
      // The unit that has the case orders its work by the mark: it is told either way, so that a
      // lifted false alarm stops going before real dangers. The clerk's note stays on the case.
      out.toUnit("urgency_changed", "handle_case", unitDue(subject), { urgent });
      return out.done({ isEmergency: urgent });
    }

    case "close": {
      const stage = subject.reviewStage;
      const window = stage < 2 ? reviewWindow(subject, calendar, out) : null;
      const reviewOpen = window !== null && !isPast(window, now);
      if (actor.kind === "system" && reviewOpen) {
        throw illegal(
          subject,
          `the citizen may ask for review until ${localDateOf(window)}; only a clerk closes it earlier`,
          "case.review_window_open",
        );
      }
      out.entry("closed", "closed");
      out.notify(
        { kind: "citizen" },
        "closed",
        "closed",
        reviewOpen ? reviewStep(subject, stage) : "none",
        reviewOpen ? window : null,
      );
      return out.done({ status: "closed", closedAt: now });
    }

    case "start": {
      out.entry("started", "in_progress");
      out.notify(
        { kind: "citizen" },
        "in_progress",
        "in_progress",
        "await_answer",
        subject.handlingDueAt,
      );
      return out.done({ status: "in_progress" });
    }

    case "report_progress": {
      const note = requireText(subject, command.note, "the progress note");
      // Reporting progress on a case not yet started starts it: one button, not two.
      const starting = subject.status === "assigned";
      const status: CaseStatus = starting ? "in_progress" : subject.status;
      if (starting) out.entry("started", "in_progress");
      const photoIds = unitPhotos(subject, command.photoIds);
      out.entry(
        { kind: "progress", data: photoIds.length > 0 ? { photoIds } : null },
        status,
        note,
        status,
      );
      const inReview = status === "under_review";
      out.notify(
        { kind: "citizen" },
        "progress",
        status,
        inReview ? "await_review_answer" : "await_answer",
        inReview ? subject.reviewDueAt : subject.handlingDueAt,
        { progressNote: note, ...(photoIds.length > 0 && { photoIds }) },
      );
      return out.done(starting ? { status } : {});
    }

    case "return": {
      const reason = requireText(subject, command.reason, "the reason for returning");
      if (subject.returnDueAt === null || isPast(subject.returnDueAt, now)) {
        throw illegal(
          subject,
          `the ${DEADLINE_RULES.returnWorkingDays}-working-day window to return it closed${
            subject.returnDueAt === null ? "" : ` on ${localDateOf(subject.returnDueAt)}`
          }; ask the clerks to reassign it`,
          "case.return_window_closed",
        );
      }
      out.entry({ kind: "returned", data: { unitId: subject.unitId } }, "returned", reason);
      out.notify({ kind: "clerks" }, "returned", "returned", "route_case", subject.handlingDueAt, {
        reason,
        ...(subject.unitId === null ? {} : { unitId: subject.unitId }),
      });
      return out.done({ status: "returned", unitId: null, returnDueAt: null });
    }

    case "extend": {
      const reason = requireText(subject, command.reason, "the reason for the extension");
      const { days } = command;
      if (!isExtensionDays(days)) {
        throw new AppError(
          "input.invalid",
          `case ${subject.trackingNo}: an extension is 1 to ${DEADLINE_RULES.maxExtensionDays} days, not ${days}`,
          { userMessageKey: "case.extension_days" },
        );
      }
      if (subject.requestKind === "consultation") {
        throw illegal(
          subject,
          `a consultation is answered within ${DEADLINE_RULES.consultationAnswerWorkingDays} working days and is not extended`,
          "case.consultation_not_extended",
        );
      }
      if (subject.extensionDays > 0) {
        throw illegal(
          subject,
          `it was already extended by ${subject.extensionDays} days; there is one extension only`,
          "case.extension_used",
        );
      }
      const acceptedAt = required(subject, subject.acceptedAt, "acceptedAt");
      const dueAt = required(subject, subject.handlingDueAt, "handlingDueAt");
      if (isPast(dueAt, now)) {
        throw illegal(
          subject,
          `an extension must be granted before the handling deadline (${localDateOf(dueAt)})`,
          "case.extension_too_late",
        );
      }
      const handling = out.deadline(
        handlingDeadline(calendar, acceptedAt, subject.requestKind, days),
      );
      out.entry({ kind: "extended", data: { days, newDueAt: handling } }, subject.status, reason);
      out.notify({ kind: "citizen" }, "extended", subject.status, "await_answer", handling, {
        extensionDays: days,
        reason,
      });
      return out.done({ extensionDays: days, extensionReason: reason, handlingDueAt: handling });
    }

    case "answer": {
      const text = answerText(subject, command.text);
      const stage = subject.reviewStage;
      const reviewWindow = reviewRequestDeadline(calendar, now);
      const window = stage < 2 ? out.deadline(reviewWindow) : null;
      // A 复核 opinion opens no review, but its promise is held to the same span.
      const followUp = answerFollowUp(subject, command.promisedBy, now, reviewWindow.at);
      const promised =
        followUp.answerPromisedBy === null ? {} : { promisedBy: followUp.answerPromisedBy };
      const photoIds = unitPhotos(subject, command.photoIds);
      const photos = photoIds.length > 0 ? { photoIds } : {};
      out.entry(
        {
          kind: subject.status === "under_review" ? "review_answered" : "answered",
          data: { outcome: command.outcome, ...photos, ...promised },
        },
        "answered",
      );
      out.notify({ kind: "citizen" }, "answered", "answered", reviewStep(subject, stage), window, {
        outcome: command.outcome,
        answerText: text,
        reviewStage: stage,
        ...photos,
        ...promised,
        // Who answered: a notice cut short names the office to ask for all of it.
        ...(subject.unitId === null ? {} : { unitId: subject.unitId }),
      });
      return out.done({
        status: "answered",
        answeredAt: now,
        answerOutcome: command.outcome,
        answerText: text,
        // The new answer's promise and follow-up: the earlier answer's no longer hold.
        ...followUp,
      });
    }

    case "follow_up_answer": {
      if (!followUpDue(subject, now)) {
        throw illegal(subject, "no follow-up of the answer is due");
      }
      const stage = subject.reviewStage;
      const promised =
        subject.answerPromisedBy === null ? {} : { promisedBy: subject.answerPromisedBy };
      out.entry({ kind: "answer_followed_up", data: promised }, subject.status);
      // The question says until when the answer may still be taken to a review.
      const window = stage < 2 ? reviewWindow(subject, calendar, out) : null;
      out.notify(
        { kind: "citizen" },
        "answer_follow_up",
        subject.status,
        reviewStep(subject, stage),
        window,
        {
          ...promised,
          answeredOn: localDateOf(required(subject, subject.answeredAt, "answeredAt")),
          reviewStage: stage,
        },
      );
      return out.done({ followUpAt: null });
    }

    case "withdraw": {
      out.entry("withdrawn", "withdrawn");
      out.notify({ kind: "citizen" }, "withdrawn", "withdrawn", "none", null);
      out.releaseUnit("withdrawn");
      return out.done({ status: "withdrawn" });
    }

    case "supplement": {
      const added = addition(out, subject, command);
      out.toUnit("supplemented", "handle_case", unitDue(subject), added.details);
      return out.done(added.changes);
    }

    case "urge": {
      const words = command.text !== null || command.photoIds.length > 0;
      const added = words ? addition(out, subject, command) : null;
      // A second urge the same Shanghai day is not counted: its words still reach the case.
      if (urgedOn(subject, now)) {
        if (added !== null) {
          out.toUnit("supplemented", "handle_case", unitDue(subject), added.details);
        }
        return out.done(added?.changes ?? {});
      }
      const ordinal = subject.urgeCount + 1;
      out.entry({ kind: "urged", data: { ordinal } }, subject.status);
      out.toUnit("urged", "handle_case", unitDue(subject), {
        ...added?.details,
        urgeOrdinal: ordinal,
      });
      return out.done({ ...added?.changes, urgeCount: ordinal, lastUrgedAt: now });
    }

    case "change_contact": {
      const { phone, holder, current } = command;
      // The number the case keeps already, held by the same: nothing to change, nothing to tell.
      if (!current.anonymous && current.phone === phone && sameHolder(current.holder, holder)) {
        return out.done({});
      }
      // An anonymous citizen who gives a number to be called on is no longer anonymous to the
      // clerks (as "我不留名字，电话…" at filing): named, with no name.
      const name = current.anonymous ? null : current.name;
      out.contact({ anonymous: false, name, phone, ...(holder && { holder }) });
      out.entry("contact_changed", subject.status);
      return out.done({});
    }

    case "comment_on_answer": {
      const data = wordsAndPhotos(subject, command.text, command.photoIds ?? [], "the comment");
      out.entry({ kind: "answer_commented", data }, subject.status);
      return out.done({});
    }

    case "request_review": {
      if (subject.requestKind === "consultation") {
        throw illegal(
          subject,
          "a consultation's answer is no 处理意见 to review; the citizen may file the matter as a complaint",
          "case.consultation_not_reviewed",
        );
      }
      if (subject.reviewStage === 2) {
        throw illegal(
          subject,
          "the 复核 opinion is final: the same matter is not accepted again",
          "case.review_final",
        );
      }
      const window = reviewWindow(subject, calendar, out);
      if (isPast(window, now)) {
        throw illegal(
          subject,
          `a review had to be asked for within ${DEADLINE_RULES.reviewRequestDays} days of the answer, by ${localDateOf(window)}`,
          "case.review_window_closed",
        );
      }
      const stage: ReviewStage = subject.reviewStage === 0 ? 1 : 2;
      const due = out.deadline(reviewAnswerDeadline(calendar, now));
      out.entry(
        {
          kind: "review_requested",
          data: { stage, proposedUnitId: command.reviewOrgan?.id ?? null },
        },
        "under_review",
      );
      out.notify(
        { kind: "citizen" },
        "review_received",
        "under_review",
        "await_review_answer",
        due,
        {
          reviewStage: stage,
        },
      );
      out.notify({ kind: "clerks" }, "review_to_route", "under_review", "route_case", due, {
        reviewStage: stage,
        ...(subject.unitId === null ? {} : { unitId: subject.unitId }),
      });
      return out.done({
        status: "under_review",
        reviewStage: stage,
        reviewRequestedAt: now,
        reviewDueAt: due,
        closedAt: null,
      });
    }

    case "rate": {
      if (ratedLatestAnswer(subject)) {
        throw illegal(subject, "the citizen already rated this answer", "case.already_rated");
      }
      out.entry(
        {
          kind: "rated",
          data: { solved: command.solved, satisfaction: command.satisfaction },
        },
        subject.status,
      );
      // Rated: nobody asks any more whether the answer solved the problem.
      return out.done({
        solved: command.solved,
        satisfaction: command.satisfaction,
        ratedAt: now,
        ...(subject.followUpAt !== null && { followUpAt: null }),
      });
    }

    case "remind":
    case "escalate": {
      const running = runningClock(subject);
      if (running === null || running.clock !== command.clock) {
        throw illegal(subject, `it does not run on the ${command.clock} clock now`);
      }
      const details: NotificationDetails = {
        clock: running.clock,
        ...(subject.unitId === null ? {} : { unitId: subject.unitId }),
      };
      if (command.type === "remind") {
        out.entry({ kind: "reminded", data: { clock: running.clock } }, subject.status);
        const step = running.holder.kind === "unit" ? "handle_case" : "route_case";
        out.notify(running.holder, "reminder", subject.status, step, running.dueAt, details);
        return out.done({});
      }
      if (!isPast(running.dueAt, now)) {
        throw illegal(subject, `it is not overdue (due ${localDateOf(running.dueAt)})`);
      }
      const overdueDays = daysBetween(localDateOf(running.dueAt), localDateOf(now));
      out.entry({ kind: "escalated", data: { clock: running.clock, overdueDays } }, subject.status);
      out.notify({ kind: "clerks" }, "escalation", subject.status, "route_case", running.dueAt, {
        ...details,
        overdueDays,
      });
      return out.done({});
    }
  }
}

/**
 * The photos of an answer or progress report, each once, in order.
 * @throws AppError("input.invalid") for more than MAX_UNIT_PHOTOS.
 */
function unitPhotos(subject: Case, photoIds: readonly string[] | undefined): string[] {
  const unique = [...new Set(photoIds ?? [])];
  if (unique.length > MAX_UNIT_PHOTOS) {
    throw new AppError(
      "input.invalid",
      `case ${subject.trackingNo}: at most ${MAX_UNIT_PHOTOS} photos go with one answer or report, not ${unique.length}`,
    );
  }
  return unique;
}

function mayAct(rule: TransitionRule, subject: Pick<Case, "unitId">, actor: Actor): boolean {
  if (!rule.by.includes(actor.kind)) return false;
  return actor.kind !== "handler" || actor.unitId === subject.unitId;
}

interface Collector {
  /** An entry of `fact` (or of a kind without data); the note is for words a person wrote. */
  entry(
    fact: TimelineFact | BareTimelineKind,
    toStatus: CaseStatus,
    note?: string | null,
    fromStatus?: CaseStatus,
  ): void;
  link(trackingNo: string, entry: TimelineEntry): void;
  notify(
    to: Recipient,
    kind: NotificationKind,
    status: CaseStatus,
    nextStep: NextStep,
    dueAt: Date | null,
    details?: NotificationDetails,
  ): void;
  /** Tells the unit that has the case that it no longer does. */
  releaseUnit(status: CaseStatus): void;
  /** Tells the unit that has the case (if one does) of something about it; `status` the case's after. */
  toUnit(
    kind: NotificationKind,
    nextStep: NextStep,
    dueAt: Date | null,
    details: NotificationDetails,
    status?: CaseStatus,
  ): void;
  /** Shows the clerk a new routing proposal. */
  propose(routing: ProposedRouting): void;
  /** The contact the case keeps from now on. */
  contact(contact: CaseContact): void;
  /** The many the case speaks for from now on. */
  group(group: GroupComplaint): void;
  deadline(deadline: Deadline): Date;
  done(changes: CaseChanges): Decision;
}

function collector(subject: Case, actor: Actor, now: Date): Collector {
  const timeline: TimelineEntry[] = [];
  const notifications: Notification[] = [];
  const linked: LinkedEntry[] = [];
  let proposal: ProposedRouting | null = null;
  let contact: CaseContact | null = null;
  let group: GroupComplaint | null = null;
  let beyondCalendar = false;
  const self: Collector = {
    entry(fact, toStatus, note = null, fromStatus = subject.status) {
      timeline.push({
        ...(typeof fact === "string" ? { kind: fact, data: null } : fact),
        actor: { kind: actor.kind, id: actor.id },
        at: now,
        note,
        fromStatus,
        toStatus,
      });
    },
    link(trackingNo, entry) {
      linked.push({ trackingNo, entry });
    },
    notify(to, kind, status, nextStep, dueAt, details = {}) {
      // The citizen who asked a question is told of their 咨询, not of a problem they reported.
      const asked = to.kind === "citizen" && subject.requestKind === "consultation";
      notifications.push({
        to,
        kind,
        trackingNo: subject.trackingNo,
        status,
        nextStep,
        dueAt,
        dueDate: dueAt === null ? null : localDateOf(dueAt),
        details: asked ? { ...details, consultation: true } : details,
      });
    },
    releaseUnit(status) {
      self.toUnit("unassigned", "none", null, {}, status);
    },
    toUnit(kind, nextStep, dueAt, details, status = subject.status) {
      const holding: readonly CaseStatus[] = ["assigned", "in_progress", "under_review"];
      if (subject.unitId !== null && holding.includes(subject.status)) {
        self.notify(unit(subject.unitId), kind, status, nextStep, dueAt, details);
      }
    },
    propose(routing) {
      proposal = routing;
    },
    contact(kept) {
      contact = kept;
    },
    group(grown) {
      group = grown;
    },
    deadline(deadline) {
      if (deadline.beyondCalendar) beyondCalendar = true;
      return deadline.at;
    },
    done(changes) {
      // A case that moves on from its answer (a review, a closing) is followed up no more; its
      // time would otherwise stay in the index the deadline round reads (answer-follow-up.ts).
      const movedOn =
        changes.status !== undefined &&
        changes.status !== "answered" &&
        subject.followUpAt !== null;
      return {
        changes: movedOn ? { ...changes, followUpAt: null } : changes,
        timeline,
        notifications,
        linked,
        proposal,
        contact,
        group,
        beyondCalendar,
      };
    },
  };
  return self;
}

/** An emergency case is said to be one in the notices that hand it over: the unit acts first. */
function urgency(subject: Case): Pick<NotificationDetails, "urgent"> {
  return subject.isEmergency ? { urgent: true } : {};
}

/** The deadline of the unit that has the case: the review's while under review. */
function unitDue(subject: Case): Date | null {
  return subject.status === "under_review" ? subject.reviewDueAt : subject.handlingDueAt;
}

/**
 * The citizen told which unit has the case now (有信必复): handed over after its acceptance, or
 * to another unit after a return or a clerk's correction — the unit named earlier no longer has it.
 */
function tellCitizenWhoHasIt(
  out: Collector,
  to: UnitRef,
  status: CaseStatus,
  due: Date | null,
): void {
  const next = status === "under_review" ? "await_review_answer" : "await_answer";
  out.notify({ kind: "citizen" }, "transferred", status, next, due, { unitId: to.id });
}

function unit(unitId: string): Recipient {
  return { kind: "unit", unitId };
}

/** What the citizen may do with an answer of `stage`: ask for its review, or file a complaint. */
function reviewStep(subject: Case, stage: ReviewStage): NextStep {
  if (subject.requestKind === "consultation") return "may_file_complaint";
  return stage === 0 ? "may_request_review" : stage === 1 ? "may_request_second_review" : "none";
}

function reviewWindow(subject: Case, calendar: WorkingCalendar, out: Collector): Date {
  const answeredAt = required(subject, subject.answeredAt, "answeredAt");
  return out.deadline(reviewRequestDeadline(calendar, answeredAt));
}

function requireAssignable(subject: Case, target: UnitRef): void {
  if (!mayAssignTo(subject, target)) {
    throw illegal(
      subject,
      `a report against officials (检举控告) goes to the discipline body only, not to unit ${target.id} (${target.department})`,
      "case.report_to_discipline_only",
    );
  }
}

function refuseConcludedMatter(subject: Case, earlier: EarlierCase | undefined): void {
  if (earlier === undefined || earlier.reviewStage !== 2) return;
  if (earlier.status === "answered" || earlier.status === "closed") {
    throw illegal(
      subject,
      `the same matter went through 复核 in ${earlier.trackingNo} and is not accepted again`,
      "case.review_final",
    );
  }
}

/** Whether the citizen already urged the case on the Shanghai day of `now` (counted once a day). */
export function urgedOn(subject: Pick<Case, "lastUrgedAt">, now: Date): boolean {
  const last = subject.lastUrgedAt;
  return last !== null && localDateOf(last) === localDateOf(now);
}

/** What an addition wrote: the unit's notice details and the case's changes. */
interface Added {
  readonly details: NotificationDetails;
  readonly changes: CaseChanges;
}

/**
 * The citizen's addition (补充, or the words of an urge) kept on the case: the words and photos,
 * and what they tell — a new or worse danger makes the case urgent, more people affected make
 * it the larger group. The unit's notice details carry the words masked as the description is.
 */
function addition(out: Collector, subject: Case, command: CitizenAddition): Added {
  const data = wordsAndPhotos(subject, command.text, command.photoIds, "the addition");
  const { text, photoIds = [] } = data;
  out.entry({ kind: "supplemented", data }, subject.status);
  // Words of a new or worse danger ("又有人摔进去了") make the case urgent, as at filing.
  const hazards = subject.isEmergency || text === null ? [] : detectHazards(text);
  if (hazards.length > 0) {
    out.entry({ kind: "made_urgent", data: { cause: "supplement", hazards } }, subject.status);
  }
  // Words of more people affected ("现在又多了二十多户也这样") make the case the larger
  // group (群体诉求) it now is, read as at filing; it never shrinks.
  const grown = text === null ? null : grownGroup(command.group, readGroupComplaint(text));
  if (grown !== null) {
    out.entry({ kind: "group_grown", data: { from: command.group, to: grown } }, subject.status);
    out.group(grown);
  }
  // The unit reads the addition as it reads the description: without the writer's identity.
  return {
    details: {
      ...(text !== null && { supplementText: maskIdentity(text, command.contact) }),
      ...(photoIds.length > 0 && { supplementPhotos: photoIds.length }),
      ...(hazards.length > 0 && { urgent: true }),
      ...(grown !== null && { group: grown }),
    },
    changes: hazards.length > 0 ? { isEmergency: true } : {},
  };
}

/** A citizen's words, or photos alone (at most MAX_PHOTOS); nothing at all is refused. */
function wordsAndPhotos(
  subject: Case,
  words: string | null,
  photos: readonly string[],
  what: string,
): { readonly text: string | null; readonly photoIds?: string[] } {
  const photoIds = photos.slice(0, MAX_PHOTOS);
  const text =
    words === null && photoIds.length > 0 ? null : requireText(subject, words ?? "", what);
  return { text, ...(photoIds.length > 0 && { photoIds }) };
}

/** The answer's text, trimmed; refused when empty or longer than MAX_ANSWER_CHARS. */
function answerText(subject: Case, text: string): string {
  const trimmed = requireText(subject, text, "the answer");
  if (trimmed.length > MAX_ANSWER_CHARS) {
    throw new AppError(
      "input.invalid",
      `case ${subject.trackingNo}: the answer has ${trimmed.length} characters, at most ${MAX_ANSWER_CHARS}`,
      { userMessageKey: "case.answer_too_long" },
    );
  }
  return trimmed;
}

function requireText(subject: Case, text: string, what: string): string {
  const trimmed = text.trim();
  if (trimmed === "") {
    throw new AppError("input.invalid", `case ${subject.trackingNo}: ${what} is empty`);
  }
  return trimmed;
}

function required<T>(subject: Case, value: T | null, field: string): T {
  if (value === null) {
    throw new AppError(
      "input.invalid",
      `case ${subject.trackingNo} is ${subject.status} but has no ${field}`,
    );
  }
  return value;
}

function illegal(
  subject: Case,
  why: string,
  userMessageKey: string = "case.illegal_transition",
): AppError {
  return new AppError("case.illegal_transition", `case ${subject.trackingNo}: ${why}`, {
    userMessageKey,
  });
}
