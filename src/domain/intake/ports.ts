import type { Classification, Classifier } from "../classification.ts";
import type { GroupComplaint } from "../group-complaint.ts";
import type { NumberHolder } from "../holder-relations.ts";
import type { Locale } from "../locale.ts";
import type { PlaceOutsideCity } from "../places/elsewhere.ts";
import type { RegionSource } from "../places/places.ts";
import type { RegionDecision } from "../routing-explanation.ts";
import type { AnswerOutcome, RequestKind, Satisfaction } from "../vocabulary.ts";
import type { ReviewStage } from "../lifecycle/case-status.ts";
import type { TimeSaid } from "./occurred-at.ts";

export type { Classifier };

/** Finds the region (county/district) a text names; null when a careful reader could not know it. */
export interface RegionDetector {
  detect(text: string): string | null;
}

/** Where the engine reports a failure it recovers from; the adapter logs it once. */
export interface IntakeProblems {
  /** The classifier threw: the draft goes on without a suggestion (the citizen picks a category). */
  classifierFailed(error: unknown): void;
  /** Looking up or joining nearby cases failed: the citizen files as usual (or taps again). */
  nearbyFailed?(error: unknown): void;
  /** Rating an answer or asking for its review failed: the citizen is told to try again. */
  ratingFailed?(error: unknown): void;
  /**
   * Reading the citizen's own cases failed: the list or case asked for is said to be
   * unavailable, and what they would have decided (an answered case's feedback, a rating
   * reason's kind) is left as if there were none.
   */
  casesUnreadable?(error: unknown): void;
  /** Withdrawing a case failed (storage): the case runs on, the citizen is told to try again. */
  withdrawalFailed?(error: unknown): void;
  /** Adding to a case (补充) failed (storage): nothing was added, the citizen is told to try again. */
  supplementFailed?(error: unknown): void;
  /** Changing a case's phone number failed (storage): it keeps the old one, the citizen is told. */
  contactChangeFailed?(error: unknown): void;
}

export type ContactDetails =
  | { readonly kind: "anonymous" }
  | {
      readonly kind: "named";
      readonly phone: string;
      readonly name: string | null;
      /** Whose the phone is when not the citizen's; absent: their own. */
      readonly holder?: NumberHolder;
    };

/** Everything the citizen confirmed on the summary card, ready to become a case. */
export interface ComplaintSubmission {
  /**
   * Stable for one draft of one citizen (`<citizenRef>#<draftNo>`): a submission that is
   * retried (a redelivered update, a second instance) must not create a second case.
   */
  readonly idempotencyKey: string;
  readonly citizenRef: string;
  readonly locale: Locale;
  readonly description: string;
  /**
   * The category the citizen confirmed or picked (a directory category code); the directory's
   * 其他 (FALLBACK_CATEGORY) when they left the kind to the clerk.
   */
  readonly category: string;
  /**
   * True when the citizen left the kind of matter to the clerk (其他 / 不确定): `category` is
   * then no choice of theirs, and the classifier's answer is what the clerk is shown, unsure.
   */
  readonly categoryLeftToClerk?: boolean;
  /** A complaint (反映) or a consultation (咨询); absent: a complaint. */
  readonly requestKind?: RequestKind;
  /** What the classifier proposed, for the clerk's routing suggestion; null if it failed. */
  readonly classification: Classification | null;
  /** Region code; null when the citizen did not know (the clerk confirms it). */
  readonly region: string | null;
  /**
   * What decided `region` (the citizen's words or buttons: "text"; the clerk who registered a
   * call or visit: "clerk"); null without a region.
   */
  readonly regionSource: RegionSource | null;
  /**
   * How the dialogue decided `region`, for the routing explanation (the citizen's choice is
   * said as theirs); absent: from `regionSource` (text: the citizen's words).
   */
  readonly regionDecidedBy?: RegionDecision;
  /** The street, landmark or address as the citizen gave it; never cut to the region name. */
  readonly address: string | null;
  readonly location: { readonly latitude: number; readonly longitude: number } | null;
  /**
   * The place outside the city the matter lies in, read as the county question reads it (the
   * point shared, or the place the address or words name); absent or null: in the city, or not
   * known to be outside. Filed all the same: the clerk decides.
   */
  readonly outsideCity?: PlaceOutsideCity | null;
  /** A day, or the citizen's words without one ("好长时间了"); null when they did not remember. */
  readonly occurredAt: TimeSaid | null;
  /** Channel file references, at most 5. */
  readonly photos: readonly string[];
  /** Voice recordings the citizen sent (kept file ids of the citizen's), at most 10. */
  readonly recordings?: readonly string[];
  readonly contact: ContactDetails;
  readonly isEmergency: boolean;
  readonly startedAt: Date;
  readonly submittedAt: Date;
  /**
   * The clerk who registered a call or visit (a staff id): the "submitted" entry of the timeline
   * is theirs. Absent: the citizen filed it themselves.
   */
  readonly registeredBy?: string;
}

export interface SubmissionReceipt {
  /** E.g. "ZK-20261128-0042". */
  readonly trackingNo: string;
  /** When the acceptance decision is due (15 days by law). */
  readonly acceptanceDueAt: Date;
  /** The digits that open the case on the web status page, when the store issues them. */
  readonly queryCode?: string;
}

/**
 * Stores the case with its timeline, routing suggestion and clerk notification in one
 * transaction. Idempotent on `idempotencyKey` (returns the first receipt again).
 * May throw (storage unavailable): the engine keeps the draft and apologises.
 */
export interface ComplaintSubmitter {
  submit(submission: ComplaintSubmission): Promise<SubmissionReceipt>;
}

/** Where a case stands, in the words a citizen understands (adapters map lifecycle states). */
export const CITIZEN_CASE_STATUSES = [
  "received",
  "accepted",
  "not_accepted",
  "in_progress",
  "answered",
  "closed",
  "withdrawn",
] as const;
export type CitizenCaseStatus = (typeof CITIZEN_CASE_STATUSES)[number];

/**
 * A case still being decided on or handled, as its citizen sees it: they may still withdraw
 * it or add to it (the lifecycle's `withdraw` and `supplement`), a supporter leave it.
 */
export const RUNNING_CITIZEN_STATUSES: readonly CitizenCaseStatus[] = [
  "received",
  "accepted",
  "in_progress",
];

export interface CitizenCaseSummary {
  readonly trackingNo: string;
  readonly status: CitizenCaseStatus;
  readonly category: string;
  readonly submittedAt: Date;
  /**
   * True for a case the citizen joined (附议) rather than filed: they follow its course, never
   * the reporter's identity or words.
   */
  readonly supported: boolean;
  /** A question (咨询) or a complaint: what its answer's rating asks is settled, never reviewed. */
  readonly requestKind: RequestKind;
}

export type CitizenTimelineKind =
  | "submitted"
  /** A consultation (咨询) filed: the citizen asked, and is told so ("您提交了咨询"). */
  | "asked"
  | "accepted"
  | "not_accepted"
  | "assigned"
  | "in_progress"
  | "answered"
  | "closed"
  | "withdrawn"
  | "extended"
  | "review_requested"
  | "second_review_requested"
  | "note"
  /** The citizen added to the case (补充); the detail is their words. */
  | "supplemented"
  /** The citizen urged the case on (催办); a second urge the same day is no entry of its own. */
  | "urged"
  /** The citizen said what they think of the answer (群众对答复的意见); the detail is their words. */
  | "answer_commented"
  /** The reporter was asked once whether the unrated answer solved the problem (answer-follow-up.ts). */
  | "followed_up"
  /** The citizen joined the case (shown to that supporter only). */
  | "supported";

export interface CitizenTimelineEntry {
  readonly at: Date;
  readonly kind: CitizenTimelineKind;
  /** Citizen-facing words written by staff (a unit's name, a reply); never internal notes. */
  readonly detail?: string | null;
  /**
   * The photos the citizen sent with their addition (补充); absent for none. An addition
   * with photos and no detail was photos alone.
   */
  readonly photos?: number;
}

/**
 * The review (复查, then 复核) the citizen may ask of their case's latest answer, and the last
 * day of its window (30 days after the answer, by the working calendar); `open` false once
 * that day is past.
 */
export interface ReviewRequest {
  /** 1: 复查, 2: 复核. */
  readonly stage: 1 | 2;
  /** The end of the window's last day. */
  readonly lastDay: Date;
  readonly open: boolean;
}

/** The latest answer as its citizen reads it: the unit's, or the 复查 / 复核 opinion. */
export interface CitizenAnswer {
  readonly text: string;
  readonly at: Date;
  readonly outcome: AnswerOutcome | null;
  /** Whose it is: 0 the unit's answer, 1 the 复查 opinion, 2 the 复核 opinion. */
  readonly reviewStage: ReviewStage;
  /** The day (YYYY-MM-DD, Beijing) the unit promised to have it done by; null for none. */
  readonly promisedBy: string | null;
  /**
   * Its machine translation into the reader's language, shown after it; absent in Chinese, and
   * while none is kept (see withCitizenCaseTranslations).
   */
  readonly translation?: string;
}

export interface CitizenCaseDetail extends CitizenCaseSummary {
  readonly acceptanceDueAt: Date | null;
  /** When the answer (or, under review, the review's answer) is due; null before acceptance. */
  readonly answerDueAt: Date | null;
  /** The review being handled (1: 复查, 2: 复核); null when none is. */
  readonly underReview: ReviewRequest["stage"] | null;
  /** The unit the case is with (units' names are public); null before it is routed. */
  readonly unitName: string | null;
  readonly timeline: readonly CitizenTimelineEntry[];
  /**
   * The review its reporter may ask of the answer, open or past; null for none (not answered,
   * under review, after 复核) and for a supporter (附议), who asks for none.
   */
  readonly reviewRequest: ReviewRequest | null;
  /** The latest answer; null before one (and while a review's opinion is awaited, the one before). */
  readonly answer: CitizenAnswer | null;
  /** The latest answer waits for the citizen's rating. */
  readonly mayRate: boolean;
  /**
   * The phone left with the case and whose it is, shown to its reporter (masked) so that they
   * see where updates go; null for an anonymous case, one without a phone and a supporter (附议).
   */
  readonly contact: CitizenContact | null;
}

/** A case's contact phone as its reporter reads it. */
export interface CitizenContact {
  readonly phone: string;
  /** Whose the number is when not the reporter's own; null: their own. */
  readonly holder: NumberHolder | null;
}

/**
 * The citizen's own cases and the cases they joined (附议), and only those: `get` returns null
 * for a number that does not exist or is someone else's alone (the engine answers both the
 * same way). A joined case shows its course without the reporter's own acts.
 */
export interface CitizenCases {
  list(citizenRef: string): Promise<readonly CitizenCaseSummary[]>;
  /** The case as it is told to a reader in `locale` (the units named in their language). */
  get(citizenRef: string, trackingNo: string, locale: Locale): Promise<CitizenCaseDetail | null>;
}

/** At most this many nearby cases are shown to a citizen. */
export const NEARBY_LIMIT = 3;

/**
 * An open case near the place a citizen names, as that citizen may see it: what kind of
 * problem, where, when and how far it got — never who filed it or in what words.
 */
export interface NearbyCase {
  readonly trackingNo: string;
  readonly category: string;
  /** The case's address as given (the engine shows only its street or landmark words). */
  readonly address: string | null;
  readonly region: string | null;
  readonly submittedAt: Date;
  readonly status: CitizenCaseStatus;
  /** Citizens who joined it already (the first reporter not counted). */
  readonly supporters: number;
}

/** What the draft says of the problem and its place, to find the same problem filed before. */
export interface NearbyQuestion {
  /** Who asks: their own cases are not offered (they are not "someone nearby"). */
  readonly citizenRef: string;
  readonly category: string;
  readonly point: { readonly latitude: number; readonly longitude: number } | null;
  /** The draft's region: a road name repeats from county to county, so places match within it. */
  readonly region: string | null;
  /** The streets, crossings and landmarks the draft names, as stored keys (placeKeyString). */
  readonly placeKeys: readonly string[];
}

/**
 * What became of "this is the same problem": joined now; joined before (a no-op); the
 * citizen's own case; or the case is no longer open (or gone) and cannot be joined.
 */
export type JoinOutcome = "joined" | "already" | "own_case" | "not_open";

/** The open cases a citizen may join (附议) instead of filing the same problem again. */
export interface NearbyCases {
  /**
   * Open cases of the question's category within the configured distance of its point, or
   * (without a point) naming one of its places; nearest or newest first, at most NEARBY_LIMIT.
   * May throw (storage unavailable): the engine then files as usual.
   */
  find(question: NearbyQuestion): Promise<readonly NearbyCase[]>;
  /**
   * Makes the citizen a supporter of the case: counted, and told of its later notices in
   * `locale` through the chat they write from. Idempotent per citizen and case.
   */
  join(citizenRef: string, trackingNo: string, locale: Locale): Promise<JoinOutcome>;
}

/** A citizen's rating of an answer, on the product's scale: 已解决 / 未解决, and 满意 / 基本满意 / 不满意. */
export interface AnswerRating {
  readonly solved: boolean;
  readonly satisfaction: Satisfaction;
}

/** Done, or refused by the case's rules (rated already, no longer answered, review out of time). */
export type CitizenDecision = "done" | "refused";

/**
 * An addition's decision, with `grownTo`: the larger group (群体诉求) the addition's words made
 * the case, for the citizen to hear it was recorded so; null when it left the group as it was.
 */
export interface SupplementDecision {
  readonly decision: CitizenDecision;
  readonly grownTo: GroupComplaint | null;
}

/**
 * An urge's decision (催办): `ordinal` which urge of the case it was (第 N 次), null when the
 * case was urged on the same Shanghai day already — its words were added, the urge not counted.
 */
export interface UrgeDecision extends SupplementDecision {
  readonly ordinal: number | null;
}

/**
 * The citizen's own decisions on an answer to their own case, made as the rating and review
 * buttons under the answer make them (the case's `rate` and `request_review`, by the citizen):
 * the same rules hold — one rating per answer, only while the case is answered or closed.
 */
export interface AnswerRatings {
  /**
   * Whether the latest answer of the citizen's own case may be rated now (answered or closed,
   * not rated yet); false for a case that is not theirs. May throw (storage unavailable).
   */
  mayRate(citizenRef: string, trackingNo: string): Promise<boolean>;
  /** Rates the latest answer. May throw (storage unavailable): nothing is rated then. */
  rate(citizenRef: string, trackingNo: string, rating: AnswerRating): Promise<CitizenDecision>;
  /** Asks for 复查 (or 复核) of the latest answer. May throw (storage unavailable). */
  requestReview(citizenRef: string, trackingNo: string): Promise<CitizenDecision>;
  /**
   * Keeps the citizen's words with their rating of the latest answer — why, for 未解决 or 不满意,
   * as the reply to the buttons' question is kept; a remark, for a positive one ("师傅人很好") —
   * nothing for a case that is not theirs or has no rating. May throw (storage unavailable).
   */
  recordReason(citizenRef: string, trackingNo: string, reason: string): Promise<void>;
  /**
   * Keeps photos the citizen sent with their rating of the latest answer (evidence that it is
   * not solved) on that rating, where staff open them beside its reason; resolves to how many
   * were kept: none for a case that is not theirs or has no rating. May throw (storage
   * unavailable).
   */
  recordPhotos(
    citizenRef: string,
    trackingNo: string,
    photoIds: readonly string[],
  ): Promise<number>;
}

/**
 * The citizen withdrawing their own case that is still being decided on or handled (the
 * case's `withdraw`, by the citizen): refused for a case that is not theirs alone (a
 * supporter's), answered or finished. May throw (storage unavailable): nothing changes then.
 */
export interface Withdrawals {
  withdraw(citizenRef: string, trackingNo: string): Promise<CitizenDecision>;
  /**
   * The citizen no longer follows a case they joined (撤回附议): no longer counted or told of
   * it; the case runs on for its reporter. Refused when they are not its supporter.
   */
  withdrawSupport(citizenRef: string, trackingNo: string): Promise<CitizenDecision>;
}

/**
 * The citizen adding words to their own case while it runs (补充; the case's `supplement`, by
 * the citizen, in the statuses of RUNNING_CITIZEN_STATUSES): refused for a case that is not theirs alone,
 * answered or finished. `photoIds` (the citizen's channel file ids, none when none were sent) are
 * kept as the case's photos with the words; words that tell of an immediate danger make the case
 * urgent, words of more people affected make it the larger group. `text` null: the photos are added without words (at least one photo then). May throw
 * (storage unavailable): nothing is added then.
 */
export interface Supplements {
  supplement(
    citizenRef: string,
    trackingNo: string,
    text: string | null,
    photoIds: readonly string[],
  ): Promise<SupplementDecision>;
  /**
   * 催办: urges the citizen's own running case on (the case's `urge`), counted at most once a
   * Shanghai day, the unit holding it told; the words and photos (none: `text` null and no
   * photos) are added as `supplement` adds them. Refused as `supplement` is. May throw
   * (storage unavailable): nothing is urged or added then.
   */
  urge(
    citizenRef: string,
    trackingNo: string,
    text: string | null,
    photoIds: readonly string[],
  ): Promise<UrgeDecision>;
}

/**
 * The citizen's new phone number for their own running case (电话换了; the case's
 * `change_contact`, by the citizen, in the statuses of RUNNING_CITIZEN_STATUSES): the case is
 * called about on `phone` from now on, the name left with it kept. Refused for a case that is
 * not theirs alone, answered or finished. May throw (storage unavailable): nothing changes then.
 * A relative's number ("打我女儿的吧 158…") keeps whose it is (`contact.holder`).
 */
export interface ContactChanges {
  changePhone(
    citizenRef: string,
    trackingNo: string,
    contact: CitizenContact,
  ): Promise<CitizenDecision>;
}
