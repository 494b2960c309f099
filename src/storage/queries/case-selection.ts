/**
 * Which cases a list holds, and in which order, for the case list's pages (case-list.ts) and
 * the CSV export's batches (case-export-rows.ts) alike, so that an export holds exactly the
 * cases the list shows: the filter's cases in the list's order (list-order.ts), narrowed to a
 * tracking number or to a contact phone; or the cases a text search finds, in the search's
 * order (CaseSearch.id, newest first), which is what the search index returns cheaply.
 */
import { caseConditions, EVERY_CASE, type CaseFilter, type CaseScope } from "./case-conditions.ts";
import { listOrderOf, type ListOrder } from "./list-order.ts";
import { fts5Query, searchQuery, tsQuery, type SearchQuery } from "./search-terms.ts";
import { empty, sql, type Dialect, type Sql } from "./sql.ts";

/** What a tracking number looks like: ZK-20261128-0042 (any prefix of letters). */
const TRACKING_NO = /^[A-Za-z]{1,10}-\d{8}-\d{1,6}$/;

export interface CaseSelectionRequest {
  readonly scope: CaseScope;
  readonly filter: CaseFilter;
  /** A tracking number (looked up exactly) or words to find in the cases' text. */
  readonly q?: string | undefined;
  /**
   * A phone number as contacts are stored ("13812345678", "0394-8123456"): the cases left
   * with it as their contact, but for anonymous ones; `q` is then not searched. Only for a
   * viewer who sees the citizen's identity (the caller's rule).
   */
  readonly contactPhone?: string | undefined;
}

/**
 * `ordered`: the cases of `conditions` in `order`; `narrowed` when the conditions are more than
 * the filter's (a tracking number, a contact phone), which its kept counts cannot count.
 * `search`: the cases of `conditions` that `search` finds, in the search's order.
 */
export type CaseSelection =
  | {
      readonly kind: "ordered";
      readonly conditions: Sql;
      readonly order: ListOrder;
      readonly narrowed: boolean;
    }
  | { readonly kind: "search"; readonly conditions: Sql; readonly search: SearchQuery };

export function caseSelection(dialect: Dialect, request: CaseSelectionRequest): CaseSelection {
  const q = request.q?.trim() ?? "";
  const conditions = caseConditions(dialect, request.scope, request.filter);
  const order = listOrderOf(request.filter);
  if (request.contactPhone !== undefined) {
    const found = withContactPhone(conditions, request.contactPhone);
    return { kind: "ordered", conditions: found, order, narrowed: true };
  }
  if (TRACKING_NO.test(q)) {
    const found = sql`${conditions} AND c."trackingNo" = ${q.toUpperCase()}`;
    return { kind: "ordered", conditions: found, order, narrowed: true };
  }
  const search = q ? searchQuery(q) : [];
  if (search.length > 0) return { kind: "search", conditions, search };
  return { kind: "ordered", conditions, order, narrowed: false };
}

/**
 * The cases of `conditions` left with `phone` as their contact, now or before it changed (电话换了):
 * a citizen who asked to stay anonymous is never found by their number (a case keeps the number
 * it was filed with). Each through its own index.
 */
function withContactPhone(conditions: Sql, phone: string): Sql {
  const held = sql`SELECT h."id" FROM "Case" h WHERE h."contactPhone" = ${phone}
    UNION ALL SELECT f."caseId" FROM "CaseFormerContact" f WHERE f."contactPhone" = ${phone}`;
  return sql`${conditions} AND c."id" IN (${held}) AND NOT c."anonymous"`;
}

/** Where a text search reads its matches: see searchSource. */
export interface SearchSource {
  /** CaseSearch as s, and "Case" as c when asked; `window`: a condition on s (PostgreSQL). */
  readonly from: (window: Sql) => Sql;
  /** The tables to count the matches in. */
  readonly counted: Sql;
  readonly match: Sql;
  /** The search's order, newest first when descending. */
  readonly key: Sql;
}

/**
 * The tables and match condition of a selection's text search in this database: `from` for
 * the rows (CaseSearch as s, "Case" as c when its conditions filter anything or `joinCases`
 * asks for its columns), `counted` for the count. Every CaseSearch row has its case (a foreign
 * key), so a search that filters nothing reads no case: its count is the text index's alone,
 * not a lookup of each match's case. A unit searches the words as it reads them
 * (CaseSearch.unitTerms where the writer's identity is masked), so that a handler finds no case
 * by its writer's name; a clerk, as written.
 */
export function searchSource(
  dialect: Dialect,
  scope: CaseScope,
  selection: { readonly conditions: Sql; readonly search: SearchQuery },
  joinCases = false,
): SearchSource {
  const { conditions, search } = selection;
  const forUnit = scope.kind === "unit";
  const joined = joinCases || conditions !== EVERY_CASE;
  const cases = joined ? sql` JOIN "Case" c ON c."id" = s."caseId"` : sql``;
  if (dialect === "sqlite") {
    const found = sql`"CaseSearchIndex" f JOIN "CaseSearch" s ON s."id" = f.rowid${cases}`;
    // The index's "unit" column holds the words a unit reads, "clerk" the rest of the text
    // as written (see the migration case_search_unit_terms): a clerk searches both.
    const query = fts5Query(search);
    return {
      from: () => found,
      counted: joined ? found : sql`"CaseSearchIndex" f`,
      match: sql`"CaseSearchIndex" MATCH ${forUnit ? `{unit} : (${query})` : query}`,
      key: sql`f.rowid`,
    };
  }
  // The matches are found through the text index first (OFFSET 0 keeps the planner from
  // merging the subquery into the outer one). Merged, PostgreSQL walks CaseSearch's primary
  // key backwards for the ordering and computes to_tsvector for every row it passes until
  // it has a page: 2.8 s for a word in 0.7 % of a million cases, against milliseconds here.
  // A word in most cases costs the sort of its matches instead.
  // A unit reads a case's words as unitTerms has them where its writer's identity is masked,
  // else as terms has them: an index of its own on that expression keeps a unit's search one
  // bitmap scan, as a clerk's is. Two scans, of terms and of unitTerms alone, in a UNION ALL
  // (a smaller index) took twice as long for a page, and PostgreSQL ran their count in
  // parallel workers: 85–120 ms at 100k cases on a loaded machine, against 2 ms.
  const words = forUnit ? sql`COALESCE(s."unitTerms", s."terms")` : sql`s."terms"`;
  const matches = sql`to_tsvector('simple'::regconfig, ${words}) @@ to_tsquery('simple'::regconfig, ${tsQuery(search)})`;
  const found = (window: Sql) =>
    sql`(SELECT s."id", s."caseId" FROM "CaseSearch" s WHERE ${matches}${window} OFFSET 0) s`;
  return {
    from: (window) => sql`${found(window)}${cases}`,
    // Counted without reading a column, the matches' pages that VACUUM marked all-visible
    // are not read at all (the bitmap of the text index is the count).
    counted: joined
      ? sql`${found(empty)}${cases}`
      : sql`(SELECT 1 FROM "CaseSearch" s WHERE ${matches}) s`,
    match: sql`TRUE`,
    key: sql`s."id"`,
  };
}

/**
 * How many cases a search finds: `cap` at most (the list's, which need not count further),
 * all of them without one (the export's).
 */
export function searchCountSql(source: SearchSource, conditions: Sql, cap: number | null): Sql {
  const found = sql`SELECT 1 FROM ${source.counted} WHERE ${source.match} AND ${conditions}`;
  return cap === null
    ? sql`SELECT COUNT(*) AS "n" FROM (${found}) AS found`
    : sql`SELECT COUNT(*) AS "n" FROM (${found} LIMIT ${cap}) AS found`;
}
