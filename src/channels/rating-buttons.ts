/**
 * The citizen's rating buttons (已解决 / 未解决, then 满意 / 基本满意 / 不满意, then 申请复查, or
 * 申请复核 after the 复查 opinion)
 * with their `k:` callback data: the same buttons in Telegram and in the web chat, rendered
 * here for both, so that neither channel renders for the other.
 */
import type { OutgoingMessage } from "../domain/intake/replies.ts";
import type { ReviewOffer } from "../domain/lifecycle/citizen-options.ts";
import type { OutboxPayload } from "../notifications/outbox-payload.ts";
import { ratingTexts, type RatingTexts } from "../notifications/rating-messages.ts";
import type { RenderedButton, RenderedMessage } from "../notifications/sender.ts";
import { callbackData as cb } from "./callback-data.ts";

/** Rows of buttons. */
export type Keyboard = readonly (readonly RenderedButton[])[];

export const button = (label: string, data: string): RenderedButton => ({ label, data });

/** The citizen's first rating question: 已解决 / 未解决. */
export function solvedKeyboard(no: string, t: RatingTexts): Keyboard {
  return [[button(t.solved, cb("sv", no, "1")), button(t.unsolved, cb("sv", no, "0"))]];
}

/**
 * A citizen's notice with the first rating question, in Telegram and in the web chat: under an
 * answer, the question with its buttons; under the answer's follow-up (which asks it in its own
 * words, "事情解决了吗？"), the buttons on it. Any other notice as it is.
 */
export function withRatingQuestion(
  notice: readonly RenderedMessage[],
  payload: Pick<OutboxPayload, "kind" | "trackingNo" | "locale" | "details">,
): RenderedMessage[] {
  const texts = ratingTexts(payload.locale);
  const buttons = solvedKeyboard(payload.trackingNo, texts);
  const asked = texts.askSolved[payload.details?.consultation ? "consultation" : "complaint"];
  if (payload.kind === "answered") return [...notice, { text: asked, buttons }];
  const last = notice.at(-1);
  if (payload.kind !== "answer_follow_up" || last === undefined) return [...notice];
  return [...notice.slice(0, -1), { ...last, buttons }];
}

/** The second: 满意 / 基本满意 / 不满意, carrying the first answer along. */
export function satisfactionKeyboard(no: string, solved: boolean, t: RatingTexts): Keyboard {
  const flag = solved ? "1" : "0";
  return [
    [
      button(t.satisfaction.satisfied, cb("sf", no, flag, "s")),
      button(t.satisfaction.basically_satisfied, cb("sf", no, flag, "b")),
      button(t.satisfaction.dissatisfied, cb("sf", no, flag, "d")),
    ],
  ];
}

/** The button of the review the case's rules offer after a negative rating: 复查, or 复核. */
export function reviewKeyboard(no: string, stage: ReviewOffer["stage"], t: RatingTexts): Keyboard {
  return [[button(t.reviewButton[stage], cb("rv", no))]];
}

/** The text with the keyboard's buttons as a chat message; alone without a keyboard. */
export function withButtons(text: string, keyboard: Keyboard | null): OutgoingMessage {
  if (!keyboard) return { text };
  return { text, choices: keyboard.map((row) => row.map((b) => ({ id: b.data, label: b.label }))) };
}
