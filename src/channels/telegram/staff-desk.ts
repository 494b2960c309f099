/**
 * What every part of the Telegram staff side shares, handed to each of them instead of kept in
 * one closure: the feature's dependencies, who the staff member behind an update is, deciding
 * through the case actions, asking with force_reply (the question remembered for the reply
 * window) and answering a typed reply, and showing a card as the case now is.
 */
import { GrammyError, type Context } from "grammy";
import type { ForceReply } from "grammy/types";
import type { CaseCards, UnitCard } from "../../cases/case-cards.ts";
import type { CaseActions, CaseRequest } from "../../cases/case-actions.ts";
import type { CitizenRatings } from "../../cases/citizen-decisions.ts";
import type { UnitPhotos } from "../../cases/unit-photos.ts";
import type { Directory } from "../../domain/directory.ts";
import type { RatedCase } from "../../domain/intake/engine.ts";
import type { Actor } from "../../domain/lifecycle/actor.ts";
import type { Logger } from "../../logging/logger.ts";
import type { StaffTexts } from "../../notifications/staff-messages-zh.ts";
import { inlineKeyboard } from "../../notifications/telegram-sender.ts";
import type { AwaitedReplies, AwaitedReply } from "../../storage/awaited-replies.ts";
import {
  actorOf,
  isPlaceholderName,
  type StaffIdentity,
  type StaffStore,
} from "../../storage/staff-store.ts";
import type { Keyboard } from "../rating-buttons.ts";
import {
  asksPromise,
  createStaffDecisions,
  decisionText,
  HANDLER_REPLIES,
  PHOTO_REPLIES,
  STAFF_REPLY_WINDOW_MS,
  type StaffDecisions,
} from "../staff-decisions.ts";
import type { CardKind, CardRef, CardRefresh } from "./card-refresh.ts";
import { noPromiseKeyboard } from "./staff-keyboards.ts";
import type { TelegramSettings } from "./telegram-channel.ts";

export interface StaffFeatureDeps {
  readonly actions: CaseActions;
  readonly staff: StaffStore;
  readonly awaited: AwaitedReplies;
  /** Whether a case's answer may be rated now, read at the citizen's 已解决 / 未解决 tap. */
  readonly ratings: Pick<
    CitizenRatings,
    "ratingOpenness" | "recordPhotos" | "recordReason" | "reviewOffer"
  >;
  readonly cards: CaseCards;
  /** Records a citizen's reason for 未解决 / 不满意 (see rating-reasons.ts). */
  readonly recordRatingReason: (trackingNo: string, reason: string) => Promise<boolean>;
  /**
   * True when a reason typed in a private chat reads as a new matter: after it is kept, the
   * citizen conversation offers it for filing (a `new_matter` event). Without it, never.
   */
  readonly readsAsNewMatter?: (text: string, about: RatedCase) => Promise<boolean>;
  readonly directory: Directory;
  readonly texts: StaffTexts;
  readonly clock: { now(): Date };
  readonly logger: Logger;
  /** Edits a pressed card to the case as it now is (only clerk cards in the staff chat). */
  readonly cardRefresh: CardRefresh;
  /**
   * Photos a handler sends while an answer or progress report is asked for: downloaded from
   * the Bot API's `files` (its root and the bot's token) and kept for the case in `store`.
   * Without them, photos are refused.
   */
  readonly photos?: {
    readonly store: Pick<UnitPhotos, "save">;
    readonly files: Pick<TelegramSettings, "apiRoot" | "token">;
  };
}

/** A question left with the desk: everything but its expiry, which the reply window sets. */
export type Question = Omit<AwaitedReply, "expiresAt">;

/** A handler's actor and the unit's card of the case, or what to tell anyone else. */
export type HandlerAtCard =
  | { readonly actor: Extract<Actor, { kind: "handler" }>; readonly card: UnitCard }
  | { readonly refusal: string };

/** A pressed button: its message, who pressed it, and the press's one answer. */
export interface CardPress {
  readonly ctx: Context;
  /** The message the button is under. */
  readonly ref: CardRef;
  /** The Telegram user id of who pressed. */
  readonly userId: string;
  /** Answers the press, as an alert when `alert`; only the first call is sent. */
  readonly respond: (text?: string, alert?: boolean) => Promise<void>;
}

export interface StaffDesk extends StaffFeatureDeps, StaffDecisions {
  /** The end of force_reply's window for a question asked now. */
  replyExpiry(): Date;
  /** The staff member behind the update, or null after refusing (with `refuse`) and logging. */
  authenticate(
    ctx: Context,
    what: { action: string; caseNo?: string },
    refuse: (text: string) => Promise<unknown>,
  ): Promise<StaffIdentity | null>;
  /** `member` as a handler of the unit case `no` is with: the actor and the unit's card. */
  handlerAt(member: StaffIdentity, no: string): Promise<HandlerAtCard>;
  /** Shows the card as the case now is, with what was decided and by whom. */
  refreshCard(ctx: Context, kind: CardKind, no: string, ref: CardRef): Promise<void>;
  /** Replaces the pressed message's buttons (and its text, when given). */
  showKeyboard(ctx: Context, keyboard: Keyboard, text?: string): Promise<void>;
  /** Decides `request` on case `no` from its card: the press answered with how it went, the card shown anew. */
  decideOnCard(
    press: CardPress,
    kind: CardKind,
    no: string,
    request: CaseRequest,
    actor: Actor,
  ): Promise<void>;
  /** Answers the press and shows `keyboard` under its message. */
  showOnCard(press: CardPress, keyboard: Keyboard): Promise<void>;
  /** Answers the press and asks `text` in its chat, the question tied to the pressed card. */
  askFromCard(press: CardPress, text: string, question: Omit<Question, "card">): Promise<void>;
  /** Asks `text` in `chatId` with force_reply, awaiting `question` from `userId`. */
  ask(
    ctx: Context,
    chatId: string,
    userId: string,
    text: string,
    question: Question,
  ): Promise<void>;
  /** The reply awaited from `userId` in `chatId`, for force_reply's window. */
  awaitReply(chatId: string, userId: string, question: Question): Promise<void>;
  /**
   * Applies what the handler's or clerk's reply to `question` asks for, tells them how it went
   * (replying to their message `replyTo`) and shows it on the case's card; a refusal that
   * another reply may mend (a promised day out of range) leaves the question open, asked again.
   */
  applyReply(
    ctx: Context,
    question: AwaitedReply,
    request: CaseRequest,
    actor: Actor,
    replyTo: number,
  ): Promise<void>;
  /** A message replying to `replyTo`, with the 不需要 button when `open` asks a promised day. */
  asking(
    open: Pick<AwaitedReply, "action" | "trackingNo" | "answerText">,
    replyTo: number,
  ): ReplyOptions;
}

/** A reply to a message, with buttons under it or not. */
type ReplyOptions = ReturnType<typeof replyingTo> & {
  readonly reply_markup?: ReturnType<typeof inlineKeyboard>;
};

/** The markup of a question whose answer is typed: Telegram opens a reply to it. */
export const FORCE_REPLY: ForceReply = { force_reply: true, selective: true };

export function createStaffDesk(deps: StaffFeatureDeps): StaffDesk {
  const { staff, awaited, cards, cardRefresh, texts: t, clock, logger } = deps;
  const decisions = createStaffDecisions({
    actions: deps.actions,
    cards,
    staffNames: (ids) => staff.namesOf(ids),
    texts: t,
    logger,
  });

  const replyExpiry = () => new Date(clock.now().getTime() + STAFF_REPLY_WINDOW_MS);

  async function authenticate(
    ctx: Context,
    what: { action: string; caseNo?: string },
    refuse: (text: string) => Promise<unknown>,
  ): Promise<StaffIdentity | null> {
    const from = ctx.from;
    const member = from ? await staff.byTelegramId(String(from.id)) : null;
    if (!member || !from) {
      logger.warn(
        { userId: from?.id, chatId: ctx.chat?.id, ...what },
        "staff action refused: not a registered staff member",
      );
      await refuse(t.answers.notStaff);
      return null;
    }
    if (isPlaceholderName(member.displayName)) {
      await staff.learnName(member.id, [from.first_name, from.last_name].filter(Boolean).join(" "));
    }
    return member;
  }

  async function handlerAt(member: StaffIdentity, no: string): Promise<HandlerAtCard> {
    const actor = actorOf(member);
    if (!actor || actor.kind !== "handler") return { refusal: t.answers.wrongRole };
    const card = await cards.unitCard(no);
    if (!card) return { refusal: t.answers.notFound(no) };
    if (card.unitId !== actor.unitId) return { refusal: t.answers.notYourUnit };
    return { actor, card };
  }

  async function showKeyboard(ctx: Context, keyboard: Keyboard, text?: string): Promise<void> {
    try {
      const markup = { reply_markup: inlineKeyboard(keyboard) };
      if (text === undefined) await ctx.editMessageReplyMarkup(markup);
      else await ctx.editMessageText(text, markup);
    } catch (error) {
      // A double tap edits to what is already shown.
      if (error instanceof GrammyError && error.description.includes("not modified")) return;
      throw error;
    }
  }

  async function decideOnCard(
    press: CardPress,
    kind: CardKind,
    no: string,
    request: CaseRequest,
    actor: Actor,
  ): Promise<void> {
    const result = await decisions.decide(no, request, actor);
    await press.respond(result.ok ? t.answers.done : result.text, !result.ok);
    await cardRefresh.refresh(press.ctx.api, kind, no, press.ref);
  }

  async function showOnCard(press: CardPress, keyboard: Keyboard): Promise<void> {
    await press.respond();
    await showKeyboard(press.ctx, keyboard);
  }

  async function askFromCard(
    press: CardPress,
    text: string,
    question: Omit<Question, "card">,
  ): Promise<void> {
    await press.respond();
    await ask(press.ctx, press.ref.chatId, press.userId, text, { ...question, card: press.ref });
  }

  async function ask(
    ctx: Context,
    chatId: string,
    userId: string,
    text: string,
    question: Question,
  ): Promise<void> {
    await awaitReply(chatId, userId, question);
    await ctx.api.sendMessage(chatId, text, { reply_markup: FORCE_REPLY });
  }

  async function awaitReply(chatId: string, userId: string, question: Question): Promise<void> {
    // Photos kept for the case (a photo sent on its card) go with whichever words follow.
    const open = await awaited.peek(chatId, userId, clock.now());
    const carried =
      open?.trackingNo === question.trackingNo &&
      open.photoIds?.length &&
      PHOTO_REPLIES.includes(question.action)
        ? { photoIds: open.photoIds }
        : {};
    await awaited.put(chatId, userId, {
      ...carried,
      ...question,
      expiresAt: replyExpiry().toISOString(),
    });
  }

  async function applyReply(
    ctx: Context,
    question: AwaitedReply,
    request: CaseRequest,
    actor: Actor,
    replyTo: number,
  ): Promise<void> {
    const chatId = String(ctx.chat!.id);
    const no = question.trackingNo;
    const result = await decisions.decide(no, request, actor);
    const closed = result.ok || result.final;
    if (closed) await awaited.clear(chatId, String(ctx.from!.id));
    await ctx.reply(
      decisionText(t, no, result),
      closed ? replyingTo(replyTo) : asking(question, replyTo),
    );
    if (question.card && "messageId" in question.card) {
      const kind: CardKind = HANDLER_REPLIES.includes(question.action) ? "unit" : "clerk";
      await cardRefresh.refresh(ctx.api, kind, no, question.card);
    }
  }

  function asking(
    open: Pick<AwaitedReply, "action" | "trackingNo" | "answerText">,
    replyTo: number,
  ): ReplyOptions {
    return asksPromise(open)
      ? {
          ...replyingTo(replyTo),
          reply_markup: inlineKeyboard(noPromiseKeyboard(open.trackingNo, t)),
        }
      : replyingTo(replyTo);
  }

  return {
    ...deps,
    ...decisions,
    replyExpiry,
    authenticate,
    handlerAt,
    refreshCard: (ctx, kind, no, ref) => cardRefresh.refresh(ctx.api, kind, no, ref),
    showKeyboard,
    decideOnCard,
    showOnCard,
    askFromCard,
    ask,
    awaitReply,
    applyReply,
    asking,
  };
}

/** The options of a message that replies to message `messageId`. */
function replyingTo(messageId: number) {
  return { reply_parameters: { message_id: messageId } };
}

/** Replies to the update's message with `text`. */
export function replyToMessage(ctx: Context & { msg: { message_id: number } }) {
  return (text: string) => ctx.reply(text, replyingTo(ctx.msg.message_id));
}

/** The citizen in the private chat of Telegram user `userId`, as the case actions know them. */
export function citizenActor(userId: string): Actor {
  return { kind: "citizen", id: `telegram:${userId}` };
}
