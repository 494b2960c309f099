/**
 * The clerks' buttons on a new case's card in the staff chat: confirm the suggested unit with one
 * tap, or correct it (category, then unit), not accept it (a usual reason, or one typed) or merge
 * it into another case (picked, or its number typed); each step's buttons replace the card's.
 */
import type { ClerkCard } from "../../cases/case-cards.ts";
import type { CaseRequest } from "../../cases/case-actions.ts";
import { actorOf, type StaffIdentity } from "../../storage/staff-store.ts";
import type { ClerkCallback } from "../callback-data.ts";
import type { Keyboard } from "../rating-buttons.ts";
import type { CardPress, StaffDesk } from "./staff-desk.ts";
import {
  categoryKeyboard,
  clerkKeyboard,
  mergeKeyboard,
  notAcceptKeyboard,
  unitKeyboard,
} from "./staff-keyboards.ts";

/** The buttons that lead to a step of the card (and 返回, back to its own buttons). */
type StepCallback = Extract<ClerkCallback, { action: "ch" | "cat" | "na" | "mg" | "bk" }>;

/** The buttons whose reason or case number is typed. */
const TYPED_BY_CLERK = {
  nx: { action: "not_accept", prompt: "notAccept" },
  mx: { action: "merge", prompt: "mergeInto" },
} as const;

/** Handles a clerk's press of `callback` on a card; anyone but a clerk is refused. */
export async function onClerkButton(
  desk: StaffDesk,
  press: CardPress,
  member: StaffIdentity,
  callback: ClerkCallback,
): Promise<void> {
  const { cards, texts: t } = desk;
  const { respond } = press;
  const no = callback.no;
  const actor = actorOf(member);
  if (!actor || actor.kind !== "clerk") return respond(t.answers.wrongRole, true);
  const apply = (request: CaseRequest) => desk.decideOnCard(press, "clerk", no, request, actor);
  switch (callback.action) {
    case "ok": {
      const card = await cards.clerkCard(no);
      if (!card?.suggestion) return respond(t.answers.notFound(no), true);
      return apply({ type: "route", unitId: card.suggestion.unitId });
    }
    case "u": {
      const type = callback.mode === "r" ? "route" : callback.mode === "a" ? "assign" : "reassign";
      return apply({ type, unitId: callback.unitId });
    }
    case "nt": {
      const request = await desk.notAcceptFor(no, callback.reason);
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
      // A step is only offered while the card still has something to decide.
      if (callback.action !== "bk" && clerkKeyboard(card, t).length === 0) {
        await respond(await desk.alreadyHandled(no, actor), true);
        return desk.refreshCard(press.ctx, "clerk", no, press.ref);
      }
      return desk.showOnCard(press, stepKeyboard(desk, callback, card));
    }
    case "nx":
    case "mx": {
      const { action, prompt } = TYPED_BY_CLERK[callback.action];
      return desk.askFromCard(press, t.ask[prompt](no), { action, trackingNo: no });
    }
  }
}

function stepKeyboard(desk: StaffDesk, callback: StepCallback, card: ClerkCard): Keyboard {
  const { directory, texts: t } = desk;
  const no = callback.no;
  switch (callback.action) {
    case "ch":
      return categoryKeyboard(no, card, directory, t);
    case "cat":
      return unitKeyboard(no, card, callback.category, directory, t);
    case "na":
      return notAcceptKeyboard(no, t);
    case "mg":
      return mergeKeyboard(no, card, t);
    case "bk":
      return clerkKeyboard(card, t);
  }
}
