/**
 * Photos a chat channel keeps by its own file id only (a Telegram photo the service could not
 * download when it came, or one filed before photos were kept on arrival) are fetched in the
 * background and kept, so that a clerk can open them even once the channel no longer gives
 * them (a new bot token, a file Telegram let expire). A fetch that fails is tried again later,
 * each time later (backoff.ts), at most a day apart; keeping one twice is harmless.
 */
import { backoffDelay, type Backoff } from "../backoff.ts";
import { CHANNELS } from "../domain/vocabulary.ts";
import { AppError } from "../errors.ts";
import type { Logger } from "../logging/logger.ts";
import { createPeriodic, type Periodic } from "../periodic.ts";
import type { CaseRecordStore, ChatFileDue } from "../storage/case-record-store.ts";
import { keepChatPhotoFile, type ChatPhotoKeeping } from "./case-photo.ts";

/** The pause after a failed fetch: a minute, doubling, at most a day. */
export const CHAT_PHOTO_RETRY: Backoff = { baseMs: 60_000, maxMs: 24 * 60 * 60_000 };
/** Photos fetched in one round, at most: a backlog is worked off round by round. */
const PHOTOS_PER_ROUND = 20;
const DEFAULT_INTERVAL_MS = 5 * 60_000;

export interface ChatPhotoKeeperDeps {
  readonly records: Pick<
    CaseRecordStore,
    "chatFilesDue" | "deferAttachmentKeep" | "keepAttachmentFile"
  >;
  readonly keeping: ChatPhotoKeeping;
  readonly logger: Logger;
  readonly intervalMs?: number;
}

export interface ChatPhotoKeeper extends Periodic {
  /** One round: fetches the photos due now; resolves to how many were kept and how many failed. */
  runOnce(): Promise<{ readonly kept: number; readonly failed: number }>;
}

export function createChatPhotoKeeper(deps: ChatPhotoKeeperDeps): ChatPhotoKeeper {
  const { records, keeping, logger } = deps;

  /** Keeps one photo; a failed fetch is logged with its case and put off. */
  async function keepOne({ attachment, trackingNo, attempts }: ChatFileDue): Promise<boolean> {
    try {
      await keepChatPhotoFile(records, keeping, trackingNo, attachment);
      logger.info({ caseNo: trackingNo, attachmentId: attachment.id }, "chat photo kept");
      return true;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const attempt = attempts + 1;
      const retryAt = new Date(keeping.now().getTime() + backoffDelay(CHAT_PHOTO_RETRY, attempt));
      await records.deferAttachmentKeep(attachment.id, attempt, retryAt);
      logger.warn(
        { caseNo: trackingNo, attachmentId: attachment.id, attempt, retryAt, err: error },
        "chat photo not kept, tried again later",
      );
      return false;
    }
  }

  async function runOnce() {
    const channels = CHANNELS.filter((channel) => keeping.downloads.has(channel));
    if (channels.length === 0) return { kept: 0, failed: 0 };
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
