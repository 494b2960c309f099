/**
 * Whatever arrives — blank text, a wall of text, only emoji, a sticker, a
 * voice message, a wrong phone number, an unknown command, a button of an
 * old message — the citizen is told clearly what to do, and the draft stays
 * exactly as it was.
 */
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TelegramCitizen } from "../../support/telegram-citizen.ts";
import { startTelegramService, type TelegramService } from "../../support/telegram-service.ts";

describe("bad input", { timeout: 30_000 }, () => {
  let service: TelegramService;
  beforeAll(async () => {
    service = await startTelegramService();
  });
  afterAll(() => service.stop());

  const atTheDescription: [string, (citizen: TelegramCitizen) => Promise<Update>, string][] = [
    ["blank text", (c) => c.say("   \n  "), "没有收到文字"],
    [
      "10,000 characters",
      (c) => c.say("路灯".repeat(5000)),
      "您写的有 10000 个字，一次最多 2000 个字，所以没有记下",
    ],
    ["only emoji", (c) => c.say("😡😡😡👎"), "只看到了符号或表情"],
    ["a sticker", (c) => c.sendSticker(), "请用文字告诉我是什么事"],
    ["an unreadable voice message", (c) => c.sendVoice(), "这段语音打不开"],
    ["an unknown command", (c) => c.command("/foo"), "“/foo”这个命令我不认识"],
    [
      "a neighbour's contact card",
      (c) => c.shareContactOf("13912345678", "李秀英"),
      "收到一张名片，这一步先不记",
    ],
  ];
  for (const [what, send, answer] of atTheDescription) {
    it(`answers ${what} at the description, keeping the draft`, async () => {
      const citizen = service.citizen();
      await citizen.command("/new");
      const before = await citizen.dialogue();
      await send(citizen);
      expect(citizen.text).toContain(answer);
      const after = await citizen.dialogue();
      expect(after?.step).toBe("description");
      expect(after?.draft).toEqual(before?.draft);
    });
  }

  async function atTheContactQuestion(): Promise<TelegramCitizen> {
    const citizen = service.citizen();
    await citizen.command("/new");
    await citizen.say("商水县某工地拖欠农民工工资");
    await citizen.tap("对，就是这个");
    await citizen.tap("跳过");
    await citizen.tap("不记得了");
    await citizen.tap("没有照片");
    expect(citizen.text).toContain("请留下您的姓名和电话");
    return citizen;
  }

  it("explains a malformed phone number, typed or shared, and keeps the buttons", async () => {
    const citizen = await atTheContactQuestion();
    const before = await citizen.dialogue();
    for (const send of [
      () => citizen.say("张三 1381234567"),
      () => citizen.shareContact("12345"),
    ]) {
      await send();
      expect(citizen.text).toContain("这个电话号码好像不对");
      expect(citizen.buttons).toContain("匿名反映");
      expect(service.telegram.replyKeyboard(citizen.id)).toBeDefined();
      expect((await citizen.dialogue())?.draft).toEqual(before?.draft);
    }
  });

  it("says a button of an old message can no longer be used, and asks the current question", async () => {
    const citizen = service.citizen();
    await citizen.command("/new");
    await citizen.say("小区电梯天天坏");
    const [categoryQuestion] = citizen.replies;
    await citizen.tap("对，就是这个");
    const before = await citizen.dialogue();

    await citizen.tapIn(categoryQuestion!, "不对，我自己选");
    expect(citizen.text).toContain("这个按钮是之前消息里的，已经不能用了");
    expect(citizen.text).toContain("这件事发生在哪里");
    const after = await citizen.dialogue();
    expect(after?.step).toBe(before?.step);
    expect(after?.draft).toEqual(before?.draft);
  });

  it("after all of it, files exactly what the citizen meant", async () => {
    const citizen = service.citizen();
    await citizen.command("/start");
    const [welcome] = citizen.replies;
    await citizen.tap("我要反映问题");
    await citizen.say(" ");
    await citizen.sendSticker();
    await citizen.say("商水县某工地拖欠农民工工资");
    await citizen.say("🙏🙏");
    await citizen.tap("对，就是这个");
    await citizen.tap("跳过");
    await citizen.sendVoice();
    await citizen.say("那天正下雨");
    expect(citizen.text).toContain("没看懂这个时间");
    await citizen.say("上个月");
    await citizen.command("/whatever");
    await citizen.tap("没有照片");
    await citizen.say("张三 1381234567");
    await citizen.say("张三 13812345678");
    await citizen.tapIn(welcome!, "我要反映问题");
    expect(citizen.text).toContain("您有一件事还没填完");
    await citizen.tap("提交");

    const cases = await citizen.cases();
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({
      description: "商水县某工地拖欠农民工工资",
      categoryCode: "labor",
      regionCode: "shangshui",
      occurredText: "上个月",
      contactName: "张三",
      contactPhone: "13812345678",
    });
    expect(await service.db.attachment.count({ where: { caseId: cases[0]!.id } })).toBe(0);
  });
});
