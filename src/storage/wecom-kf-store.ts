import { z } from "zod";
import type { KfInboxStore } from "../channels/wecom/kf-inbox.ts";
import type { Db } from "./database.ts";
import { newestSequence } from "./inbox-store.ts";
import { createLeaseStore, type LeaseStore } from "./leases.ts";
import { createCursorLists } from "./cursor-lists.ts";
import { replyWindowMs, WECOM_KF_REPLY_WINDOW } from "../notifications/reply-window.ts";

/** A kf/send_msg that went out: our msgid for it and when (ms since the epoch). */
export interface KfSendRecord {
  readonly id: string;
  readonly at: number;
}

/**
 * What the WeCom customer-service channel keeps, in the shared tables:
 * - sync cursors: ChannelCursor rows named by `kfCursorName`;
 * - message ids: the InboxUpdate rows of channel "wecom" (updateId = msgid). `markProcessed`
 *   only asks whether the row exists; the durable claim is the row the channel's handler
 *   writes (an insert that ignores a second copy), so a crash between the two re-pulls the
 *   message from the unsaved cursor and stores it then — nothing is lost, nothing repeated;
 * - the sync lease `wecom-kf-lease:<open_kfid>` (see leases.ts), so only one instance pulls
 *   a kf account at a time;
 * - the send log: ChannelCursor `wecom-kf-sent:<open_kfid>:<external_userid>`, the recent
 *   kf/send_msg calls to one citizen, to count them against WeCom's 5-message window and to
 *   skip parts of a turn already sent when the turn is retried.
 */
export interface WeComKfStore extends KfInboxStore, LeaseStore {
  /** The highest inbox sequence of channel "wecom" (0 when empty). */
  lastSequence(): Promise<bigint>;
  /** send_time (seconds) of the newest stored message of a citizen, or undefined. */
  latestInboundSendTime(externalUserId: string): Promise<number | undefined>;
  /** The send log of one citizen (oldest first). */
  loadSends(openKfId: string, externalUserId: string): Promise<KfSendRecord[]>;
  /**
   * Appends to the send log (by compare-and-set: a turn and a notification sent at once are
   * both counted), forgetting records older than WeCom's own window before `send`: a later,
   * longer setting still counts them.
   */
  recordSend(openKfId: string, externalUserId: string, send: KfSendRecord): Promise<void>;
}

/** Enough for WeCom's 5-message window and for the parts of the turn being retried. */
const MAX_SEND_RECORDS = 20;

const SendLogSchema = z.array(z.object({ id: z.string(), at: z.number() }));
const InboundTimeSchema = z.object({ sendTime: z.number() });

/** The ChannelCursor name of the sync lease of a kf account. */
export function kfLeaseName(openKfId: string): string {
  return `wecom-kf-lease:${openKfId}`;
}

function sendLogName(openKfId: string, externalUserId: string): string {
  return `wecom-kf-sent:${openKfId}:${externalUserId}`;
}

/** The Prisma implementation (SQLite and PostgreSQL alike: no raw SQL, no locking clauses). */
export function createWeComKfStore(db: Db): WeComKfStore {
  const sendLogs = createCursorLists(db, SendLogSchema);
  const forgetAfterMs = replyWindowMs(WECOM_KF_REPLY_WINDOW);

  return {
    ...createLeaseStore(db),

    async loadCursor(name) {
      const row = await db.channelCursor.findUnique({ where: { name } });
      return row?.cursor;
    },

    async saveCursor(name, cursor) {
      await db.channelCursor.upsert({
        where: { name },
        update: { cursor },
        create: { name, cursor },
      });
    },

    async markProcessed(msgid) {
      const row = await db.inboxUpdate.findUnique({
        where: { channel_updateId: { channel: "wecom", updateId: msgid } },
        select: { updateId: true },
      });
      return row === null;
    },

    async lastSequence() {
      return (await newestSequence(db, "wecom")) ?? 0n;
    },

    async latestInboundSendTime(externalUserId) {
      const row = await db.inboxUpdate.findFirst({
        where: { channel: "wecom", chatId: externalUserId },
        orderBy: { sequence: "desc" },
        select: { payload: true },
      });
      const parsed = InboundTimeSchema.safeParse(row?.payload);
      return parsed.success ? parsed.data.sendTime : undefined;
    },

    loadSends: (openKfId, externalUserId) => sendLogs.read(sendLogName(openKfId, externalUserId)),

    async recordSend(openKfId, externalUserId, send) {
      await sendLogs.update(sendLogName(openKfId, externalUserId), (sends) => [
        ...sends
          .filter((record) => record.at >= send.at - forgetAfterMs)
          .slice(-(MAX_SEND_RECORDS - 1)),
        send,
      ]);
    },
  };
}
