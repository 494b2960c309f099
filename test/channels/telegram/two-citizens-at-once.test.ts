/**
 * Two citizens writing at the same time each have their own draft: answers
 * never land in the other's draft, and each gets their own tracking number.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS } from "../../support/databases.ts";
import { startTelegramService, type TelegramService } from "../../support/telegram-service.ts";

describe.each(PROVIDERS)("two citizens at once (%s)", { timeout: 30_000 }, (provider) => {
  let service: TelegramService;
  beforeAll(async () => {
    service = await startTelegramService({ provider });
  });
  afterAll(() => service.stop());

  it("keeps their drafts apart, turn by turn and when their messages arrive together", async () => {
    const zhang = service.citizen("张秀英");
    const wang = service.citizen("王建国");

    await zhang.command("/new");
    await wang.command("/new");
    await zhang.say("川汇区七一路的路灯坏了很久了");
    await wang.say("公司拖欠我三个月工资不给");
    expect(zhang.text).toContain("【市政市容】");
    expect(wang.text).toContain("【人社劳动】");
    await wang.tap("对，就是这个");
    await zhang.tap("对，就是这个");

    // Both messages are sent before either is answered, so the two chats are handled side by side.
    const zhangTime = zhang.user.sendText("前天下午");
    const wangPlace = wang.user.sendText("扶沟县建设路88号");
    await Promise.all([zhang.act(zhangTime), wang.act(wangPlace)]);
    expect(zhang.text).toContain("有照片吗");
    expect(wang.text).toContain("这件事是什么时候发生的");

    const zhangPhoto = zhang.user.sendPhoto("zhang-photo");
    const wangTime = wang.user.sendText("上个月");
    await Promise.all([zhang.act(zhangPhoto), wang.act(wangTime)]);
    await Promise.all([zhang.tap("照片发完了"), wang.tap("没有照片")]);
    await Promise.all([zhang.say("张秀英 13812345678"), wang.tap("匿名反映")]);
    expect(zhang.text).toContain("【联系方式】张秀英，13812345678");
    expect(wang.text).toContain("【联系方式】匿名");
    await Promise.all([zhang.tap("提交"), wang.tap("提交")]);

    const [zhangCase] = await zhang.cases();
    const [wangCase] = await wang.cases();
    expect(zhangCase).toMatchObject({
      description: "川汇区七一路的路灯坏了很久了",
      categoryCode: "municipal",
      regionCode: "chuanhui",
      occurredText: "前天下午",
      contactPhone: "13812345678",
    });
    expect(wangCase).toMatchObject({
      description: "公司拖欠我三个月工资不给",
      categoryCode: "labor",
      regionCode: "fugou",
      address: "扶沟县建设路88号",
      occurredText: "上个月",
      anonymous: true,
    });
    expect(zhangCase?.trackingNo).not.toBe(wangCase?.trackingNo);
    expect(zhang.text).toContain(zhangCase!.trackingNo);
    expect(wang.text).toContain(wangCase!.trackingNo);

    const attachments = await service.db.attachment.findMany();
    expect(attachments.map((a) => [a.caseId, a.fileId])).toEqual([
      [zhangCase!.id, ...(await zhang.keptPhotos())],
    ]);
  });
});
