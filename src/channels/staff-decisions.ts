/**
 * What every staff channel (Telegram, the WeCom app) does with a decision a clerk or handler
 * makes in a chat: apply it through the case actions as that staff member, and turn a
 * refusal into the one sentence to tell them. The channels only authenticate, ask and show.
 */
import type { CaseActions, CaseRequest } from "../cases/case-actions.ts";
import type { CaseCards, LastDecision } from "../cases/case-cards.ts";
import type { Actor } from "../domain/lifecycle/actor.ts";
import type { AnswerOutcome } from "../domain/lifecycle/case-status.ts";
import { DEADLINE_RULES, isExtensionDays } from "../domain/lifecycle/deadlines.ts";
import { MAX_ANSWER_CHARS } from "../domain/lifecycle/timeline.ts";
import { NOT_ACCEPT_REASONS } from "../domain/lifecycle/not-accept-reasons.ts";
import type { LocalDate } from "../domain/calendar.ts";
import { daySaid } from "../domain/day-said.ts";
import { ANSWER_OUTCOMES } from "../domain/vocabulary.ts";
import { isAppError } from "../errors.ts";
import type { Logger } from "../logging/logger.ts";
import type { StaffTexts } from "../notifications/staff-messages-zh.ts";
import { isCitizenQuestion, type AwaitedReply } from "../storage/awaited-replies.ts";

/**
 * Applied, or refused with the text to show; `final` is false when trying again may work;
 * `rule` names the case rule that refused it (an AppError's userMessageKey), when one did.
 */
export type DecisionResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly text: string;
      readonly final: boolean;
      readonly rule?: string | undefined;
    };

/**
 * What a typed `/extend <no> <days> <reason>` comes to: decided (applied or refused) for case
 * `no`; the reason to ask for (`ask`), the case and the days kept, when the days came without
 * it; or the command's usage when there is no case number or no days.
 */
export type ExtendCommand =
  | { readonly no: string; readonly result: DecisionResult }
  | { readonly no: string; readonly ask: string; readonly days: number }
  | { readonly usage: string };

/** How long a question asked in a staff chat (a reason, an answer, a note) stays open. */
export const STAFF_REPLY_WINDOW_MS = 3_600_000;

/** What a staff member is told of a typed decision on case `no`: done, or why not. */
export function decisionText(t: StaffTexts, no: string, result: DecisionResult): string {
  return result.ok ? `${t.answers.done}：${no}` : result.text;
}

export interface StaffDecisions {
  /** Applies `request` to case `no` as `actor`; expected refusals come back as text, never thrown. */
  decide(no: string, request: CaseRequest, actor: Actor): Promise<DecisionResult>;
  /** "Already handled by …": who made the case's last decision, when it was not `actor`. */
  alreadyHandled(no: string, actor: Actor): Promise<string>;
  /** Not accepted for one of the usual reasons, told in the citizen's language; null for an unknown reason. */
  notAcceptFor(no: string, reasonId: string): Promise<CaseRequest | null>;
  /**
   * `/extend` typed by `actor`, `args` the text after the command. Days without a reason are
   * asked about only when the reason would be taken: the actor a handler of the case's unit and
   * the days 1 to 30; otherwise the refusal comes at once.
   */
  extendCommand(args: string, actor: Actor): Promise<ExtendCommand>;
}

export interface StaffDecisionsDeps {
  readonly actions: Pick<CaseActions, "act">;
  readonly cards: Pick<CaseCards, "unitCard" | "lastDecision" | "localeOf">;
  readonly staffNames: (ids: readonly string[]) => Promise<ReadonlyMap<string, string>>;
  readonly texts: StaffTexts;
  readonly logger: Logger;
}

export function createStaffDecisions(deps: StaffDecisionsDeps): StaffDecisions {
  const { actions, cards, texts: t, logger } = deps;

  async function decide(no: string, request: CaseRequest, actor: Actor): Promise<DecisionResult> {
    const log = logger.child({ caseNo: no, actorKind: actor.kind, actorId: actor.id });
    try {
      await actions.act(no, request, actor);
      log.info({ request: request.type }, "case decision applied");
      return { ok: true };
    } catch (error) {
      const refusal = await explain(no, actor, error);
      if (refusal === null) {
        log.error({ err: error, request: request.type }, "case decision failed");
        return { ok: false, text: t.answers.failed, final: false };
      }
      log.info(
        { request: request.type, code: isAppError(error) ? error.code : undefined },
        "case decision refused",
      );
      const rule = isAppError(error) ? error.userMessageKey : undefined;
      // A day out of range: another day may do, and the answer's words wait for it.
      const final = rule !== "case.promise_out_of_range";
      return { ok: false, text: refusal, final, rule };
    }
  }

  /** The sentence for an expected refusal; null for a failure (logged as an error by decide). */
  async function explain(no: string, actor: Actor, error: unknown): Promise<string | null> {
    if (!isAppError(error)) return null;
    switch (error.code) {
      case "case.not_found":
        return t.answers.notFound(no);
      case "auth.forbidden":
        return actor.kind === "handler" ? t.answers.notYourUnit : t.answers.wrongRole;
      case "input.invalid":
        if (error.userMessageKey === "case.promise_out_of_range") {
          return t.answers.promiseOutOfRange(no);
        }
        if (error.userMessageKey === "case.answer_too_long") {
          return t.answers.answerTooLong(MAX_ANSWER_CHARS);
        }
        return error.userMessageKey === "case.extension_days"
          ? t.answers.extensionDays(DEADLINE_RULES.maxExtensionDays)
          : t.answers.invalid;
      case "storage.conflict":
        return alreadyHandled(no, actor);
      case "case.illegal_transition": {
        const key = error.userMessageKey;
        if (key === "case.report_to_discipline_only") return t.answers.reportToDiscipline;
        if (key === "case.return_window_closed") return t.answers.returnWindowClosed;
        if (key === "case.extension_used") return t.answers.extensionUsed;
        if (key === "case.extension_too_late") return t.answers.extensionTooLate;
        if (key !== "case.illegal_transition") return t.answers.illegalRule;
        // Refused because someone in the same role moved the case first.
        const last = await cards.lastDecision(no);
        if (last && last.actorKind === actor.kind && last.actorId !== actor.id) {
          return handledBy(last, actor);
        }
        const status = (await cards.unitCard(no))?.status;
        return status ? t.answers.illegal(status) : t.answers.illegalRule;
      }
      default:
        return null;
    }
  }

  async function alreadyHandled(no: string, actor: Actor): Promise<string> {
    return handledBy(await cards.lastDecision(no), actor);
  }

  /** "Already handled by …" for the latest decision `last`, already loaded. */
  async function handledBy(last: LastDecision | null, actor: Actor): Promise<string> {
    if (!last?.actorId || last.actorId === actor.id) return t.answers.alreadyHandledBySomeone;
    const name = (await deps.staffNames([last.actorId])).get(last.actorId);
    return name ? t.answers.alreadyHandled(name) : t.answers.alreadyHandledBySomeone;
  }

  async function notAcceptFor(no: string, reasonId: string): Promise<CaseRequest | null> {
    const reason = NOT_ACCEPT_REASONS.find((r) => r.id === reasonId);
    if (!reason) return null;
    // The reason is the citizen's to read, in the citizen's language.
    const locale = await cards.localeOf(no);
    return { type: "not_accept", reason: reason.text[locale], channel: reason.channel };
  }

  async function extendCommand(args: string, actor: Actor): Promise<ExtendCommand> {
    const [, no, typed = ""] = /^(\S+)\s*([\s\S]*)$/u.exec(args.trim()) ?? [];
    if (no === undefined) return { usage: t.commandUsage.extend };
    const extension = extensionReply(undefined, typed, t);
    if ("request" in extension) return { no, result: await decide(no, extension.request, actor) };
    const days = extension.keep?.days;
    if (days === undefined) return { usage: t.commandUsage.extend };
    const refused = (text: string) => ({ no, result: { ok: false, text, final: true } }) as const;
    if (actor.kind !== "handler") return refused(t.answers.wrongRole);
    const card = await cards.unitCard(no);
    if (!card) return refused(t.answers.notFound(no));
    if (card.unitId !== actor.unitId) return refused(t.answers.notYourUnit);
    if (!isExtensionDays(days)) {
      return refused(t.answers.extensionDays(DEADLINE_RULES.maxExtensionDays));
    }
    return { no, ask: extension.retry, days };
  }

  return { decide, alreadyHandled, notAcceptFor, extendCommand };
}

/** The actions whose typed reply comes from a unit's handler (the others are the clerks'). */
export const HANDLER_REPLIES: readonly AwaitedReply["action"][] = [
  "answer",
  "extend",
  "return",
  "progress",
];

/**
 * What a typed reply to a question comes to: the request it asks for, or what to say when it
 * leaves out what the decision needs (no reason, no days, nothing at all) or asks the next
 * thing. Then the question stays open, with `keep` added to it: an extension's days that came
 * without its reason, so that the next text is taken as the reason; an answer's words, so that
 * the next text is taken as its promised day.
 */
export type TypedReply =
  | { readonly request: CaseRequest }
  | { readonly retry: string; readonly keep?: Pick<AwaitedReply, "days" | "answerText"> };

/** The question reads as a promised day: the answer's words are in, the day is not. */
export function asksPromise(question: Pick<AwaitedReply, "action" | "answerText">): boolean {
  return question.action === "answer" && question.answerText !== undefined;
}

type Question = Pick<
  AwaitedReply,
  "action" | "trackingNo" | "outcome" | "photoIds" | "days" | "answerText"
>;

/**
 * The typed reply `text` to `question` at `now` (an extension takes the days, then the reason:
 * "15 需要现场勘查"; once its days are kept, the whole text is the reason; an answer takes its
 * words, then its promised day or "不需要").
 */
export function typedReply(question: Question, text: string, t: StaffTexts, now: Date): TypedReply {
  const { photoIds } = question;
  const words = text.trim();
  // A citizen's question: the channels take it before any staff reply.
  if (isCitizenQuestion(question.action)) return { retry: t.answers.invalid };
  if (question.action === "extend") return extensionReply(question.days, words, t);
  if (words === "") return { retry: t.ask.needed[question.action] };
  switch (question.action) {
    case "not_accept":
      return { request: { type: "not_accept", reason: words, channel: null } };
    case "merge":
      return { request: { type: "merge", intoTrackingNo: words.toUpperCase() } };
    case "answer":
      return answerReply(question, words, t, now);
    case "return":
      return { request: { type: "return", reason: words } };
    case "progress":
      return { request: { type: "report_progress", note: words, photoIds } };
  }
}

/**
 * The answer's words, kept while its promised day is asked; then the day (the domain checks its
 * range: answerPromise), "不需要" for none, or the question again for words that say no day.
 */
function answerReply(question: Question, words: string, t: StaffTexts, now: Date): TypedReply {
  const { answerText, trackingNo } = question;
  if (answerText === undefined) {
    return { retry: t.ask.promise(trackingNo), keep: { answerText: words } };
  }
  if (t.noPromiseWords.includes(words.toLowerCase().replace(/[。.!！]$/u, ""))) {
    return { request: answerRequest(question, answerText) };
  }
  const promisedBy = daySaid(words, now);
  if (promisedBy === null) return { retry: t.ask.promiseUnread(trackingNo) };
  return { request: answerRequest(question, answerText, promisedBy) };
}

function answerRequest(question: Question, text: string, promisedBy?: LocalDate): CaseRequest {
  const outcome = question.outcome ?? "explain";
  return { type: "answer", outcome, text, photoIds: question.photoIds, promisedBy };
}

/** The answer of `question` without a promised day (Telegram's 不需要 button); null when none is asked. */
export function answerWithoutPromise(question: Question): CaseRequest | null {
  return asksPromise(question) ? answerRequest(question, question.answerText!) : null;
}

function extensionReply(keptDays: number | undefined, words: string, t: StaffTexts): TypedReply {
  if (keptDays !== undefined) {
    return words === ""
      ? { retry: t.ask.extendReason(keptDays), keep: { days: keptDays } }
      : { request: { type: "extend", days: keptDays, reason: words } };
  }
  const match = /^(\d{1,3})\s*[天日]?\s*[,，:：]?\s*([\s\S]*)$/u.exec(words);
  if (!match) return { retry: t.ask.extendFormat };
  const days = Number(match[1]);
  const reason = match[2]!.trim();
  return reason === ""
    ? { retry: t.ask.extendReason(days), keep: { days } }
    : { request: { type: "extend", days, reason } };
}

/** The questions a photo may go with: the words of an answer or a progress report. */
export const PHOTO_REPLIES: readonly AwaitedReply["action"][] = ["answer", "progress"];

/** An outcome written as its code (the Telegram command also takes the Chinese words). */
export function outcomeCode(word: string): AnswerOutcome | undefined {
  return ANSWER_OUTCOMES.find((outcome) => outcome === word);
}
