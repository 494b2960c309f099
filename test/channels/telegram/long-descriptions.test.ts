/**
 * A story longer than one Telegram message: the citizen's app splits a text over 4,096
 * characters into messages sent one after another. The first part is over the 2,000-character
 * description limit and is refused, saying what to do; the parts after it are the same
 * message and are never taken as the description on their own. A text that comes later is
 * the citizen's next message, taken as ever.
 */
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { retryDelayMs } from "../../../src/channels/inbox-processor.ts";
import { attemptFailed } from "../../support/inbox.ts";
import type { TelegramCitizen } from "../../support/telegram-citizen.ts";
import { startTelegramService, type TelegramService } from "../../support/telegram-service.ts";

/** Telegram's limit of one message, in UTF-16 code units (a Han character is one). */
const TELEGRAM_TEXT_LIMIT = 4096;
const STORY = "小区门口的路灯坏了一个星期了，晚上很黑，老人孩子出门都不方便。";

describe("a long description on Telegram", { timeout: 60_000 }, () => {
  let service: TelegramService;
  beforeAll(async () => {
    service = await startTelegramService();
  });
  afterAll(() => service.stop());

  /** A citizen at the description question. */
  async function atDescription(): Promise<TelegramCitizen> {
    const citizen = service.citizen();
    await citizen.command("/start");
    await citizen.tap("我要反映问题");
    return citizen;
  }

  /** A text message of the citizen's sent at `date` (seconds), as Telegram dates it. */
  function textAt(citizen: TelegramCitizen, text: string, date: number): Update {
    const { user, chat } = citizen.user;
    return service.telegram.queueUpdate({
      message: { message_id: date, date, chat, from: user, text } as Update["message"] & {},
    });
  }

  it("refuses the split message once, as a whole, and takes no part of it as the description", async () => {
    const citizen = await atDescription();
    const first = STORY.repeat(200).slice(0, TELEGRAM_TEXT_LIMIT);
    const sentAt = Math.floor(Date.now() / 1000);
    await citizen.act(textAt(citizen, first, sentAt));
    expect(citizen.text).toContain(`您写的有 ${TELEGRAM_TEXT_LIMIT} 个字，一次最多 2000 个字`);
    expect(citizen.text).toContain(
      "请挑最要紧的（什么问题、在哪里、多久了）在 2000 字以内重新发一条",
    );

    await citizen.act(textAt(citizen, "而且物业一直说没人管，打电话也没人接。", sentAt + 1));
    expect(citizen.replies).toEqual([]);
    expect((await citizen.dialogue())?.draft?.description ?? null).toBeNull();

    // The heart of it, sent again, is the description.
    await citizen.act(textAt(citizen, STORY, sentAt + 40));
    expect(citizen.text).toContain("对吗");
    expect((await citizen.dialogue())?.draft?.description).toBe(STORY);
  });

  it("refuses the first part when its turn is tried again after Telegram failed: a part never continues itself", async () => {
    const citizen = await atDescription();
    const { telegram, db, app } = service;
    telegram.failChat(citizen.id, { dropConnection: true });
    const sentAt = Math.floor(Date.now() / 1000);
    const first = textAt(citizen, STORY.repeat(200).slice(0, TELEGRAM_TEXT_LIMIT), sentAt);
    await attemptFailed(db, app.clock, "telegram", String(first.update_id));
    telegram.failChat(citizen.id, null);
    app.clock.advance(retryDelayMs(1) + 1000);

    await citizen.act(first);
    expect(citizen.text).toContain(`您写的有 ${TELEGRAM_TEXT_LIMIT} 个字，一次最多 2000 个字`);
  });

  it("takes a text after a long one as the next message when it comes later than the app's next part would", async () => {
    const citizen = await atDescription();
    const sentAt = Math.floor(Date.now() / 1000);
    await citizen.act(textAt(citizen, STORY.repeat(200).slice(0, TELEGRAM_TEXT_LIMIT), sentAt));
    await citizen.act(textAt(citizen, STORY, sentAt + 30));
    expect(citizen.text).toContain("对吗");
  });
});
