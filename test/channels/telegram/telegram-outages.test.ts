/**
 * When Telegram answers "429 Too Many Requests" or a 5xx error, the replies
 * are sent again: every reply arrives once, in the order the conversation
 * wrote them, and the conversation itself moves on only once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramService, type TelegramService } from "../../support/telegram-service.ts";

describe("Telegram refusing for a while", { timeout: 30_000 }, () => {
  let service: TelegramService;
  beforeAll(async () => {
    service = await startTelegramService();
  });
  afterAll(() => service.stop());

  const CONTACT_QUESTION = [
    expect.stringContaining("最后，请留下您的姓名和电话"),
    "📱 发送我的手机号",
  ];

  it("sends every reply, in order, through a burst of 429s", async () => {
    const citizen = await service.citizenAtPhotoQuestion();
    service.telegram.failNext("sendMessage", 3, { status: 429, retryAfter: 1 });
    await citizen.tap("没有照片");
    expect(citizen.replies.map((m) => m.text)).toEqual(CONTACT_QUESTION);
    expect((await citizen.dialogue())?.step).toBe("contact");
  });

  it("sends every reply, in order, after a 5xx error", async () => {
    const citizen = await service.citizenAtPhotoQuestion();
    service.telegram.failNext("sendMessage", 1, { status: 502 });
    await citizen.tap("没有照片");
    expect(citizen.replies.map((m) => m.text)).toEqual(CONTACT_QUESTION);
  });

  it("sends the rest, and nothing twice, when a burst outlasts the retries mid-answer", async () => {
    const citizen = await service.citizenAtPhotoQuestion();
    const { telegram } = service;
    const since = telegram.calls.length;
    const press = citizen.user.pressButton(citizen.replies[0]!.message_id, "d1:photos:done");
    await telegram.waitFor((call) => call.method === "sendMessage" && call.ok === true, { since });
    telegram.failNext("sendMessage", 10, { status: 429, retryAfter: 1 });
    await inboxRecordsFailure(String(press.update_id));
    telegram.clearFaults();
    // The update is tried again at its retry time.
    service.app.clock.advance(60_000);

    await citizen.act(press);
    expect(citizen.replies.map((m) => m.text)).toEqual(CONTACT_QUESTION);
    expect((await citizen.dialogue())?.step).toBe("contact");
  });

  async function inboxRecordsFailure(updateId: string): Promise<void> {
    await expect
      .poll(
        async () => {
          const row = await service.db.inboxUpdate.findUnique({
            where: { channel_updateId: { channel: "telegram", updateId } },
          });
          return row?.lastError;
        },
        { timeout: 15_000, interval: 50 },
      )
      .toContain("Too Many Requests");
  }
});
