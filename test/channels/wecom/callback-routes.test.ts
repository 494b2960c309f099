import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWeComClient, type KfMessage } from "../../../src/channels/wecom/api-client.ts";
import { weComCallbackRoutes } from "../../../src/channels/wecom/callback-routes.ts";
import { createKfInbox } from "../../../src/channels/wecom/kf-inbox.ts";
import type { WeComCallbackEvent } from "../../../src/channels/wecom/xml.ts";
import {
  createWeComCallbackSender,
  randomEncodingAesKey,
  startFakeWeCom,
  type CallbackRequest,
  type FakeWeCom,
} from "../../support/fake-wecom.ts";
import { captureLogger, memoryKfStore } from "./helpers.ts";

const PATH = "/wecom/callback";
const TOKEN = "kfCallbackToken";
const KF = "wkCITY12345";

let fake: FakeWeCom;
let app: FastifyInstance;
let encodingAesKey: string;
let events: WeComCallbackEvent[];
let logs: ReturnType<typeof captureLogger>;
let onEvent: (event: WeComCallbackEvent) => Promise<void>;

beforeEach(async () => {
  fake = await startFakeWeCom();
  encodingAesKey = randomEncodingAesKey();
  events = [];
  logs = captureLogger();
  onEvent = async (event) => {
    events.push(event);
  };
  app = Fastify({ loggerInstance: logs.logger as FastifyBaseLogger });
  await app.register(
    weComCallbackRoutes({
      path: PATH,
      token: TOKEN,
      encodingAesKey,
      corpId: fake.corpId,
      onEvent: (event) => onEvent(event),
    }),
  );
  await app.ready();
});
afterEach(async () => {
  await app.close();
  await fake.close();
});

function sender(overrides: { token?: string; encodingAesKey?: string; corpId?: string } = {}) {
  return createWeComCallbackSender({
    token: overrides.token ?? TOKEN,
    encodingAesKey: overrides.encodingAesKey ?? encodingAesKey,
    corpId: overrides.corpId ?? fake.corpId,
  });
}

function inject(request: CallbackRequest) {
  return app.inject({
    method: request.method,
    url: request.url,
    headers: request.headers,
    ...(request.body !== undefined && { payload: request.body }),
  });
}

async function settled(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
}

describe("WeCom callback routes", () => {
  it("answers URL verification with the plain echostr", async () => {
    const request = sender().urlVerification(PATH, "7261540195648812456");
    const response = await inject(request);
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe("7261540195648812456");
  });

  it("refuses URL verification signed with another token", async () => {
    const response = await inject(sender({ token: "other" }).urlVerification(PATH));
    expect(response.statusCode).toBe(403);
    expect(response.body).toBe("");
  });

  it("answers a genuine callback with an empty 200 and processes it afterwards", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    onEvent = async (event) => {
      await gate;
      events.push(event);
    };
    const { xml, token } = fake.kfCallbackXml(KF);

    const response = await inject(sender().post(PATH, xml));

    expect(response.statusCode).toBe(200);
    expect(response.body).toBe("");
    expect(events).toEqual([]); // answered before the slow work finished
    release();
    await settled();
    expect(events).toEqual([
      expect.objectContaining({ type: "kf_msg_or_event", token, openKfId: KF }),
    ]);
  });

  it("refuses a forged signature without processing", async () => {
    const request = sender({ token: "attacker" }).post(PATH, fake.kfCallbackXml(KF).xml);
    const response = await inject(request);
    await settled();
    expect(response.statusCode).toBe(403);
    expect(events).toEqual([]);
  });

  it("refuses a payload encrypted with another key or for another corp", async () => {
    const { xml } = fake.kfCallbackXml(KF);
    const wrongKey = await inject(
      sender({ encodingAesKey: randomEncodingAesKey() }).post(PATH, xml),
    );
    const wrongCorp = await inject(sender({ corpId: "wwOTHERCORP" }).post(PATH, xml));
    await settled();
    expect([wrongKey.statusCode, wrongCorp.statusCode]).toEqual([403, 403]);
    expect(events).toEqual([]);
  });

  it("processes a replayed callback once", async () => {
    const request = sender().post(PATH, fake.kfCallbackXml(KF).xml);
    const first = await inject(request);
    const replay = await inject(request);
    await settled();
    expect(first.statusCode).toBe(200);
    // Acknowledged (WeCom stops retrying) but not processed again.
    expect(replay.statusCode).toBe(200);
    expect(events).toHaveLength(1);
  });

  it("refuses a callback older than the replay window", async () => {
    const stale = String(Math.floor(Date.now() / 1000) - 600);
    const response = await inject(
      sender().post(PATH, fake.kfCallbackXml(KF).xml, { timestamp: stale }),
    );
    await settled();
    expect(response.statusCode).toBe(403);
    expect(events).toEqual([]);
  });

  it("answers malformed XML with 400 and keeps serving", async () => {
    const good = sender().post(PATH, fake.kfCallbackXml(KF).xml);
    const broken = await app.inject({
      method: "POST",
      url: good.url,
      headers: { "content-type": "text/xml" },
      payload: "<xml><Encrypt>abc</xml",
    });
    const decryptedGarbage = await inject(sender().post(PATH, "<xml><MsgType>event"));
    const noBody = await app.inject({ method: "POST", url: good.url });
    const noQuery = await app.inject({ method: "POST", url: PATH, payload: good.body ?? "" });
    expect([
      broken.statusCode,
      decryptedGarbage.statusCode,
      noBody.statusCode,
      noQuery.statusCode,
    ]).toEqual([400, 400, 400, 400]);
    expect((await inject(good)).statusCode).toBe(200);
    await settled();
    expect(events).toHaveLength(1);
  });

  it("logs a failing onEvent instead of crashing", async () => {
    onEvent = async () => {
      throw new Error("downstream unavailable");
    };
    const response = await inject(sender().post(PATH, fake.kfCallbackXml(KF).xml));
    await settled();
    expect(response.statusCode).toBe(200);
    expect(logs.text()).toContain("WeCom callback processing failed");
  });
});

describe("WeCom end to end over HTTP", () => {
  it("callback → sync_msg pull → handler gets the citizen's messages; staff card click → card updated", async () => {
    const { logger } = captureLogger("silent");
    const kfClient = createWeComClient({
      apiRoot: fake.apiRoot,
      corpId: fake.corpId,
      secret: fake.kfSecret,
      logger,
    });
    const agentClient = createWeComClient({
      apiRoot: fake.apiRoot,
      corpId: fake.corpId,
      secret: fake.agentSecret,
      logger,
    });
    const received: KfMessage[] = [];
    const store = memoryKfStore();
    const inbox = createKfInbox({
      client: kfClient,
      store,
      logger,
      onMessage: async (message) => {
        received.push(message);
      },
    });
    let done!: () => void;
    const processed = new Promise<void>((resolve) => (done = resolve));
    onEvent = async (event) => {
      if (event.type === "kf_msg_or_event") await inbox.sync(event.openKfId, event.token);
      if (event.type === "template_card_event" && event.responseCode) {
        await agentClient.updateTemplateCard({
          userids: [event.fromUserName],
          agentid: fake.agentId,
          response_code: event.responseCode,
          button: { replace_name: "已接收" },
        });
      }
      done();
    };
    const address = await app.listen({ port: 0, host: "127.0.0.1" });
    const post = (request: CallbackRequest) =>
      fetch(`${address}${request.url}`, {
        method: "POST",
        headers: request.headers,
        body: request.body ?? null,
      });

    const citizen = fake.kfUser(KF, "wmCITIZEN1");
    citizen.sendText("人民路上的路灯坏了很久了");
    citizen.sendLocation(31.23, 121.47, "人民路");
    const kfResponse = await post(sender().post(PATH, fake.kfCallbackXml(KF).xml));
    expect(kfResponse.status).toBe(200);
    expect(await kfResponse.text()).toBe("");
    await processed;
    expect(received.map((m) => m.content.type)).toEqual(["text", "location"]);

    const sent = await agentClient.messageSend({
      touser: ["zhangsan"],
      agentid: fake.agentId,
      msgtype: "template_card",
      template_card: {
        card_type: "button_interaction",
        main_title: { title: "新诉求" },
        task_id: "case-1",
        button_list: [{ text: "接收", key: "accept:1" }],
      },
    });
    expect(sent.responseCode).toBeDefined();
    const cardProcessed = new Promise<void>((resolve) => (done = resolve));
    const click = fake.pressCardButton("zhangsan", "case-1", "accept:1");
    const cardResponse = await post(
      sender().post(PATH, click.xml, { agentId: String(fake.agentId) }),
    );
    expect(cardResponse.status).toBe(200);
    await cardProcessed;
    expect(fake.cardUpdates()).toEqual([
      expect.objectContaining({
        response_code: click.responseCode,
        button: { replace_name: "已接收" },
      }),
    ]);
  });
});
