/**
 * Cases as the console reads them: the lifecycle's Case plus what a clerk
 * reads of the matter (text, place, contact), for the lists, the queue, the
 * case page and the export. Identity fields are removed for viewers who may not see them, and
 * masked in the citizen's own words.
 */
import type { Directory } from "../domain/directory.ts";
import { maskIdentity, type LeftContact } from "../domain/identity-in-text.ts";
import { AppError } from "../errors.ts";
import type { CaseRecordStore, StoredCase } from "../storage/case-record-store.ts";
import { mayView, seesIdentity, type Viewer } from "./staff-viewer.ts";

export interface CaseRecord extends Omit<StoredCase, "id" | "citizenId" | "contact"> {
  /** Null for an anonymous case and for viewers who may not see the citizen's identity. */
  readonly contact: LeftContact | null;
}

/** A case record with its row id and citizen (for queries about it; never shown to handlers). */
export interface FoundCaseRecord {
  readonly id: string;
  readonly citizenId: string;
  readonly record: CaseRecord;
  /**
   * Other words of the citizen's about the case (an addition, 补充) as the viewer reads them:
   * masked as the description is for a viewer who may not see who wrote them.
   */
  readonly citizenWords: (text: string) => string;
}

/**
 * The cases with row ids `ids`, in that order, as the viewer may see them (ids
 * come from the read queries, which apply the viewer's scope).
 */
export async function caseRecordsByIds(
  records: Pick<CaseRecordStore, "byIds">,
  viewer: Viewer,
  ids: readonly string[],
): Promise<FoundCaseRecord[]> {
  const byId = new Map((await records.byIds(ids)).map((stored) => [stored.id, stored]));
  return ids.flatMap((id) => {
    const stored = byId.get(id);
    return stored ? [found(stored, viewer)] : [];
  });
}

/** One case as the viewer may see it, with its row id; null when unknown or not visible. */
export async function findCaseRecord(
  records: Pick<CaseRecordStore, "byTrackingNo">,
  directory: Directory,
  viewer: Viewer,
  trackingNo: string,
): Promise<FoundCaseRecord | null> {
  const stored = await records.byTrackingNo(trackingNo);
  if (!stored || !mayView(viewer, stored.case, directory)) return null;
  return found(stored, viewer);
}

/**
 * {@link findCaseRecord}, for a request about that case.
 * @throws AppError("case.not_found") for an unknown case or one the viewer may not see; its
 * userMessageKey is "case.moved_from_unit" when the viewer's unit held the case before (it was
 * returned to the clerks or moved to another unit), "case.not_found" otherwise.
 */
export async function requireCaseRecord(
  records: Pick<CaseRecordStore, "byTrackingNo" | "timeline">,
  directory: Directory,
  viewer: Viewer,
  trackingNo: string,
): Promise<FoundCaseRecord> {
  const stored = await records.byTrackingNo(trackingNo);
  if (stored && mayView(viewer, stored.case, directory)) return found(stored, viewer);
  // A unit that held the case knows it exists: it is told the case left it, never where to.
  // Any other viewer learns nothing, not even that the case exists.
  const movedAway = stored !== null && (await unitHeldBefore(records, stored.id, viewer));
  throw new AppError("case.not_found", `no case ${trackingNo} for staff ${viewer.staff.id}`, {
    userMessageKey: movedAway ? "case.moved_from_unit" : "case.not_found",
  });
}

/** Whether case `caseId`'s timeline shows it assigned to the viewer's unit (a handler) once. */
async function unitHeldBefore(
  records: Pick<CaseRecordStore, "timeline">,
  caseId: string,
  viewer: Viewer,
): Promise<boolean> {
  if (viewer.actor.kind !== "handler") return false;
  const { unitId } = viewer.actor;
  const entries = await records.timeline(caseId);
  return entries.some(
    ({ fact }) =>
      (fact.kind === "assigned" && fact.data.unitId === unitId) ||
      (fact.kind === "reassigned" && fact.data.toUnitId === unitId),
  );
}

function found(stored: StoredCase, viewer: Viewer): FoundCaseRecord {
  const { id, citizenId, contact, ...record } = stored;
  if (!seesIdentity(viewer)) {
    // A handler reads the words without the writer's name and numbers in them.
    const citizenWords = (text: string) => maskIdentity(text, contact);
    const words = {
      description: citizenWords(record.description),
      address: record.address && citizenWords(record.address),
    };
    return { id, citizenId, record: { ...record, ...words, contact: null }, citizenWords };
  }
  // A clerk reads the contact the case keeps now; the former ones serve its search and masking.
  const { former: _former, ...kept } = contact;
  return {
    id,
    citizenId,
    record: { ...record, contact: stored.anonymous ? null : kept },
    citizenWords: (text) => text,
  };
}
