/**
 * Every SQL statement the process runs through better-sqlite3 or pg (when it ended, how long it
 * took, its text and parameters), to whoever listens (`traceStatements`: the test that a
 * deadline round's statements do not grow with its alerts). Loaded into a service started by
 * the benchmark (`--import ./bench/statement-trace.ts`) when BENCH_STATEMENT_TRACE names a
 * file, it appends each statement to it as one JSON line; the growth part reads the statements
 * of each call from it and asks the database for their plans (bench/statement-plans.ts).
 */
import { appendFileSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";

export interface TracedStatement {
  /** When it ended, epoch ms. */
  readonly at: number;
  readonly ms: number;
  readonly sql: string;
  readonly params: readonly unknown[];
}

const listeners = new Set<(statement: TracedStatement) => void>();
let installed = false;

/**
 * Calls `listener` with every statement the process runs from now on, until the function
 * returned is called.
 */
export function traceStatements(listener: (statement: TracedStatement) => void): () => void {
  if (!installed) installHooks();
  installed = true;
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function record(sql: string, params: readonly unknown[], started: number): void {
  if (listeners.size === 0) return;
  const line: TracedStatement = { at: Date.now(), ms: performance.now() - started, sql, params };
  for (const listener of listeners) listener(line);
}

function installHooks(): void {
  // better-sqlite3 (Prisma's SQLite adapter prepares, binds, then runs or reads all rows).
  const probe = new Database(":memory:");
  const statement = Object.getPrototypeOf(probe.prepare("SELECT 1")) as Database.Statement;
  probe.close();
  const bound = new WeakMap<object, unknown[]>();
  const bind = statement.bind;
  statement.bind = function (this: Database.Statement, ...args: unknown[]) {
    bound.set(this, args.flat());
    return bind.apply(this, args);
  } as typeof bind;
  for (const method of ["run", "all", "get"] as const) {
    const original = statement[method] as (...args: unknown[]) => unknown;
    (statement as unknown as Record<string, unknown>)[method] = function (
      this: Database.Statement,
      ...args: unknown[]
    ) {
      const started = performance.now();
      const result = original.apply(this, args);
      record(this.source, args.length > 0 ? args.flat() : (bound.get(this) ?? []), started);
      return result;
    };
  }

  // pg (Prisma's PostgreSQL adapter calls client.query with a config object).
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string; values?: unknown[] };
    const text = typeof config === "string" ? config : config.text;
    const values = typeof config === "string" ? (args[1] as unknown[] | undefined) : config.values;
    const started = performance.now();
    // pg.Pool#query hands its client a callback; a client's own callers await a promise.
    const callback = args.at(-1);
    if (text && typeof callback === "function") {
      args[args.length - 1] = (error: unknown, ...rest: unknown[]) => {
        if (!error) record(text, values ?? [], started);
        return (callback as (...a: unknown[]) => unknown)(error, ...rest);
      };
    }
    const result = query.apply(this, args);
    if (text && result instanceof Promise) {
      void result.then(
        () => record(text, values ?? [], started),
        () => undefined,
      );
    }
    return result;
  } as typeof pg.Client.prototype.query;
}

const file = process.env.BENCH_STATEMENT_TRACE;
if (file) {
  traceStatements((line) =>
    appendFileSync(
      file,
      `${JSON.stringify(line, (_, v: unknown) => (typeof v === "bigint" ? String(v) : v))}\n`,
    ),
  );
}
