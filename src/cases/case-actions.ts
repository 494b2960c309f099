/**
 * The case actions every staff channel and the citizen use (Telegram buttons,
 * the web console, WeCom cards): one path from a request to a committed
 * decision, so that chat and console never disagree.
 */
import type { WorkingCalendar } from "../domain/calendar.ts";
import { unitById, type Directory } from "../domain/directory.ts";
import type { Actor } from "../domain/lifecycle/actor.ts";
import type { Case } from "../domain/lifecycle/case.ts";
import type { NumberHolder } from "../domain/holder-relations.ts";
import type { CaseCommand } from "../domain/lifecycle/commands.ts";
import type { Alert } from "../domain/lifecycle/reminders.ts";
import { parseChinesePhone } from "../domain/intake/phone.ts";
import { reviewOrgan } from "../domain/lifecycle/review-organ.ts";
import { decide, type Decision } from "../domain/lifecycle/transitions.ts";
import { routeComplaint } from "../domain/routing.ts";
import { AppError } from "../errors.ts";
import type { CoreEvents } from "../core/events.ts";
import type { DecidedAlert } from "../storage/alert-commits.ts";
import type { LifecycleCaseStore } from "../storage/case-store.ts";
import type { DueCase } from "../storage/queries/due-alerts.ts";

/** A command as a channel sends it: units, categories and cases by id. */
export type CaseRequest =
  | Exclude<
      CaseCommand,
      {
        type:
          | "route"
          | "assign"
          | "reassign"
          | "merge"
          | "recategorize"
          | "set_region"
          | "request_review"
          | "supplement"
          | "urge"
          | "change_contact";
      }
    >
  | { readonly type: "request_review" }
  | {
      /** 补充, or 催办 with the words (if any) that urged the case on. */
      readonly type: "supplement" | "urge";
      /** Null: photos added without words (or, for an urge, none at all). */
      readonly text: string | null;
      /** The photos sent with the words (the citizen's file ids); absent or empty: none. */
      readonly photoIds?: readonly string[];
    }
  /** The citizen's new phone number, as they typed it (checked and made canonical here). */
  | {
      readonly type: "change_contact";
      readonly phone: string;
      /** Whose the number is when a relative's; absent or null: the citizen's own. */
      readonly holder?: NumberHolder | null;
    }
  | { readonly type: "route" | "assign" | "reassign"; readonly unitId: string }
  | { readonly type: "merge"; readonly intoTrackingNo: string }
  | { readonly type: "recategorize"; readonly categoryCode: string }
  | { readonly type: "set_region"; readonly regionCode: string };

export interface CaseActionsDeps {
  readonly store: LifecycleCaseStore;
  readonly directory: Directory;
  readonly calendar: () => WorkingCalendar;
  readonly clock: { now(): Date };
  /**
   * Told `caseDecided` after every commit (to bring what shows the case up to date); the
   * listeners are never awaited by `act`: the decision stands whatever they do.
   */
  readonly events?: Pick<CoreEvents, "emit">;
  /**
   * The citizen's words outside the conversation (an addition, words about the answer) as the
   * conversation reads its own: traditional characters as simplified ones, the ones the staff
   * read and search (core wires the classification's conversion). Default: as typed.
   */
  readonly inSimplifiedChinese?: (text: string) => string;
}

export interface CaseActions {
  /**
   * Applies `request` for `actor` and returns the case as it now is.
   * @throws AppError("case.not_found") for an unknown case, or a citizen's
   *   request about someone else's case;
   * @throws AppError("storage.conflict") when someone else decided first;
   * @throws the lifecycle's AppErrors for an illegal or forbidden request.
   */
  act(trackingNo: string, request: CaseRequest, actor: Actor): Promise<Case>;
  /** `act`, with the decision it committed (for a caller that tells what the decision did). */
  actDecided(trackingNo: string, request: CaseRequest, actor: Actor): Promise<DecidedCase>;
  /**
   * Records deadline alerts (commands remind and escalate) for `actor`, decided as `act`
   * decides them but committed together (one transaction for all): each only if its case is
   * still at the version and its alert time still the one read. Says per alert whether it was
   * recorded; one the lifecycle refuses is not recorded (`reason` its AppError,
   * "case.illegal_transition"), nor is one whose case changed since it was read (`reason`
   * AppError("storage.conflict")).
   * @throws the store's errors (nothing is then recorded).
   */
  recordAlerts(alerts: readonly AlertRequest[], actor: Actor): Promise<AlertOutcome[]>;
}

/** A case as a decision left it, with the decision. */
export interface DecidedCase {
  readonly decided: Case;
  readonly decision: Decision;
}

/** An alert due for a case, as the deadline round read the case. */
export interface AlertRequest {
  readonly due: DueCase;
  readonly alert: Alert;
}

export type AlertOutcome =
  | { readonly request: AlertRequest; readonly recorded: true }
  | { readonly request: AlertRequest; readonly recorded: false; readonly reason: unknown };

export function createCaseActions(deps: CaseActionsDeps): CaseActions {
  const actions: CaseActions = {
    async act(trackingNo, request, actor) {
      return (await actions.actDecided(trackingNo, request, actor)).decided;
    },

    async actDecided(trackingNo, request, actor) {
      const subject = await deps.store.find(trackingNo);
      const ownedByActor =
        actor.kind !== "citizen" || (await deps.store.isOwnedBy(trackingNo, actor.id));
      if (!subject || !ownedByActor) {
        throw new AppError("case.not_found", `no case ${trackingNo} for ${actor.kind}`, {
          userMessageKey: "case.not_found",
        });
      }
      const command = await resolve(deps, request, subject);
      const decision = decide(subject, command, actor, deps.clock.now(), deps.calendar());
      const decided = await deps.store.commit(trackingNo, subject.status, decision);
      deps.events?.emit("caseDecided", { trackingNo: decided.trackingNo, decided });
      return { decided, decision };
    },

    async recordAlerts(requests, actor) {
      const now = deps.clock.now();
      const calendar = deps.calendar();
      const outcomes = new Map<AlertRequest, AlertOutcome>();
      const decided: DecidedAlert[] = [];
      for (const request of requests) {
        const { id, version, nextAlertAt, subject, alerts } = request.due;
        const command: CaseCommand = {
          type: request.alert.kind === "reminder" ? "remind" : "escalate",
          clock: request.alert.clock,
        };
        try {
          const decision = decide(subject, command, actor, now, calendar);
          decided.push({
            caseId: id,
            version,
            alertAt: nextAlertAt,
            subject,
            history: alerts,
            decision,
          });
        } catch (reason) {
          outcomes.set(request, { request, recorded: false, reason });
        }
      }
      const written = await deps.store.commitAlerts(decided, now);
      for (const request of requests) {
        if (outcomes.has(request)) continue;
        const { id, subject } = request.due;
        if (written.has(id)) {
          outcomes.set(request, { request, recorded: true });
          deps.events?.emit("caseDecided", { trackingNo: subject.trackingNo, decided: subject });
        } else {
          const reason = new AppError(
            "storage.conflict",
            `case ${subject.trackingNo} changed since the deadline round read it`,
            { userMessageKey: "case.already_decided" },
          );
          outcomes.set(request, { request, recorded: false, reason });
        }
      }
      return requests.map((request) => outcomes.get(request)!);
    },
  };
  return actions;
}

async function resolve(
  deps: CaseActionsDeps,
  request: CaseRequest,
  subject: Case,
): Promise<CaseCommand> {
  switch (request.type) {
    case "route":
    case "assign":
    case "reassign": {
      const unit = unitById(deps.directory, request.unitId);
      if (!unit) throw new AppError("input.invalid", `unknown unit ${request.unitId}`);
      return { type: request.type, unit: { id: unit.id, department: unit.department } };
    }
    case "merge": {
      const into = await deps.store.find(request.intoTrackingNo);
      if (!into) {
        throw new AppError("case.not_found", `no case ${request.intoTrackingNo} to merge into`, {
          userMessageKey: "case.not_found",
        });
      }
      return { type: "merge", into: { trackingNo: into.trackingNo, status: into.status } };
    }
    case "recategorize": {
      const category = deps.directory.categories.find((c) => c.code === request.categoryCode);
      if (!category)
        throw new AppError("input.invalid", `unknown category ${request.categoryCode}`);
      return { type: "recategorize", category: { code: category.code, class: category.class } };
    }
    case "set_region": {
      const { regionCode } = request;
      if (!deps.directory.regions.some((r) => r.code === regionCode)) {
        throw new AppError("input.invalid", `unknown region ${regionCode}`);
      }
      const routing = routeComplaint(deps.directory, subject.categoryCode, regionCode);
      return {
        type: "set_region",
        regionCode,
        routing: { unitId: routing.unitId, flagged: routing.flagged },
      };
    }
    case "request_review": {
      const organ = reviewOrgan(deps.directory, subject);
      return {
        type: "request_review",
        ...(organ && { reviewOrgan: { id: organ.id, department: organ.department } }),
      };
    }
    case "supplement":
    case "urge": {
      const facts = await deps.store.additionFactsOf(subject.trackingNo);
      return {
        type: request.type,
        text: citizenWords(deps, request.text),
        photoIds: request.photoIds ?? [],
        contact: facts?.contact ?? null,
        group: facts?.group ?? null,
      };
    }
    case "change_contact": {
      const phone = parseChinesePhone(request.phone);
      if (!phone) {
        throw new AppError("input.invalid", `case ${subject.trackingNo}: not a phone number`);
      }
      const current = await deps.store.contactOf(subject.trackingNo);
      if (!current) throw new AppError("case.not_found", `no case ${subject.trackingNo}`);
      return {
        type: "change_contact",
        phone: phone.display,
        holder: request.holder ?? null,
        current,
      };
    }
    case "comment_on_answer":
      return { ...request, text: citizenWords(deps, request.text) };
    default:
      return request;
  }
}

/** A citizen's words as the case keeps them (see `inSimplifiedChinese`); null: none. */
function citizenWords(deps: CaseActionsDeps, text: string | null): string | null {
  return text === null || !deps.inSimplifiedChinese ? text : deps.inSimplifiedChinese(text);
}
