import type { Classification, Classifier } from "../classification.ts";
import type { Locale } from "../locale.ts";
import type { RegionSource } from "../places/places.ts";
import type { OccurredAt } from "./occurred-at.ts";

export type { Classifier };

/** Finds the region (county/district) a text names; null when a careful reader could not know it. */
export interface RegionDetector {
  detect(text: string): string | null;
}

/** Where the engine reports a failure it recovers from; the adapter logs it once. */
export interface IntakeProblems {
  /** The classifier threw: the draft goes on without a suggestion (the citizen picks a category). */
  classifierFailed(error: unknown): void;
}

export type ContactDetails =
  | { readonly kind: "anonymous" }
  | { readonly kind: "named"; readonly phone: string; readonly name: string | null };

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
  /** The category the citizen confirmed or picked (a directory category code). */
  readonly category: string;
  /** What the classifier proposed, for the clerk's routing suggestion; null if it failed. */
  readonly classification: Classification | null;
  /** Region code; null when the citizen did not know (the clerk confirms it). */
  readonly region: string | null;
  /** What decided `region` (the citizen's words or buttons: "text"); null without a region. */
  readonly regionSource: Exclude<RegionSource, "clerk"> | null;
  /** The street, landmark or address as the citizen gave it; never cut to the region name. */
  readonly address: string | null;
  readonly location: { readonly latitude: number; readonly longitude: number } | null;
  /** Null when the citizen did not remember. */
  readonly occurredAt: OccurredAt | null;
  /** Channel file references, at most 5. */
  readonly photos: readonly string[];
  /** Voice recordings the citizen sent (kept file ids of the citizen's), at most 10. */
  readonly recordings?: readonly string[];
  readonly contact: ContactDetails;
  readonly isEmergency: boolean;
  readonly startedAt: Date;
  readonly submittedAt: Date;
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
export type CitizenCaseStatus =
  "received" | "accepted" | "not_accepted" | "in_progress" | "answered" | "closed";

export interface CitizenCaseSummary {
  readonly trackingNo: string;
  readonly status: CitizenCaseStatus;
  readonly category: string;
  readonly submittedAt: Date;
}

export type CitizenTimelineKind =
  | "submitted"
  | "accepted"
  | "not_accepted"
  | "assigned"
  | "in_progress"
  | "answered"
  | "closed"
  | "extended"
  | "review_requested"
  | "second_review_requested"
  | "note";

export interface CitizenTimelineEntry {
  readonly at: Date;
  readonly kind: CitizenTimelineKind;
  /** Citizen-facing words written by staff (a unit's name, a reply); never internal notes. */
  readonly detail?: string | null;
}

export interface CitizenCaseDetail extends CitizenCaseSummary {
  readonly acceptanceDueAt: Date | null;
  readonly timeline: readonly CitizenTimelineEntry[];
}

/**
 * The citizen's own cases, and only theirs: `get` returns null for a number that does not
 * exist or belongs to someone else (the engine answers both the same way).
 */
export interface CitizenCases {
  list(citizenRef: string): Promise<readonly CitizenCaseSummary[]>;
  get(citizenRef: string, trackingNo: string): Promise<CitizenCaseDetail | null>;
}
