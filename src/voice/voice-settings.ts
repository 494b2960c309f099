/**
 * The voice settings: environment variables validated with zod (part of src/config/config.ts's
 * schema). Voice messages are always taken; the transcription endpoint is optional.
 */
import { z } from "zod";
import { httpUrl, optionalText, wholeNumberOf } from "../config/env-fields.ts";
import type { AsrSettings } from "./transcriber.ts";
import { DEFAULT_VOICE_LIMITS, type VoiceLimits } from "./voice-intake.ts";

/** The voice variables, to spread into the service's environment schema. */
export const VoiceEnvShape = {
  ASR_BASE_URL: httpUrl.optional(),
  ASR_API_KEY: optionalText,
  ASR_MODEL: optionalText,
  ASR_TIMEOUT_MS: wholeNumberOf(1000, 300_000, 20_000, "milliseconds"),
  ASR_LANGUAGE: z
    .string()
    .trim()
    .regex(/^[a-z]{2}$/, "an ISO-639-1 language code such as zh")
    .default("zh"),
  FFMPEG_PATH: optionalText,
  VOICE_MAX_SECONDS: wholeNumberOf(5, 600, DEFAULT_VOICE_LIMITS.maxSeconds, "seconds"),
  VOICE_MAX_MB: wholeNumberOf(1, 25, DEFAULT_VOICE_LIMITS.maxBytes / (1024 * 1024), "megabytes"),
};

export type VoiceEnv = z.infer<z.ZodObject<typeof VoiceEnvShape>>;

export interface VoiceSettings {
  /** The transcription endpoint, when ASR_BASE_URL, ASR_API_KEY and ASR_MODEL are all set. */
  readonly asr?: AsrSettings;
  /** The system's ffmpeg; undefined: the one shipped in @ffmpeg-installer/ffmpeg. */
  readonly ffmpegPath?: string;
  readonly limits: VoiceLimits;
}

/**
 * @returns the voice settings; `missing` names the first of the three ASR variables absent
 * when another of them is set.
 */
export function voiceSettingsFromEnv(e: VoiceEnv): { settings: VoiceSettings; missing?: string } {
  const asrParts = [
    ["ASR_BASE_URL", e.ASR_BASE_URL],
    ["ASR_API_KEY", e.ASR_API_KEY],
    ["ASR_MODEL", e.ASR_MODEL],
  ] as const;
  const missing = asrParts.find(([, value]) => !value)?.[0];
  const anySet = asrParts.some(([, value]) => value);
  const settings: VoiceSettings = {
    ...(!missing && {
      asr: {
        baseUrl: e.ASR_BASE_URL!,
        apiKey: e.ASR_API_KEY!,
        model: e.ASR_MODEL!,
        timeoutMs: e.ASR_TIMEOUT_MS,
        language: e.ASR_LANGUAGE,
      },
    }),
    ...(e.FFMPEG_PATH && { ffmpegPath: e.FFMPEG_PATH }),
    limits: { maxSeconds: e.VOICE_MAX_SECONDS, maxBytes: e.VOICE_MAX_MB * 1024 * 1024 },
  };
  return anySet && missing ? { settings, missing } : { settings };
}
