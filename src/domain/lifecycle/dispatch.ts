/**
 * Dispatch speed: the time from submission to the clerks' routing decision
 * (accepted or not accepted), against a target that depends on urgency.
 * Measured in clock hours: the hotline answers around the clock.
 */
import type { Case } from "./case.ts";

const HOUR_MS = 3_600_000;

export type DispatchTargetKind = "emergency" | "utilities" | "standard";

export interface DispatchTarget {
  readonly kind: DispatchTargetKind;
  readonly ms: number;
}

export interface DispatchPolicy {
  /** Category codes of water, power, gas and heating supply. */
  readonly utilityCategoryCodes: readonly string[];
  /** Share of the target after which an undecided case is at risk. */
  readonly atRiskShare: number;
}

export const DEFAULT_DISPATCH_POLICY: DispatchPolicy = {
  utilityCategoryCodes: ["utilities"],
  atRiskShare: 0.75,
};

export const DISPATCH_TARGET_MS: { readonly [K in DispatchTargetKind]: number } = {
  emergency: 1 * HOUR_MS,
  utilities: 2 * HOUR_MS,
  standard: 24 * HOUR_MS,
};

export type DispatchFacts = Pick<
  Case,
  "status" | "isEmergency" | "categoryCode" | "submittedAt" | "decidedAt"
>;

/** 1 hour for an emergency, 2 hours for water/power/gas/heating, 24 hours otherwise. */
export function dispatchTarget(
  subject: Pick<Case, "isEmergency" | "categoryCode">,
  policy: DispatchPolicy = DEFAULT_DISPATCH_POLICY,
): DispatchTarget {
  const kind: DispatchTargetKind = subject.isEmergency
    ? "emergency"
    : policy.utilityCategoryCodes.includes(subject.categoryCode)
      ? "utilities"
      : "standard";
  return { kind, ms: DISPATCH_TARGET_MS[kind] };
}

export type DispatchState = "on_time" | "at_risk" | "late";

export interface DispatchStatus {
  readonly state: DispatchState;
  readonly target: DispatchTarget;
  /** Submission to decision, or to `now` while undecided. */
  readonly elapsedMs: number;
  /** When the target is (or was) reached. */
  readonly dueAt: Date;
  readonly decided: boolean;
}

/**
 * A decided case was on time or late; an undecided one is on time, at risk
 * (past `atRiskShare` of its target) or late. Null for a case that left
 * without a routing decision (withdrawn or merged before it).
 */
export function dispatchStatus(
  subject: DispatchFacts,
  now: Date,
  policy: DispatchPolicy = DEFAULT_DISPATCH_POLICY,
): DispatchStatus | null {
  const target = dispatchTarget(subject, policy);
  const dueAt = new Date(subject.submittedAt.getTime() + target.ms);
  const decided = subject.decidedAt !== null;
  if (!decided && subject.status !== "submitted") return null;
  const end = subject.decidedAt ?? now;
  const elapsedMs = end.getTime() - subject.submittedAt.getTime();
  const state: DispatchState =
    elapsedMs > target.ms
      ? "late"
      : !decided && elapsedMs >= target.ms * policy.atRiskShare
        ? "at_risk"
        : "on_time";
  return { state, target, elapsedMs, dueAt, decided };
}
