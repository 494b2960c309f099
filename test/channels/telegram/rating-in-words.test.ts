/**
 * A Telegram citizen rates an answer by writing "基本满意吧" instead of tapping the buttons
 * under it: the rating offered is stored on a tap of "是，就这样评价", through the case's rate
 * action as those buttons store it. (The case's notices reach the chat meanwhile, in between.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerCase } from "../../support/answered-case.ts";
import type { TelegramCitizen } from "../../support/telegram-citizen.ts";
import { startTelegramService, type TelegramService } from "../../support/telegram-service.ts";

describe("rating an answer in words on Telegram", { timeout: 30_000 }, () => {
  let service: TelegramService;
  let citizen: TelegramCitizen;
  let no: string;

  beforeAll(async () => {
    service = await startTelegramService();
    citizen = service.citizen();
    await citizen.reachPhotoQuestion();
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");
    await citizen.tap("提交");
    no = /ZK-\d{8}-\d{4}/.exec(citizen.text)![0];
    await answerCase(service.app.app, no);
  });
  afterAll(() => service.stop());

  it("offers 基本满意吧 as 已解决，基本满意 and stores it on the tap of yes", async () => {
    await citizen.say("基本满意吧");
    expect(citizen.text).toContain(`要把诉求 ${no} 的答复评为「已解决，基本满意」吗？`);
    expect(citizen.buttons).toEqual(expect.arrayContaining(["是，就这样评价", "不评价"]));
    await citizen.tap("是，就这样评价");
    expect(citizen.text).toContain(`谢谢您的评价（编号 ${no}）。`);
    expect(await service.app.app.db.rating.findFirstOrThrow()).toMatchObject({
      solved: true,
      satisfaction: "basically_satisfied",
    });
  });
});
