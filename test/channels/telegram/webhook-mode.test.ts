/**
 * In webhook mode Telegram POSTs each update to the service. Only a request
 * with the secret header is taken; an update is stored in the inbox before
 * the 200 goes back (Telegram forgets it after the 200), and a redelivered
 * update is handled once. A citizen's button press is answered in the 200 itself.
 */
import type { Update } from "grammy/types";
import { freePort } from "../../support/service-process.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handled, type TelegramCitizen } from "../../support/telegram-citizen.ts";
import { startTelegramService, type TelegramService } from "../../support/telegram-service.ts";

const SECRET = "webhook_secret_0123456789";

describe("webhook mode", { timeout: 30_000 }, () => {
  let service: TelegramService;
  let webhookUrl: string;
  beforeAll(async () => {
    const port = await freePort();
    webhookUrl = `http://127.0.0.1:${port}/telegram/webhook`;
    service = await startTelegramService({
      env: {
        PORT: String(port),
        TELEGRAM_WEBHOOK_URL: webhookUrl,
        TELEGRAM_WEBHOOK_SECRET: SECRET,
      },
      // The fake gives up on a POST after 2 s by default; a loaded test machine can take that
      // long for a delivery's one insert, and a delivery timed out then says nothing of the service.
      fake: { webhookTimeoutMs: 10_000 },
    });
  });
  afterAll(() => service.stop());

  function post(update: Update, headers: Record<string, string>): Promise<Response> {
    return fetch(webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(update),
    });
  }

  function textUpdate(citizen: TelegramCitizen, updateId: number, text: string): Update {
    const date = Math.floor(Date.now() / 1000);
    return {
      update_id: updateId,
      message: {
        message_id: updateId,
        date,
        chat: { id: citizen.id, type: "private", first_name: "张秀英" },
        from: { id: citizen.id, is_bot: false, first_name: "张秀英" },
        text,
      },
    };
  }

  function inboxRow(updateId: number) {
    return service.db.inboxUpdate.findUnique({
      where: { channel_updateId: { channel: "telegram", updateId: String(updateId) } },
    });
  }

  it("registers the webhook with its secret and does not poll", () => {
    const [setWebhook] = service.telegram.callsOf("setWebhook");
    expect(setWebhook?.params).toMatchObject({ url: webhookUrl, secret_token: SECRET });
    expect(service.telegram.callsOf("getUpdates")).toEqual([]);
  });

  it("carries a whole conversation through webhook deliveries", async () => {
    const citizen = service.citizen();
    await citizen.command("/start");
    await citizen.tap("我要反映问题");
    await citizen.say("项城市光明路的路灯坏了很久");
    await citizen.tap("对，就是这个");
    await citizen.fileAnywayIfOffered();
    await citizen.tap("不记得了");
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");
    await citizen.tap("提交");
    expect(citizen.text).toMatch(/您的编号是：ZK-20261128-\d{4}/);
    expect(await citizen.cases()).toHaveLength(1);
    expect(service.telegram.webhookDeliveries.every((d) => d.status === 200)).toBe(true);
  });

  it("refuses a POST without the right secret header with 401 and stores nothing", async () => {
    const citizen = service.citizen();
    const update = textUpdate(citizen, 900_001, "/start");
    expect((await post(update, {})).status).toBe(401);
    expect((await post(update, { "x-telegram-bot-api-secret-token": "wrong" })).status).toBe(401);
    expect(await inboxRow(update.update_id)).toBeNull();
    expect(service.telegram.sentMessages(citizen.id)).toEqual([]);
  });

  describe("a body that is not an update Telegram would send is refused 4xx, stored nowhere", () => {
    const withSecret = { "x-telegram-bot-api-secret-token": SECRET };
    function postRaw(body: string, contentType = "application/json"): Promise<Response> {
      return fetch(webhookUrl, {
        method: "POST",
        headers: { "content-type": contentType, ...withSecret },
        body,
      });
    }

    it.each([
      ["not JSON", "{update_id: 1"],
      ["JSON but no object", "[]"],
      ["an update_id that is no whole number", '{"update_id":"900100"}'],
      ["a chat whose id is no number", '{"update_id":900101,"message":{"chat":{"id":{}}}}'],
      [
        "a button press whose data is no text",
        '{"update_id":900102,"callback_query":{"id":"7","data":{},"message":{"chat":{"id":5}}}}',
      ],
      ["a button press without its id", '{"update_id":900103,"callback_query":{"data":"x"}}'],
    ])("answers 400 to %s", async (_what, body) => {
      const response = await postRaw(body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: expect.any(String) } });
      expect(
        await service.db.inboxUpdate.count({
          where: { channel: "telegram", updateId: { in: ["900101", "900102", "900103"] } },
        }),
      ).toBe(0);
    });

    it("answers 413 to a body of several MB", async () => {
      const response = await postRaw(`{"update_id":900104,"pad":"${"x".repeat(5 * 1024 * 1024)}"}`);
      expect(response.status).toBe(413);
      expect(await inboxRow(900_104)).toBeNull();
    });

    it("answers a body sent as another content type with a 4xx", async () => {
      const response = await postRaw("update_id=900105", "application/x-www-form-urlencoded");
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(await inboxRow(900_105)).toBeNull();
    });
  });

  it("handles an update delivered several times at once once, answering the citizen once", async () => {
    const citizen = service.citizen();
    const update = textUpdate(citizen, 900_010, "/start");
    const body = JSON.stringify(update);
    const deliveries = await Promise.all(
      [1, 2, 3, 4, 5].map(() =>
        fetch(webhookUrl, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-telegram-bot-api-secret-token": SECRET,
          },
          body,
        }),
      ),
    );
    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200, 200, 200]);
    await citizen.act(update);
    // A later update of the chat is answered after anything the copies could have caused.
    await citizen.command("/help");
    const texts = service.telegram.sentMessages(citizen.id).map((m) => m.text ?? "");
    expect(texts.filter((text) => text.includes("周口市群众诉求服务"))).toHaveLength(1);
    expect(texts.at(-1)).toMatch(/^怎么用/);
  });

  it("handles many updates of one chat posted at once in their order, each once", async () => {
    const citizen = service.citizen();
    const ids = Array.from({ length: 12 }, (_, i) => 900_200 + i);
    const responses = await Promise.all(
      ids.map((id) =>
        post(textUpdate(citizen, id, id === ids[0] ? "/start" : "/help"), {
          "x-telegram-bot-api-secret-token": SECRET,
        }),
      ),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    for (const id of ids) await handled(service.db, id);
    // The chat's first update is answered first: none overtook it.
    const texts = service.telegram.sentMessages(citizen.id).map((m) => m.text ?? "");
    expect(texts[0]).toContain("周口市群众诉求服务");
    expect(texts.filter((text) => /^怎么用/.test(text))).toHaveLength(ids.length - 1);
  });

  it("has the update in the inbox by the time it answers 200", async () => {
    const citizen = service.citizen();
    const update = textUpdate(citizen, 900_002, "/start");
    const response = await post(update, { "x-telegram-bot-api-secret-token": SECRET });
    expect(response.status).toBe(200);
    expect(await inboxRow(update.update_id)).toMatchObject({ chatId: String(citizen.id) });

    await citizen.act(update);
    expect(citizen.text).toContain("周口市群众诉求服务");
  });

  it("answers a citizen's button press in its answer to the webhook, with no call of its own", async () => {
    const { telegram } = service;
    const citizen = service.citizen();
    await citizen.command("/start");
    const press = await citizen.tap("我要反映问题");
    expect(citizen.text).toBeTruthy();

    const id = press.callback_query?.id;
    await telegram.waitFor(
      (call) => call.method === "answerCallbackQuery" && call.params.callback_query_id === id,
    );
    expect(
      telegram
        .callsOf("answerCallbackQuery")
        .filter((call) => call.params.callback_query_id === id)
        .map((call) => call.via),
    ).toEqual(["webhook-reply"]);
  });

  it("handles a redelivered update once", async () => {
    const { telegram } = service;
    const citizen = service.citizen();
    await citizen.command("/new");
    const description = await citizen.say("小区电梯坏了很久没人修");
    expect(citizen.text).toContain("【住房城建】");

    telegram.redeliver(description);
    // Telegram delivers in order and a chat's updates are handled in order:
    // anything the redelivery caused comes before the answer to /help.
    await citizen.command("/help");
    expect(citizen.replies[0]?.text).toMatch(/^怎么用/);
    expect(
      telegram.webhookDeliveries.filter((d) => d.update_id === description.update_id),
    ).toMatchObject([{ status: 200 }, { status: 200 }]);
  });
});
