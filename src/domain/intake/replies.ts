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
  /**
   * The message is one case's page: a channel that cannot send it whole sends its beginning
   * (the number first) and says where to read all of it.
   */
  readonly casePage?: CasePageRef;
}

/** The case a page shows: its number, and the unit handling it (null before routing). */
export interface CasePageRef {
  readonly trackingNo: string;
  readonly unitName: string | null;
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

// "要写什么", "写啥", "怎么写", "啥意思", "没看懂", "what do you mean" (as `labelKey` leaves them).
const ASKS_WHAT_IS_MEANT =
  /^(?:要|该|得)?(?:写|填|说)(?:什么|啥|哪里|哪儿|哪)(?:呀|啊|呢)?$|^(?:怎么|咋)(?:写|填|说)(?:呀|啊|呢)?$|^(?:啥|什么)意思(?:呀|啊)?$|^(?:没|不)(?:听|看)(?:懂|明白)$|^你说(?:的是)?(?:啥|什么)$|^whatdoyoumean$|^whatshouldiwrite$/u;

/**
 * An answer that asks what the question means: no answer to any question that takes free words
 * (a place, a name), which each asks again, with its example.
 */
export function asksWhatIsMeant(text: string): boolean {
  return ASKS_WHAT_IS_MEANT.test(labelKey(text));
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
  // Kept with the turn: a retried turn cuts the page as the first attempt did.
  casePage: z.object({ trackingNo: z.string(), unitName: z.string().nullable() }).optional(),
});
