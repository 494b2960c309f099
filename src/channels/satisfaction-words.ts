/**
 * Words typed where a citizen, having tapped 已解决 / 未解决 under an answer, is asked 满意 /
 * 基本满意 / 不满意 — in Telegram and in the web chat alike. A satisfaction said in a few words
 * ("不满意", "还行") rates with it; any other words ("俺家一年收入才几千块，咋就超标了，他们根本
 * 没来俺家看过") are what the citizen thinks of the answer: recorded on the case at once by the
 * channel (`comment_on_answer`) — or, when that fails, kept to go with a rating tapped later as
 * its reason — and the question asked again: never lost, never stored twice, and offered for
 * filing too only when they read as a new matter (as a reason typed after a rating is).
 */
import type { RatingOpenness } from "../cases/citizen-decisions.ts";
import { parseCommand } from "../domain/intake/events.ts";
import { reasonInWords, satisfactionInWords } from "../domain/intake/rating-words.ts";
import { serviceQuestionIn } from "../domain/intake/service-questions.ts";
import { isStatusQuestion } from "../domain/intake/text-quality.ts";
import { withoutFillers } from "../domain/opening-words.ts";
import { t } from "../i18n/t.ts";
import type { Satisfaction } from "../domain/vocabulary.ts";
import type { RatingTexts } from "../notifications/rating-messages.ts";
import type { AwaitedReply } from "../storage/awaited-replies.ts";
import { satisfactionKeyboard, type Keyboard } from "./rating-buttons.ts";

/** A rating to give: the case, the citizen's two answers, and the words they said with it. */
export interface GivenRating {
  readonly no: string;
  readonly solved: boolean;
  readonly satisfaction: Satisfaction;
  /** Words to keep as the rating's reason: said with it, or kept when recording them failed. */
  readonly reason: string | null;
  /** Words about the answer already recorded on the case (answer_commented): they say what was wrong. */
  readonly wordsOnCase: boolean;
}

export type SatisfactionReply =
  /** Rate with the satisfaction said; `reason`: the words kept before and any said now. */
  | ({ readonly kind: "rate" } & Omit<GivenRating, "no">)
  /** Record the words on the case (then `wordsKept`) and ask the satisfaction again. */
  | { readonly kind: "keep" };

/** The satisfaction question awaited after a 已解决 / 未解决 tap, until `expiresAt`. */
export function satisfactionAwaited(
  trackingNo: string,
  solved: boolean,
  expiresAt: Date,
): AwaitedReply {
  return { action: "rating_satisfaction", trackingNo, solved, expiresAt: expiresAt.toISOString() };
}

/**
 * What follows a rating in every channel: after 未解决 or 不满意 a review is offered, and what
 * was wrong is asked unless words kept for the rating say it already.
 */
export function ratingFollowUp(rating: GivenRating): {
  readonly askReason: boolean;
  readonly offerReview: boolean;
} {
  const negative = !rating.solved || rating.satisfaction === "dissatisfied";
  return {
    askReason: negative && rating.reason === null && !rating.wordsOnCase,
    offerReview: negative,
  };
}

/**
 * What a refused rating tells the citizen: try again (`final` false), not now — a button of an
 * answer not given yet or under review (the case's transition rule refused it) — or rated before.
 */
export function ratingRefusal(
  refusal: { readonly final: boolean; readonly rule?: string | undefined },
  r: Pick<RatingTexts, "failed" | "alreadyRated" | "notRateableNow">,
): string {
  if (!refusal.final) return r.failed;
  return ratedBefore(refusal) ? r.alreadyRated : r.notRateableNow;
}

/** True when a rating was refused because the answer is rated already: that rating stands. */
export function ratedBefore(refusal: {
  readonly final: boolean;
  readonly rule?: string | undefined;
}): boolean {
  return refusal.final && refusal.rule !== "case.illegal_transition";
}

/**
 * What a 已解决 / 未解决 tap says when the answer may not be rated now (a stale or forged
 * button): refused at once, as the satisfaction tap would be, nothing asked nor kept; null when
 * it may be rated.
 */
export function solvedTapRefusal(
  openness: RatingOpenness,
  r: Pick<RatingTexts, "failed" | "alreadyRated" | "notRateableNow">,
): string | null {
  switch (openness) {
    case "open":
      return null;
    case "rated":
      return r.alreadyRated;
    case "no_answer":
      return r.notRateableNow;
    case "not_theirs":
      return r.failed;
  }
}

/** The commands that show the citizen's cases (/status, /mycases, /cases). */
const STATUS_COMMANDS: readonly string[] = ["status", "mycases", "cases"];

/** The menu's button to the citizen's cases, in every language. */
const MENU_CASES_LABELS: readonly string[] = [t("zh", "menuCases"), t("en", "menuCases")];

/**
 * A question for the conversation said where a rating question is open: of the service, alone
 * ("不满意怎么办", "还能再反映吗", "要花钱吗"), or after the citizen's cases ("我的事办得怎么样了",
 * /status, the menu's "查看我反映过的事" typed or sent by a keyboard). Answered by the
 * conversation as anywhere, never kept as the rating's reason nor recorded as a comment; the
 * rating question stays open and is asked again.
 */
export function asksTheConversation(text: string): boolean {
  const command = parseCommand(text);
  if (command) return STATUS_COMMANDS.includes(command.name);
  const meant = withoutFillers(text);
  return (
    serviceQuestionIn(meant)?.alone === true ||
    isStatusQuestion(meant) ||
    MENU_CASES_LABELS.includes(text.trim())
  );
}

/** True where a rating question under an answer is open: the satisfaction, or what was wrong. */
export function isRatingQuestion(question: AwaitedReply | null): question is AwaitedReply {
  return question?.action === "rating_satisfaction" || question?.action === "rating_reason";
}

/**
 * The open rating question asked again as it was: the satisfaction with its buttons, or what was
 * wrong (`keyboard` null: the channel asks for a reply its own way).
 */
export function ratingQuestionAgain(
  question: AwaitedReply,
  r: RatingTexts,
): { readonly text: string; readonly keyboard: Keyboard | null } {
  const no = question.trackingNo;
  if (question.action !== "rating_satisfaction") return { text: r.askReason(no), keyboard: null };
  const solved = question.solved ?? false;
  return { text: r.askSatisfaction(solved), keyboard: satisfactionKeyboard(no, solved, r) };
}

/** What the text typed where the satisfaction is asked (`awaited`) does. */
export function satisfactionReply(awaited: AwaitedReply, text: string): SatisfactionReply {
  const satisfaction = satisfactionInWords(text);
  if (satisfaction === null) return { kind: "keep" };
  const said = reasonInWords(text);
  const reason = said === null ? (awaited.reason ?? null) : joined(awaited.reason, said);
  const wordsOnCase = awaited.commented === true;
  return { kind: "rate", solved: awaited.solved ?? false, satisfaction, reason, wordsOnCase };
}

/**
 * The satisfaction question after words typed there: marked as having words on the case when
 * they were recorded, else holding them to go with the rating as its reason.
 */
export function wordsKept(awaited: AwaitedReply, text: string, recorded: boolean): AwaitedReply {
  return recorded
    ? { ...awaited, commented: true }
    : { ...awaited, reason: joined(awaited.reason, text) };
}

/** What the words typed where the satisfaction of `trackingNo` was asked give a tapped rating. */
export function keptWords(
  awaited: AwaitedReply | null,
  trackingNo: string,
): Pick<GivenRating, "reason" | "wordsOnCase"> {
  return awaited?.action === "rating_satisfaction" && awaited.trackingNo === trackingNo
    ? { reason: awaited.reason ?? null, wordsOnCase: awaited.commented === true }
    : { reason: null, wordsOnCase: false };
}

/** A rating's reason is kept to this many characters (as rating-reasons.ts stores it). */
const MAX_REASON_LENGTH = 2000;

function joined(before: string | undefined, text: string): string {
  return (before === undefined ? text : `${before}\n${text}`).slice(0, MAX_REASON_LENGTH);
}
