/** The classifier's routing suggestions as they were kept with each case. */
import { z } from "zod";
import { ExplanationSchema, type Explanation } from "../domain/routing-explanation.ts";
import type { Logger } from "../logging/logger.ts";
import type { Db } from "./database.ts";

/** A category the classifier also considered. */
export interface ConsideredCategory {
  readonly category: string;
  readonly confidence: number;
}

export interface StoredSuggestion {
  readonly unitId: string;
  readonly categoryCode: string;
  readonly confidence: number;
  /** As stored (rules | model | llm | citizen); the reader checks it. */
  readonly method: string;
  /**
   * Why, as facts; null for a row kept before explanations were facts (or whose facts do not
   * read back: then logged once): `rationale` is its reason.
   */
  readonly explanation: Explanation | null;
  /** The reason as Chinese text, kept by rows before `explanation` (new rows: ""). */
  readonly rationale: string;
  /** The categories it considered, best first; empty when none were kept (or unreadable). */
  readonly alternatives: readonly ConsideredCategory[];
  readonly flagged: boolean;
  readonly unsure: boolean;
  /** The language detected in the complaint (null for cases kept before it was). */
  readonly language: string | null;
  /** The case's region now (the suggestion was made for it, or for none). */
  readonly caseRegionCode: string | null;
}

export interface RoutingSuggestionStore {
  /** The latest suggestion shown to the clerk of each case id (cases without one are left out). */
  chosenOf(caseIds: readonly string[]): Promise<Map<string, StoredSuggestion>>;
}

const AlternativesSchema = z.array(z.object({ category: z.string(), confidence: z.number() }));

/**
 * Reads the suggestions through `db`; an explanation that does not read back (bad JSON) falls
 * back to the row's text, warned on `logger` once per case.
 */
export function createRoutingSuggestionStore(db: Db, logger: Logger): RoutingSuggestionStore {
  const warned = new Set<string>();
  function explanationOf(stored: unknown, caseNo: string): Explanation | null {
    if (stored === null) return null;
    const parsed = ExplanationSchema.safeParse(stored);
    if (parsed.success) return parsed.data;
    if (!warned.has(caseNo)) {
      warned.add(caseNo);
      logger.warn(
        { caseNo, issue: parsed.error.issues[0]?.message },
        "routing explanation unreadable: its text is shown instead",
      );
    }
    return null;
  }
  return {
    async chosenOf(caseIds) {
      if (caseIds.length === 0) return new Map();
      const rows = await db.routingSuggestion.findMany({
        where: { caseId: { in: [...caseIds] }, chosen: true },
        orderBy: { createdAt: "asc" },
        include: { case: { select: { regionCode: true, trackingNo: true } } },
      });
      // Oldest first: a later suggestion of the same case replaces an earlier one.
      return new Map(
        rows.map((row) => {
          const alternatives = AlternativesSchema.safeParse(row.alternatives);
          const suggestion: StoredSuggestion = {
            unitId: row.unitId,
            categoryCode: row.categoryCode,
            confidence: row.confidence,
            method: row.method,
            explanation: explanationOf(row.explanation, row.case.trackingNo),
            rationale: row.rationale,
            alternatives: alternatives.success ? alternatives.data : [],
            flagged: row.flagged,
            unsure: row.unsure,
            language: row.language,
            caseRegionCode: row.case.regionCode,
          };
          return [row.caseId, suggestion];
        }),
      );
    },
  };
}
