/**
 * Cases as the console reads them: the lifecycle's Case plus what a clerk
 * reads of the matter (text, place, contact), for the lists, the dashboard
 * and the export. Identity fields are removed for viewers who may not see them.
 */
import type { Directory } from "../domain/directory.ts";
import type { Case } from "../domain/lifecycle/case.ts";
import { CASE_INCLUDE, toDomainCase } from "../storage/case-rows.ts";
import { AppError } from "../errors.ts";
import type { Db } from "../storage/database.ts";
import type { Prisma } from "../generated/sqlite/client.ts";
import { whereOf, type CaseFilter } from "./case-filter.ts";
import { mayView, scopeOf, seesIdentity, type Viewer } from "./staff-viewer.ts";

export interface CaseRecord {
  readonly case: Case;
  readonly description: string;
  readonly address: string | null;
  readonly occurredText: string | null;
  readonly channel: string;
  readonly photos: number;
  /** Null for an anonymous case and for viewers who may not see the citizen's identity. */
  readonly contact: { readonly name: string | null; readonly phone: string | null } | null;
  readonly anonymous: boolean;
}

const RECORD_INCLUDE = {
  ...CASE_INCLUDE,
  _count: { select: { attachments: true } },
} as const satisfies Prisma.CaseInclude;

type RecordRow = Prisma.CaseGetPayload<{ include: typeof RECORD_INCLUDE }>;

/** At most this many cases are read for one list, export or dashboard. */
const RECORD_LIMIT = 20_000;

/** The cases the viewer may see that match the filter, newest first. */
export async function listCaseRecords(
  db: Db,
  directory: Directory,
  viewer: Viewer,
  filter: CaseFilter,
  extra: Prisma.CaseWhereInput = {},
): Promise<CaseRecord[]> {
  const rows = await db.case.findMany({
    where: { AND: [scopeOf(viewer), whereOf(filter), extra] },
    include: RECORD_INCLUDE,
    orderBy: { submittedAt: "desc" },
    take: RECORD_LIMIT,
  });
  return rows
    .map((row) => toRecord(row, viewer))
    .filter((record) => mayView(viewer, record.case, directory));
}

/** One case as the viewer may see it, with its row id; null when unknown or not visible. */
export async function findCaseRecord(
  db: Db,
  directory: Directory,
  viewer: Viewer,
  trackingNo: string,
): Promise<{ id: string; citizenId: string; record: CaseRecord } | null> {
  const row = await db.case.findUnique({ where: { trackingNo }, include: RECORD_INCLUDE });
  if (!row) return null;
  const record = toRecord(row, viewer);
  if (!mayView(viewer, record.case, directory)) return null;
  return { id: row.id, citizenId: row.citizenId, record };
}

/**
 * {@link findCaseRecord}, for a request about that case.
 * @throws AppError("case.not_found") for an unknown case or one the viewer may not see.
 */
export async function requireCaseRecord(
  db: Db,
  directory: Directory,
  viewer: Viewer,
  trackingNo: string,
): Promise<{ id: string; citizenId: string; record: CaseRecord }> {
  const found = await findCaseRecord(db, directory, viewer, trackingNo);
  if (!found) {
    throw new AppError("case.not_found", `no case ${trackingNo} for staff ${viewer.staff.id}`, {
      userMessageKey: "case.not_found",
    });
  }
  return found;
}

function toRecord(row: RecordRow, viewer: Viewer): CaseRecord {
  const identity = seesIdentity(viewer) && !row.anonymous;
  return {
    case: toDomainCase(row),
    description: row.description,
    address: row.address,
    occurredText: row.occurredText,
    channel: row.channel,
    photos: row._count.attachments,
    contact: identity ? { name: row.contactName, phone: row.contactPhone } : null,
    anonymous: row.anonymous,
  };
}
