/**
 * The clerks' routing queue: the cases waiting for a routing decision (new or
 * returned by a unit), oldest dispatch deadline first, each with the
 * suggested unit, possible duplicates and its dispatch speed.
 */
import type { Directory } from "../domain/directory.ts";
import { dispatchStatus, type DispatchStatus } from "../domain/lifecycle/dispatch.ts";
import type { DuplicateFacts, PossibleDuplicate } from "../domain/lifecycle/possible-duplicates.ts";
import type { Db } from "../storage/database.ts";
import { findPossibleDuplicates } from "../storage/duplicate-candidates.ts";
import { listCaseRecords, type CaseRecord } from "./case-records.ts";
import { routingProposals, type RoutingProposal } from "./routing-suggestion.ts";
import type { Viewer } from "./staff-viewer.ts";

export interface QueueItem extends CaseRecord {
  readonly suggestion: RoutingProposal | null;
  readonly duplicates: readonly PossibleDuplicate[];
  /** Null for a returned case (it was routed already). */
  readonly dispatch: DispatchStatus | null;
}

/** The queue as a clerk sees it; empty for a handler. */
export async function routingQueue(
  db: Db,
  directory: Directory,
  viewer: Viewer,
  now: Date,
): Promise<QueueItem[]> {
  if (viewer.actor.kind !== "clerk") return [];
  const waiting = await db.case.findMany({
    where: { status: { in: ["submitted", "returned"] } },
    select: { id: true, trackingNo: true, citizenId: true },
  });
  if (waiting.length === 0) return [];
  const records = await listCaseRecords(
    db,
    directory,
    viewer,
    {},
    { id: { in: waiting.map((w) => w.id) } },
  );
  const idOf = new Map(waiting.map((w) => [w.trackingNo, w]));
  const facts = records.map((r): DuplicateFacts => ({
    ...r.case,
    citizenId: idOf.get(r.case.trackingNo)?.citizenId ?? "",
  }));
  const duplicates = await findPossibleDuplicates(db, facts);
  const proposals = await routingProposals(
    db,
    directory,
    waiting.map((w) => w.id),
  );
  const items = records.map((record, i): QueueItem => {
    const id = idOf.get(record.case.trackingNo)?.id ?? "";
    const dispatch = record.case.status === "submitted" ? dispatchStatus(record.case, now) : null;
    return {
      ...record,
      suggestion: proposals.get(id) ?? null,
      duplicates: duplicates[i] ?? [],
      dispatch,
    };
  });
  return items.sort((a, b) => dueOf(a) - dueOf(b));
}

function dueOf(item: QueueItem): number {
  return item.dispatch?.dueAt.getTime() ?? item.case.submittedAt.getTime();
}
