/**
 * The seed (bench/seed.ts) on real SQLite: its cases carry the facts the lifecycle writes, and a
 * demonstration's few cases are in every stage of a case's life.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { cityDays, seedCases } from "../../bench/seed.ts";
import { loadCalendar } from "../../src/calendar/load-calendar.ts";
import type { WorkingCalendar } from "../../src/domain/calendar.ts";
import { returnDeadline } from "../../src/domain/lifecycle/deadlines.ts";
import { offeredCommands } from "../../src/domain/lifecycle/transitions.ts";
import type { Db } from "../../src/storage/database.ts";
import { freshDatabaseTarget, openTestDatabase } from "../support/databases.ts";

// A Monday afternoon in Beijing.
const NOW = new Date("2026-11-30T08:00:00Z");
const STATUSES = [
  "submitted",
  "assigned",
  "in_progress",
  "answered",
  "under_review",
  "closed",
  "not_accepted",
  "merged",
  "withdrawn",
];

let calendar: WorkingCalendar;

beforeAll(async () => {
  calendar = await loadCalendar();
});

async function seeded(count: number, days?: number): Promise<Db> {
  const target = await freshDatabaseTarget("sqlite");
  await seedCases(target, count, NOW, days);
  return openTestDatabase(target);
}

/** The number of cases in each status. */
async function statusCounts(db: Db): Promise<Record<string, number>> {
  const groups = await db.case.groupBy({ by: ["status"], _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
}

describe("a small seed", { timeout: 60_000 }, () => {
  let db: Db;
  beforeAll(async () => {
    db = await seeded(40);
  });

  it("holds every status a case's life reaches, the common ones more often", async () => {
    const counts = await statusCounts(db);
    expect(Object.keys(counts).sort()).toEqual([...STATUSES].sort());
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(40);
    // Most cases of a few months are closed by now; few are withdrawn.
    expect(counts.closed).toBeGreaterThan(counts.withdrawn!);
    expect(counts.closed).toBeGreaterThan(counts.submitted!);
  });

  it("has answers the citizens rated", async () => {
    const ratings = await db.rating.findMany({ include: { case: true } });
    expect(ratings.length).toBeGreaterThan(0);
    for (const rating of ratings) {
      // Rated after the answer, and before a review was asked for, if one was.
      expect(["answered", "closed", "under_review"]).toContain(rating.case.status);
      expect(rating.createdAt.getTime()).toBeGreaterThan(rating.case.answeredAt!.getTime());
      expect(rating.createdAt.getTime()).toBeLessThan(
        (rating.case.reviewRequestedAt ?? NOW).getTime(),
      );
    }
  });

  it("gives each case a unit holds the return window the domain computes from its assignment", async () => {
    const cases = await db.case.findMany();
    const held = cases.filter((c) => c.unitId !== null);
    expect(held.length).toBeGreaterThan(0);
    for (const c of held) {
      expect(c.returnDueAt, c.trackingNo).toEqual(returnDeadline(calendar, c.decidedAt!).at);
    }
    for (const c of cases.filter((c) => c.unitId === null)) expect(c.returnDueAt).toBeNull();
  });

  it("offers the unit a return of a case assigned in the last days, as a routed case would", async () => {
    const assigned = await db.case.findMany({ where: { status: "assigned" } });
    const offered = assigned.map((c) =>
      offeredCommands(
        { ...c, extensionDays: c.extensionDays ?? 0 },
        { kind: "handler", id: "h", unitId: c.unitId! },
        NOW,
      ),
    );
    expect(offered.some((commands) => commands.includes("return"))).toBe(true);
  });
});

describe("a seed at the city's rate", { timeout: 60_000 }, () => {
  it("spans only the hours its cases take, each case a unit holds with its return window", async () => {
    const db = await seeded(300, cityDays(300));
    const oldest = await db.case.findFirstOrThrow({ orderBy: { submittedAt: "asc" } });
    // 300 cases are about five hours of the city's filings.
    expect(NOW.getTime() - oldest.submittedAt.getTime()).toBeLessThan(6 * 3_600_000);
    const held = await db.case.findMany({ where: { unitId: { not: null } } });
    expect(held.length).toBeGreaterThan(0);
    for (const c of held) expect(c.returnDueAt).toEqual(returnDeadline(calendar, c.decidedAt!).at);
  });
});
