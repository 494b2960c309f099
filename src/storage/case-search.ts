/**
 * The search terms of each case (CaseSearch, indexed by the database: see
 * src/storage/queries/search-terms.ts): written with the case, and for cases
 * stored before the search existed, once, by a background job after the start.
 */
import { backfillMark, type BackfillMark } from "./backfill-mark.ts";
import type { Logger } from "../logging/logger.ts";
import type { Db } from "./database.ts";
import { searchTerms } from "./queries/search-terms.ts";

/** What a clerk can find a case by: its description and its address. */
export function caseSearchTerms(subject: {
  readonly description: string;
  readonly address: string | null;
}): string {
  return searchTerms(`${subject.description} ${subject.address ?? ""}`);
}

/** Changes when searchTerms changes: every case's terms are then written again. */
export const SEARCH_TERMS_VERSION = "1";
const BATCH = 1_000;

/** Whether every stored case's terms were written by this version (the seed writes them too). */
export function searchTermsMark(db: Db): BackfillMark {
  return backfillMark(db, "case-search:terms-version", SEARCH_TERMS_VERSION);
}

/**
 * Writes the search terms of every case, oldest first, unless they were written
 * by this version already (one lookup at each start). Runs beside the service:
 * until it ends, older cases are missing from text searches. Stops between two
 * batches when `signal` aborts (the next start goes on). Resolves with how
 * many cases it indexed.
 */
export async function indexCaseSearch(
  db: Db,
  logger: Logger,
  signal?: AbortSignal,
): Promise<number> {
  const mark = searchTermsMark(db);
  if (await mark.isDone()) return 0;
  let indexed = 0;
  let after: { submittedAt: Date; id: string } | null = null;
  for (;;) {
    if (signal?.aborted) return indexed;
    const rows: { id: string; submittedAt: Date; description: string; address: string | null }[] =
      await db.case.findMany({
        where: after
          ? {
              OR: [
                { submittedAt: { gt: after.submittedAt } },
                { submittedAt: after.submittedAt, id: { gt: after.id } },
              ],
            }
          : {},
        orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
        take: BATCH,
        select: { id: true, submittedAt: true, description: true, address: true },
      });
    await db.$transaction(
      rows.map((row) =>
        db.caseSearch.upsert({
          where: { caseId: row.id },
          create: { caseId: row.id, terms: caseSearchTerms(row) },
          update: { terms: caseSearchTerms(row) },
        }),
      ),
    );
    indexed += rows.length;
    if (rows.length < BATCH) break;
    after = rows.at(-1)!;
    if (indexed % 50_000 === 0) logger.info({ indexed }, "indexing cases for search");
  }
  await mark.markDone();
  if (indexed > 0) logger.info({ indexed }, "cases indexed for search");
  return indexed;
}
