import { z } from "zod";

/** What kind of unsupported message arrived (a channel maps its own types onto these). */
export const UnsupportedKindSchema = z.enum([
  "sticker",
  "voice",
  "video",
  "document",
  // An earlier message changed (Telegram's edit) in a way the conversation cannot take.
  "edited",
  "other",
]);
export type UnsupportedKind = z.infer<typeof UnsupportedKindSchema>;

/** Why a voice message was not taken. */
export const VoiceRefusalSchema = z.enum(["too_large", "too_long", "unsupported", "unreadable"]);
export type VoiceRefusal = z.infer<typeof VoiceRefusalSchema>;

/**
 * One thing the citizen did, as every channel (Telegram, WeCom, web chat) reports it.
 * A channel that cannot tell commands from text may send `/help` as text: the engine
 * reads a text starting with "/" as a command.
 */
export const CitizenEventSchema = z.discriminatedUnion("type", [
  /** `messageId`: the channel's id of the message, when it can later tell an edit of it. */
  z.object({ type: z.literal("text"), text: z.string(), messageId: z.string().min(1).optional() }),
  /**
   * The citizen changed an earlier message (`messageId`, as sent with it): `text` is the words
   * of a text message or the caption of a photo, as they are now (absent for a photo without
   * one); `photo` the picture a photo message carries now (the channel's reference, as a photo
   * event gives it), the same reference when only the caption changed.
   */
  z
    .object({
      type: z.literal("edited"),
      messageId: z.string().min(1),
      text: z.string().optional(),
      photo: z.string().min(1).optional(),
    })
    .refine((edit) => edit.text !== undefined || edit.photo !== undefined, {
      message: "an edit carries words or a photo",
    }),
  /** `name` without the slash or a bot suffix ("status"); `args` is the rest, trimmed. */
  z.object({ type: z.literal("command"), name: z.string(), args: z.string() }),
  /** A press of a button the engine sent earlier; `id` is the button's id, unchanged. */
  z.object({ type: z.literal("choice"), id: z.string() }),
  z.object({
    type: z.literal("location"),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    /** The place's name and address when the channel sends them with the point (a venue). */
    address: z.string().min(1).optional(),
  }),
  /** A contact shared through the channel's own button (or typed into a web form). */
  z.object({ type: z.literal("contact"), phone: z.string(), name: z.string().optional() }),
  /**
   * `fileId` is the channel's reference to the picture; the engine only stores it. `caption`:
   * words sent with the picture in the same message (Telegram's caption); `messageId`: the
   * channel's id of that message, when it can later tell an edit of its caption.
   */
  z.object({
    type: z.literal("photo"),
    fileId: z.string().min(1),
    caption: z.string().min(1).optional(),
    messageId: z.string().min(1).optional(),
  }),
  /**
   * A message the conversation cannot open; `caption`: words the citizen typed under it in the
   * same message (Telegram's caption of a PDF or a video), which are taken as their words.
   */
  z.object({
    type: z.literal("unsupported"),
    kind: UnsupportedKindSchema,
    caption: z.string().min(1).optional(),
  }),
  /**
   * A voice message the channel kept as `recordingId` (a kept file of the citizen's, attached
   * to the case) and, when a transcription endpoint heard words, its `transcript`: the engine
   * shows it back for confirmation before using it as the citizen's words.
   */
  z.object({
    type: z.literal("voice"),
    recordingId: z.string().min(1),
    transcript: z.string().min(1).nullable(),
  }),
  /** A voice message the channel could not take (too large, too long, not audio, broken). */
  z.object({ type: z.literal("voice_refused"), reason: VoiceRefusalSchema }),
  /**
   * Words the channel kept as the reason for a negative rating given with the buttons under
   * an answer, that also read as a new matter (`engine.readsAsNewMatter`): they are offered
   * for filing, as the engine does with a reason typed after a rating in words.
   */
  z.object({ type: z.literal("new_matter"), text: z.string().min(1) }),
]);
export type CitizenEvent = z.infer<typeof CitizenEventSchema>;

/**
 * Reads "/status@ZkBot ZK-20261128-0042" as { name: "status", args: "ZK-…" }.
 * Returns null when the text is not a command.
 */
export function parseCommand(text: string): { name: string; args: string } | null {
  const match = /^\s*[/／]([A-Za-z_]+)(?:@\S+)?(?:\s+([\s\S]*))?$/.exec(text);
  if (!match) return null;
  return { name: match[1]!.toLowerCase(), args: (match[2] ?? "").trim() };
}
