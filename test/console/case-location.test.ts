/**
 * Where a case is, as clerks and handlers read it: the address as the citizen
 * gave it, the coordinates, and what decided the region, on the case API and
 * in the CSV export, on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS } from "../support/databases.ts";
import { startConsoleWorld, type ConsoleWorld } from "./console-world.ts";

const CHUANHUI = { latitude: 33.627, longitude: 114.652 };

describe.each(PROVIDERS)(
  "a case's location in the console (%s)",
  { timeout: 60_000 },
  (provider) => {
    let world: ConsoleWorld;
    let gps: string;
    let typed: string;

    beforeAll(async () => {
      world = await startConsoleWorld({}, { provider });
      await world.addStaff("li", "clerk");
      gps = await world.file("gps", {
        description: "这里的井盖没了，晚上很危险",
        region: "chuanhui",
        regionSource: "coordinates",
        address: null,
        location: CHUANHUI,
      });
      typed = await world.file("typed", {
        description: "井盖没了，川汇区人民路",
        region: "chuanhui",
        regionSource: "text",
        address: "人民路",
      });
    });
    afterAll(async () => {
      await world.stop();
    });

    async function clerk() {
      const client = world.client();
      expect((await client.signIn("li")).status).toBe(200);
      return client;
    }

    it("shows the coordinates and that they decided the region on the case page's API", async () => {
      const client = await clerk();
      const byGps = (await client.get(`/api/cases/${gps}`)).json;
      expect(byGps).toMatchObject({
        address: null,
        location: CHUANHUI,
        regionSource: "coordinates",
        case: { regionCode: "chuanhui" },
      });
      const byText = (await client.get(`/api/cases/${typed}`)).json;
      expect(byText).toMatchObject({ address: "人民路", location: null, regionSource: "text" });
    });

    it("exports the address, latitude, longitude and region source", async () => {
      const csv = (await (await clerk()).get("/api/export.csv")).text;
      const [header, ...rows] = csv.slice(1).trimEnd().split("\r\n");
      expect(header).toContain(",地点,纬度,经度,地区依据,");
      expect(rows.find((r) => r.startsWith(gps))).toContain(",33.627,114.652,位置坐标,");
      expect(rows.find((r) => r.startsWith(typed))).toContain(",人民路,,,群众所述,");
    });
  },
);
