import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { autoRetry } from "@grammyjs/auto-retry";
import {
  Bot,
  GrammyError,
  HttpError,
  InlineKeyboard,
  InputFile,
  Keyboard,
  webhookCallback,
} from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { seededRandom, startFakeTelegram, type FakeTelegram } from "./fake-telegram.ts";

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  // Bots first, then servers: a bot still polling a closed fake would log network errors.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fake(): Promise<FakeTelegram> {
  const telegram = await startFakeTelegram({ webhookRetryDelayMs: 20 });
  cleanups.push(() => telegram.close());
  return telegram;
}

function botFor(telegram: FakeTelegram): { bot: Bot; errors: unknown[] } {
  const bot = new Bot(telegram.token, {
    botInfo: telegram.botInfo,
    client: { apiRoot: telegram.apiRoot },
  });
  const errors: unknown[] = [];
  bot.catch((err) => {
    errors.push(err.error);
  });
  return { bot, errors };
}

/** Starts long polling and registers a cleanup that stops it and waits for the loop to end. */
async function startPolling(bot: Bot): Promise<void> {
  let ready!: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  const running = bot.start({ onStart: () => ready() });
  cleanups.push(async () => {
    await bot.stop();
    await running;
  });
  await started;
}

async function apiError(promise: Promise<unknown>): Promise<GrammyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GrammyError))
    throw new Error(`expected a GrammyError, got ${String(error)}`);
  return error;
}

describe("long polling with the real grammY client", () => {
  it("delivers a user's text and records the bot's answer", async () => {
    const telegram = await fake();
    const { bot, errors } = botFor(telegram);
    bot.on("message:text", (ctx) => ctx.reply(`Received: ${ctx.msg.text}`));
    await startPolling(bot);

    const citizen = telegram.user(501, { firstName: "Li", languageCode: "zh-hans" });
    const first = citizen.sendText("The street light is broken");
    const second = citizen.sendText("Still broken");

    const sent = await telegram.waitForMessages(501, 2);
    expect(sent.map((m) => m.text)).toEqual([
      "Received: The street light is broken",
      "Received: Still broken",
    ]);
    expect(second.update_id).toBe(first.update_id + 1);
    // Message ids count both directions of one chat.
    // Message ids count both directions of one chat: two user messages, then the two answers.
    expect([first.message?.message_id, second.message?.message_id]).toEqual([1, 2]);
    expect(sent.map((m) => m.message_id)).toEqual([3, 4]);
    expect(first.message?.from.language_code).toBe("zh-hans");
    expect(errors).toEqual([]);
  });

  it("confirms updates through the offset, so a restarted bot does not see them again", async () => {
    const telegram = await fake();
    const { bot } = botFor(telegram);
    bot.on("message", (ctx) => ctx.reply("ok"));
    await startPolling(bot);
    telegram.user(7).sendText("hi");
    await telegram.waitForMessages(7, 1);
    await bot.stop();
    expect(telegram.pendingUpdates).toEqual([]);
  });

  it("gives commands a bot_command entity so bot.command() and ctx.match work", async () => {
    const telegram = await fake();
    const { bot } = botFor(telegram);
    bot.command("start", (ctx) => ctx.reply(`payload=${ctx.match}`));
    await startPolling(bot);

    const update = telegram.user(8).sendCommand("/start case-42");
    expect(update.message?.entities).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);
    const [reply] = await telegram.waitForMessages(8, 1);
    expect(reply?.text).toBe("payload=case-42");
  });

  it("passes photos, stickers and voice messages, and serves their files through getFile", async () => {
    const telegram = await fake();
    const { bot } = botFor(telegram);
    bot.on("message:photo", async (ctx) => {
      const file = await ctx.getFile();
      await ctx.reply(`photo ${file.file_id} at ${file.file_path ?? "?"}`);
    });
    bot.on("message:sticker", (ctx) => ctx.reply(`sticker ${ctx.msg.sticker.emoji ?? ""}`));
    bot.on("message:voice", (ctx) => ctx.reply(`voice ${ctx.msg.voice.duration}s`));
    await startPolling(bot);

    const citizen = telegram.user(9);
    citizen.sendPhoto("evidence-1");
    citizen.sendSticker();
    citizen.sendVoice();
    const sent = await telegram.waitForMessages(9, 3);
    expect(sent.map((m) => m.text)).toEqual([
      expect.stringMatching(/^photo evidence-1 at photos\/.+\.jpg$/),
      "sticker 👍",
      "voice 3s",
    ]);
  });

  it("types file ids as Telegram does: sendPhoto refuses the id of a picture sent as a file", async () => {
    const telegram = await fake();
    const { bot } = botFor(telegram);
    const sent = telegram.user(11).sendDocument("IMG_0042.JPG", "image/jpeg", Buffer.from("jpeg"));
    const document = sent.message!.document!;
    expect(document).toMatchObject({ file_name: "IMG_0042.JPG", mime_type: "image/jpeg" });
    expect((await bot.api.getFile(document.file_id)).file_path).toMatch(/^documents\//);

    await expect(bot.api.sendPhoto(11, document.file_id)).rejects.toThrow(
      "Bad Request: type of file mismatch",
    );
    const photo = telegram.user(11).sendPhoto("photo-of-the-same");
    await bot.api.sendPhoto(11, photo.message!.photo!.at(-1)!.file_id);
  });

  it("lets the same update be delivered twice for duplicate-handling tests", async () => {
    const telegram = await fake();
    const { bot } = botFor(telegram);
    const seen: number[] = [];
    bot.on("message", async (ctx) => {
      seen.push(ctx.update.update_id);
      await ctx.reply("noted");
    });
    await startPolling(bot);

    const update = telegram.user(10).sendText("pothole");
    await telegram.waitForMessages(10, 1);
    telegram.redeliver(update);
    await telegram.waitForMessages(10, 2);
    expect(seen).toEqual([update.update_id, update.update_id]);
  });
});

describe("keyboards", () => {
  it("handles a callback query: answerCallbackQuery is recorded and the edit is applied", async () => {
    const telegram = await fake();
    const { bot, errors } = botFor(telegram);
    bot.command("start", (ctx) =>
      ctx.reply("Choose a category", {
        reply_markup: new InlineKeyboard().text("Roads", "cat:roads").text("Noise", "cat:noise"),
      }),
    );
    bot.callbackQuery(/^cat:(.+)$/, async (ctx) => {
      await ctx.answerCallbackQuery({ text: "Saved" });
      await ctx.editMessageText(`Category: ${ctx.match[1] ?? ""}`);
    });
    await startPolling(bot);

    const citizen = telegram.user(20);
    citizen.sendCommand("/start");
    const [menu] = await telegram.waitForMessages(20, 1);
    if (!menu) throw new Error("no menu");
    expect(() => citizen.pressButton(menu.message_id, "cat:unknown")).toThrow(/no button/);

    const press = citizen.pressButton(menu.message_id, "cat:noise");
    const queryId = press.callback_query?.id ?? "";
    await telegram.waitFor((c) => c.method === "editMessageText" && c.ok === true);

    expect(telegram.callbackAnswer(queryId)).toEqual({ callback_query_id: queryId, text: "Saved" });
    const [edited] = telegram.sentMessages(20);
    expect(edited).toMatchObject({
      message_id: menu.message_id,
      text: "Category: noise",
      edited: true,
    });
    expect(edited?.reply_markup).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it("shows request_location / request_contact keyboards and receives location and contact", async () => {
    const telegram = await fake();
    const { bot, errors } = botFor(telegram);
    bot.command("start", (ctx) =>
      ctx.reply("Where is it?", {
        reply_markup: new Keyboard()
          .requestLocation("Send location")
          .row()
          .requestContact("Share phone")
          .resized()
          .oneTime(),
      }),
    );
    bot.on("message:location", (ctx) =>
      ctx.reply(`at ${ctx.msg.location.latitude},${ctx.msg.location.longitude}`),
    );
    bot.on("message:contact", (ctx) =>
      ctx.reply(
        `phone ${ctx.msg.contact.phone_number} own=${String(ctx.msg.contact.user_id === ctx.from.id)}`,
        {
          reply_markup: { remove_keyboard: true },
        },
      ),
    );
    await startPolling(bot);

    const citizen = telegram.user(30, { firstName: "Wang" });
    citizen.sendCommand("/start");
    await telegram.waitForMessages(30, 1);
    expect(telegram.replyKeyboard(30)?.keyboard).toEqual([
      [{ text: "Send location", request_location: true }],
      [{ text: "Share phone", request_contact: true }],
    ]);

    citizen.shareLocation(31.2304, 121.4737);
    await telegram.waitForMessages(30, 2);
    citizen.shareContact("+8613800000000", "Wang");
    const sent = await telegram.waitForMessages(30, 3);
    expect(sent.map((m) => m.text)).toEqual([
      "Where is it?",
      "at 31.2304,121.4737",
      "phone +8613800000000 own=true",
    ]);
    expect(telegram.replyKeyboard(30)).toBeUndefined();
    expect(errors).toEqual([]);
  });
});

describe("staff group chats", () => {
  it("uses supergroup chats and refuses unknown chats", async () => {
    const telegram = await fake();
    const { bot } = botFor(telegram);
    const staff = telegram.groupUser(-1001234, 900, { title: "District office" });
    const update = staff.sendCommand("/claim@intake_test_bot 17");
    expect(update.message?.chat).toEqual({
      id: -1001234,
      type: "supergroup",
      title: "District office",
    });

    await bot.api.sendMessage(-1001234, "New case 17");
    expect(telegram.lastMessage(-1001234)?.text).toBe("New case 17");
    const error = await apiError(bot.api.sendMessage(-42, "nobody here"));
    expect(error.description).toBe("Bad Request: chat not found");
  });
});

describe("errors surface as GrammyError", () => {
  it("rejects a message over 4096 characters and an edit that changes nothing", async () => {
    const telegram = await fake();
    const { bot } = botFor(telegram);
    telegram.user(40);

    const tooLong = await apiError(bot.api.sendMessage(40, "x".repeat(4097)));
    expect(tooLong.error_code).toBe(400);
    expect(tooLong.description).toBe("Bad Request: message is too long");
    await bot.api.sendMessage(40, "x".repeat(4096));

    const markup = new InlineKeyboard().text("OK", "ok");
    const message = await bot.api.sendMessage(40, "Case opened", { reply_markup: markup });
    const same = await apiError(
      bot.api.editMessageText(40, message.message_id, "Case opened", { reply_markup: markup }),
    );
    expect(same.description).toMatch(/^Bad Request: message is not modified/);
    const sameMarkup = await apiError(
      bot.api.editMessageReplyMarkup(40, message.message_id, { reply_markup: markup }),
    );
    expect(sameMarkup.description).toMatch(/^Bad Request: message is not modified/);
    await bot.api.editMessageText(40, message.message_id, "Case opened", {}); // dropping the keyboard is a change

    const empty = await apiError(bot.api.sendMessage(40, "   "));
    expect(empty.description).toBe("Bad Request: message text is empty");
    const html = await apiError(bot.api.sendMessage(40, "a <script> b", { parse_mode: "HTML" }));
    expect(html.description).toMatch(/^Bad Request: can't parse entities: Unsupported start tag/);
    const md = await apiError(bot.api.sendMessage(40, "Case 1.2", { parse_mode: "MarkdownV2" }));
    expect(md.description).toMatch(/Character '\.' is reserved/);
    const data = await apiError(
      bot.api.sendMessage(40, "x", {
        reply_markup: new InlineKeyboard().text("x", "d".repeat(65)),
      }),
    );
    expect(data.description).toBe("Bad Request: BUTTON_DATA_INVALID");
  });

  it("answers 403 after the user blocked the bot and 401 for a wrong token", async () => {
    const telegram = await fake();
    const { bot } = botFor(telegram);
    telegram.user(41).block();
    const blocked = await apiError(bot.api.sendMessage(41, "hello"));
    expect([blocked.error_code, blocked.description]).toEqual([
      403,
      "Forbidden: bot was blocked by the user",
    ]);

    const wrong = new Bot("999:WRONG", {
      botInfo: telegram.botInfo,
      client: { apiRoot: telegram.apiRoot },
    });
    const unauthorized = await apiError(wrong.api.getMe());
    expect([unauthorized.error_code, unauthorized.description]).toEqual([401, "Unauthorized"]);
  });
});

describe("fault injection", () => {
  it("retries a 429 with retry_after through @grammyjs/auto-retry", async () => {
    const telegram = await fake();
    const { bot } = botFor(telegram);
    bot.api.config.use(autoRetry({ maxRetryAttempts: 2, maxDelaySeconds: 2 }));
    telegram.user(50);
    telegram.failNext("sendMessage", 1, { status: 429, retryAfter: 1 });

    const started = Date.now();
    await bot.api.sendMessage(50, "Your case number is 17");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);

    const calls = telegram.callsOf("sendMessage");
    expect(calls.map((c) => [c.ok, c.injected])).toEqual([
      [false, true],
      [true, false],
    ]);
    expect(calls[0]?.error).toEqual({
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      parameters: { retry_after: 1 },
    });
    expect(telegram.sentMessages(50).map((m) => m.text)).toEqual(["Your case number is 17"]);
  });

  it("gives up when retry_after exceeds maxDelaySeconds, and a failed send sends nothing", async () => {
    const telegram = await fake();
    const { bot } = botFor(telegram);
    bot.api.config.use(autoRetry({ maxRetryAttempts: 2, maxDelaySeconds: 2 }));
    telegram.user(51);
    telegram.failNext("sendMessage", 1, { status: 429, retryAfter: 30 });
    const error = await apiError(bot.api.sendMessage(51, "hello"));
    expect(error.parameters.retry_after).toBe(30);
    expect(telegram.sentMessages(51)).toEqual([]);

    telegram.failNext("sendMessage", 1, {
      status: 400,
      description: "Bad Request: chat not found",
    });
    expect((await apiError(bot.api.sendMessage(51, "x"))).description).toBe(
      "Bad Request: chat not found",
    );
    const plain = botFor(telegram).bot; // auto-retry would retry the network error after 3 s
    telegram.failNext("sendMessage", 1, { dropConnection: true });
    const network = await plain.api.sendMessage(51, "x").catch((e: unknown) => e);
    expect(network).toBeInstanceOf(HttpError);
    expect(telegram.sentMessages(51)).toEqual([]);
  });

  it("fails randomly but reproducibly for a given seed", async () => {
    const outcomes: boolean[][] = [];
    for (let run = 0; run < 2; run++) {
      const telegram = await fake();
      const { bot } = botFor(telegram);
      telegram.user(52);
      telegram.failRandomly("sendChatAction", 0.5, 1234, { status: 500 });
      const results: boolean[] = [];
      for (let i = 0; i < 12; i++) {
        results.push(
          await bot.api.sendChatAction(52, "typing").then(
            () => true,
            () => false,
          ),
        );
      }
      outcomes.push(results);
    }
    expect(outcomes[0]).toEqual(outcomes[1]);
    expect(outcomes[0]).toContain(true);
    expect(outcomes[0]).toContain(false);
    const random = seededRandom(1);
    expect(random()).toBe(seededRandom(1)());
  });
});

describe("webhooks", () => {
  async function webhookServer(
    handler: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>,
    failFirst: number,
  ): Promise<{ url: string; server: Server; requests: { updateId: number; secret: string }[] }> {
    const requests: { updateId: number; secret: string }[] = [];
    let failuresLeft = failFirst;
    const server = createServer((req, res) => {
      const secret = String(req.headers["x-telegram-bot-api-secret-token"] ?? "");
      if (failuresLeft > 0) {
        failuresLeft--;
        req.resume();
        requests.push({ updateId: -1, secret });
        res.writeHead(500).end();
        return;
      }
      requests.push({ updateId: 0, secret });
      void handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/telegram`, server, requests };
  }

  it("POSTs updates with the secret header and redelivers the same update after a 500", async () => {
    const telegram = await fake();
    const { bot } = botFor(telegram);
    const handled: number[] = [];
    bot.on("message:text", async (ctx) => {
      handled.push(ctx.update.update_id);
      await ctx.reply("Thanks, we received your complaint");
    });
    const hook = await webhookServer(
      webhookCallback(bot, "http", { secretToken: "s3cret_token" }),
      1,
    );
    await bot.api.setWebhook(hook.url, { secret_token: "s3cret_token" });

    const update = telegram.user(60).sendText("Noise at night");
    await telegram.waitUntil(() => telegram.pendingUpdates.length === 0, {
      description: "the update is confirmed",
    });

    expect(telegram.webhookDeliveries.map((d) => [d.update_id, d.status])).toEqual([
      [update.update_id, 500],
      [update.update_id, 200],
    ]);
    expect(hook.requests.map((r) => r.secret)).toEqual(["s3cret_token", "s3cret_token"]);
    expect(handled).toEqual([update.update_id]);
    expect(telegram.sentMessages(60).map((m) => m.text)).toEqual([
      "Thanks, we received your complaint",
    ]);
    expect(telegram.pendingUpdates).toEqual([]);

    const conflict = await apiError(bot.api.getUpdates());
    expect(conflict.error_code).toBe(409);
    expect(conflict.description).toMatch(
      /^Conflict: can't use getUpdates method while webhook is active/,
    );
  });

  it("keeps redelivering while grammY rejects a wrong secret, and reports the error in getWebhookInfo", async () => {
    const telegram = await fake();
    const { bot } = botFor(telegram);
    bot.on("message", (ctx) => ctx.reply("handled"));
    const hook = await webhookServer(webhookCallback(bot, "http", { secretToken: "expected" }), 0);
    await bot.api.setWebhook(hook.url, { secret_token: "other" });

    const update = telegram.user(61).sendText("hello");
    await telegram.waitUntil(() => telegram.webhookDeliveries.length >= 2);
    expect(
      telegram.webhookDeliveries.every((d) => d.update_id === update.update_id && d.status === 401),
    ).toBe(true);
    const info = await bot.api.getWebhookInfo();
    expect(info.pending_update_count).toBe(1);
    expect(info.last_error_message).toBe("Wrong response from the webhook: 401 Unauthorized");

    await bot.api.setWebhook(hook.url, { secret_token: "expected" });
    await telegram.waitForMessages(61, 1);
    expect(telegram.sentMessages(61)).toHaveLength(1);
  });
});

describe("the raw HTTP surface", () => {
  it("accepts GET, form-urlencoded and multipart requests and answers unknown methods with 404", async () => {
    const telegram = await fake();
    telegram.user(70);
    const base = `${telegram.apiRoot}/bot${telegram.token}`;

    const viaGet = await fetch(`${base}/sendMessage?chat_id=70&text=from%20GET`);
    expect(await viaGet.json()).toMatchObject({ ok: true, result: { text: "from GET" } });

    const form = await fetch(`${base}/SENDMESSAGE`, {
      method: "POST",
      body: new URLSearchParams({
        chat_id: "70",
        text: "from a form",
        reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "A", callback_data: "a" }]] }),
      }),
    });
    expect(form.status).toBe(200);
    expect(telegram.lastMessage(70)?.reply_markup).toEqual({
      inline_keyboard: [[{ text: "A", callback_data: "a" }]],
    });

    const unknown = await fetch(`${base}/sendTelepathy`, { method: "POST" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ ok: false, error_code: 404, description: "Not Found" });

    const { bot } = botFor(telegram);
    const photo = await bot.api.sendPhoto(70, new InputFile(Buffer.from("jpeg bytes"), "map.jpg"), {
      caption: "Map of the area",
    });
    const file = await bot.api.getFile(photo.photo.at(-1)?.file_id ?? "");
    const download = await fetch(
      `${telegram.apiRoot}/file/bot${telegram.token}/${file.file_path ?? ""}`,
    );
    expect(await download.text()).toBe("jpeg bytes");
    expect(telegram.lastMessage(70)).toMatchObject({
      method: "sendPhoto",
      caption: "Map of the area",
    });
  });

  it("implements getUpdates offset, limit and a long-poll timeout that ends early on a new update", async () => {
    const telegram = await fake();
    const { bot } = botFor(telegram);
    const citizen = telegram.user(80);
    const a = citizen.sendText("a");
    const b = citizen.sendText("b");

    expect((await bot.api.getUpdates({ limit: 1 })).map((u) => u.update_id)).toEqual([a.update_id]);
    expect((await bot.api.getUpdates({ offset: a.update_id + 1 })).map((u) => u.update_id)).toEqual(
      [b.update_id],
    );

    const started = Date.now();
    const waiting = bot.api.getUpdates({ offset: b.update_id + 1, timeout: 5 });
    setTimeout(() => citizen.sendText("c"), 100);
    const [c] = await waiting;
    expect(c?.message?.text).toBe("c");
    expect(Date.now() - started).toBeLessThan(2000);

    const emptyPoll = await bot.api.getUpdates({ offset: (c?.update_id ?? 0) + 1, timeout: 1 });
    expect(emptyPoll).toEqual([]);
  });

  it("explains what the bot did when a wait times out", async () => {
    const telegram = await fake();
    const { bot } = botFor(telegram);
    telegram.user(90);
    await bot.api.sendMessage(90, "only this");
    await expect(telegram.waitForMessages(90, 2, { timeoutMs: 50 })).rejects.toThrow(
      /expected 2 message\(s\) to chat 90, got 1[\s\S]*sendMessage chat=90 "only this" → ok/,
    );
    await expect(
      telegram.waitFor((c) => c.method === "deleteMessage", {
        timeoutMs: 50,
        description: "a deletion",
      }),
    ).rejects.toThrow(/no matching call \(a deletion\)/);
  });
});
