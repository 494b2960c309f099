/**
 * The order of the case list that is no text search, which the CSV export follows too (an
 * export of a list is its rows in the list's order): the ORDER BY of a page, the keyset
 * condition that continues after a case, and a case's key in that order.
 */
import { AppError } from "../../errors.ts";
import type { CaseFilter } from "./case-conditions.ts";
import { sql, toNumber, type Sql } from "./sql.ts";

/**
 * The order of a list that is no text search: newest first; for the urged cases (催办) the
 * most urged first — the clerk looks for the cases pressed hardest — then newest first; for
 * the overdue cases (已超期) the longest overdue first — the earliest running deadline — then
 * by id, whether urged or not (their condition is a range of that order's index alone).
 */
export type ListOrder = "filed" | "urges" | "due";

/**
 * A case's place in a list's order: `u` its urge count in the urged cases' order, `d` its
 * running deadline in the overdue cases', `t` its submission and `i` its id in every order.
 */
export interface ListKey {
  readonly u?: number | undefined;
  readonly d?: string | undefined;
  readonly t: string;
  readonly i: string;
}

/** The columns a key is read from (alias c), for the SELECT of a query in a list's order. */
export const LIST_KEY_COLUMNS = sql`c."id", c."submittedAt", c."urgeCount", c."runningDueAt"`;

/** A row of LIST_KEY_COLUMNS as the databases return it. */
export interface ListKeyRow {
  readonly id: string;
  readonly submittedAt: Date | string;
  readonly urgeCount: unknown;
  readonly runningDueAt: Date | string | null;
}

export function listOrderOf(filter: CaseFilter): ListOrder {
  return filter.overdueAt ? "due" : filter.urged ? "urges" : "filed";
}

/**
 * The ORDER BY keys of `order`, or `backwards` of its reverse. Every key's columns go the same
 * way, so that one index read either way answers it.
 */
export function orderKeys(order: ListOrder, backwards: boolean): Sql {
  const direction = sql([ascending(order, backwards) ? "ASC" : "DESC"]);
  const keys =
    order === "due"
      ? sql`c."runningDueAt" ${direction}`
      : order === "urges"
        ? sql`c."urgeCount" ${direction}, c."submittedAt" ${direction}`
        : sql`c."submittedAt" ${direction}`;
  return sql`${keys}, c."id" ${direction}`;
}

/** The key of `row` in `order`. */
export function keyOf(order: ListOrder, row: ListKeyRow): ListKey {
  return {
    ...(order === "urges" && { u: toNumber(row.urgeCount) }),
    ...(order === "due" &&
      row.runningDueAt !== null && { d: new Date(row.runningDueAt).toISOString() }),
    t: new Date(row.submittedAt).toISOString(),
    i: row.id,
  };
}

/** Whether `order`, or `backwards` its reverse, reads its keys from the least. */
function ascending(order: ListOrder, backwards: boolean): boolean {
  return order === "due" ? !backwards : backwards;
}

/**
 * The rows after (or, `backwards`, before) the case at `at` in `order`, as one row value
 * compared, which both databases read as a range of the order's index.
 * @throws AppError("input.invalid") for a key of the other order.
 */
export function keysetCondition(order: ListOrder, at: ListKey, backwards: boolean): Sql {
  const comparison = sql([ascending(order, backwards) ? ">" : "<"]);
  if (order === "filed") {
    return sql`(c."submittedAt", c."id") ${comparison} (${new Date(at.t)}, ${at.i})`;
  }
  if (order === "due") {
    if (at.d === undefined) throw keyOfAnotherOrder();
    return sql`(c."runningDueAt", c."id") ${comparison} (${new Date(at.d)}, ${at.i})`;
  }
  if (at.u === undefined) throw keyOfAnotherOrder();
  return sql`(c."urgeCount", c."submittedAt", c."id") ${comparison} (${at.u}, ${new Date(at.t)}, ${at.i})`;
}

function keyOfAnotherOrder(): AppError {
  return new AppError("input.invalid", "a page cursor of another order");
}
