/**
 * A unit's handlers' buttons on the case's card in the unit chat: start, answer (the outcome
 * picked, the words typed, the promised day asked or 不需要), report progress, ask for an
 * extension, return the case, and back to the card's own buttons.
 */
import { answerWithoutPromise } from "../staff-decisions.ts";
import type { StaffIdentity } from "../../storage/staff-store.ts";
import type { HandlerCallback } from "../callback-data.ts";
import type { CardPress, StaffDesk } from "./staff-desk.ts";
import { outcomeKeyboard, unitCaseKeyboard } from "./staff-keyboards.ts";

/** The buttons whose reason or note is typed, by the question they ask. */
const TYPED_BY_HANDLER = { ex: "extend", rt: "return", pg: "progress" } as const;

/** Handles a handler's press of `callback`; anyone but a handler of the case's unit is refused. */
export async function onHandlerButton(
  desk: StaffDesk,
  press: CardPress,
  member: StaffIdentity,
  callback: HandlerCallback,
): Promise<void> {
  const { texts: t, clock } = desk;
  const no = callback.no;
  const handler = await desk.handlerAt(member, no);
  if ("refusal" in handler) return press.respond(handler.refusal, true);
  const { actor, card } = handler;
  switch (callback.action) {
    case "st":
      return desk.decideOnCard(press, "unit", no, { type: "start" }, actor);
    case "an":
      return desk.showOnCard(press, outcomeKeyboard(no, t));
    case "ub":
      return desk.showOnCard(press, unitCaseKeyboard(card, clock.now(), t));
    case "ao": {
      const { outcome } = callback;
      return desk.askFromCard(press, t.ask.answer(no, outcome), {
        action: "answer",
        trackingNo: no,
        outcome,
      });
    }
    case "np": {
      const question = await desk.awaited.peek(press.ref.chatId, press.userId, clock.now());
      const request = question?.trackingNo === no && answerWithoutPromise(question);
      if (!question || !request) return press.respond(t.answers.expired, true);
      await press.respond();
      await desk.showKeyboard(press.ctx, []);
      return desk.applyReply(press.ctx, question, request, actor, press.ref.messageId);
    }
    case "ex":
    case "rt":
    case "pg": {
      const action = TYPED_BY_HANDLER[callback.action];
      return desk.askFromCard(press, t.ask[action](no), { action, trackingNo: no });
    }
  }
}
