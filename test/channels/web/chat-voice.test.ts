/**
 * Hold-to-talk in the web chat through the API, as the page posts a recording: the same voice
 * path as Telegram's and WeChat's. With a transcription endpoint (the fake) the words are shown
 * back for confirmation and used once confirmed; without one the recording is kept and a line
 * of text is asked for. The citizen's recording plays back in their own chat only.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startFakeTranscription,
  type FakeTranscription,
} from "../../support/fake-transcription.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { makeRecordings, SPOKEN, type Recordings } from "../../voice/recordings.ts";
import { WebCitizen } from "./web-citizen.ts";

let recordings: Recordings;
let asr: FakeTranscription;

beforeAll(async () => {
  [recordings, asr] = await Promise.all([makeRecordings(), startFakeTranscription()]);
});
afterAll(async () => {
  await asr.close();
  await recordings.remove();
});

async function atDescription(service: TestApp): Promise<WebCitizen> {
  const citizen = new WebCitizen(service.url);
  await citizen.open();
  await citizen.start();
  await citizen.tap("我要反映问题");
  return citizen;
}

describe("hold-to-talk with a transcription endpoint", { timeout: 90_000 }, () => {
  let service: TestApp;
  beforeAll(async () => {
    service = await startTestApp({
      env: { ASR_BASE_URL: asr.baseUrl, ASR_API_KEY: "asr-key", ASR_MODEL: "whisper-1" },
    });
  });
  afterAll(() => service.stop());

  it("shows the words back, plays the recording in the chat, and uses the words once confirmed", async () => {
    const citizen = await atDescription(service);
    asr.script({ text: SPOKEN });
    const eventId = randomUUID();

    const answer = await citizen.uploadVoice(
      recordings.bytes.browser,
      "voice.webm",
      "audio/webm",
      eventId,
    );

    expect(answer.status).toBe(200);
    expect(citizen.text).toContain(`我听到的是：“${SPOKEN}”`);
    expect(asr.heard.at(-1)).toMatchObject({ model: "whisper-1", wav: { sampleRate: 16_000 } });
    const own = answer.body.messages!.find((m) => m.author === "citizen")!;
    expect(own).toMatchObject({
      kind: "voice",
      audioUrl: expect.stringMatching(/^\/chat\/voice\/[0-9a-f]{32}$/),
    });
    const played = await citizen.fetch(own.audioUrl!);
    expect(played.status).toBe(200);
    expect(played.headers.get("content-type")).toBe("audio/webm");
    expect(Buffer.from(await played.arrayBuffer())).toEqual(recordings.bytes.browser);
    // Another session never gets it.
    const stranger = new WebCitizen(service.url);
    await stranger.open();
    expect((await stranger.fetch(own.audioUrl!)).status).toBe(404);

    // A retried upload is answered from the log: one turn, one recording.
    const heard = asr.heard.length;
    const retried = await citizen.uploadVoice(
      recordings.bytes.browser,
      "voice.webm",
      "audio/webm",
      eventId,
    );
    expect(retried.body.messages!.map((m) => m.id)).toEqual(answer.body.messages!.map((m) => m.id));
    expect(asr.heard.length).toBe(heard);

    await citizen.tap("对");
    expect(citizen.text).toContain("我理解您反映的是【市政市容】");
  });

  it("takes Safari's MP4/AAC too", async () => {
    const citizen = await atDescription(service);
    asr.script({ text: SPOKEN });
    await citizen.uploadVoice(recordings.bytes.safari, "voice.m4a", "audio/mp4");
    expect(citizen.text).toContain(`我听到的是：“${SPOKEN}”`);
  });

  it("lets only the chat page use the microphone", async () => {
    const page = await fetch(`${service.url}/`);
    expect(page.headers.get("permissions-policy")).toContain("microphone=(self)");
    const status = await fetch(`${service.url}/status`);
    expect(status.headers.get("permissions-policy")).toContain("microphone=()");
  });
});

describe("hold-to-talk without a transcription endpoint", { timeout: 90_000 }, () => {
  let service: TestApp;
  beforeAll(async () => {
    service = await startTestApp({ env: { VOICE_MAX_MB: "1" } });
  });
  afterAll(() => service.stop());

  it("keeps the recording and asks for one line of text", async () => {
    const citizen = await atDescription(service);
    const heard = asr.heard.length;
    const answer = await citizen.uploadVoice(recordings.bytes.browser, "voice.webm", "audio/webm");
    expect(answer.status).toBe(200);
    expect(citizen.text).toContain("语音收到了，已经保存");
    expect(citizen.text).toContain("请再用一句话写一下是什么事");
    expect(asr.heard.length).toBe(heard);
  });

  it("tells the citizen a recording is too large, and a broken one cannot be read", async () => {
    const citizen = await atDescription(service);
    const large = await citizen.uploadVoice(Buffer.alloc(1_200_000, 1), "voice.webm", "audio/webm");
    expect(large.status).toBe(200);
    const tooLarge = citizen.text;
    const broken = await citizen.uploadVoice(
      Buffer.from("not audio at all"),
      "voice.webm",
      "audio/webm",
    );
    expect(broken.status).toBe(200);
    expect(citizen.text).not.toBe(tooLarge);
    const notMultipart = await citizen.fetch("/chat/voice", {
      method: "POST",
      headers: {
        "x-csrf-token": citizen.csrfToken,
        "x-chat-event-id": randomUUID(),
        "content-type": "multipart/form-data; boundary=x",
      },
      body: "garbage",
    });
    expect(notMultipart.status).toBe(400);
  });

  it("answers an empty recording as one that cannot be read, and keeps the draft", async () => {
    const citizen = await atDescription(service);
    const empty = await citizen.uploadVoice(Buffer.alloc(0), "voice.webm", "audio/webm");
    expect(empty.status).toBe(200);
    expect(citizen.text).toContain("这段语音打不开");
    await citizen.say("光明路的路灯坏了很久");
    expect(citizen.text).toContain("【市政市容】");
  });

  it("answers recordings sent at once from one chat each in a turn of its own", async () => {
    const citizen = await atDescription(service);
    const answers = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(() =>
        citizen.uploadVoice(recordings.bytes.browser, "voice.webm", "audio/webm"),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const { messages } = await citizen.poll();
    const recordingTurns = messages.filter((m) => m.author === "citizen" && m.audioUrl);
    expect(recordingTurns).toHaveLength(6);
    for (const recording of recordingTurns) {
      const turn = messages.filter((m) => m.turn === recording.turn);
      expect(turn[0]).toBe(recording);
      expect(turn.slice(1).some((m) => m.text?.includes("语音收到了，已经保存"))).toBe(true);
    }
  });
});
