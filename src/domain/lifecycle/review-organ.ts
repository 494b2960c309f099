/**
 * Where a 复查 or 复核 goes (《信访工作条例》2022, arts. 35–36): to the next higher administrative
 * organ of the unit whose answer the citizen disputes — the unit that answered for a 复查, the
 * unit that reviewed for a 复核.
 */
import { cityRegion, unitById, type Directory, type Unit } from "../directory.ts";
import type { Case } from "./case.ts";
import { mayAssignTo } from "./case-class.ts";

/**
 * The unit to propose to the clerk for the review of `subject`'s latest answer, given by the unit
 * the case is with (`subject.unitId`): the same department's unit in the parent region, or —
 * when the directory has none (the answering unit is city-level) — the directory's
 * `reviewUnit`. Null when the directory names no such unit, when it would be the answering unit
 * itself (a unit never reviews its own answer), or when it may not take the case (a report
 * against officials goes to the discipline body only): the clerk then chooses.
 */
export function reviewOrgan(
  directory: Directory,
  subject: Pick<Case, "unitId" | "caseClass">,
): Unit | null {
  const answered = subject.unitId === null ? undefined : unitById(directory, subject.unitId);
  if (!answered) return null;
  const parent = parentRegion(directory, answered.region);
  const higher =
    directory.units.find((u) => u.department === answered.department && u.region === parent) ??
    (directory.reviewUnit === undefined ? undefined : unitById(directory, directory.reviewUnit));
  if (!higher || higher.id === answered.id || !mayAssignTo(subject, higher)) return null;
  return higher;
}

/**
 * The region one level up; null for the city level. A directory has one city-level region and
 * every other region (district, county, county-level city, development zone) lies directly
 * under it, so the level alone gives the parent: the file needs no parent field.
 */
function parentRegion(directory: Directory, regionCode: string): string | null {
  const city = cityRegion(directory);
  return regionCode === city.code ? null : city.code;
}
