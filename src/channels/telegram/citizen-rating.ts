/**
 * The citizen's side of rating an answer in a private chat: the 已解决 / 未解决 and satisfaction
 * buttons, a rating or a reason typed in words, a photo sent where a rating question is open,
 * and 申请复查 / 复核 under a negative rating. The rules are channel-neutral (give-rating.ts,
 * satisfaction-words.ts, rating-photos.ts); this module asks and answers in Telegram.
 */
import type { Context } from "grammy";
import type { OutgoingMessage } from "../../domain/intake/replies.ts";
import { ratingTexts } from "../../notifications/rating-messages.ts";
import { inlineKeyboard } from "../../notifications/telegram-sender.ts";
import type { AwaitedReply } from "../../storage/awaited-replies.ts";
import type { CitizenCallback } from "../callback-data.ts";
import {
  giveRating,
  ratingMessages,
  type GiveRatingDeps,
  type RatingAnswer,
} from "../give-rating.ts";
import { satisfactionKeyboard, withButtons } from "../rating-buttons.ts";
import { photoAtRatingQuestion } from "../rating-photos.ts";
import {
  keptWords,
  ratingQuestionAgain,
  satisfactionAwaited,
  satisfactionReply,
  solvedTapRefusal,
  wordsKept,
  type GivenRating,
} from "../satisfaction-words.ts";
import { citizenActor, FORCE_REPLY, type CardPress, type StaffDesk } from "./staff-desk.ts";

/** Handles a citizen's press of a rating or review button under an answer. */
export async function onCitizenButton(
  desk: StaffDesk,
  press: CardPress,
  callback: CitizenCallback,
): Promise<void> {
  const { ctx, ref, userId, respond } = press;
  const no = callback.no;
  const actor = citizenActor(userId);
  const r = await textsOf(desk, no);
  switch (callback.action) {
    case "sv": {
      const openness = await desk.ratings.ratingOpenness(actor.id, no);
      const refused = solvedTapRefusal(openness, r);
      if (refused !== null) {
        desk.logger.warn({ caseNo: no, openness }, "rating tap refused");
        await respond(refused, true);
        // A button of an answer that is not to be rated now is retired, as after 已评价.
        if (openness !== "not_theirs") await desk.showKeyboard(ctx, []);
        return;
      }
      await respond();
      await desk.awaited.put(
        ref.chatId,
        userId,
        satisfactionAwaited(no, callback.solved, desk.replyExpiry()),
      );
      return desk.showKeyboard(
        ctx,
        satisfactionKeyboard(no, callback.solved, r),
        r.askSatisfaction(callback.solved),
      );
    }
    case "sf": {
      const open = await desk.awaited.peek(ref.chatId, userId, desk.clock.now());
      const rating: GivenRating = { ...callback, ...keptWords(open, no) };
      const deps = ratingDeps(desk, ref.chatId, userId, open);
      const answer = await giveRating(deps, actor.id, rating, r);
      if (answer.kind === "refused") {
        await respond(answer.text, true);
        if (answer.final) await desk.showKeyboard(ctx, []);
        return;
      }
      await respond();
      const [thanks, ...after] = answer.lines;
      await desk.showKeyboard(ctx, [], thanks);
      return sendRated(ctx, ref.chatId, after, answer);
    }
    case "rv": {
      const result = await desk.decide(no, { type: "request_review" }, actor);
      await respond(result.ok ? undefined : result.final ? r.cannotReview : r.failed, !result.ok);
      if (result.ok || result.final) await desk.showKeyboard(ctx, []);
      return;
    }
  }
}

/**
 * Words typed where the satisfaction is asked: a rating in words, or kept for the rating;
 * true when they were kept.
 */
export async function satisfactionInText(
  desk: StaffDesk,
  ctx: Context,
  question: AwaitedReply,
  text: string,
): Promise<boolean> {
  const chatId = String(ctx.chat!.id);
  const userId = String(ctx.from!.id);
  const no = question.trackingNo;
  const r = await textsOf(desk, no);
  const replied = satisfactionReply(question, text);
  const actor = citizenActor(userId);
  if (replied.kind === "keep") {
    // On the case at once: never lost to a rating not tapped (see answer_commented).
    const recorded = await desk.decide(no, { type: "comment_on_answer", text }, actor);
    await desk.awaited.put(chatId, userId, wordsKept(question, text, recorded.ok));
    desk.logger.info({ caseNo: no }, "words kept for the rating");
    const ask = recorded.ok ? r.wordsRecordedAskSatisfaction : r.reasonKeptAskSatisfaction;
    await ctx.reply(ask, {
      reply_markup: inlineKeyboard(satisfactionKeyboard(no, question.solved ?? false, r)),
    });
    return true;
  }
  const rating = { no, ...replied };
  const deps = ratingDeps(desk, chatId, userId, question);
  const answer = await giveRating(deps, actor.id, rating, r);
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
export async function askRatingAgain(
  desk: StaffDesk,
  ctx: Context,
  question: AwaitedReply,
): Promise<void> {
  const { text, keyboard } = ratingQuestionAgain(
    question,
    await textsOf(desk, question.trackingNo),
  );
  await ctx.reply(text, { reply_markup: keyboard ? inlineKeyboard(keyboard) : FORCE_REPLY });
}

/**
 * A citizen's photo (kept as `photoId`) where a rating question is open: what to answer, which
 * the conversation sends and records as the update's answer (a redelivery repeats nothing).
 */
export async function ratingPhoto(
  desk: StaffDesk,
  ctx: Context,
  question: AwaitedReply,
  photoId: string,
  caption: string | null,
): Promise<OutgoingMessage[]> {
  const chatId = String(ctx.chat!.id);
  const userId = String(ctx.from!.id);
  const actor = citizenActor(userId);
  const commentOnAnswer = async (no: string, text: string | null, photoIds: readonly string[]) =>
    (await desk.decide(no, { type: "comment_on_answer", text, photoIds: [...photoIds] }, actor)).ok;
  const reply = await photoAtRatingQuestion(
    {
      ...ratingDeps(desk, chatId, userId, question),
      ratings: desk.ratings,
      commentOnAnswer,
      keepQuestion: (kept) =>
        kept ? desk.awaited.put(chatId, userId, kept) : desk.awaited.clear(chatId, userId),
    },
    actor.id,
    question,
    { id: photoId, words: caption?.trim() || null },
    await textsOf(desk, question.trackingNo),
  );
  if (reply.kind === "kept") return [withButtons(reply.text, reply.keyboard)];
  return ratingMessages(reply.answer, "apart");
}

/** The rating words in the language of case `no`'s citizen. */
async function textsOf(desk: StaffDesk, no: string) {
  return ratingTexts(await desk.cards.localeOf(no));
}

/**
 * What a rating by the citizen `userId` in private chat `chatId` needs: applied as them, the
 * satisfaction question (`open`, the one read for this press, text or photo) cleared once
 * answered, the reason awaited with force_reply's window.
 */
function ratingDeps(
  desk: StaffDesk,
  chatId: string,
  userId: string,
  open: AwaitedReply | null,
): GiveRatingDeps {
  const actor = citizenActor(userId);
  return {
    rate: async ({ no, solved, satisfaction }) => {
      const result = await desk.decide(no, { type: "rate", solved, satisfaction }, actor);
      return result.ok ? null : result;
    },
    ratings: desk.ratings,
    recordRatingReason: desk.recordRatingReason,
    // Once rated (now or before), the satisfaction is no longer asked; another question stays.
    clearSatisfaction: async () => {
      if (open?.action === "rating_satisfaction") await desk.awaited.clear(chatId, userId);
    },
    awaitReason: (no) =>
      desk.awaitReply(chatId, userId, { action: "rating_reason", trackingNo: no }),
    logger: desk.logger,
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
    await ctx.api.sendMessage(chatId, line, asks ? { reply_markup: FORCE_REPLY } : {});
  }
  if (!answer.review) return;
  await ctx.api.sendMessage(chatId, answer.review.text, {
    reply_markup: inlineKeyboard(answer.review.keyboard),
  });
}
