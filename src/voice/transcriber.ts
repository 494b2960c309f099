/**
 * Speech to text: the port, its error and its endpoint's settings; the adapter is
 * openai-transcriber.ts.
 */
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
