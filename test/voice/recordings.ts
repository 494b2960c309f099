/**
 * Real voice messages made for the tests: espeak-ng says a complaint in Mandarin, and ffmpeg
 * (the one the service uses) encodes it the way each channel delivers voice — Telegram's
 * OGG/Opus, WeCom's AMR-NB (8 kHz), a browser's WebM/Opus and Safari's MP4/AAC.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { resolveFfmpegPath } from "../../src/voice/audio-conversion.ts";

const run = promisify(execFile);

export const SPOKEN = "我家门口的井盖坏了，请尽快修理。";

/** How each channel's voice is encoded: ffmpeg output options and file name. */
const ENCODINGS = {
  telegram: { file: "voice.ogg", args: ["-c:a", "libopus", "-b:a", "24k", "-f", "ogg"] },
  wecom: {
    file: "voice.amr",
    args: ["-ar", "8000", "-ac", "1", "-c:a", "libopencore_amrnb", "-b:a", "12.2k", "-f", "amr"],
  },
  browser: { file: "voice.webm", args: ["-c:a", "libopus", "-b:a", "24k", "-f", "webm"] },
  safari: { file: "voice.m4a", args: ["-c:a", "aac", "-b:a", "32k", "-f", "mp4"] },
} as const;

export type VoiceChannel = keyof typeof ENCODINGS;

export interface Recordings {
  /** Seconds of the spoken sentence, from espeak-ng's WAV. */
  readonly seconds: number;
  readonly bytes: Record<VoiceChannel, Buffer>;
  /** `seconds` of a 440 Hz tone, encoded as Telegram's OGG/Opus (a recording too long). */
  tone(seconds: number): Promise<Buffer>;
  remove(): Promise<void>;
}

/** The sentence `spoken` (SPOKEN by default) as each channel would deliver it. */
export async function makeRecordings(spoken = SPOKEN): Promise<Recordings> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "voice-fixtures-"));
  const ffmpeg = resolveFfmpegPath();
  const speech = path.join(dir, "speech.wav");
  await run("espeak-ng", ["-v", "cmn", "-s", "150", "-w", speech, spoken]);
  const encode = async (input: string, file: string, args: readonly string[]) => {
    const out = path.join(dir, file);
    await run(ffmpeg, ["-hide_banner", "-loglevel", "error", "-y", "-i", input, ...args, out]);
    return readFile(out);
  };
  const bytes = Object.fromEntries(
    await Promise.all(
      Object.entries(ENCODINGS).map(async ([channel, { file, args }]) => [
        channel,
        await encode(speech, file, args),
      ]),
    ),
  ) as Record<VoiceChannel, Buffer>;
  const wav = await readFile(speech);
  return {
    // espeak-ng writes 22050 Hz mono 16-bit PCM after a 44-byte header.
    seconds: (wav.length - 44) / (22_050 * 2),
    bytes,
    tone: async (toneSeconds) => {
      const out = path.join(dir, `tone-${toneSeconds}.ogg`);
      await run(ffmpeg, [
        ...["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi"],
        ...["-i", `sine=frequency=440:duration=${toneSeconds}`, ...ENCODINGS.telegram.args, out],
      ]);
      return readFile(out);
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
