/**
 * A WeChat citizen files a complaint through 微信客服, from the first message to a tracking
 * number, with the real WeCom client against the fake WeCom server and the real service on a
 * real database.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MovableClock } from "../../support/clock.ts";
import {
  startFakeWeCom,
  type FakeWeCom,
  type WeComCallbackSender,
} from "../../support/fake-wecom.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import {
  CALLBACK_PATH,
  deliver,
  JPEG_BYTES,
  menuItems,
  submitWithContact,
  WeComCitizen,
  weComSetup,
} from "./wecom-citizen.ts";

describe("filing a complaint on WeChat (微信客服)", { timeout: 60_000 }, () => {
  let fake: FakeWeCom;
  let service: TestApp;
  let citizen: WeComCitizen;
  let sender: WeComCallbackSender;

  beforeEach(async () => {
    const clock = new MovableClock();
    fake = await startFakeWeCom({ clock: () => clock.now().getTime() });
    const setup = weComSetup(fake, clock);
    sender = setup.sender;
    service = await startTestApp({ wecom: setup.wecom, clock });
    const current = () => ({ url: service.url, db: service.app.db });
    citizen = new WeComCitizen(fake, sender, current, clock, "wmCITIZEN1");
  });
  afterEach(async () => {
    await service.stop();
    await fake.close();
  });

  it("answers WeCom's URL verification with the decrypted echostr only", async () => {
    const request = sender.urlVerification(CALLBACK_PATH);
    expect(await deliver(service.url, request)).toEqual({ status: 200, body: request.echo });

    const forged = sender.urlVerification(CALLBACK_PATH);
    const tampered = {
      ...forged,
      // Change the signature's first digit (to a different one: "0" stays "0" one time in 16).
      url: forged.url.replace(/msg_signature=([0-9a-f])/, (_, first: string) =>
        first === "0" ? "msg_signature=1" : "msg_signature=0",
      ),
    };
    expect((await deliver(service.url, tampered)).status).toBe(403);
  });

  it("goes from the first message to a tracking number with menu clicks and typed numbers", async () => {
    await citizen.say("你好");
    expect(citizen.replies).toHaveLength(1);
    expect(citizen.replies[0]?.body.msgtype).toBe("msgmenu");
    expect(menuItems(citizen.replies[0]!).map((i) => i.id)).toEqual([
      "menu:file",
      "menu:cases",
      "menu:help",
    ]);

    await citizen.click("我要反映问题");
    await citizen.say("我们小区门口的路灯坏了很久了，晚上很黑，老人走路不方便");
    expect(citizen.text).toContain("【市政市容】");
    expect(citizen.text).toContain("1. 对，就是这个");
    await citizen.say("1"); // typed: the first option of the last menu
    expect(citizen.text).toContain("这件事发生在哪里");
    await citizen.say("川汇区七一路和八一路交叉口东边");
    await citizen.fileAnywayIfOffered();
    await citizen.say("前天下午");
    await citizen.sendImage(fake.addMedia(JPEG_BYTES, "image/jpeg", "media-photo-1"));
    await citizen.say("１"); // a full-width digit: "照片发完了"
    expect(citizen.text).toContain("姓名和电话");
    await citizen.say("13812345678");
    await citizen.say("张秀英");
    expect(citizen.text).toContain("【类别】市政市容");
    await citizen.click("提交");

    expect(citizen.text).toContain("您的编号是：ZK-20261128-0001");
    const stored = await service.app.db.case.findUniqueOrThrow({
      where: { trackingNo: "ZK-20261128-0001" },
      include: { attachments: true, identity: true },
    });
    expect(stored).toMatchObject({
      status: "submitted",
      channel: "wecom",
      categoryCode: "municipal",
      regionCode: "chuanhui",
      address: "川汇区七一路和八一路交叉口东边",
      occurredText: "前天下午",
      anonymous: false,
      contactPhone: "13812345678",
    });
    expect(stored.description).toContain("路灯坏了很久了");
    expect(stored.identity).toMatchObject({
      channel: "wecom",
      externalId: "wmCITIZEN1",
      chatId: "wmCITIZEN1",
    });
    expect(stored.identity?.lastInboundAt).not.toBeNull();
    // The photo is the service's own copy: WeCom's media_id expires after 3 days.
    expect(stored.attachments).toMatchObject([
      {
        channel: "wecom",
        mimeType: "image/jpeg",
        storagePath: expect.stringMatching(/^uploads\//),
      },
    ]);

    // Every turn went out as one kf/send_msg (menus carry their question as head_content).
    const sent = fake.kfSent("wmCITIZEN1");
    expect(sent).toHaveLength(11);
    expect(fake.callsOf("kf/send_msg").every((c) => c.errcode === 0)).toBe(true);
  });

  it("takes a shared location at the place question", async () => {
    await citizen.say("你好");
    await citizen.click("我要反映问题");
    await citizen.say("我们小区门口的路灯坏了很久了，晚上很黑，老人走路不方便");
    await citizen.click("对，就是这个");
    await citizen.sendLocation(33.6259, 114.6496);
    expect(citizen.text).not.toContain("这件事发生在哪里");
    const dialogue = await service.app.db.dialogueState.findUniqueOrThrow({
      where: { channel_chatId: { channel: "wecom", chatId: "wmCITIZEN1" } },
    });
    expect(JSON.stringify(dialogue.state)).toContain("33.6259");
  });

  it("files a shared location with its place's name, placed in its district by the coordinates", async () => {
    await citizen.say("你好");
    await citizen.click("我要反映问题");
    await citizen.say("这里的井盖没了，晚上很危险");
    await citizen.click("对，就是这个");
    await citizen.sendLocation(33.627, 114.652, "人民公园", "东门广场");
    expect(citizen.text).toContain("收到位置，在川汇区七一路街道。");
    await citizen.say("前天下午");
    await citizen.say("1"); // no photos
    const no = await submitWithContact(citizen);

    const stored = await service.app.db.case.findUniqueOrThrow({
      where: { trackingNo: no },
      include: { suggestions: true },
    });
    expect(stored).toMatchObject({
      latitude: 33.627,
      longitude: 114.652,
      address: "人民公园（东门广场）",
      regionCode: "chuanhui",
      regionSource: "coordinates",
    });
    expect(stored.suggestions.find((s) => s.chosen)?.unitId).toBe("urban_management.chuanhui");
  });
});
