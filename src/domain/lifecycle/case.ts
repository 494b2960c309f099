/**
 * A case (信访事项) as the lifecycle sees it. Field names are the storage's
 * column names; every change goes through `decide` (transitions.ts).
 */
import type { LocalDate } from "../calendar.ts";
import type { CaseClass } from "../directory.ts";
import type { NumberHolder } from "../holder-relations.ts";
import type { RegionSource, RequestKind } from "../vocabulary.ts";
import type {
  AnswerOutcome,
  CaseStatus,
  OtherChannel,
  ReviewStage,
  Satisfaction,
} from "./case-status.ts";

export interface Case {
  /** e.g. ZK-20261128-0042; never changes. */
  readonly trackingNo: string;
  readonly status: CaseStatus;
  /** Derived from the category; a clerk may correct it. */
  readonly caseClass: CaseClass;
  readonly categoryCode: string;
  readonly regionCode: string | null;
  /** What decided the region: the citizen's words, a shared point, or a clerk; null without a region. */
  readonly regionSource: RegionSource | null;
  /** The unit the case is with (assigned, in progress, answered, under review); null before and after a return. */
  readonly unitId: string | null;
  readonly isEmergency: boolean;
  /** A consultation (咨询) is answered in 5 working days, never extended nor reviewed. */
  readonly requestKind: RequestKind;
  readonly submittedAt: Date;
  /** End of the 15-day window for the acceptance decision. */
  readonly acceptanceDueAt: Date;
  /** The clerks' routing decision: accepted or not accepted. */
  readonly decidedAt: Date | null;
  readonly acceptedAt: Date | null;
  /** End of the 60-day handling window, extension included. */
  readonly handlingDueAt: Date | null;
  /** 0 until the one extension is granted; at most 30. */
  readonly extensionDays: number;
  /** Told to the citizen. */
  readonly extensionReason: string | null;
  /** End of the assigned unit's 5-working-day window to return the case. */
  readonly returnDueAt: Date | null;
  /** The latest answer (first answer, 复查 or 复核 opinion, per `reviewStage`). */
  readonly answeredAt: Date | null;
  readonly answerOutcome: AnswerOutcome | null;
  readonly answerText: string | null;
  /** The day the latest answer promised its work done by (承诺办结日期); null: none promised. */
  readonly answerPromisedBy: LocalDate | null;
  /**
   * When the citizen is to be asked whether the latest answer solved their problem, if it is
   * still unrated then (answer-follow-up.ts: the start of the Shanghai day after the promised
   * day, or a week after the answer); null when no such question is to come (asked already,
   * rated, or an answer stored before follow-ups whose review window had closed).
   */
  readonly followUpAt: Date | null;
  readonly reviewStage: ReviewStage;
  readonly reviewRequestedAt: Date | null;
  readonly reviewDueAt: Date | null;
  readonly closedAt: Date | null;
  readonly mergedIntoTrackingNo: string | null;
  readonly notAcceptedReason: string | null;
  readonly notAcceptedChannel: OtherChannel | null;
  /** The citizen's rating of the latest answer: 已解决 (true) / 未解决 (false). */
  readonly solved: boolean | null;
  readonly satisfaction: Satisfaction | null;
  readonly ratedAt: Date | null;
  /** How many times the citizen urged the running case (催办), at most once a Shanghai day counted. */
  readonly urgeCount: number;
  /** When the citizen last urged it (a counted urge); null: never. */
  readonly lastUrgedAt: Date | null;
}

/**
 * The contact a case keeps: who to call about it (clerks see it, a unit never does). An
 * anonymous case keeps none (`anonymous`, name and phone null).
 */
export interface CaseContact {
  readonly anonymous: boolean;
  readonly name: string | null;
  readonly phone: string | null;
  /** Whose the phone is when not the citizen's; absent or null: their own. */
  readonly holder?: NumberHolder | null;
}

/** What a decision writes: only the fields that change. */
export type CaseChanges = Partial<Omit<Case, "trackingNo" | "submittedAt">>;

/** Whether the citizen rated the latest answer (a rating of an earlier one does not count). */
export function ratedLatestAnswer(subject: Pick<Case, "answeredAt" | "ratedAt">): boolean {
  const { answeredAt, ratedAt } = subject;
  return answeredAt !== null && ratedAt !== null && ratedAt.getTime() >= answeredAt.getTime();
}

/** The case after `changes`; for in-memory stores and tests. */
export function applyChanges(current: Case, changes: CaseChanges): Case {
  return { ...current, ...changes };
}
