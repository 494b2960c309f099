/** The routing suggestion shown to the clerk for a case, with the categories the classifier also considered. */
import { z } from "zod";
import { unitById, type Directory } from "../domain/directory.ts";
import type { CaseStatus } from "../domain/lifecycle/case-status.ts";
import type { TimelineFact } from "../domain/lifecycle/timeline.ts";
import { routeComplaint } from "../domain/routing.ts";
import type { Explanation } from "../domain/routing-explanation.ts";
import { ROUTING_METHODS, type RoutingMethod, type RoutingNote } from "../domain/vocabulary.ts";
import { explanationInBoth, type ExplanationLines } from "../i18n/routing-explanation.ts";
import type {
  ConsideredCategory,
  RoutingSuggestionStore,
  StoredSuggestion,
} from "../storage/routing-suggestion-store.ts";

export interface RoutingProposal {
  readonly unitId: string;
  readonly unitName: string;
  readonly categoryCode: string;
  readonly confidence: number;
  readonly method: RoutingMethod;
  /** Why, as facts; null for suggestions kept before explanations were facts. */
  readonly explanation: Explanation | null;
  /**
   * Why, in words, one line each, in each of the console's languages: `explanation` said
   * (explanationLines); without it, the reason as it was kept, in Chinese in both (no line
   * when it was empty).
   */
  readonly rationale: ExplanationLines;
  /** What the routing itself notes (region unknown, the discipline body …), as label keys. */
  readonly notes: readonly RoutingNote[];
  /** The region could not be known: routed to the city level. */
  readonly flagged: boolean;
  /** The classifier did not know: offer the alternatives instead of a one-tap confirm. */
  readonly unsure: boolean;
  /** The language detected in the complaint (null for cases kept before it was). */
  readonly language: string | null;
  /** Other categories, best first (at most 3), each with the unit it would go to. */
  readonly alternatives: readonly { readonly categoryCode: string; readonly confidence: number }[];
  /** When `unsure`: what the clerk chooses from instead of confirming (see unsureChoices). */
  readonly choices: readonly RouteChoice[];
}

/** A category the classifier considered, with the unit a case of it goes to. */
export interface RouteChoice {
  readonly categoryCode: string;
  readonly confidence: number;
  readonly unitId: string;
  readonly unitName: string;
}

/** How many categories an unsure suggestion offers. */
const UNSURE_CHOICES = 3;

/**
 * What a clerk chooses from when the classifier was unsure: its top 3 categories, best
 * first, each with the unit it goes to in the case's region (a unit offered once, under its
 * likeliest category). Empty when the classifier was sure: the clerk then confirms with one
 * tap. Never empty when unsure: without stored alternatives, the suggested category alone.
 */
export function unsureChoices(
  directory: Directory,
  suggestion: {
    readonly unsure: boolean;
    readonly categoryCode: string;
    readonly confidence: number;
    readonly alternatives: readonly ConsideredCategory[];
  },
  regionCode: string | null,
): RouteChoice[] {
  if (!suggestion.unsure) return [];
  const scores =
    suggestion.alternatives.length > 0
      ? suggestion.alternatives
      : [{ category: suggestion.categoryCode, confidence: suggestion.confidence }];
  const choices: RouteChoice[] = [];
  for (const score of [...scores].sort((a, b) => b.confidence - a.confidence)) {
    const unitId = routeComplaint(directory, score.category, regionCode).unitId;
    if (choices.some((c) => c.unitId === unitId)) continue;
    const unitName = unitById(directory, unitId)?.name ?? unitId;
    choices.push({ categoryCode: score.category, confidence: score.confidence, unitId, unitName });
    if (choices.length === UNSURE_CHOICES) break;
  }
  return choices;
}

/**
 * Where a case under review (复查 or 复核) is proposed to go: the next higher organ of the unit
 * whose answer the citizen disputes, as decided when the review was asked for (reviewOrgan).
 */
export interface ReviewProposal {
  readonly stage: 1 | 2;
  /** Null when there is none to propose: the clerk chooses the unit. */
  readonly unitId: string | null;
  readonly unitName: string | null;
}

/**
 * The review proposal of a case from its timeline (any order; the latest request counts); null
 * unless the case is under review. The classifier's suggestion is not a review's proposal: it
 * names the unit that answered.
 */
export function reviewProposal(
  directory: Directory,
  status: CaseStatus,
  timeline: readonly { readonly at: Date; readonly fact: TimelineFact }[],
): ReviewProposal | null {
  if (status !== "under_review") return null;
  let latest: (TimelineFact & { kind: "review_requested" }) | null = null;
  let latestAt = -Infinity;
  for (const { at, fact } of timeline) {
    if (fact.kind !== "review_requested" || at.getTime() < latestAt) continue;
    latest = fact;
    latestAt = at.getTime();
  }
  if (latest === null) return null;
  const unitId = latest.data.proposedUnitId ?? null;
  return {
    stage: latest.data.stage,
    unitId,
    unitName: unitId === null ? null : (unitById(directory, unitId)?.name ?? unitId),
  };
}

const RoutingMethodSchema = z.enum(ROUTING_METHODS);

/** The categories `suggestion` considered other than `categoryCode`, best first (at most 3). */
export function otherCategories(
  suggestion: Pick<StoredSuggestion, "alternatives">,
  categoryCode: string,
): { readonly categoryCode: string; readonly confidence: number }[] {
  return suggestion.alternatives
    .filter((a) => a.category !== categoryCode)
    .slice(0, 3)
    .map((a) => ({ categoryCode: a.category, confidence: a.confidence }));
}

/** A reason kept as Chinese text before explanations were facts, as the lines of both languages. */
function keptRationale(text: string): ExplanationLines {
  const lines = text ? [text] : [];
  return { zh: lines, en: lines };
}

/** The chosen suggestion of each case id (cases without one are left out). */
export async function routingProposals(
  suggestions: RoutingSuggestionStore,
  directory: Directory,
  caseIds: readonly string[],
): Promise<Map<string, RoutingProposal>> {
  const proposals = new Map<string, RoutingProposal>();
  for (const [caseId, stored] of await suggestions.chosenOf(caseIds)) {
    proposals.set(caseId, {
      unitId: stored.unitId,
      unitName: unitById(directory, stored.unitId)?.name ?? stored.unitId,
      categoryCode: stored.categoryCode,
      confidence: stored.confidence,
      method: RoutingMethodSchema.catch("citizen").parse(stored.method),
      explanation: stored.explanation,
      rationale: stored.explanation
        ? explanationInBoth(stored.explanation, directory)
        : keptRationale(stored.rationale),
      notes: routeComplaint(directory, stored.categoryCode, stored.caseRegionCode).notes,
      flagged: stored.flagged,
      unsure: stored.unsure,
      language: stored.language,
      alternatives: otherCategories(stored, stored.categoryCode),
      choices: unsureChoices(directory, stored, stored.caseRegionCode),
    });
  }
  return proposals;
}
