import type { Logger } from "../../logging/logger.ts";
import { KF_ORIGIN, type KfMessage, type KfSyncPage, type WeComClient } from "./api-client.ts";
import { isWeComError } from "./errors.ts";

/** sync_msg's errcode for an invalid or expired callback Token. */
const INVALID_MSG_TOKEN = 95007;

/**
 * Storage the pull loop needs; the composition root implements it with Prisma
 * (ChannelCursor for cursors, InboxUpdate for message ids).
 */
export interface KfInboxStore {
  /** The cursor saved under `name`, or undefined before the first sync. */
  loadCursor(name: string): Promise<string | undefined>;
  /** Saves (upserts) the cursor; called only after the page's messages were handed over. */
  saveCursor(name: string, cursor: string): Promise<void>;
  /**
   * Claims a message id: true the first time, false when it was seen before (then the
   * message is skipped). Called before the handler; it must be durable (a unique row),
   * so a message whose handler failed is not handed over a second time by this loop —
   * retry such messages from the stored row (e.g. InboxUpdate with processedAt null).
   */
  markProcessed(msgid: string): Promise<boolean>;
}

export interface KfInboxOptions {
  readonly client: Pick<WeComClient, "kfSyncMsg">;
  readonly store: KfInboxStore;
  /** Receives each new message the citizen sent (origin 3), in WeCom's order. */
  readonly onMessage: (message: KfMessage) => Promise<void>;
  /** Receives WeCom's events (origin 4: enter_session, msg_send_fail, …). Default: ignored. */
  readonly onSystemEvent?: (message: KfMessage) => Promise<void>;
  readonly logger: Logger;
  /** Messages per sync_msg page (1–1000). Default 1000. */
  readonly pageSize?: number;
  /** Safety stop for one sync. Default 50 pages. */
  readonly maxPages?: number;
}

export interface KfSyncReport {
  readonly pages: number;
  /** Messages handed to onMessage / onSystemEvent. */
  readonly delivered: number;
  /** Messages skipped because their msgid was seen before. */
  readonly duplicates: number;
  /** Messages skipped because of their origin (servicers' own messages, unreadable ones). */
  readonly ignored: number;
}

export interface KfInbox {
  /**
   * Pulls everything new for the kf account (sync_msg from the stored cursor until has_more
   * is false). Calls for the same account never overlap: a call made while a sync runs waits
   * and then runs one more sync (calls arriving meanwhile share it, with the newest token).
   * @throws WeComError when sync_msg fails, or the handler's error; the cursor then stays
   * at the last page that was fully handed over.
   */
  sync(openKfId: string, token?: string): Promise<KfSyncReport>;
}

/** The ChannelCursor name of a kf account. */
export function kfCursorName(openKfId: string): string {
  return `wecom-kf:${openKfId}`;
}

/** Creates the pull loop. Nothing runs until `sync` is called (on each kf_msg_or_event). */
export function createKfInbox(options: KfInboxOptions): KfInbox {
  const { client, store, onMessage, onSystemEvent } = options;
  const pageSize = options.pageSize ?? 1000;
  const maxPages = options.maxPages ?? 50;
  const log = options.logger.child({ component: "wecom-kf-inbox" });

  interface Lane {
    running?: Promise<KfSyncReport>;
    next?: { promise: Promise<KfSyncReport>; token: string | undefined };
  }
  const lanes = new Map<string, Lane>();

  async function runSync(
    openKfId: string,
    callbackToken: string | undefined,
  ): Promise<KfSyncReport> {
    const name = kfCursorName(openKfId);
    let cursor = await store.loadCursor(name);
    let token = callbackToken;
    const report = { pages: 0, delivered: 0, duplicates: 0, ignored: 0 };
    for (;;) {
      let page: KfSyncPage;
      try {
        page = await client.kfSyncMsg({
          openKfId,
          limit: pageSize,
          ...(cursor !== undefined && { cursor }),
          ...(token !== undefined && { token }),
        });
      } catch (error) {
        // The callback's Token lives 10 minutes; a sync that waited longer pulls without it.
        if (!(token !== undefined && isWeComError(error) && error.errcode === INVALID_MSG_TOKEN)) {
          throw error;
        }
        log.info({ openKfId }, "callback token no longer valid; pulling without it");
        token = undefined;
        continue;
      }
      report.pages++;
      for (const message of page.messages) {
        const handler =
          message.origin === KF_ORIGIN.customer
            ? onMessage
            : message.origin === KF_ORIGIN.system
              ? onSystemEvent
              : undefined;
        if (handler === undefined) {
          report.ignored++;
          continue;
        }
        if (!(await store.markProcessed(message.msgid))) {
          report.duplicates++;
          continue;
        }
        await handler(message);
        report.delivered++;
      }
      const advanced = page.nextCursor !== "" && page.nextCursor !== cursor;
      if (advanced) {
        await store.saveCursor(name, page.nextCursor);
        cursor = page.nextCursor;
      }
      if (!page.hasMore) break;
      if (!advanced) {
        log.warn({ openKfId }, "sync_msg says has_more without a new cursor; stopping");
        break;
      }
      if (report.pages >= maxPages) {
        log.warn({ openKfId, pages: report.pages }, "sync_msg page limit reached; stopping");
        break;
      }
    }
    log.info({ openKfId, ...report }, "kf sync done");
    return report;
  }

  return {
    sync(openKfId, token) {
      let lane = lanes.get(openKfId);
      if (lane === undefined) {
        lane = {};
        lanes.set(openKfId, lane);
      }
      const current = lane;
      if (current.next) {
        // Already queued behind the running sync: share it, with the newer token.
        if (token !== undefined) current.next.token = token;
        return current.next.promise;
      }
      if (current.running === undefined) {
        current.running = runSync(openKfId, token).finally(() => {
          current.running = undefined;
          if (current.next === undefined) lanes.delete(openKfId);
        });
        return current.running;
      }
      const queued: { promise: Promise<KfSyncReport>; token: string | undefined } = {
        token,
        promise: current.running
          .catch(() => undefined)
          .then(() => {
            current.next = undefined;
            const run = runSync(openKfId, queued.token).finally(() => {
              if (current.running === run) current.running = undefined;
              if (current.running === undefined && current.next === undefined) {
                lanes.delete(openKfId);
              }
            });
            current.running = run;
            return run;
          }),
      };
      current.next = queued;
      return queued.promise;
    },
  };
}
