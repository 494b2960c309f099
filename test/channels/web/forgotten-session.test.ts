/**
 * A web visitor who filed nothing, forgotten after CHAT_KEEP_DAYS of silence (who they were,
 * their conversation and its log), comes back with the same session cookie: the chat starts
 * afresh as for a new visitor, over real HTTP against the whole service.
 */
import { describe, expect, it } from "vitest";
import { DAY } from "../../support/clock.ts";
import { runRetention } from "../../support/retention.ts";
import { startTestApp } from "../../support/test-app.ts";
import { WebCitizen } from "./web-citizen.ts";

describe("a web visitor forgotten after 31 days of silence", { timeout: 30_000 }, () => {
  it("comes back with the same session cookie to a new chat: no history, a new identity", async () => {
    const service = await startTestApp();
    const citizen = new WebCitizen(service.url);
    await citizen.open();
    await citizen.start();
    await citizen.tap("我要反映问题");
    const identity = await service.app.db.channelIdentity.findFirstOrThrow({
      where: { channel: "web" },
    });
    const said = (await citizen.poll()).messages;
    expect(said.length).toBeGreaterThan(0);
    service.clock.advance(31 * DAY);
    await runRetention(service.app.db, service.clock, service.dataDir);
    expect(await service.app.db.citizen.count()).toBe(0);

    expect((await citizen.poll()).messages).toEqual([]);
    await citizen.start();

    const back = await service.app.db.channelIdentity.findFirstOrThrow({
      where: { channel: "web" },
    });
    expect(back.externalId).toBe(identity.externalId);
    expect(back.citizenId).not.toBe(identity.citizenId);
    const { messages } = await citizen.poll();
    // The welcome of a first visit again, and nothing of the forgotten chat.
    expect(messages.some((m) => m.author === "service")).toBe(true);
    expect(messages.every((m) => m.id > said.at(-1)!.id)).toBe(true);
    expect(messages.map((m) => m.text)).toContain(said[0]!.text);
  });
});
