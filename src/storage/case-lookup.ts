import { timingSafeEqual } from "node:crypto";
import type { Directory } from "../domain/directory.ts";
import type { CitizenCaseDetail } from "../domain/intake/ports.ts";
import { toCitizenCaseDetail } from "./citizen-cases.ts";
import type { Db } from "./database.ts";

/**
 * Opens a case with its tracking number and query code, for the public status
 * page. A wrong code and an unknown number both give null, after the same work,
 * so the answer tells nothing about which numbers exist.
 */
export interface CaseLookup {
  find(trackingNo: string, queryCode: string): Promise<CitizenCaseDetail | null>;
}

export function createCaseLookup(db: Db, directory: Directory): CaseLookup {
  const unitName = new Map(directory.units.map((u) => [u.id, u.name]));
  return {
    async find(trackingNo, queryCode) {
      const row = await db.case.findUnique({
        where: { trackingNo },
        include: { timeline: { orderBy: { at: "asc" } } },
      });
      const matches = sameCode(row?.queryCode ?? "------", queryCode);
      return row && matches ? toCitizenCaseDetail(row, unitName) : null;
    },
  };
}

function sameCode(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given.padEnd(expected.length, "\0").slice(0, 64));
  return a.length === b.length && timingSafeEqual(a, b) && given.length === expected.length;
}
