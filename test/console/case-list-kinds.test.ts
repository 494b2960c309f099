/**
 * Consultations (咨询) and complaints apart in the clerks' case list, on both databases: the list
 * keeps one kind with the true total, beside the other filters; the export keeps the same cases;
 * a kind that is neither is refused.
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
  "consultations and complaints in the case list (%s)",
  { timeout: 60_000 },
  (provider) => {
    let world: ConsoleWorld;
    let clerk: ConsoleClient;
    const filed = { fee: "", permit: "", lamp: "", pension: "" };

    beforeAll(async () => {
      world = await startConsoleWorld({}, { provider });
      await world.addStaff("li", "clerk");
      clerk = world.client();
      expect((await clerk.signIn("li")).status).toBe(200);
      filed.fee = await world.file("fee", {
        description: "请问今年新农合一年交多少钱，在哪交",
        requestKind: "consultation",
      });
      filed.lamp = await world.file("lamp", { description: "我家门口的路灯坏了一个星期" });
      filed.permit = await world.file("permit", {
        description: "办居住证需要啥手续",
        requestKind: "consultation",
      });
      filed.pension = await world.file("pension", {
        description: "我们村三十多户老人的养老金两个月没发了",
      });
    });
    afterAll(async () => {
      await world.stop();
    });

    const listed = (query: string) => listedCases(clerk, query);

    it("lists only the consultations, newest first, when a clerk asks for them", async () => {
      expect(await listed("kind=consultation")).toEqual({
        total: 2,
        numbers: [filed.permit, filed.fee],
      });
    });

    it("lists only the complaints when a clerk asks for them", async () => {
      expect(await listed("kind=complaint")).toEqual({
        total: 2,
        numbers: [filed.pension, filed.lamp],
      });
      expect((await listed("")).total).toBe(4);
    });

    it("keeps the kind beside the other filters", async () => {
      expect(await listed("kind=complaint&group=any")).toEqual({
        total: 1,
        numbers: [filed.pension],
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
