import type { NoticeRoute } from "../domain/vocabulary.ts";
import type { SmsStatus } from "./sms-send-store.ts";
import type { Db } from "./database.ts";

export type { NoticeRoute };

/** One notice to the citizen, as the console shows it. */
export interface CitizenNotice {
  readonly kind: string;
  /** The citizen's chat channel (telegram, wecom, web). */
  readonly channel: string;
  readonly route: NoticeRoute;
  /** The outbox row's status (pending, sent, held, failed). */
  readonly status: string;
  /** When it went (chat or SMS), else when it was written. */
  readonly at: Date;
  /** Why the chat did not take it (the channel's code), when it did not. */
  readonly chatError: string | null;
  /** The SMS tried for it, if any: its status, the provider's or the carrier's code. */
  readonly sms: {
    readonly status: SmsStatus;
    readonly errorCode: string | null;
    readonly receiptCode: string | null;
    readonly receiptAt: Date | null;
  } | null;
}

/** What a case page says of the notices to its citizen. */
export interface CitizenNoticeStore {
  /** The notices to the citizen of case `caseId` (row id), oldest first, each with where it went. */
  notices(caseId: string): Promise<CitizenNotice[]>;
  /**
   * How many of them are held for WeCom's reply window (sent when the citizen writes again).
   */
  heldCount(caseId: string): Promise<number>;
}

export function createCitizenNoticeStore(db: Db): CitizenNoticeStore {
  return {
    notices: (caseId) => citizenNotices(db, caseId),
    heldCount: (caseId) =>
      db.outboxMessage.count({
        where: { caseId, channel: "wecom", audience: "citizen", status: "held" },
      }),
  };
}

const SMS_WENT: readonly SmsStatus[] = ["sent", "delivered", "undelivered"];

async function citizenNotices(db: Db, caseId: string): Promise<CitizenNotice[]> {
  const rows = await db.outboxMessage.findMany({
    where: { caseId, audience: "citizen" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      kind: true,
      channel: true,
      status: true,
      lastError: true,
      sentAt: true,
      createdAt: true,
    },
  });
  const sends = await db.smsSend.findMany({
    where: { outboxId: { in: rows.map((row) => row.id) } },
    orderBy: { createdAt: "asc" },
  });
  // The last SMS tried for a notice says what became of it.
  const smsOf = new Map(sends.map((send) => [send.outboxId, send]));
  return rows.map((row) => {
    const sms = smsOf.get(row.id) ?? null;
    const route: NoticeRoute =
      sms && SMS_WENT.includes(sms.status)
        ? "sms"
        : row.status === "sent"
          ? "chat"
          : row.status === "pending"
            ? "pending"
            : "not_reachable";
    return {
      kind: row.kind,
      channel: row.channel,
      route,
      status: row.status,
      at: (route === "sms" ? sms?.sentAt : row.sentAt) ?? row.createdAt,
      chatError: row.status === "sent" && route === "chat" ? null : row.lastError,
      sms: sms && {
        status: sms.status,
        errorCode: sms.errorCode,
        receiptCode: sms.receiptCode,
        receiptAt: sms.receiptAt,
      },
    };
  });
}

/** The mobile number the citizen left on the case for SMS; null for an anonymous case. */
export async function smsContactOf(db: Db, caseId: string): Promise<string | null> {
  const row = await db.case.findUnique({
    where: { id: caseId },
    select: { anonymous: true, contactPhone: true },
  });
  return row && !row.anonymous ? row.contactPhone : null;
}
