/**
 * A unit's photo of the fix reaches the citizen with the answer in every chat: the handler
 * uploads it on the console (multipart, as the case page does) and names it in the answer;
 * the Telegram citizen gets it as a photo (sendPhoto, against the fake Bot API), the WeChat
 * citizen as a 微信客服 image message (media/upload, then kf/send_msg), the web chat shows it
 * under the notice through a signed link that only works as signed. Photos that were not
 * uploaded for the case, or that are no photo, are refused with a clear answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MovableClock } from "../support/clock.ts";
import { startFakeWeCom, type FakeWeCom } from "../support/fake-wecom.ts";
import { startTelegramService, type TelegramService } from "../support/telegram-service.ts";
import type { TestApp } from "../support/test-app.ts";
import { waitUntil } from "../support/wait.ts";
import { signedInStaff, type ConsoleClient } from "../console/console-world.ts";
import {
  fileComplaint as fileOnWeCom,
  WeComCitizen,
  weComSetup,
} from "../channels/wecom/wecom-citizen.ts";
import { fileComplaint as fileOnWeb, PNG_BYTES, WebCitizen } from "../channels/web/web-citizen.ts";

const CLERK = { kind: "clerk", id: "clerk-li" } as const;
const ANSWER = "经现场核查，路灯线路老化，已于今日更换并恢复照明。";

/**
 * Routes case `no` to the first unit, and its handler — signed in to the console — starts it,
 * (after `beforeAnswer`) uploads `photo` and answers with it.
 */
async function answerWithPhoto(
  service: TestApp,
  handler: ConsoleClient,
  no: string,
  photo: Buffer,
  beforeAnswer?: () => Promise<void>,
): Promise<void> {
  await service.app.caseActions.act(no, { type: "route", unitId: unitOf(service) }, CLERK);
  const act = (action: object) => handler.send("POST", `/api/cases/${no}/actions`, { action });
  expect((await act({ type: "start" })).status).toBe(200);
  await beforeAnswer?.();
  const upload = await handler.send("POST", `/api/cases/${no}/unit-photos`, form(photo));
  expect(upload.status).toBe(201);
  const answered = await act({
    type: "answer",
    outcome: "support",
    text: ANSWER,
    photoIds: [upload.json.id],
  });
  expect(answered.status).toBe(200);
  // The case page shows the photo with the answer in its history, to staff only.
  const entry = answered.json.timeline.find((e: { kind: string }) => e.kind === "answered");
  expect(entry.data.photoIds).toEqual([upload.json.id]);
  const shown = await handler.get(`/api/cases/${no}/unit-photos/${upload.json.id}`);
  expect(shown.status).toBe(200);
}

/** The unit the tests' cases go to: the directory's first. */
const unitOf = (service: TestApp) => service.app.directory.units[0]!.id;

/** A multipart body with one photo, as the case page sends it. */
function form(bytes: Buffer, type = "image/png"): FormData {
  const body = new FormData();
  body.append("photo", new Blob([new Uint8Array(bytes)], { type }), "repaired.png");
  return body;
}

describe("a unit's answer photo", { timeout: 60_000 }, () => {
  // One service for every chat (a start is much of a test's time), photo links living 2 hours;
  // each test files its own case as its own citizen.
  const clock = new MovableClock();
  let wecom: FakeWeCom;
  let sender: ReturnType<typeof weComSetup>["sender"];
  let telegram: TelegramService;
  let service: TestApp;
  let handler: ConsoleClient;
  beforeAll(async () => {
    wecom = await startFakeWeCom({ clock: () => clock.now().getTime() });
    const setup = weComSetup(wecom, clock);
    sender = setup.sender;
    telegram = await startTelegramService({
      wecom: setup.wecom,
      clock,
      env: { UNIT_PHOTO_LINK_HOURS: "2" },
    });
    service = telegram.app;
    handler = await signedInStaff(service.app.db, service.url, "zhao", unitOf(service));
  });
  afterAll(async () => {
    await telegram?.stop();
    await wecom?.close();
  });

  it("reaches a Telegram citizen as a photo after the answer", async () => {
    const citizen = telegram.citizen();
    await citizen.command("/new");
    await citizen.say("项城市光明路的路灯坏了");
    await citizen.tap("对，就是这个");
    await citizen.tap("不记得了");
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");
    await citizen.tap("提交");
    const no = /ZK-\d{8}-\d{4}/.exec(citizen.text)![0];

    await answerWithPhoto(service, handler, no, PNG_BYTES);
    await waitUntil(() =>
      telegram.telegram.callsOf("sendPhoto").some((c) => c.params.chat_id === String(citizen.id)),
    );
    const sent = telegram.telegram
      .callsOf("sendPhoto")
      .find((c) => c.params.chat_id === String(citizen.id))!;
    expect((sent.params.photo as { bytes: Buffer }).bytes.equals(PNG_BYTES)).toBe(true);
    expect(sent.params.caption).toBe(`办理单位随附照片1张（编号 ${no}）`);
    // After the answer's own text, never before it.
    const texts = telegram.telegram.sentMessages(citizen.id).map((m) => m.text ?? m.caption);
    expect(texts.findIndex((t) => t?.includes(ANSWER))).toBeLessThan(
      texts.findIndex((t) => t?.startsWith("办理单位随附照片")),
    );
  });

  it("reaches a WeChat citizen as a 微信客服 image message", async () => {
    const citizen = new WeComCitizen(
      wecom,
      sender,
      () => ({ url: service.url, db: service.app.db }),
      clock,
      "wmCITIZEN1",
    );
    const no = await fileOnWeCom(citizen);

    await answerWithPhoto(service, handler, no, PNG_BYTES, async () => {
      // WeCom allows 5 messages after the citizen's last one: a word from them makes room.
      await waitUntil(
        async () =>
          (await service.app.db.outboxMessage.count({
            where: { status: "pending", case: { trackingNo: no } },
          })) === 0,
      );
      await citizen.say("你好");
    });
    await waitUntil(() => wecom.kfSent("wmCITIZEN1").some((m) => m.body.msgtype === "image"));
    const image = wecom.kfSent("wmCITIZEN1").find((m) => m.body.msgtype === "image")!;
    const media = wecom.mediaBytes((image.body.image as { media_id: string }).media_id);
    expect(media).toEqual({ bytes: PNG_BYTES, contentType: "image/png" });
  });

  it("is shown in the web chat under the notice, through a signed link", async () => {
    const citizen = new WebCitizen(service.url);
    const { trackingNo: no } = await fileOnWeb(citizen);
    // Not a photo: refused in words, nothing kept (while the case may still be answered; once
    // answered, no photo is taken at all: unit-photos-open-case.test.ts).
    const uploadNotPhoto = async () => {
      const notPhoto = await handler.send(
        "POST",
        `/api/cases/${no}/unit-photos`,
        form(Buffer.from("hello")),
      );
      expect(notPhoto).toMatchObject({ status: 400, json: { error: { code: "photo.type" } } });
    };

    await answerWithPhoto(service, handler, no, PNG_BYTES, uploadNotPhoto);
    let url: string | undefined;
    await waitUntil(async () => {
      const { messages } = await citizen.poll();
      url = messages.find((m) => m.photoUrls)?.photoUrls?.[0];
      return url !== undefined;
    });
    const photo = await fetch(`${service.url}${url}`);
    expect(photo.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await photo.arrayBuffer()).equals(PNG_BYTES)).toBe(true);
    // The signature's first character changed (to another one: it may already be "-").
    const forged = url!.replace(
      /sig=(.)/,
      (_, first: string) => `sig=${first === "-" ? "_" : "-"}`,
    );
    expect((await fetch(`${service.url}${forged}`)).status).toBe(403);
  });

  it("is behind a link that ends: a forged one is refused, an old one sends the citizen back to the page", async () => {
    const citizen = new WebCitizen(service.url);
    const { trackingNo: no } = await fileOnWeb(citizen);
    await answerWithPhoto(service, handler, no, PNG_BYTES);
    const photoLink = async () => {
      let url: string | undefined;
      await waitUntil(async () => {
        url = (await citizen.poll()).messages.find((m) => m.photoUrls)?.photoUrls?.[0];
        return url !== undefined;
      });
      return `${service.url}${url}`;
    };
    const open = (url: string, language = "zh-CN") =>
      fetch(url, { headers: { "accept-language": language } });

    const link = await photoLink();
    expect(link).toMatch(/\?exp=\d+&sig=/);
    const photo = await open(link);
    expect(photo.status).toBe(200);
    // A browser keeps it no longer than the link lives.
    expect(photo.headers.get("cache-control")).toBe("private, max-age=7200");

    // Given a later end, or another photo's signature: forged.
    const later = link.replace(/exp=(\d+)/, (_, exp: string) => `exp=${Number(exp) + 86_400}`);
    const forged = await open(later);
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain("这个照片链接不完整或已被改动");
    expect((await open(link.replace(/&sig=.*$/, ""))).status).toBe(403);

    service.clock.advance(2 * 3_600_000 + 1000);
    const expired = await open(link, "en-US,en;q=0.9");
    expect(expired.status).toBe(410);
    expect(expired.headers.get("content-type")).toContain("text/html");
    expect(await expired.text()).toContain("This photo link has expired");
    // A link from before links ended is expired too, not an error.
    expect((await open(link.replace(/exp=\d+&/, ""))).status).toBe(410);

    // The chat's history signs the photo anew when it is read.
    const fresh = await photoLink();
    expect(fresh).not.toBe(link);
    expect(Buffer.from(await (await open(fresh)).arrayBuffer()).equals(PNG_BYTES)).toBe(true);
  });
});
