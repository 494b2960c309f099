/**
 * The class of a case (建议意见 / 检举控告 / 申诉求决) and what it implies for
 * who may handle and see it.
 */
import type { CaseClass, Category, Unit } from "../directory.ts";
import type { Case } from "./case.ts";

/** The directory's department code of the discipline inspection and supervision body (纪检监察). */
export const DISCIPLINE_DEPARTMENT = "discipline";

/** A new case's class: its category's class, until a clerk corrects it. */
export function caseClassFor(category: Pick<Category, "class">): CaseClass {
  return category.class;
}

/** Reports against officials (检举控告) go to the discipline body only; other classes to any unit. */
export function mayAssignTo(
  subject: Pick<Case, "caseClass">,
  unit: Pick<Unit, "department">,
): boolean {
  return subject.caseClass !== "report" || unit.department === DISCIPLINE_DEPARTMENT;
}

/**
 * Whether a unit may see a case at all: only the unit it is with, and a report
 * (检举控告) only when that unit is the discipline body. A report is therefore
 * never shown to the unit or official it is about.
 */
export function visibleToUnit(
  subject: Pick<Case, "caseClass" | "unitId">,
  unit: Pick<Unit, "id" | "department">,
): boolean {
  return subject.unitId === unit.id && mayAssignTo(subject, unit);
}

// A citizen's name and phone are for the petition bureau's clerks only: no unit
// ever receives them, not even the unit handling the case (《信访工作条例》 art. 9).
// The adapters that show a case to a unit leave them out.
