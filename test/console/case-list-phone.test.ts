/**
 * A clerk finds a petitioner's earlier cases by the phone number they left (重复信访), on both
 * databases: typed as people type it, through the index of the contact phone. A handler never
 * does (a petitioner's identity is not disclosed to the unit), nor does anyone find an
 * anonymous case by its writer's number.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS } from "../support/databases.ts";
import {
  clerkAndUnit,
  listedCases,
  startConsoleWorld,
  type ConsoleClient,
  type ConsoleWorld,
} from "./console-world.ts";

const FUGOU = "urban_management.fugou";
const PHONE = "13812345678";
const named = (phone: string) => ({ kind: "named", name: "王先生", phone }) as const;

describe.each(PROVIDERS)(
  "a clerk's search by phone number (%s)",
  { timeout: 60_000 },
  (provider) => {
    let world: ConsoleWorld;
    let clerk: ConsoleClient;
    let handler: ConsoleClient;
    const filed = {
      first: "",
      second: "",
      anonymous: "",
      other: "",
      mentioned: "",
      son: "",
      lamp: "",
    };

    beforeAll(async () => {
      world = await startConsoleWorld({}, { provider });
      // Every case with the unit, which could list and search them all but for the number.
      const scene = await clerkAndUnit(world, FUGOU);
      ({ clerk, handler } = scene);
      const file = scene.fileToUnit;
      filed.first = await file("wang", {
        description: "小区门口井盖没了",
        contact: named(PHONE),
      });
      filed.second = await file("wang-again", {
        description: "井盖还是没人修",
        contact: named(PHONE),
      });
      filed.anonymous = await file("wang", {
        description: "楼下饭店油烟太大",
        contact: { kind: "anonymous" },
      });
      filed.other = await file("li-si", {
        description: "路灯坏了",
        contact: named("13912345678"),
      });
      filed.mentioned = await file("zhang", {
        description: `门口的店铺乱收费，店主电话${PHONE}`,
        contact: named("13712345678"),
      });
      filed.son = await file("grandma", {
        description: "村里的路灯不亮",
        contact: { ...named("13612345678"), holder: { relation: "son", name: "王强" } },
      });
      filed.lamp = await file("landline", {
        description: "胡同里的路灯坏了",
        contact: named("0394-8123456"),
      });
    });
    afterAll(async () => {
      await world.stop();
    });

    const listed = (client: ConsoleClient, q: string) =>
      listedCases(client, `q=${encodeURIComponent(q)}`);

    it("finds, for a clerk, the cases left with the number, newest first, however it is typed", async () => {
      const both = { total: 2, numbers: [filed.second, filed.first] };

      for (const typed of [PHONE, "138 1234 5678", "138-1234-5678", "+86 138 1234 5678"]) {
        expect(await listed(clerk, typed), typed).toEqual(both);
      }
    });

    it("finds a landline typed with its area code in any of the usual forms", async () => {
      const lamp = { total: 1, numbers: [filed.lamp] };

      for (const typed of ["0394-8123456", "(0394)8123456", "0394 8123456"]) {
        expect(await listed(clerk, typed), typed).toEqual(lamp);
      }
    });

    it("finds a case left with a relative's number by that number (the number to call back)", async () => {
      expect(await listed(clerk, "136 1234 5678")).toEqual({ total: 1, numbers: [filed.son] });
    });

    it("finds no anonymous case by its writer's number, nor a case whose text only mentions it", async () => {
      const found = (await listed(clerk, PHONE)).numbers;

      expect(found).not.toContain(filed.anonymous);
      expect(found).not.toContain(filed.mentioned);
    });

    it("finds nothing for a handler, though the unit holds every case", async () => {
      for (const typed of [PHONE, "138 1234 5678", "0394-8123456"]) {
        expect(await listed(handler, typed), typed).toEqual({ total: 0, numbers: [] });
      }
      expect((await listed(handler, "井盖")).total).toBe(2);
    });

    it("looks the number up through the indexes of the contact phone, now and former (the plan)", async () => {
      const plan = await world.app.queries.cases.explain(
        { kind: "all" },
        {},
        { contactPhone: PHONE, forceIndexes: true },
      );

      if (provider === "sqlite") {
        expect(plan).toMatch(/SEARCH h USING INDEX Case_contactPhone_submittedAt_idx/);
        expect(plan).toMatch(/SEARCH f USING INDEX CaseFormerContact_contactPhone_idx/);
      } else {
        expect(plan).toMatch(/Index Scan.* using "Case_contactPhone_submittedAt_idx" on "Case"/);
        expect(plan).toMatch(/Index Scan.*"CaseFormerContact_contactPhone_idx"/);
        expect(plan).not.toMatch(/Seq Scan/);
      }
    });
  },
);
