/**
 * Drafts already in the database when a version that stores them differently starts: they are
 * read in their old shape and the conversation goes on where it was. Through the web chat, on
 * real SQLite through the real turn store.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { savedByAnotherInstance, webChatOf } from "../support/another-instance.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { WebCitizen } from "../channels/web/web-citizen.ts";

let service: TestApp;
beforeAll(async () => {
  service = await startTestApp();
});
afterAll(() => service?.stop());

describe("a draft stored before the town went into the region", { timeout: 60_000 }, () => {
  it("keeps the town the words named, and asks the road within it", async () => {
    const citizen = new WebCitizen(service.url);
    await citizen.open();
    await citizen.start();
    await citizen.tap("我要反映问题");
    const eventId = randomUUID();
    const said = { type: "text", text: "俺是西华县东夏亭镇的，俺们那条路的路灯坏了，晚上黑得很" };
    expect((await citizen.post(said, eventId)).status).toBe(200);
    const chatId = await webChatOf(service, eventId);
    await citizen.tap("对，就是这个");
    expect(citizen.text).toContain("具体在西华县东夏亭镇哪条路");

    // The shape drafts had: the town beside the region, the region without one.
    await savedByAnotherInstance(service, chatId, (state) => {
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

describe("a draft stored before the time's precision was kept", { timeout: 60_000 }, () => {
  it("reads its time as a day, as it was shown then", async () => {
    const citizen = new WebCitizen(service.url);
    await citizen.open();
    await citizen.start();
    await citizen.tap("我要反映问题");
    const eventId = randomUUID();
    const said = { type: "text", text: "项城市光明路上的下水道去年就堵了，污水往外冒" };
    expect((await citizen.post(said, eventId)).status).toBe(200);
    const chatId = await webChatOf(service, eventId);
    await citizen.tap("对，就是这个");
    expect(citizen.text).toContain("有照片吗");

    // The shape drafts had: a day and whether it was vague, no precision.
    await savedByAnotherInstance(service, chatId, (state) => {
      const draft = state.draft as { occurredAt: { precision?: string } };
      delete draft.occurredAt.precision;
      return state;
    });
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");

    expect(citizen.text).not.toContain("没能保存下来");
    expect(citizen.text).toContain("【时间】去年（约 2025年7月1日）");
  });
});
