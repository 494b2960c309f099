/**
 * A photo a citizen sends on Telegram the ordinary way is downloaded (its largest size a bot
 * may fetch) and kept by the service, as WeChat pictures and web uploads are: the case holds
 * the kept picture, and staff who may see the case open it in the console. When the download
 * fails, the photo stays Telegram's file id, as before, and the service says why in its log;
 * such a photo is fetched in the background and kept (a fetch that fails is tried again later,
 * each time later), or, if staff open it before that, downloaded then; kept from then on.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClerk, signedInStaff } from "../../console/console-world.ts";
import { expectErrorLogs } from "../../support/error-logs.ts";
import { PHOTO_JPEG } from "../../support/fake-telegram.ts";
import { DAY } from "../../support/clock.ts";
import { CHAT_PHOTO_MAX_ATTEMPTS } from "../../../src/cases/chat-photo-keeper.ts";
import {
  fileWithPhotoKeptByFileId,
  startTelegramService,
  type TelegramService,
} from "../../support/telegram-service.ts";

const CLERK = { kind: "clerk", id: "clerk-li" } as const;

describe("Telegram photos in the console", { timeout: 30_000 }, () => {
  let service: TelegramService;
  const logLines: string[] = [];
  beforeAll(async () => {
    service = await startTelegramService({ logLines });
  });
  afterAll(() => service.stop());
  let clerk: Awaited<ReturnType<typeof signedInClerk>> | undefined;
  /** The clerk li, signed in once for the file (a username is taken once). */
  const theClerk = async () => (clerk ??= await signedInClerk(service.db, service.app.url));

  it("shows a clerk and the unit handling the case the photo, and no other unit", async () => {
    const citizen = await service.citizenAtPhotoQuestion();
    await citizen.act(citizen.user.sendPhoto("pothole-1", undefined, PHOTO_JPEG));
    expect(citizen.text).toContain("收到第 1 张照片");
    for (const answer of ["照片发完了", "匿名反映", "提交"]) await citizen.tap(answer);
    const [filed] = await citizen.cases();
    const no = filed!.trackingNo;

    const clerk = await theClerk();
    const detail = await clerk.get(`/api/cases/${no}`);
    expect(detail.json.photoRefs).toEqual([
      { id: expect.any(String), mimeType: "image/jpeg", stored: true, ratingStage: null },
    ]);
    const photo = `/api/cases/${no}/photos/${detail.json.photoRefs[0].id}`;
    const opened = await fetch(`${service.app.url}${photo}`, {
      headers: { cookie: clerk.cookieHeader() },
    });
    expect(opened.status).toBe(200);
    expect(opened.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await opened.arrayBuffer())).toEqual(PHOTO_JPEG);

    const [routed, other] = service.app.app.directory.units;
    await service.app.app.caseActions.act(no, { type: "route", unitId: routed!.id }, CLERK);
    const handler = await signedInStaff(service.db, service.app.url, "zhao", routed!.id);
    expect((await handler.get(photo)).status).toBe(200);
    const otherUnit = await signedInStaff(service.db, service.app.url, "qian", other!.id);
    expect((await otherUnit.get(photo)).status).toBe(404);
  });

  it("keeps the largest size a bot may download of a photo over Telegram's 20 MB", async () => {
    const citizen = await service.citizenAtPhotoQuestion();
    const huge = Buffer.concat([PHOTO_JPEG, Buffer.alloc(20 * 1024 * 1024)]);
    const sent = await citizen.act(citizen.user.sendPhoto("huge-1", undefined, huge));
    expect(citizen.text).toContain("收到第 1 张照片");

    const [, medium] = sent.message!.photo!;
    const kept = await service.db.webUpload.findMany({
      where: { id: { in: await citizen.keptPhotos() } },
    });
    expect(kept.map((photo) => [photo.mimeType, photo.size])).toEqual([
      ["image/jpeg", medium!.file_size],
    ]);
  });

  it("keeps Telegram's file id when the photo cannot be downloaded or is no picture", async () => {
    const citizen = await service.citizenAtPhotoQuestion();
    service.telegram.failNext("getFile", 1, {
      status: 400,
      description: "Bad Request: file is too big",
    });
    await citizen.sendPhoto("refused-1", "井盖旁边的裂缝");
    await citizen.act(citizen.user.sendPhoto("garbled-1", undefined, Buffer.from("no picture")));
    expect(citizen.text).toContain("收到第 2 张照片");

    expect((await citizen.dialogue())?.draft?.photos).toEqual(["refused-1", "garbled-1"]);
    expect(await citizen.keptPhotos()).toEqual([]);
    const fellBack = logLines.filter((line) => line.includes("picture not kept by the service"));
    expect(fellBack.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        chatId: String(citizen.id),
        takenAs: "photo",
        reason: expect.stringContaining("file is too big"),
      }),
      expect.objectContaining({ chatId: String(citizen.id), reason: expect.any(String) }),
    ]);
    expect(fellBack.join("\n")).not.toContain("井盖");
  });

  /** A case filed with one photo Telegram refused to hand over at the time (its file id kept). */
  async function caseWithPhotoKeptByFileId() {
    const no = await fileWithPhotoKeptByFileId(service);
    const clerk = await theClerk();
    const detail = await clerk.get(`/api/cases/${no}`);
    expect(detail.json.photoRefs).toEqual([
      { id: expect.any(String), mimeType: null, stored: false, ratingStage: null },
    ]);
    const open = () =>
      fetch(`${service.app.url}/api/cases/${no}/photos/${detail.json.photoRefs[0].id}`, {
        headers: { cookie: clerk.cookieHeader(), "accept-language": "zh-CN" },
      });
    return { no, clerk, open };
  }

  it("downloads a photo kept by Telegram's file id when a clerk first opens it, then serves it kept", async () => {
    const { no, clerk, open } = await caseWithPhotoKeptByFileId();
    const downloadsBefore = service.telegram.callsOf("getFile").length;

    const first = await open();
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("image/jpeg");
    const bytes = Buffer.from(await first.arrayBuffer());
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));

    const again = await open();
    expect(Buffer.from(await again.arrayBuffer())).toEqual(bytes);
    expect(service.telegram.callsOf("getFile").length).toBe(downloadsBefore + 1);
    const detail = await clerk.get(`/api/cases/${no}`);
    expect(detail.json.photoRefs).toEqual([
      { id: expect.any(String), mimeType: "image/jpeg", stored: true, ratingStage: null },
    ]);
  });

  it("tells the clerk plainly when Telegram cannot give the photo now, and logs it once with the case", async () => {
    const { no, open } = await caseWithPhotoKeptByFileId();
    service.telegram.failNext("getFile", 1, {
      status: 400,
      description: "Bad Request: wrong file_id or the file is temporarily unavailable",
    });
    const linesBefore = logLines.length;
    expectErrorLogs(/its telegram download failed/);

    const refused = await open();
    expect(refused.status).toBe(502);
    expect(((await refused.json()) as { error: unknown }).error).toMatchObject({
      code: "photo.chat_unavailable",
      message: "这张照片只存在聊天渠道（Telegram）里，现在取不回来，请稍后再试。",
    });
    const logged = logLines
      .slice(linesBefore)
      .filter((line) => line.includes(no) && line.includes('"level":50'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain("its telegram download failed");

    expect((await open()).status).toBe(200);
  });

  it("tells the clerk the same on an instance without Telegram, and logs it once with the case", async () => {
    const { no, clerk, open } = await caseWithPhotoKeptByFileId();
    const detail = await clerk.get(`/api/cases/${no}`);
    const withoutTelegram = await service.app.another({ TELEGRAM_BOT_TOKEN: "" });
    try {
      const linesBefore = logLines.length;
      expectErrorLogs(/no telegram download/);
      const refused = await fetch(
        `${withoutTelegram.url}/api/cases/${no}/photos/${detail.json.photoRefs[0].id}`,
        { headers: { cookie: clerk.cookieHeader(), "accept-language": "zh-CN" } },
      );
      expect(refused.status).toBe(502);
      expect(((await refused.json()) as { error: unknown }).error).toMatchObject({
        code: "photo.chat_unavailable",
      });
      const logged = logLines
        .slice(linesBefore)
        .filter((line) => line.includes(no) && line.includes('"level":50'));
      expect(logged).toHaveLength(1);
      expect(logged[0]).toContain("no telegram download");
    } finally {
      await withoutTelegram.stop();
    }
    // The instance with Telegram keeps it (and the next test finds no photo of this one due).
    expect((await open()).status).toBe(200);
  });

  it("keeps a photo kept by Telegram's file id in the background, trying again later when Telegram refuses", async () => {
    const { no, open } = await caseWithPhotoKeptByFileId();
    const keeper = service.app.app.chatPhotoKeeper;
    const attachment = async () =>
      service.db.attachment.findFirstOrThrow({ where: { case: { trackingNo: no } } });
    service.telegram.failNext("getFile", 1, {
      status: 400,
      description: "Bad Request: file is temporarily unavailable",
    });

    expect(await keeper.runOnce()).toEqual({ kept: 0, failed: 1 });
    expect(await attachment()).toMatchObject({ storagePath: null, keepAttempts: 1 });
    const putOff = logLines.filter((line) => line.includes("chat photo not kept"));
    expect(putOff.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ caseNo: no, attempt: 1 }),
    ]);
    expect(await keeper.runOnce()).toEqual({ kept: 0, failed: 0 });

    service.app.clock.advance(60_000);
    expect(await keeper.runOnce()).toEqual({ kept: 1, failed: 0 });
    expect((await attachment()).storagePath).not.toBeNull();
    expect(logLines.filter((line) => line.includes("chat photo kept")).join()).toContain(no);
    expect(await keeper.runOnce()).toEqual({ kept: 0, failed: 0 });

    // Opened without Telegram: so even when Telegram no longer gives the file (a new bot token).
    const downloadsBefore = service.telegram.callsOf("getFile").length;
    const opened = await open();
    expect(opened.status).toBe(200);
    expect(opened.headers.get("content-type")).toBe("image/jpeg");
    expect(service.telegram.callsOf("getFile").length).toBe(downloadsBefore);
  });

  it("gives a photo Telegram never gives up after about a week of daily tries, logged once, and tells staff", async () => {
    const { no } = await caseWithPhotoKeptByFileId();
    const keeper = service.app.app.chatPhotoKeeper;
    service.telegram.failNext("getFile", CHAT_PHOTO_MAX_ATTEMPTS, {
      status: 400,
      description: "Bad Request: wrong file_id or the file is temporarily unavailable",
    });
    const linesBefore = logLines.length;

    for (let attempt = 1; attempt <= CHAT_PHOTO_MAX_ATTEMPTS; attempt++) {
      expect(await keeper.runOnce()).toEqual({ kept: 0, failed: 1 });
      service.app.clock.advance(DAY);
    }
    const attachment = await service.db.attachment.findFirstOrThrow({
      where: { case: { trackingNo: no } },
    });
    expect(attachment).toMatchObject({
      storagePath: null,
      keepAttempts: CHAT_PHOTO_MAX_ATTEMPTS,
      keepRetryAt: null,
      keepGivenUpAt: expect.any(Date),
    });
    const givenUp = logLines.slice(linesBefore).filter((line) => line.includes("given up"));
    expect(givenUp.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ caseNo: no, attempt: CHAT_PHOTO_MAX_ATTEMPTS }),
    ]);

    // Never tried again, and staff read why there is no picture.
    const downloadsBefore = service.telegram.callsOf("getFile").length;
    service.app.clock.advance(7 * DAY);
    expect(await keeper.runOnce()).toEqual({ kept: 0, failed: 0 });
    expect(service.telegram.callsOf("getFile").length).toBe(downloadsBefore);
    // Weeks later: the clerk signs in again.
    const later = await signedInClerk(service.db, service.app.url, "wang");
    const detail = await later.get(`/api/cases/${no}`);
    expect(detail.json.photoRefs).toEqual([
      {
        id: attachment.id,
        mimeType: null,
        stored: false,
        ratingStage: null,
        unobtainable: true,
      },
    ]);
  });
});
