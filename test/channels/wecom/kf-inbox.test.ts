import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createWeComClient,
  type KfMessage,
  type WeComClient,
} from "../../../src/channels/wecom/api-client.ts";
import { createKfInbox, kfCursorName } from "../../../src/channels/wecom/kf-inbox.ts";
import { startFakeWeCom, type FakeWeCom } from "../../support/fake-wecom.ts";
import { captureLogger, memoryKfStore } from "./helpers.ts";

const KF = "wkCITY12345";

let fake: FakeWeCom;
beforeEach(async () => {
  fake = await startFakeWeCom({ maxPageSize: 2 });
});
afterEach(async () => {
  await fake.close();
});

function setup(store = memoryKfStore()) {
  const { logger } = captureLogger();
  const client = createWeComClient({
    apiRoot: fake.apiRoot,
    corpId: fake.corpId,
    secret: fake.kfSecret,
    logger,
  });
  const received: KfMessage[] = [];
  const events: KfMessage[] = [];
  const inbox = createKfInbox({
    client,
    store,
    logger,
    onMessage: async (message) => {
      received.push(message);
    },
    onSystemEvent: async (message) => {
      events.push(message);
    },
  });
  return { inbox, store, received, events, client };
}

const texts = (messages: KfMessage[]) =>
  messages.map((m) => (m.content.type === "text" ? m.content.text : m.content.type));

describe("微信客服 pull loop", () => {
  it("pulls every page on a callback, hands messages over in order and saves the cursor", async () => {
    const { inbox, store, received } = setup();
    const user = fake.kfUser(KF, "wmCITIZEN1");
    for (const text of ["一", "二", "三", "四", "五"]) user.sendText(text);
    const { token } = fake.kfCallbackXml(KF);

    const report = await inbox.sync(KF, token);

    expect(texts(received)).toEqual(["一", "二", "三", "四", "五"]);
    expect(report).toMatchObject({ pages: 3, delivered: 5, duplicates: 0 });
    expect(fake.callsOf("kf/sync_msg").map((c) => c.body)).toMatchObject([
      { token, open_kfid: KF },
      { token, open_kfid: KF },
      { token, open_kfid: KF },
    ]);
    expect(store.cursors.get(kfCursorName(KF))).toBeDefined();
  });

  it("continues from the stored cursor after a restart, losing and repeating nothing", async () => {
    const store = memoryKfStore();
    const first = setup(store);
    const user = fake.kfUser(KF, "wmCITIZEN1");
    user.sendText("一");
    user.sendText("二");
    user.sendText("三");
    await first.inbox.sync(KF, fake.kfCallbackXml(KF).token);

    user.sendText("四");
    user.sendText("五");
    // A new process: new client, new inbox, same store (same markProcessed history).
    const second = setup(store);
    await second.inbox.sync(KF, fake.kfCallbackXml(KF).token);

    expect(texts(first.received)).toEqual(["一", "二", "三"]);
    expect(texts(second.received)).toEqual(["四", "五"]);
    expect(second.received.map((m) => m.msgid)).toEqual(
      fake
        .kfLog(KF)
        .slice(3)
        .map((m) => m.msgid),
    );
  });

  it("saves the cursor only after the page's messages were handed over", async () => {
    const store = memoryKfStore();
    const { logger } = captureLogger("silent");
    const client = createWeComClient({
      apiRoot: fake.apiRoot,
      corpId: fake.corpId,
      secret: fake.kfSecret,
      logger,
    });
    const user = fake.kfUser(KF, "wmCITIZEN1");
    for (const text of ["一", "二", "三", "四"]) user.sendText(text);
    const seenAtSave: string[][] = [];
    const received: string[] = [];
    const inbox = createKfInbox({
      client,
      logger,
      store: {
        ...store,
        saveCursor: async (name, cursor) => {
          seenAtSave.push([...received]);
          await store.saveCursor(name, cursor);
        },
      },
      onMessage: async (message) => {
        if (message.content.type === "text" && message.content.text === "三") {
          throw new Error("handler down");
        }
        received.push(message.msgid);
      },
    });

    await expect(inbox.sync(KF)).rejects.toThrow("handler down");
    expect(seenAtSave).toEqual([
      fake
        .kfLog(KF)
        .slice(0, 2)
        .map((m) => m.msgid),
    ]);
    expect(store.saves).toHaveLength(1);
  });

  it("hands a duplicated msgid over once", async () => {
    const { inbox, received } = setup();
    const user = fake.kfUser(KF, "wmCITIZEN1");
    const original = user.sendText("路灯坏了");
    fake.queueKfMessage({ ...original });
    user.sendText("在人民路");

    const report = await inbox.sync(KF);

    expect(texts(received)).toEqual(["路灯坏了", "在人民路"]);
    expect(report.duplicates).toBe(1);
  });

  it("hands WeCom's events to onSystemEvent, not to onMessage", async () => {
    const { inbox, received, events } = setup();
    const user = fake.kfUser(KF, "wmCITIZEN1");
    user.enterSession("src=poster");
    user.sendText("你好");
    await inbox.sync(KF);
    expect(texts(received)).toEqual(["你好"]);
    expect(events.map((e) => e.content)).toMatchObject([
      { type: "event", eventType: "enter_session", sceneParam: "src=poster" },
    ]);
  });

  it("never runs two syncs at once for one kf account; a burst of callbacks costs one extra sync", async () => {
    const { logger } = captureLogger("silent");
    const real = createWeComClient({
      apiRoot: fake.apiRoot,
      corpId: fake.corpId,
      secret: fake.kfSecret,
      logger,
    });
    let inFlight = 0;
    let maxInFlight = 0;
    const client: Pick<WeComClient, "kfSyncMsg"> = {
      kfSyncMsg: async (params) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          await new Promise((resolve) => setTimeout(resolve, 15));
          return await real.kfSyncMsg(params);
        } finally {
          inFlight--;
        }
      },
    };
    const received: string[] = [];
    const inbox = createKfInbox({
      client,
      store: memoryKfStore(),
      logger,
      onMessage: async (message) => {
        received.push(message.msgid);
      },
    });
    const user = fake.kfUser(KF, "wmCITIZEN1");
    user.sendText("一");
    user.sendText("二");

    const first = inbox.sync(KF);
    user.sendText("三");
    const burst = [1, 2, 3, 4].map(() => inbox.sync(KF));
    const [, ...reports] = await Promise.all([first, ...burst]);

    expect(maxInFlight).toBe(1);
    expect(received).toEqual(fake.kfLog(KF).map((m) => m.msgid));
    // One sync for the first callback, one shared by the four that arrived meanwhile.
    expect(new Set(reports).size).toBe(1);
  });

  it("pulls without the callback token once it has expired", async () => {
    const { inbox, received } = setup();
    fake.kfUser(KF, "wmCITIZEN1").sendText("一");
    await inbox.sync(KF, "ENCexpiredtoken");
    expect(texts(received)).toEqual(["一"]);
    expect(fake.callsOf("kf/sync_msg").map((c) => c.errcode)).toEqual([95007, 0]);
  });

  it("keeps kf accounts independent", async () => {
    const { inbox, received } = setup();
    fake.kfUser(KF, "wmA").sendText("甲");
    fake.kfUser("wkOTHER", "wmB").sendText("乙");
    await Promise.all([inbox.sync(KF), inbox.sync("wkOTHER")]);
    expect(texts(received).sort()).toEqual(["乙", "甲"].sort());
  });
});
