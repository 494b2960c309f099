/** The units a clerk is offered to reassign a case to, alike on every staff surface. */
import type { Case } from "../domain/lifecycle/case.ts";
import type { Directory, Unit } from "../domain/directory.ts";
import { mayReassignTo } from "../domain/lifecycle/transitions.ts";

/**
 * The units of `directory` (of `department`, when given) a clerk may reassign the case to, in
 * the order Telegram's 改派, the WeCom review card and the console's unit select list them:
 * the unit proposed for a review (`proposedUnitId`) first, then the units of the case's region,
 * then the rest in directory order. Only units the lifecycle takes (mayReassignTo): never the
 * unit that has the case, which under review is the unit whose answer is disputed, and for a
 * report against officials the discipline body only.
 */
export function reassignTargets(
  directory: Directory,
  subject: Pick<Case, "unitId" | "caseClass" | "regionCode">,
  proposedUnitId: string | null,
  department?: string,
): Unit[] {
  const rank = (unit: Unit) =>
    unit.id === proposedUnitId ? 2 : unit.region === subject.regionCode ? 1 : 0;
  return directory.units
    .filter(
      (u) => (department === undefined || u.department === department) && mayReassignTo(subject, u),
    )
    .sort((a, b) => rank(b) - rank(a));
}
