/**
 * A picture sent "as a file" (phones offer it to keep the quality) is a photo to the citizen:
 * it is taken wherever a photo is, its caption as a photo's caption. Telegram hands it over as
 * a document, whose file id sendPhoto refuses, so the service keeps the picture itself and the
 * case holds the kept file. Other files (PDF, Word) and videos are answered with what can be
 * sent instead, and the words typed under them are the citizen's words, taken as if typed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramService, type TelegramService } from "../../support/telegram-service.ts";
import { JPEG_BYTES } from "../wecom/wecom-citizen.ts";
import { PNG_BYTES } from "../web/web-citizen.ts";

/** The start of an iPhone's HEIC picture: an ISO media file of brand "heic". */
const HEIC_BYTES = Buffer.concat([
  Buffer.from([0x00, 0x00, 0x00, 0x18]),
  Buffer.from("ftypheic"),
  Buffer.alloc(12, 0),
]);

describe("pictures sent as files", { timeout: 30_000 }, () => {
  let service: TelegramService;
  beforeAll(async () => {
    service = await startTelegramService();
  });
  afterAll(() => service.stop());

  it("takes a JPEG sent as a file at the photo question, and files the kept picture", async () => {
    const citizen = await service.citizenAtPhotoQuestion();
    await citizen.sendDocument("IMG_0042.JPG", "image/jpeg", JPEG_BYTES);
    expect(citizen.text).toContain("收到第 1 张照片");
    await citizen.tap("照片发完了");
    await citizen.tap("匿名反映");
    expect(citizen.text).toContain("【照片】1 张");
    await citizen.tap("提交");

    const [filed] = await citizen.cases();
    const [attachment, ...more] = await service.db.attachment.findMany({
      where: { caseId: filed!.id },
    });
    expect(more).toEqual([]);
    // The service's own file, not the document's file id that sendPhoto would refuse.
    expect(attachment).toMatchObject({ mimeType: "image/jpeg", storagePath: expect.any(String) });
    const kept = await service.db.webUpload.findUniqueOrThrow({
      where: { id: attachment!.fileId },
    });
    expect(kept).toMatchObject({ sessionId: `telegram:${citizen.id}`, size: JPEG_BYTES.length });
  });

  it("takes the words under a first picture sent as a file as the matter, keeping it", async () => {
    const citizen = service.citizen();
    await citizen.sendDocument(
      "IMG_0107.HEIC",
      "image/heic",
      HEIC_BYTES,
      "项城市人民路和七一路口的井盖没了，晚上很危险",
    );
    expect(citizen.text).toContain("您说的是：“项城市人民路和七一路口的井盖没了");
    await citizen.tap("是，开始反映");
    expect((await citizen.dialogue())?.draft?.photos).toHaveLength(1);
  });

  it("takes a PNG screenshot sent as a file at the description with its words", async () => {
    const citizen = service.citizen();
    await citizen.command("/new");
    await citizen.sendDocument(
      "Screenshot_20261128.png",
      "image/png",
      PNG_BYTES,
      "项城市光明路上的下水道堵了一个星期了，污水往外冒",
    );
    expect(citizen.text).toContain("【市政市容】");
    const draft = (await citizen.dialogue())?.draft;
    expect(draft?.description).toBe("项城市光明路上的下水道堵了一个星期了，污水往外冒");
    expect(draft?.photos).toHaveLength(1);
  });

  it("answers a PDF, or a file that only claims to be a picture, with what can be sent", async () => {
    const citizen = await service.citizenAtPhotoQuestion();
    const before = await citizen.dialogue();
    for (const send of [
      () => citizen.sendDocument("投诉材料.pdf", "application/pdf", Buffer.from("%PDF-1.7")),
      () => citizen.sendDocument("photo.jpg", "image/jpeg", Buffer.from("not a picture")),
    ]) {
      await send();
      expect(citizen.text).toContain("这个文件我打不开");
      expect(citizen.text).toContain("当作文件发送的 JPG、PNG、HEIC 图片也可以");
      expect((await citizen.dialogue())?.draft).toEqual(before?.draft);
    }
  });

  it("takes the words under a PDF or a video as the citizen's, saying the file itself was not taken", async () => {
    const citizen = service.citizen();
    await citizen.sendDocument(
      "工资条.pdf",
      "application/pdf",
      Buffer.from("%PDF-1.7"),
      "城关镇建筑公司拖欠我们十几个人的工资半年了",
    );
    expect(citizen.text).toContain("这个文件我打不开，文件下面写的话收到了。");
    expect(citizen.text).toContain("您说的是：“城关镇建筑公司拖欠我们十几个人的工资半年了”");
    expect(citizen.buttons).toContain("是，开始反映");

    await citizen.command("/new");
    await citizen.say("项城市光明路的路灯坏了很久");
    await citizen.tap("对，就是这个");
    await citizen.fileAnywayIfOffered();
    expect(citizen.text).toContain("什么时候发生的");
    await citizen.sendVideo("三天前");
    expect(citizen.text).toContain("视频我暂时看不了，视频下面写的话收到了。");
    expect(citizen.text).toContain("有照片吗");
    expect((await citizen.dialogue())?.draft?.occurredAt).toMatchObject({ precision: "day" });
  });
});
