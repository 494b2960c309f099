/**
 * Speech to text: the port, and its adapter for any OpenAI-compatible
 * /v1/audio/transcriptions endpoint (OpenAI, a self-hosted Whisper or SenseVoice server…)
 * through the openai SDK.
 */
import OpenAI, { APIConnectionTimeoutError, APIError, toFile } from "openai";
import { AppError } from "../errors.ts";

/**
 * Turns one recording (16 kHz mono WAV) into text.
 * @throws TranscriptionError
 */
export interface Transcriber {
  transcribe(wav: Buffer): Promise<string>;
}

/**
 * Why no transcript came: the endpoint took too long, could not be reached or failed
 * (`unavailable`), refused the request (`refused`: a wrong key or model, a file it does not
 * take), or heard nothing (`empty`).
 */
export class TranscriptionError extends AppError {
  constructor(
    readonly reason: "timeout" | "unavailable" | "refused" | "empty",
    message: string,
    cause?: unknown,
  ) {
    super(
      reason === "refused" ? "channel.permanent" : "channel.transient",
      message,
      cause === undefined ? {} : { cause },
    );
  }
}

export interface AsrSettings {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly model: string;
  readonly timeoutMs: number;
  /** ISO-639-1 hint, "zh" for our citizens; helps Whisper-like models on short clips. */
  readonly language: string;
}

export function createOpenAiTranscriber(settings: AsrSettings): Transcriber {
  const client = new OpenAI({
    baseURL: settings.baseUrl,
    apiKey: settings.apiKey,
    timeout: settings.timeoutMs,
    // A citizen waits for the answer: one try, then the recording is kept and text asked for.
    maxRetries: 0,
  });
  return {
    async transcribe(wav) {
      let text: string;
      try {
        const result = await client.audio.transcriptions.create({
          file: await toFile(wav, "voice.wav", { type: "audio/wav" }),
          model: settings.model,
          language: settings.language,
          response_format: "json",
        });
        text = result.text;
      } catch (error) {
        throw classify(error);
      }
      const transcript = text.trim();
      if (!transcript) throw new TranscriptionError("empty", "the transcript is empty");
      return transcript;
    },
  };
}

function classify(error: unknown): TranscriptionError {
  if (error instanceof APIConnectionTimeoutError) {
    return new TranscriptionError("timeout", "the transcription endpoint timed out", error);
  }
  if (error instanceof APIError && error.status !== undefined) {
    const refused = error.status >= 400 && error.status < 500 && error.status !== 429;
    return new TranscriptionError(
      refused ? "refused" : "unavailable",
      `transcription endpoint answered ${error.status}: ${error.message}`,
      error,
    );
  }
  return new TranscriptionError("unavailable", `transcription failed: ${String(error)}`, error);
}
