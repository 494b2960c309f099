/**
 * The intake conversation, written once for every channel. `handle` takes the stored
 * state and one citizen event and returns the next state and the messages to send.
 * Deterministic given (state, event, now, deps): no clock, no randomness, no module state.
 */
import { FALLBACK_CATEGORY } from "../routing.ts";
import { createPlaceReader } from "../places/place-text.ts";
import type { Locale } from "../../i18n/catalog.ts";
import { LOCALES } from "../../i18n/catalog.ts";
import { excerpt } from "../../i18n/format.ts";
import { t } from "../../i18n/t.ts";
import { LEAVE_TO_CLERK, globalChoice, parseChoiceId } from "./choice-id.ts";
import type { ParsedChoice } from "./choice-id.ts";
import { editSaid, type EditSaid } from "./edit-words.ts";
import type { CitizenEvent } from "./events.ts";
import { parseCommand } from "./events.ts";
import { occurredAtParser, undatedTimeAnswer } from "./occurred-at.ts";
import { chinesePhoneParser, readTypedContact } from "./phone.ts";
import { isFeedbackOnAnswer, isThanksAlone } from "./rating-words.ts";
import {
  isConfidentGuess,
  isEditing,
  languageButtons,
  menuButtons,
  nameSaidIn,
  contactSaidIn,
} from "./prompts.ts";
import {
  NO_WORDS,
  REDO_WORDS,
  YES_WORDS,
  typedConfirmation,
  type Confirmation,
} from "./confirmation.ts";
import type { OutgoingMessage } from "./replies.ts";
import { typedChoice } from "./replies.ts";
import type { DialogueState, Draft, Pending } from "./state.ts";
import { MAX_PHOTO_MESSAGES, MAX_PHOTOS, MAX_RECORDINGS } from "./state.ts";
import {
  MAX_DESCRIPTION_LENGTH,
  charLength,
  checkDescription,
  cleanText,
  isGenericIntent,
  isGreeting,
  isProgressQuestion,
  opensWithIntent,
  isStatusQuestion,
  trackingNoAsked,
  writtenLanguage,
} from "./text-quality.ts";
import { asksToSupplement } from "./supplement-words.ts";
import { asksToWithdraw } from "./withdraw-words.ts";
import { serviceQuestionIn } from "./service-questions.ts";
import {
  addOfferTo,
  addsDetailTo,
  casesToAddTo,
  offerSupplement,
  onSupplementChoice,
  suggestAddition,
  supplementConfirmation,
  supplementPrompt,
  takeSupplementWords,
} from "./addition-flow.ts";
import { answerStatusQuestion, showCase, showCases } from "./case-list.ts";
import { leaveKindToClerk, onCategoryText } from "./category-step.ts";
import {
  editNamedContact,
  onContact,
  onContactText,
  onNameText,
  takeName,
  useContactSaid,
} from "./contact-steps.ts";
import {
  acceptDescription,
  addToDescription,
  analyseDescription,
  onDescriptionText,
  warnOfHazards,
} from "./description-step.ts";
import {
  cancelConfirmation,
  cancelDraft,
  keepDraft,
  startDraft,
  startEdit,
  submit,
} from "./draft-lifecycle.ts";
import type { IntakeDeps, IntakeEngine } from "./engine-api.ts";
import { acceptOffer, declineOffer, offerConfirmation } from "./filing-offer.ts";
import { fileAnyway, joinNearby, lookUpNearby, onNearbyText } from "./nearby-flow.ts";
import { offerNewMatter, readsAsNewMatter } from "./new-matter.ts";
import { knownRegion, onLocation, onPlaceText, onRegionText, onStreetText } from "./place-steps.ts";
import { answerGreeting, answerProgressQuestion, answerServiceQuestion } from "./questions.ts";
import {
  againConfirmation,
  answerFeedback,
  answerReason,
  fileRecurrence,
  keepRatingPhotos,
  latestAnsweredCase,
  rateAnswer,
  rateConfirmation,
  rateRecurrence,
  reasonStillAsked,
  requestReview,
} from "./rating-flow.ts";
import { SUBMIT } from "./step-words.ts";
import { onTimeText } from "./time-step.ts";
import { NO_NEARBY, NO_RATINGS, NO_SUPPLEMENTS, NO_WITHDRAWALS, Turn, stale } from "./turn.ts";
import type { ResolvedDeps } from "./turn.ts";
import { offerWithdrawal, onWithdrawChoice, withdrawConfirmation } from "./withdrawal-flow.ts";

export type {
  IntakeDeps,
  IntakeEngine,
  IntakeResult,
  RatedCase,
  ReplySurface,
} from "./engine-api.ts";
export { MAX_ADDRESS_LENGTH } from "./place-steps.ts";

const NO_MORE_PHOTOS =
  /^(?:(?:没有|没|无|不用|不要|不需要|不发)(?:照片|图片|相片|拍)?了?|发完了|完了|好了|就这些|done|none|no( photos?)?|finished)[。.!！]*$/iu;

const EDIT = /^(?:修改|改|change|edit)[。.!！]*$/iu;
// "算了不弄了": the citizen gives up filing, at whatever question (asked to confirm first).
const CANCEL =
  /^(?:(?:算了吧?|取消吧?|不(?:提交|弄|办|反映|投诉|告|搞)了?吧?)[，,\s]*)+[。.!！~～]*$|^(?:cancel|stop|never ?mind)[.!]*$/iu;

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
      const normalised = normalise(event);
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
      return readsAsNewMatter(resolved, cleanText(text), about);
    },
  };
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
      turn.say({ text: turn.tr("unsupported", { kind: event.kind }) });
      return turn.reask();
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

// ---------------------------------------------------------------- commands

async function onCommand(turn: Turn, name: string, args: string): Promise<void> {
  const { s } = turn;
  switch (name) {
    case "start":
      if (!s.draft) {
        s.pending = null;
        turn.say({ text: turn.tr("welcome"), choices: menuButtons(turn.locale) });
        return;
      }
      turn.say({ text: turn.tr("welcome") });
      turn.say({ text: turn.tr("draftInProgress") });
      return turn.reask();
    case "help": {
      const help = turn.tr(turn.surface === "web_page" ? "pageHelp" : "help");
      turn.say(s.draft ? { text: help } : { text: help, choices: menuButtons(turn.locale) });
      if (s.draft) turn.reask();
      return;
    }
    case "cancel":
      if (!s.draft) {
        s.pending = null;
        turn.say({ text: turn.tr("nothingToCancel"), choices: menuButtons(turn.locale) });
        return;
      }
      s.pending = { kind: "cancel" };
      return turn.reask();
    case "mycases":
    case "cases":
      await showCases(turn);
      if (s.draft) turn.reask();
      return;
    case "status":
      if (args === "") {
        turn.say({ text: turn.tr("statusUsage") });
        await showCases(turn);
      } else {
        await showCase(turn, args);
      }
      if (s.draft) turn.reask();
      return;
    case "lang":
    case "language": {
      const wanted = languageFrom(args);
      if (wanted) return setLocale(turn, wanted);
      turn.say({ text: turn.tr("langPrompt"), choices: languageButtons() });
      return;
    }
    case "new":
    case "complain":
      return startFromMenu(turn);
    default:
      turn.say({ text: turn.tr("unknownCommand", { name: name.slice(0, 32) }) });
      return turn.reask();
  }
}

function languageFrom(args: string): Locale | null {
  const value = args.trim().toLowerCase();
  if (/^(?:zh|cn|中文|汉语|chinese|zh-cn|简体)$/u.test(value)) return "zh";
  if (/^(?:en|english|英文|英语)$/u.test(value)) return "en";
  return null;
}

function setLocale(turn: Turn, locale: Locale): void {
  turn.s.locale = locale;
  turn.s.localeChosen = true;
  turn.say({ text: turn.tr("langSet") });
  if (turn.s.draft || turn.s.pending) turn.reask();
  else turn.say({ text: turn.tr("idleHint"), choices: menuButtons(locale) });
}

/**
 * Until the citizen chooses a language, replies follow the one they write in: a foreign
 * resident who writes English is answered in English from that message on (told how to
 * switch back), and Chinese brings Chinese back.
 */
function followWrittenLanguage(turn: Turn, text: string): void {
  const written = writtenLanguage(text);
  if (turn.s.localeChosen || written === null || written === turn.s.locale) return;
  turn.s.locale = written;
  turn.say({ text: turn.tr("langFollowed", { commands: turn.surface === "chat_app" }) });
}

function startFromMenu(turn: Turn): void {
  if (turn.s.draft) {
    turn.say({ text: turn.tr("draftInProgress") });
    return turn.reask();
  }
  startDraft(turn);
  turn.ask("description");
}

// ---------------------------------------------------------------- buttons

async function onChoice(turn: Turn, id: string): Promise<void> {
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
      if (step !== "place" || value !== "unknown") return false;
      draft.streetAsked = true;
      turn.ask("region");
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
      draft.occurredAt = { unknown: true };
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

// ---------------------------------------------------------------- text

async function onText(turn: Turn, raw: string): Promise<void> {
  const { s } = turn;
  const text = cleanText(raw);
  // Typed instead of tapped: many citizens answer a question rather than look for its button.
  const confirmation = turn.confirmation();
  const answer = confirmation && typedConfirmation(confirmation, text);
  if (answer) return onTypedChoice(turn, answer);
  // Other words than a yes or no to "I heard: … right?": the typed words count, the transcript not.
  if (s.pending?.kind === "voice") s.pending = null;
  // A button's label typed (or sent by a channel that shows buttons as text) is that tap.
  const typed = typedChoice(turn.question(), text);
  if (typed) return onTypedChoice(turn, typed);
  followWrittenLanguage(turn, text);
  warnOfHazards(turn, text);
  if (s.pending?.kind === "reason") return answerReason(turn, s.pending, text);
  if (s.pending?.kind === "supplement" && s.pending.text === null) {
    return takeSupplementWords(turn, s.pending, text);
  }
  // Other words than a yes or no to "really cancel?" go on with the draft; to "rate it as …?",
  // "not solved, or new?" or "withdraw …?" they are read afresh.
  const pending = s.pending;
  if (
    pending?.kind === "cancel" ||
    pending?.kind === "rate" ||
    pending?.kind === "again" ||
    pending?.kind === "withdraw" ||
    (pending?.kind === "supplement" && pending.text !== null)
  ) {
    const photosLeft = "photos" in pending && (pending.photos?.length ?? 0) > 0;
    s.pending = null;
    if (photosLeft) turn.say({ text: turn.tr("photoNotKept") });
  }
  if (isStatusQuestion(text)) return answerStatusQuestion(turn, null);
  const trackingNo = trackingNoAsked(text, turn.deps.directory.trackingPrefix);
  if (trackingNo) return answerStatusQuestion(turn, trackingNo);
  const asked = serviceQuestionIn(text);
  if (asked) await answerServiceQuestion(turn, asked);
  if (asked?.alone) return;
  if (isGreeting(text)) return answerGreeting(turn);
  const draft = s.draft;
  if (!draft) return onIdleText(turn, text);
  if (CANCEL.test(text)) {
    s.pending = { kind: "cancel" };
    return turn.reask();
  }
  return answerStep(turn, draft, text);
}

/**
 * Words at the photo question: "没有" ends it; more about the matter ("对了，是在文昌大道那边")
 * is added to the description, as the citizen meant it to be, and the question stays; words
 * about the photos themselves ("等会儿让我儿子发") are answered with the buttons.
 */
function onPhotosText(turn: Turn, draft: Draft, text: string): void {
  if (NO_MORE_PHOTOS.test(text)) {
    draft.photosDone = true;
    return turn.advance();
  }
  const more = checkDescription(text);
  if (more.ok && !ABOUT_PHOTOS.test(text)) {
    addToDescription(turn, draft, more.text);
    return turn.reask();
  }
  turn.sayWithButtons(turn.tr("photosUseButtons", { count: draft.photos.length, max: MAX_PHOTOS }));
}

/** Words at the photo question about the photos: no more matter for the description. */
const ABOUT_PHOTOS =
  /照片|相片|图片|拍|图|视频|录像|(?:再|等|回头|晚上|明天|一会|待会).{0,6}发|发(?:给|过来|不了|不上)|photo|picture|pic\b|image|video|send|upload/iu;

/** Words typed at the draft's current question. */
async function answerStep(turn: Turn, draft: Draft, text: string): Promise<void> {
  switch (turn.s.step) {
    case "idle":
    case "description":
      return onDescriptionText(turn, text);
    case "category":
    case "category_list":
      return onCategoryText(turn, draft, text);
    case "place":
      return onPlaceText(turn, draft, text);
    case "region":
      return onRegionText(turn, draft, text);
    case "street":
      return onStreetText(turn, draft, text);
    case "nearby":
      return onNearbyText(turn, draft, text);
    case "time":
      return onTimeText(turn, draft, text);
    case "photos":
      return onPhotosText(turn, draft, text);
    case "contact":
      return onContactText(turn, draft, text);
    case "contact_name":
      return onNameText(turn, draft, text);
    case "summary": {
      if (SUBMIT.test(text)) return submit(turn, draft);
      if (EDIT.test(text)) return turn.ask("edit");
      const edit = editSaid(text);
      if (edit) return editAsSaid(turn, draft, edit);
      return turn.sayWithButtons(turn.tr("summaryUseButtons"));
    }
    case "edit": {
      const edit = editSaid(text);
      if (edit) return editAsSaid(turn, draft, edit);
      return turn.reask();
    }
  }
}

/**
 * "地点不对，是八一路和七一路交叉口": the field named is opened, and the words said with it
 * answer its question as if typed there; only the field's name opens its question.
 */
async function editAsSaid(turn: Turn, draft: Draft, { field, value }: EditSaid): Promise<void> {
  if (value === null || field === "photos") {
    startEdit(turn, field);
    return;
  }
  if (field === "contact" && draft.contact?.kind === "named") {
    return editNamedContact(turn, draft, draft.contact, value);
  }
  turn.s.step = field === "category" ? "category_list" : field;
  // The message is "描述改成…", not the new words alone: an edit of it replaces nothing.
  turn.messageId = null;
  return answerStep(turn, draft, value);
}

/**
 * The citizen changed an earlier message. A photo message whose picture changed has its photo
 * replaced where it is still kept (the draft, or words waiting to be filed), and the citizen is
 * told. While the draft is open and its description is that message's words alone — or was,
 * until the citizen replaced it with other words (描述改成…): the later change wins — changed
 * words become the description (read afresh, and the kind asked again, while it is still being
 * asked). Any other change (a message answering a later question, a filed complaint's) leaves
 * what was noted, and the change is asked for as a new message.
 */
async function onEdited(
  turn: Turn,
  edit: Extract<CitizenEvent, { type: "edited" }>,
): Promise<void> {
  const photoReplaced =
    edit.photo !== undefined && replaceMessagePhoto(turn.s, edit.messageId, edit.photo);
  if (photoReplaced) turn.say({ text: turn.tr("photoReplaced") });
  const { draft } = turn.s;
  const { messageId, text } = edit;
  if (draft && text !== undefined) {
    const corrected = draft.correctedMessageId === messageId;
    const describes = corrected || draft.descriptionMessageId === messageId;
    // A new picture under the same caption changes the photo only.
    const sameWords = photoReplaced && cleanText(text) === draft.description;
    if (describes && !sameWords)
      return editDescription(turn, draft, { messageId, text }, corrected);
  }
  if (!photoReplaced) turn.say({ text: turn.tr("unsupported", { kind: "edited" }) });
  return turn.reask();
}

/**
 * The description's message was edited: its words, read afresh, become the description —
 * also when the citizen had since replaced them with other words (`overWords`: told so).
 */
async function editDescription(
  turn: Turn,
  draft: Draft,
  edit: { readonly messageId: string; readonly text: string },
  overWords: boolean,
): Promise<void> {
  const check = checkDescription(cleanText(edit.text));
  if (!check.ok) {
    const { problem, length } = check;
    turn.say({
      text: turn.tr("descriptionProblem", { problem, length, max: MAX_DESCRIPTION_LENGTH }),
    });
    return turn.reask();
  }
  draft.description = check.text;
  draft.descriptionMessageId = edit.messageId;
  draft.correctedMessageId = null;
  warnOfHazards(turn, check.text);
  turn.say({ text: turn.tr(overWords ? "descriptionEditedOverWords" : "descriptionEdited") });
  if (turn.s.step !== "category" && turn.s.step !== "category_list") return turn.reask();
  await analyseDescription(turn, draft);
  return turn.ask(isConfidentGuess(draft, turn.deps.directory) ? "category" : "category_list");
}

/** Notes the photo a photo message brought, for an edit of its picture; the oldest forgotten. */
function rememberPhotoMessage(s: DialogueState, messageId: string, photo: string): void {
  s.photoMessages[messageId] = photo;
  const remembered = Object.keys(s.photoMessages);
  for (const old of remembered.slice(0, Math.max(0, remembered.length - MAX_PHOTO_MESSAGES))) {
    delete s.photoMessages[old];
  }
}

/**
 * Puts `photo` where the photo message `messageId` brought another picture, in the draft or
 * with words waiting to be filed; false when it brought this picture, or its photo is kept there
 * no more (filed, cancelled, or never a photo message noted).
 */
function replaceMessagePhoto(s: DialogueState, messageId: string, photo: string): boolean {
  const previous = s.photoMessages[messageId];
  if (previous === undefined || previous === photo) return false;
  const photos = s.draft ? s.draft.photos : waitingPhotos(s.pending);
  const index = photos?.indexOf(previous) ?? -1;
  if (index === -1) return false;
  photos![index] = photo;
  s.photoMessages[messageId] = photo;
  return true;
}

/**
 * A tap typed ("对" to "I heard: … right?"): the message is the tap, never words a description
 * is taken from (an edit of "对" must not replace a confirmed transcript).
 */
function onTypedChoice(turn: Turn, id: string): Promise<void> {
  turn.messageId = null;
  return onChoice(turn, id);
}

async function onIdleText(turn: Turn, text: string): Promise<void> {
  const { s } = turn;
  if (isGenericIntent(text)) {
    startDraft(turn);
    return turn.ask("description");
  }
  if (asksToWithdraw(text) && (await offerWithdrawal(turn))) return;
  const asked = asksToSupplement(text);
  if (s.pending?.kind === "offer") {
    // "补充到那个事里" to words offered beside running cases: the offered words are the addition.
    if (asked?.words === null && s.pending.addTo?.length) return addOfferTo(turn, s.pending);
  } else if (asked && (await offerSupplement(turn, asked.words))) return;
  // Otherwise "补充一下：…" while words are offered for filing adds to those words (read on).
  // An offer left unanswered before the answer came does not take words about the answer.
  if ((!s.pending || s.pending.kind === "offer") && isFeedbackOnAnswer(text)) {
    const answered = await latestAnsweredCase(turn);
    if (answered && (await answerFeedback(turn, answered, text))) return;
  }
  if (isThanksAlone(text)) {
    turn.say({ text: turn.tr("thanksAcknowledged") });
    if (s.pending) return turn.reask();
    turn.say({ text: turn.tr("idleHint"), choices: menuButtons(turn.locale) });
    return;
  }
  // Asked while words wait to be filed, the question is answered and the words stay offered:
  // "还要等多久？" is not more of the matter.
  const mayAskProgress = !s.pending || s.pending.kind === "offer";
  if (mayAskProgress && isProgressQuestion(text) && (await answerProgressQuestion(turn, text))) {
    if (s.pending) turn.reask();
    return;
  }
  const check = checkDescription(text);
  // Asked to file in so many words, with the matter: no offer to tap first.
  if (!s.pending && check.ok && opensWithIntent(text)) {
    startDraft(turn);
    return acceptDescription(turn, check.text, turn.messageId);
  }
  const offered = s.pending?.kind === "offer" ? s.pending : null;
  // A short addition to the message offered ("昨儿黑", "七一路口") is kept with it.
  const words = check.ok ? check.text : offered && check.problem === "too_short" ? text : null;
  if (words === null) {
    if (!check.ok && check.problem === "too_long") {
      turn.say({
        text: turn.tr("descriptionProblem", {
          problem: "too_long",
          length: check.length,
          max: MAX_DESCRIPTION_LENGTH,
        }),
      });
      return;
    }
    if (offered) return turn.reask();
    turn.say({ text: turn.tr("idleHint"), choices: menuButtons(turn.locale) });
    return;
  }
  const addTo = offered ? offered.addTo : await casesToAddTo(turn);
  const [only] = addTo ?? [];
  if (!offered && only && addTo?.length === 1 && (await addsDetailTo(turn.deps, words, only))) {
    return suggestAddition(turn, words, only);
  }
  const combined = offered === null ? words : `${offered.text}\n${words}`;
  const fits = charLength(combined) <= MAX_DESCRIPTION_LENGTH;
  // Words of one message can be edited there: the message's id goes with them.
  const oneMessage = offered === null || !fits;
  s.pending = {
    kind: "offer",
    text: fits ? combined : words,
    ...(oneMessage && turn.messageId !== null && { messageId: turn.messageId }),
    // The recordings the offered words came from, and the photos sent with them, stay with them.
    ...(offered?.recordings && { recordings: offered.recordings }),
    ...(offered?.photos && { photos: offered.photos }),
    ...(addTo && { addTo }),
  };
  turn.reask();
}

/**
 * A photo sent with words ("人民路和七一路口的井盖没了" under the picture). Where words are what
 * is asked — outside a draft, or at the description — the words are taken as if typed, and the
 * photo is kept with what they start: the draft they start or describe, the words offered for
 * filing, or the question whether the problem of an answered case is back ("路灯又坏了"). At a
 * later question, see {@link onPhotoWithWords}. Words outside a draft too few to tell a matter
 * ("你看") leave the photo answered as one without words. The photo goes with a rating the
 * words give, or a reason they are, as evidence; words that keep no photo (a status question,
 * thanks) are answered, and the citizen told the photo was not kept.
 */
async function onCaptionedPhoto(turn: Turn, fileId: string, caption: string): Promise<void> {
  const { s } = turn;
  if (s.draft && s.step !== "description") return onPhotoWithWords(turn, s.draft, fileId, caption);
  if (!s.draft && tooFewToRead(s, caption)) return onPhoto(turn, fileId);
  turn.captionedPhoto = fileId;
  await turn.onText(caption);
  if (turn.captionedPhoto === null) return;
  turn.captionedPhoto = null;
  const photos = s.draft ? s.draft.photos : waitingPhotos(s.pending);
  if (photos === null) {
    turn.say({ text: turn.tr("photoNotKept") });
    return;
  }
  if (photos.length < MAX_PHOTOS) photos.push(fileId);
}

/**
 * Whether words under a photo outside a draft are too few to tell a matter ("你看"), and are
 * no answer of their own either: not the reason asked for, thanks, words about an answer, a
 * status question.
 */
function tooFewToRead(s: DialogueState, caption: string): boolean {
  const check = checkDescription(caption);
  if (check.ok || (check.problem !== "too_short" && check.problem !== "no_words")) return false;
  const text = cleanText(caption);
  return (
    s.pending?.kind !== "reason" &&
    !isThanksAlone(text) &&
    !isFeedbackOnAnswer(text) &&
    !isStatusQuestion(text) &&
    !serviceQuestionIn(text)?.alone
  );
}

/**
 * The photos kept with a question outside a draft until it is answered: words offered for
 * filing, "not solved, or new?", a rating waiting for its yes, an addition to a case (补充)
 * waiting for its words or its yes. Null for other questions.
 */
function waitingPhotos(pending: Pending | null): string[] | null {
  return pending?.kind === "offer" ||
    pending?.kind === "again" ||
    pending?.kind === "rate" ||
    pending?.kind === "supplement"
    ? (pending.photos ??= [])
    : null;
}

/**
 * A photo with words at a question after the description. Words that answer the question on
 * their own — a place at the place question ("就在人民路口"), a time at the time question, a
 * phone number at the contact question, any words at the category question (read there as
 * typed) — are that answer, as if typed. Other words ("你看，都塌成这样了") are added to the
 * description, where the clerk reads them, and the citizen is told. The photo is kept either way.
 */
async function onPhotoWithWords(
  turn: Turn,
  draft: Draft,
  fileId: string,
  caption: string,
): Promise<void> {
  const text = cleanText(caption);
  if (!answersQuestion(turn, text)) {
    addToDescription(turn, draft, text);
    return onPhoto(turn, fileId);
  }
  if (draft.photos.length < MAX_PHOTOS) {
    draft.photos.push(fileId);
    turn.say({ text: turn.tr("photoKept", { count: draft.photos.length }) });
  } else {
    turn.say({ text: turn.tr("photoLimit", { max: MAX_PHOTOS }) });
  }
  return turn.onText(text);
}

/** Whether words answer the current question on their own (see onPhotoWithWords). */
function answersQuestion(turn: Turn, text: string): boolean {
  const { deps } = turn;
  switch (turn.s.step) {
    case "category":
    case "category_list":
      return true;
    case "place":
    case "street":
      // Read as a description reads them: only words that look like a place count.
      return deps.placeReader.readDescription(text).precision !== "none";
    case "region":
      return knownRegion(turn, deps.regionDetector.detect(text)) !== null;
    case "time":
      return deps.timeParser.parse(text, turn.now) !== null || undatedTimeAnswer(text) !== null;
    case "contact":
      return readTypedContact(text, deps.phoneParser).phone !== null;
    default:
      return false;
  }
}

async function onPhoto(turn: Turn, fileId: string): Promise<void> {
  const { s } = turn;
  const draft = s.draft;
  if (!draft) return onPhotoOutsideDraft(turn, fileId);
  if (draft.photos.length >= MAX_PHOTOS) {
    turn.sayWithButtons(turn.tr("photoLimit", { max: MAX_PHOTOS }));
    return;
  }
  draft.photos.push(fileId);
  const count = draft.photos.length;
  if (s.step !== "photos") {
    turn.say({ text: turn.tr("photoKept", { count }) });
    return turn.reask();
  }
  if (count >= MAX_PHOTOS) {
    turn.say({ text: turn.tr("photoReceived", { count, max: MAX_PHOTOS }) });
    draft.photosDone = true;
    return turn.advance();
  }
  turn.sayWithButtons(turn.tr("photoReceived", { count, max: MAX_PHOTOS }));
}

/**
 * A photo without words outside a draft: evidence while "what was not solved?" is asked (kept
 * with the rating, the question asked again); kept with a question that keeps photos until it
 * is answered (words offered for filing, a rating waiting for its yes); else the citizen is
 * asked for words first.
 */
async function onPhotoOutsideDraft(turn: Turn, fileId: string): Promise<void> {
  const pending = turn.s.pending;
  if (pending?.kind === "reason" && reasonStillAsked(turn, pending)) {
    await keepRatingPhotos(turn, pending.trackingNo, [fileId]);
    return turn.reask();
  }
  const photos = waitingPhotos(pending);
  if (photos !== null && photos.length < MAX_PHOTOS) {
    photos.push(fileId);
    return turn.reask();
  }
  // Beside a running case of the citizen's own, a photo alone is most likely more of it (the
  // broken thing seen again): the words to add it with are asked; a no to adding them offers
  // the words and the photo for filing as a new matter.
  const addTo = pending === null ? await casesToAddTo(turn) : undefined;
  if (addTo) {
    turn.s.pending = { kind: "supplement", cases: addTo, text: null, photos: [fileId] };
    turn.say({ text: turn.tr("photoForAddition") });
    return turn.reask();
  }
  turn.say({
    text: turn.tr("outsideDraft", { what: "photo" }),
    choices: menuButtons(turn.locale),
  });
}

// ---------------------------------------------------------------- voice

/** "I heard: … right?": 重说 is a no here (say it again). */
function voiceConfirmation(state: DialogueState, transcript: string): Confirmation {
  const locale = state.locale;
  const yes = { id: globalChoice("voice", "yes"), words: YES_WORDS };
  const no = { id: globalChoice("voice", "redo"), words: [...NO_WORDS, ...REDO_WORDS] };
  return {
    message: {
      text: t(locale, "voiceHeard", { transcript: excerpt(transcript, 500) }),
      choices: [
        [
          { id: yes.id, label: t(locale, "voiceYes") },
          { id: no.id, label: t(locale, "voiceRedo") },
        ],
      ],
    },
    yes,
    no,
  };
}

/**
 * A voice message: the recording goes with the draft (or waits with its transcript). Words
 * heard are shown back first; without words the citizen is asked to type, or may skip at the
 * description, where the recording then speaks for them.
 */
function onVoice(turn: Turn, recordingId: string, transcript: string | null): void {
  const { s } = turn;
  if (s.draft) keepRecording(s.draft, recordingId);
  if (transcript !== null) {
    s.pending = { kind: "voice", transcript, recordingId };
    return turn.reask();
  }
  if (s.pending?.kind === "cancel") s.pending = null;
  if (!s.draft) {
    keepRecording(startDraft(turn), recordingId);
  }
  const draft = turn.draft();
  if (s.step === "description" && draft.description === null) {
    turn.say({
      text: turn.tr("voiceKeptAskText"),
      choices: [[{ id: `d${draft.no}:voice:skip`, label: turn.tr("voiceSkip") }]],
    });
    return;
  }
  turn.say({ text: turn.tr("voiceKeptTypeAnswer") });
  turn.reask();
}

function keepRecording(draft: Draft, recordingId: string): void {
  if (draft.recordings.length < MAX_RECORDINGS && !draft.recordings.includes(recordingId)) {
    draft.recordings.push(recordingId);
  }
}

/** "Right": the transcript is the citizen's words, as if typed, and the recording stays with them. */
async function confirmVoice(
  turn: Turn,
  heard: { transcript: string; recordingId: string },
): Promise<void> {
  const { s } = turn;
  s.pending = null;
  await turn.onText(heard.transcript);
  // onText may have started a draft or offered one.
  const offered = s.pending as Pending | null;
  if (s.draft) keepRecording(s.draft, heard.recordingId);
  else if (offered?.kind === "offer") {
    const recordings = offered.recordings ?? [];
    if (!recordings.includes(heard.recordingId)) {
      offered.recordings = [...recordings, heard.recordingId].slice(0, MAX_RECORDINGS);
    }
  }
}

function redoVoice(turn: Turn): void {
  turn.s.pending = null;
  turn.say({ text: turn.tr("voiceSayAgain") });
  turn.reask();
}
