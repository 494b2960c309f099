/**
 * The timeline_entry_data migration: entries written before timeline facts
 * were data kept them as text in the note. The migration turns every old note
 * shape into the typed data of its kind and leaves in the note only the words
 * a person wrote.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TimelineFact } from "../../src/domain/lifecycle/timeline.ts";
import type { Db } from "../../src/storage/database.ts";
import { readTimelineFact } from "../../src/storage/timeline-data.ts";
import { createCaseWorld, type CaseWorld } from "../support/case-world.ts";
import { PROVIDERS } from "../support/databases.ts";
import { deployAgain } from "../support/deploy-again.ts";

/** Forgets that the migration ran, then deploys: it runs again on the rows there now. */
function runMigrationAgain(world: CaseWorld): Promise<Db> {
  return deployAgain(world, "timeline_entry_data");
}

const DUE = new Date("2025-06-20T16:00:00.000Z");

/** Notes as the lifecycle wrote them before, and what each becomes. */
const OLD_ENTRIES: readonly {
  kind: string;
  note: string | null;
  fact: TimelineFact;
  keptNote: string | null;
}[] = [
  {
    kind: "assigned",
    note: "urban_management.fugou",
    fact: { kind: "assigned", data: { unitId: "urban_management.fugou" } },
    keptNote: null,
  },
  {
    kind: "reassigned",
    note: "urban_management.fugou → urban_management.city",
    fact: {
      kind: "reassigned",
      data: { fromUnitId: "urban_management.fugou", toUnitId: "urban_management.city" },
    },
    keptNote: null,
  },
  {
    kind: "reassigned",
    note: "none → urban_management.city",
    fact: { kind: "reassigned", data: { fromUnitId: null, toUnitId: "urban_management.city" } },
    keptNote: null,
  },
  {
    kind: "returned",
    note: "urban_management.city: 不属于本单位职责: 请转住建",
    fact: { kind: "returned", data: { unitId: "urban_management.city" } },
    keptNote: "不属于本单位职责: 请转住建",
  },
  {
    kind: "extended",
    note: "15 days: 需要现场勘验",
    fact: { kind: "extended", data: { days: 15, newDueAt: DUE } },
    keptNote: "需要现场勘验",
  },
  {
    kind: "answered",
    note: null,
    // A later answer replaced the case's outcome: this one's was never recorded.
    fact: { kind: "answered", data: { outcome: null } },
    keptNote: null,
  },
  {
    kind: "review_requested",
    note: "复查",
    fact: { kind: "review_requested", data: { stage: 1 } },
    keptNote: null,
  },
  {
    kind: "review_answered",
    note: null,
    fact: { kind: "review_answered", data: { outcome: "explain" } },
    keptNote: null,
  },
  {
    kind: "review_requested",
    note: "复核",
    fact: { kind: "review_requested", data: { stage: 2 } },
    keptNote: null,
  },
  {
    kind: "rated",
    note: "unsolved, basically_satisfied",
    fact: { kind: "rated", data: { solved: false, satisfaction: "basically_satisfied" } },
    keptNote: null,
  },
  {
    kind: "rated",
    note: "solved, satisfied",
    fact: { kind: "rated", data: { solved: true, satisfaction: "satisfied" } },
    keptNote: null,
  },
  {
    kind: "recategorized",
    note: "street-sewage → municipal (request → suggestion)",
    fact: {
      kind: "recategorized",
      data: {
        fromCategory: "street-sewage",
        toCategory: "municipal",
        fromClass: "request",
        toClass: "suggestion",
      },
    },
    keptNote: null,
  },
  {
    kind: "reclassified",
    note: "request → report",
    fact: { kind: "reclassified", data: { from: "request", to: "report" } },
    keptNote: null,
  },
  {
    kind: "reminded",
    note: "handling",
    fact: { kind: "reminded", data: { clock: "handling" } },
    keptNote: null,
  },
  {
    kind: "escalated",
    note: "acceptance, 12 days overdue",
    fact: { kind: "escalated", data: { clock: "acceptance", overdueDays: 12 } },
    keptNote: null,
  },
  {
    kind: "query_code_reset",
    note: "5 wrong query codes: a new code was sent to the citizen",
    fact: { kind: "query_code_reset", data: { wrongCodes: 5 } },
    keptNote: null,
  },
  {
    kind: "merged",
    note: "ZK-20250301-0007",
    fact: { kind: "merged", data: { intoTrackingNo: "ZK-20250301-0007" } },
    keptNote: null,
  },
  {
    kind: "merged_from",
    note: "ZK-20250301-0009",
    fact: { kind: "merged_from", data: { fromTrackingNo: "ZK-20250301-0009" } },
    keptNote: null,
  },
  {
    kind: "progress",
    note: "已派人到现场查看。",
    fact: { kind: "progress", data: null },
    keptNote: "已派人到现场查看。",
  },
  {
    kind: "not_accepted",
    note: "属于仲裁事项",
    fact: { kind: "not_accepted", data: null },
    keptNote: "属于仲裁事项",
  },
  { kind: "withdrawn", note: null, fact: { kind: "withdrawn", data: null }, keptNote: null },
];

/** Files a case whose timeline holds every old note shape; resolves with the case's id. */
async function caseWithOldNotes(world: CaseWorld): Promise<string> {
  const no = await world.file(1);
  const row = await world.db.case.update({
    where: { trackingNo: no },
    data: { handlingDueAt: DUE, answerOutcome: "explain" },
  });
  const start = world.clock.now().getTime();
  await world.db.timelineEntry.createMany({
    data: OLD_ENTRIES.map((old, i) => ({
      caseId: row.id,
      at: new Date(start + (i + 1) * 60_000),
      kind: old.kind,
      actorKind: "system",
      actorId: "old",
      note: old.note,
    })),
  });
  return row.id;
}

/** Files and routes a case as the service writes it now; resolves with the case's id. */
async function caseWrittenAsData(world: CaseWorld): Promise<string> {
  const no = await world.file(2);
  await world.actions.act(
    no,
    { type: "route", unitId: "urban_management.fugou" },
    { kind: "clerk", id: "clerk-li" },
  );
  return (await world.db.case.findUniqueOrThrow({ where: { trackingNo: no } })).id;
}

describe.each(PROVIDERS)(
  "the timeline_entry_data migration (%s)",
  { timeout: 90_000 },
  (provider) => {
    // Both cases in one database, migrated once: deploying the migration is the slow part.
    let db: Db;
    let oldCase: string;
    let newCase: string;
    let newEntriesBefore: Awaited<ReturnType<Db["timelineEntry"]["findMany"]>>;
    beforeAll(async () => {
      const world = await createCaseWorld(provider);
      oldCase = await caseWithOldNotes(world);
      newCase = await caseWrittenAsData(world);
      newEntriesBefore = await world.db.timelineEntry.findMany({
        where: { caseId: newCase },
        orderBy: { at: "asc" },
      });
      db = await runMigrationAgain(world);
    }, 90_000);
    afterAll(() => db.$disconnect());

    it("turns every old note shape into its kind's data and keeps only a person's words", async () => {
      const migrated = await db.timelineEntry.findMany({
        where: { caseId: oldCase, actorId: "old" },
        orderBy: { at: "asc" },
      });
      expect(
        migrated.map((entry) => ({ fact: readTimelineFact(entry), note: entry.note })),
      ).toEqual(OLD_ENTRIES.map((old) => ({ fact: old.fact, note: old.keptNote })));
    });

    it("leaves entries already written as data alone", async () => {
      expect(
        await db.timelineEntry.findMany({ where: { caseId: newCase }, orderBy: { at: "asc" } }),
      ).toEqual(newEntriesBefore);
      expect(newEntriesBefore.map(readTimelineFact)).toContainEqual({
        kind: "assigned",
        data: { unitId: "urban_management.fugou" },
      });
    });
  },
);
