/**
 * Complaints made for many (群体诉求) in the clerks' case list, on both databases: the list
 * keeps any group complaint, or those counted at least N people or households, with the true
 * total; the export keeps the same cases; a filter that is neither is refused. A citizen's
 * addition that tells of more households (补充) grows the case's group: listed, shown and
 * recorded as the larger one; an addition that says fewer leaves it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSupplements } from "../../src/cases/citizen-decisions.ts";
import { PROVIDERS } from "../support/databases.ts";
import {
  listedCases,
  startConsoleWorld,
  type ConsoleClient,
  type ConsoleWorld,
} from "./console-world.ts";

describe.each(PROVIDERS)(
  "group complaints in the case list (%s)",
  { timeout: 60_000 },
  (provider) => {
    let world: ConsoleWorld;
    let clerk: ConsoleClient;
    const filed: Record<"wages" | "village" | "flooded" | "alone", string> = {
      wages: "",
      village: "",
      flooded: "",
      alone: "",
    };

    beforeAll(async () => {
      world = await startConsoleWorld({}, { provider });
      await world.addStaff("li", "clerk");
      filed.wages = await world.file("wages", {
        description: "俺们工地一共三十多个农民工，老板欠了三个月工资，过年回不了家",
      });
      filed.village = await world.file("village", {
        description: "全村的自来水停了三天了，一直没人来修",
      });
      filed.flooded = await world.file("flooded", {
        description: "我们这栋楼二十来户都被楼顶漏水淹了",
      });
      filed.alone = await world.file("alone", { description: "我家门口的路灯坏了一个星期" });
      clerk = world.client();
      expect((await clerk.signIn("li")).status).toBe(200);
    });
    afterAll(async () => {
      await world.stop();
    });

    const listed = (query: string) => listedCases(clerk, query);

    it("lists only the group complaints, newest first, when a clerk asks for any group", async () => {
      expect(await listed("group=any")).toEqual({
        total: 3,
        numbers: [filed.flooded, filed.village, filed.wages],
      });
      expect((await listed("")).total).toBe(4);
    });

    it("keeps those counted at least N people or households; a whole village without a number is left out", async () => {
      expect((await listed("group=20")).numbers).toEqual([filed.flooded, filed.wages]);
      expect((await listed("group=25")).numbers).toEqual([filed.wages]);
      expect(await listed("group=31")).toEqual({ total: 0, numbers: [] });
      expect((await listed("group=any&q=%E5%B7%A5%E8%B5%84")).numbers).toEqual([filed.wages]);
    });

    it("exports the cases the list keeps", async () => {
      const csv = (await clerk.get("/api/export.csv?group=20")).text;
      const exported = csv.trimEnd().split("\r\n").slice(1);

      expect(exported.map((row) => row.split(",")[0])).toEqual([filed.flooded, filed.wages]);
    });

    it("grows a case with its citizen's addition that tells of more households, never shrinks it", async () => {
      const supplements = createSupplements(world.app.caseActions);
      const sixty = { count: { atLeast: 60, unit: "households" }, whole: "building" };
      const add = (words: string) =>
        supplements.supplement("web:flooded", filed.flooded, words, []);

      expect(await add("现在整栋楼六十多户都漏水了")).toEqual({ decision: "done", grownTo: sixty });
      expect(await add("我们有十来户家里漏得最厉害")).toEqual({ decision: "done", grownTo: null });

      expect((await listed("group=50")).numbers).toEqual([filed.flooded]);
      const detail = (await clerk.get(`/api/cases/${filed.flooded}`)).json;
      expect(detail.group).toEqual(sixty);
      const grown = detail.timeline.filter((e: { kind: string }) => e.kind === "group_grown");
      expect(grown).toEqual([
        expect.objectContaining({
          actorKind: "citizen",
          data: { from: { count: { atLeast: 20, unit: "households" }, whole: null }, to: sixty },
        }),
      ]);
    });

    it("refuses a group filter that is neither 'any' nor a number of people", async () => {
      for (const group of ["some", "0", "-5", "2.5"]) {
        expect((await clerk.get(`/api/cases?group=${group}`)).status, group).toBe(400);
      }
    });
  },
);
