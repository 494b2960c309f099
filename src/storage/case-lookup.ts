import { timingSafeEqual } from "node:crypto";
import type { Directory } from "../domain/directory.ts";
import type { CitizenAnswer, CitizenCaseDetail } from "../domain/intake/ports.ts";
import type { WorkingCalendar } from "../domain/calendar.ts";
import type { Satisfaction } from "../domain/lifecycle/case-status.ts";
import type { CitizenOptions } from "../domain/lifecycle/citizen-options.ts";
import type { Notification } from "../domain/lifecycle/notifications.ts";
import { photoIdsOf } from "../domain/lifecycle/timeline.ts";
import {
  appendTimeline,
  citizenAddress,
  enqueueNotifications,
  type NotificationWriter,
} from "./case-rows.ts";
import { citizenCaseReading, citizenOptionsOf, toCitizenCaseDetail } from "./citizen-cases.ts";
import type { Locale } from "../domain/locale.ts";
import { citizenRef } from "../domain/citizen-ref.ts";
import type { Db } from "./database.ts";
import { prismaStatements } from "./plain-sql.ts";
import { createGuessCounter, GUESS_WINDOW_MS } from "./guess-counter.ts";
import { newQueryCode } from "./query-code.ts";
import { readTimelineFact } from "./timeline-data.ts";

/** A status look-up's outcome. */
export type StatusLookup =
  | {
      readonly kind: "found";
      readonly detail: StatusCaseDetail;
      /**
       * The citizen who filed the case (`<channel>:<external id>`): whoever holds the
       * number and the code acts as them on the status page.
       */
      readonly ownerRef: string;
    }
  | { readonly kind: "not_found" }
  /** Too many wrong codes for this case today: no code is checked until `until`. */
  | { readonly kind: "locked"; readonly until: Date };

/**
 * Opens a case with its tracking number and query code, for the public status
 * page. A wrong code and an unknown number both give "not_found", after the same work,
 * so the answer tells nothing about which numbers exist. Wrong codes are counted per
 * case, whatever address they come from: at `maxFailures` within a day the case gets a
 * new code, sent to the citizen's chat and recorded on the case for the clerks; at twice
 * that, the case answers no look-up for the rest of the day.
 */
export interface CaseLookup {
  /** `locale`: the page's language, in which the case's units are named. */
  find(trackingNo: string, queryCode: string, now: Date, locale: Locale): Promise<StatusLookup>;
  /**
   * The case as a citizen who joined it (附议) at `supportedAt` sees it: its course and answer,
   * never the reporter's acts, rating or forms. Null for an unknown number. The caller has
   * checked that they joined it (PhoneSignInStore.supportedAt).
   */
  forSupporter(
    trackingNo: string,
    supportedAt: Date,
    now: Date,
    locale: Locale,
  ): Promise<StatusCaseDetail | null>;
}

/** A case as the status page shows it: what the citizen sees, and their latest rating. */
export interface StatusCaseDetail extends CitizenCaseDetail {
  readonly rating: {
    readonly solved: boolean;
    readonly satisfaction: Satisfaction;
    /** What the citizen said was wrong (未解决 or 不满意), their own words. */
    readonly reason: string | null;
  } | null;
  /** The latest answer (the first, or the 复查 / 复核 opinion); null before one. */
  readonly answer:
    | (CitizenAnswer & {
        /** Signed links of the photos the unit sent with it (see UnitPhotos); [] when none. */
        readonly photoUrls: readonly string[];
        /**
         * Its machine translation into the page's language, shown beside it; absent in Chinese,
         * or when none could be made (see withAnswerTranslations).
         */
        readonly translation?: string;
      })
    | null;
  /** What the citizen may still do: urge it on, rate, ask for review. */
  readonly options: CitizenOptions;
}

export interface CaseLookupOptions {
  /** Where the new code goes: the citizen's chat, through the outbox. */
  readonly notifications: NotificationWriter;
  /** Wrong codes per case and day before it gets a new one (QUERY_CODE_MAX_FAILURES). */
  readonly maxFailures: number;
  /** For the end of the review window. */
  readonly calendar: () => WorkingCalendar;
  /** The signed link of a unit's photo (UnitPhotos.link); without it, no photos are shown. */
  readonly photoLink?: (trackingNo: string, photoId: string) => string;
}

/** A supporter (附议) neither urges, rates nor asks for review: that is the reporter's. */
const NO_OPTIONS: CitizenOptions = {
  mayUrge: false,
  mayRate: false,
  review: null,
  reviewWindowEndsAt: null,
};

export function createCaseLookup(
  db: Db,
  directory: Directory,
  options: CaseLookupOptions,
): CaseLookup {
  const guesses = createGuessCounter(db);
  const { maxFailures } = options;

  /** Counts a wrong code; the maxFailures-th of the day replaces the code. */
  async function wrongCode(caseId: string, trackingNo: string, now: Date): Promise<void> {
    const key = `query-code:${trackingNo}`;
    await db.$transaction(async (tx) => {
      const counted = await guesses.recordFailure(tx, key, now, GUESS_WINDOW_MS);
      if (counted.failures >= 2 * maxFailures) {
        await guesses.block(tx, key, new Date(counted.since.getTime() + GUESS_WINDOW_MS));
        return;
      }
      if (counted.failures !== maxFailures) return;
      const queryCode = newQueryCode();
      const row = await tx.case.update({
        where: { id: caseId },
        data: { queryCode },
        select: { status: true, identity: true, citizen: { select: { locale: true } } },
      });
      await appendTimeline(prismaStatements(tx), caseId, [
        {
          kind: "query_code_reset",
          data: { wrongCodes: maxFailures },
          actor: { kind: "system", id: "status-page" },
          at: now,
          note: null,
          fromStatus: row.status,
          toStatus: row.status,
        },
      ]);
      const notice: Notification = {
        to: { kind: "citizen" },
        kind: "query_code_reset",
        trackingNo,
        status: row.status,
        nextStep: "none",
        dueAt: null,
        dueDate: null,
        details: { queryCode },
      };
      await enqueueNotifications(
        prismaStatements(tx),
        options.notifications,
        caseId,
        [notice],
        citizenAddress(row.identity, row.citizen.locale),
      );
    });
  }

  /** A case filed before identities were linked to cases: any identity of its citizen. */
  async function anyIdentityOf(citizenId: string): Promise<string> {
    const identity = await db.channelIdentity.findFirstOrThrow({
      where: { citizenId },
      orderBy: { createdAt: "asc" },
      select: { channel: true, externalId: true },
    });
    return citizenRef(identity.channel, identity.externalId);
  }

  const caseWithHistory = (trackingNo: string) =>
    db.case.findUnique({
      where: { trackingNo },
      include: {
        timeline: { orderBy: { at: "asc" } },
        ratings: {
          orderBy: { createdAt: "desc" },
          take: 1,
          select: { solved: true, satisfaction: true, reason: true, createdAt: true },
        },
        identity: { select: { channel: true, externalId: true } },
      },
    });
  type CaseWithHistory = NonNullable<Awaited<ReturnType<typeof caseWithHistory>>>;

  /** What the status page shows of `row`: to its reporter, or to a supporter who joined at `supportedAt`. */
  function statusDetail(
    row: CaseWithHistory,
    now: Date,
    locale: Locale,
    supportedAt?: Date,
  ): StatusCaseDetail {
    const latest = row.ratings[0];
    // Read once: the page's forms and the case's review line follow the same options.
    const citizenOptions = supportedAt
      ? NO_OPTIONS
      : citizenOptionsOf(row, latest?.createdAt ?? null, now, options.calendar());
    const detail = toCitizenCaseDetail(
      row,
      citizenCaseReading(directory, locale, { calendar: options.calendar, now: () => now }),
      supportedAt,
      citizenOptions,
    );
    return {
      ...detail,
      rating:
        latest && !supportedAt
          ? { solved: latest.solved, satisfaction: latest.satisfaction, reason: latest.reason }
          : null,
      answer: detail.answer && {
        ...detail.answer,
        photoUrls: options.photoLink
          ? answerPhotoIds(row.timeline).map((id) => options.photoLink!(row.trackingNo, id))
          : [],
      },
      options: citizenOptions,
    };
  }

  return {
    async forSupporter(trackingNo, supportedAt, now, locale) {
      const row = await caseWithHistory(trackingNo);
      return row ? statusDetail(row, now, locale, supportedAt) : null;
    },
    async find(trackingNo, queryCode, now, locale) {
      const row = await caseWithHistory(trackingNo);
      if (row) {
        const guard = await guesses.state(`query-code:${trackingNo}`);
        if (guard?.blockedUntil && guard.blockedUntil > now) {
          return { kind: "locked", until: guard.blockedUntil };
        }
      }
      const matches = sameCode(row?.queryCode ?? "------", queryCode);
      if (!row) return { kind: "not_found" };
      if (!matches) {
        await wrongCode(row.id, trackingNo, now);
        return { kind: "not_found" };
      }
      return {
        kind: "found",
        ownerRef: row.identity
          ? citizenRef(row.identity.channel, row.identity.externalId)
          : await anyIdentityOf(row.citizenId),
        detail: statusDetail(row, now, locale),
      };
    },
  };
}

/** The photos of the latest answer (or 复查 / 复核 opinion) among a case's entries, oldest first. */
function answerPhotoIds(
  entries: readonly { id: string; kind: string; data: unknown }[],
): readonly string[] {
  const answer = entries.findLast((e) => e.kind === "answered" || e.kind === "review_answered");
  return answer ? photoIdsOf(readTimelineFact(answer)) : [];
}

function sameCode(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given.padEnd(expected.length, "\0").slice(0, 64));
  return a.length === b.length && timingSafeEqual(a, b) && given.length === expected.length;
}
