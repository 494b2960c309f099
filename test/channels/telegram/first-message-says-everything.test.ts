/**
 * A citizen who says what, where and when in the first message is asked only
 * what is still missing: the category is confirmed, then photos and contact.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramService, type TelegramService } from "../../support/telegram-service.ts";

describe("a first message that says everything", { timeout: 30_000 }, () => {
  let service: TelegramService;
  beforeAll(async () => {
    service = await startTelegramService();
  });
  afterAll(() => service.stop());

  it("is offered as a complaint, and neither the place nor the time is asked", async () => {
    const citizen = service.citizen();
    await citizen.say("扶沟县城关镇李庄村，昨天晚上8点有人在村口烧垃圾，烟很大，呛得人睡不着");
    expect(citizen.text).toContain("要把这件事作为一条新的反映吗");
    await citizen.tap("是，开始反映");
    expect(citizen.text).toContain("【生态环境】");
    await citizen.tap("对，就是这个");
    expect(citizen.text).toContain("有照片吗");
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");
    expect(citizen.text).toContain("【地点】扶沟县");
    expect(citizen.text).toContain("【时间】2026年11月27日 20:00（昨天晚上8点）");
    await citizen.tap("提交");
    expect(citizen.text).toMatch(/您的编号是：ZK-20261128-\d{4}/);

    const asked = service.telegram
      .sentMessages(citizen.id)
      .map((m) => m.text ?? "")
      .join("\n");
    expect(asked).not.toContain("这件事发生在哪里");
    expect(asked).not.toContain("这个地址在哪个县区");
    expect(asked).not.toContain("这件事是什么时候发生的");

    const [stored] = await citizen.cases();
    expect(stored).toMatchObject({
      description: "扶沟县城关镇李庄村，昨天晚上8点有人在村口烧垃圾，烟很大，呛得人睡不着",
      categoryCode: "environment",
      regionCode: "fugou",
      occurredText: "昨天晚上8点",
      anonymous: true,
      contactPhone: null,
    });
    expect(stored?.occurredAt?.toISOString()).toBe("2026-11-27T12:00:00.000Z");
  });

  it("is taken as the description at once after /new, with the same questions skipped", async () => {
    const citizen = service.citizen();
    await citizen.command("/new");
    await citizen.say("项城市光明路和交通路口的路灯前天晚上就不亮了，一片漆黑");
    expect(citizen.text).toContain("【市政市容】");
    await citizen.tap("对，就是这个");
    expect(citizen.text).toContain("有照片吗");
    const state = await citizen.dialogue();
    expect(state?.step).toBe("photos");
    expect(state?.draft?.region).toEqual({ code: "xiangcheng", source: "description", town: null });
    expect(state?.draft?.occurredAt).toMatchObject({ date: "2026-11-26", text: "前天晚上" });
  });

  it("takes how long it has lasted as the time: 堵了一个星期了 is not asked again", async () => {
    const citizen = service.citizen();
    await citizen.command("/new");
    await citizen.say("项城市光明路上的下水道堵了一个星期了，污水往外冒");
    await citizen.tap("对，就是这个");
    expect(citizen.text).toContain("有照片吗");
    expect(citizen.text).not.toContain("这件事是什么时候发生的");
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");
    expect(citizen.text).toContain("【时间】一个星期了（约 2026年11月21日）");
    const state = await citizen.dialogue();
    expect(state?.draft?.occurredAt).toMatchObject({
      date: "2026-11-21",
      text: "一个星期了",
      approximate: true,
    });
  });

  it("shows a time said to its year as that year, not as a day the citizen never said", async () => {
    const citizen = service.citizen();
    await citizen.command("/new");
    await citizen.say("项城市光明路上的下水道去年就堵了，污水往外冒");
    await citizen.tap("对，就是这个");
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");
    expect(citizen.text).toContain("【时间】去年（约 2025年）\n");
    const state = await citizen.dialogue();
    expect(state?.draft?.occurredAt).toMatchObject({ text: "去年", precision: "year" });
  });

  it("takes the words under a first photo as the matter, and files the photo with them", async () => {
    const citizen = service.citizen();
    await citizen.sendPhoto(
      "burning-1",
      "商水县城关乡王庄村口天天有人烧垃圾，烟很大，呛得人睡不着",
    );
    expect(citizen.text).toContain("您说的是：“商水县城关乡王庄村口天天有人烧垃圾");
    // Category, time (天天 is no day), photos (the one already sent), contact: the summary.
    for (const answer of ["是，开始反映", "对，就是这个", "不记得了", "照片发完了", "匿名反映"]) {
      await citizen.tap(answer);
    }
    expect(citizen.text).toContain("【照片】1 张");
    await citizen.tap("提交");

    const stored = await service.db.case.findFirstOrThrow({
      where: { identity: { channel: "telegram", externalId: String(citizen.id) } },
      include: { attachments: true },
    });
    expect(stored.description).toBe("商水县城关乡王庄村口天天有人烧垃圾，烟很大，呛得人睡不着");
    expect(stored.attachments.map((a) => a.fileId)).toEqual(await citizen.keptPhotos());
  });

  it("takes the words under a photo sent at the description, keeping the photo", async () => {
    const citizen = service.citizen();
    await citizen.command("/new");
    await citizen.sendPhoto("drain-1", "项城市光明路上的下水道堵了一个星期了，污水往外冒");
    expect(citizen.text).toContain("【市政市容】");
    await citizen.tap("对，就是这个");
    expect(citizen.text).toContain("已经收到 1 张照片");
    const draft = (await citizen.dialogue())?.draft;
    expect(draft?.description).toBe("项城市光明路上的下水道堵了一个星期了，污水往外冒");
    expect(draft?.photos).toEqual(await citizen.keptPhotos());
  });
});
