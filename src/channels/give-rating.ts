/**
 * A citizen's rating of an answer given in Telegram or in the web chat — a tapped 满意 / 基本满意
 * / 不满意, a satisfaction said in words, or in a photo's caption — applied, and what follows it
 * in both channels alike: the words kept for it recorded as its reason, a photo sent with it kept
 * with it, and after 未解决 or 不满意 the reason asked (unless words kept say it) and a review
 * offered. Each channel only renders and sends the answer.
 */
import type { CitizenRatings } from "../cases/citizen-decisions.ts";
import type { Logger } from "../logging/logger.ts";
import type { RatingTexts } from "../notifications/rating-messages.ts";
import type { OutgoingMessage } from "../domain/intake/replies.ts";
import type { ReviewOffer } from "../domain/lifecycle/citizen-options.ts";
import { reviewKeyboard, withButtons, type Keyboard } from "./rating-buttons.ts";
import {
  ratedBefore,
  ratingFollowUp,
  ratingRefusal,
  type GivenRating,
} from "./satisfaction-words.ts";

/** Why the case's rules refused a request (`final`, with the rule), or that it may be tried again. */
export interface Refusal {
  readonly final: boolean;
  readonly rule?: string | undefined;
}

export interface GiveRatingDeps {
  /** Applies the rating as the citizen: null when done, else why not. */
  readonly rate: (rating: GivenRating) => Promise<Refusal | null>;
  readonly ratings: Pick<CitizenRatings, "recordPhotos" | "reviewOffer">;
  /** Records a citizen's reason for 未解决 / 不满意 (see rating-reasons.ts). */
  readonly recordRatingReason: (trackingNo: string, reason: string) => Promise<boolean>;
  /** The satisfaction question no longer asked: answered now, or rated before. */
  readonly clearSatisfaction: () => Promise<void>;
  /** Awaits the citizen's reason for the rating of `trackingNo`, asked now. */
  readonly awaitReason: (trackingNo: string) => Promise<void>;
  readonly logger: Logger;
}

export type RatingAnswer =
  /** Not rated: `text` says why; `final` when the answer is rated already or not to be rated now. */
  | { readonly kind: "refused"; readonly final: boolean; readonly text: string }
  | {
      readonly kind: "rated";
      /** The thanks, what became of the words and photos kept, and the reason asked, if it is. */
      readonly lines: readonly string[];
      /** True when the last line asks for the reason (a typed reply awaited). */
      readonly asksReason: boolean;
      /**
       * The review offered after 未解决 or 不满意 (复查, or 复核 after the 复查 opinion, as the
       * case's rules say), with its button; null otherwise, or when none may be asked for.
       */
      readonly review: { readonly text: string; readonly keyboard: Keyboard } | null;
    };

/**
 * Gives `rating` as `citizenRef`, with `photoIds` (sent with it) kept with it once it is given,
 * and says what follows. Refused because the answer was rated before, that rating stands and
 * the photos are kept with it (the citizen told both).
 */
export async function giveRating(
  deps: GiveRatingDeps,
  citizenRef: string,
  rating: GivenRating,
  r: RatingTexts,
  photoIds: readonly string[] = [],
): Promise<RatingAnswer> {
  const { no, reason } = rating;
  const refusal = await deps.rate(rating);
  if (refusal) {
    // Rated before (in words, on the status page): the satisfaction is no longer asked.
    if (refusal.final) await deps.clearSatisfaction();
    if (ratedBefore(refusal) && photoIds.length > 0) {
      // The earlier rating stands, and the photos go with it, as photos sent after it do.
      const photos = await keptPhotos(deps, citizenRef, no, photoIds, r);
      return { kind: "refused", final: true, text: `${r.earlierRatingStands}\n${photos}` };
    }
    return { kind: "refused", final: refusal.final, text: ratingRefusal(refusal, r) };
  }
  await deps.clearSatisfaction();
  if (reason !== null) {
    await deps.recordRatingReason(no, reason);
    deps.logger.info({ caseNo: no }, "rating reason recorded");
  }
  const photos = photoIds.length === 0 ? [] : [await keptPhotos(deps, citizenRef, no, photoIds, r)];
  const { askReason, offerReview } = ratingFollowUp(rating);
  const wordsTaken = reason !== null || rating.wordsOnCase;
  if (askReason) await deps.awaitReason(no);
  const review = offerReview ? await deps.ratings.reviewOffer(citizenRef, no) : null;
  return {
    kind: "rated",
    lines: [
      r.thanks(no),
      ...photos,
      ...(wordsTaken ? [r.reasonTaken] : []),
      ...(askReason ? [r.askReason(no)] : []),
    ],
    asksReason: askReason,
    review: review && reviewOfferOf(no, review, r),
  };
}

/** The review offered with its button: 申请复查, or 申请复核 after the 复查 opinion. */
export function reviewOfferOf(
  no: string,
  offer: ReviewOffer,
  r: RatingTexts,
): { readonly text: string; readonly keyboard: Keyboard } {
  return { text: r.offerReview(no, offer), keyboard: reviewKeyboard(no, offer.stage, r) };
}

/**
 * The answer as chat messages: its lines each a message of its own (`apart`) or one message,
 * then the review offered with its button.
 */
export function ratingMessages(
  answer: RatingAnswer,
  lines: "apart" | "together",
): OutgoingMessage[] {
  if (answer.kind === "refused") return [{ text: answer.text }];
  const said =
    lines === "apart"
      ? answer.lines.map((text) => ({ text }))
      : [{ text: answer.lines.join("\n") }];
  return answer.review ? [...said, withButtons(answer.review.text, answer.review.keyboard)] : said;
}

/** Keeps the photos with the rating just given (or being asked about); says how many were kept. */
export async function keptPhotos(
  deps: Pick<GiveRatingDeps, "ratings" | "logger">,
  citizenRef: string,
  no: string,
  photoIds: readonly string[],
  r: RatingTexts,
): Promise<string> {
  const kept = await deps.ratings.recordPhotos(citizenRef, no, photoIds);
  deps.logger.info({ caseNo: no, photos: kept }, "photos kept with the rating");
  return kept > 0 ? r.photosKept(kept) : r.failed;
}
