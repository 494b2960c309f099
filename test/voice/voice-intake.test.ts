/**
 * Voice messages, end to end below the conversation: real recordings as each channel delivers
 * them, converted by the bundled ffmpeg, sent to a fake OpenAI-compatible transcription
 * endpoint through the openai SDK, and kept for staff whether or not words came back.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging/logger.ts";
import { fileOwner } from "../../src/storage/kept-files.ts";
import { createVoiceStore, type VoiceStore } from "../../src/storage/voice-store.ts";
import {
  AudioConversionError,
  createAudioConverter,
  resolveFfmpegPath,
  sniffVoiceType,
} from "../../src/voice/audio-conversion.ts";
import { createOpenAiTranscriber } from "../../src/voice/openai-transcriber.ts";
import {
  createVoiceIntake,
  DEFAULT_VOICE_LIMITS,
  VoiceRejected,
  type VoiceIntake,
  type VoiceLimits,
} from "../../src/voice/voice-intake.ts";
import { freshDatabase } from "../support/databases.ts";
import { startFakeTranscription, type FakeTranscription } from "../support/fake-transcription.ts";
import { makeRecordings, SPOKEN, type Recordings, type VoiceChannel } from "./recordings.ts";

const NOW = new Date("2026-11-28T10:00:00+08:00");
const OWNER = fileOwner("telegram", "4242");
const converter = createAudioConverter(resolveFfmpegPath());

let recordings: Recordings;
let asr: FakeTranscription;
let dataDir: string;
let store: VoiceStore;

beforeAll(async () => {
  [recordings, asr] = await Promise.all([makeRecordings(), startFakeTranscription()]);
});
afterAll(async () => {
  await Promise.all([recordings.remove(), asr.close()]);
});
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "petitions-voice-"));
  store = createVoiceStore(await freshDatabase("sqlite"), dataDir);
  return () => rm(dataDir, { recursive: true, force: true });
});

function intake(options: { asr?: boolean; timeoutMs?: number; limits?: VoiceLimits } = {}) {
  return createVoiceIntake({
    converter,
    ...(options.asr !== false && {
      transcriber: createOpenAiTranscriber({
        baseUrl: asr.baseUrl,
        apiKey: "asr-key",
        model: "whisper-1",
        timeoutMs: options.timeoutMs ?? 20_000,
        language: "zh",
      }),
    }),
    store,
    limits: options.limits ?? DEFAULT_VOICE_LIMITS,
    logger: createLogger("silent"),
  });
}

async function rejection(voice: VoiceIntake, bytes: Buffer): Promise<string> {
  const error = await voice.accept({ owner: OWNER, bytes, now: NOW }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VoiceRejected);
  return (error as VoiceRejected).reason;
}

describe("voice messages", { timeout: 60_000 }, () => {
  const channels: [VoiceChannel, string, string][] = [
    ["telegram", "audio/ogg", "audio/ogg"],
    ["wecom", "audio/amr", "audio/mpeg"],
    ["browser", "audio/webm", "audio/webm"],
    ["safari", "audio/mp4", "audio/mp4"],
  ];

  it.each(channels)(
    "from %s (%s): transcribed from a 16 kHz mono WAV, kept as %s for staff to play",
    async (channel, sniffed, kept) => {
      const bytes = recordings.bytes[channel];
      expect(sniffVoiceType(bytes)).toBe(sniffed);
      asr.script({ text: ` ${SPOKEN} ` });

      const outcome = await intake().accept({ owner: OWNER, bytes, now: NOW });

      expect(outcome).toMatchObject({ transcript: SPOKEN, mimeType: kept });
      expect(outcome.fallback).toBeUndefined();
      expect(outcome.seconds).toBeCloseTo(recordings.seconds, 0);
      const heard = asr.heard.at(-1)!;
      expect(heard).toMatchObject({
        authorization: "Bearer asr-key",
        model: "whisper-1",
        language: "zh",
        responseFormat: "json",
        fileName: "voice.wav",
        fileType: "audio/wav",
        wav: { sampleRate: 16_000, channels: 1, bits: 16 },
      });
      expect(heard.wav!.seconds).toBeCloseTo(recordings.seconds, 0);
      const playable = await store.read(OWNER, outcome.recordingId);
      expect(playable?.mimeType).toBe(kept);
      if (kept === sniffed) expect(playable?.bytes).toEqual(bytes);
      else expect(sniffVoiceType(playable!.bytes)).toBe("audio/mpeg");
    },
  );

  it("without a transcription endpoint keeps the recording and has no words", async () => {
    const heardBefore = asr.heard.length;

    const outcome = await intake({ asr: false }).accept({
      owner: OWNER,
      bytes: recordings.bytes.telegram,
      now: NOW,
    });

    expect(outcome).toMatchObject({ transcript: null, fallback: "asr_off", mimeType: "audio/ogg" });
    expect(await store.read(OWNER, outcome.recordingId)).not.toBeNull();
    expect(asr.heard.length).toBe(heardBefore);
  });

  it("keeps the recording when the endpoint fails, times out, refuses or hears nothing", async () => {
    const take = (voice = intake()) =>
      voice.accept({ owner: OWNER, bytes: recordings.bytes.wecom, now: NOW });

    asr.script({ status: 503, message: "overloaded" });
    expect(await take()).toMatchObject({ transcript: null, fallback: "unavailable" });
    asr.script({ delayMs: 10_000, text: "too late" });
    expect(await take(intake({ timeoutMs: 1000 }))).toMatchObject({
      transcript: null,
      fallback: "timeout",
    });
    asr.script({ status: 401, message: "invalid api key" });
    expect(await take()).toMatchObject({ transcript: null, fallback: "refused" });
    asr.script({ text: "  " });
    const silent = await take();
    expect(silent).toMatchObject({ transcript: null, fallback: "empty" });
    expect((await store.read(OWNER, silent.recordingId))?.mimeType).toBe("audio/mpeg");
  });

  it("keeps one recording for a redelivered message", async () => {
    const voice = intake({ asr: false });
    const take = () =>
      voice.accept({ owner: OWNER, bytes: recordings.bytes.browser, now: NOW, sourceKey: "m1" });

    const first = await take();
    const again = await take();

    expect(again.recordingId).toBe(first.recordingId);
    expect(await store.findBySource(OWNER, "m1")).toBe(first.recordingId);
  });

  it("refuses what it cannot take: too big, too long, not audio, broken audio", async () => {
    const bytes = recordings.bytes.telegram;
    const small = intake({ asr: false, limits: { maxBytes: bytes.length - 1, maxSeconds: 180 } });
    const short = intake({ asr: false, limits: { maxBytes: 1 << 20, maxSeconds: 3 } });

    expect(await rejection(small, bytes)).toBe("too_large");
    expect(await rejection(short, bytes)).toBe("too_long");
    expect(await rejection(intake(), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]))).toBe(
      "unsupported",
    );
    expect(await rejection(intake(), Buffer.from("OggS but nothing else follows"))).toBe(
      "unreadable",
    );
  });

  it("tells a missing ffmpeg apart from a bad recording: try again later", async () => {
    const voice = createVoiceIntake({
      converter: createAudioConverter("/nonexistent/ffmpeg"),
      store,
      limits: DEFAULT_VOICE_LIMITS,
      logger: createLogger("silent"),
    });

    const error = await voice
      .accept({ owner: OWNER, bytes: recordings.bytes.telegram, now: NOW })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AudioConversionError);
    expect([(error as AudioConversionError).reason, (error as AudioConversionError).code]).toEqual([
      "no_ffmpeg",
      "channel.transient",
    ]);
  });
});
