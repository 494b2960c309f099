/**
 * The intake conversation, written once for every channel. `handle` takes the stored
 * state and one citizen event and returns the next state and the messages to send.
 * Deterministic given (state, event, now, deps): no clock, no randomness, no module state.
 * Here the event is routed; each step and flow lives in a module of its own beside this one
 * (README.md: "Where each part of the conversation lives").
 */
import { createPlaceReader } from "../places/place-text.ts";
import { t } from "../../i18n/t.ts";
import type { CitizenEvent } from "./events.ts";
import { parseCommand } from "./events.ts";
import { occurredAtParser } from "./occurred-at.ts";
import { chinesePhoneParser } from "./phone.ts";
import { menuButtons } from "./prompts.ts";
import type { Confirmation } from "./confirmation.ts";
import type { OutgoingMessage } from "./replies.ts";
import { cleanText } from "./text-quality.ts";
import { supplementConfirmation, supplementPrompt } from "./addition-flow.ts";
import { onChoice } from "./buttons.ts";
import { onCommand } from "./commands.ts";
import { onContact } from "./contact-steps.ts";
import { warnOfHazards } from "./description-step.ts";
import { cancelConfirmation } from "./draft-lifecycle.ts";
import { onEdited, rememberPhotoMessage } from "./edited-message.ts";
import type { IntakeDeps, IntakeEngine } from "./engine-api.ts";
import { offerConfirmation } from "./filing-offer.ts";
import { lookUpNearby } from "./nearby-flow.ts";
import { offerNewMatter, readsAsNewMatter } from "./new-matter.ts";
import { phoneConfirmation } from "./phone-change-flow.ts";
import { onCaptionedPhoto, onPhoto } from "./photo-steps.ts";
import { onLocation } from "./place-steps.ts";
import { againConfirmation, rateConfirmation } from "./rating-flow.ts";
import { onText } from "./text.ts";
import {
  NO_CONTACT_CHANGES,
  NO_NEARBY,
  NO_RATINGS,
  NO_SUPPLEMENTS,
  NO_WITHDRAWALS,
  Turn,
} from "./turn.ts";
import type { ResolvedDeps } from "./turn.ts";
import { onVoice, voiceConfirmation } from "./voice-flow.ts";
import { NO_PLACES_ELSEWHERE } from "../places/elsewhere.ts";
import { withdrawConfirmation } from "./withdrawal-flow.ts";

export type {
  IntakeDeps,
  IntakeEngine,
  IntakeResult,
  RatedCase,
  ReplySurface,
} from "./engine-api.ts";
export { MAX_ADDRESS_LENGTH } from "./address-words.ts";

/** The Turn with the flows' questions and the reading of words (see Turn). */
class EngineTurn extends Turn {
  protected pendingPrompt(): OutgoingMessage | null {
    const pending = this.s.pending;
    if (pending?.kind === "reason") {
      return { text: this.tr("ratingReasonAsk", { trackingNo: pending.trackingNo }) };
    }
    if (pending?.kind === "supplement") {
      const prompt = supplementPrompt(this, pending);
      if (prompt) return prompt;
    }
    return this.confirmation()?.message ?? null;
  }

  confirmation(): Confirmation | null {
    const pending = this.s.pending;
    if (pending?.kind === "cancel" && this.s.draft) return cancelConfirmation(this.s);
    if (pending?.kind === "offer") return offerConfirmation(this.s, pending, this.deps.directory);
    if (pending?.kind === "voice") return voiceConfirmation(this.s, pending.transcript);
    if (pending?.kind === "rate") return rateConfirmation(this.s, pending);
    if (pending?.kind === "again") return againConfirmation(this.s, pending.trackingNo);
    if (pending?.kind === "withdraw") {
      return withdrawConfirmation(this.s, pending, this.deps.directory);
    }
    if (pending?.kind === "supplement") {
      return supplementConfirmation(this.s, pending, this.deps.directory);
    }
    if (pending?.kind === "phone") return phoneConfirmation(this.s, pending);
    return null;
  }

  onText(raw: string): Promise<void> {
    return onText(this, raw);
  }
}

/**
 * Builds the intake engine: the directory's place reader is built once, here; each `handle`
 * call works on a copy of the given state and returns the new one.
 */
export function createIntakeEngine(deps: IntakeDeps): IntakeEngine {
  const resolved: ResolvedDeps = {
    timeParser: occurredAtParser,
    phoneParser: chinesePhoneParser,
    nearby: NO_NEARBY,
    ratings: NO_RATINGS,
    withdrawals: NO_WITHDRAWALS,
    supplements: NO_SUPPLEMENTS,
    contactChanges: NO_CONTACT_CHANGES,
    placesElsewhere: NO_PLACES_ELSEWHERE,
    servicePhone: null,
    withoutInstructions: (text) => text,
    inSimplifiedChinese: (text) => text,
    ...deps,
    placeReader: createPlaceReader(deps.directory),
  };
  return {
    async handle(state, event, now, surface = "chat_app", afterUnknownQuestion = false) {
      const s = structuredClone(state);
      const turn = new EngineTurn(resolved, s, now, surface);
      if (event.type === "text" || event.type === "photo") turn.messageId = event.messageId ?? null;
      if (event.type === "photo" && event.messageId) {
        rememberPhotoMessage(s, event.messageId, event.fileId);
      }
      const normalised = normalise(eventInSimplified(event, resolved.inSimplifiedChinese));
      if (afterUnknownQuestion && normalised.type === "text") {
        resumeAfterUnknownQuestion(turn, normalised.text);
      } else {
        await dispatch(turn, normalised);
      }
      if (turn.nearbyDue) await lookUpNearby(turn);
      if (turn.replies.length === 0) turn.reask();
      s.version = state.version + 1;
      return turn.submitted
        ? { state: s, replies: turn.replies, submitted: turn.submitted }
        : { state: s, replies: turn.replies };
    },
    recoveryReplies(state) {
      return [
        { text: t(state.locale, "stateRecovered") },
        { text: t(state.locale, "idleHint"), choices: menuButtons(state.locale) },
      ];
    },
    readsAsNewMatter(text, about) {
      return readsAsNewMatter(resolved, cleanText(resolved.inSimplifiedChinese(text)), about);
    },
  };
}

/** The event's words (text, caption, transcript, a venue's address) in simplified characters. */
function eventInSimplified(event: CitizenEvent, convert: (text: string) => string): CitizenEvent {
  switch (event.type) {
    case "text":
    case "new_matter":
      return { ...event, text: convert(event.text) };
    case "edited":
      return event.text === undefined ? event : { ...event, text: convert(event.text) };
    case "photo":
    case "unsupported":
      return event.caption === undefined ? event : { ...event, caption: convert(event.caption) };
    case "voice":
      return event.transcript === null
        ? event
        : { ...event, transcript: convert(event.transcript) };
    case "location":
      return event.address === undefined ? event : { ...event, address: convert(event.address) };
    default:
      return event;
  }
}

function normalise(event: CitizenEvent): CitizenEvent {
  if (event.type !== "text") return event;
  const command = parseCommand(event.text);
  return command ? { type: "command", ...command } : event;
}

/**
 * Words typed after a question of a newer version (dropped, see restoreDialogueState) answer
 * that question, which this version cannot read: a yes to it is no yes to the draft's
 * question, nor its words a place. So they are not taken as an answer: dangers they name are
 * still warned of, and the conversation goes on at the draft's own question (the next
 * missing field or the summary) or the menu. A tap goes through as ever (a button of that
 * question is stale); commands, photos and locations mean what they always mean.
 */
function resumeAfterUnknownQuestion(turn: Turn, raw: string): void {
  warnOfHazards(turn, cleanText(raw));
  turn.say({ text: turn.tr("unknownQuestionResumed") });
  turn.reask();
}

async function dispatch(turn: Turn, event: CitizenEvent): Promise<void> {
  // Anything but an answer to "I heard: … right?" leaves the transcript unconfirmed.
  if (turn.s.pending?.kind === "voice" && event.type !== "text" && event.type !== "choice") {
    turn.s.pending = null;
  }
  switch (event.type) {
    case "command":
      return onCommand(turn, event.name.toLowerCase(), event.args);
    case "choice":
      return onChoice(turn, event.id);
    case "text":
      return onText(turn, event.text);
    case "location":
      return onLocation(
        turn,
        { latitude: event.latitude, longitude: event.longitude },
        event.address,
      );
    case "contact":
      return onContact(turn, event.phone, event.name);
    case "photo":
      return event.caption === undefined
        ? onPhoto(turn, event.fileId)
        : onCaptionedPhoto(turn, event.fileId, event.caption);
    case "unsupported":
      if (event.caption === undefined) {
        turn.say({ text: turn.tr("unsupported", { kind: event.kind }) });
        return turn.reask();
      }
      // The file is not taken, but the words under it are the citizen's, as if typed.
      turn.say({ text: turn.tr("unsupportedWordsKept", { kind: event.kind }) });
      return onText(turn, event.caption);
    case "edited":
      return onEdited(turn, event);
    case "voice":
      return onVoice(turn, event.recordingId, event.transcript);
    case "voice_refused":
      turn.say({ text: turn.tr("voiceRefused", { reason: event.reason }) });
      return turn.reask();
    case "new_matter":
      // In a draft the words were the reason only: the draft's question is asked again.
      if (turn.s.draft) return turn.reask();
      return offerNewMatter(turn, cleanText(event.text));
  }
}
