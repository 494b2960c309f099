import type { SmsStatus } from "../generated/sqlite/enums.ts";
import { outboxRowSent } from "../notifications/outbox-store.ts";
import type { Db } from "./database.ts";

export type { SmsStatus };

/** The error code of an SMS our own per-phone limit kept back. */
export const LOCAL_RATE_LIMIT = "local.rate_limit";

/** One SMS as the log keeps it: never the number, never the text. */
export interface SmsSendRecord {
  readonly id: string;
  readonly caseId: string | null;
  /** The outbox notice it carried; null for a login code. */
  readonly outboxId: string | null;
  readonly template: string;
  readonly provider: string;
  readonly status: SmsStatus;
  readonly providerMessageId: string | null;
  readonly errorCode: string | null;
  readonly receiptCode: string | null;
  readonly createdAt: Date;
  readonly sentAt: Date | null;
  readonly receiptAt: Date | null;
}

/** What a delivery receipt says about one message. */
export interface SmsReceipt {
  readonly providerMessageId: string;
  readonly delivered: boolean;
  /** The carrier's code: DELIVRD / DELIVERED when delivered, e.g. MK:0005 otherwise. */
  readonly code: string;
  readonly at: Date;
}

/** The SMS log: one row per attempt, from before the provider is called to its receipt. */
/** One SMS about to go (or kept back): whose case, which notice, what and to which phone. */
export interface SmsAttempt {
  readonly caseId: string | null;
  readonly outboxId?: string | null;
  readonly template: string;
  readonly provider: string;
  readonly phoneKey: string;
  readonly now: Date;
}

export interface SmsSendStore {
  /**
   * When the phone's sends since `since` were made, oldest first: every attempt that went, or
   * may have gone, out (all but `failed`).
   */
  sendTimes(phoneKey: string, since: Date): Promise<Date[]>;
  /** Writes the attempt as `sending`; returns its id. */
  begin(attempt: SmsAttempt): Promise<string>;
  /**
   * Logs an SMS our own per-phone limit kept back, as `failed` with "local.rate_limit" (so it
   * does not count against the phone); returns its id.
   */
  recordLimited(attempt: SmsAttempt): Promise<string>;
  /**
   * Records the attempt as `sent`; when it carried an outbox notice, that notice's row is
   * recorded as sent in the same transaction, so that no reader (the console, a test, another
   * worker) ever sees the SMS gone and its notice still leased.
   */
  markSent(
    send: { id: string; outboxId: string | null },
    providerMessageId: string,
    now: Date,
  ): Promise<void>;
  /** `failed`: refused, it did not go out; `unconfirmed`: it may have. */
  markNotSent(id: string, status: "failed" | "unconfirmed", errorCode: string): Promise<void>;
  /**
   * Records a receipt on its message; false when no message of `provider` has that id (a
   * receipt for another system on the same account, or one we never sent). A later receipt for
   * the same message wins.
   */
  recordReceipt(provider: string, receipt: SmsReceipt): Promise<boolean>;
  /** The case's SMS, oldest first (for the console: where each notice went). */
  listForCase(caseId: string): Promise<SmsSendRecord[]>;
}

export function createSmsSendStore(db: Db): SmsSendStore {
  return {
    async sendTimes(phoneKey, since) {
      const rows = await db.smsSend.findMany({
        where: { phoneKey, createdAt: { gte: since }, status: { not: "failed" } },
        select: { createdAt: true },
        orderBy: { createdAt: "asc" },
      });
      return rows.map((row) => row.createdAt);
    },
    async begin({ caseId, outboxId = null, template, provider, phoneKey, now }) {
      const row = await db.smsSend.create({
        data: { caseId, outboxId, template, provider, phoneKey, status: "sending", createdAt: now },
        select: { id: true },
      });
      return row.id;
    },
    async recordLimited({ caseId, outboxId = null, template, provider, phoneKey, now }) {
      const row = await db.smsSend.create({
        data: {
          ...{ caseId, outboxId, template, provider, phoneKey, createdAt: now },
          status: "failed",
          errorCode: LOCAL_RATE_LIMIT,
        },
        select: { id: true },
      });
      return row.id;
    },
    async markSent({ id, outboxId }, providerMessageId, now) {
      const smsSent = db.smsSend.update({
        where: { id },
        data: { status: "sent", providerMessageId, sentAt: now },
      });
      if (outboxId === null) await smsSent;
      else await db.$transaction([smsSent, outboxRowSent(db, outboxId, now)]);
    },
    async markNotSent(id, status, errorCode) {
      await db.smsSend.update({ where: { id }, data: { status, errorCode } });
    },
    async recordReceipt(provider, receipt) {
      const { count } = await db.smsSend.updateMany({
        where: { provider, providerMessageId: receipt.providerMessageId },
        data: {
          status: receipt.delivered ? "delivered" : "undelivered",
          receiptCode: receipt.code,
          receiptAt: receipt.at,
        },
      });
      return count > 0;
    },
    async listForCase(caseId) {
      return db.smsSend.findMany({
        where: { caseId },
        orderBy: { createdAt: "asc" },
        omit: { phoneKey: true },
      });
    },
  };
}
