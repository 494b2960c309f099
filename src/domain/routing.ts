import { cityRegion, type Directory } from "./directory.ts";

/** Where a complaint goes, and why. */
export interface RoutingDecision {
  /** The unit that handles the complaint. */
  readonly unitId: string;
  /** The region whose unit was chosen (the city level when the region is unknown). */
  readonly regionCode: string;
  /** True when a clerk must confirm (region unknown, or no unit at that level). */
  readonly flagged: boolean;
  readonly reason: string;
}

const DISCIPLINE_CATEGORY = "discipline";
const FALLBACK_CATEGORY = "other";

/**
 * Routes (category, region) to the unit of the category's department at that
 * region's level (属地管理). Guarantees:
 * - reports against officials (category "discipline") go to the discipline
 *   body of the region, never to the unit reported on;
 * - region null (or a code the directory does not know) → the city-level unit, flagged;
 * - a category the directory does not know is treated as "other" (manual triage), flagged;
 * - a region without a unit of that department → the city-level unit, flagged.
 * Pure: no I/O.
 * @throws Error only when the directory has no city-level unit for the department
 *   (a validated directory always has one).
 */
export function routeComplaint(
  directory: Directory,
  category: string,
  region: string | null,
): RoutingDecision {
  const city = cityRegion(directory);
  const notes: string[] = [];
  let flagged = false;

  let chosen = directory.categories.find((c) => c.code === category);
  if (!chosen) {
    chosen =
      directory.categories.find((c) => c.code === FALLBACK_CATEGORY) ??
      directory.categories[directory.categories.length - 1]!;
    notes.push(`unknown category "${category}", sent to ${chosen.code} for manual triage`);
    flagged = true;
  }
  const department = chosen.department;

  let regionCode = region;
  if (regionCode === null) {
    notes.push("region unknown: city level, the clerk confirms the region");
    flagged = true;
  } else if (!directory.regions.some((r) => r.code === regionCode)) {
    notes.push(`unknown region "${regionCode}": city level, the clerk confirms the region`);
    regionCode = null;
    flagged = true;
  }

  const unitOf = (code: string) =>
    directory.units.find((unit) => unit.department === department && unit.region === code);
  let unit = regionCode === null ? undefined : unitOf(regionCode);
  if (regionCode !== null && !unit) {
    notes.push(`no ${department} unit in ${regionCode}: city level`);
    flagged = true;
  }
  unit ??= unitOf(city.code);
  if (!unit) throw new Error(`directory has no city-level unit of department "${department}"`);

  if (chosen.code === DISCIPLINE_CATEGORY) {
    notes.unshift("report against officials: the discipline body, never the unit reported on");
  }
  notes.unshift(`${chosen.code} → ${unit.name}（属地管理）`);
  return { unitId: unit.id, regionCode: unit.region, flagged, reason: notes.join("; ") };
}
