import path from "node:path";

export type DatabaseProvider = "sqlite" | "postgres";

export interface DatabaseTarget {
  readonly provider: DatabaseProvider;
  readonly url: string;
  /** Absolute path of the SQLite file; undefined for PostgreSQL. */
  readonly sqliteFile?: string;
}

/**
 * Reads a DATABASE_URL: `file:<path>` (SQLite, relative to `cwd`) or
 * `postgres://` / `postgresql://`. Returns null when it is neither, so the
 * caller can say what is expected.
 */
export function parseDatabaseUrl(url: string, cwd: string = process.cwd()): DatabaseTarget | null {
  if (/^postgres(ql)?:\/\/[^/\s]+/.test(url)) {
    try {
      new URL(url);
    } catch {
      return null;
    }
    return { provider: "postgres", url };
  }
  const sqlite = /^file:(.+)$/.exec(url);
  if (sqlite?.[1]) {
    const file = path.resolve(cwd, sqlite[1].replace(/\?.*$/, ""));
    return { provider: "sqlite", url: `file:${file}`, sqliteFile: file };
  }
  return null;
}

/**
 * The folder for files the service keeps beside its database (web uploads):
 * the SQLite file's folder, or ./data for PostgreSQL.
 */
export function dataDirectoryOf(target: DatabaseTarget, cwd: string = process.cwd()): string {
  return target.sqliteFile ? path.dirname(target.sqliteFile) : path.resolve(cwd, "data");
}
