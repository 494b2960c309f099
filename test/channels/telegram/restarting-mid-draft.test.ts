/**
 * The draft lives in the database, not in the process: after a restart the
 * citizen goes on where they were, and what they sent while the service was
 * down is answered once it is back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS } from "../../support/databases.ts";
import { startTelegramService, type TelegramService } from "../../support/telegram-service.ts";

describe.each(PROVIDERS)(
  "restarting in the middle of a draft (%s)",
  { timeout: 30_000 },
  (provider) => {
    let service: TelegramService;
    beforeAll(async () => {
      service = await startTelegramService({ provider });
    });
    afterAll(() => service.stop());

    it("lets the citizen continue where they were and submit", async () => {
      const citizen = service.citizen();
      await citizen.command("/new");
      await citizen.say("公司拖欠我三个月工资不给");
      await citizen.tap("对，就是这个");
      expect(citizen.text).toContain("是哪个单位或工地？在哪里？");

      await service.stopApp();
      const sentWhileDown = citizen.user.sendText("建设路88号");
      await service.startAgain();
      await citizen.act(sentWhileDown);
      expect(citizen.text).toContain("这个地址在哪个县区");

      await citizen.tap("扶沟县");
      await citizen.say("上个月");
      await citizen.tap("没有照片");
      await citizen.say("王大爷 13612345678");
      expect(citizen.text).toContain("【什么事】公司拖欠我三个月工资不给");
      await citizen.tap("提交");
      expect(citizen.text).toMatch(/您的编号是：ZK-20261128-\d{4}/);

      const questions = service.telegram
        .sentMessages(citizen.id)
        .map((m) => m.text ?? "")
        .filter((text) => text.includes("是哪个单位或工地？在哪里？"));
      expect(questions).toHaveLength(1);
      const cases = await citizen.cases();
      expect(cases).toHaveLength(1);
      expect(cases[0]).toMatchObject({
        description: "公司拖欠我三个月工资不给",
        categoryCode: "labor",
        address: "建设路88号",
        regionCode: "fugou",
        contactName: "王大爷",
      });
    });
  },
);
