/**
 * A rolling upgrade: several instances on one database, a newer one beside this one. When the
 * newer instance leaves a citizen's dialogue waiting for the answer to a question of a kind
 * this version does not know, and this instance gets the answer, the citizen's draft is kept,
 * the words are not taken as the answer to the draft's own question, and that question is
 * asked again; the log says why, without the citizen's words. Through the web chat, on real
 * SQLite through the real turn store.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { savedByAnotherInstance, webChatOf } from "../support/another-instance.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { WebCitizen } from "../channels/web/web-citizen.ts";

const DESCRIPTION = "我们小区的电梯天天坏，老人上下楼很不方便";
/** A question no version of this service asks yet. */
const FUTURE_PENDING = { kind: "confirm_building_on_map", building: "3号楼", askedAt: "x" };

const logLines: string[] = [];
let service: TestApp;
beforeAll(async () => {
  service = await startTestApp({ logLines });
});
afterAll(() => service?.stop());

/** A web citizen in the web chat, and the chat's key in storage. */
interface WebChat {
  readonly citizen: WebCitizen;
  readonly chatId: string;
}

/** A web citizen whose first message was filed as a draft's description: the kind is asked. */
async function citizenAtTheCategory(): Promise<WebChat> {
  const citizen = new WebCitizen(service.url);
  await citizen.open();
  await citizen.start();
  await citizen.tap("我要反映问题");
  const eventId = randomUUID();
  expect((await citizen.post({ type: "text", text: DESCRIPTION }, eventId)).status).toBe(200);
  expect(citizen.text).toContain("我理解您反映的是【住房城建】方面的事");
  return { citizen, chatId: await webChatOf(service, eventId) };
}

/**
 * What a newer instance saves after the citizen's last turn: the same dialogue, now waiting
 * for the answer to its question.
 */
async function newerInstanceAsks({ chatId }: WebChat): Promise<void> {
  await savedByAnotherInstance(
    service,
    chatId,
    (state) => ({ ...state, pending: FUTURE_PENDING }),
    [{ text: "您说的是地图上的3号楼吗？" }],
  );
}

/** The chat's stored draft. */
async function storedDraft({ chatId }: WebChat): Promise<unknown> {
  const { state } = await service.app.db.dialogueState.findUniqueOrThrow({
    where: { channel_chatId: { channel: "web", chatId } },
  });
  return (state as { draft: unknown }).draft;
}

describe("a question of a newer instance, answered to this one", { timeout: 60_000 }, () => {
  it("keeps the draft, takes the yes for no answer to the draft's question, and asks it again", async () => {
    const chat = await citizenAtTheCategory();
    const { citizen } = chat;
    const before = await storedDraft(chat);
    await newerInstanceAsks(chat);
    logLines.length = 0;

    await citizen.say("对");

    expect(citizen.text).toContain("刚才那个问题没能接上，您已经说的内容都还在。我们接着来：");
    expect(citizen.text).toContain("我理解您反映的是【住房城建】方面的事");
    const kept = await storedDraft(chat);
    expect(kept).toEqual(before);
    expect(kept).toMatchObject({ description: DESCRIPTION, category: null });
    const [line, ...more] = logLines.filter((l) => l.includes("a kind this version does not know"));
    expect(more).toEqual([]);
    expect(JSON.parse(line!)).toMatchObject({ level: 40, pendingKind: "confirm_building_on_map" });
    expect(line).not.toContain("对");
    expect(line).not.toContain("电梯");

    // The conversation goes on: the same word now answers the question asked.
    await citizen.say("对");
    expect(await storedDraft(chat)).toMatchObject({
      description: DESCRIPTION,
      category: "housing",
    });
    expect(citizen.text).not.toContain("没能接上");
  });

  it("still warns of a danger named in the answer, and marks the draft urgent", async () => {
    const chat = await citizenAtTheCategory();
    const { citizen } = chat;
    await newerInstanceAsks(chat);

    await citizen.say("不是，楼道里还有煤气味");

    expect(citizen.text).toContain("119");
    expect(citizen.text).toContain("刚才那个问题没能接上");
    expect(citizen.text).toContain("我理解您反映的是【住房城建】方面的事");
    expect(await storedDraft(chat)).toMatchObject({
      description: DESCRIPTION,
      category: null,
      isEmergency: true,
    });
  });
});
