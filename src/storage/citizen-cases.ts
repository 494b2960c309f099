import type { WorkingCalendar } from "../domain/calendar.ts";
import { unitNameOfId, type Directory } from "../domain/directory.ts";
import type { Locale } from "../domain/locale.ts";
import type { RequestKind } from "../domain/vocabulary.ts";
import { citizenOptions, type CitizenOptions } from "../domain/lifecycle/citizen-options.ts";
import type { AnswerOutcome, ReviewStage } from "../domain/lifecycle/case-status.ts";
import type { TimelineFact } from "../domain/lifecycle/timeline.ts";
import type {
  CitizenAnswer,
  CitizenCaseDetail,
  CitizenCases,
  CitizenCaseSummary,
  CitizenCaseStatus,
  CitizenTimelineEntry,
  CitizenTimelineKind,
  ReviewRequest,
} from "../domain/intake/ports.ts";
import type { Prisma } from "../generated/sqlite/client.ts";
import type { CaseStatus } from "../generated/sqlite/enums.ts";
import { parseCitizenRef } from "../domain/citizen-ref.ts";
import type { Db } from "./database.ts";
import { holderOf } from "./holder-columns.ts";
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
  withdrawn: "withdrawn",
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
  withdrawn: "withdrawn",
  extended: "extended",
  progress: "note",
  review_requested: "review_requested",
  supplemented: "supplemented",
  urged: "urged",
  answer_commented: "answer_commented",
  answer_followed_up: "followed_up",
};

/**
 * The reporter's own acts, told to them as "you …", and the question asked of the reporter
 * alone (followed_up): a supporter's history leaves them out (the reporter is never shown to a
 * supporter), and has their own joining instead.
 */
const REPORTER_ONLY: ReadonlySet<CitizenTimelineKind> = new Set([
  "submitted",
  "asked",
  "review_requested",
  "second_review_requested",
  "supplemented",
  "urged",
  "answer_commented",
  "followed_up",
]);

/** At most this many cases are listed, the newest first. */
const LISTED_CASES = 20;

/** The columns of a case a citizen's list shows (see citizenCaseSummary). */
export const SUMMARY_COLUMNS = {
  trackingNo: true,
  status: true,
  categoryCode: true,
  submittedAt: true,
  requestKind: true,
} as const;

/** What a case is read with for its citizen: the units' names, and the review window's clock. */
export interface CitizenCaseReading {
  /** A unit's name in the reader's language; null when the directory no longer has it. */
  readonly unitName: (unitId: string) => string | null;
  readonly calendar: () => WorkingCalendar;
  readonly now: () => Date;
}

/** The clock of the review window, which reads every case alike. */
export type ReadingClock = Omit<CitizenCaseReading, "unitName">;

/** How a reader in `locale` reads a case: the units named in their language (unitNameIn). */
export function citizenCaseReading(
  directory: Directory,
  locale: Locale,
  clock: ReadingClock,
): CitizenCaseReading {
  return { unitName: (unitId) => unitNameOfId(directory, unitId, locale), ...clock };
}

/**
 * The cases a citizen filed or joined (附议) through any of their channel identities, and only
 * those: a tracking number of anyone else's case is "not found".
 */
export function createCitizenCases(
  db: Db,
  directory: Directory,
  clock: ReadingClock,
): CitizenCases {
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
      const [own, joined] = await Promise.all([
        db.case.findMany({
          where: { citizenId },
          orderBy: { submittedAt: "desc" },
          take: LISTED_CASES,
          select: SUMMARY_COLUMNS,
        }),
        db.case.findMany({
          where: { supporters: { some: { identity: { citizenId } } } },
          orderBy: { submittedAt: "desc" },
          take: LISTED_CASES,
          select: SUMMARY_COLUMNS,
        }),
      ]);
      return [
        ...own.map((row) => citizenCaseSummary(row, false)),
        ...joined.map((row) => citizenCaseSummary(row, true)),
      ]
        .sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime())
        .slice(0, LISTED_CASES);
    },
    async get(ref, trackingNo, locale): Promise<CitizenCaseDetail | null> {
      const citizenId = await ownerFilter(ref);
      if (!citizenId) return null;
      const row = await db.case.findUnique({
        where: { trackingNo },
        include: {
          timeline: { orderBy: { at: "asc" } },
          supporters: {
            where: { identity: { citizenId } },
            orderBy: { createdAt: "asc" },
            take: 1,
            select: { createdAt: true },
          },
          // Whether the latest answer was rated: the detail says when it waits for a rating.
          ratings: { orderBy: { createdAt: "desc" }, take: 1, select: { createdAt: true } },
        },
      });
      if (!row) return null;
      const own = row.citizenId === citizenId;
      const [joined] = row.supporters;
      if (!own && !joined) return null;
      const supportedAt = own ? undefined : joined?.createdAt;
      const ratedAt = row.ratings[0]?.createdAt ?? null;
      const options = citizenOptionsOf(row, ratedAt, clock.now(), clock.calendar());
      return toCitizenCaseDetail(
        row,
        citizenCaseReading(directory, locale, clock),
        supportedAt,
        options,
      );
    },
  };
}

/** A listed case; `supported` when the citizen joined it rather than filed it. */
export function citizenCaseSummary(
  row: {
    trackingNo: string;
    status: CaseStatus;
    categoryCode: string;
    submittedAt: Date;
    requestKind: RequestKind;
  },
  supported: boolean,
): CitizenCaseSummary {
  return {
    trackingNo: row.trackingNo,
    status: citizenStatusOf(row.status),
    category: row.categoryCode,
    submittedAt: row.submittedAt,
    supported,
    requestKind: row.requestKind,
  };
}

/**
 * A case row with its timeline, in the shape a citizen may see: its reporter, or, given
 * `supportedAt` (when they joined), a supporter.
 */
export function toCitizenCaseDetail(
  row: Prisma.CaseGetPayload<{ include: { timeline: true } }>,
  { unitName }: Pick<CitizenCaseReading, "unitName">,
  supportedAt: Date | undefined,
  /** What the citizen may do with the case, read with its latest rating (citizenOptionsOf). */
  options: CitizenOptions,
): CitizenCaseDetail {
  const course: CitizenTimelineEntry[] = row.timeline.flatMap((entry) => {
    const fact = readTimelineFact(entry);
    const kind = citizenTimelineKindOf(entry.kind, fact, row.requestKind);
    if (!kind || (supportedAt && REPORTER_ONLY.has(kind))) return [];
    const photos = fact.kind === "supplemented" ? (fact.data.photoIds?.length ?? 0) : 0;
    return [
      {
        at: entry.at,
        kind,
        detail: citizenDetail(entry, fact, unitName),
        ...(photos > 0 && { photos }),
      },
    ];
  });
  const timeline = supportedAt
    ? [...course, { at: supportedAt, kind: "supported" as const }].sort(
        (a, b) => a.at.getTime() - b.at.getTime(),
      )
    : course;
  return {
    ...citizenCaseSummary(row, supportedAt !== undefined),
    acceptanceDueAt: row.acceptanceDueAt,
    answerDueAt: row.status === "under_review" ? row.reviewDueAt : row.handlingDueAt,
    underReview: row.status === "under_review" ? (row.reviewStage === 2 ? 2 : 1) : null,
    unitName: row.unitId === null ? null : unitName(row.unitId),
    timeline,
    reviewRequest: supportedAt ? null : reviewRequestOf(row, options),
    answer: latestAnswerOf(row),
    mayRate: !supportedAt && options.mayRate,
    // The reporter's contact is theirs to see, never a supporter's.
    contact:
      supportedAt || row.anonymous || row.contactPhone === null
        ? null
        : { phone: row.contactPhone, holder: holderOf(row) },
  };
}

/**
 * What a citizen is told an entry was: a second review's request is 复核, and a consultation
 * was asked, not reported ("您提交了咨询").
 */
function citizenTimelineKindOf(
  kind: string,
  fact: TimelineFact,
  requestKind: RequestKind,
): CitizenTimelineKind | undefined {
  if (fact.kind === "review_requested" && fact.data.stage === 2) return "second_review_requested";
  if (kind === "submitted" && requestKind === "consultation") return "asked";
  return CITIZEN_TIMELINE[kind];
}

/** The case's latest answer; under review, the one of the stage before, which is reviewed. */
function latestAnswerOf(row: {
  status: CaseStatus;
  reviewStage: number;
  answerText: string | null;
  answeredAt: Date | null;
  answerOutcome: AnswerOutcome | null;
  answerPromisedBy: string | null;
}): CitizenAnswer | null {
  if (row.answerText === null || row.answeredAt === null) return null;
  const stage = row.status === "under_review" ? row.reviewStage - 1 : row.reviewStage;
  return {
    text: row.answerText,
    at: row.answeredAt,
    outcome: row.answerOutcome,
    reviewStage: stage as ReviewStage,
    promisedBy: row.answerPromisedBy,
  };
}

/**
 * What the citizen may do with a case row's answer (citizenOptions); `ratedAt`, the latest
 * rating's time, matters only to whether it may be rated (a review does not depend on it).
 */
export function citizenOptionsOf(
  row: {
    status: CaseStatus;
    answeredAt: Date | null;
    reviewStage: number;
    requestKind: RequestKind;
  },
  ratedAt: Date | null,
  now: Date,
  calendar: WorkingCalendar,
): CitizenOptions {
  const subject = { ...row, reviewStage: row.reviewStage as ReviewStage, ratedAt };
  return citizenOptions(subject, now, calendar);
}

/**
 * The review the reporter may ask of the latest answer, by the window and rules the status page
 * and the case actions use (citizenOptions); past its last day, the one they could have asked.
 */
function reviewRequestOf(
  row: { status: CaseStatus; reviewStage: number },
  options: CitizenOptions,
): ReviewRequest | null {
  const { reviewStage } = row;
  if (options.review)
    return { stage: options.review.stage, lastDay: options.review.until, open: true };
  const answered = row.status === "answered" || row.status === "closed";
  if (!answered || reviewStage === 2 || options.reviewWindowEndsAt === null) return null;
  return { stage: reviewStage === 0 ? 1 : 2, lastDay: options.reviewWindowEndsAt, open: false };
}

/**
 * Units' names are public: an assignment shows the unit of that entry. Notes are
 * shown only where they are meant for the citizen: a progress note is written for
 * the citizen and was sent to them, and an extension's reason must be told to them.
 */
function citizenDetail(
  entry: { note: string | null },
  fact: TimelineFact,
  unitName: CitizenCaseReading["unitName"],
): string | null {
  if (fact.kind === "assigned") return unitName(fact.data.unitId);
  if (fact.kind === "reassigned") return unitName(fact.data.toUnitId);
  if (fact.kind === "progress" || fact.kind === "extended") return entry.note;
  // The reporter's own words, shown back to the reporter only (see REPORTER_ONLY).
  if (fact.kind === "supplemented" || fact.kind === "answer_commented") return fact.data.text;
  return null;
}
