import type { CitizenEvent } from "../domain/intake/events.ts";
import { VoiceRejected, type VoiceIntake } from "../voice/voice-intake.ts";

/**
 * A channel's voice message as the conversation hears it: kept (and transcribed when an
 * endpoint is configured) by the voice intake, or refused with the reason the citizen is told.
 * @throws what the voice intake throws besides VoiceRejected (a missing or slow ffmpeg,
 * storage): transient, so that the channel handles the message again later.
 */
export async function voiceEvent(
  voice: VoiceIntake,
  input: { owner: string; bytes: Buffer; now: Date; sourceKey: string },
): Promise<CitizenEvent> {
  try {
    const heard = await voice.accept(input);
    return { type: "voice", recordingId: heard.recordingId, transcript: heard.transcript };
  } catch (error) {
    if (error instanceof VoiceRejected) return { type: "voice_refused", reason: error.reason };
    throw error;
  }
}
