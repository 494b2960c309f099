/**
 * Photos a chat channel keeps by its own file id only (a Telegram photo the service could not
 * download when it came, or one filed before photos were kept on arrival) are fetched in the
 * background and kept, so that a clerk can open them even once the channel no longer gives
 * them (a new bot token, a file Telegram let expire). A fetch that fails is tried again later,
 * each time later (backoff.ts), at most a day apart, and given up after CHAT_PHOTO_MAX_ATTEMPTS
 * (staff then read that it cannot be fetched); keeping one twice is harmless. Every
 * instance runs a keeper, but a round runs under a lease in the shared database, so that one
 * instance downloads a photo, not each of them.
 */
import { backoffDelay, type Backoff } from "../backoff.ts";
import { CHANNELS, type ChannelName } from "../domain/vocabulary.ts";
import { AppError } from "../errors.ts";
import type { Logger } from "../logging/logger.ts";
import { createPeriodic, type Periodic } from "../periodic.ts";
import type { CaseRecordStore, ChatFileDue } from "../storage/case-record-store.ts";
import type { LeaseStore } from "../storage/leases.ts";
import { leaseOwner, withLease } from "../with-lease.ts";
import { keepChatPhotoFile, type ChatPhotoKeeping } from "./case-photo.ts";

/** The pause after a failed fetch: a minute, doubling, at most a day. */
export const CHAT_PHOTO_RETRY: Backoff = { baseMs: 60_000, maxMs: 24 * 60 * 60_000 };
/**
 * Failed fetches after which a photo is given up: the backoff reaches a day at the 12th, so
 * this is about a week of daily tries after the first day's (a file Telegram will never give
 * again: another bot's, or one it let expire).
 */
export const CHAT_PHOTO_MAX_ATTEMPTS = 18;
/** Photos fetched in one round, at most: a backlog is worked off round by round. */
const PHOTOS_PER_ROUND = 20;
const DEFAULT_INTERVAL_MS = 5 * 60_000;

export interface ChatPhotoKeeperDeps {
  readonly records: Pick<
    CaseRecordStore,
    "chatFilesDue" | "deferAttachmentKeep" | "giveUpAttachmentKeep" | "keepAttachmentFile"
  >;
  readonly keeping: ChatPhotoKeeping;
  /** Where the instances agree which one runs a round. */
  readonly leases: LeaseStore;
  readonly logger: Logger;
  readonly intervalMs?: number;
}

export interface ChatPhotoKeeper extends Periodic {
  /**
   * One round: fetches the photos due now; resolves to how many were kept and how many failed,
   * or null when another instance is running one.
   */
  runOnce(): Promise<KeeperRound | null>;
}

export interface KeeperRound {
  readonly kept: number;
  readonly failed: number;
}

export function createChatPhotoKeeper(deps: ChatPhotoKeeperDeps): ChatPhotoKeeper {
  const { records, keeping, logger } = deps;
  const lease = {
    name: "chat-photo-keeper",
    owner: leaseOwner(),
    // A round is at most PHOTOS_PER_ROUND downloads; the lease is renewed while it lasts.
    ttlMs: 5 * 60_000,
    now: () => keeping.now().getTime(),
    logger,
  };

  /**
   * Keeps one photo; a failed fetch is logged with its case and put off, or, the
   * CHAT_PHOTO_MAX_ATTEMPTS-th, given up (logged once, with its case).
   */
  async function keepOne({ attachment, trackingNo, attempts }: ChatFileDue): Promise<boolean> {
    try {
      await keepChatPhotoFile(records, keeping, trackingNo, attachment);
      logger.info({ caseNo: trackingNo, attachmentId: attachment.id }, "chat photo kept");
      return true;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const attempt = attempts + 1;
      if (attempt >= CHAT_PHOTO_MAX_ATTEMPTS) {
        if (await records.giveUpAttachmentKeep(attachment.id, attempt, keeping.now())) {
          logger.warn(
            { caseNo: trackingNo, attachmentId: attachment.id, attempt, err: error },
            "chat photo given up: its channel did not give it",
          );
        }
        return false;
      }
      const retryAt = new Date(keeping.now().getTime() + backoffDelay(CHAT_PHOTO_RETRY, attempt));
      await records.deferAttachmentKeep(attachment.id, attempt, retryAt);
      logger.warn(
        { caseNo: trackingNo, attachmentId: attachment.id, attempt, retryAt, err: error },
        "chat photo not kept, tried again later",
      );
      return false;
    }
  }

  async function runOnce(): Promise<KeeperRound | null> {
    const channels = CHANNELS.filter((channel) => keeping.downloads.has(channel));
    if (channels.length === 0) return { kept: 0, failed: 0 };
    let result: KeeperRound | null = null;
    const ran = await withLease(deps.leases, lease, async () => {
      result = await round(channels);
    });
    if (!ran) logger.debug("another instance is keeping chat photos");
    return result;
  }

  async function round(channels: readonly ChannelName[]): Promise<KeeperRound> {
    const due = await records.chatFilesDue(channels, keeping.now(), PHOTOS_PER_ROUND);
    let kept = 0;
    for (const file of due) if (await keepOne(file)) kept += 1;
    return { kept, failed: due.length - kept };
  }

  const periodic = createPeriodic(runOnce, deps.intervalMs ?? DEFAULT_INTERVAL_MS, (error) =>
    logger.error({ err: error }, "chat photo round failed"),
  );
  return { ...periodic, runOnce };
}
