/**
 * Button taps, routed: a global one (menu, language, a case, a question outside the draft) to
 * its flow, a draft's one to the field it sets (stale when it answers no current question).
 */
import { FALLBACK_CATEGORY } from "../routing.ts";
import { LOCALES } from "../../i18n/catalog.ts";
import { LEAVE_TO_CLERK, parseChoiceId } from "./choice-id.ts";
import type { ParsedChoice } from "./choice-id.ts";
import { isEditing, menuButtons, nameSaidIn, contactSaidIn } from "./prompts.ts";
import type { Draft } from "./state.ts";
import { onSupplementChoice } from "./addition-flow.ts";
import { showCase } from "./case-list.ts";
import { leaveKindToClerk } from "./category-step.ts";
import { onCommand, setLocale, startFromMenu } from "./commands.ts";
import { takeName, useContactSaid } from "./contact-steps.ts";
import { acceptDescription } from "./description-step.ts";
import { cancelDraft, keepDraft, startEdit, submit } from "./draft-lifecycle.ts";
import { CONSULT, acceptOffer, declineOffer } from "./filing-offer.ts";
import { fileAnyway, joinNearby } from "./nearby-flow.ts";
import { goOnWithoutPlace } from "./place-steps.ts";
import { onPhoneChoice } from "./phone-change-flow.ts";
import { fileRecurrence, rateAnswer, rateRecurrence, requestReview } from "./rating-flow.ts";
import { takeSamePlace } from "./same-place.ts";
import { forgetDay } from "./time-step.ts";
import { stale } from "./turn.ts";
import type { Turn } from "./turn.ts";
import { confirmVoice, redoVoice } from "./voice-flow.ts";
import { onWithdrawChoice } from "./withdrawal-flow.ts";

// ---------------------------------------------------------------- buttons

export async function onChoice(turn: Turn, id: string): Promise<void> {
  const choice = parseChoiceId(id);
  if (!choice) return stale(turn);
  if (choice.scope === "global") return onGlobalChoice(turn, choice);
  const { s } = turn;
  if (s.pending?.kind === "voice") s.pending = null;
  const draft = s.draft;
  if (!draft || draft.no !== choice.draftNo) {
    if (s.lastSubmitted && s.lastSubmitted.draftNo === choice.draftNo) {
      turn.say({ text: turn.tr("alreadySubmitted", { trackingNo: s.lastSubmitted.trackingNo }) });
      if (s.draft) turn.reask();
      return;
    }
    return stale(turn);
  }
  if (choice.action === "cancel") {
    if (s.pending?.kind !== "cancel") return stale(turn);
    if (choice.value === "yes") return cancelDraft(turn);
    if (choice.value === "no") return keepDraft(turn);
    return stale(turn);
  }
  if (s.pending?.kind === "cancel") s.pending = null;
  const handled = await onDraftChoice(turn, draft, choice.action, choice.value);
  if (!handled) stale(turn);
}

async function onGlobalChoice(
  turn: Turn,
  choice: Extract<ParsedChoice, { scope: "global" }>,
): Promise<void> {
  const { s } = turn;
  switch (choice.action) {
    case "menu":
      if (choice.value === "file") return startFromMenu(turn);
      if (choice.value === "cases") return onCommand(turn, "mycases", "");
      if (choice.value === "help") return onCommand(turn, "help", "");
      return stale(turn);
    case "lang": {
      const locale = LOCALES.find((l) => l === choice.value);
      return locale ? setLocale(turn, locale) : stale(turn);
    }
    case "case":
      await showCase(turn, choice.value);
      if (s.draft) turn.reask();
      return;
    case "offer": {
      const pending = s.pending;
      if (s.draft || pending?.kind !== "offer") return stale(turn);
      if (choice.value === "no") return declineOffer(turn);
      if (choice.value === CONSULT && pending.consultation) {
        return acceptOffer(turn, pending, "consultation");
      }
      if (choice.value !== "yes") return stale(turn);
      return acceptOffer(turn, pending);
    }
    case "voice": {
      const pending = s.pending;
      if (pending?.kind !== "voice") return stale(turn);
      if (choice.value === "yes") return confirmVoice(turn, pending);
      if (choice.value === "redo") return redoVoice(turn);
      return stale(turn);
    }
    case "rate": {
      const pending = s.pending;
      if (pending?.kind !== "rate") return stale(turn);
      if (choice.value === "yes") return rateAnswer(turn, pending);
      if (choice.value !== "no") return stale(turn);
      s.pending = null;
      if (pending.photos?.length) turn.say({ text: turn.tr("photoNotKept") });
      turn.say({ text: turn.tr("rateDeclined"), choices: menuButtons(turn.locale) });
      return;
    }
    case "review":
      return requestReview(turn, choice.value);
    case "withdraw":
      return onWithdrawChoice(turn, choice.value);
    case "supplement":
      return onSupplementChoice(turn, choice.value);
    case "phone":
      return onPhoneChoice(turn, choice.value);
    case "again": {
      const pending = s.pending;
      if (s.draft || pending?.kind !== "again") return stale(turn);
      if (choice.value === "old") return rateRecurrence(turn, pending);
      if (choice.value !== "new") return stale(turn);
      return fileRecurrence(turn, pending);
    }
  }
}

/** Returns false when the button does not belong to the current question (stale). */
async function onDraftChoice(
  turn: Turn,
  draft: Draft,
  action: string,
  value: string,
): Promise<boolean> {
  const { s } = turn;
  const { directory } = turn.deps;
  const step = s.step;
  if (action === "edit" && value === "back" && isEditing(draft) && step !== "summary") {
    turn.ask("summary");
    return true;
  }
  switch (action) {
    case "cat":
      if (step !== "category" && step !== "category_list") return false;
      if (value === LEAVE_TO_CLERK) {
        if (step !== "category_list") return false;
        leaveKindToClerk(turn, draft);
        return true;
      }
      if (!directory.categories.some((c) => c.code === value)) return false;
      if (step === "category" && value !== (draft.classification?.category ?? FALLBACK_CATEGORY))
        return false;
      draft.category = value;
      draft.categoryLeftToClerk = false;
      turn.advance();
      return true;
    case "catlist":
      if (step !== "category") return false;
      turn.ask("category_list");
      return true;
    case "place":
      if (step !== "place") return false;
      if (value === "same") {
        if (turn.s.lastPlace === null) return false;
        takeSamePlace(turn, draft, turn.s.lastPlace);
        return true;
      }
      if (value !== "unknown") return false;
      goOnWithoutPlace(turn, draft);
      return true;
    case "street":
      if (step !== "street" || value !== "skip") return false;
      draft.streetAsked = true;
      turn.advance();
      return true;
    case "near": {
      if (step !== "nearby") return false;
      if (value === "no") {
        fileAnyway(turn, draft);
        return true;
      }
      const offer = draft.nearby?.find((o) => o.trackingNo === value);
      if (!offer) return false;
      await joinNearby(turn, draft, offer.trackingNo);
      return true;
    }
    case "region": {
      if (step !== "region") return false;
      if (value !== LEAVE_TO_CLERK && !directory.regions.some((r) => r.code === value)) {
        return false;
      }
      const code = value === LEAVE_TO_CLERK ? null : value;
      draft.region = { code, source: "citizen", town: null };
      turn.advance();
      return true;
    }
    case "time":
      if (step !== "time" || value !== "unknown") return false;
      forgetDay(draft);
      turn.advance();
      return true;
    case "photos":
      if (step !== "photos") return false;
      if (value === "clear") {
        draft.photos = [];
        turn.sayWithButtons(turn.tr("photosCleared"));
        return true;
      }
      if (value !== "done") return false;
      draft.photosDone = true;
      turn.advance();
      return true;
    case "contact": {
      if (step !== "contact") return false;
      const said = value === "said" && contactSaidIn(draft, turn.deps.phoneParser);
      if (said) return useContactSaid(turn, draft, said);
      if (value !== "anon") return false;
      draft.contact = { kind: "anonymous" };
      turn.advance();
      return true;
    }
    case "name": {
      if (step !== "contact_name") return false;
      const said = value === "said" ? nameSaidIn(draft) : null;
      if (said) takeName(draft, said);
      else if (value !== "skip") return false;
      turn.advance();
      return true;
    }
    case "sum":
      if (step !== "summary") return false;
      if (value === "submit") await submit(turn, draft);
      else if (value === "edit") turn.ask("edit");
      else if (value === "cancel") {
        s.pending = { kind: "cancel" };
        turn.reask();
      } else return false;
      return true;
    case "edit":
      if (step !== "edit") return false;
      return startEdit(turn, value);
    case "voice":
      // "Skip" under "your recording is kept; one line of text, please": the recording speaks.
      if (step !== "description" || value !== "skip" || draft.recordings.length === 0) return false;
      await acceptDescription(turn, turn.tr("voiceOnlyDescription"), null);
      return true;
    default:
      return false;
  }
}
