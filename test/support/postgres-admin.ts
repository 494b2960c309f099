import pg from "pg";

/** The machine's PostgreSQL server, used to create and drop test databases. */
export const TEST_POSTGRES_URL =
  process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** URL of database `name` on the test server. */
export function postgresUrl(name: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one statement on the server's maintenance database. */
export async function adminPostgres<Row extends object = object>(sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows as Row[];
  } finally {
    await client.end();
  }
}
