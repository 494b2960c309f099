/** The routing suggestion shown to the clerk for a case, with the categories the classifier also considered. */
import { z } from "zod";
import type { Directory } from "../domain/directory.ts";
import type { Db } from "../storage/database.ts";

export interface RoutingProposal {
  readonly unitId: string;
  readonly unitName: string;
  readonly categoryCode: string;
  readonly confidence: number;
  /** rules | model | llm | citizen */
  readonly method: string;
  readonly rationale: string;
  /** The region could not be known: routed to the city level. */
  readonly flagged: boolean;
  /** The classifier did not know: offer the alternatives instead of a one-tap confirm. */
  readonly unsure: boolean;
  /** The language detected in the complaint (null for cases kept before it was). */
  readonly language: string | null;
  /** Other categories, best first (at most 3), each with the unit it would go to. */
  readonly alternatives: readonly { readonly categoryCode: string; readonly confidence: number }[];
}

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
  });
  const proposals = new Map<string, RoutingProposal>();
  for (const row of rows) {
    const alternatives = AlternativesSchema.safeParse(row.alternatives);
    proposals.set(row.caseId, {
      unitId: row.unitId,
      unitName: directory.units.find((u) => u.id === row.unitId)?.name ?? row.unitId,
      categoryCode: row.categoryCode,
      confidence: row.confidence,
      method: row.method,
      rationale: row.rationale,
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
