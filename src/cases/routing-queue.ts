/**
 * The clerks' routing queue: the cases waiting for a routing decision (new or
 * returned by a unit), oldest dispatch deadline first, each with the
 * suggested unit, possible duplicates and its dispatch speed.
 */
import type { Directory } from "../domain/directory.ts";
import { dispatchStatus, type DispatchStatus } from "../domain/lifecycle/dispatch.ts";
import {
  DUPLICATE_WINDOW_MS,
  possibleDuplicates,
  type DuplicateFacts,
  type PossibleDuplicate,
} from "../domain/lifecycle/possible-duplicates.ts";
import type { Db } from "../storage/database.ts";
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
  const oldest = Math.min(...facts.map((f) => f.submittedAt.getTime()));
  const candidates = await db.case.findMany({
    where: {
      submittedAt: { gte: new Date(oldest - DUPLICATE_WINDOW_MS) },
      status: { notIn: ["merged", "withdrawn", "not_accepted"] },
      OR: [
        { citizenId: { in: facts.map((f) => f.citizenId) } },
        {
          regionCode: { in: facts.flatMap((f) => (f.regionCode ? [f.regionCode] : [])) },
          categoryCode: { in: facts.map((f) => f.categoryCode) },
        },
      ],
    },
    select: {
      trackingNo: true,
      status: true,
      categoryCode: true,
      regionCode: true,
      submittedAt: true,
      citizenId: true,
    },
  });
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
      duplicates: possibleDuplicates(facts[i]!, candidates),
      dispatch,
    };
  });
  return items.sort((a, b) => dueOf(a) - dueOf(b));
}

function dueOf(item: QueueItem): number {
  return item.dispatch?.dueAt.getTime() ?? item.case.submittedAt.getTime();
}
