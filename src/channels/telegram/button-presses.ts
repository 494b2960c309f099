/**
 * Every `k:` button press: parsed, its presser authenticated (a citizen's rating buttons only in
 * their private chat), handed to the clerks', handlers' or citizen's buttons, and always
 * answered once (answerCallbackQuery), whatever happened. Other presses are passed on.
 */
import { Composer } from "grammy";
import {
  isCitizenCallback,
  isHandlerCallback,
  isStaffCallback,
  parseCallbackData,
} from "../callback-data.ts";
import { onCitizenButton } from "./citizen-rating.ts";
import { onClerkButton } from "./clerk-buttons.ts";
import { onHandlerButton } from "./handler-buttons.ts";
import type { CardPress, StaffDesk } from "./staff-desk.ts";
import type { TurnContext } from "./turn-context.ts";

export function buttonPresses(desk: StaffDesk): Composer<TurnContext> {
  const { texts: t, logger } = desk;
  const composer = new Composer<TurnContext>();

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
    const press: CardPress = {
      ctx,
      ref: { chatId: String(message.chat.id), messageId: message.message_id },
      userId: String(ctx.from.id),
      respond,
    };
    try {
      if (isCitizenCallback(callback)) {
        if (message.chat.type !== "private") return await respond(t.answers.expired, true);
        return await onCitizenButton(desk, press, callback);
      }
      const member = await desk.authenticate(
        ctx,
        { action: callback.action, caseNo: callback.no },
        (text) => respond(text, true),
      );
      if (!member) return;
      if (isHandlerCallback(callback)) return await onHandlerButton(desk, press, member, callback);
      return await onClerkButton(desk, press, member, callback);
    } finally {
      await respond();
    }
  });

  return composer;
}
