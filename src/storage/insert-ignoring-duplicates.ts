import { Prisma } from "../generated/sqlite/client.ts";

/**
 * INSERT … ON CONFLICT DO NOTHING statements writing `rows` (each a parenthesised tuple of
 * values) into `target` (a table and its columns), at most `perStatement` rows each: both
 * databases bound the parameters of one statement, and a row already there (written by
 * another instance or at filing) stays as it is.
 */
export function insertsIgnoringDuplicates(
  target: Prisma.Sql,
  rows: readonly Prisma.Sql[],
  perStatement: number,
): Prisma.Sql[] {
  const statements = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const values = Prisma.join(rows.slice(start, start + perStatement));
    statements.push(Prisma.sql`INSERT INTO ${target} VALUES ${values} ON CONFLICT DO NOTHING`);
  }
  return statements;
}
