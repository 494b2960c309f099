/**
 * Complaints made for many (群体诉求) in the clerks' case list, on both databases: the list
 * keeps any group complaint, or those counted at least N people or households, with the true
 * total; the export keeps the same cases; a filter that is neither is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

    it("refuses a group filter that is neither 'any' nor a number of people", async () => {
      for (const group of ["some", "0", "-5", "2.5"]) {
        expect((await clerk.get(`/api/cases?group=${group}`)).status, group).toBe(400);
      }
    });
  },
);
