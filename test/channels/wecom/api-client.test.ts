import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  createWeComClient,
  KfBodySchema,
  KfSendMessageSchema,
  MEDIA_MAX_BYTES,
  type KfBody,
  type KfSendMessage,
  type WeComClient,
} from "../../../src/channels/wecom/api-client.ts";
import { WeComError } from "../../../src/channels/wecom/errors.ts";
import { isAppError } from "../../../src/errors.ts";
import { startFakeWeCom, type FakeWeCom } from "../../support/fake-wecom.ts";
import { captureLogger, manualClock } from "./helpers.ts";

const KF = "wkCITY12345";

let fake: FakeWeCom;
let clock: ReturnType<typeof manualClock>;
let logs: ReturnType<typeof captureLogger>;

beforeEach(async () => {
  clock = manualClock();
  fake = await startFakeWeCom({ clock: clock.now });
  logs = captureLogger();
});
afterEach(async () => {
  await fake.close();
});

function kfClient(overrides: { timeoutMs?: number } = {}): WeComClient {
  return createWeComClient({
    apiRoot: fake.apiRoot,
    corpId: fake.corpId,
    secret: fake.kfSecret,
    logger: logs.logger,
    clock: clock.now,
    ...overrides,
  });
}

function agentClient(): WeComClient {
  return createWeComClient({
    apiRoot: fake.apiRoot,
    corpId: fake.corpId,
    secret: fake.agentSecret,
    logger: logs.logger,
    clock: clock.now,
  });
}

async function failure(promise: Promise<unknown>): Promise<WeComError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WeComError) return error;
    throw error;
  }
  throw new Error("expected a WeComError");
}

describe("WeCom API client: access token", () => {
  it("fetches one token and reuses it until shortly before it expires", async () => {
    const client = kfClient();
    fake.kfUser(KF, "wmUSER1");
    await client.kfSyncMsg({ openKfId: KF });
    await client.kfSyncMsg({ openKfId: KF });
    expect(fake.callsOf("gettoken")).toHaveLength(1);

    clock.advance((7200 - 301) * 1000);
    await client.kfSyncMsg({ openKfId: KF });
    expect(fake.callsOf("gettoken")).toHaveLength(1);
    clock.advance(2000);
    await client.kfSyncMsg({ openKfId: KF });
    expect(fake.callsOf("gettoken")).toHaveLength(2);
  });

  it("refreshes an expired token transparently with one retry of the call", async () => {
    const client = kfClient();
    fake.kfUser(KF, "wmUSER1").sendText("第一条");
    await client.kfSyncMsg({ openKfId: KF });
    fake.expireTokens();

    const page = await client.kfSyncMsg({ openKfId: KF });

    expect(page.messages).toHaveLength(1);
    expect(fake.callsOf("gettoken")).toHaveLength(2);
    expect(fake.callsOf("kf/sync_msg").map((c) => c.errcode)).toEqual([0, 42001, 0]);
  });

  it("retries only once: a token refused twice surfaces as a transient token error", async () => {
    const client = kfClient();
    fake.kfUser(KF, "wmUSER1");
    fake.failNext("kf/sync_msg", 2, { errcode: 40014, errmsg: "invalid access_token" });
    const error = await failure(client.kfSyncMsg({ openKfId: KF }));
    expect(error).toMatchObject({ reason: "token", errcode: 40014, permanent: false });
    expect(fake.callsOf("kf/sync_msg")).toHaveLength(2);
  });

  it("shares one refresh among concurrent calls", async () => {
    const client = kfClient();
    fake.kfUser(KF, "wmUSER1");
    await Promise.all(Array.from({ length: 8 }, () => client.kfSyncMsg({ openKfId: KF })));
    expect(fake.callsOf("gettoken")).toHaveLength(1);

    fake.expireTokens();
    await Promise.all(Array.from({ length: 8 }, () => client.kfSyncMsg({ openKfId: KF })));
    expect(fake.callsOf("gettoken")).toHaveLength(2);
    expect(fake.callsOf("kf/sync_msg").filter((c) => c.errcode === 0)).toHaveLength(16);
  });

  it("reports a wrong secret as a permanent error without looping", async () => {
    const client = createWeComClient({
      apiRoot: fake.apiRoot,
      corpId: fake.corpId,
      secret: "wrong",
      logger: logs.logger,
    });
    const error = await failure(client.kfSyncMsg({ openKfId: KF }));
    expect(error).toMatchObject({ method: "gettoken", errcode: 40001, permanent: true });
    expect(fake.callsOf("gettoken")).toHaveLength(1);
    expect(fake.callsOf("kf/sync_msg")).toHaveLength(0);
  });

  it("never logs the secret or the access token", async () => {
    const client = kfClient();
    fake.kfUser(KF, "wmUSER1");
    await client.kfSyncMsg({ openKfId: KF });
    const token = fake.callsOf("kf/sync_msg")[0]?.accessToken ?? "";
    expect(token).not.toBe("");
    expect(logs.text()).not.toContain(token);
    expect(logs.text()).not.toContain(fake.kfSecret);
  });
});

describe("WeCom API client: errors", () => {
  it.each([
    ["system busy (-1)", { errcode: -1 }, "busy"],
    ["rate limit (45009)", { errcode: 45009 }, "rate_limited"],
    ["HTTP 500", { status: 500 as const }, "http"],
  ])("tells %s as transient", async (_name, fault, reason) => {
    const client = kfClient();
    fake.kfUser(KF, "wmUSER1");
    fake.failNext("kf/sync_msg", 1, fault);
    const error = await failure(client.kfSyncMsg({ openKfId: KF }));
    expect(error).toMatchObject({ permanent: false, reason });
    expect(isAppError(error, "channel.transient")).toBe(true);
    // No automatic retry: the caller's outbound queue decides.
    expect(fake.callsOf("kf/sync_msg")).toHaveLength(1);
  });

  it("tells a timeout as transient", async () => {
    const client = kfClient({ timeoutMs: 100 });
    fake.kfUser(KF, "wmUSER1");
    await client.accessToken();
    fake.failNext("kf/sync_msg", 1, { delayMs: 10_000 });
    const error = await failure(client.kfSyncMsg({ openKfId: KF }));
    expect(error).toMatchObject({ permanent: false, reason: "timeout" });
  });

  it("tells an unknown errcode as permanent", async () => {
    const client = kfClient();
    fake.kfUser(KF, "wmUSER1");
    fake.failNext("kf/send_msg", 1, { errcode: 40003, errmsg: "invalid userid" });
    const error = await failure(
      client.kfSendMsg({ touser: "wmX", open_kfid: KF, msgtype: "text", text: { content: "x" } }),
    );
    expect(error).toMatchObject({ permanent: true, reason: "rejected", errcode: 40003 });
    expect(isAppError(error, "channel.permanent")).toBe(true);
  });

  it("refuses a request beyond WeCom's limits before sending it", async () => {
    const client = kfClient();
    const error = await failure(
      client.kfSendMsg({
        touser: "wmX",
        open_kfid: KF,
        msgtype: "text",
        text: { content: "长".repeat(700) }, // 2100 bytes > 2048
      }),
    );
    expect(error).toMatchObject({ permanent: true, reason: "invalid_request" });
    expect(fake.calls).toHaveLength(0);
  });
});

describe("WeCom API client: the kf/send_msg schema", () => {
  const address = { touser: "wmX", open_kfid: KF, msgid: "n1" };
  const bodies: KfBody[] = [
    { msgtype: "text", text: { content: "您好" } },
    {
      msgtype: "msgmenu",
      msgmenu: { list: [{ type: "click", click: { id: "a", content: "1. 是" } }] },
    },
    { msgtype: "image", image: { media_id: "m1" } },
    { msgtype: "file", file: { media_id: "m2" } },
  ];

  it("checks every kind's body and the addressing each kind carries", () => {
    for (const body of bodies) {
      expect(KfBodySchema.parse(body)).toEqual(body);
      expect(KfSendMessageSchema.parse({ ...address, ...body })).toEqual({ ...address, ...body });
      expect(KfSendMessageSchema.safeParse(body).success).toBe(false);
      expect(KfSendMessageSchema.safeParse({ ...address, ...body, msgid: "a b" }).success).toBe(
        false,
      );
      expect(KfSendMessageSchema.safeParse({ ...address, ...body, touser: "" }).success).toBe(
        false,
      );
    }
    expect(
      KfSendMessageSchema.safeParse({ ...address, msgtype: "image", file: { media_id: "m" } })
        .success,
    ).toBe(false);
  });

  it("infers each kind's own body from its msgtype", () => {
    type Image = Extract<KfSendMessage, { msgtype: "image" }>;
    expectTypeOf<Image["image"]>().toEqualTypeOf<{ media_id: string }>();
    expectTypeOf<Image["touser"]>().toEqualTypeOf<string>();
    expectTypeOf<Extract<KfBody, { msgtype: "text" }>>().toEqualTypeOf<{
      msgtype: "text";
      text: { content: string };
    }>();
    expectTypeOf<KfSendMessage["msgtype"]>().toEqualTypeOf<"text" | "msgmenu" | "image" | "file">();
  });
});

describe("WeCom API client: 微信客服 messages", () => {
  it("pulls the user's text, location, image and menu click in order", async () => {
    const client = kfClient();
    const user = fake.kfUser(KF, "wmCITIZEN1");
    user.sendText("小区路灯坏了");
    user.sendLocation(31.2304, 121.4737, "人民广场", "黄浦区人民大道");
    user.sendImage("media-001");
    user.clickMenu("category.municipal", "市政设施");

    const page = await client.kfSyncMsg({ openKfId: KF });

    expect(page.hasMore).toBe(false);
    expect(page.messages.map((m) => m.content)).toEqual([
      { type: "text", text: "小区路灯坏了", menuId: undefined },
      {
        type: "location",
        latitude: 31.2304,
        longitude: 121.4737,
        name: "人民广场",
        address: "黄浦区人民大道",
      },
      { type: "image", mediaId: "media-001" },
      { type: "text", text: "市政设施", menuId: "category.municipal" },
    ]);
    expect(page.messages[0]).toMatchObject({
      openKfId: KF,
      externalUserId: "wmCITIZEN1",
      origin: 3,
    });
    expect(fake.callsOf("kf/sync_msg")[0]?.body).toMatchObject({ open_kfid: KF, limit: 1000 });
  });

  it("sends a text and a menu exactly as WeCom receives them", async () => {
    const client = kfClient();
    fake.kfUser(KF, "wmCITIZEN1").sendText("你好");

    const text = await client.kfSendMsg({
      touser: "wmCITIZEN1",
      open_kfid: KF,
      msgtype: "text",
      text: { content: "您好，请描述您的诉求。" },
    });
    await client.kfSendMsg({
      touser: "wmCITIZEN1",
      open_kfid: KF,
      msgtype: "msgmenu",
      msgmenu: {
        head_content: "请选择诉求类别：",
        list: [
          { type: "click", click: { id: "cat.municipal", content: "市政设施" } },
          { type: "click", click: { id: "cat.environment", content: "环境保护" } },
        ],
        tail_content: "也可以直接输入文字。",
      },
    });

    expect(text.msgid).not.toBe("");
    expect(fake.kfSent("wmCITIZEN1").map((m) => m.body)).toEqual([
      {
        touser: "wmCITIZEN1",
        open_kfid: KF,
        msgtype: "text",
        text: { content: "您好，请描述您的诉求。" },
      },
      {
        touser: "wmCITIZEN1",
        open_kfid: KF,
        msgtype: "msgmenu",
        msgmenu: {
          head_content: "请选择诉求类别：",
          list: [
            { type: "click", click: { id: "cat.municipal", content: "市政设施" } },
            { type: "click", click: { id: "cat.environment", content: "环境保护" } },
          ],
          tail_content: "也可以直接输入文字。",
        },
      },
    ]);
  });

  it("surfaces the 5-message limit as a permanent 'not reachable' error", async () => {
    const client = kfClient();
    const user = fake.kfUser(KF, "wmCITIZEN1");
    user.sendText("你好");
    const send = (content: string) =>
      client.kfSendMsg({ touser: "wmCITIZEN1", open_kfid: KF, msgtype: "text", text: { content } });
    for (let i = 1; i <= 5; i++) await send(`回复${i}`);

    const error = await failure(send("第六条"));

    expect(error).toMatchObject({ reason: "not_reachable", permanent: true, errcode: 95001 });
    user.sendText("还在吗");
    await expect(send("在的")).resolves.toBeDefined();
  });

  it("surfaces the 48-hour window as a permanent 'not reachable' error", async () => {
    const client = kfClient();
    fake.kfUser(KF, "wmCITIZEN1").sendText("你好");
    clock.advance(48 * 3600 * 1000 + 1000);
    const error = await failure(
      client.kfSendMsg({
        touser: "wmCITIZEN1",
        open_kfid: KF,
        msgtype: "text",
        text: { content: "您的诉求已办结" },
      }),
    );
    expect(error).toMatchObject({ reason: "not_reachable", permanent: true });
    expect(fake.kfSent()).toHaveLength(0);
  });

  it("keeps message texts and contents out of the logs", async () => {
    const client = kfClient();
    fake.kfUser(KF, "wmCITIZEN1").sendText("我的电话是13800138000");
    await client.kfSyncMsg({ openKfId: KF });
    await client.kfSendMsg({
      touser: "wmCITIZEN1",
      open_kfid: KF,
      msgtype: "text",
      text: { content: "收到您的来电号码" },
    });
    expect(logs.text()).not.toContain("13800138000");
    expect(logs.text()).not.toContain("收到您的来电号码");
  });
});

describe("WeCom API client: staff app messages and template cards", () => {
  const card = {
    card_type: "button_interaction" as const,
    main_title: { title: "新诉求待分派", desc: "编号 20260105-0001" },
    sub_title_text: "市政设施 · 黄浦区",
    horizontal_content_list: [{ keyname: "期限", value: "2026-01-12" }],
    task_id: "case-20260105-0001",
    button_list: [
      { text: "接收", style: 1, key: "accept:20260105-0001" },
      { text: "退回", style: 2, key: "reject:20260105-0001" },
    ],
  };

  it("sends a button card to staff and updates it with the click's response code", async () => {
    const client = agentClient();
    const sent = await client.messageSend({
      touser: ["zhangsan", "lisi"],
      agentid: fake.agentId,
      msgtype: "template_card",
      template_card: card,
    });
    expect(sent.responseCode).toBeDefined();
    expect(sent.invalidUsers).toEqual([]);
    expect(fake.appSent()[0]?.body).toMatchObject({
      touser: "zhangsan|lisi",
      agentid: fake.agentId,
      msgtype: "template_card",
      template_card: card,
    });

    const click = fake.pressCardButton("zhangsan", card.task_id, "accept:20260105-0001");
    await client.updateTemplateCard({
      userids: ["zhangsan", "lisi"],
      agentid: fake.agentId,
      response_code: click.responseCode,
      button: { replace_name: "已由张三接收" },
    });
    expect(fake.cardUpdates()).toEqual([
      {
        userids: ["zhangsan", "lisi"],
        agentid: fake.agentId,
        response_code: click.responseCode,
        button: { replace_name: "已由张三接收" },
      },
    ]);

    // A response code is good for one update only.
    const again = await failure(
      client.updateTemplateCard({
        agentid: fake.agentId,
        response_code: click.responseCode,
        button: { replace_name: "x" },
      }),
    );
    expect(again).toMatchObject({ permanent: true, reason: "rejected" });
  });

  it("sends a text to staff", async () => {
    const client = agentClient();
    await client.messageSend({
      touser: ["zhangsan"],
      agentid: fake.agentId,
      msgtype: "text",
      text: { content: "您有 3 件诉求即将超期" },
    });
    expect(fake.appSent()[0]?.body).toMatchObject({
      touser: "zhangsan",
      msgtype: "text",
      text: { content: "您有 3 件诉求即将超期" },
    });
  });

  it("refuses a card without buttons before sending it", async () => {
    const client = agentClient();
    const error = await failure(
      client.messageSend({
        touser: ["zhangsan"],
        agentid: fake.agentId,
        msgtype: "template_card",
        template_card: { ...card, button_list: [] },
      }),
    );
    expect(error.reason).toBe("invalid_request");
  });
});

describe("WeCom API client: media/get (a citizen's image)", () => {
  const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1000, 1)]);

  it("downloads the media's bytes with the content type WeCom declares", async () => {
    const client = kfClient();
    const mediaId = fake.addMedia(JPEG, "image/jpeg");

    const media = await client.mediaGet(mediaId);

    expect(media.bytes).toEqual(JPEG);
    expect(media.contentType).toBe("image/jpeg");
    expect(fake.callsOf("media/get")).toMatchObject([{ query: { media_id: mediaId }, errcode: 0 }]);
  });

  it("refreshes an expired token transparently with one retry of the download", async () => {
    const client = kfClient();
    const mediaId = fake.addMedia(JPEG);
    await client.accessToken();
    fake.expireTokens();

    expect((await client.mediaGet(mediaId)).bytes).toEqual(JPEG);
    expect(fake.callsOf("gettoken")).toHaveLength(2);
    expect(fake.callsOf("media/get").map((c) => c.errcode)).toEqual([42001, 0]);
  });

  it("surfaces an unknown or expired media_id (40007, a JSON body) as a permanent error", async () => {
    const client = kfClient();
    const unknown = await failure(client.mediaGet("no-such-media"));
    expect(unknown).toMatchObject({
      method: "media/get",
      errcode: 40007,
      reason: "rejected",
      permanent: true,
    });

    const mediaId = fake.addMedia(JPEG);
    clock.advance(3 * 24 * 3600 * 1000); // WeCom keeps temporary media for 3 days
    expect(await failure(client.mediaGet(mediaId))).toMatchObject({
      errcode: 40007,
      permanent: true,
    });
  });

  it("tells an HTTP 503 as transient, without retrying", async () => {
    const client = kfClient();
    const mediaId = fake.addMedia(JPEG);
    fake.failNext("media/get", 1, { status: 503 });
    const error = await failure(client.mediaGet(mediaId));
    expect(error).toMatchObject({ reason: "http", httpStatus: 503, permanent: false });
    expect(fake.callsOf("media/get")).toHaveLength(1);
  });

  it("accepts a file of 10 MB and refuses a larger one as permanent, declared or not", async () => {
    const atLimit = fake.addMedia(Buffer.alloc(MEDIA_MAX_BYTES, 0xff));
    expect((await kfClient().mediaGet(atLimit)).bytes).toHaveLength(MEDIA_MAX_BYTES);

    const tooBig = fake.addMedia(Buffer.alloc(MEDIA_MAX_BYTES + 1, 0xff));
    const declared = await failure(kfClient().mediaGet(tooBig));
    expect(declared).toMatchObject({ method: "media/get", reason: "too_large", permanent: true });

    // Without a Content-Length the client stops reading once the limit is passed.
    const withoutLength: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const headers = new Headers(response.headers);
      headers.delete("content-length");
      return new Response(response.body, { status: response.status, headers });
    };
    const client = createWeComClient({
      apiRoot: fake.apiRoot,
      corpId: fake.corpId,
      secret: fake.kfSecret,
      logger: logs.logger,
      clock: clock.now,
      fetch: withoutLength,
    });
    expect(await failure(client.mediaGet(tooBig))).toMatchObject({
      reason: "too_large",
      permanent: true,
    });
  });
});
