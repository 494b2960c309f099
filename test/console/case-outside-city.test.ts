/**
 * Cases whose place lies outside the city (不在本市) in the console, on both databases: the
 * case list keeps them (outside=true) with the true total and marks each row with the place, the
 * case page's API carries it, the export keeps the same cases and says where each lies, the unit handling the case reads it too (it is where the matter
 * is, not who filed it), and a filter that is no yes or no is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS } from "../support/databases.ts";
import {
  listedCases,
  startConsoleWorld,
  type ConsoleClient,
  type ConsoleWorld,
} from "./console-world.ts";

/** The cells of one CSV line (RFC 4180: a quoted cell may hold commas and doubled quotes). */
function csvCells(line: string): string[] {
  return [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map(([, cell]) =>
    cell!.startsWith('"') ? cell!.slice(1, -1).replaceAll('""', '"') : cell!,
  );
}

/** The demo city's unit that the wages case is routed to. */
const UNIT = "human_resources.xiangcheng";

describe.each(PROVIDERS)(
  "cases outside the city in the console (%s)",
  { timeout: 60_000 },
  (provider) => {
    let world: ConsoleWorld;
    let clerk: ConsoleClient;
    const filed = { zhengzhou: "", beijing: "", here: "" };

    beforeAll(async () => {
      world = await startConsoleWorld({}, { provider });
      await world.addStaff("li", "clerk");
      await world.addStaff("zhao", "handler", UNIT);
      filed.zhengzhou = await world.file("zhengzhou", {
        description: "在郑州工地干活，老板是项城人，欠了三个月工资",
        category: "labor",
        region: "xiangcheng",
        address: "郑州东区龙湖工地",
        outsideCity: { place: "郑州市" },
      });
      filed.beijing = await world.file("beijing", {
        description: "这里的路灯坏了",
        region: null,
        regionSource: null,
        address: null,
        location: { latitude: 39.908, longitude: 116.397 },
        outsideCity: { place: null },
      });
      filed.here = await world.file("here");
      clerk = world.client();
      expect((await clerk.signIn("li")).status).toBe(200);
    });
    afterAll(async () => {
      await world.stop();
    });

    it("lists only the cases outside the city, newest first, each row with its place", async () => {
      expect(await listedCases(clerk, "outside=true")).toEqual({
        total: 2,
        numbers: [filed.beijing, filed.zhengzhou],
      });
      expect((await listedCases(clerk, "")).total).toBe(3);
      const rows = (await clerk.get("/api/cases")).json.items as {
        case: { trackingNo: string };
        outsideCity: unknown;
      }[];
      const placeOf = (no: string) => rows.find((r) => r.case.trackingNo === no)?.outsideCity;
      expect(placeOf(filed.zhengzhou)).toEqual({ place: "郑州市" });
      expect(placeOf(filed.beijing)).toEqual({ place: null });
      expect(placeOf(filed.here)).toBeNull();
    });

    it("exports and counts on the dashboard the cases the list keeps", async () => {
      const csv = (await clerk.get("/api/export.csv?outside=true")).text;
      const exported = csv.trimEnd().split("\r\n").slice(1);
      expect(exported.map((row) => row.split(",")[0])).toEqual([filed.beijing, filed.zhengzhou]);
      expect((await clerk.get("/api/dashboard?outside=true")).json.total).toBe(2);
      expect((await clerk.get("/api/dashboard?outside=false")).json.total).toBe(1);
    });

    it("exports the place in a column of its own, in the export's language, empty in the city", async () => {
      const placeIn = async (language: string) => {
        const csv = (await clerk.get("/api/export.csv", { "accept-language": language })).text;
        const [header, ...rows] = csv.slice(1).trimEnd().split("\r\n");
        const column = header!
          .split(",")
          .indexOf(language === "zh" ? "不在本市" : "Outside the city");
        expect(column, language).toBeGreaterThan(0);
        const placeOf = (no: string) => csvCells(rows.find((row) => row.startsWith(no))!)[column];
        return [placeOf(filed.zhengzhou), placeOf(filed.beijing), placeOf(filed.here)];
      };

      expect(await placeIn("zh")).toEqual(["郑州市", "所发位置", ""]);
      // The place's own name is a name: kept as the citizen's words named it.
      expect(await placeIn("en")).toEqual(["郑州市", "the location sent", ""]);
    });

    it("shows the place on the case page, to the clerk and to the unit handling the case", async () => {
      expect((await clerk.get(`/api/cases/${filed.zhengzhou}`)).json.outsideCity).toEqual({
        place: "郑州市",
      });
      const routed = await clerk.send("POST", `/api/cases/${filed.zhengzhou}/actions`, {
        action: { type: "route", unitId: UNIT },
      });
      expect(routed.status).toBe(200);
      const handler = world.client();
      expect((await handler.signIn("zhao")).status).toBe(200);
      expect((await handler.get(`/api/cases/${filed.zhengzhou}`)).json.outsideCity).toEqual({
        place: "郑州市",
      });
      expect((await listedCases(handler, "outside=true")).numbers).toEqual([filed.zhengzhou]);
    });

    it("refuses a filter that is no yes or no", async () => {
      expect((await clerk.get("/api/cases?outside=somewhere")).status).toBe(400);
    });
  },
);
