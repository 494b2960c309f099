import { timingSafeEqual } from "node:crypto";
import type { Directory } from "../domain/directory.ts";
import type { CitizenCaseDetail } from "../domain/intake/ports.ts";
import type { Satisfaction } from "../domain/lifecycle/case-status.ts";
import { toCitizenCaseDetail } from "./citizen-cases.ts";
import type { Db } from "./database.ts";

/**
 * Opens a case with its tracking number and query code, for the public status
 * page. A wrong code and an unknown number both give null, after the same work,
 * so the answer tells nothing about which numbers exist.
 */
export interface CaseLookup {
  find(trackingNo: string, queryCode: string): Promise<StatusCaseDetail | null>;
}

/** A case as the status page shows it: what the citizen sees, and their latest rating. */
export interface StatusCaseDetail extends CitizenCaseDetail {
  readonly rating: { readonly solved: boolean; readonly satisfaction: Satisfaction } | null;
  /** When the answer (or, under review, the review's answer) is due; null before acceptance. */
  readonly answerDueAt: Date | null;
  /** True while a review (复查 / 复核) is being handled. */
  readonly underReview: boolean;
}

export function createCaseLookup(db: Db, directory: Directory): CaseLookup {
  const unitName = new Map(directory.units.map((u) => [u.id, u.name]));
  return {
    async find(trackingNo, queryCode) {
      const row = await db.case.findUnique({
        where: { trackingNo },
        include: {
          timeline: { orderBy: { at: "asc" } },
          ratings: {
            orderBy: { createdAt: "desc" },
            take: 1,
            select: { solved: true, satisfaction: true },
          },
        },
      });
      const matches = sameCode(row?.queryCode ?? "------", queryCode);
      if (!row || !matches) return null;
      return {
        ...toCitizenCaseDetail(row, unitName),
        rating: row.ratings[0] ?? null,
        answerDueAt: row.status === "under_review" ? row.reviewDueAt : row.handlingDueAt,
        underReview: row.status === "under_review",
      };
    },
  };
}

function sameCode(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given.padEnd(expected.length, "\0").slice(0, 64));
  return a.length === b.length && timingSafeEqual(a, b) && given.length === expected.length;
}
