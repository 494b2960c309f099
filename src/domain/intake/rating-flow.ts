/**
 * Words about an answer: a rating in words (asked for a yes), the reason after a negative one,
 * the problem back ("路灯又坏了": not solved, or a new matter?), and the review button.
 */
import { t } from "../../i18n/t.ts";
import { globalChoice } from "./choice-id.ts";
import {
  REASON_WINDOW_MS,
  isRecurrence,
  isThanksAlone,
  ratingInStory,
  ratingInWords,
  reasonInWords,
} from "./rating-words.ts";
import type { AnswerRating, ReviewRequest } from "./ports.ts";
import type { ChoiceButton } from "./replies.ts";
import { menuButtons } from "./prompts.ts";
import { NO_WORDS, YES_WORDS, type Confirmation } from "./confirmation.ts";
import type { DialogueState, Pending } from "./state.ts";
import { checkDescription, isStatusQuestion, trackingNoAsked } from "./text-quality.ts";
import { answerStatusQuestion } from "./case-list.ts";
import { serviceQuestionIn } from "./service-questions.ts";
import { citizenCase, newestOf } from "./citizen-cases.ts";
import { acceptDescription } from "./description-step.ts";
import { startDraft } from "./draft-lifecycle.ts";
import { offerNewMatter, readsAsNewMatter } from "./new-matter.ts";
import { answerServiceQuestion } from "./questions.ts";
import type { Turn } from "./turn.ts";

/**
 * Words about the answer to the citizen's latest answered case: a clear rating in them
 * ("修好了，谢谢", "还是没修") is offered for a yes while the answer may be rated; other
 * words are pointed to the rating buttons, or once it was rated told so (with the review's
 * button while one may be asked for), and thanks alone are then just thanks (false). Words that
 * the problem is back ("路灯又坏了") may as well be a new matter: the citizen is asked which
 * while the answer may be rated, and they are taken as a new matter (false: not answered here)
 * when it may not.
 */
export async function answerFeedback(
  turn: Turn,
  trackingNo: string,
  text: string,
): Promise<boolean> {
  const rating = ratingInWords(text);
  const rateable = await mayRate(turn, trackingNo);
  // "谢谢" once the answer was rated: thanks, answered as thanks (false: not answered here).
  if (!rateable && isThanksAlone(text)) return false;
  if (isRecurrence(text)) {
    if (rating === null || !rateable) return false;
    turn.s.pending = { kind: "again", trackingNo, text };
    turn.reask();
    return true;
  }
  if (rating && rateable) {
    offerRating(turn, trackingNo, rating, reasonInWords(text));
    return true;
  }
  if (!rateable) return feedbackAfterRating(turn, trackingNo);
  // A consultation's answer is no 处理意见 to review: the review is not mentioned for it.
  const answered = (await turn.citizenCases())?.find((c) => c.trackingNo === trackingNo);
  const consultation = answered?.requestKind === "consultation";
  turn.say({
    text: turn.tr("feedbackOnAnswer", { trackingNo, consultation }),
    choices: menuButtons(turn.locale),
  });
  return true;
}

/**
 * Words about an answer that was rated already ("很满意", "还是没修好"): the rating is not asked
 * again; a review that may still be asked for is offered with its button, as after a rating.
 */
async function feedbackAfterRating(turn: Turn, trackingNo: string): Promise<true> {
  turn.say({ text: turn.tr("feedbackAfterRating", { trackingNo }) });
  const review = await openReview(turn, trackingNo);
  turn.say(
    review
      ? {
          text: turn.tr("reviewOffer", { trackingNo, review }),
          choices: [[reviewButton(turn, trackingNo, review)], ...menuButtons(turn.locale)],
        }
      : { text: turn.tr("idleHint"), choices: menuButtons(turn.locale) },
  );
  return true;
}

/**
 * A few sentences about the citizen's latest answered case that say how it went ("钱还没到手呢，
 * 说是10号给，谁知道给不给", "修好了，师傅人很好，谢谢你们"): offered as the rating, the words kept
 * with it (a negative one's reason, a positive one's remark), while the answer may be rated — unless they read as a new matter (a danger, a place, another kind of
 * matter), which is offered for filing as before (false: not answered here).
 */
export async function storyAboutAnswer(turn: Turn, text: string): Promise<boolean> {
  const rating = ratingInStory(text);
  if (rating === null) return false;
  const trackingNo = await latestAnsweredCase(turn);
  if (trackingNo === null || !(await mayRate(turn, trackingNo))) return false;
  const about = { citizenRef: turn.s.citizenRef, trackingNo };
  if (await readsAsNewMatter(turn.deps, text, about)) return false;
  offerRating(turn, trackingNo, rating, text);
  return true;
}

/**
 * "还没给钱呢，等20号再说吧": the citizen waits to see what the answer promised before rating it.
 * Nothing is stored; they are told how to rate it once they know. False without an answer open
 * to rating, where the words are read as any others.
 */
export async function waitToRate(turn: Turn): Promise<boolean> {
  const trackingNo = await latestAnsweredCase(turn);
  if (trackingNo === null || !(await mayRate(turn, trackingNo))) return false;
  turn.s.pending = null;
  turn.say({ text: turn.tr("ratingLater", { trackingNo }) });
  return true;
}

/**
 * "要把诉求 … 的答复评为「…」吗？", with the words that say more than the rating kept for it (what
 * was wrong, or what was good).
 */
function offerRating(
  turn: Turn,
  trackingNo: string,
  rating: AnswerRating,
  reason: string | null,
): void {
  turn.s.pending = { kind: "rate", trackingNo, ...rating, ...(reason && { reason }) };
  turn.reask();
}

/**
 * "是编号 … 那件事没解决，还是要反映一件新的事？" — both answers are buttons, and the words of
 * each typed count: 没解决 / 那件事 for the old one, 新的 / 新问题 for a new matter.
 */
export function againConfirmation(state: DialogueState, trackingNo: string): Confirmation {
  const locale = state.locale;
  const yes = { id: globalChoice("again", "old"), words: AGAIN_OLD_WORDS };
  const no = { id: globalChoice("again", "new"), words: AGAIN_NEW_WORDS };
  return {
    message: {
      text: t(locale, "againAsk", { trackingNo }),
      choices: [
        [{ id: yes.id, label: t(locale, "againOld", { trackingNo }) }],
        [{ id: no.id, label: t(locale, "againNew") }],
      ],
    },
    yes,
    no,
  };
}

const AGAIN_OLD_WORDS: readonly string[] = [
  "没解决",
  "那件事",
  "是那件事",
  "原来那件",
  "上次那件",
  "同一件",
  "老问题",
  "same",
  "the same",
  "not solved",
];
const AGAIN_NEW_WORDS: readonly string[] = [
  "新的",
  "新的事",
  "新问题",
  "反映新问题",
  "新的问题",
  "是新的",
  "new",
  "a new one",
];

/** "That one is not solved": the rating the words give is offered for a yes, as typed ratings are. */
export function rateRecurrence(turn: Turn, again: Extract<Pending, { kind: "again" }>): void {
  const rating = ratingInWords(again.text) ?? { solved: false, satisfaction: "dissatisfied" };
  const reason = reasonInWords(again.text);
  turn.s.pending = {
    kind: "rate",
    trackingNo: again.trackingNo,
    ...rating,
    ...(reason && { reason }),
    // The photos sent with the words go with the rating, as evidence.
    ...(again.photos && { photos: again.photos }),
  };
  turn.reask();
}

/**
 * "A new matter": the words start a draft (asked for more when too few to describe it), with
 * the photos sent with them.
 */
export async function fileRecurrence(
  turn: Turn,
  { text, photos }: Extract<Pending, { kind: "again" }>,
): Promise<void> {
  const draft = startDraft(turn);
  draft.photos = [...(photos ?? [])];
  const check = checkDescription(text, turn.deps.withoutInstructions);
  if (check.ok) return acceptDescription(turn, check.text, null);
  turn.ask("description");
}

/** Whether the answer may be rated now; false when it cannot be told (the buttons are pointed to). */
async function mayRate(turn: Turn, trackingNo: string): Promise<boolean> {
  try {
    return await turn.deps.ratings.mayRate(turn.s.citizenRef, trackingNo);
  } catch (error) {
    turn.deps.problems.ratingFailed?.(error);
    return false;
  }
}

/**
 * True for words that give the very rating offered, and nothing more ("挺满意的" to 「已解决，
 * 满意」): its yes.
 */
function repeatsOfferedRating(text: string, offered: Extract<Pending, { kind: "rate" }>): boolean {
  const said = ratingInWords(text);
  return (
    said?.solved === offered.solved &&
    said.satisfaction === offered.satisfaction &&
    reasonInWords(text) === null
  );
}

/** "Rate the answer to … as 已解决，满意?": yes stores it as the buttons would. */
export function rateConfirmation(
  state: DialogueState,
  rating: Extract<Pending, { kind: "rate" }>,
): Confirmation {
  const locale = state.locale;
  const yes = {
    id: globalChoice("rate", "yes"),
    words: YES_WORDS,
    reads: (text: string) => repeatsOfferedRating(text, rating),
  };
  const no = { id: globalChoice("rate", "no"), words: NO_WORDS };
  return {
    message: {
      text: t(locale, "rateOffer", rating),
      choices: [
        [
          { id: yes.id, label: t(locale, "rateYes") },
          { id: no.id, label: t(locale, "rateNo") },
        ],
      ],
    },
    yes,
    no,
  };
}

/**
 * Stores the rating through the case's rules (once per answer, while answered or closed), with
 * the words that gave it when they say more than a rating; a negative one (未解决 or 不满意) is
 * followed, as under the answer, by the offer of a review and — unless its words said it — the
 * question what was wrong.
 */
export async function rateAnswer(
  turn: Turn,
  rating: Extract<Pending, { kind: "rate" }>,
): Promise<void> {
  const { s } = turn;
  const { trackingNo, solved, satisfaction } = rating;
  let decision;
  try {
    decision = await turn.deps.ratings.rate(s.citizenRef, trackingNo, { solved, satisfaction });
  } catch (error) {
    turn.deps.problems.ratingFailed?.(error);
    turn.say({ text: turn.tr("rateFailed") });
    return turn.reask();
  }
  s.pending = null;
  if (decision === "refused") {
    if (rating.photos?.length) turn.say({ text: turn.tr("photoNotKept") });
    turn.say({ text: turn.tr("rateRefused", { trackingNo }), choices: menuButtons(turn.locale) });
    return;
  }
  const negative = !solved || satisfaction === "dissatisfied";
  if (!negative) {
    turn.say({
      text: turn.tr("rated", { trackingNo, review: null }),
      choices: menuButtons(turn.locale),
    });
    await keepRatingPhotos(turn, trackingNo, rating.photos ?? []);
    // "师傅人很好" is kept as the rating's remark, where staff read a negative one's reason.
    if (rating.reason !== undefined && (await keptReason(turn, trackingNo, rating.reason))) {
      turn.say({ text: turn.tr("ratingReasonTaken") });
    }
    return;
  }
  // 复查 after the first answer, 复核 after the 复查 opinion, none after 复核: the case's rules.
  const review = await openReview(turn, trackingNo);
  turn.say({
    text: turn.tr("rated", { trackingNo, review }),
    choices: review ? [[reviewButton(turn, trackingNo, review)]] : menuButtons(turn.locale),
  });
  await keepRatingPhotos(turn, trackingNo, rating.photos ?? []);
  if (rating.reason !== undefined && (await keptReason(turn, trackingNo, rating.reason))) {
    turn.say({ text: turn.tr("ratingReasonTaken") });
    return;
  }
  s.pending = { kind: "reason", trackingNo, askedAt: turn.now.toISOString() };
  turn.reask();
}

/**
 * The words that rated the answer kept with it: a negative rating's reason ("少给了俺两千块"), a
 * positive one's remark ("师傅人很好"); false when they could not be (the failure told to the
 * problems port), and after a negative rating the question is asked instead.
 */
async function keptReason(turn: Turn, trackingNo: string, reason: string): Promise<boolean> {
  try {
    await turn.deps.ratings.recordReason(turn.s.citizenRef, trackingNo, reason);
    return true;
  } catch (error) {
    turn.deps.problems.ratingFailed?.(error);
    return false;
  }
}

/**
 * The words after "what was not solved?" kept as the rating's reason, as the reply to the
 * buttons' question is; words after the window has passed are read afresh.
 *
 * Words that read as a new matter ("我家楼下的下水道堵了，臭得很，在川汇区人民路") are kept as the
 * reason too, and offered for filing beside it (the offer of words typed outside a draft). Why
 * both, not one: an elderly citizen answers the question they were asked, or goes on to what
 * troubles them now, and neither may cost them their words. Kept as the reason, nothing said
 * about the answer is lost; offered for filing, a new matter is one tap from a draft with these
 * words, never retyped. A wrong guess costs one tap of 不用了, while taking the words away from
 * the reason, or filing them unasked, could not be undone by the citizen.
 *
 * `text` is kept as the reason as written; `meant` (without the caller's fillers) is read for a
 * question instead of a reason.
 */
export async function answerReason(
  turn: Turn,
  asked: Extract<Pending, { kind: "reason" }>,
  text: string,
  meant: string,
): Promise<void> {
  const { s } = turn;
  s.pending = null;
  if (!reasonStillAsked(turn, asked)) return turn.onText(text);
  // "我的事办得怎么样了" looks at the cases, tells no reason: answered, the reason asked again.
  const trackingNo = trackingNoAsked(meant, turn.deps.directory.trackingPrefix);
  if (isStatusQuestion(meant) || trackingNo) {
    s.pending = asked;
    return answerStatusQuestion(turn, trackingNo);
  }
  // "不满意怎么办" asks the service, tells no reason: answered, and the reason asked again.
  const question = serviceQuestionIn(meant);
  if (question?.alone) {
    s.pending = asked;
    return answerServiceQuestion(turn, question);
  }
  try {
    await turn.deps.ratings.recordReason(s.citizenRef, asked.trackingNo, text);
  } catch (error) {
    turn.deps.problems.ratingFailed?.(error);
    s.pending = asked;
    turn.say({ text: turn.tr("ratingReasonFailed") });
    return;
  }
  // A photo under the reason ("还是没修" and the dark lamp) is kept with it, as evidence.
  const photos = turn.captionedPhoto === null ? [] : [turn.captionedPhoto];
  turn.captionedPhoto = null;
  await keepRatingPhotos(turn, asked.trackingNo, photos);
  if (
    await readsAsNewMatter(turn.deps, text, {
      citizenRef: s.citizenRef,
      trackingNo: asked.trackingNo,
    })
  ) {
    turn.say({ text: turn.tr("ratingReasonThanks") });
    return offerNewMatter(turn, text, photos);
  }
  turn.say({ text: turn.tr("ratingReasonThanks"), choices: menuButtons(turn.locale) });
}

/** Whether the words now are still the answer to "what was not solved?" (within the hour). */
export function reasonStillAsked(turn: Turn, asked: Extract<Pending, { kind: "reason" }>): boolean {
  return turn.now.getTime() - Date.parse(asked.askedAt) <= REASON_WINDOW_MS;
}

/**
 * Keeps photos sent with a rating of the answer of `trackingNo` with that rating, as evidence
 * the staff open beside its reason, and tells the citizen whether they were kept.
 */
export async function keepRatingPhotos(
  turn: Turn,
  trackingNo: string,
  photos: readonly string[],
): Promise<void> {
  if (photos.length === 0) return;
  let kept = 0;
  try {
    kept = await turn.deps.ratings.recordPhotos(turn.s.citizenRef, trackingNo, photos);
  } catch (error) {
    turn.deps.problems.ratingFailed?.(error);
  }
  turn.say({
    text: kept > 0 ? turn.tr("ratingPhotosKept", { count: kept }) : turn.tr("photoNotKept"),
  });
}

/** The button that asks for `review` (申请复查, or 申请复核) of the answer to `trackingNo`. */
function reviewButton(turn: Turn, trackingNo: string, review: ReviewRequest): ChoiceButton {
  return {
    id: globalChoice("review", trackingNo),
    label: turn.tr("reviewButton", { stage: review.stage }),
  };
}

/** The review the citizen may ask of `trackingNo`'s answer now; null for none (or unreadable). */
async function openReview(turn: Turn, trackingNo: string): Promise<ReviewRequest | null> {
  const review = (await citizenCase(turn, trackingNo))?.reviewRequest;
  return review?.open ? review : null;
}

/**
 * "我要申请复查", "不服，要求复核": the review of the citizen's latest answered case, one tap away
 * (the review button, whose tap the case's rules decide on), with its last day. Words that also
 * say how the answer went ("还是一样呛人，我不服，要申请复查") are offered as that rating first,
 * the review button following a negative one, as under the answer. False when no answer of the
 * citizen's may be reviewed now (none, or its last day has passed).
 */
export async function offerReview(turn: Turn, text: string): Promise<boolean> {
  const reviewable = await reviewableCase(turn);
  if (reviewable === null) return false;
  if (await storyAboutAnswer(turn, text)) return true;
  turn.say({
    text: turn.tr("reviewOffer", reviewable),
    choices: [
      [reviewButton(turn, reviewable.trackingNo, reviewable.review)],
      ...menuButtons(turn.locale),
    ],
  });
  return true;
}

/** The citizen's latest answered (or closed) case whose review may be asked for now, or null. */
async function reviewableCase(
  turn: Turn,
): Promise<{ trackingNo: string; review: ReviewRequest } | null> {
  const cases = await turn.citizenCases();
  const [latest] = newestOf(
    cases ?? [],
    (c) => (c.status === "answered" || c.status === "closed") && !c.supported,
  );
  if (!latest) return null;
  const review = await openReview(turn, latest.trackingNo);
  return review ? { trackingNo: latest.trackingNo, review } : null;
}

/**
 * The review button under a negative rating: 复查 (or 复核) through the case's rules, the
 * citizen told which was asked for (the review the case offered before the request).
 */
export async function requestReview(turn: Turn, trackingNo: string): Promise<void> {
  const found = await citizenCase(turn, trackingNo);
  // Unreadable: told to the problems port there; the request would fail alike.
  if (found === undefined) return sayAndGoOn(turn, turn.tr("reviewFailed"));
  const review = found?.reviewRequest;
  if (!review?.open) return sayAndGoOn(turn, turn.tr("reviewRefused"));
  let decision;
  try {
    decision = await turn.deps.ratings.requestReview(turn.s.citizenRef, trackingNo);
  } catch (error) {
    turn.deps.problems.ratingFailed?.(error);
    return sayAndGoOn(turn, turn.tr("reviewFailed"));
  }
  const { stage } = review;
  const said = decision === "done" ? turn.tr("reviewRequested", { trackingNo, stage }) : null;
  sayAndGoOn(turn, said ?? turn.tr("reviewRefused"));
}

/** Says `text`, then asks again the draft's (or pending) question the citizen was at. */
function sayAndGoOn(turn: Turn, text: string): void {
  turn.say({ text });
  if (turn.isFiling()) turn.reask();
}

/**
 * The tracking number of the citizen's own latest answered case, or null (none, or the
 * cases cannot be read now: the words are then taken as they come).
 */
export async function latestAnsweredCase(turn: Turn): Promise<string | null> {
  const cases = await turn.citizenCases();
  const [latest] = newestOf(cases ?? [], (c) => c.status === "answered" && !c.supported);
  return latest?.trackingNo ?? null;
}
