/**
 * The deadline round's writes, a batch at a time: the alerts the lifecycle decided (commands
 * remind and escalate) in one transaction of three plain statements (plain-sql.ts), however
 * many alerts — one guarded UPDATE of their "CaseAlert" rows (alert history, next alert time),
 * one INSERT of their timeline entries, one INSERT of their outbox rows (a reminder's card to
 * its holder; the batch's escalations to the clerks in one digest per address,
 * escalation-digest-zh.ts) — and the cases with nothing due after all rescheduled in one more.
 * No row of "Case" is written: on PostgreSQL each such update wrote an entry into all 17
 * indexes of "Case" (0.5–0.8 s of a midnight round at 1M cases). Through Prisma each alert took
 * a transaction of its own, about 40 ms of CPU: 2,200 alerts after midnight at 1M cases took
 * 36 s on SQLite and 126 s on PostgreSQL.
 */
import type { Case } from "../domain/lifecycle/case.ts";
import { nextAlertAt, type AlertHistory } from "../domain/lifecycle/reminders.ts";
import type { Decision } from "../domain/lifecycle/transitions.ts";
import type { Notification } from "../domain/lifecycle/notifications.ts";
import { Prisma } from "../generated/sqlite/client.ts";
import { escalationDigestText, type EscalatedCase } from "../notifications/escalation-digest-zh.ts";
import { enqueuePlain } from "../notifications/outbox-store.ts";
import { STAFF_DIGEST_KIND, type NewStaffDigest } from "../notifications/staff-digest.ts";
import {
  alertHistoryUpdate,
  notificationRows,
  timelineRow,
  unitNameOf,
  type NotificationWriter,
  type OutboxAddress,
  type StaffRecipient,
} from "./case-rows.ts";
import type { Db } from "./database.ts";
import {
  insertRows,
  plainSqlOf,
  typedParameter,
  valueRows,
  type PlainStatements,
} from "./plain-sql.ts";
import { newRowId } from "./row-ids.ts";

/** An alert the lifecycle decided for a case, as the round read it. */
export interface DecidedAlert {
  /**
   * The case's row id, the version and the alert time it was read at: the alert is written only
   * if both still hold.
   */
  readonly caseId: string;
  readonly version: number;
  readonly alertAt: Date;
  readonly subject: Case;
  readonly history: AlertHistory;
  /** A decision that changes no column of the case and notifies staff only (remind, escalate). */
  readonly decision: Decision;
}

/** When the scheduler next looks at a case, unless it changed since `version`. */
export interface AlertReschedule {
  readonly caseId: string;
  readonly version: number;
  readonly at: Date | null;
}

export interface AlertCommits {
  /**
   * Writes `alerts` in one transaction, each only if its case is still at the version read and
   * its alert time still the one read (a case changed since is left as it is: its change set its
   * next alert; an alert recorded since moved the time). Returns the row ids of the cases
   * written. The case's version stays: an alert changes no fact of the case a clerk decides on.
   * @throws Error for a decision that changes the case or notifies the citizen (not an alert).
   */
  commitAlerts(alerts: readonly DecidedAlert[], now: Date): Promise<Set<string>>;
  /** Sets when the scheduler next looks at each case, unless the case changed since. */
  rescheduleAlerts(cases: readonly AlertReschedule[]): Promise<void>;
}

export function createAlertCommits(db: Db, writer: NotificationWriter): AlertCommits {
  const sql = plainSqlOf(db);
  /** A value in a VALUES list. */
  const typed = (value: unknown, postgresType: "integer" | "timestamp(3)") =>
    typedParameter(sql, value, postgresType);

  return {
    async commitAlerts(alerts, now) {
      if (alerts.length === 0) return new Set();
      for (const alert of alerts) assertAlertOnly(alert);
      const notices = await noticesOf(alerts);
      const caseValues = alerts.map(({ caseId, version, alertAt, subject, history, decision }) => {
        const alerted = { ...history, ...alertHistoryUpdate(decision.timeline) };
        // An alert moves no deadline: of the deadline columns (deadlineColumns), only the next
        // alert changes.
        const next = nextAlertAt(subject, alerted);
        return [
          caseId,
          typed(version, "integer"),
          typed(alertAt, "timestamp(3)"),
          typed(alerted.lastReminderAt, "timestamp(3)"),
          typed(alerted.lastEscalationAt, "timestamp(3)"),
          typed(next, "timestamp(3)"),
        ];
      });
      return sql.transaction(async (tx) => {
        // The case's version is read, not written. On PostgreSQL, a decision committed while
        // this UPDATE waits for the row's lock is seen through the alert time it wrote (the
        // join keeps the case as first read), unless it left that time as it was.
        const written = await tx.query<{ caseId: string }>(Prisma.sql`
          WITH "alert" ("id", "readVersion", "readAlertAt", "lastReminderAt", "lastEscalationAt",
              "nextAlertAt") AS (VALUES ${valueRows(caseValues)})
          UPDATE "CaseAlert" SET "lastReminderAt" = "alert"."lastReminderAt",
            "lastEscalationAt" = "alert"."lastEscalationAt", "nextAlertAt" = "alert"."nextAlertAt"
          FROM "alert" JOIN "Case" ON "Case"."id" = "alert"."id"
          WHERE "CaseAlert"."caseId" = "alert"."id" AND "Case"."version" = "alert"."readVersion"
            AND "CaseAlert"."nextAlertAt" = "alert"."readAlertAt"
          RETURNING "caseId"`);
        const writtenIds = new Set(written.map((row) => row.caseId));
        const kept = alerts.filter((alert) => writtenIds.has(alert.caseId));
        await insertTimeline(tx, kept, now);
        const keptNotices = kept.map((alert) => notices.get(alert)!);
        await enqueuePlain(
          tx,
          [
            ...keptNotices.flatMap((notice) => notice.rows),
            ...escalationDigests(keptNotices.flatMap((notice) => notice.escalations)),
          ],
          now,
        );
        return writtenIds;
      });
    },

    async rescheduleAlerts(cases) {
      if (cases.length === 0) return;
      const values = valueRows(
        cases.map(({ caseId, version, at }) => [
          caseId,
          typed(version, "integer"),
          typed(at, "timestamp(3)"),
        ]),
      );
      await sql.execute(Prisma.sql`
        WITH "due" ("id", "readVersion", "nextAlertAt") AS (VALUES ${values})
        UPDATE "CaseAlert" SET "nextAlertAt" = "due"."nextAlertAt"
        FROM "due" JOIN "Case" ON "Case"."id" = "due"."id"
        WHERE "CaseAlert"."caseId" = "due"."id" AND "Case"."version" = "due"."readVersion"`);
    },
  };

  /**
   * Each alert's outbox rows and the escalations it adds to the batch's digest for the clerks,
   * its recipients resolved for the whole batch at once.
   */
  async function noticesOf(alerts: readonly DecidedAlert[]) {
    const recipients = alerts.flatMap(({ decision }) =>
      decision.notifications.map((notification) => notification.to as StaffRecipient),
    );
    const addresses = await writer.addresses.staff(recipients);
    let next = 0;
    return new Map(
      alerts.map((alert) => {
        const { notifications } = alert.decision;
        const own = addresses.slice(next, (next += notifications.length));
        const single: { notification: Notification; addresses: readonly OutboxAddress[] }[] = [];
        const escalations: { address: OutboxAddress; escalated: EscalatedCase }[] = [];
        // A reminder is a card of its own; an escalation, a line of the batch's digest.
        notifications.forEach((notification, i) => {
          if (notification.kind !== "escalation") {
            single.push({ notification, addresses: own[i]! });
            return;
          }
          const escalated = escalatedCase(notification);
          for (const address of own[i]!) escalations.push({ address, escalated });
        });
        const rows = notificationRows(
          writer,
          alert.caseId,
          single.map((each) => each.notification),
          { citizen: null, supporters: [], addresses: single.map((each) => each.addresses) },
        );
        return [alert, { rows, escalations }] as const;
      }),
    );
  }

  function escalatedCase(notification: Notification): EscalatedCase {
    const { clock, overdueDays } = notification.details;
    if (clock === undefined || overdueDays === undefined || notification.dueAt === null) {
      throw new Error(`case ${notification.trackingNo}: an escalation without its deadline`);
    }
    return {
      trackingNo: notification.trackingNo,
      clock,
      dueAt: notification.dueAt,
      overdueDays,
      // The clerks' digest is written in Chinese (escalation-digest-zh.ts).
      unitName: unitNameOf(writer, notification, "zh"),
    };
  }
}

/** One digest row per clerks' address for the escalations of a batch (escalation-digest-zh.ts). */
function escalationDigests(
  escalations: readonly { readonly address: OutboxAddress; readonly escalated: EscalatedCase }[],
): NewStaffDigest[] {
  const byAddress = new Map<string, { address: OutboxAddress; cases: EscalatedCase[] }>();
  for (const { address, escalated } of escalations) {
    const key = `${address.channel}:${address.recipient}`;
    const entry = byAddress.get(key) ?? { address, cases: [] };
    entry.cases.push(escalated);
    byAddress.set(key, entry);
  }
  return [...byAddress.values()].map(({ address, cases }) => ({
    ...address,
    caseId: null,
    kind: STAFF_DIGEST_KIND,
    payload: { v: 1, text: escalationDigestText(cases) },
  }));
}

/** The timeline entries of the alerts written, in one statement. */
async function insertTimeline(
  tx: PlainStatements,
  alerts: readonly DecidedAlert[],
  now: Date,
): Promise<void> {
  const rows = alerts.flatMap(({ caseId, decision }) =>
    decision.timeline.map((entry) => timelineRow(caseId, entry, newRowId("tl", now))),
  );
  await insertRows(tx, "TimelineEntry", rows);
}

/** The batch writes only what an alert decides: its timeline entry and its staff notices. */
function assertAlertOnly({ subject, decision }: DecidedAlert): void {
  const other =
    Object.keys(decision.changes).length > 0 ||
    decision.linked.length > 0 ||
    decision.proposal !== null ||
    decision.notifications.some((notification) => notification.to.kind === "citizen");
  if (other) {
    throw new Error(
      `case ${subject.trackingNo}: a decision other than an alert in a batch of alerts`,
    );
  }
}
