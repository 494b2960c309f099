/**
 * A photo a citizen sends where a rating question under an answer is open — in Telegram and in
 * the web chat alike. Where what was wrong is asked, it is evidence for the reason: kept with the
 * rating (and words sent with it are the reason). Where the satisfaction is asked, before any
 * rating, it is what the citizen shows of the answer: recorded on the case at once as a comment
 * on the answer (`comment_on_answer` with photos), and the satisfaction asked again. Never lost,
 * never offered as a new complaint.
 */
import type { CitizenRatings } from "../cases/citizen-decisions.ts";
import type { RatingTexts } from "../notifications/rating-messages.ts";
import type { AwaitedReply } from "../storage/awaited-replies.ts";
import { satisfactionKeyboard, type Keyboard } from "./rating-buttons.ts";
import { wordsKept } from "./satisfaction-words.ts";

export interface RatingPhotoDeps {
  readonly ratings: Pick<CitizenRatings, "recordPhotos" | "recordReason">;
  /** Records a comment on the answer (words, photos or both) as the citizen; false if refused. */
  readonly commentOnAnswer: (
    trackingNo: string,
    text: string | null,
    photoIds: readonly string[],
  ) => Promise<boolean>;
}

/** The reply to the photo, and the rating question still awaited after it (null: none). */
export interface RatingPhotoReply {
  readonly text: string;
  /** The satisfaction buttons, when it is asked again. */
  readonly keyboard: Keyboard | null;
  readonly awaited: AwaitedReply | null;
}

/**
 * Keeps photo `photoId` (the channel's file id) of `citizenRef`, sent with `words` (a caption,
 * or null) where `question` is open, and says what became of it.
 */
export async function photoAtRatingQuestion(
  deps: RatingPhotoDeps,
  citizenRef: string,
  question: AwaitedReply,
  photo: { readonly id: string; readonly words: string | null },
  r: RatingTexts,
): Promise<RatingPhotoReply> {
  const no = question.trackingNo;
  if (question.action === "rating_satisfaction") {
    const recorded = await deps.commentOnAnswer(no, photo.words, [photo.id]);
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
  const kept = await deps.ratings.recordPhotos(citizenRef, no, [photo.id]);
  const photoSaid = kept > 0 ? r.photosKept(kept) : r.failed;
  if (photo.words === null) {
    return { text: `${photoSaid}\n${r.askReason(no)}`, keyboard: null, awaited: question };
  }
  await deps.ratings.recordReason(citizenRef, no, photo.words);
  return { text: `${photoSaid}\n${r.reasonThanks}`, keyboard: null, awaited: null };
}
