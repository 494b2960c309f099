/**
 * The clerks' routing queue: the cases waiting for a routing decision (new or
 * returned by a unit), the most urgent first, a page at a time, each with the
 * suggested unit, possible duplicates and its dispatch speed.
 */
import type { Directory } from "../domain/directory.ts";
import { dispatchStatus, type DispatchStatus } from "../domain/lifecycle/dispatch.ts";
import type { CaseReads } from "../storage/case-reads.ts";
import type { DuplicateList } from "../storage/queries/duplicates.ts";
import type { ReadQueries } from "../storage/queries/read-queries.ts";
import { caseRecordsByIds, type CaseRecord } from "./case-records.ts";
import { routingProposals, type RoutingProposal } from "./routing-suggestion.ts";
import type { Viewer } from "./staff-viewer.ts";

/** Waiting cases per page of the queue. */
export const QUEUE_PAGE_SIZE = 50;

export interface QueueItem extends CaseRecord {
  readonly suggestion: RoutingProposal | null;
  readonly duplicates: DuplicateList["items"];
  /** True when the case has more possible duplicates than listed. */
  readonly moreDuplicates: boolean;
  /** Null for a returned case (it was routed already). */
  readonly dispatch: DispatchStatus | null;
}

export interface QueuePage {
  readonly items: readonly QueueItem[];
  /** All the cases waiting. */
  readonly total: number;
  /** 1-based position of the first item (0 when the queue is empty). */
  readonly first: number;
  readonly pageSize: number;
}

/** A page of the queue as a clerk sees it, from position `offset` (0-based). */
export async function routingQueue(
  deps: {
    readonly reads: Pick<CaseReads, "records" | "suggestions">;
    readonly directory: Directory;
    readonly queries: ReadQueries;
  },
  viewer: Viewer,
  offset: number,
  now: Date,
): Promise<QueuePage> {
  const { reads, directory, queries } = deps;
  const page = await queries.queue.page(offset, QUEUE_PAGE_SIZE);
  const found = await caseRecordsByIds(reads.records, viewer, page.ids);
  const [duplicates, proposals] = await Promise.all([
    queries.duplicates.of(found.map(({ record }) => record.case.trackingNo)),
    routingProposals(reads.suggestions, directory, page.ids),
  ]);
  const items = found.map(({ id, record }): QueueItem => {
    const listed = duplicates.get(record.case.trackingNo);
    return {
      ...record,
      suggestion: proposals.get(id) ?? null,
      duplicates: listed?.items ?? [],
      moreDuplicates: listed?.more ?? false,
      dispatch: record.case.status === "submitted" ? dispatchStatus(record.case, now) : null,
    };
  });
  return { items, total: page.total, first: page.first, pageSize: QUEUE_PAGE_SIZE };
}
