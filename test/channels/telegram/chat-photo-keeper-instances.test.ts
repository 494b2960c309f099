/**
 * Several instances on one PostgreSQL database each run the background keeper of Telegram
 * photos kept by file id, but a round runs under a lease: one instance downloads a photo, the
 * others leave it; an instance that died holding the lease holds it no longer than its time.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createChatPhotoKeeper,
  type ChatPhotoKeeper,
} from "../../../src/cases/chat-photo-keeper.ts";
import { createLogger } from "../../../src/logging/logger.ts";
import { createCaseRecordStore } from "../../../src/storage/case-record-store.ts";
import { createLeaseStore } from "../../../src/storage/leases.ts";
import {
  fileWithPhotoKeptByFileId,
  startTelegramService,
  type TelegramService,
} from "../../support/telegram-service.ts";

describe("the chat photo keeper on several instances", { timeout: 60_000 }, () => {
  let service: TelegramService;
  beforeAll(async () => {
    service = await startTelegramService({ provider: "postgres" });
  });
  afterAll(() => service.stop());

  /** The keeper of a second instance on the same database, with the same channel downloads. */
  function secondInstance(): ChatPhotoKeeper {
    const { db, chatPhotos } = service.app.app;
    return createChatPhotoKeeper({
      records: createCaseRecordStore(db),
      keeping: chatPhotos,
      leases: createLeaseStore(db),
      logger: createLogger("silent", false),
    });
  }

  const storedPath = async (no: string) =>
    (await service.db.attachment.findFirstOrThrow({ where: { case: { trackingNo: no } } }))
      .storagePath;
  const downloads = () => service.telegram.callsOf("getFile").length;

  it("downloads a photo on one instance when the instances' rounds race", async () => {
    const no = await fileWithPhotoKeptByFileId(service);
    const before = downloads();

    const rounds = await Promise.all([
      service.app.app.chatPhotoKeeper.runOnce(),
      secondInstance().runOnce(),
      secondInstance().runOnce(),
    ]);

    const kept = rounds.reduce((sum, round) => sum + (round?.kept ?? 0), 0);
    expect(kept).toBe(1);
    expect(downloads()).toBe(before + 1);
    expect(await storedPath(no)).not.toBeNull();
  });

  it("leaves the photos to the instance holding the lease, and takes over once it has expired", async () => {
    const no = await fileWithPhotoKeptByFileId(service);
    const { clock } = service.app;
    const other = await createLeaseStore(service.db).acquireLease(
      "chat-photo-keeper",
      "other-instance",
      clock.now().getTime(),
      60_000,
    );
    expect(other).toBe(true);
    const before = downloads();

    expect(await service.app.app.chatPhotoKeeper.runOnce()).toBeNull();
    expect(downloads()).toBe(before);
    expect(await storedPath(no)).toBeNull();

    // The other instance died holding it.
    clock.advance(60_000);
    expect(await service.app.app.chatPhotoKeeper.runOnce()).toEqual({ kept: 1, failed: 0 });
    expect(downloads()).toBe(before + 1);
    expect(await storedPath(no)).not.toBeNull();
  });
});
