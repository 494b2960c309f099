/**
 * A turn is atomic: the dialogue state, its replies and receipt, and what the channel
 * logs with it (the web chat's entries) are written in one transaction or not at all, and
 * a retried event returns exactly what its first run returned, receipt and query code
 * included (issue #11, points 1 and 5).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDialogueStore } from "../../src/storage/dialogue-store.ts";
import { createWebChatLog } from "../../src/storage/web-chat-log.ts";
import { freshDatabase, PROVIDERS } from "../support/databases.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { reachAnonymousSummary, WebCitizen } from "../channels/web/web-citizen.ts";

describe.each(PROVIDERS)("atomic turns (%s)", { timeout: 60_000 }, (provider) => {
  describe("the dialogue store", () => {
    it("writes nothing of a turn whose log write fails", async () => {
      const db = await freshDatabase(provider);
      const dialogues = createDialogueStore(db);
      const log = createWebChatLog(db);
      const turn = {
        state: { step: "menu" },
        eventId: "e1",
        replies: [{ text: "hi" }],
        receipt: null,
      };
      const failing = async (tx: Parameters<ReturnType<typeof log.turnWrite>>[0]) => {
        await log.turnWrite(
          "s1",
          "e1",
          [{ author: "service", body: { text: "hi" } }],
          new Date(),
        )(tx);
        throw new Error("the disk is full");
      };

      await expect(dialogues.save("web", "s1", turn, 0, failing)).rejects.toThrow("disk is full");
      expect(await db.dialogueState.count()).toBe(0);
      expect(await db.webChatMessage.count()).toBe(0);
    });

    it("writes nothing of the log when another instance saved the chat first", async () => {
      const db = await freshDatabase(provider);
      const dialogues = createDialogueStore(db);
      const log = createWebChatLog(db);
      const turn = (eventId: string) => ({
        state: { step: "menu" },
        eventId,
        replies: [{ text: eventId }],
        receipt: null,
      });
      expect(await dialogues.save("web", "s1", turn("e1"), 0)).toBe(true);

      const entries = [{ author: "service" as const, body: { text: "late" } }];
      const stale = await dialogues.save(
        "web",
        "s1",
        turn("e2"),
        0,
        log.turnWrite("s1", "e2", entries, new Date()),
      );
      expect(stale).toBe(false);
      expect(await db.webChatMessage.count()).toBe(0);
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
