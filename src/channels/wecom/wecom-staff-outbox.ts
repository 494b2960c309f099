/**
 * The outbox side of WeCom: the renderer of every WeCom row (staff rows get their cards) and
 * the sender of the rows for staff (recipient `staff:<userid>`, through the self-built app).
 */
import type { CaseCards } from "../../cases/case-cards.ts";
import type { Clock } from "../../clock.ts";
import type { Directory } from "../../domain/directory.ts";
import type { OutboxRenderer } from "../../notifications/outbox-worker.ts";
import { plainNotices, trackingNoOf } from "../../notifications/render.ts";
import { DeliveryError, type RenderedCard, type Sender } from "../../notifications/sender.ts";
import type { Logger } from "../../logging/logger.ts";
import type { StaffTexts } from "../../notifications/staff-messages-zh.ts";
import type { WeComStaffTexts } from "../../notifications/wecom-staff-messages-zh.ts";
import { WECOM_STAFF_PREFIX } from "../../storage/address-book.ts";
import type { WeComClient } from "./api-client.ts";
import { withReviewProposal } from "../review-notice.ts";
import { createCardHistory } from "../card-history.ts";
import { isWeComError } from "./errors.ts";
import {
  clerkCardMessage,
  reviewCardMessage,
  sendToStaff,
  unitCardMessage,
  type SentCard,
} from "./wecom-staff-cards.ts";

/**
 * Renders WeCom rows: for staff, the clerks' new-case card, a review request's card with the
 * organ proposed for it (one tap sends the review there), and the unit's card after its
 * assignment or reminder notice; every other staff row as render.ts does, a citizen's row as
 * `citizenNotices` does. Cards load the case as it
 * is now, with its history, so a card delivered late offers nothing already decided.
 */
export function createWeComRenderer(deps: {
  readonly cards: Pick<CaseCards, "clerkCard" | "unitCard" | "history">;
  /** Display names of staff members by id (for the cards' history). */
  readonly staffNames: (ids: readonly string[]) => Promise<ReadonlyMap<string, string>>;
  readonly directory: Directory;
  readonly staffTexts: StaffTexts;
  readonly texts: WeComStaffTexts;
  /** Now, for the buttons whose window closes (延期, 退回). */
  readonly clock: Clock;
  /** A citizen's row as kf messages (WeComCitizenDelivery.notices). */
  readonly citizenNotices: OutboxRenderer;
}): OutboxRenderer {
  const historyOf = createCardHistory({ ...deps, texts: deps.staffTexts });
  return async (message) => {
    if (!message.recipient.startsWith(WECOM_STAFF_PREFIX)) return deps.citizenNotices(message);
    const base = plainNotices(message);
    const no = trackingNoOf(message.payload);
    if (no === null) return base;
    if (message.audience === "clerks" && message.kind === "new_case") {
      const [card, withHistory] = await Promise.all([
        deps.cards.clerkCard(no),
        historyOf(no).then((h) => h.clerk),
      ]);
      const rendered = card && clerkCardMessage(card, deps.directory, deps, withHistory);
      return rendered ? [{ ...rendered, card: { trackingNo: no, kind: "clerk" } }] : base;
    }
    if (message.audience === "clerks" && message.kind === "review_to_route") {
      // The notice names the organ proposed, and its card sends the review there in one tap.
      const card = await deps.cards.clerkCard(no);
      if (!card) return base;
      const notice = withReviewProposal(base, card, deps.staffTexts);
      const last = notice.at(-1);
      const rendered = last && reviewCardMessage(card, last.text, deps.directory, deps);
      return rendered ? [...notice.slice(0, -1), rendered] : notice;
    }
    if (
      message.audience === "unit" &&
      (message.kind === "assigned" || message.kind === "reminder")
    ) {
      const [card, withHistory] = await Promise.all([
        deps.cards.unitCard(no),
        historyOf(no).then((h) => h.unit),
      ]);
      const rendered = card && unitCardMessage(card, deps.clock.now(), deps, withHistory);
      if (!card || !rendered) return base;
      const sentFor = { unitId: card.unitId ?? undefined, reviewStage: card.reviewStage };
      return [...base, { ...rendered, card: { trackingNo: no, kind: "unit", ...sentFor } }];
    }
    return base;
  };
}

/**
 * The Sender for `staff:` recipients: text by message/send, buttons as a template card. A staff
 * card (RenderedMessage.card) is reported to `onCardSent` with its task id and response_code;
 * a failure there does not fail the delivery (the card is out, and a retry would send it
 * twice): it is logged and the card is simply not refreshed.
 */
export function createWeComStaffSender(deps: {
  readonly client: Pick<WeComClient, "messageSend">;
  readonly agentId: number;
  readonly onCardSent?: (card: RenderedCard, userId: string, sent: SentCard) => Promise<void>;
  readonly logger?: Logger;
}): Sender {
  return {
    async send(recipient, messages) {
      const userId = recipient.slice(WECOM_STAFF_PREFIX.length);
      for (const [index, message] of messages.entries()) {
        let sent: SentCard | null;
        try {
          sent = await sendToStaff(deps, userId, message);
        } catch (error) {
          const permanent = isWeComError(error) && error.permanent;
          throw new DeliveryError(
            isWeComError(error)
              ? `wecom ${error.method} ${error.errcode ?? ""}: ${error.reason}`
              : "wecom app send failed",
            { kind: permanent ? "permanent" : "transient", delivered: index, cause: error },
          );
        }
        if (sent && message.card && deps.onCardSent) {
          await deps
            .onCardSent(message.card, userId, sent)
            .catch((error: unknown) =>
              deps.logger?.warn(
                { err: error, caseNo: message.card?.trackingNo, taskId: sent.taskId },
                "sent card could not be remembered; it will not be refreshed",
              ),
            );
        }
      }
    },
  };
}
