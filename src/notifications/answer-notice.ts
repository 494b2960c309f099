/**
 * An answer notice (kind "answered") as read by a citizen or supporter, whose answer may be
 * shown with its machine translation: shared by the outbox worker and the channels that render
 * held rows themselves (WeCom's digest).
 */
import type { CaseAnswer } from "../domain/answer-translation.ts";
import { OutboxPayloadSchema, type OutboxPayload } from "./outbox-payload.ts";
import type { ClaimedOutboxMessage } from "./outbox-store.ts";

/** A row's answer to show a reader, with the payload it was read from. */
export interface NoticeAnswer {
  readonly payload: OutboxPayload;
  readonly answer: CaseAnswer;
}

/**
 * The answer a row tells its reader; null for any other row, and for a payload that does not
 * parse (left to the renderer, which fails the row).
 */
export function answerOfNotice(message: ClaimedOutboxMessage): NoticeAnswer | null {
  const reader = message.audience === "citizen" || message.audience === "supporter";
  if (!reader || message.kind !== "answered") return null;
  const parsed = OutboxPayloadSchema.safeParse(message.payload);
  const text = parsed.data?.details.answerText;
  if (!parsed.success || text === undefined) return null;
  return { payload: parsed.data, answer: { trackingNo: parsed.data.trackingNo, text } };
}

/**
 * The row to render, `translation` sent after the answer. Only the renderer sees it: the row
 * itself never holds the translation.
 */
export function withTranslationShown(
  message: ClaimedOutboxMessage,
  { payload }: NoticeAnswer,
  translation: string,
): ClaimedOutboxMessage {
  return { ...message, payload: { ...payload, answerTranslation: translation } };
}
