/**
 * A clerk finds a case by the name its citizen left as the contact ("张建国 last week called
 * about…") and by the holder of a relative's number, on both databases, also when the
 * complaint's words never name them. A handler never does, not even in its own unit's cases (a
 * petitioner's identity is not disclosed to the unit), and an anonymous case is found by its
 * words alone. The search follows the contact (电话换了, "打我儿子赵强的 158…") in the
 * transaction of the change: the clerk finds the case by the new holder, the unit by no
 * contact's name, also where the complaint's words name the holder (its reader masks them).
 * Every contact the case kept before stays with it: the clerk finds the case by each earlier
 * holder's name and number, the unit by none, and reads each name masked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NumberHolder } from "../../src/domain/holder-relations.ts";
import { PROVIDERS } from "../support/databases.ts";
import {
  clerkAndUnit,
  listedCases,
  startConsoleWorld,
  type ConsoleClient,
  type ConsoleWorld,
} from "./console-world.ts";

const FUGOU = "urban_management.fugou";
const named = (name: string) => ({ kind: "named", name, phone: "13812345678" }) as const;
const nobody = { total: 0, numbers: [] };

describe.each(PROVIDERS)(
  "a clerk's search by the contact's name (%s)",
  { timeout: 60_000 },
  (provider) => {
    let world: ConsoleWorld;
    let clerk: ConsoleClient;
    let handler: ConsoleClient;
    const filed = {
      zhang: "",
      anonymous: "",
      other: "",
      son: "",
      gaveNumber: "",
      daughter: "",
      ownAgain: "",
    };

    const changeTo = (no: string, citizen: string, phone: string, holder: NumberHolder) =>
      world.app.caseActions.act(
        no,
        { type: "change_contact", phone, holder },
        { kind: "citizen", id: `web:${citizen}` },
      );

    beforeAll(async () => {
      world = await startConsoleWorld({}, { provider });
      // Every case with the unit, which could list and search them all but for the name.
      const scene = await clerkAndUnit(world, FUGOU);
      ({ clerk, handler } = scene);
      const file = scene.fileToUnit;
      filed.zhang = await file("zhang", {
        description: "小区门口井盖没了",
        contact: named("张建国"),
      });
      // The same citizen, not leaving their name this time.
      filed.anonymous = await file("zhang", {
        description: "楼下饭店油烟太大",
        contact: { kind: "anonymous" },
      });
      filed.other = await file("li-si", { description: "路灯坏了", contact: named("李四") });
      // The words name the son whose number the case keeps later.
      filed.son = await file("zhao", {
        description: "楼道扶手断了，我儿子赵强天天从这过",
        contact: named("赵德明"),
      });
      filed.gaveNumber = await file("wang", {
        description: "小区垃圾没人清运",
        contact: { kind: "anonymous" },
      });
      // A relative's number left at filing.
      filed.daughter = await file("sun", {
        description: "公园长椅坏了",
        contact: { ...named("孙红"), holder: { relation: "daughter", name: "孙梅" } },
      });
      // The son's number left at filing, then the citizen's own instead, then a neighbour's.
      filed.ownAgain = await file("zhou", {
        description: "我儿子李建军的电话13912340000，村口的桥裂了",
        contact: {
          ...named("周秀英"),
          phone: "13912340000",
          holder: { relation: "son", name: "李建军" },
        },
      });
      await changeTo(filed.son, "zhao", "158 1234 5678", { relation: "son", name: "赵强" });
      await world.app.caseActions.act(
        filed.ownAgain,
        { type: "change_contact", phone: "13712340000", holder: null },
        { kind: "citizen", id: "web:zhou" },
      );
      await changeTo(filed.ownAgain, "zhou", "13612340000", {
        relation: "neighbour",
        name: "钱进",
      });
      await changeTo(filed.gaveNumber, "wang", "15912345678", { relation: "spouse", name: "刘芳" });
    });
    afterAll(async () => {
      await world.stop();
    });

    const listed = (client: ConsoleClient, q: string) =>
      listedCases(client, `q=${encodeURIComponent(q)}`);

    it("finds, for a clerk, the case by its contact's name or a part of it; for the unit holding it, nothing", async () => {
      const zhang = { total: 1, numbers: [filed.zhang] };

      for (const typed of ["张建国", "建国", "张建国 井盖"]) {
        expect(await listed(clerk, typed), typed).toEqual(zhang);
        expect(await listed(handler, typed), typed).toEqual({ total: 0, numbers: [] });
      }
      expect(await listed(handler, "井盖")).toEqual(zhang);
    });

    it("finds an anonymous case by its words only, never by the name its citizen left elsewhere", async () => {
      const anonymous = { total: 1, numbers: [filed.anonymous] };

      expect(await listed(clerk, "张建国")).toEqual({ total: 1, numbers: [filed.zhang] });
      expect(await listed(clerk, "油烟")).toEqual(anonymous);
      expect(await listed(handler, "油烟")).toEqual(anonymous);
    });

    it("finds, for a clerk, a case by the holder of the number left at filing; for the unit, nothing", async () => {
      const daughter = { total: 1, numbers: [filed.daughter] };

      expect(await listed(clerk, "孙梅")).toEqual(daughter);
      expect(await listed(handler, "孙梅")).toEqual(nobody);
      expect(await listed(handler, "长椅")).toEqual(daughter);
    });

    it("finds, for a clerk, the case by its new number's holder; for the unit, by no contact's name", async () => {
      const son = { total: 1, numbers: [filed.son] };

      for (const typed of ["赵强", "赵强 扶手", "赵德明"]) {
        expect(await listed(clerk, typed), typed).toEqual(son);
        expect(await listed(handler, typed), typed).toEqual(nobody);
      }
      expect(await listed(handler, "扶手")).toEqual(son);
    });

    it("finds, for a clerk, the case by every contact it kept before, name and number; for the unit, by none", async () => {
      const ownAgain = { total: 1, numbers: [filed.ownAgain] };

      for (const typed of [
        "李建军",
        "建军",
        "钱进",
        "周秀英",
        "139 1234 0000",
        "13712340000",
        "13612340000",
      ]) {
        expect(await listed(clerk, typed), typed).toEqual(ownAgain);
      }
      for (const typed of ["李建军", "建军", "钱进", "周秀英"]) {
        expect(await listed(handler, typed), typed).toEqual(nobody);
      }
      expect(await listed(handler, "桥裂")).toEqual(ownAgain);
    });

    it("shows the unit the words with every earlier contact's name masked, on the page and in the export", async () => {
      const page = await handler.get(`/api/cases/${filed.ownAgain}`);
      const csv = (await handler.get("/api/export.csv")).text;

      expect(page.json.description).toBe("我儿子***的电话***********，村口的桥裂了");
      expect(page.text).not.toContain("李建军");
      expect(csv).toContain("我儿子***的电话***********，村口的桥裂了");
      expect(csv).not.toContain("李建军");
    });

    it("finds a case that gave a number after filing anonymously by its holder, for a clerk only", async () => {
      const gaveNumber = { total: 1, numbers: [filed.gaveNumber] };

      expect(await listed(clerk, "刘芳")).toEqual(gaveNumber);
      expect(await listed(handler, "刘芳")).toEqual(nobody);
      expect(await listed(handler, "垃圾")).toEqual(gaveNumber);
    });
  },
);
