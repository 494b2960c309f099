/**
 * The clerks' notice of a review request (复查 / 复核) with the organ proposed for it, as every
 * staff channel sends it: Telegram and WeCom render the same line from the case's card.
 */
import type { ClerkCard } from "../cases/case-cards.ts";
import type { RenderedMessage } from "../notifications/sender.ts";
import type { StaffTexts } from "../notifications/staff-messages-zh.ts";

/** `messages` (the plain notice) with the proposal, as the case's card has it now, appended. */
export function withReviewProposal(
  messages: RenderedMessage[],
  card: Pick<ClerkCard, "review">,
  texts: StaffTexts,
): RenderedMessage[] {
  if (card.review === null || messages.length === 0) return messages;
  const last = messages[messages.length - 1]!;
  return [
    ...messages.slice(0, -1),
    { ...last, text: `${last.text}\n${texts.reviewProposal(card.review)}` },
  ];
}
