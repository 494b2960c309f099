/**
 * Drafts already in the database when a version that stores them differently starts: they are
 * read in their old shape and the conversation goes on where it was. Through the web chat, on
 * real SQLite through the real turn store.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTurnStore } from "../../src/storage/turn-store.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { WebCitizen } from "../channels/web/web-citizen.ts";

let service: TestApp;
beforeAll(async () => {
  service = await startTestApp();
});
afterAll(() => service?.stop());

/** The web chat's stored dialogue of the citizen whose last message was `eventId`. */
async function chatOf(eventId: string): Promise<string> {
  const { chatId } = await service.app.db.dialogueState.findFirstOrThrow({
    where: { channel: "web", lastEventId: eventId },
  });
  return chatId;
}

/** Saves the chat's dialogue as `change` makes it, as another instance would have saved it. */
async function storedAs(chatId: string, change: (state: { draft: object }) => object) {
  const turns = createTurnStore(service.app.db);
  const { dialogue } = await turns.load("web", chatId);
  const saved = await turns.save({
    channel: "web",
    chatId,
    externalId: chatId,
    now: service.clock.now(),
    readVersion: dialogue.version,
    dialogue: {
      state: change(structuredClone(dialogue.state) as { draft: object }),
      eventId: randomUUID(),
      replies: [],
      receipt: null,
    },
  });
  expect(saved).not.toBeNull();
}

describe("a draft stored before the town went into the region", { timeout: 60_000 }, () => {
  it("keeps the town the words named, and asks the road within it", async () => {
    const citizen = new WebCitizen(service.url);
    await citizen.open();
    await citizen.start();
    await citizen.tap("我要反映问题");
    const eventId = randomUUID();
    const said = { type: "text", text: "俺是西华县东夏亭镇的，俺们那条路的路灯坏了，晚上黑得很" };
    expect((await citizen.post(said, eventId)).status).toBe(200);
    const chatId = await chatOf(eventId);
    await citizen.tap("对，就是这个");
    expect(citizen.text).toContain("具体在西华县东夏亭镇哪条路");

    // The shape drafts had: the town beside the region, the region without one.
    await storedAs(chatId, (state) => {
      const draft = state.draft as { town?: string; region: { town?: string } };
      draft.town = draft.region.town!;
      delete draft.region.town;
      return state;
    });
    await citizen.say("前年的事了");

    expect(citizen.text).not.toContain("没能保存下来");
    expect(citizen.text).toContain("记下了时间：前年");
    expect(citizen.text).toContain("具体在西华县东夏亭镇哪条路");
  });
});
