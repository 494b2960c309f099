/**
 * A clerk finds a case by the name its citizen left as the contact ("张建国 last week called
 * about…"), on both databases, also when the complaint's words never name them. A handler
 * never does, not even in its own unit's cases (a petitioner's identity is not disclosed to
 * the unit), and an anonymous case is found by its words alone.
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
const named = (name: string) => ({ kind: "named", name, phone: "13812345678" }) as const;

describe.each(PROVIDERS)(
  "a clerk's search by the contact's name (%s)",
  { timeout: 60_000 },
  (provider) => {
    let world: ConsoleWorld;
    let clerk: ConsoleClient;
    let handler: ConsoleClient;
    const filed = { zhang: "", anonymous: "", other: "" };

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
  },
);
