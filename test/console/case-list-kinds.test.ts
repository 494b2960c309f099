/**
 * Consultations (咨询) and complaints apart in the clerks' case list, on both databases: the list
 * keeps one kind with the true total, beside the other filters; the export keeps the same cases;
 * a kind that is neither is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS } from "../support/databases.ts";
import { startConsoleWorld, type ConsoleClient, type ConsoleWorld } from "./console-world.ts";

describe.each(PROVIDERS)(
  "consultations and complaints in the case list (%s)",
  { timeout: 60_000 },
  (provider) => {
    let world: ConsoleWorld;
    let clerk: ConsoleClient;
    const filed = { fee: "", permit: "", lamp: "", wages: "" };

    beforeAll(async () => {
      world = await startConsoleWorld({}, { provider });
      await world.addStaff("li", "clerk");
      filed.fee = await world.file("fee", {
        description: "请问今年新农合一年交多少钱，在哪交",
        requestKind: "consultation",
      });
      filed.lamp = await world.file("lamp", { description: "我家门口的路灯坏了一个星期" });
      filed.permit = await world.file("permit", {
        description: "办居住证需要啥手续",
        requestKind: "consultation",
      });
      filed.wages = await world.file("wages", {
        description: "俺们工地一共三十多个农民工，老板欠了三个月工资，过年回不了家",
      });
      clerk = world.client();
      expect((await clerk.signIn("li")).status).toBe(200);
    });
    afterAll(async () => {
      await world.stop();
    });

    async function listed(query: string): Promise<{ total: number; numbers: string[] }> {
      const page = (await clerk.get(`/api/cases?${query}`)).json;
      const numbers = page.items.map((i: { case: { trackingNo: string } }) => i.case.trackingNo);
      return { total: page.total, numbers };
    }

    it("lists only the consultations, newest first, when a clerk asks for them", async () => {
      expect(await listed("kind=consultation")).toEqual({
        total: 2,
        numbers: [filed.permit, filed.fee],
      });
    });

    it("lists only the complaints when a clerk asks for them", async () => {
      expect(await listed("kind=complaint")).toEqual({
        total: 2,
        numbers: [filed.wages, filed.lamp],
      });
      expect((await listed("")).total).toBe(4);
    });

    it("keeps the kind beside the other filters", async () => {
      expect(await listed("kind=complaint&group=any")).toEqual({
        total: 1,
        numbers: [filed.wages],
      });
      expect(await listed("kind=consultation&group=any")).toEqual({ total: 0, numbers: [] });
      expect(await listed("kind=consultation&status=submitted")).toEqual({
        total: 2,
        numbers: [filed.permit, filed.fee],
      });
    });

    it("exports the cases the list keeps", async () => {
      const csv = (await clerk.get("/api/export.csv?kind=consultation")).text;
      const exported = csv.trimEnd().split("\r\n").slice(1);

      expect(exported.map((row) => row.split(",")[0])).toEqual([filed.permit, filed.fee]);
    });

    it("refuses a kind that is neither a consultation nor a complaint", async () => {
      for (const kind of ["question", "Consultation", "any"]) {
        expect((await clerk.get(`/api/cases?kind=${kind}`)).status, kind).toBe(400);
      }
    });
  },
);
