/**
 * The staff side of the Telegram channel, as one grammY Composer installed
 * before the citizen conversation: the clerks' card buttons and commands in
 * the staff chat, the handlers' buttons and commands in unit chats, the
 * citizen's rating and review buttons in private chats, and the typed
 * replies asked for with force_reply. Every decision goes through
 * caseActions; this file only authenticates, asks and answers.
 */
import { Composer, GrammyError, type Context, type Filter } from "grammy";
import type { ForceReply } from "grammy/types";
import { unitCardCommands, type CaseCards } from "../../cases/case-cards.ts";
import type { CaseActions, CaseRequest } from "../../cases/case-actions.ts";
import type { CitizenRatings } from "../../cases/citizen-decisions.ts";
import type { UnitPhotos } from "../../cases/unit-photos.ts";
import type { Directory } from "../../domain/directory.ts";
import type { OutgoingMessage } from "../../domain/intake/replies.ts";
import { citizenRef } from "../../domain/citizen-ref.ts";
import type { RatedCase } from "../../domain/intake/engine.ts";
import { MAX_UNIT_PHOTOS } from "../../domain/lifecycle/timeline.ts";
import { isAppError } from "../../errors.ts";
import type { Actor } from "../../domain/lifecycle/actor.ts";
import type { CaseStatus } from "../../domain/lifecycle/case-status.ts";
import type { Logger } from "../../logging/logger.ts";
import { ratingTexts } from "../../notifications/rating-messages.ts";
import type { StaffTexts } from "../../notifications/staff-messages-zh.ts";
import { inlineKeyboard } from "../../notifications/telegram-sender.ts";
import type { AwaitedReplies, AwaitedReply } from "../../storage/awaited-replies.ts";
import {
  actorOf,
  isPlaceholderName,
  type StaffIdentity,
  type StaffStore,
} from "../../storage/staff-store.ts";
import {
  answerWithoutPromise,
  asksPromise,
  createStaffDecisions,
  decisionText,
  HANDLER_REPLIES,
  outcomeCode,
  PHOTO_REPLIES,
  typedReply,
  type DecisionResult,
} from "../staff-decisions.ts";
import type { CardKind, CardRef, CardRefresh } from "./card-refresh.ts";
import { downloadTelegramFile, type TelegramSettings } from "./telegram-channel.ts";
import type { TurnContext } from "./turn-context.ts";
import {
  isCitizenCallback,
  isHandlerCallback,
  isStaffCallback,
  parseCallbackData,
  type CitizenCallback,
  type ClerkCallback,
  type HandlerCallback,
} from "../callback-data.ts";
import {
  categoryKeyboard,
  clerkKeyboard,
  mergeKeyboard,
  noPromiseKeyboard,
  notAcceptKeyboard,
  outcomeKeyboard,
  unitCaseKeyboard,
  unitKeyboard,
} from "./staff-keyboards.ts";
import {
  giveRating,
  ratingMessages,
  type GiveRatingDeps,
  type RatingAnswer,
} from "../give-rating.ts";
import { satisfactionKeyboard, withButtons, type Keyboard } from "../rating-buttons.ts";
import {
  asksTheConversation,
  isRatingQuestion,
  ratingQuestionAgain,
  keptWords,
  satisfactionAwaited,
  satisfactionReply,
  solvedTapRefusal,
  wordsKept,
  type GivenRating,
} from "../satisfaction-words.ts";
import { photoAtRatingQuestion } from "../rating-photos.ts";

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

/** Commands of clerks and handlers; anyone else who sends one is refused. */
const CLERK_COMMANDS = ["route", "reassign", "reject", "merge"] as const;
const HANDLER_COMMANDS = ["progress", "answer", "extend", "return"] as const;

/**
 * Creates the feature.
 * Nothing here throws into grammY for an expected failure: refusals, illegal
 * transitions and conflicts are answered in the chat and logged with the
 * case number and ids only.
 */
export function createStaffFeature(deps: StaffFeatureDeps): Composer<TurnContext> {
  const { actions, staff, awaited, cards, cardRefresh, directory, texts: t, clock, logger } = deps;
  // How long a question asked with force_reply stays open.
  const replyWindowMs = 3_600_000;
  const composer = new Composer<TurnContext>();

  /** The staff member behind the update, or null after refusing and logging. */
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

  // ---- cards -------------------------------------------------------------

  /** Shows the card as the case now is, with what was decided and by whom. */
  function refreshCard(ctx: Context, kind: CardKind, no: string, ref: CardRef): Promise<void> {
    return cardRefresh.refresh(ctx.api, kind, no, ref);
  }

  /** Replaces the pressed message's buttons (and its text, when given). */
  async function showKeyboard(ctx: Context, keyboard: Keyboard, text?: string) {
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

  // ---- deciding ----------------------------------------------------------

  const { decide, alreadyHandled, notAcceptFor, extendCommand } = createStaffDecisions({
    actions,
    cards,
    staffNames: (ids) => staff.namesOf(ids),
    texts: t,
    logger,
  });

  /**
   * The request that sends a case to `unitId` for /route: assign when it is
   * accepted or returned, otherwise route (refused unless it is still
   * submitted: /route never moves a case another clerk already sent).
   */
  async function routeTo(no: string, unitId: string): Promise<CaseRequest> {
    const status: CaseStatus | undefined = (await cards.unitCard(no))?.status;
    const type = status === "accepted" || status === "returned" ? "assign" : "route";
    return { type, unitId };
  }

  async function ask(
    ctx: Context,
    chatId: string,
    userId: string,
    text: string,
    awaitedReply: Omit<AwaitedReply, "expiresAt">,
  ) {
    await awaitReply(chatId, userId, awaitedReply);
    const forceReply: ForceReply = { force_reply: true, selective: true };
    await ctx.api.sendMessage(chatId, text, { reply_markup: forceReply });
  }

  /** The reply awaited from `userId` in `chatId`, for force_reply's window. */
  async function awaitReply(
    chatId: string,
    userId: string,
    awaitedReply: Omit<AwaitedReply, "expiresAt">,
  ): Promise<void> {
    // Photos kept for the case (a photo sent on its card) go with whichever words follow.
    const open = await awaited.peek(chatId, userId, clock.now());
    const carried =
      open?.trackingNo === awaitedReply.trackingNo &&
      open.photoIds?.length &&
      PHOTO_REPLIES.includes(awaitedReply.action)
        ? { photoIds: open.photoIds }
        : {};
    await awaited.put(chatId, userId, {
      ...carried,
      ...awaitedReply,
      expiresAt: new Date(clock.now().getTime() + replyWindowMs).toISOString(),
    });
  }

  // ---- button presses ----------------------------------------------------

  composer.on("callback_query:data", async (ctx, next) => {
    const data = ctx.callbackQuery.data;
    if (!isStaffCallback(data)) return next();
    let answered = false;
    const respond = async (text?: string, alert = false) => {
      if (answered) return;
      answered = true;
      await ctx
        .answerCallbackQuery(text === undefined ? {} : { text, show_alert: alert })
        .catch((error: unknown) =>
          logger.warn({ err: error }, "button press could not be acknowledged"),
        );
    };
    const callback = parseCallbackData(data);
    const message = ctx.callbackQuery.message;
    if (!callback || !message) {
      logger.warn({ userId: ctx.from.id }, "button with invalid callback data");
      return respond(t.answers.expired, true);
    }
    const ref: CardRef = { chatId: String(message.chat.id), messageId: message.message_id };
    try {
      if (isCitizenCallback(callback)) {
        if (message.chat.type !== "private") return await respond(t.answers.expired, true);
        return await onCitizenButton(ctx, callback, ref, respond);
      }
      const member = await authenticate(
        ctx,
        { action: callback.action, caseNo: callback.no },
        (text) => respond(text, true),
      );
      if (!member) return;
      if (isHandlerCallback(callback)) {
        return await onHandlerButton(ctx, member, callback, ref, respond);
      }
      return await onClerkButton(ctx, member, callback, ref, respond);
    } finally {
      await respond();
    }
  });

  async function onClerkButton(
    ctx: Context,
    member: StaffIdentity,
    callback: ClerkCallback,
    ref: CardRef,
    respond: (text?: string, alert?: boolean) => Promise<void>,
  ): Promise<void> {
    const no = callback.no;
    const actor = actorOf(member);
    if (!actor || actor.kind !== "clerk") return respond(t.answers.wrongRole, true);
    const userId = telegramIdOf(ctx) ?? member.id;
    const apply = async (request: CaseRequest) => {
      const result = await decide(no, request, actor);
      if (result.ok) {
        await respond(t.answers.done);
      } else {
        await respond(result.text, true);
      }
      await refreshCard(ctx, "clerk", no, ref);
    };
    switch (callback.action) {
      case "ok": {
        const card = await cards.clerkCard(no);
        if (!card?.suggestion) return respond(t.answers.notFound(no), true);
        return apply({ type: "route", unitId: card.suggestion.unitId });
      }
      case "u": {
        const type =
          callback.mode === "r" ? "route" : callback.mode === "a" ? "assign" : "reassign";
        return apply({ type, unitId: callback.unitId });
      }
      case "nt": {
        const request = await notAcceptFor(no, callback.reason);
        if (!request) return respond(t.answers.expired, true);
        return apply(request);
      }
      case "mi":
        return apply({ type: "merge", intoTrackingNo: callback.into });
      case "ch":
      case "cat":
      case "na":
      case "mg":
      case "bk": {
        const card = await cards.clerkCard(no);
        if (!card) return respond(t.answers.notFound(no), true);
        const keyboard =
          callback.action === "ch"
            ? categoryKeyboard(no, card, directory, t)
            : callback.action === "cat"
              ? unitKeyboard(no, card, callback.category, directory, t)
              : callback.action === "na"
                ? notAcceptKeyboard(no, t)
                : callback.action === "mg"
                  ? mergeKeyboard(no, card, t)
                  : clerkKeyboard(card, t);
        if (callback.action !== "bk" && clerkKeyboard(card, t).length === 0) {
          await respond(await alreadyHandled(no, actor), true);
          return refreshCard(ctx, "clerk", no, ref);
        }
        await respond();
        return showKeyboard(ctx, keyboard);
      }
      case "nx":
      case "mx": {
        await respond();
        const action = callback.action === "nx" ? "not_accept" : "merge";
        const prompt = action === "not_accept" ? t.ask.notAccept(no) : t.ask.mergeInto(no);
        return ask(ctx, ref.chatId, userId, prompt, {
          action,
          trackingNo: no,
          card: ref,
        });
      }
      default:
        return respond(t.answers.expired, true);
    }
  }

  async function onHandlerButton(
    ctx: Context,
    member: StaffIdentity,
    callback: HandlerCallback,
    ref: CardRef,
    respond: (text?: string, alert?: boolean) => Promise<void>,
  ): Promise<void> {
    const no = callback.no;
    const actor = actorOf(member);
    if (!actor || actor.kind !== "handler") return respond(t.answers.wrongRole, true);
    const card = await cards.unitCard(no);
    if (!card) return respond(t.answers.notFound(no), true);
    if (card.unitId !== actor.unitId) return respond(t.answers.notYourUnit, true);
    const userId = telegramIdOf(ctx) ?? member.id;
    switch (callback.action) {
      case "st": {
        const result = await decide(no, { type: "start" }, actor);
        await respond(result.ok ? t.answers.done : result.text, !result.ok);
        return refreshCard(ctx, "unit", no, ref);
      }
      case "an":
        await respond();
        return showKeyboard(ctx, outcomeKeyboard(no, t));
      case "ub":
        await respond();
        return showKeyboard(ctx, unitCaseKeyboard(card, clock.now(), t));
      case "ao":
        await respond();
        return ask(ctx, ref.chatId, userId, t.ask.answer(no, callback.outcome), {
          action: "answer",
          trackingNo: no,
          outcome: callback.outcome,
          card: ref,
        });
      case "np": {
        const question = await awaited.peek(ref.chatId, userId, clock.now());
        const request = question?.trackingNo === no && answerWithoutPromise(question);
        if (!question || !request) return respond(t.answers.expired, true);
        await respond();
        await showKeyboard(ctx, []);
        return applyReply(ctx, question, request, actor, ref.messageId);
      }
      case "ex":
      case "rt":
      case "pg": {
        await respond();
        const action =
          callback.action === "ex" ? "extend" : callback.action === "rt" ? "return" : "progress";
        return ask(ctx, ref.chatId, userId, t.ask[action](no), {
          action,
          trackingNo: no,
          card: ref,
        });
      }
      default:
        return respond(t.answers.expired, true);
    }
  }

  async function onCitizenButton(
    ctx: Context,
    callback: CitizenCallback,
    ref: CardRef,
    respond: (text?: string, alert?: boolean) => Promise<void>,
  ): Promise<void> {
    const no = callback.no;
    const userId = String(ctx.from?.id ?? "");
    const actor: Actor = { kind: "citizen", id: `telegram:${userId}` };
    const r = ratingTexts(await cards.localeOf(no));
    switch (callback.action) {
      case "sv": {
        const openness = await deps.ratings.ratingOpenness(actor.id, no);
        const refused = solvedTapRefusal(openness, r);
        if (refused !== null) {
          logger.warn({ caseNo: no, openness }, "rating tap refused");
          await respond(refused, true);
          // A button of an answer that is not to be rated now is retired, as after 已评价.
          if (openness !== "not_theirs") await showKeyboard(ctx, []);
          return;
        }
        await respond();
        await awaited.put(
          ref.chatId,
          userId,
          satisfactionAwaited(no, callback.solved, new Date(clock.now().getTime() + replyWindowMs)),
        );
        return showKeyboard(
          ctx,
          satisfactionKeyboard(no, callback.solved, r),
          r.askSatisfaction(callback.solved),
        );
      }
      case "sf": {
        const open = await awaited.peek(ref.chatId, userId, clock.now());
        const rating: GivenRating = { ...callback, ...keptWords(open, no) };
        const answer = await giveRating(ratingDeps(ref.chatId, userId, open), actor.id, rating, r);
        if (answer.kind === "refused") {
          await respond(answer.text, true);
          if (answer.final) await showKeyboard(ctx, []);
          return;
        }
        await respond();
        const [thanks, ...after] = answer.lines;
        await showKeyboard(ctx, [], thanks);
        return sendRated(ctx, ref.chatId, after, answer);
      }
      case "rv": {
        const result = await decide(no, { type: "request_review" }, actor);
        await respond(result.ok ? undefined : result.final ? r.cannotReview : r.failed, !result.ok);
        if (result.ok || result.final) await showKeyboard(ctx, []);
        return;
      }
    }
  }

  /**
   * What a rating by the citizen `userId` in private chat `chatId` needs: applied as them, the
   * satisfaction question (`open`, the one read for this press, text or photo) cleared once
   * answered, the reason awaited with force_reply's window.
   */
  function ratingDeps(chatId: string, userId: string, open: AwaitedReply | null): GiveRatingDeps {
    const actor: Actor = { kind: "citizen", id: `telegram:${userId}` };
    return {
      rate: async ({ no, solved, satisfaction }) => {
        const result = await decide(no, { type: "rate", solved, satisfaction }, actor);
        return result.ok ? null : result;
      },
      ratings: deps.ratings,
      recordRatingReason: deps.recordRatingReason,
      clearSatisfaction: () => clearSatisfactionQuestion(chatId, userId, open),
      awaitReason: (no) => awaitReply(chatId, userId, { action: "rating_reason", trackingNo: no }),
      logger,
    };
  }

  /**
   * What follows the thanks for a rating, each line its own message (the reason asked with
   * force_reply), then the review offered.
   */
  async function sendRated(
    ctx: Context,
    chatId: string,
    lines: readonly string[],
    answer: Extract<RatingAnswer, { kind: "rated" }>,
  ): Promise<void> {
    for (const [index, line] of lines.entries()) {
      const asks = answer.asksReason && index === lines.length - 1;
      const forceReply: ForceReply = { force_reply: true, selective: true };
      await ctx.api.sendMessage(chatId, line, asks ? { reply_markup: forceReply } : {});
    }
    if (!answer.review) return;
    await ctx.api.sendMessage(chatId, answer.review.text, {
      reply_markup: inlineKeyboard(answer.review.keyboard),
    });
  }

  /**
   * Once rated (now or before), the satisfaction is no longer asked; another question (`open`,
   * the one read for this press or text) stays.
   */
  async function clearSatisfactionQuestion(
    chatId: string,
    userId: string,
    open: AwaitedReply | null,
  ): Promise<void> {
    if (open?.action === "rating_satisfaction") await awaited.clear(chatId, userId);
  }

  /**
   * Words typed where the satisfaction is asked: a rating in words, or kept for the rating;
   * true when they were kept.
   */
  async function satisfactionInText(
    ctx: Context,
    question: AwaitedReply,
    text: string,
  ): Promise<boolean> {
    const chatId = String(ctx.chat!.id);
    const userId = String(ctx.from!.id);
    const no = question.trackingNo;
    const r = ratingTexts(await cards.localeOf(no));
    const replied = satisfactionReply(question, text);
    const actor: Actor = { kind: "citizen", id: `telegram:${userId}` };
    if (replied.kind === "keep") {
      // On the case at once: never lost to a rating not tapped (see answer_commented).
      const recorded = await decide(no, { type: "comment_on_answer", text }, actor);
      await awaited.put(chatId, userId, wordsKept(question, text, recorded.ok));
      logger.info({ caseNo: no }, "words kept for the rating");
      const ask = recorded.ok ? r.wordsRecordedAskSatisfaction : r.reasonKeptAskSatisfaction;
      await ctx.reply(ask, {
        reply_markup: inlineKeyboard(satisfactionKeyboard(no, question.solved ?? false, r)),
      });
      return true;
    }
    const rating = { no, ...replied };
    const answer = await giveRating(ratingDeps(chatId, userId, question), actor.id, rating, r);
    if (answer.kind === "refused") {
      await ctx.reply(answer.text);
      return false;
    }
    const [thanks, ...after] = answer.lines;
    await ctx.reply(thanks!);
    await sendRated(ctx, chatId, after, answer);
    return false;
  }

  /** The satisfaction (with its buttons) or the reason asked again, still awaited as before. */
  async function askRatingAgain(ctx: Context, question: AwaitedReply): Promise<void> {
    const r = ratingTexts(await cards.localeOf(question.trackingNo));
    const { text, keyboard } = ratingQuestionAgain(question, r);
    const forceReply: ForceReply = { force_reply: true, selective: true };
    await ctx.reply(text, { reply_markup: keyboard ? inlineKeyboard(keyboard) : forceReply });
  }

  // ---- commands ----------------------------------------------------------

  composer.command([...CLERK_COMMANDS, ...HANDLER_COMMANDS], async (ctx) => {
    const command = (ctx.msg.text.match(/^\/(\w+)/)?.[1] ?? "").toLowerCase();
    const args = ctx.match.trim().split(/\s+/).filter(Boolean);
    const reply = (text: string) =>
      ctx.reply(text, { reply_parameters: { message_id: ctx.msg.message_id } });
    const member = await authenticate(
      ctx,
      { action: `/${command}`, ...(args[0] && { caseNo: args[0] }) },
      reply,
    );
    if (!member) return;
    const actor = actorOf(member);
    if (!actor) return void (await reply(t.answers.wrongRole));
    const usage = t.commandUsage[command as keyof StaffTexts["commandUsage"]];
    const [no, ...rest] = args;
    // The text after the number as typed, line breaks kept (a progress note goes to the citizen).
    const typed = ctx.match.trim().replace(/^\S+\s*/u, "");
    const answer = (no: string, result: DecisionResult) => reply(decisionText(t, no, result));
    if (command === "extend") {
      const extension = await extendCommand(ctx.match, actor);
      if ("usage" in extension) return void (await reply(extension.usage));
      if ("result" in extension) return void (await answer(extension.no, extension.result));
      // Days without a reason: the reason is asked for, the case and the days kept.
      const userId = String(ctx.from?.id ?? member.id);
      return ask(ctx, String(ctx.chat.id), userId, extension.ask, {
        action: "extend",
        trackingNo: extension.no,
        days: extension.days,
      });
    }
    const request = no === undefined ? null : await commandRequest(command, no, rest, typed);
    if (no === undefined || request === null) return void (await reply(usage));
    if (request.type === "answer" && (await answerableBy(no, actor))) {
      // As after the card's 答复: the words kept, the promised day asked.
      const open = { action: "answer", trackingNo: no, outcome: request.outcome } as const;
      const typedAnswer = typedReply(open, request.text, t, clock.now());
      if ("retry" in typedAnswer) {
        const asked = { ...open, ...typedAnswer.keep };
        await awaitReply(String(ctx.chat.id), String(ctx.from?.id ?? member.id), asked);
        return void (await ctx.reply(typedAnswer.retry, asking(asked, ctx.msg.message_id)));
      }
    }
    await answer(no, await decide(no, request, actor));
  });

  /**
   * Whether `actor` may answer case `no` now (a handler of its unit, the case answerable): only
   * then is the promised day asked, otherwise the refusal comes at once.
   */
  async function answerableBy(no: string, actor: Actor): Promise<boolean> {
    if (actor.kind !== "handler") return false;
    const card = await cards.unitCard(no);
    return card?.unitId === actor.unitId && unitCardCommands(card, clock.now()).includes("answer");
  }

  async function commandRequest(
    command: string,
    no: string,
    rest: string[],
    typed: string,
  ): Promise<CaseRequest | null> {
    const text = rest.join(" ");
    switch (command) {
      case "route":
        return rest[0] ? routeTo(no, rest[0]) : null;
      case "reassign":
        return rest[0] ? { type: "reassign", unitId: rest[0] } : null;
      case "reject":
        return text ? { type: "not_accept", reason: text, channel: null } : null;
      case "merge":
        return rest[0] ? { type: "merge", intoTrackingNo: rest[0] } : null;
      case "progress":
        return typed ? { type: "report_progress", note: typed } : { type: "start" };
      case "answer": {
        const outcome = rest[0] ? (t.outcomeWords[rest[0]] ?? outcomeCode(rest[0])) : undefined;
        const answer = rest.slice(1).join(" ");
        return outcome && answer ? { type: "answer", outcome, text: answer } : null;
      }
      case "return":
        return text ? { type: "return", reason: text } : null;
      default:
        return null;
    }
  }

  // ---- photos of the fix -------------------------------------------------

  composer.on("message:photo", async (ctx, next) => {
    const chatId = String(ctx.chat.id);
    const userId = String(ctx.from.id);
    const question = await awaited.peek(chatId, userId, clock.now());
    const reply = (body: string) =>
      ctx.reply(body, { reply_parameters: { message_id: ctx.msg.message_id } });
    if (deps.photos && question && PHOTO_REPLIES.includes(question.action)) {
      const no = question.trackingNo;
      const member = await authenticate(ctx, { action: "reply:photo", caseNo: no }, reply);
      if (!member) return;
      const photoIds = await keepPhoto(ctx, no, question.photoIds ?? [], reply);
      if (!photoIds) return;
      await awaited.put(chatId, userId, { ...question, photoIds });
      logger.info({ caseNo: no, photos: photoIds.length }, "unit photo kept for the answer");
      return void (await reply(t.ask.photoKept(no, photoIds.length)));
    }
    // In a private chat a photo is the citizen's: kept by the conversation, and where a rating
    // question is open, handed back here (see rating-photos.ts).
    if (ctx.chat.type === "private") {
      if (isRatingQuestion(question)) {
        ctx.ratingPhoto = (photoId, caption) => ratingPhoto(ctx, question, photoId, caption);
      }
      return next();
    }
    const card = deps.photos ? unitCardRepliedTo(ctx) : null;
    if (card) return photoOnCard(ctx, card, reply);
    // In a unit chat, say how to attach one.
    if (await staff.byTelegramId(userId)) await reply(t.ask.photoHowTo);
  });

  /**
   * A citizen's photo (kept as `photoId`) where a rating question is open: what to answer, which
   * the conversation sends and records as the update's answer (a redelivery repeats nothing).
   */
  async function ratingPhoto(
    ctx: Context,
    question: AwaitedReply,
    photoId: string,
    caption: string | null,
  ): Promise<OutgoingMessage[]> {
    const chatId = String(ctx.chat!.id);
    const userId = String(ctx.from!.id);
    const actor: Actor = { kind: "citizen", id: `telegram:${userId}` };
    const commentOnAnswer = async (no: string, text: string | null, photoIds: readonly string[]) =>
      (await decide(no, { type: "comment_on_answer", text, photoIds: [...photoIds] }, actor)).ok;
    const reply = await photoAtRatingQuestion(
      {
        ...ratingDeps(chatId, userId, question),
        ratings: deps.ratings,
        commentOnAnswer,
        keepQuestion: (kept) =>
          kept ? awaited.put(chatId, userId, kept) : awaited.clear(chatId, userId),
      },
      actor.id,
      question,
      { id: photoId, words: caption?.trim() || null },
      ratingTexts(await cards.localeOf(question.trackingNo)),
    );
    if (reply.kind === "kept") return [withButtons(reply.text, reply.keyboard)];
    return ratingMessages(reply.answer, "apart");
  }

  /**
   * A photo sent as a reply to a unit's case card, no question open: what the handler means is
   * "this goes with the case", so it is kept as after 报告进展 and the progress note is asked for
   * (报告进展 is what the card offers in every state that takes photos); pressing 答复 instead
   * carries the photos over to the answer.
   */
  async function photoOnCard(
    ctx: Filter<TurnContext, "message:photo">,
    card: { no: string; ref: CardRef },
    reply: (body: string) => Promise<unknown>,
  ): Promise<void> {
    const { no, ref } = card;
    const member = await authenticate(ctx, { action: "card:photo", caseNo: no }, reply);
    if (!member) return;
    const actor = actorOf(member);
    if (!actor || actor.kind !== "handler") return void (await reply(t.answers.wrongRole));
    const unitCard = await cards.unitCard(no);
    if (!unitCard) return void (await reply(t.answers.notFound(no)));
    if (unitCard.unitId !== actor.unitId) return void (await reply(t.answers.notYourUnit));
    if (unitCaseKeyboard(unitCard, clock.now(), t).length === 0) {
      return void (await reply(t.ask.photoCaseClosed(no)));
    }
    const photoIds = await keepPhoto(ctx, no, [], reply);
    if (!photoIds) return;
    logger.info({ caseNo: no, photos: photoIds.length }, "unit photo kept from a card reply");
    await ask(ctx, ref.chatId, String(ctx.from.id), t.ask.photoOnCard(no, photoIds.length), {
      action: "progress",
      trackingNo: no,
      card: ref,
      photoIds,
    });
  }

  /**
   * Downloads the photo of `ctx` and keeps it for case `no` beside `kept`; the photos then, or
   * null after saying why not (too many, no photo).
   */
  async function keepPhoto(
    ctx: Filter<TurnContext, "message:photo">,
    no: string,
    kept: readonly string[],
    reply: (body: string) => Promise<unknown>,
  ): Promise<string[] | null> {
    if (!deps.photos) return null;
    if (kept.length >= MAX_UNIT_PHOTOS) {
      await reply(t.ask.photoLimit(MAX_UNIT_PHOTOS));
      return null;
    }
    // The largest size Telegram made of it: the last one.
    const largest = ctx.msg.photo.at(-1)!;
    try {
      const bytes = await downloadTelegramFile(ctx.api, deps.photos.files, largest.file_id);
      const id = await deps.photos.store.save(
        no,
        bytes,
        clock.now(),
        `telegram:${ctx.chat.id}:${ctx.msg.message_id}`,
      );
      return [...new Set([...kept, id])];
    } catch (error) {
      if (!isAppError(error, "input.invalid")) throw error;
      await reply(t.ask.photoRefused);
      return null;
    }
  }

  /** The unit card (a bot message with a handler's buttons) the message replies to, if any. */
  function unitCardRepliedTo(
    ctx: Filter<TurnContext, "message">,
  ): { no: string; ref: CardRef } | null {
    const card = ctx.msg.reply_to_message;
    if (!card || card.from?.id !== ctx.me.id) return null;
    const pressed = (card.reply_markup?.inline_keyboard ?? [])
      .flat()
      .map((button) => ("callback_data" in button ? parseCallbackData(button.callback_data) : null))
      .find((callback) => callback !== null && isHandlerCallback(callback));
    return pressed
      ? { no: pressed.no, ref: { chatId: String(card.chat.id), messageId: card.message_id } }
      : null;
  }

  // ---- typed replies -----------------------------------------------------

  composer.on("message:text", async (ctx, next) => {
    const chatId = String(ctx.chat.id);
    const userId = String(ctx.from.id);
    const command = ctx.msg.text.startsWith("/");
    // /status where a rating question is open is answered, and the question asked again (below).
    if (command && !(ctx.chat.type === "private" && asksTheConversation(ctx.msg.text))) {
      return next();
    }
    // In a private chat the question is read with the chat's dialogue, which a citizen's
    // text needs next anyway; elsewhere on its own.
    const question = ctx.citizenTurn
      ? (await ctx.citizenTurn()).awaited
      : await awaited.peek(chatId, userId, clock.now());
    const ratingAsked = isRatingQuestion(question);
    if (!question || (command && !ratingAsked)) return next();
    const no = question.trackingNo;
    const text = ctx.msg.text.trim();
    const reply = (body: string) =>
      ctx.reply(body, { reply_parameters: { message_id: ctx.msg.message_id } });

    // Words kept as a rating's reason that read as a new matter are offered for filing too
    // (why both: answerReason in the engine); so a new matter typed where the satisfaction is
    // asked can still be filed.
    const offeredToo = async () => {
      if (
        ctx.chat.type === "private" &&
        (await deps.readsAsNewMatter?.(text, {
          citizenRef: citizenRef("telegram", userId),
          trackingNo: no,
        }))
      ) {
        ctx.newMatter = text;
        return next();
      }
    };
    if (ratingAsked && ctx.chat.type === "private" && asksTheConversation(text)) {
      await next();
      return askRatingAgain(ctx, question);
    }
    if (question.action === "rating_satisfaction") {
      return (await satisfactionInText(ctx, question, text)) ? offeredToo() : undefined;
    }
    if (question.action === "rating_reason") {
      await awaited.clear(chatId, userId);
      await deps.recordRatingReason(no, text);
      logger.info({ caseNo: no }, "rating reason recorded");
      await reply(ratingTexts(await cards.localeOf(no)).reasonThanks);
      return offeredToo();
    }

    const member = await authenticate(
      ctx,
      { action: `reply:${question.action}`, caseNo: no },
      reply,
    );
    if (!member) return;
    const actor = actorOf(member);
    if (!actor) return void (await reply(t.answers.wrongRole));
    const typed = typedReply(question, text, t, clock.now());
    if ("retry" in typed) {
      const open = { ...question, ...typed.keep };
      if (typed.keep) await awaited.put(chatId, userId, open);
      return void (await ctx.reply(typed.retry, asking(open, ctx.msg.message_id)));
    }
    await applyReply(ctx, question, typed.request, actor, ctx.msg.message_id);
  });

  /**
   * Applies what the handler's or clerk's reply to `question` asks for, tells them how it went
   * (replying to their message `replyTo`) and shows it on the case's card; a refusal that another
   * reply may mend (a promised day out of range) leaves the question open, asked again.
   */
  async function applyReply(
    ctx: Context,
    question: AwaitedReply,
    request: CaseRequest,
    actor: Actor,
    replyTo: number,
  ): Promise<void> {
    const chatId = String(ctx.chat!.id);
    const no = question.trackingNo;
    const result = await decide(no, request, actor);
    const closed = result.ok || result.final;
    if (closed) await awaited.clear(chatId, String(ctx.from!.id));
    await ctx.reply(
      decisionText(t, no, result),
      closed ? replyingTo(replyTo) : asking(question, replyTo),
    );
    if (question.card && "messageId" in question.card) {
      const kind: CardKind = HANDLER_REPLIES.includes(question.action) ? "unit" : "clerk";
      await refreshCard(ctx, kind, no, question.card);
    }
  }

  /** A message replying to `replyTo`, with the 不需要 button when `open` asks a promised day. */
  function asking(
    open: Pick<AwaitedReply, "action" | "trackingNo" | "answerText">,
    replyTo: number,
  ) {
    return asksPromise(open)
      ? {
          ...replyingTo(replyTo),
          reply_markup: inlineKeyboard(noPromiseKeyboard(open.trackingNo, t)),
        }
      : replyingTo(replyTo);
  }

  return composer;
}

function replyingTo(messageId: number) {
  return { reply_parameters: { message_id: messageId } };
}

function telegramIdOf(ctx: Context): string | undefined {
  return ctx.from ? String(ctx.from.id) : undefined;
}
