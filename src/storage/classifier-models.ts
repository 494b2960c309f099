/** The clerks' decisions the classifier learns from, and its models, in the database. */
import type { ClassifierModelStore, ModelRecord, ModelStatus } from "../classification/learning.ts";
import { CASE_STATUSES, FINAL_STATUSES } from "../domain/lifecycle/case-status.ts";
import type { Db } from "./database.ts";

const RECORD_FIELDS = {
  id: true,
  createdAt: true,
  status: true,
  trainingKey: true,
  corpusItems: true,
  learnedItems: true,
  learnedUntil: true,
  figures: true,
  verdict: true,
} as const;

/** Statuses of cases a clerk decided on and did not refuse, merge or see withdrawn. */
const DECIDED_STATUSES = CASE_STATUSES.filter(
  (status) => status !== "submitted" && !FINAL_STATUSES.includes(status),
);

export function createClassifierModelStore(db: Db): ClassifierModelStore {
  const toRecord = (row: {
    id: string;
    createdAt: Date;
    status: string;
    trainingKey: string;
    corpusItems: number;
    learnedItems: number;
    learnedUntil: Date | null;
    figures: unknown;
    verdict: string;
  }): ModelRecord => ({ ...row, status: row.status as ModelStatus });

  return {
    async decidedCases(limit) {
      const rows = await db.case.findMany({
        where: {
          status: { in: [...DECIDED_STATUSES] },
          unitId: { not: null },
          decidedAt: { not: null },
        },
        orderBy: { decidedAt: "desc" },
        take: limit,
        select: {
          description: true,
          categoryCode: true,
          unitId: true,
          regionCode: true,
          decidedAt: true,
          suggestions: {
            where: { chosen: true },
            orderBy: { createdAt: "asc" },
            take: 1,
            select: { categoryCode: true },
          },
        },
      });
      return rows.map((row) => ({
        description: row.description,
        categoryCode: row.categoryCode,
        unitId: row.unitId!,
        regionCode: row.regionCode,
        suggestedCategory: row.suggestions[0]?.categoryCode ?? null,
        decidedAt: row.decidedAt!,
      }));
    },

    async inService() {
      const row = await db.classifierModel.findFirst({
        where: { status: "in_service" },
        orderBy: { createdAt: "desc" },
      });
      if (!row) return null;
      const { artifact, ...record } = row;
      return { record: toRecord(record), artifact };
    },

    async inServiceId() {
      const row = await db.classifierModel.findFirst({
        where: { status: "in_service" },
        orderBy: { createdAt: "desc" },
        select: { id: true },
      });
      return row?.id ?? null;
    },

    async putInService(model) {
      const row = await db.$transaction(async (tx) => {
        await tx.classifierModel.updateMany({
          where: { status: "in_service" },
          data: { status: "retired", artifact: new Uint8Array() },
        });
        return tx.classifierModel.create({
          data: {
            ...model,
            figures: model.figures as object,
            status: "in_service",
            artifact: Buffer.from(model.artifact),
          },
          select: RECORD_FIELDS,
        });
      });
      return toRecord(row);
    },

    async recordRejected(model) {
      const row = await db.classifierModel.create({
        data: {
          ...model,
          figures: model.figures as object,
          status: "rejected",
          artifact: new Uint8Array(),
        },
        select: RECORD_FIELDS,
      });
      return toRecord(row);
    },

    async history(limit) {
      const rows = await db.classifierModel.findMany({
        orderBy: { createdAt: "desc" },
        take: limit,
        select: RECORD_FIELDS,
      });
      return rows.map(toRecord);
    },
  };
}
