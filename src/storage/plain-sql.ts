/**
 * Plain SQL through the driver adapter Prisma itself uses — its connection (SQLite), its pool
 * (PostgreSQL) and its transaction lock — without Prisma's query compiler. `$queryRaw` sends
 * every call through the compiler (WASM) and an interpreter before the driver sees it, which
 * costs a chat turn more CPU than its statements do (bench/README.md, "A turn, profiled"); the
 * statements every turn makes go through here instead. Results read as `$queryRaw`'s do.
 */
import { Prisma } from "../generated/sqlite/client.ts";
import { AsyncLocalStorage } from "node:async_hooks";
import { createKeyedQueue } from "../keyed-queue.ts";
import type { DatabaseProvider } from "./database-url.ts";

/**
 * The Prisma client's calls used here, as Db and Tx of database.ts have them (named here, not
 * imported, because database.ts opens its client through this module).
 */
interface PrismaRaw {
  $queryRaw<Row>(query: Prisma.Sql): Promise<Row>;
  $executeRaw(query: Prisma.Sql): Promise<number>;
}
interface PrismaClientRaw extends PrismaRaw {
  $connect(): Promise<void>;
  $transaction(...args: never[]): Promise<unknown>;
}

/** Statements on one connection: the database's, or a transaction's. */
export interface PlainStatements {
  /**
   * The rows of `query`, keyed by column name: JSON columns parsed, DateTime columns as Date,
   * BIGINT as bigint, as `$queryRaw` gives them.
   * @throws the driver adapter's error (a DriverAdapterError; see isDatabaseUnavailable).
   */
  query<Row>(query: Prisma.Sql): Promise<Row[]>;
  /** Runs `statement`; returns the number of rows it changed. */
  execute(statement: Prisma.Sql): Promise<number>;
}

/**
 * A statement's rows as the driver adapter reads them: one array of values per row, in the order
 * of `columnNames`, not decoded — text as a string, a REAL or double precision as a number, a
 * DateTime as its ISO text (epochMsOf reads it), an integer on SQLite and a bigint or numeric on
 * PostgreSQL as decimal text (toNumber of queries/sql.ts), null as null.
 */
export interface RawRows {
  readonly columnNames: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

/** PostgreSQL's plan kinds an EXPLAIN may turn off (planOf). */
export type PlanKindOff = "seqscan" | "bitmapscan";

/**
 * The database's plan of `query`, one line a step (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on
 * PostgreSQL), for the tests and benchmarks that check a statement reads a range of an index.
 * `off`: plan kinds PostgreSQL may not use for it — on a test's few rows it reads a table whole
 * (or through a bitmap) where, at a city's volume, it reads the index.
 */
export async function planOf(
  sql: PlainSql,
  query: Prisma.Sql,
  off: readonly PlanKindOff[] = [],
): Promise<string> {
  if (sql.provider === "sqlite") {
    const rows = await sql.query<{ detail: string }>(Prisma.sql`EXPLAIN QUERY PLAN ${query}`);
    return rows.map((row) => row.detail).join("\n");
  }
  const rows = await sql.transaction(async (tx) => {
    for (const kind of off) await tx.execute(Prisma.raw(`SET LOCAL enable_${kind} = off`));
    return tx.query<{ "QUERY PLAN": string }>(Prisma.sql`EXPLAIN ${query}`);
  });
  return rows.map((row) => row["QUERY PLAN"]).join("\n");
}

export interface PlainSql extends PlainStatements {
  /** The database the statements run on, for the little SQL that differs (type casts). */
  readonly provider: DatabaseProvider;
  /**
   * The rows of `query` as RawRows, outside any transaction: for reads of thousands of rows
   * whose caller takes each value once (the hot spots' located cases and pairs of repeats),
   * where an object per row and a Date per timestamp cost more than the statement.
   * @throws the driver adapter's error, as query does.
   */
  queryRows(query: Prisma.Sql): Promise<RawRows>;
  /**
   * Runs `work` in one transaction (on SQLite serialised with Prisma's own transactions):
   * committed when `work` resolves, rolled back when it throws, and the throw passes on.
   */
  transaction<T>(work: (tx: PlainStatements) => Promise<T>): Promise<T>;
  /**
   * The same statements and transactions, each committed with the others queued at the same
   * moment (a group commit). On SQLite a commit holds the process's one thread while it syncs
   * the WAL to disk (`synchronous = FULL`): writes of several chats queued meanwhile then cost
   * one sync, not one each. Each still resolves only once it is committed (durable), and a
   * statement run alone still commits on its own. When one of a group fails (or the group's
   * commit does), the group is rolled back and each of its writes run again alone, in order:
   * a write's failure stays its own, so a transaction's work must be safe to run again after
   * a rollback (no effects but its statements). For short writes only: each waits for the
   * others of its group. On PostgreSQL the same as the plain ones: the server shares WAL
   * flushes between concurrent commits itself, and a commit does not hold this process.
   */
  readonly sharingCommits: PlainSql;
}

/** The parts of Prisma's driver adapter interface used here (@prisma/driver-adapter-utils). */
interface AdapterQuery {
  sql: string;
  args: unknown[];
  argTypes: { scalarType: string; arity: "scalar" }[];
}
interface AdapterQueryable {
  queryRaw(query: AdapterQuery): Promise<{
    columnNames: string[];
    columnTypes: number[];
    rows: unknown[][];
  }>;
  executeRaw(query: AdapterQuery): Promise<number>;
}
interface AdapterTransaction extends AdapterQueryable {
  /**
   * Whether commit() and rollback() send COMMIT and ROLLBACK themselves (`true`), or only end
   * the transaction's hold on its connection once its user has sent them (`false`: both
   * adapters of 6.19).
   */
  readonly options: { readonly usePhantomQuery: boolean };
  commit(): Promise<void>;
  rollback(): Promise<void>;
}
interface Adapter extends AdapterQueryable {
  startTransaction(isolationLevel?: string): Promise<AdapterTransaction>;
}
/** A driver adapter factory, as PrismaClient takes it. */
export interface AdapterFactory {
  readonly provider: string;
  readonly adapterName: string;
  connect(): Promise<unknown>;
}

/** ColumnTypeEnum of @prisma/driver-adapter-utils. */
const INT32 = 0;
const INT64 = 1;
const BOOLEAN = 5;
const DATE_TIME = 10;
const JSON_COLUMN = 11;

interface Connection {
  readonly provider: DatabaseProvider;
  adapter: Adapter | null;
  /** The writes whose commits are shared (SQLite), made on first use. */
  commitGroups?: CommitGroups;
}

const connections = new WeakMap<PrismaClientRaw, Connection>();

/**
 * Wraps `factory` for PrismaClient so that plainSqlOf() can reach the adapter it connects;
 * `remember(db)` is called with the client once it is made.
 */
export function rememberedAdapter(
  provider: DatabaseProvider,
  factory: AdapterFactory,
): { factory: AdapterFactory; remember: (db: PrismaClientRaw) => void } {
  const connection: Connection = { provider, adapter: null };
  return {
    factory: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      async connect() {
        const connected = (await factory.connect()) as Adapter;
        const adapter = provider === "sqlite" ? behindOpenTransactions(connected) : connected;
        connection.adapter = adapter;
        return adapter;
      },
    },
    remember(db) {
      connections.set(db, connection);
      if (provider === "sqlite") runsWorkInside(db);
    },
  };
}

/**
 * SQLite's adapter runs every statement on its one connection, and locks only transactions
 * against each other: a statement outside a transaction, run while one is open (awaiting
 * between its statements), becomes part of it — it reads that transaction's uncommitted rows
 * and is undone if the transaction rolls back (a stored Telegram update, acknowledged, then
 * lost with another chat's turn). Here such a statement waits until no transaction is open,
 * as it would on a connection of its own. Written by hand because the lock must be the one
 * the transactions hold, from start to commit or rollback, and the adapter keeps its own
 * private. A statement made through the database (not `tx`) by a transaction's own work (the
 * address book resolving a notice's recipients) is part of that transaction, as before: it
 * runs at once, where waiting would wait for itself.
 */
function behindOpenTransactions(adapter: Adapter): Adapter {
  const queue = createKeyedQueue();
  const exclusive = <T>(work: () => Promise<T>) => queue.run("connection", work);
  /** A statement outside a transaction's work waits for the connection; inside, it is that work's. */
  const unlessInTransaction = <T>(statement: () => Promise<T>) =>
    transactionWork.getStore() ? statement() : exclusive(statement);
  /** Resolves with the release of the connection once every earlier holder has released it. */
  const hold = () =>
    new Promise<() => void>((granted) => {
      void exclusive(() => new Promise<void>((release) => granted(release)));
    });
  return overriding(adapter, {
    queryRaw: (query: AdapterQuery) => unlessInTransaction(() => adapter.queryRaw(query)),
    executeRaw: (query: AdapterQuery) => unlessInTransaction(() => adapter.executeRaw(query)),
    async startTransaction(isolationLevel?: string) {
      const release = await hold();
      try {
        const transaction = await adapter.startTransaction(isolationLevel);
        const releasing = (end: "commit" | "rollback") => async () => {
          try {
            await transaction[end]();
          } finally {
            release();
          }
        };
        return overriding(transaction, {
          commit: releasing("commit"),
          rollback: releasing("rollback"),
        });
      } catch (error) {
        release();
        throw error;
      }
    },
  });
}

/** `target` with `overrides` in place of some of its methods; the rest called on it. */
function overriding<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(_, name) {
      if (Object.hasOwn(overrides, name)) return overrides[name as keyof T];
      const value: unknown = Reflect.get(target, name, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Set while a transaction's work runs (see behindOpenTransactions). */
const transactionWork = new AsyncLocalStorage<true>();

/** Prisma's interactive transactions run their work inside transactionWork. */
function runsWorkInside(db: PrismaClientRaw): void {
  const transaction = db.$transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
  db.$transaction = ((work: unknown, ...options: unknown[]) =>
    typeof work === "function"
      ? transaction(
          (tx: unknown) => transactionWork.run(true, () => (work as (tx: unknown) => unknown)(tx)),
          ...options,
        )
      : transaction(work, ...options)) as PrismaClientRaw["$transaction"];
}

/**
 * A parameter typed for PostgreSQL where no column gives it a type (a VALUES list, a CASE
 * branch): PostgreSQL reads an untyped parameter as text. SQLite takes it as it is.
 */
export function typedParameter(
  sql: Pick<PlainSql, "provider">,
  value: unknown,
  postgresType: "integer" | "timestamp(3)",
): Prisma.Sql {
  return sql.provider === "postgres"
    ? Prisma.sql`CAST(${value} AS ${Prisma.raw(postgresType)})`
    : Prisma.sql`${value}`;
}

/**
 * Plain SQL on the connection of `db` (opened by openDatabase).
 * @throws Error when `db` was not opened by openDatabase.
 */
export function plainSqlOf(db: PrismaClientRaw): PlainSql {
  const connection = connections.get(db);
  if (!connection) throw new Error("plain SQL needs a database opened by openDatabase");
  const { provider } = connection;
  const adapter = async (): Promise<Adapter> => {
    if (!connection.adapter) await db.$connect();
    return connection.adapter!;
  };
  const onAdapter: PlainStatements = {
    query: async (query) => statementsOn(await adapter(), provider).query(query),
    execute: async (statement) => statementsOn(await adapter(), provider).execute(statement),
  };
  const queryRows = async (query: Prisma.Sql): Promise<RawRows> =>
    (await adapter()).queryRaw(adapterQuery(query, provider));
  let sharing: PlainSql | undefined;
  const plain: PlainSql = {
    ...onAdapter,
    provider,
    queryRows,
    transaction,
    get sharingCommits() {
      if (provider !== "sqlite") return plain;
      if (!sharing) {
        const groups = (connection.commitGroups ??= createCommitGroups(onAdapter, transaction));
        const shared: PlainSql = {
          ...groups.statements,
          provider,
          queryRows,
          transaction: groups.transaction,
          get sharingCommits() {
            return shared;
          },
        };
        sharing = shared;
      }
      return sharing;
    },
  };
  return plain;

  /**
   * `work` in a transaction of the adapter, ended as Prisma's own transaction manager ends one
   * (the Transaction contract of @prisma/driver-adapter-utils): COMMIT or ROLLBACK sent, then
   * commit() or rollback() — unless the adapter says those send them (`usePhantomQuery`).
   */
  async function transaction<T>(work: (tx: PlainStatements) => Promise<T>): Promise<T> {
    const tx = await (await adapter()).startTransaction();
    const statements = statementsOn(tx, provider);
    let result;
    try {
      result = await transactionWork.run(true, () => work(statements));
    } catch (error) {
      try {
        if (!tx.options.usePhantomQuery) await tx.executeRaw(bare("ROLLBACK"));
      } finally {
        await tx.rollback();
      }
      throw error;
    }
    try {
      if (!tx.options.usePhantomQuery) await tx.executeRaw(bare("COMMIT"));
    } catch (error) {
      // A failed COMMIT leaves the transaction open on PostgreSQL: end it before the
      // connection goes back to the pool.
      await tx.executeRaw(bare("ROLLBACK")).catch(() => undefined);
      await tx.rollback();
      throw error;
    }
    await tx.commit();
    return result;
  }
}

/** A write waiting for its group: run in the group's transaction, or alone. */
interface GroupedWrite {
  within(tx: PlainStatements): Promise<unknown>;
  alone(): Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface CommitGroups {
  readonly statements: PlainStatements;
  transaction<T>(work: (tx: PlainStatements) => Promise<T>): Promise<T>;
}

/**
 * Group commit on one connection (see PlainSql.sharingCommits). The groups run one after
 * another; each takes every write queued until it starts, after the I/O callbacks of the
 * moment (setImmediate), so what the event loop took in while the last group synced joins one.
 */
function createCommitGroups(
  alone: PlainStatements,
  transaction: PlainSql["transaction"],
): CommitGroups {
  let queued: GroupedWrite[] = [];
  let scheduled = false;
  let previous: Promise<void> = Promise.resolve();

  function enqueue<T>(
    within: (tx: PlainStatements) => Promise<T>,
    runAlone: () => Promise<T>,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queued.push({
        within,
        alone: runAlone,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      if (scheduled) return;
      scheduled = true;
      // Outside any transaction's work: the group's statements wait for the connection.
      previous = transactionWork.exit(() => previous.then(nextMoment).then(runQueued));
    });
  }

  async function runQueued(): Promise<void> {
    scheduled = false;
    const group = queued;
    queued = [];
    if (group.length === 1) return settle(group[0]!);
    let results: unknown[];
    try {
      results = await transaction(async (tx) => {
        const out: unknown[] = [];
        for (const write of group) out.push(await write.within(tx));
        return out;
      });
    } catch {
      for (const write of group) await settle(write);
      return;
    }
    group.forEach((write, i) => write.resolve(results[i]));
  }

  return {
    statements: {
      query: (query) =>
        enqueue(
          (tx) => tx.query(query),
          () => alone.query(query),
        ),
      execute: (statement) =>
        enqueue(
          (tx) => tx.execute(statement),
          () => alone.execute(statement),
        ),
    },
    transaction: (work) => enqueue(work, () => transaction(work)),
  };
}

/** Runs the write alone and settles its promise with the outcome. */
function settle(write: GroupedWrite): Promise<void> {
  return write.alone().then(write.resolve, write.reject);
}

function nextMoment(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A row to insert: column name to value (a JSON column's value as JSON text). */
export type PlainRow = Readonly<Record<string, unknown>>;

/**
 * Inserts `rows` into `table`, in one statement (more for a very long batch). Every row has
 * the same columns (those of the first); nothing is filled in for the others (no Prisma defaults: ids and times are given).
 */
export async function insertRows(
  tx: PlainStatements,
  table: string,
  rows: readonly PlainRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  // SQLite takes at most 32,766 parameters a statement: a long batch goes in several.
  const perStatement = Math.floor(MAX_PARAMETERS / columns.length);
  for (let start = 0; start < rows.length; start += perStatement) {
    const values = valueRows(
      rows
        .slice(start, start + perStatement)
        .map((row) => columns.map((column) => row[column] ?? null)),
    );
    await tx.execute(Prisma.sql`INSERT INTO ${Prisma.raw(quoted(table))}
      (${Prisma.raw(columns.map(quoted).join(", "))}) VALUES ${values}`);
  }
}

/**
 * Rows of values as one fragment of SQL, `(a, b), (c, d)…`, for a VALUES list. Built in one
 * pass: a `Prisma.sql` per row, then joined, copies every value again at each level (a deadline
 * round writes thousands of rows). A value may itself be a `Prisma.Sql` (typedParameter).
 * @throws TypeError for no rows, as Prisma.join does.
 */
export function valueRows(rows: readonly (readonly unknown[])[]): Prisma.Sql {
  if (rows.length === 0) throw new TypeError("valueRows needs at least one row");
  const strings: string[] = [];
  const values: unknown[] = [];
  rows.forEach((row, r) => {
    row.forEach((value, i) => {
      strings.push(i > 0 ? ", " : r > 0 ? "), (" : "(");
      values.push(value);
    });
  });
  strings.push(")");
  return new Prisma.Sql(strings, values);
}

/** Parameters of one statement of insertRows, under SQLite's limit with room to spare. */
const MAX_PARAMETERS = 30_000;

function quoted(name: string): string {
  return `"${name}"`;
}

/** The same statements through Prisma (inside one of its transactions, `tx`). */
export function prismaStatements(db: PrismaRaw): PlainStatements {
  return {
    query: (query) => db.$queryRaw(query),
    execute: (statement) => db.$executeRaw(statement),
  };
}

function statementsOn(queryable: AdapterQueryable, provider: DatabaseProvider): PlainStatements {
  return {
    async query<Row>(query: Prisma.Sql) {
      const result = await queryable.queryRaw(adapterQuery(query, provider));
      return result.rows.map((values) => {
        const row: Record<string, unknown> = {};
        result.columnNames.forEach((name, i) => {
          row[name] = decoded(values[i], result.columnTypes[i]!);
        });
        return row as Row;
      });
    },
    execute: (statement) => queryable.executeRaw(adapterQuery(statement, provider)),
  };
}

function adapterQuery(query: Prisma.Sql, provider: DatabaseProvider): AdapterQuery {
  return {
    sql: provider === "postgres" ? query.text : query.sql,
    args: query.values,
    argTypes: query.values.map((value) => ({ scalarType: scalarTypeOf(value), arity: "scalar" })),
  };
}

function bare(sql: string): AdapterQuery {
  return { sql, args: [], argTypes: [] };
}

/** The adapters convert a value by its type only for these (a Date, a bigint); the rest passes. */
function scalarTypeOf(value: unknown): string {
  if (value instanceof Date) return "datetime";
  if (typeof value === "bigint") return "bigint";
  if (typeof value === "string") return "string";
  return "unknown";
}

/**
 * A DateTime column's value as RawRows hold it (ISO text) in milliseconds since the epoch,
 * without a Date made for it.
 * @throws TypeError when `value` is not a timestamp's text.
 */
export function epochMsOf(value: unknown): number {
  const ms = typeof value === "string" ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new TypeError(`not a timestamp: ${String(value)}`);
  return ms;
}

/** A value as the adapter reads it (JSON as text, a timestamp as an ISO string), as Prisma gives it. */
function decoded(value: unknown, columnType: number): unknown {
  if (value === null) return null;
  // better-sqlite3 reads integers as bigint, which the adapter hands on as text.
  if (columnType === INT32 && typeof value === "string") return Number(value);
  // SQLite keeps a boolean as the integer 0 or 1 (read as bigint, handed on as text).
  if (columnType === BOOLEAN && typeof value !== "boolean") return Number(value) !== 0;
  if (columnType === JSON_COLUMN && typeof value === "string") return JSON.parse(value);
  if (columnType === DATE_TIME && typeof value === "string") return new Date(value);
  if (columnType === INT64 && (typeof value === "string" || typeof value === "number"))
    return BigInt(value);
  return value;
}
