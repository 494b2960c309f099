/**
 * The case list: the cases a staff member may see, filtered, in pages, with
 * the true count. Ordered newest first by submission (keyset on
 * (submittedAt, id)); the urged cases (`urged`) the most urged first, then newest first
 * (keyset on (urgeCount, submittedAt, id), the order of their index, read backwards);
 * the overdue cases (`overdueAt`) the longest overdue first (keyset on (runningDueAt, id));
 * a text search is ordered by filing order (CaseSearch.id),
 * newest first, which is what the search index returns cheaply. A tracking
 * number is looked up by its unique index, a contact phone by its index.
 */
import { z } from "zod";
import { AppError } from "../../errors.ts";
import type { Db } from "../database.ts";
import {
  caseConditions,
  caseCountConditions,
  EVERY_CASE,
  type CaseFilter,
  type CaseScope,
} from "./case-conditions.ts";
import {
  caseSelection,
  searchCountSql,
  searchSource,
  type CaseSelection,
  type CaseSelectionRequest,
} from "./case-selection.ts";
import {
  keyOf,
  keysetCondition,
  LIST_KEY_COLUMNS,
  orderKeys,
  type ListKeyRow,
  type ListOrder,
} from "./list-order.ts";
import type { SearchQuery } from "./search-terms.ts";
import { empty, sql, toNumber, type Dialect, type Sql } from "./sql.ts";

/** A search counts its matches up to this many; the console then says "more than 10,000". */
export const SEARCH_COUNT_LIMIT = 10_000;

/**
 * PostgreSQL reads every match of a word from the table to order them newest first (its text
 * index keeps no order): a page is first looked for among the newest this many search rows
 * (the text index's bitmap intersected with one of the id range), and only a page not filled
 * there reads every match. A word in 0.7 % of a million cases has 7,000 matches and about 140
 * in the window.
 */
const SEARCH_WINDOW = 20_000;

export interface CasePageRequest extends CaseSelectionRequest {
  /** The `next` cursor of the page before. */
  readonly after?: string | undefined;
  /** The `previous` cursor of the page after. */
  readonly before?: string | undefined;
  readonly limit: number;
}

export interface CasePage {
  /** Case row ids, in the page's order. */
  readonly ids: readonly string[];
  /** How many cases match in all (for a text search, at most SEARCH_COUNT_LIMIT). */
  readonly total: number;
  /** True when a search found more than SEARCH_COUNT_LIMIT: `total` is then that limit. */
  readonly totalIsLowerBound: boolean;
  /** 1-based position of the page's first case in the whole list (0 for an empty page). */
  readonly first: number;
  readonly next: string | null;
  readonly previous: string | null;
}

/**
 * A position in a list: the key of a case and its 1-based position. `u`: the case's urge count,
 * in a list of the urged cases (ordered by it first); `d`: its running deadline, in a list of
 * the overdue cases (ordered by it, then by id).
 */
const CursorSchema = z.union([
  z.object({
    k: z.literal("t"),
    u: z.number().int().optional(),
    d: z.iso.datetime().optional(),
    t: z.iso.datetime(),
    i: z.string().max(64),
    p: z.number().int(),
  }),
  z.object({ k: z.literal("s"), s: z.number().int(), p: z.number().int() }),
]);
type Cursor = z.infer<typeof CursorSchema>;

interface Row {
  readonly id: string;
  readonly key: Cursor;
}

export function createCaseList(db: Db, dialect: Dialect) {
  async function page(request: CasePageRequest): Promise<CasePage> {
    const selected = caseSelection(dialect, request);
    if (selected.kind === "search") return searchPage(request, selected);
    return keysetPage(request, selected.order, selected.conditions, () =>
      countOrdered(request, selected),
    );
  }

  /** The page query of the list: its rows in `order`, or `backwards` in the reverse of it. */
  function listSql(conditions: Sql, order: ListOrder, backwards: boolean, limit: number): Sql {
    return sql`SELECT ${LIST_KEY_COLUMNS} FROM "Case" c
      WHERE ${conditions}
      ORDER BY ${orderKeys(order, backwards)}
      LIMIT ${limit}`;
  }

  /** Rows after (or, backwards, before) `at` in the list's order, `limit` at most. */
  async function keysetRows(
    conditions: Sql,
    order: ListOrder,
    at: Cursor | null,
    backwards: boolean,
    limit: number,
  ): Promise<Row[]> {
    const keyset = at?.k === "t" ? sql` AND ${keysetCondition(order, at, backwards)}` : sql``;
    const rows = await db.$queryRaw<
      ListKeyRow[]
    >`${listSql(sql`${conditions}${keyset}`, order, backwards, limit)}`;
    return rows.map((row) => ({ id: row.id, key: { k: "t", ...keyOf(order, row), p: 0 } }));
  }

  /**
   * How many cases a selection holds, a search's every one (the list counts a search only up to
   * SEARCH_COUNT_LIMIT; an export streams them all).
   */
  async function countAll(request: CaseSelectionRequest): Promise<number> {
    const selected = caseSelection(dialect, request);
    if (selected.kind !== "search") return countOrdered(request, selected);
    const source = searchSource(dialect, request.scope, selected);
    const rows = await db.$queryRaw<
      { n: unknown }[]
    >`${searchCountSql(source, selected.conditions, null)}`;
    return toNumber(rows[0]?.n);
  }

  /** A tracking number's or a phone's cases counted; the filter's alone by its kept counts. */
  function countOrdered(
    request: CaseSelectionRequest,
    selected: CaseSelection & { kind: "ordered" },
  ): Promise<number> {
    return selected.narrowed ? count(selected.conditions) : total(request.scope, request.filter);
  }

  async function count(conditions: Sql): Promise<number> {
    // Without a WHERE, SQLite counts the pages of its smallest index instead of the rows.
    const where = conditions === EVERY_CASE ? sql`` : sql` WHERE ${conditions}`;
    const rows = await db.$queryRaw<{ n: unknown }[]>`SELECT COUNT(*) AS "n" FROM "Case" c${where}`;
    return toNumber(rows[0]?.n);
  }

  /**
   * How many cases `scope` may see that match `filter`: without a period, the sum of the
   * counts kept per status, region, category, unit and class (a few thousand rows at any
   * size); with one, the cases of the period counted through its index.
   */
  async function total(scope: CaseScope, filter: CaseFilter): Promise<number> {
    const counted = caseCountConditions(dialect, scope, filter);
    if (counted === null) return count(caseConditions(dialect, scope, filter));
    const where = counted === EVERY_CASE ? sql`` : sql` WHERE ${counted}`;
    const rows = await db.$queryRaw<
      { n: unknown }[]
    >`SELECT SUM(c."cases") AS "n" FROM "CaseCount" c${where}`;
    return toNumber(rows[0]?.n);
  }

  async function keysetPage(
    request: CasePageRequest,
    order: ListOrder,
    conditions: Sql,
    countAll: () => Promise<number>,
  ): Promise<CasePage> {
    const { after, before } = cursorsOf(request, "t");
    const backwards = before !== null;
    const at = before ?? after;
    const [rows, total] = await Promise.all([
      keysetRows(conditions, order, at, backwards, request.limit + 1),
      countAll(),
    ]);
    return pageOf(request, at, backwards, rows, total, false);
  }

  async function searchPage(
    request: CasePageRequest,
    selected: CaseSelection & { kind: "search" },
  ): Promise<CasePage> {
    const { after, before } = cursorsOf(request, "s");
    const backwards = before !== null;
    const at = before ?? after;
    const statements = searchStatements(request, selected, at, backwards);
    const rowsWithin = (window: Sql) =>
      db.$queryRaw<{ id: string; searchId: unknown }[]>`${statements.rows(window)}`;
    const found =
      dialect === "postgres"
        ? rowsWithin(searchWindow(at?.k === "s" ? at.s : null, backwards)).then((rows) =>
            rows.length > request.limit ? rows : rowsWithin(empty),
          )
        : rowsWithin(empty);
    const [rows, count] = await Promise.all([
      found,
      db.$queryRaw<{ n: unknown }[]>`${statements.count}`,
    ]);
    const total = toNumber(count[0]?.n);
    return pageOf(
      request,
      at,
      backwards,
      rows.map((row) => ({ id: row.id, key: { k: "s", s: toNumber(row.searchId), p: 0 } })),
      Math.min(total, SEARCH_COUNT_LIMIT),
      total > SEARCH_COUNT_LIMIT,
    );
  }

  /** A text search's page query (its rows within `window`, for PostgreSQL) and its count. */
  function searchStatements(
    request: Pick<CasePageRequest, "scope" | "limit">,
    selected: { readonly conditions: Sql; readonly search: SearchQuery },
    at: Cursor | null,
    backwards: boolean,
  ): { rows: (window: Sql) => Sql; count: Sql } {
    const source = searchSource(dialect, request.scope, selected);
    const { from, match, key } = source;
    const keyset = at?.k === "s" ? sql` AND ${key} ${sql([backwards ? ">" : "<"])} ${at.s}` : sql``;
    const direction = sql([backwards ? "ASC" : "DESC"]);
    return {
      rows: (window) => sql`
        SELECT s."caseId" AS "id", ${key} AS "searchId" FROM ${from(window)}
        WHERE ${match} AND ${selected.conditions}${keyset}
        ORDER BY ${key} ${direction}
        LIMIT ${request.limit + 1}`,
      count: searchCountSql(source, selected.conditions, SEARCH_COUNT_LIMIT + 1),
    };
  }

  async function plan(query: Sql, forceIndexes: boolean, withoutSorts: boolean): Promise<string> {
    if (dialect === "sqlite") {
      const rows = await db.$queryRaw<{ detail: string }[]>`EXPLAIN QUERY PLAN ${query}`;
      return rows.map((row) => row.detail).join("\n");
    }
    const rows = await db.$transaction(async (tx) => {
      if (forceIndexes) await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      if (withoutSorts) await tx.$executeRawUnsafe("SET LOCAL enable_sort = off");
      return tx.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN ${query}`;
    });
    return rows.map((row) => row["QUERY PLAN"]).join("\n");
  }

  return {
    page,
    /**
     * The database's plan for the first page of a list (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on
     * PostgreSQL), one line per step: the benchmark and the tests check that each filter is
     * answered through an index. With `q` and `contactPhone`, the plans of the page the list
     * runs for them (caseSelection): a search's first page (on PostgreSQL, within the newest
     * search rows) and its count, one after the other; the page of a tracking number or of the
     * cases left with a phone number.
     * `forceIndexes` turns PostgreSQL's sequential scans off for the query, so that a test on a
     * few rows sees which index the planner would use on many; `withoutSorts` its sorts, so
     * that it sees whether an index gives the page's order (a sort is planned only if none can).
     */
    async explain(
      scope: CaseScope,
      filter: CaseFilter,
      options: {
        readonly forceIndexes?: boolean;
        readonly withoutSorts?: boolean;
        readonly q?: string;
        readonly contactPhone?: string;
      } = {},
    ): Promise<string> {
      const { q, contactPhone } = options;
      const selected = caseSelection(dialect, { scope, filter, q, contactPhone });
      const queries =
        selected.kind === "search"
          ? (({ rows, count }) => [
              rows(dialect === "postgres" ? searchWindow(null, false) : empty),
              count,
            ])(searchStatements({ scope, limit: 50 }, selected, null, false))
          : [listSql(selected.conditions, selected.order, false, 51)];
      const plans: string[] = [];
      const { forceIndexes = false, withoutSorts = false } = options;
      for (const query of queries) plans.push(await plan(query, forceIndexes, withoutSorts));
      return plans.join("\n");
    },
    /** How many cases `scope` may see that match `filter`. */
    count: total,
    countAll,
  };
}

export type CaseList = ReturnType<typeof createCaseList>;

/**
 * The SEARCH_WINDOW search rows next to `at` in the page's direction (the newest without
 * `at`), as a condition on CaseSearch s. The bound is a subquery so that PostgreSQL plans it
 * without its value, as one bitmap to intersect with the text index's; planned with it, a
 * narrow range is read row by row instead, each row's text parsed again (小区, in 85,000 of a
 * million cases: 607 ms that way, 27 ms this way).
 */
function searchWindow(at: number | null, backwards: boolean): Sql {
  if (at === null) {
    return sql` AND s."id" > (SELECT MAX("id") - ${SEARCH_WINDOW} FROM "CaseSearch")`;
  }
  return backwards
    ? sql` AND s."id" < (SELECT CAST(${at + SEARCH_WINDOW} AS INTEGER))`
    : sql` AND s."id" > (SELECT CAST(${at - SEARCH_WINDOW} AS INTEGER))`;
}

/** The page from rows fetched one more than `limit` (that one tells whether more follow). */
function pageOf(
  request: CasePageRequest,
  at: Cursor | null,
  backwards: boolean,
  fetched: Row[],
  total: number,
  totalIsLowerBound: boolean,
): CasePage {
  const more = fetched.length > request.limit;
  const rows = fetched.slice(0, request.limit);
  if (backwards) rows.reverse();
  const first =
    rows.length === 0 ? 0 : backwards ? Math.max(1, (at?.p ?? 1) - rows.length) : (at?.p ?? 0) + 1;
  const firstRow = rows[0];
  const lastRow = rows.at(-1);
  const hasNext = backwards ? at !== null : more;
  const hasPrevious = backwards ? more : at !== null;
  return {
    ids: rows.map((row) => row.id),
    total,
    totalIsLowerBound,
    first,
    next: hasNext && lastRow ? encode({ ...lastRow.key, p: first + rows.length - 1 }) : null,
    previous: hasPrevious && firstRow ? encode({ ...firstRow.key, p: first }) : null,
  };
}

function cursorsOf(
  request: CasePageRequest,
  kind: Cursor["k"],
): { after: Cursor | null; before: Cursor | null } {
  const after = request.after ? decode(request.after, kind) : null;
  const before = request.before && !after ? decode(request.before, kind) : null;
  return { after, before };
}

function encode(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

/** @throws AppError("input.invalid") for a cursor this list did not give out. */
function decode(text: string, kind: Cursor["k"]): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    parsed = null;
  }
  const cursor = CursorSchema.safeParse(parsed);
  if (!cursor.success || cursor.data.k !== kind) {
    throw new AppError("input.invalid", "a page cursor that is not this list's");
  }
  return cursor.data;
}
