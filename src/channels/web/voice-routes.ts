/**
 * Hold-to-talk in the web chat: the page records with MediaRecorder (WebM/Opus, Safari MP4/AAC)
 * and posts the recording to POST /chat/voice, like a photo to /chat/photos. It goes through
 * the same voice path as Telegram's and WeChat's: kept, transcribed when ASR_… is set and shown
 * back for confirmation, or kept with a line of text asked for. The recording plays back in
 * the citizen's own chat (GET /chat/voice/:id, their session only). Registered inside the web
 * channel's scope: its cookie, CSRF, upload and rate-limit plugins and error answers apply.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from "fastify";
import { z } from "zod";
import type { CitizenEvent } from "../../domain/intake/events.ts";
import { AppError } from "../../errors.ts";
import type { KeptFiles } from "../../storage/kept-files.ts";
import type { KeptVoiceType } from "../../storage/voice-store.ts";
import type { VoiceIntake } from "../../voice/voice-intake.ts";
import { voiceEvent } from "../voice-event.ts";
import { EventIdSchema } from "./translate.ts";

export interface WebVoice {
  readonly intake: VoiceIntake;
  /** The kept recordings, read back for their session. */
  readonly recordings: Pick<KeptFiles<KeptVoiceType>, "read">;
  /** Larger uploads are refused as the conversation refuses a large voice message. */
  readonly maxBytes: number;
  /** The page stops recording at this length (longer ones would be refused). */
  readonly maxSeconds: number;
}

export interface WebVoiceRoutesDeps {
  readonly voice: WebVoice;
  /** The signed session's key, or a 403 when the page has none. */
  readonly requireSession: (request: FastifyRequest) => string;
  /** The session's key, or null. */
  readonly sessionOf: (request: FastifyRequest) => string | null;
  /** An already answered event's reply, or null. */
  readonly answered: (sessionKey: string, eventId: string) => Promise<object | null>;
  /** Runs the event as a turn and answers as POST /chat/events does. */
  readonly run: (sessionKey: string, eventId: string, event: CitizenEvent) => Promise<object>;
  /** Chat events per client address per minute. */
  readonly perMinute: number;
  readonly clock: { now(): Date };
}

/** Recording ids are random hex (storage/kept-files.ts); anything else is no recording. */
const RecordingParamsSchema = z.object({ id: z.string().regex(/^[0-9a-f]{32}$/) });

export function createWebVoiceRoutes(deps: WebVoiceRoutesDeps): FastifyPluginAsync {
  const { voice } = deps;
  return async function webVoice(scope: FastifyInstance) {
    scope.post(
      "/chat/voice",
      {
        onRequest: scope.csrfProtection,
        config: { rateLimit: { max: deps.perMinute, timeWindow: 60_000 } },
      },
      async (request, reply) => {
        const key = deps.requireSession(request);
        const eventId = EventIdSchema.safeParse(request.headers["x-chat-event-id"]);
        if (!eventId.success) {
          throw new AppError("input.invalid", "The x-chat-event-id header is missing or invalid.");
        }
        reply.header("cache-control", "no-store");
        const done = await deps.answered(key, eventId.data);
        if (done) return done;
        const upload = await readRecording(request, voice.maxBytes);
        const event: CitizenEvent =
          upload === "too_large"
            ? { type: "voice_refused", reason: "too_large" }
            : await voiceEvent(voice.intake, {
                owner: key,
                bytes: upload,
                now: deps.clock.now(),
                sourceKey: eventId.data,
              });
        return deps.run(key, eventId.data, event);
      },
    );

    scope.get("/chat/voice/:id", async (request, reply) => {
      const params = RecordingParamsSchema.safeParse(request.params);
      const key = deps.sessionOf(request);
      const recording =
        key && params.success ? await voice.recordings.read(key, params.data.id) : null;
      if (!recording) throw new AppError("case.not_found", "No such recording.");
      return reply
        .type(recording.mimeType)
        .header("cache-control", "private, max-age=86400")
        .header("content-disposition", "inline")
        .send(recording.bytes);
    });
  };
}

/**
 * The one recording of a multipart upload, or "too_large" past `maxBytes` (the conversation
 * tells the citizen, as for a long Telegram voice message).
 * @throws AppError input.invalid for a body that is not a readable multipart upload.
 */
async function readRecording(
  request: FastifyRequest,
  maxBytes: number,
): Promise<Buffer | "too_large"> {
  try {
    const file = await request.file({
      limits: { fileSize: maxBytes, files: 1, fields: 0, parts: 2 },
      throwFileSizeLimit: false,
    });
    if (!file) throw new AppError("input.invalid", "No recording in the upload.");
    const bytes = await file.toBuffer();
    return file.file.truncated ? "too_large" : bytes;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("input.invalid", "The upload is not a readable multipart body.", {
      cause: error,
    });
  }
}
