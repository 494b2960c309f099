/**
 * A photo a citizen sends after their case was answered is never dropped without a word. Under
 * words that rate the answer ("还是没修"), or that say what was not solved, it is kept with that
 * rating as evidence, and the clerk opens it in the console beside the rating's reason. Under a
 * status question or thanks, the words are answered as ever and the citizen is told plainly that
 * the photo was not kept, and how to report a new problem with it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClerk } from "../../console/console-world.ts";
import { answerCase } from "../../support/answered-case.ts";
import { startTelegramService, type TelegramService } from "../../support/telegram-service.ts";

describe("photos sent after an answer", { timeout: 30_000 }, () => {
  let service: TelegramService;
  beforeAll(async () => {
    service = await startTelegramService();
  });
  afterAll(() => service.stop());

  /** A citizen whose filed case (no photos) the unit has answered. */
  async function citizenWithAnsweredCase() {
    const citizen = await service.citizenAtPhotoQuestion();
    for (const answer of ["没有照片", "匿名反映", "提交"]) await citizen.tap(answer);
    const no = /ZK-\d{8}-\d{4}/.exec(citizen.text)![0];
    await answerCase(service.app.app, no);
    return { citizen, no };
  }

  function attachmentsOf(trackingNo: string) {
    return service.db.attachment.findMany({
      where: { case: { trackingNo } },
      orderBy: { createdAt: "asc" },
    });
  }

  it("keeps a photo under 还是没修 with the rating 未解决, and the clerk opens it", async () => {
    const { citizen, no } = await citizenWithAnsweredCase();

    await citizen.sendPhoto("lamp-dark", "还是没修");
    expect(citizen.text).toContain(`要把诉求 ${no} 的答复评为「未解决，不满意」吗？`);
    await citizen.tap("是，就这样评价");
    expect(citizen.text).toContain("1 张照片已经跟您的评价一起保存，工作人员看得到。");
    expect(citizen.text).toContain(`说说`);

    const [kept] = await citizen.keptPhotos();
    const [attached] = await attachmentsOf(no);
    expect(attached).toMatchObject({ fileId: kept, ratingStage: 0, mimeType: "image/jpeg" });
    const clerk = await signedInClerk(service.db, service.app.url);
    const detail = await clerk.get(`/api/cases/${no}`);
    expect(detail.json.photoRefs).toEqual([
      { id: attached!.id, mimeType: "image/jpeg", stored: true, ratingStage: 0 },
    ]);
    const opened = await fetch(`${service.app.url}/api/cases/${no}/photos/${attached!.id}`, {
      headers: { cookie: clerk.cookieHeader() },
    });
    expect(opened.status).toBe(200);
    expect(opened.headers.get("content-type")).toBe("image/jpeg");
  });

  it("keeps a photo under the reason for 未解决 with the rating and its reason", async () => {
    const { citizen, no } = await citizenWithAnsweredCase();
    await citizen.say("没解决，不满意");
    await citizen.tap("是，就这样评价");

    await citizen.sendPhoto("lamp-still-dark", "晚上去看了，灯还是不亮");
    expect(citizen.text).toContain("1 张照片已经跟您的评价一起保存");
    expect(citizen.text).toContain("已记录您的意见，谢谢。");
    const rating = await service.db.rating.findFirstOrThrow({
      where: { case: { trackingNo: no } },
    });
    expect(rating).toMatchObject({ solved: false, reason: "晚上去看了，灯还是不亮" });
    expect((await attachmentsOf(no)).map((a) => [a.fileId, a.ratingStage])).toEqual([
      [(await citizen.keptPhotos())[0], 0],
    ]);
  });

  it("keeps a photo sent without words while the reason is asked, and asks again", async () => {
    const { citizen, no } = await citizenWithAnsweredCase();
    await citizen.say("还是没人来修");
    await citizen.tap("是，就这样评价");

    await citizen.sendPhoto("lamp-no-words");
    expect(citizen.text).toContain("1 张照片已经跟您的评价一起保存");
    expect(citizen.text).toContain(`说说`);
    expect(await attachmentsOf(no)).toHaveLength(1);
  });

  it("keeps the photo under 路灯又坏了 with the rating when it is the old case", async () => {
    const { citizen, no } = await citizenWithAnsweredCase();

    await citizen.sendPhoto("lamp-again", "路灯又坏了");
    await citizen.tap("那件事没解决");
    expect(citizen.text).toContain("「未解决，不满意」");
    await citizen.tap("是，就这样评价");
    expect(citizen.text).toContain("1 张照片已经跟您的评价一起保存");
    expect((await attachmentsOf(no)).map((a) => a.ratingStage)).toEqual([0]);
  });

  it("answers a status question under a photo and says the photo was not kept", async () => {
    const { citizen, no } = await citizenWithAnsweredCase();

    await citizen.sendPhoto("lamp-status", "我的事办得咋样了");
    expect(citizen.text).toContain(no);
    expect(citizen.text).toContain("这张照片没有保存。要反映新问题，请点“我要反映问题”");
    expect(await attachmentsOf(no)).toEqual([]);
  });

  it("answers thanks under a photo and says the photo was not kept", async () => {
    const { citizen, no } = await citizenWithAnsweredCase();
    await citizen.say("修好了，满意");
    await citizen.tap("是，就这样评价");

    await citizen.sendPhoto("lamp-fixed", "谢谢");
    // The answer was rated: thanks are thanks, no rating is asked for again.
    expect(citizen.text).toContain("不客气，有需要随时找我们。");
    expect(citizen.text).toContain("这张照片没有保存");
    expect(await attachmentsOf(no)).toEqual([]);
  });

  it("says the photo was not kept when the citizen declines the rating its words offered", async () => {
    const { citizen, no } = await citizenWithAnsweredCase();

    await citizen.sendPhoto("lamp-declined", "还是没修");
    await citizen.tap("不评价");
    expect(citizen.text).toContain("这张照片没有保存");
    expect(await attachmentsOf(no)).toEqual([]);
  });
});
