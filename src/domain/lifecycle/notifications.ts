/**
 * Notifications a decision produces, as data: what happened and what comes
 * next. Rendering into Chinese or English, and sending, happen elsewhere.
 */
import type { LocalDate } from "../calendar.ts";
import type { CaseClass } from "../directory.ts";
import type { AnswerOutcome, CaseStatus, OtherChannel, ReviewStage } from "./case-status.ts";
import type { GroupComplaint } from "../group-complaint.ts";
import type { CitizenNoticeKind, DeadlineClock } from "../vocabulary.ts";

export type Recipient =
  | { readonly kind: "citizen" }
  | { readonly kind: "unit"; readonly unitId: string }
  | { readonly kind: "clerks" };

export type NotificationKind =
  | CitizenNoticeKind
  // to a unit
  | "assigned"
  | "unassigned"
  /** The citizen added to the case (补充); the words masked as the unit reads the description. */
  | "supplemented"
  /** The citizen urged the case on (催办), `urgeOrdinal` the how-manieth; with their words, if any, masked. */
  | "urged"
  /** A clerk marked the case urgent, or lifted the mark (`urgent` says which). */
  | "urgency_changed"
  | "reminder"
  // to the clerks
  | "new_case"
  | "returned"
  | "review_to_route"
  | "escalation";

/** What the recipient may or must do next. */
export type NextStep =
  | "await_decision"
  | "await_answer"
  | "await_review_answer"
  | "may_request_review"
  | "may_request_second_review"
  /** A consultation's answer is not reviewed: unhappy with it, the citizen may file a complaint. */
  | "may_file_complaint"
  | "use_other_channel"
  | "follow_merged_case"
  | "handle_case"
  | "route_case"
  | "none";

/** The deadline clocks a case runs on (see alerts.ts). */
export type { DeadlineClock } from "../vocabulary.ts";

/** Kind-specific parameters; a renderer reads those its kind uses. */
export interface NotificationDetails {
  readonly caseClass?: CaseClass;
  readonly outcome?: AnswerOutcome;
  readonly answerText?: string;
  /** The day the answer promised its work done by (answered, answer_follow_up). */
  readonly promisedBy?: LocalDate;
  /** The Shanghai day the answer followed up was given (answer_follow_up). */
  readonly answeredOn?: LocalDate;
  /** A unit's 办理进展, as written, for the citizen. */
  readonly progressNote?: string;
  /** The citizen's addition (补充), masked for the unit as the description is. */
  readonly supplementText?: string;
  /** How many photos the citizen sent with the addition (the unit opens them with the case). */
  readonly supplementPhotos?: number;
  /** Which urge of the case this is (催办, 第 N 次), on `urged`. */
  readonly urgeOrdinal?: number;
  /** The larger group (群体诉求) the citizen's addition told of: the many the case speaks for now. */
  readonly group?: GroupComplaint;
  /**
   * The case is urgent, to be handled first: an emergency case handed to a unit (accepted,
   * assigned), or a case made urgent by the citizen's addition (supplemented). On
   * urgency_changed: whether a clerk marked the case urgent (true) or lifted the mark (false).
   */
  readonly urgent?: boolean;
  /** The case is a consultation (咨询): the citizen's notices speak of their question. */
  readonly consultation?: true;
  /** Photos the unit attached to its answer or progress report (ids of the case's kept photos). */
  readonly photoIds?: readonly string[];
  readonly reviewStage?: ReviewStage;
  readonly reason?: string;
  readonly channel?: OtherChannel | null;
  readonly extensionDays?: number;
  readonly mergedInto?: string;
  readonly unitId?: string;
  readonly clock?: DeadlineClock;
  readonly overdueDays?: number;
  readonly returnDueAt?: Date;
  /** The case's new query code (query_code_reset, to the citizen only). */
  readonly queryCode?: string;
}

export interface Notification {
  readonly to: Recipient;
  readonly kind: NotificationKind;
  readonly trackingNo: string;
  /** The case's status after the decision. */
  readonly status: CaseStatus;
  readonly nextStep: NextStep;
  /** When the next step is due, if it has a deadline; `dueDate` is its Shanghai day. */
  readonly dueAt: Date | null;
  readonly dueDate: LocalDate | null;
  readonly details: NotificationDetails;
}
