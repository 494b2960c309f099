/**
 * What a Telegram chat's answer survives (issue #11, point 6). The messages of an answer
 * already sent are recorded in the inbox, so an instance that takes the update over after
 * a restart sends only the rest; a chat whose sends keep failing is tried a bounded number
 * of times, then set aside where the clerks see it, and never holds up other chats.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { retryDelayMs } from "../../../src/channels/inbox-processor.ts";
import { startConsoleWorld } from "../../console/console-world.ts";
import { expectErrorLogs } from "../../support/error-logs.ts";
import { attemptFailed } from "../../support/inbox.ts";
import { handled } from "../../support/telegram-citizen.ts";
import { startTelegramService, type TelegramService } from "../../support/telegram-service.ts";

describe("Telegram chats whose sends fail", { timeout: 60_000 }, () => {
  let service: TelegramService;
  beforeAll(async () => {
    service = await startTelegramService();
  });
  afterAll(() => service.stop());

  async function inboxRow(updateId: number) {
    return service.db.inboxUpdate.findUniqueOrThrow({
      where: { channel_updateId: { channel: "telegram", updateId: String(updateId) } },
    });
  }

  it("sends only the rest of an answer after a restart, nothing twice", async () => {
    const citizen = await service.citizenAtPhotoQuestion();
    const { telegram } = service;
    const since = telegram.calls.length;
    // "没有照片" is answered with two messages: the first goes out, then Telegram fails.
    const press = citizen.user.pressButton(citizen.replies[0]!.message_id, "d1:photos:done");
    await telegram.waitFor((call) => call.method === "sendMessage" && call.ok === true, { since });
    telegram.failNext("sendMessage", 20, { dropConnection: true });
    await expect
      .poll(async () => (await inboxRow(press.update_id)).lastError, { timeout: 15_000 })
      .toContain("HttpError");
    expect((await inboxRow(press.update_id)).repliesSent).toBe(1);

    await service.stopApp();
    telegram.clearFaults();
    await service.startAgain();
    service.app.clock.advance(retryDelayMs(1) + 1000);
    await citizen.act(press);

    const texts = telegram.sentMessages(citizen.id).map((m) => m.text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(citizen.replies.map((m) => m.text)).toEqual([
      expect.stringContaining("最后，请留下您的姓名和电话"),
      "📱 发送我的手机号",
    ]);
    expect((await inboxRow(press.update_id)).repliesSent).toBe(2);
  });

  it("sets a chat aside after its last attempt while other chats are answered", async () => {
    expectErrorLogs(/set aside after its last attempt/);
    const failing = service.citizen();
    const other = service.citizen();
    service.telegram.failChat(failing.id, { dropConnection: true });
    const stuck = failing.user.sendCommand("/start");

    // The other citizen is answered while the failing chat is still being retried.
    await other.command("/start");
    expect(other.text).toContain("周口市群众诉求服务");
    expect((await inboxRow(stuck.update_id)).processedAt).toBeNull();

    for (let attempt = 1; attempt < 5; attempt++) {
      const { clock } = service.app;
      await attemptFailed(service.db, clock, "telegram", String(stuck.update_id), attempt);
      clock.advance(retryDelayMs(attempt) + 1000);
    }
    await handled(service.db, stuck.update_id, 30_000);
    const row = await inboxRow(stuck.update_id);
    expect(row).toMatchObject({ attempts: 5, failedAt: expect.any(Date) });
    service.telegram.failChat(failing.id, null);

    await failing.command("/help");
    expect(failing.text).toMatch(/^怎么用/);
  });
});

describe("the clerks' view of chats set aside", { timeout: 30_000 }, () => {
  it("lists them for clerks only", async () => {
    const world = await startConsoleWorld();
    await world.addStaff("li", "clerk");
    await world.addStaff("wu", "handler", world.app.directory.units[0]!.id);
    const now = world.clock.now();
    await world.app.db.inboxUpdate.create({
      data: {
        channel: "telegram",
        updateId: "42",
        chatId: "1001",
        sequence: 42n,
        payload: {},
        attempts: 5,
        processedAt: now,
        failedAt: now,
        lastError: "HttpError: Network request for 'sendMessage' failed!",
      },
    });
    const clerk = world.client();
    await clerk.signIn("li");
    const handler = world.client();
    await handler.signIn("wu");

    const listed = await clerk.get("/api/inbox/set-aside");
    expect(listed.status).toBe(200);
    expect(listed.json.items).toEqual([
      expect.objectContaining({ channel: "telegram", chatId: "1001", attempts: 5 }),
    ]);
    expect((await handler.get("/api/inbox/set-aside")).status).toBe(403);
    await world.stop();
  });
});
