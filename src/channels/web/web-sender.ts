import { DeliveryError, type Sender } from "../../notifications/sender.ts";
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
 */
export function createWebSender(deps: WebSenderDeps): Sender {
  return {
    async send(recipient, messages) {
      try {
        await deps.log.append(
          recipient,
          messages.map((message) => ({ author: "notice", body: { text: message.text } })),
          deps.clock.now(),
        );
      } catch (error) {
        throw new DeliveryError("web chat log unavailable", { kind: "transient", cause: error });
      }
    },
  };
}
