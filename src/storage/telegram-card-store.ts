/**
 * Where the Telegram staff cards of a case went, so that a decision taken anywhere (console,
 * WeCom, another card, a command, the deadline scheduler) can edit them to the case as it now
 * is. One ChannelCursor row per case, `telegram-cards:<trackingNo>`, whose value is a JSON list
 * of the newest cards (cursor-lists.ts: two cards of one case sent at once are both kept).
 */
import { z } from "zod";
import { createCursorLists } from "./cursor-lists.ts";
import type { Db } from "./database.ts";

/** One card as sent: which card, the chat and Telegram's message id. */
export interface TelegramCardRef {
  readonly kind: "clerk" | "unit";
  readonly chatId: string;
  readonly messageId: number;
  /** For a unit's card: the unit it was sent to. */
  readonly unitId?: string;
  /** For a unit's card: the review stage it was sent for. */
  readonly reviewStage?: number;
}

export interface TelegramCardStore {
  /**
   * Adds a card of the case (the same chat and message again replaces it), keeping the newest
   * {@link MAX_CARDS_PER_CASE}.
   * @throws AppError("storage.conflict") when other writers keep winning the race.
   */
  remember(trackingNo: string, ref: TelegramCardRef): Promise<void>;
  /** The remembered cards of the case, oldest first; none for an unreadable value. */
  cardsOf(trackingNo: string): Promise<TelegramCardRef[]>;
}

/** A case gets a clerk card and a card per unit it is sent to; ten covers many reassignments. */
export const MAX_CARDS_PER_CASE = 10;

const CardListSchema = z.array(
  z.object({
    kind: z.enum(["clerk", "unit"]),
    chatId: z.string(),
    messageId: z.number().int(),
    unitId: z.string().optional(),
    reviewStage: z.number().int().min(0).max(2).optional(),
  }),
);

function cardsName(trackingNo: string): string {
  return `telegram-cards:${trackingNo}`;
}

/** The Prisma implementation. */
export function createTelegramCardStore(db: Db): TelegramCardStore {
  const lists = createCursorLists(db, CardListSchema);
  return {
    async remember(trackingNo, ref) {
      await lists.update(cardsName(trackingNo), (cards) => [
        ...cards
          .filter((card) => card.chatId !== ref.chatId || card.messageId !== ref.messageId)
          .slice(-(MAX_CARDS_PER_CASE - 1)),
        ref,
      ]);
    },

    cardsOf: (trackingNo) => lists.read(cardsName(trackingNo)),
  };
}
