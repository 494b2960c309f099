/**
 * Voice messages as the channels hand them over — Telegram voice (OGG/Opus), WeCom kf voice
 * (AMR-NB), a browser's MediaRecorder (WebM/Opus, or MP4/AAC on Safari) — converted with ffmpeg
 * into what a transcription endpoint accepts everywhere (16 kHz mono 16-bit WAV) and, for AMR,
 * into something a browser can play back to staff (MP3).
 *
 * The ffmpeg is the one shipped inside the npm package @ffmpeg-installer/ffmpeg (its platform
 * package carries the binary: nothing is downloaded at install), or the system's through
 * FFMPEG_PATH. Writing ffmpeg's work by hand is out of the question; calling the binary is what
 * every Node wrapper does too, so none is used.
 */
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { AppError } from "../errors.ts";

/** The recording types we take, by what their first bytes say. */
export type VoiceType = "audio/ogg" | "audio/amr" | "audio/webm" | "audio/mp4" | "audio/mpeg";

/** What the bytes are, whatever the channel said: null when none of ours. */
export function sniffVoiceType(bytes: Buffer): VoiceType | null {
  if (bytes.subarray(0, 4).toString("latin1") === "OggS") return "audio/ogg";
  if (bytes.subarray(0, 6).toString("latin1") === "#!AMR\n") return "audio/amr";
  if (bytes.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]))) return "audio/webm";
  if (bytes.subarray(4, 8).toString("latin1") === "ftyp") return "audio/mp4";
  if (bytes.subarray(0, 3).toString("latin1") === "ID3") return "audio/mpeg";
  if (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0) return "audio/mpeg";
  return null;
}

/** Types every current browser plays in an <audio> element. AMR is not one of them. */
export function isBrowserPlayable(type: VoiceType): type is Exclude<VoiceType, "audio/amr"> {
  return type !== "audio/amr";
}

/** ffmpeg could not run, or could not read the recording. */
export class AudioConversionError extends AppError {
  constructor(
    readonly reason: "unreadable" | "timeout" | "no_ffmpeg",
    message: string,
    cause?: unknown,
  ) {
    super(
      reason === "unreadable" ? "input.invalid" : "channel.transient",
      message,
      cause === undefined ? {} : { cause },
    );
  }
}

export interface AudioConverter {
  /**
   * The recording as 16 kHz mono 16-bit PCM WAV, cut at `maxSeconds` plus a little, and how
   * long the recording is (up to that cut: a longer one shows as longer than `maxSeconds`).
   * @throws AudioConversionError
   */
  toWav(bytes: Buffer, maxSeconds: number): Promise<{ wav: Buffer; seconds: number }>;
  /** The recording as MP3 (mono, 32 kbit/s), for playing back in a browser. */
  toMp3(bytes: Buffer): Promise<Buffer>;
}

/**
 * The ffmpeg to run: `configured` (FFMPEG_PATH) when given, else the binary shipped in
 * @ffmpeg-installer/ffmpeg for this platform.
 * @throws AudioConversionError("no_ffmpeg") when neither is there (a platform the package does
 * not cover and no FFMPEG_PATH).
 */
export function resolveFfmpegPath(configured?: string): string {
  if (configured) return configured;
  try {
    const installer = createRequire(import.meta.url)("@ffmpeg-installer/ffmpeg") as {
      path: string;
    };
    return installer.path;
  } catch (error) {
    throw new AudioConversionError(
      "no_ffmpeg",
      `@ffmpeg-installer/ffmpeg has no binary for ${process.platform}-${process.arch}; set FFMPEG_PATH`,
      error,
    );
  }
}

const SAMPLE_RATE = 16_000;

/**
 * Converts through files in a private temporary folder: MP4 from Safari keeps its index at the
 * end, which ffmpeg cannot reach through a pipe, and a WAV written to a pipe has no sizes.
 */
export function createAudioConverter(ffmpegPath: string, timeoutMs = 30_000): AudioConverter {
  async function run(input: Buffer, outputName: string, args: string[]): Promise<Buffer> {
    const dir = await mkdtemp(path.join(os.tmpdir(), "voice-"));
    try {
      const inFile = path.join(dir, "input");
      const outFile = path.join(dir, outputName);
      await writeFile(inFile, input, { mode: 0o600 });
      await new Promise<void>((resolve, reject) => {
        execFile(
          ffmpegPath,
          ["-hide_banner", "-nostdin", "-loglevel", "error", "-i", inFile, ...args, outFile],
          { timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 1024 * 1024 },
          (error, _stdout, stderr) => {
            if (!error) return resolve();
            const failure = error as NodeJS.ErrnoException & { killed?: boolean };
            if (failure.code === "ENOENT") {
              reject(new AudioConversionError("no_ffmpeg", `no ffmpeg at ${ffmpegPath}`, error));
            } else if (failure.killed) {
              reject(new AudioConversionError("timeout", `ffmpeg took over ${timeoutMs} ms`));
            } else {
              const detail = stderr.trim().split("\n").at(-1) ?? "";
              reject(new AudioConversionError("unreadable", `ffmpeg: ${detail}`, error));
            }
          },
        );
      });
      return await readFile(outFile);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return {
    async toWav(bytes, maxSeconds) {
      const wav = await run(bytes, "voice.wav", [
        ...["-t", String(maxSeconds + 1), "-vn", "-ac", "1", "-ar", String(SAMPLE_RATE)],
        ...["-c:a", "pcm_s16le", "-map_metadata", "-1", "-f", "wav"],
      ]);
      return { wav, seconds: wavSeconds(wav) };
    },
    toMp3: (bytes) =>
      run(bytes, "voice.mp3", [
        "-vn",
        "-ac",
        "1",
        "-c:a",
        "libmp3lame",
        "-b:a",
        "32k",
        "-f",
        "mp3",
      ]),
  };
}

/** Seconds of sound in a PCM WAV: the data chunk's size over the bytes per second. */
function wavSeconds(wav: Buffer): number {
  let offset = 12;
  let byteRate = 0;
  while (offset + 8 <= wav.length) {
    const id = wav.toString("latin1", offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    if (id === "fmt ") byteRate = wav.readUInt32LE(offset + 16);
    if (id === "data" && byteRate > 0) {
      return Math.min(size, wav.length - offset - 8) / byteRate;
    }
    offset += 8 + size + (size % 2);
  }
  throw new AudioConversionError("unreadable", "ffmpeg wrote no PCM data");
}
