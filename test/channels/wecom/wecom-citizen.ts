import { expect } from "vitest";
import type { Db } from "../../../src/storage/database.ts";
import {
  startFakeWeCom,
  createWeComCallbackSender,
  randomEncodingAesKey,
  type CallbackRequest,
  type FakeKfUser,
  type FakeWeCom,
  type KfSent,
  type WeComCallbackSender,
  type WireKfMessage,
} from "../../support/fake-wecom.ts";
import { MovableClock } from "../../support/clock.ts";
import { startTestApp, type TestApp, type TestWeCom } from "../../support/test-app.ts";

export const OPEN_KFID = "wkCITY12345";

/** A photo as WeChat sends it: JPEG magic bytes, then some content. */
export const JPEG_BYTES = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.from("a street light that has been dark for a month"),
]);
export const CALLBACK_PATH = "/wecom/callback";

/** Callback settings for a test app and a sender that signs as WeCom does, on the app's clock. */
export function weComSetup(
  fake: FakeWeCom,
  clock: MovableClock,
): { wecom: TestWeCom; sender: WeComCallbackSender } {
  const wecom = {
    fake,
    token: "CallbackToken42",
    encodingAesKey: randomEncodingAesKey(),
    openKfId: OPEN_KFID,
  };
  const sender = createWeComCallbackSender({
    token: wecom.token,
    encodingAesKey: wecom.encodingAesKey,
    corpId: fake.corpId,
    clock: () => clock.now().getTime(),
  });
  return { wecom, sender };
}

/** The service with WeCom on, against the fake WeCom server, and one citizen writing to it. */
export interface WeComCitizenWorld {
  readonly fake: FakeWeCom;
  readonly service: TestApp;
  /** The clock of the service and of the fake WeCom alike. */
  readonly clock: MovableClock;
  /** Signs callbacks as WeCom does. */
  readonly sender: WeComCallbackSender;
  /** The WeChat citizen `wmCITIZEN1` in 微信客服. */
  readonly citizen: WeComCitizen;
  stop(): Promise<void>;
}

/**
 * Starts the fake WeCom server and the service on it, on one movable clock; `env` adds to the
 * service's environment (the self-built app's id and secret, say), given the fake.
 */
export async function startWeComCitizenWorld(
  env: (fake: FakeWeCom) => Record<string, string> = () => ({}),
): Promise<WeComCitizenWorld> {
  const clock = new MovableClock();
  const fake = await startFakeWeCom({ clock: () => clock.now().getTime() });
  const { wecom, sender } = weComSetup(fake, clock);
  const service = await startTestApp({ wecom, clock, env: env(fake) });
  const current = () => ({ url: service.url, db: service.app.db });
  return {
    fake,
    service,
    clock,
    sender,
    citizen: new WeComCitizen(fake, sender, current, clock, "wmCITIZEN1"),
    async stop() {
      await service.stop();
      await fake.close();
    },
  };
}

/** Sends a prepared callback request to the running service. */
export async function deliver(
  baseUrl: string,
  request: CallbackRequest,
): Promise<{ status: number; body: string }> {
  const response = await fetch(`${baseUrl}${request.url}`, {
    method: request.method,
    headers: request.headers,
    ...(request.body !== undefined && { body: request.body }),
  });
  return { status: response.status, body: await response.text() };
}

/** Waits until the service has handled the kf message `msgid` (processed in the inbox). */
export async function handled(db: Db, msgid: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await db.inboxUpdate.findUnique({
      where: { channel_updateId: { channel: "wecom", updateId: msgid } },
      select: { processedAt: true },
    });
    if (row?.processedAt) return;
    if (Date.now() > deadline) throw new Error(`kf message ${msgid} was not handled in time`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The readable text of a kf/send_msg body (text, or a menu's head, items and tail). */
export function sentText(sent: { readonly body: object }): string {
  const body = sent.body as {
    text?: { content: string };
    msgmenu?: {
      head_content?: string;
      list: Array<{ click: { content: string } }>;
      tail_content?: string;
    };
  };
  if (body.text) return body.text.content;
  const menu = body.msgmenu;
  if (!menu) return "";
  return [
    menu.head_content ?? "",
    ...menu.list.map((i) => i.click.content),
    menu.tail_content ?? "",
  ]
    .filter(Boolean)
    .join("\n");
}

/** The click items of a kf/send_msg menu. */
export function menuItems(sent: { readonly body: object }): Array<{ id: string; content: string }> {
  const menu = (
    sent.body as { msgmenu?: { list: Array<{ click: { id: string; content: string } }> } }
  ).msgmenu;
  return menu ? menu.list.map((i) => i.click) : [];
}

/**
 * A WeChat user chatting with the bureau's customer-service account through the fake WeCom
 * server: each action queues the message, posts WeCom's signed callback to the service,
 * waits until the service handled it, then `replies` holds what the service sent back.
 */
export class WeComCitizen {
  readonly user: FakeKfUser;
  private seen = 0;
  replies: KfSent[] = [];

  constructor(
    private readonly fake: FakeWeCom,
    private readonly sender: WeComCallbackSender,
    private readonly service: () => { url: string; db: Db },
    private readonly clock: MovableClock,
    readonly id: string,
  ) {
    this.user = fake.kfUser(OPEN_KFID, id);
  }

  get text(): string {
    return this.replies.map(sentText).join("\n");
  }

  /**
   * A second filing of the same problem at the same place is first shown the open case
   * (附议): "不是" files anew, as the tests of filing expect.
   */
  async fileAnywayIfOffered(): Promise<void> {
    if (this.text.includes("附近已经有人反映过同类的问题")) await this.say("不是");
  }

  say(text: string): Promise<void> {
    this.pause();
    return this.act(this.user.sendText(text));
  }

  /** Taps the newest menu item whose text contains `label`. */
  click(label: string): Promise<void> {
    for (const sent of this.fake.kfSent(this.id).reverse()) {
      const item = menuItems(sent).find((i) => i.content.includes(label));
      if (item) {
        this.pause();
        return this.act(this.user.clickMenu(item.id, item.content));
      }
    }
    throw new Error(`no menu item "${label}" in the chat; the service last said:\n${this.text}`);
  }

  /** Sends an image; without a media id, a small JPEG the fake registers as its media. */
  sendImage(mediaId?: string): Promise<void> {
    this.pause();
    return this.act(this.user.sendImage(mediaId));
  }

  /** Sends a voice message (AMR-NB bytes). */
  sendVoice(amr: Buffer): Promise<void> {
    this.pause();
    return this.act(this.user.sendVoice(amr));
  }

  /** Sends a file (a PDF, or a picture chosen as a file). */
  sendFile(bytes: Buffer, contentType: string): Promise<void> {
    this.pause();
    return this.act(this.user.sendFile(bytes, contentType));
  }

  /** Shares a location as WeChat sends it: the point with the place's name and address. */
  sendLocation(
    latitude: number,
    longitude: number,
    name = "某地",
    address = "某路",
  ): Promise<void> {
    this.pause();
    return this.act(this.user.sendLocation(latitude, longitude, name, address));
  }

  /** People take a few seconds between messages (and WeCom's send_time has seconds). */
  pause(ms = 5000): void {
    this.clock.advance(ms);
  }

  /** Posts the kf_msg_or_event callback WeCom sends after new messages; expects 200. */
  async signal(): Promise<void> {
    const { xml } = this.fake.kfCallbackXml(OPEN_KFID);
    const answer = await deliver(this.service().url, this.sender.post(CALLBACK_PATH, xml));
    expect(answer).toEqual({ status: 200, body: "" });
  }

  async act(message: WireKfMessage): Promise<void> {
    await this.signal();
    await this.waitFor(message);
  }

  async waitFor(message: WireKfMessage): Promise<void> {
    await handled(this.service().db, message.msgid);
    this.collect();
  }

  /** Moves what was sent since the last look into `replies`. */
  collect(): void {
    const all = this.fake.kfSent(this.id);
    this.replies = all.slice(this.seen);
    this.seen = all.length;
  }
}

/** Files the street-light complaint; returns its tracking number. */
export async function fileComplaint(citizen: WeComCitizen): Promise<string> {
  await citizen.say("你好");
  await citizen.click("我要反映问题");
  await citizen.say("我们小区门口的路灯坏了很久了，晚上很黑，老人走路不方便");
  await citizen.say("1");
  await citizen.say("川汇区七一路和八一路交叉口东边");
  await citizen.fileAnywayIfOffered();
  await citizen.say("前天下午");
  await citizen.say("1"); // no photos
  return submitWithContact(citizen);
}

/** From the contact question on: phone, name, 提交; returns the tracking number. */
export async function submitWithContact(citizen: WeComCitizen): Promise<string> {
  await citizen.say("13812345678");
  await citizen.say("张秀英");
  await citizen.click("提交");
  const match = /ZK-\d{8}-\d{4}/.exec(citizen.text);
  if (!match) throw new Error(`no tracking number in:\n${citizen.text}`);
  return match[0];
}
