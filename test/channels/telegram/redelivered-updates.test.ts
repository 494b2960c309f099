/**
 * Telegram delivers an update again when it did not see it confirmed. A
 * redelivered update is handled once: the citizen gets one answer, and a
 * redelivered press of "提交" files no second case.
 */
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS } from "../../support/databases.ts";
import type { TelegramCitizen } from "../../support/telegram-citizen.ts";
import { startTelegramService, type TelegramService } from "../../support/telegram-service.ts";

describe.each(PROVIDERS)("a redelivered update (%s)", { timeout: 30_000 }, (provider) => {
  let service: TelegramService;
  beforeAll(async () => {
    service = await startTelegramService({ provider });
  });
  afterAll(() => service.stop());

  /**
   * Redelivers `update`, then sends /help: a chat's updates are handled in
   * order, so whatever the redelivery caused was sent before the help text.
   * Returns the texts the bot sent from the redelivery up to the help text.
   */
  async function redeliver(citizen: TelegramCitizen, update: Update): Promise<string[]> {
    const { telegram } = service;
    telegram.redeliver(update);
    await citizen.command("/help");
    const handedOut = telegram
      .callsOf("getUpdates")
      .filter((call) =>
        (call.result as Update[] | undefined)?.some((u) => u.update_id === update.update_id),
      );
    expect(handedOut).toHaveLength(2);
    const texts = citizen.replies.map((m) => m.text ?? "");
    const help = texts.findIndex((text) => text.startsWith("怎么用"));
    return help === -1 ? texts : texts.slice(0, help);
  }

  async function reachSummary(citizen: TelegramCitizen): Promise<void> {
    await citizen.command("/new");
    await citizen.say("项城市光明路的路灯坏了很久");
    await citizen.tap("对，就是这个");
    await citizen.fileAnywayIfOffered();
    await citizen.tap("不记得了");
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");
    expect(citizen.text).toContain("请看一下，内容对不对");
  }

  it("answers a redelivered message once", async () => {
    const citizen = service.citizen();
    await citizen.command("/new");
    const description = await citizen.say("小区电梯坏了很久没人修");
    expect(citizen.text).toContain("【住房城建】");
    const before = await citizen.dialogue();

    expect(await redeliver(citizen, description)).toEqual([]);
    expect((await citizen.dialogue())?.draft).toEqual(before?.draft);
  });

  it("files no second case when the press of 提交 is redelivered", async () => {
    const citizen = service.citizen();
    await reachSummary(citizen);
    const press = await citizen.tap("提交");
    expect(citizen.text).toMatch(/您的编号是：ZK-20261128-\d{4}/);

    expect(await redeliver(citizen, press)).toEqual([]);
    expect(await citizen.cases()).toHaveLength(1);
  });

  it("files no second case even when the inbox no longer remembers the press", async () => {
    const citizen = service.citizen();
    await reachSummary(citizen);
    const press = await citizen.tap("提交");
    const receipt = citizen.text;
    await service.db.inboxUpdate.delete({
      where: { channel_updateId: { channel: "telegram", updateId: String(press.update_id) } },
    });

    await citizen.act(service.telegram.redeliver(press));
    // The conversation remembers its last turn: the same receipt, not a second registration.
    expect(citizen.text).toBe(receipt);
    expect(await citizen.cases()).toHaveLength(1);
  });

  it("tells a citizen who presses 提交 a second time that it was already submitted", async () => {
    const citizen = service.citizen();
    await reachSummary(citizen);
    const [card] = citizen.replies;
    await citizen.tap("提交");
    const [stored] = await citizen.cases();

    await citizen.tapIn(card!, "提交");
    expect(citizen.text).toContain(`这件事已经提交过了，编号是 ${stored!.trackingNo}`);
    expect(await citizen.cases()).toHaveLength(1);
  });
});
