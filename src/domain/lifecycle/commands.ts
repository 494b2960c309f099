/**
 * Everything that can be asked of a case. Who may ask what, and from which
 * status, is the table in transitions.ts.
 */
import type { LocalDate } from "../calendar.ts";
import type { CaseClass, Category, Unit } from "../directory.ts";
import type { Case } from "./case.ts";
import type { AnswerOutcome, OtherChannel, Satisfaction } from "./case-status.ts";
import type { GroupComplaint } from "../group-complaint.ts";
import type { LeftContact } from "../identity-in-text.ts";
import type { CaseContact } from "./case.ts";
import type { NumberHolder } from "../holder-relations.ts";
import type { DeadlineClock } from "./notifications.ts";

/** The unit a clerk picks, as the directory describes it. */
export type UnitRef = Pick<Unit, "id" | "department">;

/** An earlier case on the same matter, for the rule that a matter that went through 复核 is not accepted again. */
export type EarlierCase = Pick<Case, "trackingNo" | "status" | "reviewStage">;

/**
 * What a citizen adds to their running case (补充, or with an urge): `text` as written (null:
 * none), `photoIds` their channel's file ids; `contact` the contact left with the case, which the
 * unit's copy of the words is masked by; `group` the many the case speaks for now (群体诉求), as
 * its storage read it (null: none).
 */
export interface CitizenAddition {
  readonly text: string | null;
  readonly photoIds: readonly string[];
  readonly contact: LeftContact | null;
  readonly group: GroupComplaint | null;
}

export type CaseCommand =
  // clerks
  | { readonly type: "accept"; readonly sameMatterAs?: EarlierCase | undefined }
  /** Accept and assign in one decision. */
  | {
      readonly type: "route";
      readonly unit: UnitRef;
      readonly sameMatterAs?: EarlierCase | undefined;
    }
  | { readonly type: "not_accept"; readonly reason: string; readonly channel: OtherChannel | null }
  | { readonly type: "assign"; readonly unit: UnitRef }
  | { readonly type: "reassign"; readonly unit: UnitRef }
  | { readonly type: "merge"; readonly into: Pick<Case, "trackingNo" | "status"> }
  /** Sets the category and the class that goes with it. */
  | { readonly type: "recategorize"; readonly category: Pick<Category, "code" | "class"> }
  /**
   * Corrects the region (属地): `routing` is where the case's category goes in that region
   * (routeComplaint), proposed to the clerk again while the case waits for routing.
   */
  | {
      readonly type: "set_region";
      readonly regionCode: string;
      readonly routing: { readonly unitId: string; readonly flagged: boolean };
    }
  /** Overrides the class the category gave. */
  | { readonly type: "set_class"; readonly caseClass: CaseClass }
  /**
   * Marks the case urgent (isEmergency) when the words reader missed a danger, or lifts the mark
   * from a false alarm; `reason`: the clerk's short note of why ("电话核实：邻居做饭的味道").
   */
  | { readonly type: "set_urgency"; readonly urgent: boolean; readonly reason: string }
  // clerks or the system
  | { readonly type: "close" }
  // handlers of the unit the case is with
  | { readonly type: "start" }
  /** Tells the citizen how the handling goes; on an assigned case it also starts it. */
  | {
      readonly type: "report_progress";
      readonly note: string;
      /** Photos of the work, kept for the case (see UnitPhotos); sent to the citizen with the note. */
      readonly photoIds?: readonly string[] | undefined;
    }
  | { readonly type: "return"; readonly reason: string }
  | { readonly type: "extend"; readonly days: number; readonly reason: string }
  /** The first answer, or the 复查 / 复核 opinion when the case is under review. */
  | {
      readonly type: "answer";
      readonly outcome: AnswerOutcome;
      readonly text: string;
      /** Photos of the fix, kept for the case; sent to the citizen with the answer. */
      readonly photoIds?: readonly string[] | undefined;
      /**
       * The day the answer promises its work done by (承诺办结日期), from today to the day
       * before the review's last day (answer-follow-up.ts); absent: none promised.
       */
      readonly promisedBy?: LocalDate | undefined;
    }
  // citizens
  | { readonly type: "withdraw" }
  /**
   * 补充: the citizen's words added to their running case, kept as they wrote them; the unit
   * the case is with reads them masked, as it reads the description. `text` null: photos added
   * without words (then at least one).
   */
  | ({ readonly type: "supplement" } & CitizenAddition)
  /**
   * 催办: the citizen urges their running case on ("能不能快点，老伴冻病了"), counted at most
   * once a Shanghai day (the entry `urged` carries its ordinal, 第 N 次催办). Words or photos sent
   * with it are added as a `supplement`'s are — also on a second urge the same day, which is
   * not counted again; `text` null and no photos: an urge without words (a button).
   */
  | ({ readonly type: "urge" } & CitizenAddition)
  /**
   * The citizen's new phone number for their running case (电话换了): the contact the case keeps
   * becomes `phone` (a canonical number, see parseChinesePhone), the name left with it kept;
   * `holder`: whose the number is when a relative's, null for the citizen's own.
   * `current`: the contact the case keeps now, as its storage read it.
   */
  | {
      readonly type: "change_contact";
      readonly phone: string;
      readonly holder: NumberHolder | null;
      readonly current: CaseContact;
    }
  /**
   * 复查, or 复核 after one: `reviewOrgan` is the unit proposed to the clerks for it (see
   * review-organ.ts), absent when there is none to propose.
   */
  | { readonly type: "request_review"; readonly reviewOrgan?: UnitRef | undefined }
  | { readonly type: "rate"; readonly solved: boolean; readonly satisfaction: Satisfaction }
  /**
   * Words about the answer typed where its satisfaction is asked, kept as they were written,
   * or photos sent there (`text` null: then at least one).
   */
  | {
      readonly type: "comment_on_answer";
      readonly text: string | null;
      readonly photoIds?: readonly string[] | undefined;
    }
  // the system
  | { readonly type: "remind"; readonly clock: DeadlineClock }
  | { readonly type: "escalate"; readonly clock: DeadlineClock }
  /** Asks the citizen once whether the unrated answer solved the problem (answer-follow-up.ts). */
  | { readonly type: "follow_up_answer" };

export type CommandType = CaseCommand["type"];
