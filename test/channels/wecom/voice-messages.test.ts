/**
 * A WeChat citizen may speak instead of typing: a 微信客服 voice message (AMR-NB) is downloaded
 * with media/get before WeCom's media expire, kept (as MP3, which browsers play) with the case,
 * and, with a transcription endpoint, shown back as words to confirm. Without one the citizen
 * is asked for a line of text.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MovableClock } from "../../support/clock.ts";
import {
  startFakeTranscription,
  type FakeTranscription,
} from "../../support/fake-transcription.ts";
import { startFakeWeCom, type FakeWeCom } from "../../support/fake-wecom.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { makeRecordings, type Recordings } from "../../voice/recordings.ts";
import { submitWithContact, WeComCitizen, weComSetup } from "./wecom-citizen.ts";

const SPOKEN = "我们小区门口的路灯坏了很久了，晚上很黑";

let recordings: Recordings;
let asr: FakeTranscription;
beforeAll(async () => {
  [recordings, asr] = await Promise.all([makeRecordings(SPOKEN), startFakeTranscription()]);
});
afterAll(async () => {
  await Promise.all([recordings.remove(), asr.close()]);
});

describe.each([
  ["with", true],
  ["without", false],
] as const)("WeChat voice messages %s a transcription endpoint", { timeout: 90_000 }, (_, on) => {
  let fake: FakeWeCom;
  let service: TestApp;
  let setup: ReturnType<typeof weComSetup>;
  let clock: MovableClock;
  beforeAll(async () => {
    clock = new MovableClock();
    fake = await startFakeWeCom({ clock: () => clock.now().getTime() });
    setup = weComSetup(fake, clock);
    service = await startTestApp({
      wecom: setup.wecom,
      clock,
      ...(on && {
        env: { ASR_BASE_URL: asr.baseUrl, ASR_API_KEY: "asr-key", ASR_MODEL: "whisper-1" },
      }),
    });
  });
  afterAll(async () => {
    await service.stop();
    await fake.close();
  });

  it("files the complaint with the recording kept as MP3", async () => {
    const current = () => ({ url: service.url, db: service.app.db });
    const citizen = new WeComCitizen(fake, setup.sender, current, clock, `wmVOICE${on ? 1 : 2}`);
    await citizen.say("你好");
    await citizen.click("我要反映问题");
    if (on) asr.script({ text: SPOKEN });

    await citizen.sendVoice(recordings.bytes.wecom);

    if (on) {
      expect(citizen.text).toContain(`我听到的是：“${SPOKEN}”`);
      await citizen.click("对");
    } else {
      expect(citizen.text).toContain("语音收到了，已经保存");
      await citizen.say(SPOKEN);
    }
    await citizen.click("对，就是这个");
    await citizen.say("川汇区七一路和八一路交叉口东边");
    await citizen.fileAnywayIfOffered();
    await citizen.say("前天下午");
    await citizen.say("1"); // no photos
    const trackingNo = await submitWithContact(citizen);

    const filed = await service.app.db.case.findUniqueOrThrow({
      where: { trackingNo },
      include: { attachments: true },
    });
    expect(filed.description).toBe(SPOKEN);
    expect(filed.attachments).toMatchObject([{ channel: "wecom", mimeType: "audio/mpeg" }]);
  });
});
