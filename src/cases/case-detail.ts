/**
 * A case page: every field the viewer may read, the photos, the whole
 * timeline (with staff names; a citizen shown only as "citizen" to handlers),
 * the routing help for clerks, and the console commands allowed now.
 */
import { WECOM_KF_REPLY_WINDOW, type KfReplyWindow } from "../notifications/reply-window.ts";
import type { WorkingCalendar } from "../domain/calendar.ts";
import type { Directory } from "../domain/directory.ts";
import type { GeoPoint } from "../domain/places/places.ts";
import type { DeadlineClock } from "../domain/vocabulary.ts";
import { citizenOptions, type ReviewOffer } from "../domain/lifecycle/citizen-options.ts";
import type { CommandType } from "../domain/lifecycle/commands.ts";
import { dispatchStatus, type DispatchStatus } from "../domain/lifecycle/dispatch.ts";
import { isOverdue, runningClock } from "../domain/lifecycle/reminders.ts";
import type { TimelineFact } from "../domain/lifecycle/timeline.ts";
import { offeredCommands } from "../domain/lifecycle/transitions.ts";
import { contactName, numberHolderNote, occurredDay } from "../i18n/format.ts";
import { metadataRemovable } from "../photo-metadata.ts";
import type { Label, LabelLocale } from "../i18n/labels.ts";
import type { CaseReads } from "../storage/case-reads.ts";
import type { CitizenNotice } from "../storage/citizen-notices.ts";
import type { DuplicateList } from "../storage/queries/duplicates.ts";
import type { ReadQueries } from "../storage/queries/read-queries.ts";
import type { StaffStore } from "../storage/staff-store.ts";
import { requireCaseRecord, type CaseRecord } from "./case-records.ts";
import { reassignTargets } from "./reassign-targets.ts";
import type { LocatedIn } from "./located-in.ts";
import {
  reviewProposal,
  routingProposals,
  type ReviewProposal,
  type RoutingProposal,
} from "./routing-suggestion.ts";
import { seesIdentity, type Viewer } from "./staff-viewer.ts";

/** The commands the console offers; the others belong to citizens or the system. */
const CONSOLE_COMMANDS = [
  "route",
  "assign",
  "reassign",
  "not_accept",
  "merge",
  "recategorize",
  "set_class",
  "set_region",
  "set_urgency",
  "close",
  "start",
  "report_progress",
  "answer",
  "extend",
  "return",
] as const satisfies readonly CommandType[];
export type ConsoleCommand = (typeof CONSOLE_COMMANDS)[number];

export interface PhotoRef {
  readonly id: string;
  readonly mimeType: string | null;
  /** False for a file the service does not keep (a chat channel's own file id). */
  readonly stored: boolean;
  /**
   * Set for a photo the citizen sent with their rating of an answer (evidence that it is not
   * solved): the review stage of that rating (0: the first answer, 1: 复查, 2: 复核).
   */
  readonly ratingStage: number | null;
  /** Set (true) for a photo the citizen sent with an addition to the case (补充). */
  readonly supplemented?: true;
  /**
   * Set (true) for a photo its chat channel keeps (not stored) whose fetching was given up:
   * the channel will not give it (shown as such, not as a picture).
   */
  readonly unobtainable?: true;
  /**
   * Set (true) when the viewer is a unit and the photo's file keeps what cannot be taken out of it
   * (a HEIC photo): the photo route refuses it (photo.withheld), so the page says why instead.
   */
  readonly withheld?: true;
}

/** A voice recording kept with the case (always a file the service keeps, in a playable type). */
export interface RecordingRef {
  readonly id: string;
  readonly mimeType: string;
}

/**
 * The fact with the citizen's own words in it (an addition's, what they said of the answer) as
 * the viewer may read them (`citizenWords`: masked for a unit, as the description is).
 */
function citizenWordsIn(fact: TimelineFact, citizenWords: (text: string) => string): TimelineFact {
  switch (fact.kind) {
    case "supplemented":
    case "answer_commented":
      return {
        ...fact,
        data: { ...fact.data, text: fact.data.text && citizenWords(fact.data.text) },
      };
    default:
      return fact;
  }
}

/** A timeline entry: its kind with the facts it carries (`data`), who, when, and a person's words. */
export type TimelineView = TimelineFact & {
  readonly at: Date;
  readonly actorKind: string;
  /** A staff member's display name; null for citizens (to handlers) and the system. */
  readonly actorName: string | null;
  /** Words a person wrote (a reason, a progress note); never a value. */
  readonly note: string | null;
  readonly fromStatus: string | null;
  readonly toStatus: string | null;
};

export interface CaseDetail extends CaseRecord {
  /**
   * What the citizen said was wrong with the answer they rated (a reason asked after 未解决 or
   * 不满意, or words said with a rating in words), masked for a unit as the description is.
   */
  readonly ratingReason: string | null;
  /** The region and town the shared point lies in; null without a point (or places file). */
  readonly locatedIn: LocatedIn | null;
  readonly photoRefs: readonly PhotoRef[];
  /** The citizen's voice recordings, played at /api/cases/<no>/recordings/<id>. */
  readonly recordingRefs: readonly RecordingRef[];
  readonly timeline: readonly TimelineView[];
  readonly allowed: readonly ConsoleCommand[];
  readonly suggestion: RoutingProposal | null;
  /** For clerks, under review: the organ proposed for the 复查 or 复核 (not `suggestion`'s unit). */
  readonly review: ReviewProposal | null;
  /**
   * When `allowed` has reassign: the ids of the units the case may be reassigned to, in the
   * order to list them (reassignTargets: never the unit that has it — under review, the unit
   * whose answer is disputed —, the proposed organ first); else empty.
   */
  readonly reassignTo: readonly string[];
  readonly duplicates: DuplicateList["items"];
  /** True when the case has more possible duplicates than listed. */
  readonly moreDuplicates: boolean;
  /**
   * For clerks: how long the routing took against its target (分办时效), the clerks' own work; a
   * unit's handler gets the case after it and has nothing to do with it (null for them).
   */
  readonly dispatch: DispatchStatus | null;
  /** The deadline the case runs against now (the page marks it); null when none runs. */
  readonly runningClock: DeadlineClock | null;
  /** The running deadline has passed (超期), by the server's clock; false when none runs. */
  readonly overdue: boolean;
  /**
   * The 复查 (or 复核) the citizen may still ask for, and until when (30 days after the answer);
   * null when none may be asked any more.
   */
  readonly reviewOffer: ReviewOffer | null;
  /**
   * For clerks: the citizen's notifications are held because WeCom lets us write only within
   * the reply window after their last message; they get them when they write again.
   */
  readonly citizenUnreachable: boolean;
  /** The reply window the citizen is outside of, when unreachable (else null). */
  readonly citizenReplyWindow: KfReplyWindow | null;
  /** For clerks: each notice to the citizen and where it went (chat, SMS, not reachable). */
  readonly citizenNotices: readonly CitizenNotice[];
  /**
   * For clerks: the contact's name as shown, in both languages (a surname said alone, "俺姓赵",
   * said to be one: "赵（只留了姓）"); null without a name or for a viewer who may not see it.
   */
  readonly contactName: Label | null;
  /**
   * For clerks: whose the phone is when not the citizen's, written after it ("（儿子李强的电话）"),
   * in both languages; null for the citizen's own number or a viewer who may not see it.
   */
  readonly contactHolder: Label | null;
  /**
   * The day the citizen's time words were read as, written as the console writes dates and no
   * more precisely than the words said it ("2026-11-20", "约 2025年"), in both languages; null
   * for words without a day.
   */
  readonly occurredDay: Label | null;
}

export interface CaseDetailDeps {
  readonly reads: Pick<CaseReads, "records" | "suggestions" | "notices">;
  readonly directory: Directory;
  readonly queries: Pick<ReadQueries, "duplicates">;
  readonly staff: Pick<StaffStore, "namesOf">;
  readonly calendar: () => WorkingCalendar;
  /** The composition root's reader (core.locatedIn): the areas indexed once for the service. */
  readonly locatedIn: (point: GeoPoint | null) => LocatedIn | null;
  /** The configured WeCom reply window (config.wecom.replyWindow). Default: WeCom's own. */
  readonly wecomReplyWindow?: KfReplyWindow | undefined;
}

/**
 * The case as the viewer may see it.
 * @throws AppError("case.not_found") for an unknown case or one the viewer may not see.
 */
export async function caseDetail(
  deps: CaseDetailDeps,
  viewer: Viewer,
  trackingNo: string,
  now: Date,
): Promise<CaseDetail> {
  const { reads, directory } = deps;
  const { id, record, citizenWords } = await requireCaseRecord(
    reads.records,
    directory,
    viewer,
    trackingNo,
  );
  const clerk = seesIdentity(viewer);
  const [attachments, entries, ratingReason, proposals, duplicates, held, notices] =
    await Promise.all([
      reads.records.attachments(id),
      reads.records.timeline(id),
      // Read only for a rated case: most are not.
      record.case.ratedAt === null ? null : reads.records.ratingReason(id),
      clerk ? routingProposals(reads.suggestions, directory, [id]) : Promise.resolve(new Map()),
      clerk
        ? deps.queries.duplicates
            .of([record.case.trackingNo])
            .then((lists) => lists.get(record.case.trackingNo) ?? null)
        : Promise.resolve(null),
      clerk ? reads.notices.heldCount(id) : Promise.resolve(0),
      clerk ? reads.notices.notices(id) : Promise.resolve([]),
    ]);
  const staffIds = entries.flatMap((e) =>
    (e.actorKind === "clerk" || e.actorKind === "handler") && e.actorId ? [e.actorId] : [],
  );
  const names = await deps.staff.namesOf([...new Set(staffIds)]);
  const allowed = offeredCommands(record.case, viewer.actor, now).filter((c): c is ConsoleCommand =>
    (CONSOLE_COMMANDS as readonly string[]).includes(c),
  );
  const review = clerk ? reviewProposal(directory, record.case.status, entries) : null;
  const supplementPhotoIds = new Set(
    entries.flatMap((e) => (e.fact.kind === "supplemented" ? (e.fact.data.photoIds ?? []) : [])),
  );
  return {
    ...record,
    contactName: inBothLocales(record.contact?.name, contactName),
    contactHolder: inBothLocales(record.contact?.holder, numberHolderNote),
    occurredDay: inBothLocales(record.occurredAt, (locale, day) =>
      occurredDay(locale, day, record.occurredPrecision, "numeric"),
    ),
    ratingReason: ratingReason && citizenWords(ratingReason),
    locatedIn: deps.locatedIn(record.location),
    photoRefs: attachments
      .filter((a) => !a.recording)
      .map((a) => ({
        id: a.id,
        mimeType: a.mimeType,
        stored: a.storagePath !== null,
        ratingStage: a.ratingStage,
        ...(a.ratingStage === null && supplementPhotoIds.has(a.fileId) && { supplemented: true }),
        ...(a.storagePath === null && a.keepGivenUp && { unobtainable: true }),
        ...(!clerk &&
          a.storagePath !== null &&
          !metadataRemovable(a.mimeType) && { withheld: true }),
      })),
    // A voice tells who spoke: a unit reads the (masked) words, never hears the citizen.
    recordingRefs: attachments.flatMap((a) =>
      clerk && a.recording && a.mimeType !== null && a.storagePath !== null
        ? [{ id: a.id, mimeType: a.mimeType }]
        : [],
    ),
    timeline: entries.map((e) => ({
      ...citizenWordsIn(e.fact, citizenWords),
      at: e.at,
      actorKind: e.actorKind,
      actorName:
        e.actorKind === "citizen" && !clerk
          ? null
          : e.actorId
            ? (names.get(e.actorId) ?? (e.actorKind === "citizen" ? null : e.actorId))
            : null,
      note: e.note,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
    })),
    allowed,
    suggestion: proposals.get(id) ?? null,
    review,
    reassignTo: allowed.includes("reassign")
      ? reassignTargets(directory, record.case, review?.unitId ?? null).map((u) => u.id)
      : [],
    duplicates: duplicates?.items ?? [],
    moreDuplicates: duplicates?.more ?? false,
    dispatch: clerk ? dispatchStatus(record.case, now) : null,
    runningClock: runningClock(record.case)?.clock ?? null,
    overdue: isOverdue(record.case, now),
    reviewOffer: citizenOptions(record.case, now, deps.calendar()).review,
    citizenUnreachable: held > 0,
    citizenReplyWindow: held > 0 ? (deps.wecomReplyWindow ?? WECOM_KF_REPLY_WINDOW) : null,
    citizenNotices: notices,
  };
}

/** A value written in both languages, for the console to show in the one it is set to. */
function inBothLocales<T>(
  value: T | null | undefined,
  write: (locale: LabelLocale, value: T) => string,
): Label | null {
  return value === null || value === undefined
    ? null
    : { zh: write("zh", value), en: write("en", value) };
}
