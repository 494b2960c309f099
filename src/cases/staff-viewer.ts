/**
 * What a signed-in staff member may see: clerks and administrators every
 * case with the citizen's identity; a handler only the cases of their unit
 * (a report against officials only in the discipline body) and never who
 * filed them.
 */
import type { Directory } from "../domain/directory.ts";
import type { Actor } from "../domain/lifecycle/actor.ts";
import type { Case } from "../domain/lifecycle/case.ts";
import { visibleToUnit } from "../domain/lifecycle/case-class.ts";
import type { Prisma } from "../generated/sqlite/client.ts";
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

/** The rows a viewer may list (a superset for handlers: `mayView` decides each). */
export function scopeOf(viewer: Viewer): Prisma.CaseWhereInput {
  return viewer.actor.kind === "handler" ? { unitId: viewer.actor.unitId } : {};
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
  const unit = directory.units.find((u) => u.id === unitId);
  return unit !== undefined && visibleToUnit(subject, unit);
}
