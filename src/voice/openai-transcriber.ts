/**
 * Speech to text through any OpenAI-compatible /v1/audio/transcriptions endpoint (OpenAI, a
 * self-hosted Whisper or SenseVoice server…) with the openai SDK. Apart from the port so that
 * the SDK is loaded only when a transcription endpoint is set.
 */
import OpenAI, { APIConnectionTimeoutError, APIError, toFile } from "openai";
import { TranscriptionError, type AsrSettings, type Transcriber } from "./transcriber.ts";

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
