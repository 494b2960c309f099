/**
 * Words typed under a photo are never lost, whatever the conversation asked. At a later
 * question the photo is kept and its words are the answer when they answer it ("就在人民路口" at
 * the place question); other words are added to the description the clerk reads, and the citizen
 * is told. Outside a draft, the photo goes with whatever its words start — also the question
 * whether the problem of an answered case is back (see photos-after-an-answer.test.ts for the
 * photo under words about the answer).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerCase } from "../../support/answered-case.ts";
import { startTelegramService, type TelegramService } from "../../support/telegram-service.ts";

describe("words under a photo", { timeout: 30_000 }, () => {
  let service: TelegramService;
  beforeAll(async () => {
    service = await startTelegramService();
  });
  afterAll(() => service.stop());

  async function atThePlaceQuestion() {
    const citizen = service.citizen();
    await citizen.command("/new");
    await citizen.say("小区门口的井盖没了，晚上看不见，很危险");
    await citizen.tap("对，就是这个");
    expect(citizen.text).toContain("这件事发生在哪里");
    return citizen;
  }

  /** A citizen whose filed case the unit has answered. */
  async function citizenWithAnsweredCase() {
    const citizen = await service.citizenAtPhotoQuestion();
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");
    await citizen.tap("提交");
    const no = /ZK-\d{8}-\d{4}/.exec(citizen.text)![0];
    await answerCase(service.app.app, no);
    return { citizen, no };
  }

  it("takes the words as the place at the place question, and keeps the photo", async () => {
    const citizen = await atThePlaceQuestion();
    await citizen.sendPhoto("manhole-1", "就在项城市人民路口");
    expect(citizen.text).toContain("照片收到了（共 1 张）");
    const draft = (await citizen.dialogue())?.draft;
    expect(draft?.address).toContain("人民路口");
    expect(draft?.photos).toEqual(await citizen.keptPhotos());
    expect(citizen.text).not.toContain("这件事发生在哪里");
  });

  it("adds words that answer nothing asked to the description, and says so", async () => {
    const citizen = await atThePlaceQuestion();
    await citizen.sendPhoto("manhole-2", "你们看看，都塌成这样了");
    expect(citizen.text).toContain("已经把这句话补充到您的描述里了");
    expect(citizen.text).toContain("这件事发生在哪里");
    const draft = (await citizen.dialogue())?.draft;
    expect(draft?.description).toBe(
      "小区门口的井盖没了，晚上看不见，很危险\n你们看看，都塌成这样了",
    );
    expect(draft?.photos).toEqual(await citizen.keptPhotos());
  });

  it("files the words added at the photo question with the description", async () => {
    const citizen = await service.citizenAtPhotoQuestion();
    await citizen.sendPhoto("lamp-1", "天一黑这一段路就全黑了");
    expect(citizen.text).toContain("已经把这句话补充到您的描述里了");
    expect(citizen.text).toContain("收到第 1 张照片");
    await citizen.tap("照片发完了");
    await citizen.tap("匿名反映");
    await citizen.tap("提交");

    const [filed] = await citizen.cases();
    expect(filed?.description).toBe("项城市光明路的路灯坏了很久\n天一黑这一段路就全黑了");
    const attachments = await service.db.attachment.findMany({ where: { caseId: filed!.id } });
    expect(attachments.map((a) => a.fileId)).toEqual(await citizen.keptPhotos());
  });

  it("keeps a photo under 路灯又坏了 with the new matter it starts after an answered case", async () => {
    const { citizen, no } = await citizenWithAnsweredCase();

    await citizen.sendPhoto("lamp-again", "路灯又坏了");
    expect(citizen.text).toContain(`是编号 ${no} 那件事没解决，还是要反映一件新的事？`);
    await citizen.tap("我要反映新问题");
    expect((await citizen.dialogue())?.draft?.photos).toEqual(await citizen.keptPhotos());
  });
});
