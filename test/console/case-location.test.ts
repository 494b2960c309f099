/**
 * Where a case is, as clerks and handlers read it: the address as the citizen
 * gave it, the coordinates, and what decided the region, on the case API and
 * in the CSV export, on both databases; and a clerk correcting the region.
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
      await world.addStaff("zhao", "handler", "urban_management.chuanhui");
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
        locatedIn: { inCity: true, regionName: "川汇区", town: "七一路街道" },
        regionSource: "coordinates",
        case: { regionCode: "chuanhui" },
      });
      const byText = (await client.get(`/api/cases/${typed}`)).json;
      expect(byText).toMatchObject({
        address: "人民路",
        location: null,
        locatedIn: null,
        regionSource: "text",
      });
    });

    it("says a point outside the city is outside, with no region or town", async () => {
      const client = await clerk();
      const no = await world.file("zhengzhou", {
        location: { latitude: 34.747, longitude: 113.625 },
      });
      expect((await client.get(`/api/cases/${no}`)).json.locatedIn).toEqual({
        inCity: false,
        regionName: null,
        town: null,
      });
    });

    it("exports the address, latitude, longitude and region source", async () => {
      const csv = (await (await clerk()).get("/api/export.csv")).text;
      const [header, ...rows] = csv.slice(1).trimEnd().split("\r\n");
      expect(header).toContain(",地点,纬度,经度,地区依据,");
      expect(rows.find((r) => r.startsWith(gps))).toContain(",33.627,114.652,位置坐标,");
      expect(rows.find((r) => r.startsWith(typed))).toContain(",人民路,,,群众所述,");
    });

    it("lets a clerk correct the region of a waiting case: the region is the clerk's and the new region's unit is proposed", async () => {
      const client = await clerk();
      const no = await world.file("wrong-region", {
        description: "人民路的路灯坏了",
        region: "chuanhui",
        regionSource: "text",
      });
      const before = (await client.get(`/api/cases/${no}`)).json;
      expect(before.suggestion.unitId).toBe("urban_management.chuanhui");
      expect(before.allowed).toContain("set_region");

      const answer = await client.send("POST", `/api/cases/${no}/actions`, {
        action: { type: "set_region", regionCode: "fugou" },
        expectedStatus: "submitted",
      });
      expect(answer.status).toBe(200);
      const after = (await client.get(`/api/cases/${no}`)).json;
      expect(after).toMatchObject({
        regionSource: "clerk",
        case: { regionCode: "fugou", status: "submitted", unitId: null },
        suggestion: { unitId: "urban_management.fugou", categoryCode: "municipal" },
      });
      expect(after.timeline.at(-1)).toMatchObject({
        kind: "region_changed",
        data: {
          fromRegion: "chuanhui",
          toRegion: "fugou",
          proposedUnitId: "urban_management.fugou",
        },
        actorKind: "clerk",
        note: null,
      });

      // One tap then routes it to the unit proposed anew.
      const routed = await client.send("POST", `/api/cases/${no}/actions`, {
        action: { type: "route", unitId: after.suggestion.unitId },
      });
      expect(routed.status).toBe(200);
      const csv = (await client.get("/api/export.csv")).text;
      expect(csv.split("\r\n").find((r) => r.startsWith(no))).toContain(",工作人员确定,");
    });

    it("keeps a routed case with its unit when the region is corrected", async () => {
      const client = await clerk();
      const no = await world.file("routed-wrong-region", { region: "chuanhui" });
      await client.send("POST", `/api/cases/${no}/actions`, {
        action: { type: "route", unitId: "urban_management.chuanhui" },
      });
      const answer = await client.send("POST", `/api/cases/${no}/actions`, {
        action: { type: "set_region", regionCode: "xihua" },
      });
      expect(answer.status).toBe(200);
      const after = (await client.get(`/api/cases/${no}`)).json;
      expect(after).toMatchObject({
        regionSource: "clerk",
        case: { regionCode: "xihua", status: "assigned", unitId: "urban_management.chuanhui" },
      });
      expect(after.timeline.at(-1).data).toEqual({
        fromRegion: "chuanhui",
        toRegion: "xihua",
        proposedUnitId: null,
      });
    });

    it("answers a clear 400 for an unknown or unchanged region, and 403 to a handler", async () => {
      const client = await clerk();
      const no = await world.file("bad-region", { region: "chuanhui" });
      const unknown = await client.send("POST", `/api/cases/${no}/actions`, {
        action: { type: "set_region", regionCode: "atlantis" },
      });
      expect(unknown.status).toBe(400);
      const same = await client.send("POST", `/api/cases/${no}/actions`, {
        action: { type: "set_region", regionCode: "chuanhui" },
      });
      expect(same.status).toBe(400);
      await client.send("POST", `/api/cases/${no}/actions`, {
        action: { type: "route", unitId: "urban_management.chuanhui" },
      });
      const handler = world.client();
      expect((await handler.signIn("zhao")).status).toBe(200);
      const forbidden = await handler.send("POST", `/api/cases/${no}/actions`, {
        action: { type: "set_region", regionCode: "fugou" },
      });
      expect(forbidden.status).toBe(403);
      expect((await client.get(`/api/cases/${no}`)).json.case.regionCode).toBe("chuanhui");
    });
  },
);
