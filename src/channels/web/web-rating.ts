/**
 * The citizen's rating of an answer in the web chat: the buttons under the
 * answer notice (已解决 / 未解决, then 满意 / 基本满意 / 不满意), the reason
 * typed after a negative rating, and the review request. The buttons carry
 * the same `k:` data as Telegram's, so a press never reaches the intake
 * engine; every decision goes through caseActions as the session's citizen.
 */
import type { CaseActions, CaseRequest } from "../../cases/case-actions.ts";
import type { CitizenRatings } from "../../cases/citizen-decisions.ts";
import type { Actor } from "../../domain/lifecycle/actor.ts";
import { REASON_WINDOW_MS } from "../../domain/intake/rating-words.ts";
import type { OutgoingMessage } from "../../domain/intake/replies.ts";
import { isAppError } from "../../errors.ts";
import type { Logger } from "../../logging/logger.ts";
import type { NotificationLocale } from "../../notifications/outbox-payload.ts";
import { ratingTexts, type RatingTexts } from "../../notifications/rating-messages.ts";
import type { AwaitedReplies, AwaitedReply } from "../../storage/awaited-replies.ts";
import { isCitizenCallback, isStaffCallback, parseCallbackData } from "../callback-data.ts";
import { giveRating, ratingMessages, reviewOfferOf, type GiveRatingDeps } from "../give-rating.ts";
import { satisfactionKeyboard, withButtons } from "../rating-buttons.ts";
import {
  asksTheConversation,
  isRatingQuestion,
  ratingQuestionAgain,
  keptWords,
  satisfactionAwaited,
  solvedTapRefusal,
  satisfactionReply,
  wordsKept,
  type GivenRating,
} from "../satisfaction-words.ts";
import { photoAtRatingQuestion } from "../rating-photos.ts";

export interface WebRatingDeps {
  readonly actions: CaseActions;
  /** Whether a case's answer may be rated now, read at the 已解决 / 未解决 tap. */
  readonly ratings: Pick<
    CitizenRatings,
    "ratingOpenness" | "recordPhotos" | "recordReason" | "reviewOffer"
  >;
  readonly awaited: AwaitedReplies;
  /** Records a citizen's reason for 未解决 / 不满意 (see rating-reasons.ts). */
  readonly recordRatingReason: (trackingNo: string, reason: string) => Promise<boolean>;
  readonly clock: { now(): Date };
  readonly logger: Logger;
  /** How long the chat waits for a typed reason. Default 1 hour. */
  readonly reasonWindowMs?: number;
}

/** What a rating press or a typed reason adds to the chat. */
export interface WebRatingTurn {
  /** The citizen's own bubble: the pressed button's label, or the typed reason. */
  readonly citizen: { readonly type: "choice"; readonly label: string } | null;
  readonly replies: readonly OutgoingMessage[];
  /** True when typed words were kept as what the citizen thinks of the answer (a reason). */
  readonly wordsKept?: boolean;
  /**
   * True when the words asked a question of the service: the conversation answers them, and
   * `replies` (the rating question asked again) follow its answer.
   */
  readonly askedTheService?: boolean;
}

export interface WebRating {
  /** True for a choice id that is a rating or review button. */
  isRatingChoice(id: string): boolean;
  /** Handles a rating or review button of the session's citizen. */
  press(sessionKey: string, choiceId: string, locale: NotificationLocale): Promise<WebRatingTurn>;
  /** Where the session's typed reason is awaited (the chat's turn reads it with the dialogue). */
  reasonAwaitedIn(sessionKey: string): { readonly chatId: string; readonly userId: string };
  /**
   * Takes the text as the reason asked for after a negative rating, when `awaited` (the
   * session's awaited reply, read at reasonAwaitedIn) asks for one; null otherwise (the text
   * goes to the conversation).
   */
  reason(
    sessionKey: string,
    text: string,
    awaited: AwaitedReply | null,
    locale: NotificationLocale,
  ): Promise<WebRatingTurn | null>;
  /**
   * Keeps the uploaded photo where `awaited` asks the satisfaction or the reason (see
   * rating-photos.ts); null otherwise (the photo goes to the conversation).
   */
  photo(
    sessionKey: string,
    uploadId: string,
    awaited: AwaitedReply | null,
    locale: NotificationLocale,
  ): Promise<WebRatingTurn | null>;
}

/** The chat's key of a web session in the awaited replies (never a Telegram chat id). */
const awaitedChat = (sessionKey: string) => `web:${sessionKey}`;

export function createWebRating(deps: WebRatingDeps): WebRating {
  const reasonWindowMs = deps.reasonWindowMs ?? REASON_WINDOW_MS;
  /** When a question asked of the citizen now goes stale. */
  const inReasonWindow = () => new Date(deps.clock.now().getTime() + reasonWindowMs);

  /** The rating question still awaited, or none. */
  async function keepAwaited(sessionKey: string, awaited: AwaitedReply | null): Promise<void> {
    if (awaited) await deps.awaited.put(awaitedChat(sessionKey), sessionKey, awaited);
    else await deps.awaited.clear(awaitedChat(sessionKey), sessionKey);
  }

  /**
   * Applies the request; null when done, else whether the case's rules refused it (`final`,
   * with the rule that did) or it failed and may be tried again.
   */
  async function apply(
    no: string,
    request: CaseRequest,
    actor: Actor,
  ): Promise<{ readonly final: boolean; readonly rule?: string | undefined } | null> {
    const log = deps.logger.child({ caseNo: no, actorKind: actor.kind });
    try {
      await deps.actions.act(no, request, actor);
      log.info({ request: request.type }, "citizen decision applied");
      return null;
    } catch (error) {
      // An illegal transition is a second rating or a review out of time: expected, told plainly.
      if (
        isAppError(error, "case.illegal_transition") ||
        isAppError(error, "case.already_decided") ||
        isAppError(error, "storage.conflict")
      ) {
        log.warn({ request: request.type, code: error.code }, "citizen decision refused");
        return { final: true, rule: error.userMessageKey };
      }
      if (isAppError(error, "case.not_found")) {
        // A press of a button from another session's page: not this citizen's case.
        log.warn({ request: request.type }, "citizen decision refused: not their case");
        return { final: false };
      }
      log.error({ err: error, request: request.type }, "citizen decision failed");
      return { final: false };
    }
  }

  /** What a rating of the session's citizen needs: applied as them, the questions in the session. */
  function ratingDeps(sessionKey: string): GiveRatingDeps {
    const actor = citizenActor(sessionKey);
    return {
      rate: ({ no, solved, satisfaction }) =>
        apply(no, { type: "rate", solved, satisfaction }, actor),
      ratings: deps.ratings,
      recordRatingReason: deps.recordRatingReason,
      clearSatisfaction: () => deps.awaited.clear(awaitedChat(sessionKey), sessionKey),
      awaitReason: (no) =>
        deps.awaited.put(awaitedChat(sessionKey), sessionKey, {
          action: "rating_reason",
          trackingNo: no,
          expiresAt: inReasonWindow().toISOString(),
        }),
      logger: deps.logger,
    };
  }

  /**
   * Rates the answer as the citizen's own session; then thanks, and after 未解决 or 不满意
   * the review offered and the reason asked — unless words kept for the rating are its reason.
   */
  async function rate(
    sessionKey: string,
    rating: GivenRating,
    r: RatingTexts,
  ): Promise<OutgoingMessage[]> {
    const answer = await giveRating(ratingDeps(sessionKey), `web:${sessionKey}`, rating, r);
    return ratingMessages(answer, "together");
  }

  /** Words typed where the satisfaction is asked: a rating in words, or kept for the rating. */
  async function satisfactionInText(
    sessionKey: string,
    text: string,
    awaited: AwaitedReply,
    r: RatingTexts,
  ): Promise<WebRatingTurn> {
    const no = awaited.trackingNo;
    const reply = satisfactionReply(awaited, text);
    if (reply.kind === "rate")
      return { citizen: null, replies: await rate(sessionKey, { no, ...reply }, r) };
    // On the case at once: never lost to a rating not tapped (see answer_commented).
    const actor = citizenActor(sessionKey);
    const refusal = await apply(no, { type: "comment_on_answer", text }, actor);
    const kept = wordsKept(awaited, text, refusal === null);
    await deps.awaited.put(awaitedChat(sessionKey), sessionKey, kept);
    deps.logger.info({ caseNo: no }, "words kept for the rating");
    const ask = refusal ? r.reasonKeptAskSatisfaction : r.wordsRecordedAskSatisfaction;
    return {
      citizen: null,
      wordsKept: true,
      replies: [withButtons(ask, satisfactionKeyboard(no, awaited.solved ?? false, r))],
    };
  }

  return {
    isRatingChoice: isStaffCallback,

    async press(sessionKey, choiceId, locale) {
      const r = ratingTexts(locale);
      const parsed = parseCallbackData(choiceId);
      if (!parsed || !isCitizenCallback(parsed)) {
        return { citizen: null, replies: [{ text: r.failed }] };
      }
      const no = parsed.no;
      const actor = citizenActor(sessionKey);
      switch (parsed.action) {
        case "sv": {
          const label = parsed.solved ? r.solved : r.unsolved;
          const openness = await deps.ratings.ratingOpenness(`web:${sessionKey}`, no);
          const refused = solvedTapRefusal(openness, r);
          if (refused !== null) {
            deps.logger.warn({ caseNo: no, openness }, "rating tap refused");
            return { citizen: { type: "choice", label }, replies: [{ text: refused }] };
          }
          await deps.awaited.put(
            awaitedChat(sessionKey),
            sessionKey,
            satisfactionAwaited(no, parsed.solved, inReasonWindow()),
          );
          return {
            citizen: { type: "choice", label },
            replies: [
              withButtons(
                r.askSatisfaction(parsed.solved),
                satisfactionKeyboard(no, parsed.solved, r),
              ),
            ],
          };
        }
        case "sf": {
          const awaited = await deps.awaited.peek(
            awaitedChat(sessionKey),
            sessionKey,
            deps.clock.now(),
          );
          return {
            citizen: { type: "choice", label: r.satisfaction[parsed.satisfaction] },
            replies: await rate(sessionKey, { ...parsed, ...keptWords(awaited, no) }, r),
          };
        }
        case "rv": {
          // The button pressed said the review the case's rules offered: 复查, or 复核.
          const offer = await deps.ratings.reviewOffer(actor.id, no);
          if (offer === null) return { citizen: null, replies: [{ text: r.cannotReview }] };
          const refusal = await apply(no, { type: "request_review" }, actor);
          const refused = refusal?.final ? r.cannotReview : r.failed;
          return {
            citizen: { type: "choice", label: r.reviewButton[offer.stage] },
            replies: refusal ? [{ text: refused }] : [],
          };
        }
      }
    },

    async photo(sessionKey, uploadId, awaited, locale) {
      if (!isRatingQuestion(awaited)) return null;
      const actor = citizenActor(sessionKey);
      const commentOnAnswer = async (
        no: string,
        text: string | null,
        photoIds: readonly string[],
      ) =>
        (await apply(no, { type: "comment_on_answer", text, photoIds: [...photoIds] }, actor)) ===
        null;
      const reply = await photoAtRatingQuestion(
        {
          ...ratingDeps(sessionKey),
          ratings: deps.ratings,
          commentOnAnswer,
          keepQuestion: (question) => keepAwaited(sessionKey, question),
        },
        actor.id,
        awaited,
        { id: uploadId, words: null },
        ratingTexts(locale),
      );
      const replies =
        reply.kind === "rated"
          ? ratingMessages(reply.answer, "together")
          : [withButtons(reply.text, reply.keyboard)];
      return { citizen: null, replies };
    },

    reasonAwaitedIn(sessionKey) {
      return { chatId: awaitedChat(sessionKey), userId: sessionKey };
    },

    async reason(sessionKey, text, awaited, locale) {
      if (isRatingQuestion(awaited) && asksTheConversation(text)) {
        const again = ratingQuestionAgain(awaited, ratingTexts(locale));
        return {
          citizen: null,
          askedTheService: true,
          replies: [withButtons(again.text, again.keyboard)],
        };
      }
      if (awaited?.action === "rating_satisfaction") {
        return satisfactionInText(sessionKey, text, awaited, ratingTexts(locale));
      }
      if (awaited?.action !== "rating_reason") return null;
      await deps.awaited.clear(awaitedChat(sessionKey), sessionKey);
      const no = awaited.trackingNo;
      await deps.recordRatingReason(no, text);
      deps.logger.info({ caseNo: no }, "rating reason recorded");
      const r = ratingTexts(locale);
      // The review button stays in reach after the reply, which would otherwise retire it.
      const offer = await deps.ratings.reviewOffer(`web:${sessionKey}`, no);
      const review = offer && reviewOfferOf(no, offer, r);
      return {
        citizen: null,
        wordsKept: true,
        replies: [
          { text: r.reasonThanks },
          ...(review ? [withButtons(review.text, review.keyboard)] : []),
        ],
      };
    },
  };
}

/** The session's citizen, as the case actions record who decided. */
function citizenActor(sessionKey: string): Actor {
  return { kind: "citizen", id: `web:${sessionKey}` };
}
