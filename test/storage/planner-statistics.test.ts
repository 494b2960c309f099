/**
 * SQLite's planner plans from statistics of the data it holds (sqlite_stat1), kept true by
 * the service as SQLite recommends; without them it guesses every table's size.
 */
import pino from "pino";
import { describe, expect, it } from "vitest";
import { keepPlannerStatistics } from "../../src/storage/planner-statistics.ts";
import { freshDatabase } from "../support/databases.ts";

const quiet = pino({ level: "silent" });

describe("the planner's statistics on SQLite", () => {
  it("are gathered when the service starts, for every table that holds rows", async () => {
    const db = await freshDatabase("sqlite");
    await db.staffMember.createMany({
      data: Array.from({ length: 50 }, (_, i) => ({
        username: `clerk${i}`,
        displayName: `办事员${i}`,
        role: "clerk",
        active: true,
      })),
    });
    const upkeep = keepPlannerStatistics(db, quiet);

    upkeep.start();
    await upkeep.stop();

    const stats = await db.$queryRawUnsafe<{ tbl: string; stat: string }[]>(
      `SELECT "tbl", "stat" FROM sqlite_stat1 WHERE "tbl" = 'StaffMember'`,
    );
    expect(stats.length).toBeGreaterThan(0);
    expect(stats.every(({ stat }) => stat.startsWith("50"))).toBe(true);
  });
});
