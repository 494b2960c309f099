import { createKeptFiles, type KeptFiles } from "./kept-files.ts";
import type { Db } from "./database.ts";

/** The recordings kept, each in a type a browser plays (AMR is converted before it is kept). */
export type KeptVoiceType = "audio/ogg" | "audio/webm" | "audio/mp4" | "audio/mpeg";

const EXTENSION: Record<KeptVoiceType, string> = {
  "audio/ogg": "ogg",
  "audio/webm": "webm",
  "audio/mp4": "m4a",
  "audio/mpeg": "mp3",
};

/**
 * Voice recordings the service keeps (a citizen's voice message, whether or not it was
 * transcribed): kept files (see {@link KeptFiles}) under `<dataDir>/voice`, served back to
 * their owner and, through the case's Attachment, to staff.
 */
export type VoiceStore = KeptFiles<KeptVoiceType>;

export function createVoiceStore(db: Db, dataDir: string): VoiceStore {
  return createKeptFiles(db, dataDir, { folder: "voice", extensions: EXTENSION });
}
