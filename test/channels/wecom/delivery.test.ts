/**
 * Every citizen message is handled once, in order, whatever WeCom and the network do:
 * restarts, repeated msgids, forged, replayed and malformed callbacks, expired tokens,
 * several instances — and no turn sends more than WeCom's 5-message / 48-hour window allows.
 * The whole service against the fake WeCom server, on SQLite and PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kfCursorName } from "../../../src/channels/wecom/kf-inbox.ts";
import { kfLeaseName } from "../../../src/storage/wecom-kf-store.ts";
import { HOUR, MovableClock } from "../../support/clock.ts";
import { PROVIDERS } from "../../support/databases.ts";
import {
  createWeComCallbackSender,
  randomEncodingAesKey,
  startFakeWeCom,
  type FakeWeCom,
  type WeComCallbackSender,
} from "../../support/fake-wecom.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import {
  CALLBACK_PATH,
  deliver,
  handled,
  OPEN_KFID,
  WeComCitizen,
  weComSetup,
} from "./wecom-citizen.ts";
import { sleep, waitUntil } from "../../support/wait.ts";

describe.each(PROVIDERS)("WeCom kf delivery (%s)", { timeout: 60_000 }, (provider) => {
  let fake: FakeWeCom;
  let clock: MovableClock;
  let service: TestApp;
  let sender: WeComCallbackSender;
  let citizen: WeComCitizen;

  beforeEach(async () => {
    clock = new MovableClock();
    fake = await startFakeWeCom({ clock: () => clock.now().getTime() });
    const setup = weComSetup(fake, clock);
    sender = setup.sender;
    service = await startTestApp({ provider, wecom: setup.wecom, clock });
    const current = () => ({ url: service.url, db: service.app.db });
    citizen = new WeComCitizen(fake, sender, current, clock, "wmCITIZEN1");
  });
  afterEach(async () => {
    await service.stop();
    await fake.close();
  });

  const inboxRows = () =>
    service.app.db.inboxUpdate.findMany({
      where: { channel: "wecom" },
      orderBy: { sequence: "asc" },
    });
  const kfSends = () => fake.callsOf("kf/send_msg").length;

  it("keeps the cursor over a restart: messages sent while down are handled once, nothing repeats", async () => {
    await citizen.say("你好");
    const before = kfSends();
    await service.stop();

    clock.advance(5000);
    const file = citizen.user.clickMenu("menu:file", "我要反映问题");
    clock.advance(5000);
    const description = citizen.user.sendText("我们小区门口的路灯坏了很久了，晚上很黑");
    service = await service.another(); // pulls from the stored cursor at start
    // Both answers are read at once: the second turn may be done before the first is looked at.
    await handled(service.app.db, file.msgid);
    await citizen.waitFor(description);

    expect(citizen.text).toContain("【市政市容】");
    expect(kfSends()).toBe(before + 2);
    expect((await inboxRows()).map((r) => r.updateId)).toEqual([
      "msg000001",
      file.msgid,
      description.msgid,
    ]);
    const cursor = await service.app.db.channelCursor.findUniqueOrThrow({
      where: { name: kfCursorName(OPEN_KFID) },
    });
    expect(cursor.cursor).not.toBe("");

    // As if an instance died after storing the messages but before saving the cursor.
    await service.app.db.channelCursor.delete({ where: { name: kfCursorName(OPEN_KFID) } });
    await citizen.signal();
    await waitUntil(
      async () =>
        (await service.app.db.channelCursor.count({ where: { name: kfCursorName(OPEN_KFID) } })) ===
        1,
    );
    await sleep(200);
    expect(kfSends()).toBe(before + 2);
    expect(await inboxRows()).toHaveLength(3);
  });

  it("handles a citizen's messages in order when several arrive in one pull", async () => {
    await citizen.say("你好");
    await citizen.click("我要反映问题");
    clock.advance(5000);
    citizen.user.sendText("我们小区门口的路灯坏了很久了，晚上很黑，老人走路不方便");
    const typedOne = citizen.user.sendText("1"); // same second: must follow the description
    await citizen.act(typedOne);

    expect(citizen.text).toContain("【市政市容】");
    expect(citizen.text).toContain("这件事发生在哪里");
    const sequences = (await inboxRows()).map((r) => r.sequence);
    expect([...sequences].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(sequences);
    expect(new Set(sequences).size).toBe(sequences.length);
  });

  it("handles a message WeCom lists twice (the same msgid) once", async () => {
    await citizen.say("你好");
    const sends = kfSends();
    const copy = fake.kfLog(OPEN_KFID)[0]!;
    fake.queueKfMessage({ ...copy });
    const next = citizen.user.clickMenu("menu:help", "使用帮助");
    await citizen.act(next);

    expect(kfSends()).toBe(sends + 1);
    expect(await inboxRows()).toHaveLength(2);
  });

  it("refuses a forged callback without pulling; the next genuine one loses nothing", async () => {
    const message = citizen.user.sendText("你好");
    const { xml } = fake.kfCallbackXml(OPEN_KFID);
    const genuine = sender.post(CALLBACK_PATH, xml);
    const forged = {
      ...genuine,
      url: genuine.url.replace(
        /msg_signature=([0-9a-f])/,
        (_m, c: string) => `msg_signature=${c === "0" ? "1" : "0"}`,
      ),
    };
    expect(await deliver(service.url, forged)).toEqual({ status: 403, body: "" });
    const otherKey = createWeComCallbackSender({
      token: "CallbackToken42",
      encodingAesKey: randomEncodingAesKey(),
      corpId: fake.corpId,
      clock: () => clock.now().getTime(),
    });
    expect((await deliver(service.url, otherKey.post(CALLBACK_PATH, xml))).status).toBe(403);
    await sleep(200);
    expect(fake.callsOf("kf/sync_msg")).toHaveLength(1); // the pull at start only

    await citizen.act(message);
    expect(citizen.replies).toHaveLength(1);
  });

  it("drops a replayed callback and refuses a stale one", async () => {
    const message = citizen.user.sendText("你好");
    const { xml } = fake.kfCallbackXml(OPEN_KFID);
    const request = sender.post(CALLBACK_PATH, xml);
    expect(await deliver(service.url, request)).toEqual({ status: 200, body: "" });
    await citizen.waitFor(message);
    const pulls = fake.callsOf("kf/sync_msg").length;

    expect(await deliver(service.url, request)).toEqual({ status: 200, body: "" });
    clock.advance(10 * 60 * 1000);
    expect((await deliver(service.url, request)).status).toBe(403);
    await sleep(200);
    expect(fake.callsOf("kf/sync_msg")).toHaveLength(pulls);
    expect(citizen.replies).toHaveLength(1);
    expect(fake.kfSent()).toHaveLength(1);
  });

  it("refreshes an expired access token and pulls without an expired callback Token", async () => {
    await citizen.say("你好");
    fake.expireTokens();
    await citizen.click("使用帮助");
    expect(citizen.replies).toHaveLength(1);
    expect(fake.callsOf("gettoken")).toHaveLength(2);

    clock.advance(5000);
    const late = citizen.user.sendText("还在吗");
    const { xml } = fake.kfCallbackXml(OPEN_KFID);
    clock.advance(11 * 60 * 1000); // WeCom's callback Token lives 10 minutes
    expect((await deliver(service.url, sender.post(CALLBACK_PATH, xml))).status).toBe(200);
    await citizen.waitFor(late);
    expect(citizen.replies).toHaveLength(1);
    expect(fake.callsOf("kf/sync_msg").some((c) => c.errcode === 95007)).toBe(true);
  });

  it("answers malformed XML with 400 and processes nothing from it", async () => {
    const message = citizen.user.sendText("你好");
    const notXml = await fetch(`${service.url}${sender.post(CALLBACK_PATH, "<xml/>").url}`, {
      method: "POST",
      headers: { "content-type": "text/xml" },
      body: "<xml><Encrypt>",
    });
    expect(notXml.status).toBe(400);
    const brokenInside = sender.post(CALLBACK_PATH, "<xml><MsgType>event</MsgType><Event>");
    expect((await deliver(service.url, brokenInside)).status).toBe(400);
    await sleep(200);
    expect(fake.callsOf("kf/sync_msg")).toHaveLength(1);

    await citizen.act(message);
    expect(citizen.replies).toHaveLength(1);
  });

  it("pulls on one instance at a time and hands each message to one of them", async () => {
    const second = await service.another();
    try {
      for (let i = 0; i < 4; i++) {
        clock.advance(5000);
        citizen.user.sendText(`你好${i}`);
      }
      const last = citizen.user.sendText("你好");
      const { xml } = fake.kfCallbackXml(OPEN_KFID);
      await Promise.all([
        deliver(service.url, sender.post(CALLBACK_PATH, xml)),
        deliver(second.url, sender.post(CALLBACK_PATH, xml)),
      ]);
      await handled(service.app.db, last.msgid);
      await sleep(300);
      expect(await inboxRows()).toHaveLength(5);
      expect(fake.kfSent("wmCITIZEN1")).toHaveLength(5);
    } finally {
      await second.stop();
    }
  });

  it("waits for a lease held by an instance that died, then pulls", async () => {
    const cursor = `dead-host:1:abcd|${clock.now().getTime() + 60_000}`;
    await service.app.db.channelCursor.upsert({
      where: { name: kfLeaseName(OPEN_KFID) },
      update: { cursor },
      create: { name: kfLeaseName(OPEN_KFID), cursor },
    });
    const message = citizen.user.sendText("你好");
    await citizen.signal();
    await sleep(300);
    expect(fake.kfSent()).toHaveLength(0);

    clock.advance(61_000);
    await citizen.waitFor(message);
    expect(citizen.replies).toHaveLength(1);
  });

  it("never sends more than 5 messages after the citizen's last one", async () => {
    const burst = Array.from({ length: 7 }, (_, i) => citizen.user.sendText(`在吗${i}`));
    await citizen.signal();
    for (const message of burst) await handled(service.app.db, message.msgid);
    citizen.collect();

    expect(fake.kfSent("wmCITIZEN1")).toHaveLength(5);
    expect(fake.callsOf("kf/send_msg").every((c) => c.errcode === 0)).toBe(true);

    // The next message opens a new window.
    await citizen.say("你好");
    expect(citizen.replies).toHaveLength(1);
  });

  it("sends nothing once 48 hours have passed since the citizen's message", async () => {
    const message = citizen.user.sendText("你好");
    clock.advance(49 * HOUR);
    await citizen.act(message);
    expect(citizen.replies).toHaveLength(0);
    expect(fake.callsOf("kf/send_msg")).toHaveLength(0);
  });
});
