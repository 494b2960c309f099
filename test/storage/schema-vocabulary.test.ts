/**
 * The database's enums are the domain's lists: Prisma's schema cannot import
 * src/domain/vocabulary.ts, so each enum is written there once more, and this
 * checks that the two generated clients agree with the domain value for value.
 */
import { describe, expect, it } from "vitest";
import * as sqliteEnums from "../../src/generated/sqlite/enums.ts";
import * as postgresEnums from "../../src/generated/postgres/enums.ts";
import {
  ANSWER_OUTCOMES,
  CASE_CLASSES,
  CASE_STATUSES,
  CASE_CHANNELS,
  GROUP_UNITS,
  REGION_SOURCES,
  SATISFACTIONS,
  STAFF_ROLES,
  TIME_PRECISIONS,
  REQUEST_KINDS,
  WHOLE_GROUPS,
} from "../../src/domain/vocabulary.ts";

const DOMAIN_LISTS = {
  Channel: CASE_CHANNELS,
  CaseStatus: CASE_STATUSES,
  CaseClass: CASE_CLASSES,
  RegionSource: REGION_SOURCES,
  AnswerOutcome: ANSWER_OUTCOMES,
  Satisfaction: SATISFACTIONS,
  StaffRole: STAFF_ROLES,
  TimePrecision: TIME_PRECISIONS,
  RequestKind: REQUEST_KINDS,
  GroupUnit: GROUP_UNITS,
  WholeGroup: WHOLE_GROUPS,
} as const;

describe.each([
  ["SQLite", sqliteEnums],
  ["PostgreSQL", postgresEnums],
] as const)("the %s schema's enums", (_provider, enums) => {
  it.each(Object.entries(DOMAIN_LISTS))("%s holds exactly the domain's values", (name, list) => {
    const schemaValues = Object.values(enums[name as keyof typeof DOMAIN_LISTS]);
    expect([...schemaValues].sort()).toEqual([...list].sort());
  });
});
