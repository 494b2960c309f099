/**
 * The hotline's three rates: 响应率 (routed within the dispatch target),
 * 解决率 (rated solved) and 满意率 (rated 满意 or 基本满意).
 */
import type { Case } from "./case.ts";
import type { Satisfaction } from "./case-status.ts";
import { DEFAULT_DISPATCH_POLICY, dispatchTarget, type DispatchPolicy } from "./dispatch.ts";

export interface Rate {
  readonly numerator: number;
  readonly denominator: number;
  /** numerator / denominator; null when there is nothing to count. */
  readonly value: number | null;
}

/** A citizen's rating of an answer. */
export interface Rating {
  /** 已解决 / 未解决. */
  readonly solved: boolean;
  readonly satisfaction: Satisfaction;
}

/** A rate from its counts (value null when the denominator is 0). */
export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}

/** 响应率: cases routed within their dispatch target over cases routed (those with a decision). */
export function responseRate(
  cases: readonly Pick<Case, "isEmergency" | "categoryCode" | "submittedAt" | "decidedAt">[],
  policy: DispatchPolicy = DEFAULT_DISPATCH_POLICY,
): Rate {
  let routed = 0;
  let onTime = 0;
  for (const subject of cases) {
    if (subject.decidedAt === null) continue;
    routed++;
    const elapsed = subject.decidedAt.getTime() - subject.submittedAt.getTime();
    if (elapsed <= dispatchTarget(subject, policy).ms) onTime++;
  }
  return rate(onTime, routed);
}

/** The ratings of the cases that have one. */
export function ratingsOf(cases: readonly Pick<Case, "solved" | "satisfaction">[]): Rating[] {
  const ratings: Rating[] = [];
  for (const { solved, satisfaction } of cases) {
    if (solved !== null && satisfaction !== null) ratings.push({ solved, satisfaction });
  }
  return ratings;
}

/** 解决率: ratings that say solved over all ratings. */
export function resolutionRate(ratings: readonly Rating[]): Rate {
  return rate(ratings.filter((r) => r.solved).length, ratings.length);
}

/** 满意率: 满意 + 基本满意 over all ratings. */
export function satisfactionRate(ratings: readonly Rating[]): Rate {
  return rate(ratings.filter((r) => r.satisfaction !== "dissatisfied").length, ratings.length);
}
