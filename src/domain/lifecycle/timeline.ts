/** The case's history: one entry per thing that happened, written with the change. */
import type { ActorKind } from "./actor.ts";
import type { CaseStatus } from "./case-status.ts";

export type TimelineKind =
  | "submitted"
  | "accepted"
  | "not_accepted"
  | "assigned"
  | "reassigned"
  | "started"
  /** A unit's 办理进展 for the citizen; the note is the text they were sent. */
  | "progress"
  | "returned"
  | "extended"
  | "answered"
  | "review_requested"
  | "review_answered"
  | "closed"
  | "merged"
  /** On the case another one was merged into; the note is the duplicate's tracking number. */
  | "merged_from"
  | "withdrawn"
  | "rated"
  | "recategorized"
  | "reclassified"
  | "reminded"
  | "escalated"
  /** Too many wrong query codes on the status page: the citizen was sent a new one. */
  | "query_code_reset";

export interface TimelineEntry {
  readonly kind: TimelineKind;
  readonly actor: { readonly kind: ActorKind; readonly id: string };
  readonly at: Date;
  /** A reason, a unit or a tracking number, for the clerks to read; null when there is nothing to add. */
  readonly note: string | null;
  readonly fromStatus: CaseStatus;
  /** Equal to `fromStatus` when the entry does not move the case. */
  readonly toStatus: CaseStatus;
}
