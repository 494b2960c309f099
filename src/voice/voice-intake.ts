/**
 * A citizen's voice message, from the bytes a channel hands over to what the conversation
 * needs: the recording kept (playable by staff), how long it is, and the citizen's words when a
 * transcription endpoint is configured and answers. Without one, or when it fails, the
 * recording is still kept and the caller asks for a line of text.
 */
import { AppError } from "../errors.ts";
import type { Logger } from "../logging/logger.ts";
import type { KeptVoiceType, VoiceStore } from "../storage/voice-store.ts";
import { isBrowserPlayable, sniffVoiceType, type AudioConverter } from "./audio-conversion.ts";
import { TranscriptionError, type Transcriber } from "./transcriber.ts";

export interface VoiceLimits {
  /** Larger recordings are refused before anything runs. */
  readonly maxBytes: number;
  /** Longer recordings are refused (a complaint is a minute or two; an hour is a mistake). */
  readonly maxSeconds: number;
}

export const DEFAULT_VOICE_LIMITS: VoiceLimits = { maxBytes: 10 * 1024 * 1024, maxSeconds: 180 };

/** The recording cannot be taken; the citizen is told why (`userMessageKey`). */
export class VoiceRejected extends AppError {
  constructor(readonly reason: "too_large" | "too_long" | "unsupported" | "unreadable") {
    super("input.invalid", `voice message refused: ${reason}`, {
      userMessageKey: `voice.${reason}`,
    });
  }
}

export interface VoiceOutcome {
  /** The kept recording's id (a kept file of the owner; the case's Attachment fileId). */
  readonly recordingId: string;
  readonly mimeType: KeptVoiceType;
  readonly seconds: number;
  /** The citizen's words, to be shown back for confirmation; null when there are none. */
  readonly transcript: string | null;
  /** Why there is no transcript: no endpoint configured, or it failed (logged). */
  readonly fallback?: "asr_off" | TranscriptionError["reason"];
}

export interface VoiceIntake {
  /**
   * Takes one recording of `owner` (see fileOwner). With `sourceKey` (the chat message's id) a
   * redelivered message keeps one recording.
   * @throws VoiceRejected for a recording we cannot take; AudioConversionError (transient)
   * when ffmpeg is missing or too slow, so that the caller tries the message again later.
   */
  accept(input: {
    owner: string;
    bytes: Buffer;
    now: Date;
    sourceKey?: string;
  }): Promise<VoiceOutcome>;
}

export function createVoiceIntake(deps: {
  converter: AudioConverter;
  /** Undefined when no ASR endpoint is configured. */
  transcriber?: Transcriber;
  store: VoiceStore;
  limits: VoiceLimits;
  logger: Logger;
}): VoiceIntake {
  const { converter, transcriber, store, limits, logger } = deps;
  return {
    async accept({ owner, bytes, now, sourceKey }) {
      if (bytes.length > limits.maxBytes) throw new VoiceRejected("too_large");
      const type = sniffVoiceType(bytes);
      if (!type) throw new VoiceRejected("unsupported");
      const { wav, seconds } = await converter.toWav(bytes, limits.maxSeconds).catch((error) => {
        throw (error as { reason?: unknown }).reason === "unreadable"
          ? new VoiceRejected("unreadable")
          : error;
      });
      if (seconds > limits.maxSeconds) throw new VoiceRejected("too_long");
      if (seconds === 0) throw new VoiceRejected("unreadable");
      const [kept, mimeType]: [Buffer, KeptVoiceType] = isBrowserPlayable(type)
        ? [bytes, type]
        : [await converter.toMp3(bytes), "audio/mpeg"];
      const recordingId = await store.save(owner, kept, mimeType, now, {
        ...(sourceKey !== undefined && { sourceKey }),
      });
      const heard = { recordingId, mimeType, seconds };
      if (!transcriber) return { ...heard, transcript: null, fallback: "asr_off" };
      try {
        return { ...heard, transcript: await transcriber.transcribe(wav) };
      } catch (error) {
        if (!(error instanceof TranscriptionError)) throw error;
        logger.warn(
          { recordingId, reason: error.reason, err: error.message },
          "voice message kept without a transcript",
        );
        return { ...heard, transcript: null, fallback: error.reason };
      }
    },
  };
}
