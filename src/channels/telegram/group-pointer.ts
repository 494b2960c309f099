/**
 * Group chats that are neither the clerks' group nor a unit's: a complaint is never taken there
 * (the group would read the citizen's words, name and phone). Whoever addresses the bot there —
 * a command such as /start, or a mention of the bot — is answered once with a link to the
 * private chat; ordinary chatter in the group gets nothing, so the bot never spams a group.
 */
import { Composer } from "grammy";
import type { Message, MessageEntity } from "grammy/types";
import { localeOfLanguageTag, t } from "../../i18n/t.ts";
import type { Logger } from "../../logging/logger.ts";
import type { TurnContext } from "./turn-context.ts";

export interface GroupPointerDeps {
  /** True for the clerks' group and the units' groups: the staff side's, left as they were. */
  readonly isStaffGroup: (chatId: string) => Promise<boolean>;
  readonly logger: Logger;
}

/**
 * The feature, installed after the staff side and before the citizen conversation: it answers
 * only messages that address the bot in another group, and passes everything else on.
 */
export function groupPointer(deps: GroupPointerDeps): Composer<TurnContext> {
  const composer = new Composer<TurnContext>();
  composer.chatType(["group", "supergroup"]).on("message", async (ctx, next) => {
    const username = ctx.me.username;
    if (!addressesBot(ctx.message, username)) return next();
    const chatId = String(ctx.chat.id);
    if (await deps.isStaffGroup(chatId)) return next();
    const locale = localeOfLanguageTag(ctx.from.language_code);
    await ctx.reply(t(locale, "groupChatPointer", { botLink: `https://t.me/${username}` }), {
      reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true },
    });
    deps.logger.info({ chatId }, "group chat pointed to the private chat");
  });
  return composer;
}

/**
 * Whether a group message speaks to the bot: it opens with a command (to this bot, or to no
 * bot in particular) or mentions the bot by its @username.
 */
export function addressesBot(message: Message, username: string): boolean {
  const text = message.text ?? message.caption;
  if (text === undefined) return false;
  const entities: readonly MessageEntity[] = message.entities ?? message.caption_entities ?? [];
  // A username is letters, digits and underscores: what follows a mention is none of them.
  const mention = new RegExp(`@${username}(?![A-Za-z0-9_])`, "iu");
  return openingCommandIsOurs(text, entities, username) || mention.test(text);
}

function openingCommandIsOurs(
  text: string,
  entities: readonly MessageEntity[],
  username: string,
): boolean {
  const command = entities.find((entity) => entity.type === "bot_command" && entity.offset === 0);
  if (command === undefined) return false;
  const addressee = text.slice(0, command.length).split("@")[1];
  return addressee === undefined || addressee.toLowerCase() === username.toLowerCase();
}
