/**
 * The shape of the notification texts: one entry per notification kind, each
 * a function of an already-formatted view. messages-zh.ts and messages-en.ts
 * implement it, so a text missing in one language is a type error.
 */
import type { CaseClass } from "../domain/directory.ts";
import type {
  AnswerOutcome,
  CaseStatus,
  OtherChannel,
  ReviewStage,
} from "../domain/lifecycle/case-status.ts";
import type {
  DeadlineClock,
  NextStep,
  NotificationKind,
} from "../domain/lifecycle/notifications.ts";
import type { OutboxAudience } from "./outbox-payload.ts";

/** Everything a text may name, dates already written out in Beijing time. */
export interface NotificationView {
  readonly audience: OutboxAudience;
  readonly trackingNo: string;
  readonly status: CaseStatus;
  readonly nextStep: NextStep;
  /** The day the next step is due ("2027年1月27日"), or null without a deadline. */
  readonly due: string | null;
  readonly unitName: string | null;
  readonly caseClass: CaseClass | null;
  readonly outcome: AnswerOutcome | null;
  /** The day the answer promised its work done by ("2026年12月20日"), or null: none promised. */
  readonly promisedBy: string | null;
  /** The day the answer followed up was given ("2026年12月1日"); null on other notices. */
  readonly answeredOn: string | null;
  readonly reviewStage: ReviewStage;
  readonly reason: string | null;
  /** A unit's 办理进展, as written: never cut. */
  readonly progressNote: string | null;
  /**
   * The citizen's addition (补充), masked for the unit as the description is: never cut. Null:
   * the citizen added photos without words.
   */
  readonly supplementText: string | null;
  /** How many photos came with the addition (0: none). */
  readonly supplementPhotos: number;
  /** Which urge of the case this is (催办, 第 N 次); null on any other notice. */
  readonly urgeOrdinal: number | null;
  /** The larger group the addition told of, in words ("群体诉求：约 20 户以上"); null: none. */
  readonly group: string | null;
  /** The case is urgent (see NotificationDetails.urgent). */
  readonly urgent: boolean;
  /** The case is a consultation (see NotificationDetails.consultation). */
  readonly consultation: boolean;
  readonly otherChannel: OtherChannel | null;
  readonly extensionDays: number | null;
  readonly mergedInto: string | null;
  readonly clock: DeadlineClock | null;
  readonly overdueDays: number | null;
  /** The case's new query code (query_code_reset only). */
  readonly queryCode: string | null;
  /** The last day a unit may send the case back. */
  readonly returnDue: string | null;
}

/** One short text per kind, plus the heading of a unit's answer sent after it. */
export type NotificationCatalog = {
  readonly [K in NotificationKind]: (view: NotificationView) => string;
} & {
  /** Introduces the full answer text (处理意见 / 复查意见 / 复核意见). */
  readonly answerHeading: (p: { reviewStage: ReviewStage }) => string;
  /**
   * Introduces the answer's machine translation, sent after the original: says it is one, and
   * that the original is the answer that counts.
   */
  readonly machineTranslationHeading: string;
  /** The line under a citizen's notice that leads to the case's status page. */
  readonly statusLink: (p: { url: string }) => string;
  /** The caption of the photos a unit sent with its answer or progress report. */
  readonly unitPhotos: (p: { trackingNo: string; count: number }) => string;
};
