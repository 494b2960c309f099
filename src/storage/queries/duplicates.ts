/**
 * Possible duplicates (the rule of src/domain/lifecycle/possible-duplicates.ts)
 * of a page of cases. For each case three bounded arms select the candidates,
 * each through its index with a limit: the same citizen's cases (citizenId,
 * submittedAt), the cases within a box around its position (latitude,
 * longitude, submittedAt), and the cases naming one of its crossings,
 * landmarks or parties (CasePlaceKey by key). The arms are described once
 * (CANDIDATE_ARMS) and written as each database plans best: a UNION ALL of
 * each case's arms on SQLite, one LATERAL join of the page per arm on
 * PostgreSQL. One statement per page, with a fixed number of parameters per
 * case of the page, whatever the number of cases stored; the scorer then
 * decides on a few dozen rows per case.
 */
import {
  IGNORED_DUPLICATE_STATUSES,
  possibleDuplicates,
  preparedCases,
  type DuplicateCandidate,
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
import { enumIn, indexedBy, join, sql, type Dialect, type Sql } from "./sql.ts";

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

/**
 * What an arm reads of its subject, as SQL terms: parameters when the statement names each case
 * (SQLite), columns of the page's VALUES list when it joins them (PostgreSQL).
 */
interface SubjectTerms {
  readonly id: Sql;
  readonly citizen: Sql;
  readonly from: Sql;
  readonly to: Sql;
  readonly citizenFrom: Sql;
  readonly citizenTo: Sql;
  readonly minLatitude: Sql;
  readonly maxLatitude: Sql;
  readonly minLongitude: Sql;
  readonly maxLongitude: Sql;
}

/** One way of finding candidates: an indexed condition, within the citizen's or the matter's window. */
interface CandidateArm {
  readonly window: "citizen" | "matter";
  /** Only a subject with a position has a box around it. */
  readonly needsPosition: boolean;
  match(subject: SubjectTerms): Sql;
  /**
   * The index SQLite must search (INDEXED BY), where its planner picks a worse one: with the
   * statistics of ANALYZE at 1M cases it took the box's time window for the more selective
   * condition and read every case of those four months (about 38 ms a subject), where the
   * box's own index reads the strip of the city around it (about 1.3 ms).
   */
  readonly sqliteIndex?: string;
}

/** The same citizen's cases; the cases naming one of its spots; the cases around its position. */
const CANDIDATE_ARMS: readonly CandidateArm[] = [
  {
    window: "citizen",
    needsPosition: false,
    match: (subject) => sql`c."citizenId" = ${subject.citizen}`,
  },
  {
    window: "matter",
    needsPosition: false,
    // The newest keys in the window come from the (key, submittedAt) index alone: a spot
    // named by thousands of cases (a big estate, the gas company) is not read case by case.
    // Twice the arm's limit, for the cases the outer conditions leave out (the subject itself,
    // merged or withdrawn ones).
    match: (subject) => sql`c."id" IN (SELECT o."caseId" FROM "CasePlaceKey" o
      WHERE o."key" IN (SELECT k."key" FROM "CasePlaceKey" k
          WHERE k."caseId" = ${subject.id} AND k."key" NOT LIKE ${ROAD_KEY_PATTERN})
        AND o."submittedAt" >= ${subject.from} AND o."submittedAt" <= ${subject.to}
      ORDER BY o."submittedAt" DESC LIMIT ${2 * ARM_LIMIT})`,
  },
  {
    window: "matter",
    needsPosition: true,
    match: (subject) => sql`c."latitude" BETWEEN ${subject.minLatitude} AND ${subject.maxLatitude}
      AND c."longitude" BETWEEN ${subject.minLongitude} AND ${subject.maxLongitude}`,
    sqliteIndex: "Case_latitude_longitude_submittedAt_idx",
  },
];

export function createDuplicatesQuery(db: Db, dialect: Dialect, scorer: DuplicateScorer) {
  const live = sql`NOT (${enumIn(dialect, sql`c."status"`, "CaseStatus", IGNORED_DUPLICATE_STATUSES)})`;

  /** The newest candidates of a subject matching `match` within the arm's window. */
  function newestCandidates(subject: SubjectTerms, arm: CandidateArm, match: Sql): Sql {
    const [from, to] =
      arm.window === "citizen"
        ? [subject.citizenFrom, subject.citizenTo]
        : [subject.from, subject.to];
    const index = arm.sqliteIndex ? indexedBy(dialect, arm.sqliteIndex) : sql``;
    return sql`SELECT ${FACT_COLUMNS} FROM "Case" c${index}
      WHERE ${match} AND c."id" <> ${subject.id}
        AND c."submittedAt" >= ${from} AND c."submittedAt" <= ${to} AND ${live}
      ORDER BY c."submittedAt" DESC LIMIT ${ARM_LIMIT}`;
  }

  /** SQLite: each case's arms with its values as parameters, one UNION ALL for the page. */
  function unionOfArms(subjects: readonly FactRow[]): Sql {
    return join(
      subjects.flatMap((subject) => {
        const criteria = candidateCriteria(duplicateFactsOf(subject));
        const { box } = criteria;
        const terms: SubjectTerms = {
          id: sql`${subject.id}`,
          citizen: sql`${subject.citizenId}`,
          from: sql`${criteria.from}`,
          to: sql`${criteria.to}`,
          citizenFrom: sql`${criteria.citizenFrom}`,
          citizenTo: sql`${criteria.citizenTo}`,
          minLatitude: sql`${box?.minLatitude ?? null}`,
          maxLatitude: sql`${box?.maxLatitude ?? null}`,
          minLongitude: sql`${box?.minLongitude ?? null}`,
          maxLongitude: sql`${box?.maxLongitude ?? null}`,
        };
        return CANDIDATE_ARMS.filter((arm) => box !== null || !arm.needsPosition).map(
          (arm) => sql`SELECT CAST(${subject.trackingNo} AS TEXT) AS "subject", a.*
            FROM (${newestCandidates(terms, arm, arm.match(terms))}) AS a`,
        );
      }),
      " UNION ALL ",
    );
  }

  /**
   * PostgreSQL: the same arms, each one LATERAL subquery over the page's subjects (a VALUES
   * list), so the statement is planned once rather than once per case and arm: for a queue
   * page of 50 at a million cases the UNION ALL took 125 ms to plan and 13 ms to run.
   * Instants travel as epoch milliseconds, read back as UTC wall clock like the columns.
   */
  function lateralArms(subjects: readonly FactRow[]): Sql {
    const values = subjects.map((subject) => {
      const { from, to, box, citizenFrom, citizenTo } = candidateCriteria(
        duplicateFactsOf(subject),
      );
      const instants = [citizenFrom, citizenTo, from, to].map((at) => sql`${at.getTime()}::float8`);
      const bounds = [box?.minLatitude, box?.maxLatitude, box?.minLongitude, box?.maxLongitude];
      return sql`(${subject.trackingNo}::text, ${subject.id}::text, ${subject.citizenId}::text,
        ${join(instants)}, ${join(bounds.map((bound) => sql`${bound ?? null}::float8`))})`;
    });
    const instant = (column: Sql) => sql`(to_timestamp(${column} / 1000.0) AT TIME ZONE 'UTC')`;
    const page: SubjectTerms = {
      id: sql`p."id"`,
      citizen: sql`p."citizen"`,
      from: instant(sql`p."from"`),
      to: instant(sql`p."to"`),
      citizenFrom: instant(sql`p."citizenFrom"`),
      citizenTo: instant(sql`p."citizenTo"`),
      minLatitude: sql`p."minLatitude"`,
      maxLatitude: sql`p."maxLatitude"`,
      minLongitude: sql`p."minLongitude"`,
      maxLongitude: sql`p."maxLongitude"`,
    };
    const lateral = (arm: CandidateArm) => {
      const match = arm.needsPosition
        ? sql`p."minLatitude" IS NOT NULL AND ${arm.match(page)}`
        : arm.match(page);
      return sql`SELECT p."subject", a.* FROM p CROSS JOIN LATERAL (
        ${newestCandidates(page, arm, match)}) AS a`;
    };
    return sql`WITH p ("subject", "id", "citizen", "citizenFrom", "citizenTo", "from", "to",
        "minLatitude", "maxLatitude", "minLongitude", "maxLongitude") AS (VALUES ${join(values)})
      ${join(CANDIDATE_ARMS.map(lateral), " UNION ALL ")}`;
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
        dialect === "postgres" ? lateralArms(facts) : unionOfArms(facts),
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
