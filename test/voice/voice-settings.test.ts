/**
 * The voice settings: voice messages are always taken, within limits; the transcription
 * endpoint is used when all three of its settings are given, through the openai SDK.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/config.ts";
import { createOpenAiTranscriber } from "../../src/voice/openai-transcriber.ts";
import { startFakeTranscription, type FakeTranscription } from "../support/fake-transcription.ts";

let asr: FakeTranscription;
beforeAll(async () => {
  asr = await startFakeTranscription();
});
afterAll(() => asr.close());

describe("voice settings", () => {
  it("take voice without a transcription endpoint by default, within 3 minutes and 10 MB", () => {
    expect(loadConfig({}).voice).toEqual({
      limits: { maxSeconds: 180, maxBytes: 10 * 1024 * 1024 },
    });
  });

  it("use the endpoint when base URL, key and model are given", async () => {
    const { voice } = loadConfig({
      ASR_BASE_URL: asr.baseUrl,
      ASR_API_KEY: "asr-key",
      ASR_MODEL: "whisper-1",
      FFMPEG_PATH: "/usr/bin/ffmpeg",
      VOICE_MAX_SECONDS: "60",
    });
    expect(voice).toMatchObject({
      asr: { model: "whisper-1", timeoutMs: 20_000, language: "zh" },
      ffmpegPath: "/usr/bin/ffmpeg",
      limits: { maxSeconds: 60 },
    });
    asr.script({ text: "井盖坏了" });

    const wav = Buffer.concat([Buffer.from("RIFF\0\0\0\0WAVE"), Buffer.alloc(8)]);
    expect(await createOpenAiTranscriber(voice.asr!).transcribe(wav)).toBe("井盖坏了");
  });

  it("name the missing one of the three, and a bad limit", () => {
    expect(() => loadConfig({ ASR_BASE_URL: asr.baseUrl, ASR_MODEL: "m" })).toThrow(
      new ConfigError(
        "Invalid ASR_API_KEY: expected a value when any of ASR_BASE_URL, ASR_API_KEY, ASR_MODEL is set (missing)",
      ),
    );
    expect(() => loadConfig({ VOICE_MAX_MB: "100" })).toThrow(
      'Invalid VOICE_MAX_MB: expected a whole number of megabytes from 1 to 25 (got "100")',
    );
  });
});
