/**
 * What the lifecycle needs from the outside, as interfaces the adapters
 * implement (storage).
 */
import type { Case } from "./case.ts";
import type { CaseStatus } from "./case-status.ts";
import type { Decision } from "./transitions.ts";

export interface CaseStore {
  /** Null when there is no such case. */
  find(trackingNo: string): Promise<Case | null>;
  /**
   * Writes a decision in one transaction: the changes, the timeline entries,
   * the linked cases' entries and the notifications (an outbox).
   * @throws AppError("storage.conflict") when the case is no longer in
   * `expectedStatus` (someone else moved it since it was read).
   */
  commit(trackingNo: string, expectedStatus: CaseStatus, decision: Decision): Promise<Case>;
}
