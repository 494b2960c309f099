/**
 * The plans of the statements a call ran (as bench/statement-trace.ts recorded them): EXPLAIN
 * QUERY PLAN on SQLite, EXPLAIN ANALYZE on PostgreSQL, with the statement's own parameters, and
 * whether a plan reads a case table whole, the regression the growth part watches for.
 */
import { readFile } from "node:fs/promises";
import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseTarget } from "../src/storage/database-url.ts";
import type { TracedStatement } from "./statement-trace.ts";

export interface StatementPlan {
  readonly sql: string;
  /** The statement's time in the call, ms. */
  readonly ms: number;
  readonly plan: string;
  /** A whole table read, or a sort of the rows, of one of the large tables. */
  readonly fullScan: boolean;
}

/** The tables that grow with the cases: a plan that reads one of them whole does not scale. */
const LARGE_TABLES = [
  "Case",
  "CaseSearch",
  "TimelineEntry",
  "RoutingSuggestion",
  "Rating",
  "Attachment",
  "Citizen",
  "ChannelIdentity",
];
const LARGE = LARGE_TABLES.join("|");
/** Tables of a row per combination of a few columns, not per case: read whole by design. */
const SMALL_TABLES = ["CaseCount"];
/** SQLite: a table (or an alias) read without an index. */
const SQLITE_SCAN = /^SCAN (?:main\.)?"?(\w+)"?(?! USING (?:COVERING )?INDEX)(?! VIRTUAL TABLE)/;
/** PostgreSQL: a sequential scan of a large table. */
const POSTGRES_FULL_SCAN = new RegExp(`Seq Scan on "?(?:${LARGE})"?\\b`);

/** The statements traced in `file` that ended between `from` and `to` (epoch ms). */
export async function tracedBetween(
  file: string,
  from: number,
  to: number,
): Promise<TracedStatement[]> {
  const text = await readFile(file, "utf8").catch(() => "");
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as TracedStatement)
    .filter((s) => s.at >= from && s.at <= to);
}

/** The plan of each distinct read among `statements` (the first run's parameters). */
export async function statementPlans(
  target: DatabaseTarget,
  statements: readonly TracedStatement[],
): Promise<StatementPlan[]> {
  const reads = new Map<string, TracedStatement>();
  for (const s of statements) {
    if (/^\s*(SELECT|WITH)\b/i.test(s.sql) && !reads.has(s.sql)) reads.set(s.sql, s);
  }
  if (target.provider === "sqlite") {
    const sqlite = new Database(target.sqliteFile!, { readonly: true });
    try {
      return [...reads.values()].map((s) => {
        const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...(s.params as unknown[]));
        const plan = (rows as { detail: string }[]).map((row) => row.detail).join("\n");
        return {
          sql: s.sql,
          ms: s.ms,
          plan,
          fullScan: sqliteFullScan(plan, s.sql),
        };
      });
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    const plans: StatementPlan[] = [];
    for (const s of reads.values()) {
      const rows = await client.query<{ "QUERY PLAN": string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`,
        s.params as unknown[],
      );
      const plan = rows.rows.map((row) => row["QUERY PLAN"]).join("\n");
      plans.push({ sql: s.sql, ms: s.ms, plan, fullScan: POSTGRES_FULL_SCAN.test(plan) });
    }
    return plans;
  } finally {
    await client.end();
  }
}

/**
 * A SQLite plan's scan of a large table, or of a short alias that is not a subquery's or a
 * small table's (in `sql`).
 */
function sqliteFullScan(plan: string, sql: string): boolean {
  const exempt = new Set([
    ...[...plan.matchAll(/(?:CO-ROUTINE|MATERIALIZE) (\w+)/g)].map((match) => match[1]),
    ...SMALL_TABLES.flatMap((table) =>
      [...sql.matchAll(new RegExp(`"${table}"\\s+(\\w+)`, "g"))].map((match) => match[1]),
    ),
  ]);
  return plan.split("\n").some((line) => {
    const table = SQLITE_SCAN.exec(line)?.[1];
    return (
      table !== undefined &&
      !exempt.has(table) &&
      (LARGE_TABLES.includes(table) || table.length <= 2)
    );
  });
}
