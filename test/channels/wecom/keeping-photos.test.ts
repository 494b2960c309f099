/**
 * WeChat photos are kept by the service before WeCom's temporary media expire (3 days): each
 * image, and a picture sent as a file, is downloaded with media/get before its turn and saved
 * as the citizen's own photo.
 * Real WeCom client against the fake WeCom server, the real service on a real database.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { retryDelayMs } from "../../../src/channels/inbox-processor.ts";
import type { MovableClock } from "../../support/clock.ts";
import { attemptFailed } from "../../support/inbox.ts";
import type { FakeWeCom } from "../../support/fake-wecom.ts";
import type { TestApp } from "../../support/test-app.ts";
import {
  JPEG_BYTES,
  startWeComCitizenWorld,
  submitWithContact,
  type WeComCitizen,
  type WeComCitizenWorld,
} from "./wecom-citizen.ts";

const PNG_BYTES = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from("a pothole on the corner"),
]);

/** From the first message up to the photo question (description, place, time). */
async function startFiling(citizen: WeComCitizen): Promise<void> {
  await citizen.say("你好");
  await citizen.click("我要反映问题");
  await citizen.say("我们小区门口的路灯坏了很久了，晚上很黑，老人走路不方便");
  await citizen.click("对，就是这个");
  await citizen.say("川汇区七一路和八一路交叉口东边");
  await citizen.fileAnywayIfOffered();
  await citizen.say("前天下午");
  expect(citizen.text).toContain("有照片吗");
}

/** From the photos being done to the tracking number; returns it. */
async function finishFiling(citizen: WeComCitizen): Promise<string> {
  await citizen.click("照片发完了");
  return submitWithContact(citizen);
}

describe("keeping WeChat photos", { timeout: 60_000 }, () => {
  let fake: FakeWeCom;
  let service: TestApp;
  let clock: MovableClock;
  let citizen: WeComCitizen;
  let world: WeComCitizenWorld;

  beforeEach(async () => {
    world = await startWeComCitizenWorld();
    ({ fake, clock, service, citizen } = world);
  });
  afterEach(() => world.stop());

  async function attachmentsOf(trackingNo: string) {
    const stored = await service.app.db.case.findUniqueOrThrow({
      where: { trackingNo },
      include: { attachments: true },
    });
    return stored.attachments;
  }

  async function keptFiles(): Promise<string[]> {
    return readdir(path.join(service.dataDir, "uploads")).catch(() => []);
  }

  it("keeps a photo sent while filing: the case's attachment is the service's own file, typed by its bytes", async () => {
    await startFiling(citizen);
    // WeCom labels it a JPEG; the bytes say PNG, and the bytes decide.
    await citizen.sendImage(fake.addMedia(PNG_BYTES, "image/jpeg"));
    expect(citizen.text).toContain("收到第 1 张照片");
    const trackingNo = await finishFiling(citizen);

    const [attachment, ...others] = await attachmentsOf(trackingNo);
    expect(others).toEqual([]);
    expect(attachment).toMatchObject({
      channel: "wecom",
      mimeType: "image/png",
      storagePath: expect.stringMatching(/^uploads\/[0-9a-f]{32}\.png$/),
    });
    expect(await readFile(path.join(service.dataDir, attachment!.storagePath!))).toEqual(PNG_BYTES);
    const upload = await service.app.db.webUpload.findUniqueOrThrow({
      where: { id: attachment!.fileId },
    });
    expect(upload).toMatchObject({ sessionId: "wecom:wmCITIZEN1", size: PNG_BYTES.length });
    const [download] = fake.callsOf("media/get");
    expect(download?.query).toEqual({ media_id: expect.stringMatching(/^media/) });
  });

  it("takes a picture sent as a file as a photo, as the answer to a PDF invites, and answers the PDF with what can be sent", async () => {
    await startFiling(citizen);
    await citizen.sendFile(Buffer.from("%PDF-1.7 投诉材料"), "application/pdf");
    expect(citizen.text).toContain("这个文件我打不开");
    expect(citizen.text).toContain("当作文件发送的 JPG、PNG、HEIC 图片也可以");
    expect(citizen.text).toContain("有照片吗");

    await citizen.sendFile(PNG_BYTES, "application/octet-stream");
    expect(citizen.text).toContain("收到第 1 张照片");
    const trackingNo = await finishFiling(citizen);
    expect(await attachmentsOf(trackingNo)).toMatchObject([{ mimeType: "image/png" }]);
    expect(await keptFiles()).toHaveLength(1);
  });

  it("tells the citizen when WeCom no longer has the image (40007) or it is not a photo, and files without it", async () => {
    await startFiling(citizen);

    await citizen.sendImage("media-expired-long-ago");
    expect(fake.callsOf("media/get").map((c) => c.errcode)).toEqual([40007]);
    expect(citizen.text).toContain("这张照片没能收到");
    await citizen.sendImage(fake.addMedia(Buffer.from("<html>not a photo</html>"), "image/jpeg"));
    expect(citizen.text).toContain("这张照片没能收到");

    // Still at the photo question: the next photo is the first one.
    await citizen.sendImage(fake.addMedia(JPEG_BYTES));
    expect(citizen.text).toContain("收到第 1 张照片");
    const trackingNo = await finishFiling(citizen);
    expect(citizen.text).toContain("您的编号是");

    const attachments = await attachmentsOf(trackingNo);
    expect(attachments).toMatchObject([{ mimeType: "image/jpeg" }]);
    expect(await keptFiles()).toHaveLength(1);
  });

  it("retries a download that failed for a moment (HTTP 503) and keeps the photo exactly once", async () => {
    await startFiling(citizen);
    fake.failNext("media/get", 1, { status: 503 });
    const repliesBefore = fake.kfSent("wmCITIZEN1").length;

    citizen.pause();
    const image = citizen.user.sendImage(fake.addMedia(JPEG_BYTES));
    await citizen.signal();
    await attemptFailed(service.app.db, clock, "wecom", image.msgid);
    expect(fake.kfSent("wmCITIZEN1")).toHaveLength(repliesBefore);
    expect(await service.app.db.webUpload.count()).toBe(0);

    clock.advance(5_000); // past the inbox's first backoff (2 s)
    await citizen.signal();
    await citizen.waitFor(image);

    expect(fake.kfSent("wmCITIZEN1")).toHaveLength(repliesBefore + 1);
    expect(citizen.text).toContain("收到第 1 张照片");
    expect(fake.callsOf("media/get").map((c) => c.httpStatus)).toEqual([503, 200]);
    const trackingNo = await finishFiling(citizen);
    expect(await attachmentsOf(trackingNo)).toHaveLength(1);
    expect(await service.app.db.webUpload.count()).toBe(1);
    expect(await keptFiles()).toHaveLength(1);
  });

  it("tells the citizen when the download still fails at the inbox's last attempt", async () => {
    await startFiling(citizen);
    fake.failNext("media/get", 5, { status: 502 });

    citizen.pause();
    const image = citizen.user.sendImage(fake.addMedia(JPEG_BYTES));
    await citizen.signal();
    for (let attempt = 1; attempt <= 4; attempt++) {
      await attemptFailed(service.app.db, clock, "wecom", image.msgid, attempt);
      clock.advance(retryDelayMs(attempt) + 1000); // past the inbox's backoff
      await citizen.signal();
    }
    await citizen.waitFor(image);

    expect(citizen.text).toContain("这张照片没能收到");
    expect(fake.callsOf("media/get")).toHaveLength(5);
    expect(await service.app.db.webUpload.count()).toBe(0);
  });

  it("does not download again when the turn after a kept photo is retried", async () => {
    await startFiling(citizen);
    fake.failNext("kf/send_msg", 1, { status: 503 });

    citizen.pause();
    const image = citizen.user.sendImage(fake.addMedia(JPEG_BYTES));
    await citizen.signal();
    await attemptFailed(service.app.db, clock, "wecom", image.msgid);
    clock.advance(5_000);
    await citizen.signal();
    await citizen.waitFor(image);

    expect(citizen.text).toContain("收到第 1 张照片");
    expect(fake.callsOf("media/get")).toHaveLength(1);
    const trackingNo = await finishFiling(citizen);
    expect(await attachmentsOf(trackingNo)).toHaveLength(1);
    expect(await keptFiles()).toHaveLength(1);
  });
});
