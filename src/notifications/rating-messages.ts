/**
 * What the citizen reads when asked to rate an answer (已解决 / 未解决, then
 * 满意 / 基本满意 / 不满意), in both languages of the notifications.
 */
import { t } from "../i18n/t.ts";
import { formatDate } from "../i18n/format.ts";
import type { Satisfaction } from "../domain/lifecycle/case-status.ts";
import type { ReviewOffer } from "../domain/lifecycle/citizen-options.ts";
import type { RequestKind } from "../domain/vocabulary.ts";
import { DEADLINE_RULES as RULES } from "../domain/lifecycle/deadlines.ts";
import type { NotificationLocale } from "./outbox-payload.ts";

export interface RatingTexts {
  /** The first question, of a complaint's problem or of a consultation's (咨询) question. */
  readonly askSolved: Readonly<Record<RequestKind, string>>;
  readonly solved: string;
  readonly unsolved: string;
  readonly askSatisfaction: (solved: boolean) => string;
  /**
   * Words typed instead of a satisfaction button, recorded on the case at once (the staff see
   * them): the question asked again, the words to go with the rating as its reason too.
   */
  readonly wordsRecordedAskSatisfaction: string;
  /**
   * Words typed instead of a satisfaction button that could not be recorded on the case (the
   * storage failed): kept for the rating only, the question asked again.
   */
  readonly reasonKeptAskSatisfaction: string;
  /**
   * A photo sent instead of a satisfaction button, recorded on the case at once (the staff see
   * it): the question asked again.
   */
  readonly photoRecordedAskSatisfaction: string;
  /** Photos sent where what was wrong is asked, kept with the rating. */
  readonly photosKept: (count: number) => string;
  /** The words kept went with the rating just given. */
  readonly reasonTaken: string;
  readonly satisfaction: Readonly<Record<Satisfaction, string>>;
  readonly thanks: (trackingNo: string) => string;
  readonly askReason: (trackingNo: string) => string;
  readonly reasonThanks: string;
  /** The review the case's rules let the citizen ask for now: its last day and who handles it. */
  readonly offerReview: (trackingNo: string, offer: ReviewOffer) => string;
  /** The button of the review offered: 申请复查, or 申请复核 after the 复查 opinion. */
  readonly reviewButton: Readonly<Record<ReviewOffer["stage"], string>>;
  readonly alreadyRated: string;
  /** A rating refused because the answer was rated before: the earlier one is kept. */
  readonly earlierRatingStands: string;
  /** A rating button of an answer that cannot be rated now (none yet, or a review under way). */
  readonly notRateableNow: string;
  readonly cannotReview: string;
  readonly failed: string;
}

const zh: RatingTexts = {
  askSolved: {
    complaint: "请告诉我们：您反映的问题解决了吗？",
    consultation: "请告诉我们：您咨询的问题解决了吗？",
  },
  solved: "已解决",
  unsolved: "未解决",
  askSatisfaction: (solved) => `您选择了“${solved ? "已解决" : "未解决"}”。您对这次办理满意吗？`,
  wordsRecordedAskSatisfaction:
    "您说的话已经记在这件事上，工作人员看得到。您对这次办理满意吗？请点下面的按钮，您说的话也会作为评价的理由：",
  reasonKeptAskSatisfaction: "您说的情况会和评价一起记下。您对这次办理满意吗？请点下面的按钮：",
  photoRecordedAskSatisfaction:
    "照片已经记在这件事上，工作人员看得到。您对这次办理满意吗？请点下面的按钮：",
  photosKept: (count) => t("zh", "ratingPhotosKept", { count }),
  reasonTaken: t("zh", "ratingReasonTaken"),
  satisfaction: { satisfied: "满意", basically_satisfied: "基本满意", dissatisfied: "不满意" },
  thanks: (no) => `谢谢您的评价（编号 ${no}）。`,
  // Asked in the intake catalogue's words, as after a rating typed in words.
  askReason: (no) => t("zh", "ratingReasonAsk", { trackingNo: no }),
  reasonThanks: t("zh", "ratingReasonThanks"),
  offerReview: (no, { stage, until }) =>
    stage === 1
      ? `如果您对编号 ${no} 的答复不服，可以在 ${formatDate("zh", until)} 前申请复查，由办理单位的上一级机关办理，${RULES.reviewAnswerDays} 天内给您复查意见：`
      : `如果您对编号 ${no} 的复查意见仍然不服，可以在 ${formatDate("zh", until)} 前申请复核，由复查机关的上一级机关办理，${RULES.reviewAnswerDays} 天内给您复核意见，复核意见是最终意见：`,
  reviewButton: { 1: "申请复查", 2: "申请复核" },
  alreadyRated: "您已经评价过这次答复了。",
  earlierRatingStands: "您已经评价过这次答复了，评价仍按您之前给的为准。",
  notRateableNow: "这件事现在不能评价：有了新的答复以后，才能评价。",
  cannotReview:
    "现在不能申请复查或复核（可能已超过申请期限、正在复查复核中，或复核意见已是最终意见）。",
  failed: "操作没有成功，请稍后再试。",
};

const en: RatingTexts = {
  askSolved: {
    complaint: "Please tell us: has your problem been solved?",
    consultation: "Please tell us: did the answer settle your question?",
  },
  solved: "Solved",
  unsolved: "Not solved",
  askSatisfaction: (solved) =>
    `You chose "${solved ? "solved" : "not solved"}". How satisfied are you with how it was handled?`,
  wordsRecordedAskSatisfaction:
    "What you said is now on record with this case; the staff can see it. How satisfied are you with how it was handled? Please tap a button below; what you said will go with your rating as its reason too:",
  reasonKeptAskSatisfaction:
    "What you said will be kept with your rating. How satisfied are you with how it was handled? Please tap a button below:",
  photoRecordedAskSatisfaction:
    "Your photo is now on record with this case; the staff can see it. How satisfied are you with how it was handled? Please tap a button below:",
  photosKept: (count) => t("en", "ratingPhotosKept", { count }),
  reasonTaken: t("en", "ratingReasonTaken"),
  satisfaction: {
    satisfied: "Satisfied",
    basically_satisfied: "Mostly satisfied",
    dissatisfied: "Dissatisfied",
  },
  thanks: (no) => `Thank you for your rating (no. ${no}).`,
  askReason: (no) => t("en", "ratingReasonAsk", { trackingNo: no }),
  reasonThanks: t("en", "ratingReasonThanks"),
  offerReview: (no, { stage, until }) =>
    stage === 1
      ? `If you do not accept the answer to no. ${no}, you can ask for a review by ${formatDate("en", until)}; the office above the unit that answered handles it and gives its opinion within ${RULES.reviewAnswerDays} days:`
      : `If you still do not accept the review opinion on no. ${no}, you can ask for a second review by ${formatDate("en", until)}; the office above the one that reviewed handles it and gives its opinion within ${RULES.reviewAnswerDays} days, and that opinion is final:`,
  reviewButton: { 1: "Ask for a review", 2: "Ask for a second review" },
  alreadyRated: "You have already rated this answer.",
  earlierRatingStands: "You have already rated this answer; your earlier rating stands.",
  notRateableNow: "This report cannot be rated now: you can rate it once there is a new answer.",
  cannotReview:
    "A review cannot be requested now (the deadline may have passed, it is already under review, or the second review's opinion was final).",
  failed: "That did not work. Please try again later.",
};

const TEXTS: Record<NotificationLocale, RatingTexts> = { zh, en };

/** The rating texts of a locale. */
export function ratingTexts(locale: NotificationLocale): RatingTexts {
  return TEXTS[locale];
}
