/**
 * Words typed, routed: another matter told at a draft's question waits for its own case; a yes
 * or no or a button's label typed is that tap; a question about the citizen's cases or the
 * service is answered; then words outside a draft go to idle-text.ts and words in a draft answer
 * its current question (or edit a field, at the summary).
 */
import { declinesToSay } from "./address-words.ts";
import { editSaid, type EditSaid } from "./edit-words.ts";
import { NO_WORDS, YES_WORDS, saysOneOf, typedConfirmation } from "./confirmation.ts";
import { typedChoice } from "./replies.ts";
import { StepSchema, type Draft, type Step } from "./state.ts";
import { withoutFillers } from "../opening-words.ts";
import {
  asksToWait,
  cleanText,
  isGreeting,
  isStatusQuestion,
  trackingNoAsked,
} from "./text-quality.ts";
import { serviceQuestionIn } from "./service-questions.ts";
import { takeSupplementWords } from "./addition-flow.ts";
import { onChoice } from "./buttons.ts";
import { answerStatusQuestion } from "./case-list.ts";
import { onCategoryText } from "./category-step.ts";
import { followWrittenLanguage } from "./commands.ts";
import { choosesAnonymity, editNamedContact, onContactText, onNameText } from "./contact-steps.ts";
import { onDescriptionText, warnOfHazards } from "./description-step.ts";
import { cancelDraft, givesUp, startEdit, submit } from "./draft-lifecycle.ts";
import { onIdleText } from "./idle-text.ts";
import { answerBesideLaterMatter, laterMatterIn } from "./matters.ts";
import { onNearbyText } from "./nearby-flow.ts";
import { newPhoneSaid, saysOnlyNewPhone } from "./new-phone-words.ts";
import { contactAlone, type PhoneNumber } from "./phone.ts";
import { newContactIn, takeNewPhoneInDraft, takePhoneForDraft } from "./phone-change-flow.ts";
import { onPhotosText } from "./photo-steps.ts";
import { onPlaceText, onRegionText, onStreetText } from "./place-steps.ts";
import { answerGreeting, answerServiceQuestion, answerWait } from "./questions.ts";
import { answerReason } from "./rating-flow.ts";
import { saysSubmit } from "./step-words.ts";
import { onTimeText } from "./time-step.ts";
import { offerRunningWithdrawal } from "./withdrawal-flow.ts";
import { asksToWithdraw } from "./withdraw-words.ts";
import type { Turn } from "./turn.ts";

const EDIT = /^(?:修改|改|change|edit)[。.!！]*$/iu;
// "都不要了", "算了都不反映了": this draft and the matters told with it, all given up.
const CANCEL_ALL =
  /^(?:算了吧?[，,\s]*)?(?:这些|那些|这几件事?|几件事)?(?:都|全都|全部|统统)(?:不要了|不(?:提交|弄|办|反映|投诉|登记)了|算了|取消(?:了|吧)?|不用了)吧?[。.!！~～]*$|^(?:cancel|drop|forget) (?:it |them )?all(?: of (?:it|them))?[.!]*$|^cancel everything[.!]*$/iu;

// ---------------------------------------------------------------- text

export async function onText(turn: Turn, raw: string): Promise<void> {
  const { s } = turn;
  const text = cleanText(raw);
  // What the words ask is read past "喂 你好", "那个，", "对了", "hello, hi there" (the citizen's
  // words, kept as a description, a reason or an addition, are `text` as written).
  const meant = withoutFillers(text);
  const later = await laterMatterIn(turn, text);
  if (later) return answerBesideLaterMatter(turn, later, []);
  if (s.draft && CANCEL_ALL.test(meant)) return cancelAll(turn);
  // Typed instead of tapped: many citizens answer a question rather than look for its button.
  const confirmation = turn.confirmation();
  const answer = confirmation && typedConfirmation(confirmation, meant);
  if (answer) return onTypedChoice(turn, answer);
  // Other words than a yes or no to "I heard: … right?": the typed words count, the transcript not.
  if (s.pending?.kind === "voice") s.pending = null;
  // A button's label typed (or sent by a channel that shows buttons as text) is that tap.
  const typed = typedChoice(turn.question(), meant);
  if (typed) return onTypedChoice(turn, typed);
  followWrittenLanguage(turn, text);
  warnOfHazards(turn, text);
  if (s.pending?.kind === "reason") return answerReason(turn, s.pending, text, meant);
  if (s.pending?.kind === "supplement" && s.pending.text === null) {
    return takeSupplementWords(turn, s.pending, text, meant);
  }
  // Other words than a yes or no to "really cancel?" go on with the draft; to "rate it as …?",
  // "not solved, or new?", "withdraw …?" or "change the number …?" they are read afresh.
  const pending = s.pending;
  if (
    pending?.kind === "cancel" ||
    pending?.kind === "rate" ||
    pending?.kind === "again" ||
    pending?.kind === "withdraw" ||
    pending?.kind === "phone" ||
    (pending?.kind === "supplement" && pending.text !== null)
  ) {
    const photosLeft = "photos" in pending && (pending.photos?.length ?? 0) > 0;
    s.pending = null;
    if (photosLeft) turn.say({ text: turn.tr("photoNotKept") });
  }
  if (isStatusQuestion(meant)) return answerStatusQuestion(turn, null);
  const trackingNo = trackingNoAsked(meant, turn.deps.directory.trackingPrefix);
  if (trackingNo) return answerStatusQuestion(turn, trackingNo);
  const asked = choosesAnonymity(s.draft, s.step, meant) ? null : serviceQuestionIn(meant);
  if (asked) await answerServiceQuestion(turn, asked);
  if (asked?.alone) return;
  if (isGreeting(meant)) return answerGreeting(turn);
  if (asksToWait(meant)) return answerWait(turn);
  const draft = s.draft;
  if (!draft) return onIdleText(turn, text, meant);
  const newPhone = saysNewPhone(turn, meant);
  if (newPhone) return takeNewPhoneInDraft(turn, draft, newContactIn(meant, newPhone));
  const said = NUMBER_AS_CONTACT.has(turn.s.step) && contactAlone(meant, turn.deps.phoneParser);
  if (said) {
    takePhoneForDraft(turn, draft, newContactIn(meant, said.phone), said.name);
    return turn.reask();
  }
  // "嗯撤了吧" after the matter is told: a running case to withdraw, asked about beside the draft,
  // or, with none, the draft given up (asked first, as "不弄了" is).
  if (s.step !== "description" && asksToWithdraw(meant)) {
    if (await offerRunningWithdrawal(turn)) return;
    s.pending = { kind: "cancel" };
    return turn.reask();
  }
  // "不想说" to where, or to who the citizen is, declines that question, not the whole report.
  if (givesUp(meant) && !(MAY_BE_DECLINED.has(s.step) && declinesToSay(meant))) {
    s.pending = { kind: "cancel" };
    return turn.reask();
  }
  return answerStep(turn, draft, text, meant);
}

/**
 * "都不要了": asked whether to stop filing (the matters waiting dropped with the draft), or,
 * said to that question, its yes.
 */
function cancelAll(turn: Turn): void {
  const askedAlready = turn.s.pending?.kind === "cancel";
  turn.s.pending = { kind: "cancel", all: true };
  if (askedAlready) return cancelDraft(turn);
  turn.reask();
}

/**
 * The questions a citizen may decline to answer ("不想说", "不方便说"): where (the place, its
 * county, the road or the home's address) and their contact and name — each asked with a way
 * on without it (the county left to the clerk, "跳过", "匿名反映", "不留姓名").
 */
const MAY_BE_DECLINED: ReadonlySet<Step> = new Set<Step>([
  "place",
  "region",
  "street",
  "contact",
  "contact_name",
]);

/**
 * "俺电话换了，新号是…" at a draft's question: the draft's new contact — but at the contact
 * question, which they answer as any number, and at the description when the words also tell
 * the matter (the number is then offered at the contact question).
 */
function saysNewPhone(turn: Turn, text: string): PhoneNumber | null {
  if (turn.s.step === "contact") return null;
  if (turn.s.step === "description" && !saysOnlyNewPhone(text)) return null;
  return newPhoneSaid(text, turn.deps.phoneParser);
}

/**
 * The questions where a phone number sent alone ("13912345678"), or with the name it is
 * introduced with ("俺姓王 电话139…"), is the report's contact, said ahead of its question, not
 * words of the matter: those asked before the contact's (StepSchema
 * lists them in order), but the time question ("20261128" may be a day).
 */
const STEPS = StepSchema.options;
const NUMBER_AS_CONTACT: ReadonlySet<Step> = new Set(
  STEPS.slice(STEPS.indexOf("description"), STEPS.indexOf("contact")).filter(
    (step) => step !== "time",
  ),
);

/**
 * Words typed at the draft's current question: `text` as written where words of the matter may be
 * added to the description (the description's, the category's and the photos' questions), and
 * `meant` (without the caller's fillers) where a reply is read: "那个，不想说" declines to give a
 * name, it is none.
 */
async function answerStep(turn: Turn, draft: Draft, text: string, meant: string): Promise<void> {
  switch (turn.s.step) {
    case "idle":
    case "description":
      return onDescriptionText(turn, text);
    case "category":
    case "category_list":
      return onCategoryText(turn, draft, text, meant);
    case "place":
      return onPlaceText(turn, draft, meant);
    case "region":
      return onRegionText(turn, draft, meant);
    case "street":
      return onStreetText(turn, draft, meant);
    case "nearby":
      return onNearbyText(turn, draft, meant);
    case "time":
      return onTimeText(turn, draft, meant);
    case "photos":
      return onPhotosText(turn, draft, text, meant);
    case "contact":
      return onContactText(turn, draft, meant);
    case "contact_name":
      return onNameText(turn, draft, meant);
    case "summary": {
      // "没问题", "对的" to "内容对不对": the content is right, send it.
      if (saysSubmit(meant) || saysOneOf(YES_WORDS, meant)) return submit(turn, draft);
      // "不对" to "内容对不对": which part to change.
      if (EDIT.test(meant) || saysOneOf(NO_WORDS, meant)) return turn.ask("edit");
      const edit = editSaid(meant);
      if (edit) return editAsSaid(turn, draft, edit);
      return turn.sayWithButtons(turn.tr("summaryUseButtons"));
    }
    case "edit": {
      const edit = editSaid(meant);
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
  return answerStep(turn, draft, value, value);
}

/**
 * A tap typed ("对" to "I heard: … right?"): the message is the tap, never words a description
 * is taken from (an edit of "对" must not replace a confirmed transcript).
 */
function onTypedChoice(turn: Turn, id: string): Promise<void> {
  turn.messageId = null;
  return onChoice(turn, id);
}
