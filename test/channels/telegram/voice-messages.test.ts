/**
 * Many citizens speak rather than type. A Telegram voice message (or an audio file) is taken at
 * any text question: downloaded through the Bot API, converted by the bundled ffmpeg and, with
 * a transcription endpoint configured, shown back as words for the citizen to confirm. Without
 * one the recording is kept with the case and the citizen is asked for one line of text (or
 * may skip). Either way clerks get the recording with the case.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAudioConverter, resolveFfmpegPath } from "../../../src/voice/audio-conversion.ts";
import { PROVIDERS } from "../../support/databases.ts";
import {
  startFakeTranscription,
  type FakeTranscription,
} from "../../support/fake-transcription.ts";
import type { TelegramCitizen } from "../../support/telegram-citizen.ts";
import { startTelegramService, type TelegramService } from "../../support/telegram-service.ts";
import { makeRecordings, type Recordings } from "../../voice/recordings.ts";

const SPOKEN = "商水县某工地拖欠农民工工资";

let recordings: Recordings;
let asr: FakeTranscription;
beforeAll(async () => {
  [recordings, asr] = await Promise.all([makeRecordings(SPOKEN), startFakeTranscription()]);
});
afterAll(async () => {
  await Promise.all([recordings.remove(), asr.close()]);
});

/** From the category question to the summary, as in filing-a-complaint. */
async function answerTheRest(citizen: TelegramCitizen): Promise<void> {
  await citizen.tap("对，就是这个");
  await citizen.tap("跳过");
  await citizen.tap("不记得了");
  await citizen.tap("没有照片");
  await citizen.say("张三 13812345678");
  expect(citizen.buttons).toContain("✅ 提交");
}

async function keptRecordings(service: TelegramService, caseId: string) {
  return service.db.attachment.findMany({
    where: { caseId, mimeType: { startsWith: "audio/" } },
    orderBy: { createdAt: "asc" },
  });
}

describe.each(PROVIDERS)(
  "voice messages with a transcription endpoint (%s)",
  { timeout: 90_000 },
  (provider) => {
    let service: TelegramService;
    beforeAll(async () => {
      service = await startTelegramService({
        provider,
        env: { ASR_BASE_URL: asr.baseUrl, ASR_API_KEY: "asr-key", ASR_MODEL: "whisper-1" },
      });
    });
    afterAll(() => service.stop());

    it("shows the words back, uses them once confirmed, and files the case with the recording", async () => {
      const citizen = service.citizen();
      await citizen.command("/new");
      asr.script({ text: SPOKEN });

      await citizen.sendVoice(recordings.bytes.telegram);
      expect(citizen.text).toContain(`我听到的是：“${SPOKEN}”`);
      expect(citizen.text).toContain("对吗？");
      expect(citizen.buttons).toEqual(["对", "重说"]);
      expect(asr.heard.at(-1)).toMatchObject({
        model: "whisper-1",
        wav: { sampleRate: 16_000, channels: 1 },
      });

      await citizen.tap("对");
      expect(citizen.text).toContain("拖欠工资");
      await answerTheRest(citizen);
      await citizen.tap("提交");

      const [filed] = await citizen.cases();
      expect(filed).toMatchObject({ description: SPOKEN, categoryCode: "labor" });
      const [recording] = await keptRecordings(service, filed!.id);
      expect(recording).toMatchObject({ channel: "telegram", mimeType: "audio/ogg" });
      const kept = await readFile(path.join(service.app.dataDir, recording!.storagePath!));
      expect(kept).toEqual(recordings.bytes.telegram);
    });

    it("answers a later question by voice too, and lets the citizen say it again", async () => {
      const citizen = service.citizen();
      await citizen.command("/new");
      await citizen.say(SPOKEN);
      await citizen.tap("对，就是这个");
      await citizen.tap("跳过");
      expect(citizen.text).toContain("什么时候");

      asr.script({ text: "上个月吧" }, { text: "上个月" });
      await citizen.sendVoice(recordings.bytes.telegram);
      expect(citizen.text).toContain("我听到的是：“上个月吧”");
      await citizen.tap("重说");
      expect(citizen.text).toContain("请再说一遍");
      expect(citizen.text).toContain("什么时候");
      await citizen.sendVoice(recordings.bytes.telegram);
      await citizen.say("对");
      expect(citizen.text).toContain("照片");

      await citizen.tap("没有照片");
      await citizen.say("张三 13812345678");
      await citizen.tap("提交");
      const [filed] = await citizen.cases();
      expect(filed).toMatchObject({ description: SPOKEN, occurredText: "上个月" });
      expect(await keptRecordings(service, filed!.id)).toHaveLength(2);
    });

    it("takes an audio file (MP3) the same way", async () => {
      const citizen = service.citizen();
      await citizen.command("/new");
      const mp3 = await createAudioConverter(resolveFfmpegPath()).toMp3(recordings.bytes.telegram);
      asr.script({ text: SPOKEN });

      await citizen.sendAudio(mp3, "audio/mpeg");

      expect(citizen.text).toContain(`我听到的是：“${SPOKEN}”`);
      expect((await citizen.dialogue())?.draft?.recordings).toHaveLength(1);
    });

    it("keeps the recording and asks for text when the endpoint fails", async () => {
      const citizen = service.citizen();
      await citizen.command("/new");
      asr.script({ status: 503, message: "overloaded" });

      await citizen.sendVoice(recordings.bytes.telegram);

      expect(citizen.text).toContain("语音收到了，已经保存");
      expect(citizen.buttons).toEqual(["跳过"]);
      expect((await citizen.dialogue())?.draft?.recordings).toHaveLength(1);
    });
  },
);

describe("voice messages without a transcription endpoint", { timeout: 90_000 }, () => {
  let service: TelegramService;
  beforeAll(async () => {
    service = await startTelegramService({
      env: { VOICE_MAX_SECONDS: "10", VOICE_MAX_MB: "1" },
    });
  });
  afterAll(() => service.stop());

  it("keeps the recording with the case and asks for one line of text", async () => {
    const citizen = service.citizen();
    const heardBefore = asr.heard.length;

    await citizen.sendVoice(recordings.bytes.telegram);
    expect(citizen.text).toContain("语音收到了，已经保存");
    expect(citizen.text).toContain("请再用一句话写一下是什么事");
    expect((await citizen.dialogue())?.step).toBe("description");

    await citizen.say(SPOKEN);
    await answerTheRest(citizen);
    await citizen.tap("提交");

    const [filed] = await citizen.cases();
    expect(filed).toMatchObject({ description: SPOKEN, categoryCode: "labor" });
    expect(await keptRecordings(service, filed!.id)).toMatchObject([{ mimeType: "audio/ogg" }]);
    expect(asr.heard.length).toBe(heardBefore);
  });

  it("lets a citizen who cannot type skip: the recording speaks for them", async () => {
    const citizen = service.citizen();
    await citizen.command("/new");
    await citizen.sendVoice(recordings.bytes.telegram);

    await citizen.tap("跳过");

    const draft = (await citizen.dialogue())?.draft;
    expect(draft?.description).toBe("（语音反映，内容请听录音）");
    expect(draft?.recordings).toHaveLength(1);
    expect(citizen.text).not.toContain("语音收到了");
  });

  it("asks for the answer in writing at a later question", async () => {
    const citizen = service.citizen();
    await citizen.command("/new");
    await citizen.say(SPOKEN);
    await citizen.tap("对，就是这个");
    await citizen.tap("跳过");

    await citizen.sendVoice(recordings.bytes.telegram);

    expect(citizen.text).toContain("这个问题请用文字回答");
    expect(citizen.text).toContain("什么时候");
    expect((await citizen.dialogue())?.draft?.recordings).toHaveLength(1);
  });

  it("refuses a recording too long, too large or unreadable, saying why, and keeps the draft", async () => {
    const citizen = service.citizen();
    await citizen.command("/new");
    const before = await citizen.dialogue();

    await citizen.sendVoice(await recordings.tone(12));
    expect(citizen.text).toContain("这段语音太长了");
    await citizen.sendVoice(Buffer.concat([Buffer.from("OggS"), Buffer.alloc(1024 * 1024 + 1)]));
    expect(citizen.text).toContain("这段语音太大了");
    await citizen.sendVoice();
    expect(citizen.text).toContain("这段语音打不开");

    expect((await citizen.dialogue())?.draft).toEqual(before?.draft);
  });
});
