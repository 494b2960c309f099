import type { OutgoingMessage } from "../../domain/intake/replies.ts";
import { DeliveryError, type RenderedMessage, type Sender } from "../../notifications/sender.ts";
import type { WebChatLog } from "../../storage/web-chat-log.ts";

export interface WebSenderDeps {
  readonly log: WebChatLog;
  readonly clock: { now(): Date };
}

/**
 * The outbox's sender for the web chat: a notification is delivered when it
 * is in the citizen's chat log (the recipient is the session key), where the
 * page's next poll — or the next visit — shows it. The messages of one call
 * are written in one transaction, so a retry never shows half of them twice.
 * Buttons (the rating question under an answer) become the notice's choices.
 */
export function createWebSender(deps: WebSenderDeps): Sender {
  return {
    async send(recipient, messages) {
      try {
        await deps.log.append(
          recipient,
          messages.map((message) => ({ author: "notice", body: noticeBody(message) })),
          deps.clock.now(),
        );
      } catch (error) {
        throw new DeliveryError("web chat log unavailable", { kind: "transient", cause: error });
      }
    },
  };
}

/** A notice as the page reads it: its buttons become the chat's choices. */
function noticeBody(message: RenderedMessage): OutgoingMessage {
  if (!message.buttons?.length) return { text: message.text };
  const choices = message.buttons.map((row) => row.map((b) => ({ id: b.data, label: b.label })));
  return { text: message.text, choices };
}
