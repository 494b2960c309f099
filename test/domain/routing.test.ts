import { beforeAll, describe, expect, it } from "vitest";
import { loadDirectory } from "../../src/directory/load-directory.ts";
import type { Directory } from "../../src/domain/directory.ts";
import { likelyUnits, routeComplaint } from "../../src/domain/routing.ts";

let directory: Directory;
beforeAll(async () => {
  directory = await loadDirectory();
});

describe("routeComplaint", () => {
  it("sends a complaint to the department's unit of the region (属地管理)", () => {
    const decision = routeComplaint(directory, "municipal", "fugou");
    expect(decision).toMatchObject({
      unitId: "urban_management.fugou",
      regionCode: "fugou",
      flagged: false,
    });
  });

  it("routes the city level to the city unit without a flag", () => {
    expect(routeComplaint(directory, "labor", "city")).toMatchObject({
      unitId: "human_resources.city",
      regionCode: "city",
      flagged: false,
    });
  });

  it("sends utilities to the housing department (公用事业)", () => {
    expect(routeComplaint(directory, "utilities", "luyi").unitId).toBe("housing_construction.luyi");
  });

  it("sends reports against officials to the discipline body of the region", () => {
    const decision = routeComplaint(directory, "discipline", "xihua");
    expect(decision.unitId).toBe("discipline.xihua");
    expect(decision.notes).toEqual(["discipline_body"]);
    // never the unit reported on, whichever department employs the official
    for (const unit of directory.units.filter((u) => u.department !== "discipline")) {
      expect(decision.unitId).not.toBe(unit.id);
    }
  });

  it("sends an unknown region to the city-level unit, flagged for the clerk", () => {
    const decision = routeComplaint(directory, "housing", null);
    expect(decision).toMatchObject({
      unitId: "housing_construction.city",
      regionCode: "city",
      flagged: true,
    });
    expect(decision.notes).toEqual(["region_unknown"]);
  });

  it("treats a region code the directory does not know like an unknown region", () => {
    expect(routeComplaint(directory, "health", "atlantis")).toMatchObject({
      unitId: "health_commission.city",
      flagged: true,
    });
  });

  it("sends an unknown category to manual triage (other → 信访局), flagged", () => {
    expect(routeComplaint(directory, "nonsense", "taikang")).toMatchObject({
      unitId: "petition_bureau.taikang",
      flagged: true,
    });
  });

  it("falls back to the city level when a region has no unit of that department", () => {
    const partial: Directory = {
      ...directory,
      units: directory.units.filter((u) => u.id !== "education.dancheng"),
    };
    expect(routeComplaint(partial, "education", "dancheng")).toMatchObject({
      unitId: "education.city",
      regionCode: "city",
      flagged: true,
    });
  });

  it("has a unit for every category in every region of the default directory", () => {
    for (const category of directory.categories) {
      for (const region of directory.regions) {
        const decision = routeComplaint(directory, category.code, region.code);
        expect(decision.regionCode).toBe(region.code);
        expect(decision.flagged).toBe(false);
      }
    }
  });
});

describe("likelyUnits (what a clerk is offered to pick from)", () => {
  const ids = (units: readonly { id: string }[]) => units.map((u) => u.id);

  it("offers the suggested unit first, then the likely categories' units of the region and the city", () => {
    const units = likelyUnits(
      directory,
      {
        caseClass: "request",
        categoryCodes: ["municipal", "utilities"],
        regionCode: "fugou",
        suggestedUnitId: "urban_management.fugou",
      },
      10,
    );
    expect(ids(units).slice(0, 4)).toEqual([
      "urban_management.fugou",
      "urban_management.city",
      "housing_construction.fugou",
      "housing_construction.city",
    ]);
    expect(units).toHaveLength(10);
    expect(new Set(ids(units)).size).toBe(10);
  });

  it("offers the city level when the region is unknown", () => {
    const units = likelyUnits(
      directory,
      { caseClass: "request", categoryCodes: ["labor"], regionCode: null, suggestedUnitId: null },
      3,
    );
    expect(ids(units)[0]).toBe("human_resources.city");
    expect(units.every((u) => u.region === "city")).toBe(true);
  });

  it("offers only discipline bodies for a report against officials", () => {
    const units = likelyUnits(
      directory,
      {
        caseClass: "report",
        categoryCodes: ["discipline", "municipal"],
        regionCode: "xihua",
        suggestedUnitId: "discipline.xihua",
      },
      10,
    );
    expect(ids(units)).toEqual(["discipline.xihua", "discipline.city"]);
  });
});
