import { z } from "zod";

/** A button the citizen can press; `id` comes back unchanged in a `choice` event. */
export interface ChoiceButton {
  readonly id: string;
  readonly label: string;
}

/**
 * One message to the citizen, channel-neutral. Channels translate:
 * - `choices` are rows of buttons attached to this message (Telegram inline keyboard,
 *   WeCom menu message, web buttons);
 * - `request` asks the channel for a one-tap way to share a location or the citizen's
 *   own phone number (Telegram reply keyboard); `requestLabel` is that button's text;
 *   a channel without such a feature ignores it (the text always says how to type it instead);
 * - `removeKeyboard` removes a previously shown request keyboard.
 */
export interface OutgoingMessage {
  readonly text: string;
  readonly choices?: readonly (readonly ChoiceButton[])[];
  readonly request?: "location" | "contact" | null;
  readonly requestLabel?: string;
  readonly removeKeyboard?: boolean;
  /** The message saying a case was filed: a channel's receipt (its query code) follows it. */
  readonly announcesSubmission?: boolean;
}

/**
 * Replies before and after the receipt a channel adds for a case filed in the turn: the
 * receipt follows the message announcing the case, before anything said after it (the next
 * matter told with it, offered for filing).
 */
export function splitAtSubmission(
  replies: readonly OutgoingMessage[],
): [readonly OutgoingMessage[], readonly OutgoingMessage[]] {
  const announced = replies.findIndex((reply) => reply.announcesSubmission === true);
  const cut = announced === -1 ? replies.length : announced + 1;
  return [replies.slice(0, cut), replies.slice(cut)];
}

/** Letters and digits only, lower case: how a typed label is compared with a button's. */
export function labelKey(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\p{P}\p{S}\p{Z}\s]/gu, "")
    .toLowerCase();
}

/**
 * The id of the button of `message` whose label the citizen typed instead of tapping it
 * (punctuation, spaces, emoji and case aside), or null.
 */
export function typedChoice(message: OutgoingMessage, text: string): string | null {
  const typed = labelKey(text);
  if (typed === "") return null;
  const button = message.choices?.flat().find((choice) => labelKey(choice.label) === typed);
  return button?.id ?? null;
}

/** Validates replies read back from storage (see the dialogue store). */
export const OutgoingMessageSchema: z.ZodType<OutgoingMessage> = z.object({
  text: z.string(),
  choices: z.array(z.array(z.object({ id: z.string(), label: z.string() }))).optional(),
  request: z.enum(["location", "contact"]).nullable().optional(),
  requestLabel: z.string().optional(),
  removeKeyboard: z.boolean().optional(),
});
