import { DeliveryError, type RenderedMessage, type Sender } from "../../notifications/sender.ts";
import type { WebChatLog } from "../../storage/web-chat-log.ts";
import type { NoticeBody } from "./translate.ts";

export interface WebSenderDeps {
  readonly log: WebChatLog;
  readonly clock: { now(): Date };
  /**
   * With another way to the citizen (SMS): a notice for a page that has not polled for
   * `goneAfterMs` is written to its history all the same, and reported as not reachable,
   * so that the outbox sends it that other way too.
   */
  readonly pageGone?: {
    readonly lastPoll: (sessionKey: string) => Promise<Date | null>;
    readonly goneAfterMs: number;
  };
}

/**
 * The outbox's sender for the web chat: a notification is delivered when it
 * is in the citizen's chat log (the recipient is the session key), where the
 * page's next poll — or the next visit — shows it. The messages of one call
 * are written in one transaction, so a retry never shows half of them twice.
 * Buttons (the rating question under an answer) become the notice's choices; a unit's photos
 * are kept by id, signed into links each time the page reads them (links expire).
 */
export function createWebSender(deps: WebSenderDeps): Sender {
  return {
    async send(recipient, messages) {
      // Read before writing: a failure here retries the notice without a second copy in the log.
      const gone = await pageGoneSince(deps, recipient);
      try {
        await deps.log.append(
          recipient,
          messages.map((message) => ({ author: "notice", body: noticeBody(message) })),
          deps.clock.now(),
        );
      } catch (error) {
        throw new DeliveryError("web chat log unavailable", { kind: "transient", cause: error });
      }
      if (gone) {
        throw new DeliveryError(
          `web.page_gone: ${gone.lastPoll ? `last poll ${gone.lastPoll.toISOString()}` : "never polled"}; the notice waits in the chat history`,
          { kind: "permanent", delivered: messages.length },
        );
      }
    },
  };
}

/**
 * Whether nobody is looking at the page: it has not polled for `goneAfterMs` (or never did).
 * The notice is written to its history all the same; the outbox then tries the other way.
 * @throws DeliveryError (transient) when the presence cannot be read.
 */
async function pageGoneSince(
  deps: WebSenderDeps,
  sessionKey: string,
): Promise<{ lastPoll: Date | null } | null> {
  if (!deps.pageGone) return null;
  let lastPoll: Date | null;
  try {
    lastPoll = await deps.pageGone.lastPoll(sessionKey);
  } catch (error) {
    throw new DeliveryError("web page presence unavailable", { kind: "transient", cause: error });
  }
  const now = deps.clock.now().getTime();
  return lastPoll && now - lastPoll.getTime() < deps.pageGone.goneAfterMs ? null : { lastPoll };
}

/** A notice as the log keeps it (see toPageMessage): buttons become choices. */
function noticeBody(message: RenderedMessage): NoticeBody {
  const choices = message.buttons?.map((row) => row.map((b) => ({ id: b.data, label: b.label })));
  return {
    text: message.text,
    ...(choices?.length && { choices }),
    ...(message.photos?.ids.length && { unitPhotos: message.photos }),
  };
}
