/**
 * The Telegram sender reports where a staff card went, so that later decisions can edit it;
 * failing to remember a card never fails (and so never repeats) the delivery.
 */
import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRateLimiter } from "../../src/notifications/rate-limiter.ts";
import type { RenderedCard } from "../../src/notifications/sender.ts";
import { createTelegramSender, type SentCard } from "../../src/notifications/telegram-sender.ts";
import { startFakeTelegram, type FakeTelegram } from "../support/fake-telegram.ts";
import { quietLogger } from "./helpers.ts";

let fake: FakeTelegram;
beforeAll(async () => {
  fake = await startFakeTelegram();
});
afterAll(() => fake.close());

/** No spacing between messages to a group: these tests are not about the limits. */
const limiter = () =>
  createRateLimiter({
    clock: { now: () => new Date() },
    limits: { perChatIntervalMs: 0, groupChatIntervalMs: 0 },
  });

const CARD: RenderedCard = { trackingNo: "ZK-20261128-0001", kind: "unit", unitId: "u1" };

describe("the Telegram sender's cards", () => {
  it("reports the chat and message id of each card it delivers, and nothing for plain messages", async () => {
    const chat = fake.groupUser(-100800, 77).chat.id;
    const reported: [RenderedCard, SentCard][] = [];
    const sender = createTelegramSender({
      api: new Api(fake.token, { apiRoot: fake.apiRoot }),
      limiter: limiter(),
      onCardSent: async (card, sent) => void reported.push([card, sent]),
    });

    await sender.send(String(chat), [
      { text: "【新交办】" },
      {
        text: "【交办】",
        buttons: [[{ label: "开始办理", data: "k:st:ZK-20261128-0001" }]],
        card: CARD,
      },
    ]);

    const [notice, card] = fake.sentMessages(chat);
    expect(notice!.text).toBe("【新交办】");
    expect(reported).toEqual([[CARD, { chatId: String(chat), messageId: card!.message_id }]]);
  });

  it("still counts the card as delivered when it cannot be remembered, and logs why", async () => {
    const chat = fake.groupUser(-100801, 77).chat.id;
    const logs: string[] = [];
    const sender = createTelegramSender({
      api: new Api(fake.token, { apiRoot: fake.apiRoot }),
      limiter: limiter(),
      onCardSent: () => Promise.reject(new Error("database down")),
      logger: quietLogger(logs),
    });

    await sender.send(String(chat), [{ text: "【交办】", card: CARD }, { text: "after" }]);

    expect(fake.sentMessages(chat).map((m) => m.text)).toEqual(["【交办】", "after"]);
    expect(logs.join("")).toContain("sent card could not be remembered");
  });
});
