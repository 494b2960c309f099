/** The routing suggestion shown to the clerk for a case, with the categories the classifier also considered. */
import { z } from "zod";
import type { Directory } from "../domain/directory.ts";
import { routeComplaint } from "../domain/routing.ts";
import { ROUTING_METHODS, type RoutingMethod, type RoutingNote } from "../domain/vocabulary.ts";
import type { Db } from "../storage/database.ts";

export interface RoutingProposal {
  readonly unitId: string;
  readonly unitName: string;
  readonly categoryCode: string;
  readonly confidence: number;
  readonly method: RoutingMethod;
  /** The classifier's reason, in Chinese (empty when the citizen chose the category). */
  readonly rationale: string;
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
}

const RoutingMethodSchema = z.enum(ROUTING_METHODS);
const AlternativesSchema = z.array(z.object({ category: z.string(), confidence: z.number() }));

/** The chosen suggestion of each case id (cases without one are left out). */
export async function routingProposals(
  db: Db,
  directory: Directory,
  caseIds: readonly string[],
): Promise<Map<string, RoutingProposal>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db.routingSuggestion.findMany({
    where: { caseId: { in: [...caseIds] }, chosen: true },
    orderBy: { createdAt: "asc" },
    include: { case: { select: { regionCode: true } } },
  });
  const proposals = new Map<string, RoutingProposal>();
  for (const row of rows) {
    const alternatives = AlternativesSchema.safeParse(row.alternatives);
    proposals.set(row.caseId, {
      unitId: row.unitId,
      unitName: directory.units.find((u) => u.id === row.unitId)?.name ?? row.unitId,
      categoryCode: row.categoryCode,
      confidence: row.confidence,
      method: RoutingMethodSchema.catch("citizen").parse(row.method),
      rationale: row.rationale,
      notes: routeComplaint(directory, row.categoryCode, row.case.regionCode).notes,
      flagged: row.flagged,
      unsure: row.unsure,
      language: row.language,
      alternatives: (alternatives.success ? alternatives.data : [])
        .filter((a) => a.category !== row.categoryCode)
        .slice(0, 3)
        .map((a) => ({ categoryCode: a.category, confidence: a.confidence })),
    });
  }
  return proposals;
}
