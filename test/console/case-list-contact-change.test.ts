/**
 * A case's search follows its contact (电话换了, "打我儿子张强的 158…"), on both databases: a
 * clerk finds the case by the new number's holder as by any contact's name, in the transaction
 * of the change; the unit holding the case never finds it by a contact's name, old or new, also
 * where the complaint's words name the new holder (its reader masks them there).
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
const nobody = { total: 0, numbers: [] };

describe.each(PROVIDERS)(
  "a clerk's search by the contact after a change of number (%s)",
  { timeout: 60_000 },
  (provider) => {
    let world: ConsoleWorld;
    let clerk: ConsoleClient;
    let handler: ConsoleClient;
    const filed = { son: "", anonymous: "", daughter: "" };

    const changeTo = (no: string, citizen: string, phone: string, holder: NumberHolder) =>
      world.app.caseActions.act(
        no,
        { type: "change_contact", phone, holder },
        { kind: "citizen", id: `web:${citizen}` },
      );

    beforeAll(async () => {
      world = await startConsoleWorld({}, { provider });
      const scene = await clerkAndUnit(world, FUGOU);
      ({ clerk, handler } = scene);
      const file = scene.fileToUnit;
      // The words name the son the number is later his.
      filed.son = await file("zhang", {
        description: "小区门口井盖没了，我儿子张强天天从这过",
        contact: { kind: "named", name: "张建国", phone: "13812345678" },
      });
      filed.anonymous = await file("wang", {
        description: "楼下饭店油烟太大",
        contact: { kind: "anonymous" },
      });
      // A relative's number left at filing.
      filed.daughter = await file("li", {
        description: "路灯坏了",
        contact: {
          kind: "named",
          name: "李四",
          phone: "13712345678",
          holder: { relation: "daughter", name: "李梅" },
        },
      });
      await changeTo(filed.son, "zhang", "158 1234 5678", { relation: "son", name: "张强" });
      await changeTo(filed.anonymous, "wang", "15912345678", { relation: "spouse", name: "刘芳" });
    });
    afterAll(async () => {
      await world.stop();
    });

    const listed = (client: ConsoleClient, q: string) =>
      listedCases(client, `q=${encodeURIComponent(q)}`);

    it("finds, for a clerk, the case by the new number's holder; for the unit holding it, by no contact's name", async () => {
      const son = { total: 1, numbers: [filed.son] };

      for (const typed of ["张强", "张强 井盖", "张建国"]) {
        expect(await listed(clerk, typed), typed).toEqual(son);
        expect(await listed(handler, typed), typed).toEqual(nobody);
      }
      expect(await listed(handler, "井盖")).toEqual(son);
    });

    it("finds a case that gave a number after filing anonymously by its holder, for a clerk only", async () => {
      expect(await listed(clerk, "刘芳")).toEqual({ total: 1, numbers: [filed.anonymous] });
      expect(await listed(handler, "刘芳")).toEqual(nobody);
      expect(await listed(handler, "油烟")).toEqual({ total: 1, numbers: [filed.anonymous] });
    });

    it("finds a case by the holder of the number left at filing, for a clerk only", async () => {
      const daughter = { total: 1, numbers: [filed.daughter] };

      expect(await listed(clerk, "李梅")).toEqual(daughter);
      expect(await listed(handler, "李梅")).toEqual(nobody);
      expect(await listed(handler, "路灯")).toEqual(daughter);
    });
  },
);
