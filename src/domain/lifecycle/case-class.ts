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

/** A citizen's identity as stored beside a case; the fields a unit may or may not read. */
export interface CitizenIdentity {
  readonly name: string | null;
  readonly phone: string | null;
  readonly idNumber: string | null;
  readonly address: string | null;
}

export const REDACTED_IDENTITY: CitizenIdentity = {
  name: null,
  phone: null,
  idNumber: null,
  address: null,
};

/**
 * The citizen's identity as `unit` may read it: whole for the unit the case is
 * with (the discipline body for a report), all fields null for any other unit.
 */
export function citizenIdentityForUnit(
  subject: Pick<Case, "caseClass" | "unitId">,
  unit: Pick<Unit, "id" | "department">,
  identity: CitizenIdentity,
): CitizenIdentity {
  return visibleToUnit(subject, unit) ? identity : REDACTED_IDENTITY;
}
