/**
 * The outbox renderer for Telegram: the plain notices of render.ts, plus the
 * cards with buttons that staff work from (the clerks' new-case card, the
 * unit's case card) and the citizen's rating question after an answer.
 * Cards load the case as it is now, with its history (card-history.ts), so
 * a card delivered late shows no buttons for a decision already taken and
 * lists what was decided and corrected before it; they are marked
 * (RenderedMessage.card) so that the sender remembers where they went and
 * later decisions edit them.
 */
import type { CaseCards } from "../../cases/case-cards.ts";
import type { Clock } from "../../clock.ts";
import type { Logger } from "../../logging/logger.ts";
import type { ClaimedOutboxMessage } from "../../notifications/outbox-store.ts";
import { OutboxPayloadSchema, type OutboxPayload } from "../../notifications/outbox-payload.ts";
import type { OutboxRenderer } from "../../notifications/outbox-worker.ts";
import { plainNotices } from "../../notifications/render.ts";
import type { RenderedMessage } from "../../notifications/sender.ts";
import { createCardHistory, type CardHistoryDeps } from "../card-history.ts";
import { withRatingQuestion } from "../rating-buttons.ts";
import { withReviewProposal } from "../review-notice.ts";
import { clerkKeyboard, unitCaseKeyboard } from "./staff-keyboards.ts";

export interface CardRendererDeps extends CardHistoryDeps {
  readonly cards: CaseCards;
  readonly logger: Logger;
  /** Now, for the buttons whose window closes (延期, 退回). */
  readonly clock: Clock;
}

/**
 * Renders a claimed Telegram row. Kinds without a card render as render.ts does.
 * @throws AppError("input.invalid") for a payload that does not validate.
 */
export function createCardRenderer(deps: CardRendererDeps): OutboxRenderer {
  const { cards, texts } = deps;
  const historyOf = createCardHistory(deps);
  return async (message: ClaimedOutboxMessage): Promise<RenderedMessage[]> => {
    const base = plainNotices(message);
    const payload = OutboxPayloadSchema.parse(message.payload);
    try {
      return await withCard(message, payload, base);
    } catch (error) {
      // The notice without its card still tells the staff; commands work without buttons.
      deps.logger.warn(
        { err: error, caseNo: payload.trackingNo, outboxId: message.id },
        "card could not be loaded; sending the plain notice",
      );
      return base;
    }
  };

  async function withCard(
    message: ClaimedOutboxMessage,
    payload: OutboxPayload,
    base: RenderedMessage[],
  ): Promise<RenderedMessage[]> {
    const no = payload.trackingNo;

    if (message.audience === "clerks") {
      if (!["new_case", "returned", "review_to_route"].includes(payload.kind)) return base;
      const card = await cards.clerkCard(no);
      if (!card) return base;
      const buttons = clerkKeyboard(card, texts);
      if (payload.kind === "new_case") {
        const withHistory = (await historyOf(no)).clerk;
        return [
          {
            text: withHistory(texts.clerkCard(card)),
            buttons,
            card: { trackingNo: no, kind: "clerk" },
          },
        ];
      }
      return withButtonsOnLast(withReviewProposal(base, card, texts), buttons);
    }

    if (message.audience === "unit") {
      if (payload.kind !== "assigned" && payload.kind !== "reminder") return base;
      const card = await cards.unitCard(no);
      if (!card) return base;
      const buttons = unitCaseKeyboard(card, deps.clock.now(), texts);
      if (payload.kind === "reminder") return withButtonsOnLast(base, buttons);
      const unitId = payload.details.unitId ?? card.unitId;
      const withHistory = (await historyOf(no)).unit;
      return [
        ...base,
        {
          text: withHistory(texts.unitCard(card, texts.unitHeading(card.reviewStage))),
          buttons,
          card: {
            trackingNo: no,
            kind: "unit",
            reviewStage: card.reviewStage,
            ...(unitId !== null && { unitId }),
          },
        },
      ];
    }

    return withRatingQuestion(base, payload);
  }
}

function withButtonsOnLast(
  messages: RenderedMessage[],
  buttons: RenderedMessage["buttons"],
): RenderedMessage[] {
  if (!buttons?.length || messages.length === 0) return messages;
  const last = messages[messages.length - 1]!;
  return [...messages.slice(0, -1), { ...last, buttons }];
}
