/**
 * The staff commands typed in a chat: the clerks' /route, /reassign, /reject and /merge, and the
 * handlers' /progress, /answer, /extend and /return, each with the case number first. A command
 * short of what it needs is answered with its usage.
 */
import { Composer } from "grammy";
import { unitCardCommands } from "../../cases/case-cards.ts";
import type { CaseRequest } from "../../cases/case-actions.ts";
import type { Actor } from "../../domain/lifecycle/actor.ts";
import type { CaseStatus } from "../../domain/lifecycle/case-status.ts";
import type { StaffTexts } from "../../notifications/staff-messages-zh.ts";
import { actorOf } from "../../storage/staff-store.ts";
import { decisionText, outcomeCode, typedReply } from "../staff-decisions.ts";
import { replyToMessage, type StaffDesk } from "./staff-desk.ts";
import type { TurnContext } from "./turn-context.ts";

/** Commands of clerks and handlers; anyone else who sends one is refused. */
const CLERK_COMMANDS = ["route", "reassign", "reject", "merge"] as const;
const HANDLER_COMMANDS = ["progress", "answer", "extend", "return"] as const;

export function staffCommands(desk: StaffDesk): Composer<TurnContext> {
  const { texts: t, clock } = desk;
  const composer = new Composer<TurnContext>();

  composer.command([...CLERK_COMMANDS, ...HANDLER_COMMANDS], async (ctx) => {
    const command = (ctx.msg.text.match(/^\/(\w+)/)?.[1] ?? "").toLowerCase();
    const args = ctx.match.trim().split(/\s+/).filter(Boolean);
    const reply = replyToMessage(ctx);
    const member = await desk.authenticate(
      ctx,
      { action: `/${command}`, ...(args[0] && { caseNo: args[0] }) },
      reply,
    );
    if (!member) return;
    const actor = actorOf(member);
    if (!actor) return void (await reply(t.answers.wrongRole));
    const chatId = String(ctx.chat.id);
    const userId = String(ctx.from?.id ?? member.id);
    if (command === "extend") {
      const extension = await desk.extendCommand(ctx.match, actor);
      if ("usage" in extension) return void (await reply(extension.usage));
      if ("result" in extension) {
        return void (await reply(decisionText(t, extension.no, extension.result)));
      }
      // Days without a reason: the reason is asked for, the case and the days kept.
      return desk.ask(ctx, chatId, userId, extension.ask, {
        action: "extend",
        trackingNo: extension.no,
        days: extension.days,
      });
    }
    const [no, ...rest] = args;
    // The text after the number as typed, line breaks kept (a progress note goes to the citizen).
    const typed = ctx.match.trim().replace(/^\S+\s*/u, "");
    const request = no === undefined ? null : await commandRequest(command, no, rest, typed);
    if (no === undefined || request === null) {
      return void (await reply(t.commandUsage[command as keyof StaffTexts["commandUsage"]]));
    }
    if (request.type === "answer" && (await answerableBy(no, actor))) {
      // As after the card's 答复: the words kept, the promised day asked.
      const open = { action: "answer", trackingNo: no, outcome: request.outcome } as const;
      const typedAnswer = typedReply(open, request.text, t, clock.now());
      if ("retry" in typedAnswer) {
        const asked = { ...open, ...typedAnswer.keep };
        await desk.awaitReply(chatId, userId, asked);
        return void (await ctx.reply(typedAnswer.retry, desk.asking(asked, ctx.msg.message_id)));
      }
    }
    await reply(decisionText(t, no, await desk.decide(no, request, actor)));
  });

  /**
   * Whether `actor` may answer case `no` now (a handler of its unit, the case answerable): only
   * then is the promised day asked, otherwise the refusal comes at once.
   */
  async function answerableBy(no: string, actor: Actor): Promise<boolean> {
    if (actor.kind !== "handler") return false;
    const card = await desk.cards.unitCard(no);
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

  /**
   * The request that sends a case to `unitId` for /route: assign when it is
   * accepted or returned, otherwise route (refused unless it is still
   * submitted: /route never moves a case another clerk already sent).
   */
  async function routeTo(no: string, unitId: string): Promise<CaseRequest> {
    const status: CaseStatus | undefined = (await desk.cards.unitCard(no))?.status;
    const type = status === "accepted" || status === "returned" ? "assign" : "route";
    return { type, unitId };
  }

  return composer;
}
