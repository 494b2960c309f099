/**
 * The search terms of each case (CaseSearch, indexed by the database: see
 * src/storage/queries/search-terms.ts): written with the case, and for cases
 * stored before the search existed, or before its terms last changed (SEARCH_TERMS_VERSION),
 * once, by a background job after the start.
 */
import { maskIdentity, type LeftContact } from "../domain/identity-in-text.ts";
import { backfillMark, type BackfillMark } from "./backfill-mark.ts";
import type { Logger } from "../logging/logger.ts";
import type { Db } from "./database.ts";
import {
  LEFT_CONTACT_SELECT,
  leftContactOf,
  type FormerContactColumns,
} from "./former-contacts.ts";
import { searchTerms } from "./queries/search-terms.ts";

/** The terms a case is found by, as stored in CaseSearch. */
export interface CaseSearchTerms {
  /**
   * The description and address as written, and the names of the case's contact — the citizen's
   * and, when the number is a relative's, the holder's — now and before it changed: what a clerk
   * finds the case by ("张建国 last week called about…", "his son 张强 called").
   */
  readonly terms: string;
  /**
   * The description and address as a handling unit reads them, the writer's identity masked
   * (maskIdentity, as every unit's reader masks them), and never a contact's name: null only
   * when they equal `terms` (no name left, none masked), since the unit then searches `terms`.
   * A unit's search for the writer's name or number thus finds nothing.
   */
  readonly unitTerms: string | null;
}

/**
 * What a clerk can find a case by: its description, its address and its contacts' names, former
 * ones too (an anonymous case has none); a unit: its description and address as it reads them.
 */
export function caseSearchTerms(subject: {
  readonly description: string;
  readonly address: string | null;
  readonly contact: LeftContact | null;
}): CaseSearchTerms {
  const { description, address, contact } = subject;
  const held = contact ? [contact, ...(contact.former ?? [])] : [];
  const names = held.flatMap((each) => [each.name, each.holder?.name]);
  const terms = searchTerms([description, address, ...names].join(" "));
  const unitTerms = searchTerms(
    [maskIdentity(description, contact), address && maskIdentity(address, contact)].join(" "),
  );
  // Compared with the clerk's terms, name included: a unit searches `terms` when null.
  return { terms, unitTerms: unitTerms === terms ? null : unitTerms };
}

/** A case's columns its terms are computed from. */
export interface CaseTextColumns extends FormerContactColumns {
  readonly description: string;
  readonly address: string | null;
  readonly formerContacts: readonly FormerContactColumns[];
}

interface StoredCaseText extends CaseTextColumns {
  readonly id: string;
  readonly submittedAt: Date;
  readonly search: { readonly terms: string; readonly unitTerms: string | null } | null;
}

/** The terms of a case as its columns now have it, its contact as it now is and was before. */
export function storedCaseSearchTerms(row: CaseTextColumns): CaseSearchTerms {
  return caseSearchTerms({
    ...row,
    contact: leftContactOf(row),
  });
}

/** The upsert of a case's CaseSearch row with `terms` (a row missing before the backfill too). */
export function caseSearchUpsert(caseId: string, terms: CaseSearchTerms) {
  return { where: { caseId }, create: { caseId, ...terms }, update: terms };
}

/**
 * Changes when the stored terms change (searchTerms, or what a unit reads): every case's terms
 * are then computed again, and written where they differ. "2": a unit's terms kept apart;
 * "3": a name the writer introduces in the text is masked in them too; "4": also one they call
 * themselves by ("我是东关的老王"); "5": also a full name after 我是 ("我是张建国");
 * "6": a clerk's terms hold the contact's name, and a unit's are kept for every named case;
 * "7": a clerk's terms hold the name of the number's holder too, and every case whose contact
 * changed (电话换了) before its terms followed the change has them computed for the contact
 * it now keeps. (The contacts a case kept before, CaseFormerContact, changed no stored terms:
 * none was kept before them, and every change since writes its case's terms.) "8": a unit's
 * terms mask the numbers the case keeps and kept wherever the words write them, also in a
 * shape no phone is recognised by ("158.1234.5678"); "9": also a kept landline's local number
 * written without its area code ("812.3456" of 0394-8123456).
 */
export const SEARCH_TERMS_VERSION = "9";
const BATCH = 1_000;

/** Whether every stored case's terms were written by this version (the seed writes them too). */
export function searchTermsMark(db: Db): BackfillMark {
  return backfillMark(db, "case-search:terms-version", SEARCH_TERMS_VERSION);
}

/**
 * Computes the search terms of every case, oldest first, a batch of cases at a time, and writes
 * those missing or stored otherwise, unless this version did already (one lookup at each start):
 * a new version rewrites only the cases it changes (version 6: every case that left a name, its
 * clerk's and its unit's terms in one row). Runs beside the service: until it ends, older cases
 * are missing from text searches, found by a unit as before, or not by their contact's name. Stops between two batches when `signal` aborts (the
 * next start goes on). Resolves with how many cases' terms it wrote.
 */
export async function indexCaseSearch(
  db: Db,
  logger: Logger,
  signal?: AbortSignal,
): Promise<number> {
  const mark = searchTermsMark(db);
  if (await mark.isDone()) return 0;
  let read = 0;
  let written = 0;
  let after: { submittedAt: Date; id: string } | null = null;
  for (;;) {
    if (signal?.aborted) return written;
    const rows: StoredCaseText[] = await db.case.findMany({
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
      select: {
        id: true,
        submittedAt: true,
        description: true,
        address: true,
        ...LEFT_CONTACT_SELECT,
        search: { select: { terms: true, unitTerms: true } },
      },
    });
    const changed = rows.flatMap((row) => {
      const computed = storedCaseSearchTerms(row);
      const stored = row.search;
      return stored?.terms === computed.terms && stored.unitTerms === computed.unitTerms
        ? []
        : [{ caseId: row.id, ...computed }];
    });
    await db.$transaction(
      changed.map(({ caseId, ...computed }) =>
        db.caseSearch.upsert(caseSearchUpsert(caseId, computed)),
      ),
    );
    read += rows.length;
    written += changed.length;
    if (rows.length < BATCH) break;
    after = rows.at(-1)!;
    if (read % 50_000 === 0) logger.info({ read, written }, "indexing cases for search");
  }
  await mark.markDone();
  if (written > 0) logger.info({ read, written }, "cases indexed for search");
  return written;
}
