/**
 * The text that answers a question asked earlier (force_reply, remembered per chat and user):
 * a clerk's reason or case number, a handler's answer, note, extension or reason, a citizen's
 * satisfaction in words or reason for it. Any other text is passed on.
 */
import { Composer } from "grammy";
import { citizenRef } from "../../domain/citizen-ref.ts";
import { ratingTexts } from "../../notifications/rating-messages.ts";
import { actorOf } from "../../storage/staff-store.ts";
import { asksTheConversation, isRatingQuestion } from "../satisfaction-words.ts";
import { typedReply } from "../staff-decisions.ts";
import { askRatingAgain, satisfactionInText } from "./citizen-rating.ts";
import { replyToMessage, type StaffDesk } from "./staff-desk.ts";
import type { TurnContext } from "./turn-context.ts";

export function typedReplies(desk: StaffDesk): Composer<TurnContext> {
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
