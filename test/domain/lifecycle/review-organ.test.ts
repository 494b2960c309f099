import { beforeAll, describe, expect, it } from "vitest";
import { loadDirectory } from "../../../src/directory/load-directory.ts";
import type { Directory } from "../../../src/domain/directory.ts";
import { reviewOrgan } from "../../../src/domain/lifecycle/review-organ.ts";

let directory: Directory;
beforeAll(async () => {
  directory = await loadDirectory();
});

const request = { caseClass: "request" } as const;
const organOf = (unitId: string, caseClass: "request" | "report" = "request") =>
  reviewOrgan(directory, { unitId, caseClass })?.id ?? null;

describe("reviewOrgan: the next higher organ takes a 复查 or 复核 (《信访工作条例》 arts. 35–36)", () => {
  it("sends a district unit's answer to the same department of the city (复查)", () => {
    expect(organOf("urban_management.chuanhui")).toBe("urban_management.city");
    expect(organOf("housing_construction.fugou")).toBe("housing_construction.city");
  });

  it("sends a county-level city's and the development zone's answers to the city too", () => {
    expect(organOf("human_resources.xiangcheng")).toBe("human_resources.city");
    const zone = directory.regions.find((r) => r.level === "development_zone")!;
    expect(organOf(`education.${zone.code}`)).toBe("education.city");
  });

  it("sends a city department's answer to the body the directory names for it (复核 after a 复查 at the city)", () => {
    expect(directory.reviewUnit).toBe("petition_bureau.city");
    expect(organOf("urban_management.city")).toBe("petition_bureau.city");
  });

  it("takes the stages in turn: district, then city department, then the city's petition bureau", () => {
    const first = organOf("transport.luyi");
    expect(first).toBe("transport.city");
    expect(organOf(first!)).toBe("petition_bureau.city");
  });

  it("never proposes the unit that answered for its own review", () => {
    // The bureau answered: nothing is above it in the directory.
    expect(organOf("petition_bureau.city")).toBeNull();
    for (const unit of directory.units) {
      expect(organOf(unit.id)).not.toBe(unit.id);
    }
  });

  it("keeps a report against officials with the discipline body", () => {
    expect(organOf("discipline.xihua", "report")).toBe("discipline.city");
    // Above the city's 纪委监委 the directory has no discipline body: the clerk chooses.
    expect(organOf("discipline.city", "report")).toBeNull();
  });

  it("proposes nothing above the city when the directory names no review body", () => {
    const { reviewUnit: _named, ...without } = directory;
    expect(reviewOrgan(without, { ...request, unitId: "urban_management.city" })).toBeNull();
    expect(reviewOrgan(without, { ...request, unitId: "urban_management.chuanhui" })?.id).toBe(
      "urban_management.city",
    );
  });

  it("proposes nothing for a case with no unit, or with a unit since removed", () => {
    expect(reviewOrgan(directory, { ...request, unitId: null })).toBeNull();
    expect(reviewOrgan(directory, { ...request, unitId: "removed.unit" })).toBeNull();
  });
});
