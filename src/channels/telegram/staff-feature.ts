/**
 * The staff side of the Telegram channel, as one grammY Composer installed
 * before the citizen conversation: the clerks' card buttons and commands in
 * the staff chat, the handlers' buttons and commands in unit chats, the
 * citizen's rating and review buttons in private chats, and the typed
 * replies asked for with force_reply. Every decision goes through
 * caseActions; the parts only authenticate, ask and answer, sharing one
 * StaffDesk (staff-desk.ts).
 */
import { Composer, type Filter } from "grammy";
import { buttonPresses } from "./button-presses.ts";
import {
  createStaffDesk,
  type StaffFeatureDeps,
  replyToMessage,
  type StaffDesk,
} from "./staff-desk.ts";
import { staffCommands } from "./staff-commands.ts";
import type { TurnContext } from "./turn-context.ts";
import { MAX_UNIT_PHOTOS } from "../../domain/lifecycle/timeline.ts";
import { isAppError } from "../../errors.ts";
import { isHandlerCallback, parseCallbackData } from "../callback-data.ts";
import { isRatingQuestion, asksTheConversation } from "../satisfaction-words.ts";
import { PHOTO_REPLIES, typedReply } from "../staff-decisions.ts";
import type { CardRef } from "./card-refresh.ts";
import { ratingPhoto, askRatingAgain, satisfactionInText } from "./citizen-rating.ts";
import { unitCaseKeyboard } from "./staff-keyboards.ts";
import { downloadTelegramFile } from "./telegram-channel.ts";
import { citizenRef } from "../../domain/citizen-ref.ts";
import { ratingTexts } from "../../notifications/rating-messages.ts";
import { actorOf } from "../../storage/staff-store.ts";

type PhotoContext = Filter<TurnContext, "message:photo">;
type Reply = (body: string) => Promise<unknown>;

function staffPhotos(desk: StaffDesk): Composer<TurnContext> {
  const { awaited, texts: t, clock, logger } = desk;
  const composer = new Composer<TurnContext>();

  composer.on("message:photo", async (ctx, next) => {
    const chatId = String(ctx.chat.id);
    const userId = String(ctx.from.id);
    const question = await awaited.peek(chatId, userId, clock.now());
    const reply = replyToMessage(ctx);
    if (desk.photos && question && PHOTO_REPLIES.includes(question.action)) {
      const no = question.trackingNo;
      const member = await desk.authenticate(ctx, { action: "reply:photo", caseNo: no }, reply);
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
        ctx.ratingPhoto = (photoId, caption) => ratingPhoto(desk, ctx, question, photoId, caption);
      }
      return next();
    }
    const card = desk.photos ? unitCardRepliedTo(ctx) : null;
    if (card) return photoOnCard(ctx, card, reply);
    // In a unit chat, say how to attach one.
    if (await desk.staff.byTelegramId(userId)) await reply(t.ask.photoHowTo);
  });

  /**
   * A photo sent as a reply to a unit's case card, no question open: what the handler means is
   * "this goes with the case", so it is kept as after 报告进展 and the progress note is asked for
   * (报告进展 is what the card offers in every state that takes photos); pressing 答复 instead
   * carries the photos over to the answer.
   */
  async function photoOnCard(
    ctx: PhotoContext,
    card: { no: string; ref: CardRef },
    reply: Reply,
  ): Promise<void> {
    const { no, ref } = card;
    const member = await desk.authenticate(ctx, { action: "card:photo", caseNo: no }, reply);
    if (!member) return;
    const handler = await desk.handlerAt(member, no);
    if ("refusal" in handler) return void (await reply(handler.refusal));
    if (unitCaseKeyboard(handler.card, clock.now(), t).length === 0) {
      return void (await reply(t.ask.photoCaseClosed(no)));
    }
    const photoIds = await keepPhoto(ctx, no, [], reply);
    if (!photoIds) return;
    logger.info({ caseNo: no, photos: photoIds.length }, "unit photo kept from a card reply");
    await desk.ask(ctx, ref.chatId, String(ctx.from.id), t.ask.photoOnCard(no, photoIds.length), {
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
    ctx: PhotoContext,
    no: string,
    kept: readonly string[],
    reply: Reply,
  ): Promise<string[] | null> {
    if (!desk.photos) return null;
    if (kept.length >= MAX_UNIT_PHOTOS) {
      await reply(t.ask.photoLimit(MAX_UNIT_PHOTOS));
      return null;
    }
    // The largest size Telegram made of it: the last one.
    const largest = ctx.msg.photo.at(-1)!;
    try {
      const bytes = await downloadTelegramFile(ctx.api, desk.photos.files, largest.file_id);
      const id = await desk.photos.store.save(
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

  return composer;
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

function typedReplies(desk: StaffDesk): Composer<TurnContext> {
  const { awaited, texts: t, clock, logger } = desk;
  const composer = new Composer<TurnContext>();

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
    const reply = replyToMessage(ctx);

    // Words kept as a rating's reason that read as a new matter are offered for filing too
    // (why both: answerReason in the engine); so a new matter typed where the satisfaction is
    // asked can still be filed.
    const offeredToo = async () => {
      if (
        ctx.chat.type === "private" &&
        (await desk.readsAsNewMatter?.(text, {
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
      return askRatingAgain(desk, ctx, question);
    }
    if (question.action === "rating_satisfaction") {
      return (await satisfactionInText(desk, ctx, question, text)) ? offeredToo() : undefined;
    }
    if (question.action === "rating_reason") {
      await awaited.clear(chatId, userId);
      await desk.recordRatingReason(no, text);
      logger.info({ caseNo: no }, "rating reason recorded");
      await reply(ratingTexts(await desk.cards.localeOf(no)).reasonThanks);
      return offeredToo();
    }

    const member = await desk.authenticate(
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
      return void (await ctx.reply(typed.retry, desk.asking(open, ctx.msg.message_id)));
    }
    await desk.applyReply(ctx, question, typed.request, actor, ctx.msg.message_id);
  });

  return composer;
}

/**
 * Creates the feature.
 * Nothing here throws into grammY for an expected failure: refusals, illegal
 * transitions and conflicts are answered in the chat and logged with the
 * case number and ids only.
 */
export function createStaffFeature(deps: StaffFeatureDeps): Composer<TurnContext> {
  const desk = createStaffDesk(deps);
  return new Composer<TurnContext>(
    buttonPresses(desk),
    staffCommands(desk),
    staffPhotos(desk),
    typedReplies(desk),
  );
}
