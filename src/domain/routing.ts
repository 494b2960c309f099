import { cityRegion, type CaseClass, type Directory, type Unit } from "./directory.ts";
import { mayAssignTo } from "./lifecycle/case-class.ts";
import type { RoutingNote } from "./vocabulary.ts";

/** Where a complaint goes, and why. */
export interface RoutingDecision {
  /** The unit that handles the complaint. */
  readonly unitId: string;
  /** The region whose unit was chosen (the city level when the region is unknown). */
  readonly regionCode: string;
  /** True when a clerk must confirm (region unknown, or no unit at that level). */
  readonly flagged: boolean;
  /** Why, beyond the department's unit of the region (属地管理): data, rendered with labels. */
  readonly notes: readonly RoutingNote[];
}

const DISCIPLINE_CATEGORY = "discipline";
/** The directory's category for anything else: the petition bureau's clerks triage it by hand. */
export const FALLBACK_CATEGORY = "other";

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
  const notes: RoutingNote[] = [];
  let flagged = false;

  let chosen = directory.categories.find((c) => c.code === category);
  if (!chosen) {
    chosen =
      directory.categories.find((c) => c.code === FALLBACK_CATEGORY) ??
      directory.categories[directory.categories.length - 1]!;
    notes.push("unknown_category");
    flagged = true;
  }
  const department = chosen.department;

  let regionCode = region;
  if (regionCode === null) {
    notes.push("region_unknown");
    flagged = true;
  } else if (!directory.regions.some((r) => r.code === regionCode)) {
    notes.push("region_unknown");
    regionCode = null;
    flagged = true;
  }

  const unitOf = (code: string) =>
    directory.units.find((unit) => unit.department === department && unit.region === code);
  let unit = regionCode === null ? undefined : unitOf(regionCode);
  if (regionCode !== null && !unit) {
    notes.push("no_unit_in_region");
    flagged = true;
  }
  unit ??= unitOf(city.code);
  if (!unit) throw new Error(`directory has no city-level unit of department "${department}"`);

  if (chosen.code === DISCIPLINE_CATEGORY) {
    notes.unshift("discipline_body");
  }
  return { unitId: unit.id, regionCode: unit.region, flagged, notes };
}

/** What `likelyUnits` looks at of a case. */
export interface RoutingCandidatesInput {
  readonly caseClass: CaseClass;
  /** The case's category, then the other categories the classifier considered, best first. */
  readonly categoryCodes: readonly string[];
  readonly regionCode: string | null;
  /** The unit suggested to the clerk, if any: always first. */
  readonly suggestedUnitId: string | null;
}

/**
 * The units a clerk most likely sends a case to, best first and at most `max`: the suggested
 * unit; for each likely category its unit in the case's region, then at the city level; then
 * the other units of the region. A report against officials (检举控告) only ever goes to a
 * discipline body, so only those are offered for it. Pure: no I/O.
 */
export function likelyUnits(
  directory: Directory,
  input: RoutingCandidatesInput,
  max: number,
): Unit[] {
  const city = cityRegion(directory).code;
  const regions = input.regionCode === null ? [city] : [input.regionCode, city];
  const departments = input.categoryCodes.flatMap((code) => {
    const department = directory.categories.find((c) => c.code === code)?.department;
    return department === undefined ? [] : [department];
  });
  const ordered = [
    ...directory.units.filter((u) => u.id === input.suggestedUnitId),
    ...departments.flatMap((department) =>
      regions.flatMap((region) =>
        directory.units.filter((u) => u.department === department && u.region === region),
      ),
    ),
    ...directory.units.filter((u) => u.region === regions[0]),
    ...directory.units.filter((u) => u.region === city),
  ];
  return [...new Set(ordered)].filter((unit) => mayAssignTo(input, unit)).slice(0, max);
}
