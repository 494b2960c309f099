/**
 * Keeps the Telegram staff cards true to the case: renders a card as the case now is (its
 * text, the decisions so far and who took them, the buttons still open) and edits the sent
 * message to it. The staff feature refreshes the card that was pressed; the Telegram module
 * refreshes every remembered card of a case on the core's `caseDecided`, wherever it was taken.
 */
import { GrammyError, type Api } from "grammy";
import {
  unitCardMovedOn,
  type CardAudience,
  type CaseCards,
  type ClerkCard,
  type UnitCard,
} from "../../cases/case-cards.ts";
import type { Clock } from "../../clock.ts";
import { createKeyedQueue } from "../../keyed-queue.ts";
import type { Logger } from "../../logging/logger.ts";
import { inlineKeyboard } from "../../notifications/telegram-sender.ts";
import type { TelegramCardStore } from "../../storage/telegram-card-store.ts";
import { createCardHistory, type CardHistory, type CardHistoryDeps } from "../card-history.ts";
import type { Keyboard } from "../rating-buttons.ts";
import { clerkKeyboard, unitCaseKeyboard } from "./staff-keyboards.ts";

export type CardKind = CardAudience;

/** A sent card: its chat and message, and for a unit's card the unit and review stage it was for. */
export interface CardRef {
  readonly chatId: string;
  readonly messageId: number;
  readonly unitId?: string;
  readonly reviewStage?: number;
}

export interface CardRefreshDeps extends CardHistoryDeps {
  readonly cards: CaseCards;
  /** Where the cards of a case went (see telegram-card-store.ts). */
  readonly remembered: Pick<TelegramCardStore, "cardsOf">;
  /** The clerks' group: the only chat a clerk card, with the citizen's identity, is written to. */
  readonly staffChatId?: string | undefined;
  /** Now, for the buttons whose window closes (延期, 退回). */
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface CardRefresh {
  /**
   * Edits one card to the case as it now is. A clerk card is only written in the staff chat;
   * a unit's card whose case has gone to another unit, or on to a review (复查 / 复核, the
   * work of the unit the clerks route it to), keeps no buttons. Never rejects:
   * "message is not modified" is quiet, other failures are logged.
   */
  refresh(api: Api, kind: CardKind, trackingNo: string, ref: CardRef): Promise<void>;
  /**
   * Edits every remembered card of the case, one after the other, after any refresh of the
   * case still running (this instance only). Never rejects.
   */
  refreshCase(api: Api, trackingNo: string): Promise<void>;
}

export function createCardRefresh(deps: CardRefreshDeps): CardRefresh {
  const { cards, texts: t, logger } = deps;
  const historyOf = createCardHistory(deps);

  /** What the cards of a case are rendered from, loaded once for all of them. */
  interface CaseView {
    readonly clerkCard: ClerkCard | null;
    readonly unitCard: UnitCard | null;
    /** Every audience's history, loaded once for all the cards. */
    readonly history: { readonly [A in CardKind]: CardHistory };
  }

  async function load(no: string, clerk: boolean, unit: boolean): Promise<CaseView> {
    const [clerkCard, unitCard, history] = await Promise.all([
      clerk ? cards.clerkCard(no) : null,
      unit ? cards.unitCard(no) : null,
      historyOf(no),
    ]);
    return { clerkCard, unitCard, history };
  }

  function cardText(
    kind: CardKind,
    view: CaseView,
    sentFor: Pick<CardRef, "unitId" | "reviewStage">,
  ): [string, Keyboard] | null {
    const clerkCard = kind === "clerk" ? view.clerkCard : null;
    const card = clerkCard ?? (kind === "unit" ? view.unitCard : null);
    if (!card) return null;
    const body = clerkCard
      ? t.clerkCard(clerkCard)
      : t.unitCard(card, t.unitHeading(sentFor.reviewStage ?? card.reviewStage));
    const keyboard = clerkCard
      ? clerkKeyboard(clerkCard, t)
      : unitCardMovedOn(card, sentFor)
        ? []
        : unitCaseKeyboard(card, deps.clock.now(), t);
    return [view.history[kind](body), keyboard];
  }

  /** Edits one card to the case as `view` shows it. Never rejects. */
  async function edit(
    api: Api,
    kind: CardKind,
    no: string,
    ref: CardRef,
    view: CaseView,
  ): Promise<void> {
    try {
      const rendered = cardText(kind, view, ref);
      if (!rendered) return;
      const [text, keyboard] = rendered;
      await api.editMessageText(ref.chatId, ref.messageId, text, {
        reply_markup: inlineKeyboard(keyboard),
      });
    } catch (error) {
      warnEdit(error, no, ref);
    }
  }

  function warnEdit(error: unknown, no: string, ref: CardRef): void {
    // A double tap, or the pressed card refreshed twice, edits to what is already shown.
    if (error instanceof GrammyError && error.description.includes("not modified")) return;
    logger.warn({ err: error, caseNo: no, chatId: ref.chatId }, "card could not be edited");
  }

  async function refresh(api: Api, kind: CardKind, no: string, ref: CardRef): Promise<void> {
    if (kind === "clerk" && ref.chatId !== deps.staffChatId) return;
    let view: CaseView;
    try {
      view = await load(no, kind === "clerk", kind === "unit");
    } catch (error) {
      warnEdit(error, no, ref);
      return;
    }
    await edit(api, kind, no, ref, view);
  }

  async function refreshAll(api: Api, no: string): Promise<void> {
    try {
      // A clerk card is only written in the staff chat.
      const stored = (await deps.remembered.cardsOf(no)).filter(
        (c) => c.kind !== "clerk" || c.chatId === deps.staffChatId,
      );
      if (stored.length === 0) return;
      const view = await load(
        no,
        stored.some((c) => c.kind === "clerk"),
        stored.some((c) => c.kind === "unit"),
      );
      for (const { kind, ...ref } of stored) {
        await edit(api, kind, no, ref, view);
      }
    } catch (error) {
      logger.warn({ err: error, caseNo: no }, "cards of the case could not be refreshed");
    }
  }

  // One refresh of a case at a time, so that an older one never overwrites a newer one.
  const refreshes = createKeyedQueue();

  return {
    refresh,
    refreshCase: (api, no) => refreshes.run(no, () => refreshAll(api, no)),
  };
}
