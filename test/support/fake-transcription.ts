/**
 * A fake OpenAI-compatible transcription endpoint on 127.0.0.1: POST /v1/audio/transcriptions
 * with a multipart/form-data body (file, model, language, response_format), a Bearer key, and
 * OpenAI's answers ({"text": …} or {"error": {…}}). It records what it heard — the fields and
 * the WAV's format and length — and answers from a script.
 */
import { sendJson, serveLocally } from "./local-http.ts";

export type FakeTranscriptionReply =
  | { readonly text: string }
  | { readonly status: number; readonly message?: string }
  /** Answers after `delayMs` (to provoke the client's timeout). */
  | { readonly delayMs: number; readonly text: string };

export interface HeardRecording {
  readonly authorization: string | undefined;
  readonly model: string | null;
  readonly language: string | null;
  readonly responseFormat: string | null;
  readonly fileName: string;
  readonly fileType: string;
  /** From the WAV header: sample rate, channels, bits, and the seconds of sound. */
  readonly wav: { sampleRate: number; channels: number; bits: number; seconds: number } | null;
}

export interface FakeTranscription {
  /** Base URL for the openai client: http://127.0.0.1:<port>/v1 */
  readonly baseUrl: string;
  readonly heard: HeardRecording[];
  script(...replies: FakeTranscriptionReply[]): void;
  close(): Promise<void>;
}

export async function startFakeTranscription(): Promise<FakeTranscription> {
  const queue: FakeTranscriptionReply[] = [];
  const heard: HeardRecording[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = await serveLocally(async (request, body, response) => {
    if (request.method !== "POST" || request.url !== "/v1/audio/transcriptions") {
      return sendJson(response, 404, {
        error: { message: "not found", type: "invalid_request_error" },
      });
    }
    // The same multipart parser as fetch's: a body the client got wrong fails here too.
    const form = await new Response(new Uint8Array(body), {
      headers: { "content-type": request.headers["content-type"] ?? "" },
    }).formData();
    const file = form.get("file");
    if (!(file instanceof File)) {
      return sendJson(response, 400, {
        error: { message: "file is required", type: "invalid_request_error" },
      });
    }
    heard.push({
      authorization: request.headers.authorization,
      model: form.get("model") as string | null,
      language: form.get("language") as string | null,
      responseFormat: form.get("response_format") as string | null,
      fileName: file.name,
      fileType: file.type,
      wav: readWavHeader(Buffer.from(await file.arrayBuffer())),
    });
    const reply = queue.shift() ?? { status: 500, message: "no scripted reply" };
    if ("status" in reply) {
      return sendJson(response, reply.status, {
        error: { message: reply.message ?? "error", type: "server_error" },
      });
    }
    if ("delayMs" in reply) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!response.destroyed) sendJson(response, 200, { text: reply.text });
      }, reply.delayMs);
      timers.add(timer);
      return;
    }
    sendJson(response, 200, { text: reply.text });
  });
  return {
    baseUrl: `http://127.0.0.1:${server.port}/v1`,
    heard,
    script: (...replies) => void queue.push(...replies),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      await server.close();
    },
  };
}

function readWavHeader(wav: Buffer): HeardRecording["wav"] {
  if (wav.toString("latin1", 0, 4) !== "RIFF" || wav.toString("latin1", 8, 12) !== "WAVE") {
    return null;
  }
  let offset = 12;
  let format: { sampleRate: number; channels: number; bits: number; byteRate: number } | null =
    null;
  while (offset + 8 <= wav.length) {
    const id = wav.toString("latin1", offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    if (id === "fmt ") {
      format = {
        channels: wav.readUInt16LE(offset + 10),
        sampleRate: wav.readUInt32LE(offset + 12),
        byteRate: wav.readUInt32LE(offset + 16),
        bits: wav.readUInt16LE(offset + 22),
      };
    }
    if (id === "data" && format) {
      const { byteRate, ...rest } = format;
      return { ...rest, seconds: size / byteRate };
    }
    offset += 8 + size + (size % 2);
  }
  return null;
}
