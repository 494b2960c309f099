/**
 * What a signed-in staff member may see: clerks and administrators every
 * case with the citizen's identity; a handler only the cases of their unit
 * (a report against officials only in the discipline body) and never who
 * filed them.
 */
import { unitById, type Directory } from "../domain/directory.ts";
import { maskIdentity } from "../domain/identity-in-text.ts";
import { parseChinesePhone } from "../domain/intake/phone.ts";
import type { Actor } from "../domain/lifecycle/actor.ts";
import type { Case } from "../domain/lifecycle/case.ts";
import { mayAssignTo, visibleToUnit } from "../domain/lifecycle/case-class.ts";
import type { CaseScope } from "../storage/queries/case-conditions.ts";
import type { StaffIdentity } from "../storage/staff-store.ts";

/** A signed-in staff member and the lifecycle actor they act as. */
export interface Viewer {
  readonly staff: StaffIdentity;
  readonly actor: Actor;
}

/** True for clerks and administrators: they see the citizen's identity. */
export function seesIdentity(viewer: Viewer): boolean {
  return viewer.actor.kind === "clerk";
}

/**
 * False when the viewer's text search must find nothing: a handler's search for a phone or
 * ID number, which the handler reads masked in every complaint — otherwise typing a number
 * would tell a unit which case its owner filed.
 */
export function maySearchFor(viewer: Viewer, q: string | undefined): boolean {
  return q === undefined || seesIdentity(viewer) || maskIdentity(q, null) === q;
}

/**
 * The contact phone a viewer's search looks up: for a clerk or administrator, the search when it
 * is a phone number (138 1234 5678, 0394-8123456), as contacts are stored — to see whether the
 * same person filed before (重复信访). Undefined otherwise: a handler never searches by a
 * citizen's number (see maySearchFor).
 */
export function contactPhoneSearchedBy(viewer: Viewer, q: string | undefined): string | undefined {
  if (q === undefined || !seesIdentity(viewer)) return undefined;
  return parseChinesePhone(q)?.display;
}

/** The cases a viewer may list: the same rule as `mayView`, for the read queries. */
export function scopeOf(viewer: Viewer, directory: Directory): CaseScope {
  if (viewer.actor.kind === "clerk") return { kind: "all" };
  if (viewer.actor.kind !== "handler") return { kind: "none" };
  const unitId = viewer.actor.unitId;
  const unit = unitById(directory, unitId);
  return unit
    ? { kind: "unit", unitId, seesReports: mayAssignTo({ caseClass: "report" }, unit) }
    : { kind: "none" };
}

/** Whether the viewer may open the case at all. */
export function mayView(
  viewer: Viewer,
  subject: Pick<Case, "caseClass" | "unitId">,
  directory: Directory,
): boolean {
  if (viewer.actor.kind === "clerk") return true;
  if (viewer.actor.kind !== "handler") return false;
  const unitId = viewer.actor.unitId;
  const unit = unitById(directory, unitId);
  return unit !== undefined && visibleToUnit(subject, unit);
}
