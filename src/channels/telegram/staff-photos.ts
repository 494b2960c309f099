/**
 * Photos in a chat: a handler's photo of the fix while an answer or progress report is asked for,
 * or sent as a reply to the unit's case card; in a private chat the citizen's, handed on to the
 * conversation (answered here where a rating question is open).
 */
import { Composer, type Filter } from "grammy";
import { MAX_UNIT_PHOTOS } from "../../domain/lifecycle/timeline.ts";
import { isAppError } from "../../errors.ts";
import { isHandlerCallback, parseCallbackData } from "../callback-data.ts";
import { isRatingQuestion } from "../satisfaction-words.ts";
import { PHOTO_REPLIES } from "../staff-decisions.ts";
import type { CardRef } from "./card-refresh.ts";
import { ratingPhoto } from "./citizen-rating.ts";
import { replyToMessage, type StaffDesk } from "./staff-desk.ts";
import { unitCaseKeyboard } from "./staff-keyboards.ts";
import { downloadTelegramFile } from "./telegram-channel.ts";
import type { TurnContext } from "./turn-context.ts";

type PhotoContext = Filter<TurnContext, "message:photo">;
type Reply = (body: string) => Promise<unknown>;

export function staffPhotos(desk: StaffDesk): Composer<TurnContext> {
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
