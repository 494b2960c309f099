/**
 * The few differences between SQLite and PostgreSQL that the read queries
 * meet, as SQL fragments: enum casts, instants as epoch milliseconds, the
 * Shanghai date of an instant. Queries are Prisma.sql templates: values are
 * always parameters, never spliced into the text.
 */
import { Prisma } from "../../generated/sqlite/client.ts";
import type { DatabaseProvider } from "../database-url.ts";

export type Dialect = DatabaseProvider;
export type Sql = Prisma.Sql;
export const sql = Prisma.sql;
export const join = Prisma.join;
export const empty = Prisma.empty;

/**
 * SQLite's `INDEXED BY` the named index, where its planner would pick a worse one (PostgreSQL
 * plans from its own statistics: nothing).
 */
export function indexedBy(dialect: Dialect, index: string): Sql {
  return dialect === "sqlite" ? sql` INDEXED BY ${Prisma.raw(`"${index}"`)}` : empty;
}

/** Names of the database enums the queries compare with (PostgreSQL needs the cast). */
type EnumType = "CaseStatus" | "CaseClass" | "Satisfaction" | "RequestKind";

/** A parameter compared with an enum column. */
export function enumValue(dialect: Dialect, type: EnumType, value: string): Sql {
  return dialect === "postgres" ? sql`${value}::${Prisma.raw(`"${type}"`)}` : sql`${value}`;
}

/** `column IN (values)` for an enum column; false for no values. */
export function enumIn(
  dialect: Dialect,
  column: Sql,
  type: EnumType,
  values: readonly string[],
): Sql {
  if (values.length === 0) return sql`1 = 0`;
  return sql`${column} IN (${join(values.map((v) => enumValue(dialect, type, v)))})`;
}

/**
 * An instant column as milliseconds since the epoch (a float). SQLite's
 * julianday is twice as fast as unixepoch(…, 'subsec') and precise to a
 * twentieth of a millisecond here; differences are rounded to whole ms.
 */
export function epochMs(dialect: Dialect, column: Sql): Sql {
  return dialect === "postgres"
    ? sql`(EXTRACT(EPOCH FROM ${column}) * 1000)`
    : sql`((julianday(${column}) - 2440587.5) * 86400000.0)`;
}

/** The Asia/Shanghai date (YYYY-MM-DD) of an instant column: UTC+8, no daylight saving. */
export function shanghaiDate(dialect: Dialect, column: Sql): Sql {
  return dialect === "postgres"
    ? sql`to_char(${column} + interval '8 hours', 'YYYY-MM-DD')`
    : sql`date(${column}, '+8 hours')`;
}

/** A count or sum as the drivers return it (PostgreSQL: bigint or numeric text) as a number. */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return typeof value === "number" ? value : Number(value);
}
