/**
 * A turn is atomic: the citizen's identity, the dialogue state, its replies and receipt, and
 * what the channel logs with it (the web chat's entries) are written in one transaction or
 * not at all, and
 * a retried event returns exactly what its first run returned, receipt and query code
 * included (issue #11, points 1 and 5).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAwaitedReplies } from "../../src/storage/awaited-replies.ts";
import { createTurnStore } from "../../src/storage/turn-store.ts";
import { createWebChatLog } from "../../src/storage/web-chat-log.ts";
import { freshDatabase, PROVIDERS } from "../support/databases.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { reachAnonymousSummary, WebCitizen } from "../channels/web/web-citizen.ts";

describe.each(PROVIDERS)("atomic turns (%s)", { timeout: 60_000 }, (provider) => {
  describe("the turn store", () => {
    const now = new Date("2026-12-02T02:00:00Z");
    const turn = (eventId: string, readVersion = 0) => ({
      channel: "web" as const,
      chatId: "s1",
      externalId: "s1",
      now,
      readVersion,
      dialogue: { state: { step: "menu" }, eventId, replies: [{ text: eventId }], receipt: null },
      logEntries: [
        { author: "citizen" as const, body: { type: "text", text: "你好" } },
        { author: "service" as const, body: { text: eventId } },
      ],
    });

    it("writes the identity, the dialogue and the log's entries of a turn together", async () => {
      const db = await freshDatabase(provider);
      const turns = createTurnStore(db);

      const saved = await turns.save(turn("e1"));

      expect(saved!.logged.map((entry) => entry.author)).toEqual(["citizen", "service"]);
      expect(saved!.logged[0]!.id).toBeLessThan(saved!.logged[1]!.id);
      const log = await createWebChatLog(db).ofEvent("s1", "e1");
      expect(log).toEqual(saved!.logged);
      const loaded = await turns.load("web", "s1");
      expect(loaded.dialogue).toMatchObject({
        version: 1,
        lastEventId: "e1",
        state: { step: "menu" },
      });
      const identity = await db.channelIdentity.findUniqueOrThrow({
        where: { channel_externalId: { channel: "web", externalId: "s1" } },
      });
      expect(identity).toMatchObject({ chatId: "s1", lastInboundAt: now });
      expect(await db.citizen.count()).toBe(1);

      expect(await turns.save(turn("e2", 1))).not.toBeNull();
      expect(await db.citizen.count()).toBe(1);
      expect((await turns.load("web", "s1")).dialogue.version).toBe(2);
    });

    it("writes nothing of a turn whose log write fails", async () => {
      const db = await freshDatabase(provider);
      await db.$executeRawUnsafe('DROP TABLE "WebChatMessage"');

      await expect(createTurnStore(db).save(turn("e1"))).rejects.toThrow();
      expect(await db.dialogueState.count()).toBe(0);
      expect(await db.channelIdentity.count()).toBe(0);
      expect(await db.citizen.count()).toBe(0);
    });

    it("writes nothing when another instance saved the chat first", async () => {
      const db = await freshDatabase(provider);
      const turns = createTurnStore(db);
      expect(await turns.save({ ...turn("e1"), logEntries: [] })).not.toBeNull();

      expect(await turns.save(turn("e2"))).toBeNull();
      expect(await turns.save(turn("e2", 5))).toBeNull();
      expect(await db.webChatMessage.count()).toBe(0);
      expect((await turns.load("web", "s1")).dialogue).toMatchObject({
        version: 1,
        lastEventId: "e1",
      });
    });

    it("creates one identity and one citizen when two first turns of a citizen are saved at once", async () => {
      const db = await freshDatabase(provider);
      const [a, b] = [createTurnStore(db), createTurnStore(db)];

      // Two chats of one new citizen, each saved by its own instance.
      const saved = await Promise.all([
        a.save({ ...turn("e1"), chatId: "chat-1", logEntries: [] }),
        b.save({ ...turn("e2"), chatId: "chat-2", logEntries: [] }),
      ]);

      expect(await db.channelIdentity.count()).toBe(1);
      expect(await db.citizen.count()).toBe(1);
      // A turn that lost the race wrote nothing: its instance runs it again.
      const written = await db.dialogueState.findMany({ orderBy: { chatId: "asc" } });
      expect(written.map((row) => row.chatId)).toEqual(
        ["chat-1", "chat-2"].filter((_, i) => saved[i] !== null),
      );
      expect(saved.some((turn) => turn !== null)).toBe(true);
    });

    it("reads the reply awaited in the chat with the dialogue", async () => {
      const db = await freshDatabase(provider);
      const turns = createTurnStore(db);
      await turns.save(turn("e1"));
      const awaited = createAwaitedReplies(db, "web");
      const expiresAt = new Date(now.getTime() + 60_000).toISOString();
      await awaited.put("web:s1", "s1", { action: "rating_reason", trackingNo: "ZK-1", expiresAt });

      const open = await turns.load("web", "s1", { chatId: "web:s1", userId: "s1", now });
      expect(open.awaited).toMatchObject({ action: "rating_reason", trackingNo: "ZK-1" });
      expect(open.dialogue.lastEventId).toBe("e1");
      const later = new Date(now.getTime() + 60_000);
      const expired = await turns.load("web", "s1", { chatId: "web:s1", userId: "s1", now: later });
      expect(expired.awaited).toBeNull();
      expect((await turns.load("web", "s1")).awaited).toBeNull();
    });

    it("tells with the dialogue whether the web chat log has an event's entries", async () => {
      const db = await freshDatabase(provider);
      const turns = createTurnStore(db);
      const asked = { chatId: "web:s1", userId: "s1", now };
      const fresh = await turns.load("web", "s1", asked, "e1");
      expect(fresh).toMatchObject({ logged: false, awaited: null, dialogue: { version: 0 } });

      await turns.save(turn("e1"));
      const expiresAt = new Date(now.getTime() + 60_000).toISOString();
      const awaited = createAwaitedReplies(db, "web");
      await awaited.put("web:s1", "s1", { action: "rating_reason", trackingNo: "ZK-1", expiresAt });
      // A rated event is logged without the dialogue's knowing it.
      await createWebChatLog(db).appendTurn("s1", "r1", [{ author: "citizen", body: {} }], now);

      for (const eventId of ["e1", "r1"]) {
        const retried = await turns.load("web", "s1", asked, eventId);
        expect(retried).toMatchObject({
          logged: true,
          dialogue: { version: 1, lastEventId: "e1" },
        });
        expect(retried.dialogue.state).toEqual({ step: "menu" });
        expect(retried.awaited).toMatchObject({ trackingNo: "ZK-1" });
      }
      const next = await turns.load("web", "s1", undefined, "e2");
      expect(next).toMatchObject({ logged: false, dialogue: { version: 1 } });
      expect((await turns.load("web", "s2", undefined, "e1")).logged).toBe(false);
      expect((await turns.load("web", "s1")).logged).toBe(false);
    });
  });

  describe("a retried submit on the web chat", () => {
    let service: TestApp;
    beforeAll(async () => {
      service = await startTestApp({ provider });
    });
    afterAll(() => service.stop());

    async function atSummary(): Promise<WebCitizen> {
      const citizen = new WebCitizen(service.url);
      await reachAnonymousSummary(citizen);
      return citizen;
    }

    function submitId(citizen: WebCitizen): string {
      const button = [...citizen.messages.values()]
        .flatMap((m) => m.choices?.flat() ?? [])
        .find((choice) => choice.label.includes("提交"));
      return button!.id;
    }

    it("answers exactly as the first time, query code included", async () => {
      const citizen = await atSummary();
      const eventId = randomUUID();
      const first = await citizen.post({ type: "choice", id: submitId(citizen) }, eventId);
      const again = await citizen.post({ type: "choice", id: submitId(citizen) }, eventId);

      expect(first.body.messages!.map((m) => m.text).join("\n")).toMatch(/您的查询码是：\d{6}/);
      expect(again.body.messages).toEqual(first.body.messages);
    });

    it("shows the query code again when the first answer never reached the page's log", async () => {
      // As after a crash between saving the turn and logging it (before turns were atomic):
      // the dialogue has the event, the log does not.
      const citizen = await atSummary();
      const eventId = randomUUID();
      const first = await citizen.post({ type: "choice", id: submitId(citizen) }, eventId);
      const code = /您的查询码是：(\d{6})/.exec(first.body.messages!.map((m) => m.text).join("\n"));
      await service.app.db.webChatMessage.deleteMany({ where: { eventId } });

      const again = await citizen.post({ type: "choice", id: submitId(citizen) }, eventId);
      expect(again.status).toBe(200);
      const texts = again.body.messages!.map((m) => m.text).join("\n");
      expect(texts).toContain(`您的查询码是：${code![1]}`);
      expect(texts).toMatch(/您的编号是：ZK-\d{8}-\d{4}/);
      expect(await service.app.db.case.count({ where: { queryCode: code![1] } })).toBe(1);
    });
  });
});
