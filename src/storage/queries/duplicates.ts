/**
 * Possible duplicates (the rule of src/domain/lifecycle/possible-duplicates.ts)
 * of a page of cases. For each case three bounded arms select the candidates,
 * each through its index with a limit: the same citizen's cases (citizenId,
 * submittedAt), the cases within a box around its position (latitude,
 * longitude, submittedAt), and the cases naming one of its crossings,
 * landmarks or parties (CasePlaceKey by key). One statement per page, with a
 * fixed number of parameters per case of the page, whatever the number of
 * cases stored; the scorer then decides on a few dozen rows per case.
 */
import {
  IGNORED_DUPLICATE_STATUSES,
  possibleDuplicates,
  preparedCases,
  type DuplicateCandidate,
  type PreparedCases,
  type PossibleDuplicate,
} from "../../domain/lifecycle/possible-duplicates.ts";
import type { CaseStatus } from "../../domain/lifecycle/case-status.ts";
import {
  ROAD_KEY_PATTERN,
  candidateCriteria,
  type DuplicateFacts,
  type DuplicateScorer,
} from "../../domain/places/duplicates.ts";
import type { Db } from "../database.ts";
import { enumIn, join, sql, type Dialect, type Sql } from "./sql.ts";

/** At most this many possible duplicates are listed per case; `more` tells there are others. */
export const DUPLICATE_LIST_LIMIT = 5;

/** Candidates read per arm and case: the newest of them, enough for a street's busy month. */
const ARM_LIMIT = 20;

export interface DuplicateList {
  /** The likeliest first, at most DUPLICATE_LIST_LIMIT. */
  readonly items: readonly PossibleDuplicate[];
  /** True when there are more than those listed. */
  readonly more: boolean;
}

const FACT_COLUMNS = sql`c."id", c."trackingNo", c."status", c."description", c."categoryCode",
  c."regionCode", c."address", c."latitude", c."longitude", c."submittedAt", c."citizenId",
  c."answeredAt", c."closedAt"`;

interface FactRow {
  id: string;
  trackingNo: string;
  status: CaseStatus;
  description: string;
  categoryCode: string;
  regionCode: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  submittedAt: Date | string;
  citizenId: string;
  answeredAt: Date | string | null;
  closedAt: Date | string | null;
}

const date = (value: Date | string) => new Date(value);

/** The columns of a stored case that the duplicate scorer reads. */
export type DuplicateFactColumns = Omit<FactRow, "id" | "trackingNo" | "status">;

/** A stored case's facts as the duplicate scorer reads them (its answer closes the matter). */
export function duplicateFactsOf(row: DuplicateFactColumns): DuplicateFacts {
  const closed = row.answeredAt ?? row.closedAt;
  return {
    text: row.description,
    category: row.categoryCode,
    region: row.regionCode,
    address: row.address,
    point:
      row.latitude !== null && row.longitude !== null
        ? { latitude: row.latitude, longitude: row.longitude }
        : null,
    submittedAt: date(row.submittedAt),
    citizen: row.citizenId,
    closedAt: closed === null ? null : date(closed),
  };
}

function candidateOf(row: FactRow): DuplicateCandidate {
  return { trackingNo: row.trackingNo, status: row.status, facts: duplicateFactsOf(row) };
}

export function createDuplicatesQuery(db: Db, dialect: Dialect, scorer: DuplicateScorer) {
  const live = sql`NOT (${enumIn(dialect, sql`c."status"`, "CaseStatus", IGNORED_DUPLICATE_STATUSES)})`;

  /** The newest candidates of one subject matching `match` within [from, to]. */
  function arm(subject: FactRow, match: Sql, from: Date, to: Date): Sql {
    return sql`SELECT * FROM (
      SELECT CAST(${subject.trackingNo} AS TEXT) AS "subject", ${FACT_COLUMNS}
      FROM "Case" c
      WHERE ${match} AND c."id" <> ${subject.id}
        AND c."submittedAt" >= ${from} AND c."submittedAt" <= ${to} AND ${live}
      ORDER BY c."submittedAt" DESC LIMIT ${ARM_LIMIT}) AS a`;
  }

  function arms(subject: FactRow, prepared: PreparedCases): Sql[] {
    const criteria = candidateCriteria(prepared(candidateOf(subject)));
    const { from, to, box } = criteria;
    return [
      arm(
        subject,
        sql`c."citizenId" = ${subject.citizenId}`,
        criteria.citizenFrom,
        criteria.citizenTo,
      ),
      arm(
        subject,
        sql`c."id" IN (SELECT o."caseId" FROM "CasePlaceKey" o WHERE o."key" IN
          (SELECT s."key" FROM "CasePlaceKey" s
            WHERE s."caseId" = ${subject.id} AND s."key" NOT LIKE ${ROAD_KEY_PATTERN}))`,
        from,
        to,
      ),
      ...(box === null
        ? []
        : [
            arm(
              subject,
              sql`c."latitude" BETWEEN ${box.minLatitude} AND ${box.maxLatitude}
                AND c."longitude" BETWEEN ${box.minLongitude} AND ${box.maxLongitude}`,
              from,
              to,
            ),
          ]),
    ];
  }

  /**
   * PostgreSQL: the same three arms, each one LATERAL subquery over the page's subjects (a
   * VALUES list), so the statement is planned once rather than once per case and arm: for a
   * queue page of 50 at a million cases the UNION ALL took 125 ms to plan and 13 ms to run.
   * Instants travel as epoch milliseconds, read back as UTC wall clock like the columns.
   */
  function lateralArms(subjects: readonly FactRow[], prepared: PreparedCases): Sql {
    const values = subjects.map((subject) => {
      const { from, to, box, citizenFrom, citizenTo } = candidateCriteria(
        prepared(candidateOf(subject)),
      );
      const instants = [citizenFrom, citizenTo, from, to].map((at) => sql`${at.getTime()}::float8`);
      const bounds = [box?.minLatitude, box?.maxLatitude, box?.minLongitude, box?.maxLongitude];
      return sql`(${subject.trackingNo}::text, ${subject.id}::text, ${subject.citizenId}::text,
        ${join(instants)}, ${join(bounds.map((bound) => sql`${bound ?? null}::float8`))})`;
    });
    const instant = (column: Sql) => sql`(to_timestamp(${column} / 1000.0) AT TIME ZONE 'UTC')`;
    const arm = (match: Sql, from: Sql, to: Sql) => sql`
      SELECT p."subject", a.* FROM p CROSS JOIN LATERAL (
        SELECT ${FACT_COLUMNS} FROM "Case" c
        WHERE ${match} AND c."id" <> p."id"
          AND c."submittedAt" >= ${from} AND c."submittedAt" <= ${to} AND ${live}
        ORDER BY c."submittedAt" DESC LIMIT ${ARM_LIMIT}) AS a`;
    return sql`WITH p ("subject", "id", "citizen", "citizenFrom", "citizenTo", "from", "to",
        "minLatitude", "maxLatitude", "minLongitude", "maxLongitude") AS (VALUES ${join(values)})
      ${arm(
        sql`c."citizenId" = p."citizen"`,
        instant(sql`p."citizenFrom"`),
        instant(sql`p."citizenTo"`),
      )}
      UNION ALL
      ${arm(
        sql`c."id" IN (SELECT o."caseId" FROM "CasePlaceKey" o WHERE o."key" IN
          (SELECT s."key" FROM "CasePlaceKey" s
            WHERE s."caseId" = p."id" AND s."key" NOT LIKE ${ROAD_KEY_PATTERN}))`,
        instant(sql`p."from"`),
        instant(sql`p."to"`),
      )}
      UNION ALL
      ${arm(
        sql`p."minLatitude" IS NOT NULL
          AND c."latitude" BETWEEN p."minLatitude" AND p."maxLatitude"
          AND c."longitude" BETWEEN p."minLongitude" AND p."maxLongitude"`,
        instant(sql`p."from"`),
        instant(sql`p."to"`),
      )}`;
  }

  return {
    /** The possible duplicates of each case (by tracking number), keyed by its tracking number. */
    async of(numbers: readonly string[]): Promise<Map<string, DuplicateList>> {
      if (numbers.length === 0) return new Map();
      const facts = await db.$queryRaw<FactRow[]>`
        SELECT ${FACT_COLUMNS} FROM "Case" c WHERE c."trackingNo" IN (${join(numbers)})`;
      if (facts.length === 0) return new Map();
      const prepared = preparedCases(scorer);
      const rows = await db.$queryRaw<(FactRow & { subject: string })[]>(
        dialect === "postgres"
          ? lateralArms(facts, prepared)
          : join(
              facts.flatMap((subject) => arms(subject, prepared)),
              " UNION ALL ",
            ),
      );
      const bySubject = new Map<string, Map<string, FactRow>>();
      for (const row of rows) {
        const found = bySubject.get(row.subject) ?? new Map<string, FactRow>();
        found.set(row.trackingNo, row);
        bySubject.set(row.subject, found);
      }
      return new Map(
        facts.map((subject) => {
          const found = [...(bySubject.get(subject.trackingNo)?.values() ?? [])];
          const items = possibleDuplicates(
            scorer,
            candidateOf(subject),
            found.map(candidateOf),
            prepared,
          );
          return [
            subject.trackingNo,
            {
              items: items.slice(0, DUPLICATE_LIST_LIMIT),
              more: items.length > DUPLICATE_LIST_LIMIT,
            },
          ];
        }),
      );
    },
  };
}

export type DuplicatesQuery = ReturnType<typeof createDuplicatesQuery>;
