/**
 * Where the WeCom staff cards of a case went, and the response_code each can still be updated
 * with, so that a decision taken anywhere (console, Telegram, another card, the deadline
 * scheduler) can update them to the case as it now is. WeCom issues a code with each card sent
 * and with each press; a code updates the card once, within 72 hours. One ChannelCursor row per
 * case, `wecom-cards:<trackingNo>`, whose value is a JSON list of the newest cards
 * (cursor-lists.ts: two cards of one case sent at once are both kept).
 */
import { z } from "zod";
import { createCursorLists } from "./cursor-lists.ts";
import type { Db } from "./database.ts";

/** How long WeCom takes a response_code: 72 hours after it was issued. */
export const RESPONSE_CODE_TTL_MS = 72 * 3_600_000;

/** A code that may update a card once, and when WeCom issued it. */
export interface ResponseCode {
  readonly code: string;
  readonly issuedAt: Date;
}

/** One card as sent: which card, to whom, its task id, and its unused code if any. */
export interface WeComCardRef {
  readonly kind: "clerk" | "unit";
  readonly userId: string;
  readonly taskId: string;
  /** For a unit's card: the unit it was sent to. */
  readonly unitId?: string;
  /** For a unit's card: the review stage it was sent for. */
  readonly reviewStage?: number;
}

export interface WeComCardStore {
  /**
   * Adds a card of the case with the code it was sent with (the same task again replaces it),
   * keeping the newest {@link MAX_WECOM_CARDS_PER_CASE}.
   * @throws AppError("storage.conflict") when other writers keep winning the race.
   */
  remember(trackingNo: string, ref: WeComCardRef, code: ResponseCode): Promise<void>;
  /** The remembered cards of the case, oldest first; none for an unreadable value. */
  cardsOf(trackingNo: string): Promise<WeComCardRef[]>;
  /**
   * Takes the card's code for one update: it is gone from the store whatever the answer, and
   * null when there is none or it is older than {@link RESPONSE_CODE_TTL_MS} at `now`.
   * @throws AppError("storage.conflict") when other writers keep winning the race.
   */
  takeCode(trackingNo: string, taskId: string, now: Date): Promise<string | null>;
}

/** A case gets a card per clerk and one per unit handler it is sent to; twenty covers them. */
export const MAX_WECOM_CARDS_PER_CASE = 20;

const CardListSchema = z.array(
  z.object({
    kind: z.enum(["clerk", "unit"]),
    userId: z.string(),
    taskId: z.string(),
    unitId: z.string().optional(),
    reviewStage: z.number().int().min(0).max(2).optional(),
    code: z.string().optional(),
    codeIssuedAt: z.iso.datetime().optional(),
  }),
);
type StoredCard = z.infer<typeof CardListSchema>[number];

const cardsName = (trackingNo: string) => `wecom-cards:${trackingNo}`;

/** The Prisma implementation. */
export function createWeComCardStore(db: Db): WeComCardStore {
  const lists = createCursorLists(db, CardListSchema);
  return {
    async remember(trackingNo, ref, { code, issuedAt }) {
      const card: StoredCard = { ...ref, code, codeIssuedAt: issuedAt.toISOString() };
      await lists.update(cardsName(trackingNo), (cards) => [
        ...cards
          .filter((stored) => stored.taskId !== ref.taskId)
          .slice(-(MAX_WECOM_CARDS_PER_CASE - 1)),
        card,
      ]);
    },

    async cardsOf(trackingNo) {
      const cards = await lists.read(cardsName(trackingNo));
      return cards.map(({ code: _code, codeIssuedAt: _at, ...ref }) => ref);
    },

    async takeCode(trackingNo, taskId, now) {
      // Most presses are on cards that hold no code any more: no write for them.
      const stored = await lists.read(cardsName(trackingNo));
      if (!stored.some((card) => card.taskId === taskId && card.code)) return null;
      let taken: StoredCard | undefined;
      await lists.update(cardsName(trackingNo), (cards) => {
        taken = cards.find((card) => card.taskId === taskId);
        return cards.map((card) =>
          card.taskId === taskId ? { ...card, code: undefined, codeIssuedAt: undefined } : card,
        );
      });
      if (!taken?.code || !taken.codeIssuedAt) return null;
      const age = now.getTime() - new Date(taken.codeIssuedAt).getTime();
      return age < RESPONSE_CODE_TTL_MS ? taken.code : null;
    },
  };
}
