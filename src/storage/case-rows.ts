/**
 * Mapping between the Case rows of the database and the lifecycle's Case,
 * and the writes every case change shares: timeline entries and outbox rows.
 */
import type { Case } from "../domain/lifecycle/case.ts";
import type { CaseChanges } from "../domain/lifecycle/case.ts";
import type { OtherChannel, ReviewStage } from "../domain/lifecycle/case-status.ts";
import type { Notification } from "../domain/lifecycle/notifications.ts";
import { reachesSupporters } from "../domain/lifecycle/supporters.ts";
import { nextAlertAt, runningClock, type AlertHistory } from "../domain/lifecycle/reminders.ts";
import type { TimelineEntry } from "../domain/lifecycle/timeline.ts";
import { unitNameOfId, type Directory } from "../domain/directory.ts";
import type { Locale } from "../domain/locale.ts";
import { Prisma } from "../generated/sqlite/client.ts";
import type { Channel } from "../generated/sqlite/enums.ts";
import {
  isOutboxChannel,
  isSmsOnlyChannel,
  outboxMessageFor,
  type NewOutboxMessage,
  type NotificationLocale,
  type OutboxChannel,
} from "../notifications/outbox-payload.ts";
import type { OutboxStore } from "../notifications/outbox-store.ts";
import { statusPageLink } from "../notifications/status-link.ts";
import { insertRows, type PlainStatements } from "./plain-sql.ts";
import { newRowId } from "./row-ids.ts";
import { timelineDataColumn } from "./timeline-data.ts";

/** What to load with a case so that it maps to the lifecycle's Case. */
export const CASE_INCLUDE = {
  mergedInto: { select: { trackingNo: true } },
  ratings: { orderBy: { createdAt: "desc" }, take: 1 },
} as const satisfies Prisma.CaseInclude;

export type CaseRow = Prisma.CaseGetPayload<{ include: typeof CASE_INCLUDE }>;

/** The columns of a case row that make the lifecycle's Case, with its merge target and rating. */
export type DomainCaseRow = Pick<CaseRow, (typeof DOMAIN_CASE_COLUMNS)[number]> & {
  readonly mergedInto: { readonly trackingNo: string } | null;
  /** The latest rating, if any. */
  readonly ratings: readonly Pick<
    CaseRow["ratings"][number],
    "reviewStage" | "solved" | "satisfaction" | "createdAt"
  >[];
};

/** The Case columns toDomainCase reads (for a reader that names its columns, see due-alerts.ts). */
export const DOMAIN_CASE_COLUMNS = [
  "trackingNo",
  "status",
  "caseClass",
  "categoryCode",
  "regionCode",
  "regionSource",
  "unitId",
  "isEmergency",
  "requestKind",
  "submittedAt",
  "acceptanceDueAt",
  "decidedAt",
  "acceptedAt",
  "handlingDueAt",
  "extensionDays",
  "extensionReason",
  "returnDueAt",
  "answeredAt",
  "answerOutcome",
  "answerText",
  "answerPromisedBy",
  "followUpAt",
  "reviewStage",
  "reviewRequestedAt",
  "reviewDueAt",
  "closedAt",
  "notAcceptedReason",
  "notAcceptedChannel",
  "urgeCount",
  "lastUrgedAt",
] as const;

export function toDomainCase(row: DomainCaseRow): Case {
  const rating = row.ratings[0]?.reviewStage === row.reviewStage ? row.ratings[0] : undefined;
  return {
    trackingNo: row.trackingNo,
    status: row.status,
    caseClass: row.caseClass,
    categoryCode: row.categoryCode,
    regionCode: row.regionCode,
    regionSource: row.regionSource,
    unitId: row.unitId,
    isEmergency: row.isEmergency,
    requestKind: row.requestKind,
    submittedAt: row.submittedAt,
    acceptanceDueAt: row.acceptanceDueAt,
    decidedAt: row.decidedAt,
    acceptedAt: row.acceptedAt,
    handlingDueAt: row.handlingDueAt,
    extensionDays: row.extensionDays ?? 0,
    extensionReason: row.extensionReason,
    returnDueAt: row.returnDueAt,
    answeredAt: row.answeredAt,
    answerOutcome: row.answerOutcome,
    answerText: row.answerText,
    answerPromisedBy: row.answerPromisedBy,
    followUpAt: row.followUpAt,
    reviewStage: row.reviewStage as ReviewStage,
    reviewRequestedAt: row.reviewRequestedAt,
    reviewDueAt: row.reviewDueAt,
    closedAt: row.closedAt,
    mergedIntoTrackingNo: row.mergedInto?.trackingNo ?? null,
    notAcceptedReason: row.notAcceptedReason,
    notAcceptedChannel: row.notAcceptedChannel as OtherChannel | null,
    solved: rating?.solved ?? null,
    satisfaction: rating?.satisfaction ?? null,
    ratedAt: rating?.createdAt ?? null,
    urgeCount: row.urgeCount,
    lastUrgedAt: row.lastUrgedAt,
  };
}

/**
 * The column updates for lifecycle changes. The rating and the merge target
 * live in their own rows and are written by the caller.
 */
export function toCaseUpdate(changes: CaseChanges): Prisma.CaseUncheckedUpdateInput {
  const {
    mergedIntoTrackingNo: _merged,
    solved: _solved,
    satisfaction: _satisfaction,
    ratedAt: _ratedAt,
    ...columns
  } = changes;
  return columns;
}

/**
 * The columns the read side keeps for a case's deadlines, written with every
 * change of the case: the deadline it runs against (on "Case") and when the
 * scheduler next has an alert for it (on "CaseAlert").
 */
export function deadlineColumns(
  subject: Parameters<typeof runningClock>[0],
  history: AlertHistory,
): { runningDueAt: Date | null; nextAlertAt: Date | null } {
  return {
    runningDueAt: runningClock(subject)?.dueAt ?? null,
    nextAlertAt: nextAlertAt(subject, history),
  };
}

/** The alert history columns a decision's timeline updates (a reminder or an escalation). */
export function alertHistoryUpdate(entries: readonly TimelineEntry[]): Partial<AlertHistory> {
  const update: { lastReminderAt?: Date; lastEscalationAt?: Date } = {};
  for (const entry of entries) {
    if (entry.kind === "reminded") update.lastReminderAt = entry.at;
    if (entry.kind === "escalated") update.lastEscalationAt = entry.at;
  }
  return update;
}

export async function appendTimeline(
  tx: PlainStatements,
  caseId: string,
  entries: readonly TimelineEntry[],
): Promise<void> {
  await insertRows(
    tx,
    "TimelineEntry",
    entries.map((entry) => timelineRow(caseId, entry)),
  );
}

/**
 * The TimelineEntry row of `entry`, as insertRows writes it.
 * @throws AppError("input.invalid") when the entry's facts do not fit its kind.
 */
export function timelineRow(caseId: string, entry: TimelineEntry, id = newRowId()) {
  const { data } = timelineDataColumn(entry);
  return {
    id,
    caseId,
    at: entry.at,
    kind: entry.kind,
    actorKind: entry.actor.kind,
    actorId: entry.actor.id,
    fromStatus: entry.fromStatus,
    toStatus: entry.toStatus,
    note: entry.note,
    data: data === undefined ? null : JSON.stringify(data),
  };
}

/** Where a notification goes: one outbox row per channel address. */
export interface OutboxAddress {
  readonly channel: OutboxChannel;
  readonly recipient: string;
  readonly audience: "citizen" | "unit" | "clerks";
}

/** The citizen's own chat, as the case's channel identity gives it. */
export interface CitizenAddress {
  readonly channel: OutboxChannel;
  readonly chatId: string;
  readonly locale: NotificationLocale;
}

/** A notification's recipient other than the citizen: a unit or the clerks. */
export type StaffRecipient = Exclude<Notification["to"], { kind: "citizen" }>;

/**
 * Resolves a notification's recipient (the citizen, a unit, the clerks) to
 * channel addresses; [] when the recipient has none (they read the console).
 */
export interface AddressBook {
  (
    notification: Pick<Notification, "to">,
    citizen: CitizenAddress | null,
  ): Promise<readonly OutboxAddress[]>;
  /**
   * The addresses of many staff recipients at once (the deadline round's notices), in their
   * order: one read of the units named and one of the clerks, however many recipients.
   */
  staff(recipients: readonly StaffRecipient[]): Promise<(readonly OutboxAddress[])[]>;
}

/** Everything needed to turn a decision's notifications into outbox rows. */
export interface NotificationWriter {
  readonly outbox: Pick<OutboxStore, "enqueue">;
  readonly addresses: AddressBook;
  readonly directory: Directory;
  /** PUBLIC_URL: a citizen's notice links to the case's status page under it. */
  readonly publicUrl?: string | undefined;
  /** SMS is configured: a citizen who left a phone gets the receipt by SMS too. */
  readonly smsReceipts?: boolean;
}

/** Writes the notifications as outbox rows inside the caller's transaction. */
export async function enqueueNotifications(
  tx: PlainStatements,
  writer: NotificationWriter,
  caseId: string,
  notifications: readonly Notification[],
  citizen: CitizenAddress | null,
): Promise<void> {
  const supporters = notifications.some(isForSupporters)
    ? await supporterAddresses(tx, caseId)
    : [];
  const addresses = [];
  for (const notification of notifications) {
    addresses.push(await writer.addresses(notification, citizen));
  }
  const rows = notificationRows(writer, caseId, notifications, { citizen, supporters, addresses });
  if (rows.length > 0) await writer.outbox.enqueue(tx, rows);
}

/** Who a case's notifications reach, as enqueueNotifications resolves them. */
export interface NotificationAddresses {
  readonly citizen: CitizenAddress | null;
  /** The supporters' chats, for the notices they get copies of (see supporters.ts). */
  readonly supporters: readonly CitizenAddress[];
  /** The addresses of each notification, in the notifications' order. */
  readonly addresses: readonly (readonly OutboxAddress[])[];
}

/** The outbox rows of a case's notifications, to the addresses resolved for them. */
export function notificationRows(
  writer: Pick<NotificationWriter, "directory" | "publicUrl">,
  caseId: string,
  notifications: readonly Notification[],
  to: NotificationAddresses,
): NewOutboxMessage[] {
  const { citizen } = to;
  const rows: NewOutboxMessage[] = [];
  notifications.forEach((notification, i) => {
    const unitName = (locale: Locale) => unitNameOf(writer, notification, locale);
    if (isForSupporters(notification)) {
      // Each supporter's own copy, in their language; the reporter's status link is not theirs.
      for (const supporter of to.supporters) {
        rows.push(
          outboxMessageFor(notification, {
            caseId,
            channel: supporter.channel,
            recipient: supporter.chatId,
            locale: supporter.locale,
            unitName: unitName(supporter.locale),
            audience: "supporter",
          }),
        );
      }
    }
    for (const address of to.addresses[i] ?? []) {
      const locale = address.audience === "citizen" && citizen ? citizen.locale : "zh";
      rows.push(
        outboxMessageFor(notification, {
          caseId,
          channel: address.channel,
          recipient: address.recipient,
          locale,
          unitName: unitName(locale),
          statusLink:
            address.audience === "citizen"
              ? statusPageLink(writer.publicUrl, notification.trackingNo, locale)
              : null,
          smsOnly: isSmsOnlyChannel(address.channel),
        }),
      );
    }
  });
  return rows;
}

/**
 * The name in `locale` (the reader's) of the unit a notification is about, or null (none, or
 * not in the directory).
 */
export function unitNameOf(
  writer: Pick<NotificationWriter, "directory">,
  notification: Notification,
  locale: Locale,
): string | null {
  const { unitId } = notification.details;
  return unitId ? unitNameOfId(writer.directory, unitId, locale) : null;
}

/** A notice to the first reporter that the case's supporters get too (see supporters.ts). */
function isForSupporters(notification: Notification): boolean {
  return notification.to.kind === "citizen" && reachesSupporters(notification.kind);
}

/**
 * The citizen's address from a case's identity and the citizen's language; null
 * without a chat to write to (an Open311 reporter's system asks for the status).
 */
export function citizenAddress(
  identity: { channel: Channel; chatId: string | null } | null,
  locale: string,
): CitizenAddress | null {
  if (!identity?.chatId || !isOutboxChannel(identity.channel)) return null;
  return {
    channel: identity.channel,
    chatId: identity.chatId,
    locale: locale === "en" ? "en" : "zh",
  };
}

/** The chats of a case's supporters, oldest supporter first, for their copies of its notices. */
async function supporterAddresses(tx: PlainStatements, caseId: string): Promise<CitizenAddress[]> {
  const rows = await tx.query<{ locale: string; channel: Channel; chatId: string | null }>(
    Prisma.sql`SELECT s."locale", i."channel", i."chatId"
      FROM "CaseSupporter" s JOIN "ChannelIdentity" i ON i."id" = s."identityId"
      WHERE s."caseId" = ${caseId}
      ORDER BY s."createdAt", s."id"`,
  );
  return rows.flatMap((row) => citizenAddress(row, row.locale) ?? []);
}
