import type { Directory } from "../domain/directory.ts";
import type { TimelineFact } from "../domain/lifecycle/timeline.ts";
import type {
  CitizenCaseDetail,
  CitizenCases,
  CitizenCaseStatus,
  CitizenTimelineEntry,
  CitizenTimelineKind,
} from "../domain/intake/ports.ts";
import type { Prisma } from "../generated/sqlite/client.ts";
import type { CaseStatus } from "../generated/sqlite/enums.ts";
import { parseCitizenRef } from "../domain/citizen-ref.ts";
import type { Db } from "./database.ts";
import { readTimelineFact } from "./timeline-data.ts";

/** The lifecycle's statuses in the words a citizen understands. */
const CITIZEN_STATUS: Record<CaseStatus, CitizenCaseStatus> = {
  submitted: "received",
  returned: "received",
  not_accepted: "not_accepted",
  accepted: "accepted",
  assigned: "in_progress",
  in_progress: "in_progress",
  under_review: "in_progress",
  answered: "answered",
  closed: "closed",
  merged: "closed",
  withdrawn: "closed",
};

/** A case's status in the words a citizen understands. */
export function citizenStatusOf(status: CaseStatus): CitizenCaseStatus {
  return CITIZEN_STATUS[status];
}

/** Timeline kinds a citizen sees; internal ones (reminders, escalations, reclassification) are left out. */
const CITIZEN_TIMELINE: Partial<Record<string, CitizenTimelineKind>> = {
  submitted: "submitted",
  accepted: "accepted",
  not_accepted: "not_accepted",
  assigned: "assigned",
  reassigned: "assigned",
  started: "in_progress",
  answered: "answered",
  review_answered: "answered",
  closed: "closed",
  merged: "closed",
  withdrawn: "closed",
  extended: "extended",
  progress: "note",
  review_requested: "review_requested",
};

/**
 * The cases a citizen filed through any of their channel identities, and only
 * those: a tracking number of someone else's case is "not found".
 */
export function createCitizenCases(db: Db, directory: Directory): CitizenCases {
  const unitName = new Map(directory.units.map((u) => [u.id, u.name]));
  const ownerFilter = async (ref: string) => {
    const parsed = parseCitizenRef(ref);
    if (!parsed) return null;
    const identity = await db.channelIdentity.findUnique({
      where: { channel_externalId: { channel: parsed.channel, externalId: parsed.externalId } },
      select: { citizenId: true },
    });
    return identity?.citizenId ?? null;
  };
  return {
    async list(ref) {
      const citizenId = await ownerFilter(ref);
      if (!citizenId) return [];
      const rows = await db.case.findMany({
        where: { citizenId },
        orderBy: { submittedAt: "desc" },
        take: 20,
        select: { trackingNo: true, status: true, categoryCode: true, submittedAt: true },
      });
      return rows.map((row) => ({
        trackingNo: row.trackingNo,
        status: citizenStatusOf(row.status),
        category: row.categoryCode,
        submittedAt: row.submittedAt,
      }));
    },
    async get(ref, trackingNo): Promise<CitizenCaseDetail | null> {
      const citizenId = await ownerFilter(ref);
      if (!citizenId) return null;
      const row = await db.case.findFirst({
        where: { citizenId, trackingNo },
        include: { timeline: { orderBy: { at: "asc" } } },
      });
      if (!row) return null;
      return toCitizenCaseDetail(row, unitName);
    },
  };
}

/** A case row with its timeline, in the shape a citizen may see. */
export function toCitizenCaseDetail(
  row: Prisma.CaseGetPayload<{ include: { timeline: true } }>,
  unitName: ReadonlyMap<string, string>,
): CitizenCaseDetail {
  const timeline: CitizenTimelineEntry[] = row.timeline.flatMap((entry) => {
    const fact = readTimelineFact(entry);
    const kind =
      fact.kind === "review_requested" && fact.data.stage === 2
        ? "second_review_requested"
        : CITIZEN_TIMELINE[entry.kind];
    if (!kind) return [];
    return [{ at: entry.at, kind, detail: citizenDetail(entry, fact, unitName) }];
  });
  return {
    trackingNo: row.trackingNo,
    status: CITIZEN_STATUS[row.status],
    category: row.categoryCode,
    submittedAt: row.submittedAt,
    acceptanceDueAt: row.acceptanceDueAt,
    timeline,
  };
}

/**
 * Units' names are public: an assignment shows the unit of that entry. Notes are
 * shown only where they are meant for the citizen: a progress note is written for
 * the citizen and was sent to them, and an extension's reason must be told to them.
 */
function citizenDetail(
  entry: { note: string | null },
  fact: TimelineFact,
  unitName: ReadonlyMap<string, string>,
): string | null {
  if (fact.kind === "assigned") return unitName.get(fact.data.unitId) ?? null;
  if (fact.kind === "reassigned") return unitName.get(fact.data.toUnitId) ?? null;
  if (fact.kind === "progress" || fact.kind === "extended") return entry.note;
  return null;
}
