/**
 * A Telegram user who said hello and filed nothing is forgotten after CHAT_KEEP_DAYS of
 * silence (who they were and their conversation); /start again begins as a first visit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY } from "../../support/clock.ts";
import { runRetention } from "../../support/retention.ts";
import { startTelegramService, type TelegramService } from "../../support/telegram-service.ts";

describe("a Telegram chat forgotten after 31 days of silence", { timeout: 30_000 }, () => {
  let service: TelegramService;
  beforeAll(async () => {
    service = await startTelegramService();
  });
  afterAll(() => service.stop());

  it("answers /start again as a first visit, under a new identity", async () => {
    const citizen = service.citizen();
    await citizen.command("/start");
    const welcome = citizen.text;
    const identity = await service.db.channelIdentity.findFirstOrThrow({
      where: { channel: "telegram", externalId: String(citizen.id) },
    });
    service.app.clock.advance(31 * DAY);
    await runRetention(service.db, service.app.clock, service.app.dataDir);
    expect(await service.db.citizen.count()).toBe(0);

    await citizen.command("/start");

    expect(citizen.text).toBe(welcome);
    const back = await service.db.channelIdentity.findFirstOrThrow({
      where: { channel: "telegram", externalId: String(citizen.id) },
    });
    expect(back.citizenId).not.toBe(identity.citizenId);
  });
});
