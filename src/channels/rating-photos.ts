/**
 * A photo a citizen sends where a rating question under an answer is open — in Telegram and in
 * the web chat alike. Where what was wrong is asked, it is evidence for the reason: kept with the
 * rating (and words sent with it are the reason). Where the satisfaction is asked, before any
 * rating, words sent with it that state a satisfaction ("不满意", "解决了") rate with it, as typed
 * ones would, the photo kept with that rating (see give-rating.ts); otherwise it is what the
 * citizen shows of the answer: recorded on the case at once as a comment on the answer
 * (`comment_on_answer` with photos, its words too), and the satisfaction asked again. Never
 * lost, never offered as a new complaint.
 */
import type { CitizenRatings } from "../cases/citizen-decisions.ts";
import type { RatingTexts } from "../notifications/rating-messages.ts";
import type { AwaitedReply } from "../storage/awaited-replies.ts";
import { giveRating, keptPhotos, type GiveRatingDeps, type RatingAnswer } from "./give-rating.ts";
import { satisfactionKeyboard, type Keyboard } from "./rating-buttons.ts";
import { satisfactionReply, wordsKept } from "./satisfaction-words.ts";

export interface RatingPhotoDeps extends GiveRatingDeps {
  readonly ratings: Pick<CitizenRatings, "recordPhotos" | "recordReason" | "reviewOffer">;
  /** Records a comment on the answer (words, photos or both) as the citizen; false if refused. */
  readonly commentOnAnswer: (
    trackingNo: string,
    text: string | null,
    photoIds: readonly string[],
  ) => Promise<boolean>;
  /** Keeps the rating question still asked after the photo; none (null) clears it. */
  readonly keepQuestion: (question: AwaitedReply | null) => Promise<void>;
}

/** What became of the photo: kept, and the rating question asked again or thanked; or rated. */
export type RatingPhotoReply =
  | { readonly kind: "kept"; readonly text: string; readonly keyboard: Keyboard | null }
  | { readonly kind: "rated"; readonly answer: RatingAnswer };

/**
 * Keeps photo `photoId` (the channel's file id) of `citizenRef`, sent with `words` (a caption,
 * or null) where `question` is open, keeps the question still asked after it (`keepQuestion`),
 * and says what became of it.
 */
export async function photoAtRatingQuestion(
  deps: RatingPhotoDeps,
  citizenRef: string,
  question: AwaitedReply,
  photo: { readonly id: string; readonly words: string | null },
  r: RatingTexts,
): Promise<RatingPhotoReply> {
  const no = question.trackingNo;
  if (question.action === "rating_satisfaction" && photo.words !== null) {
    const said = satisfactionReply(question, photo.words);
    if (said.kind === "rate") {
      const answer = await giveRating(deps, citizenRef, { no, ...said }, r, [photo.id]);
      return { kind: "rated", answer };
    }
  }
  const kept = await keptAtQuestion(deps, citizenRef, question, photo, r);
  await deps.keepQuestion(kept.awaited);
  return { kind: "kept", text: kept.text, keyboard: kept.keyboard };
}

/**
 * The photo recorded on the case (the satisfaction asked) or with the rating (the reason asked),
 * what to say, and the question still awaited after it (null: none).
 */
async function keptAtQuestion(
  deps: RatingPhotoDeps,
  citizenRef: string,
  question: AwaitedReply,
  photo: { readonly id: string; readonly words: string | null },
  r: RatingTexts,
): Promise<{
  readonly text: string;
  readonly keyboard: Keyboard | null;
  readonly awaited: AwaitedReply | null;
}> {
  const no = question.trackingNo;
  if (question.action === "rating_satisfaction") {
    const recorded = await deps.commentOnAnswer(no, photo.words, [photo.id]);
    deps.logger.info({ caseNo: no, recorded }, "photo kept at the rating question");
    const solved = question.solved ?? false;
    const said = recorded
      ? photo.words === null
        ? r.photoRecordedAskSatisfaction
        : r.wordsRecordedAskSatisfaction
      : `${r.failed}\n${r.askSatisfaction(solved)}`;
    return {
      text: said,
      keyboard: satisfactionKeyboard(no, solved, r),
      awaited: photo.words === null ? question : wordsKept(question, photo.words, recorded),
    };
  }
  // Logged once, with its count, as any photo kept with a rating.
  const photoSaid = await keptPhotos(deps, citizenRef, no, [photo.id], r);
  if (photo.words === null) {
    return { text: `${photoSaid}\n${r.askReason(no)}`, keyboard: null, awaited: question };
  }
  await deps.ratings.recordReason(citizenRef, no, photo.words);
  return { text: `${photoSaid}\n${r.reasonThanks}`, keyboard: null, awaited: null };
}
