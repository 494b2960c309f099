/**
 * Words typed outside a draft: a wish to file, withdraw or add to a case, a new phone number for
 * the running cases, words about an answer, thanks, a progress question, or a matter offered for
 * filing.
 */
import { isFeedbackOnAnswer, isThanksAlone, waitsToRate } from "./rating-words.ts";
import { menuButtons } from "./prompts.ts";
import {
  MAX_DESCRIPTION_LENGTH,
  charLength,
  checkDescription,
  cleanText,
  type DescriptionProblem,
  isGenericIntent,
  isProgressQuestion,
  opensWithIntent,
  saidAlready,
} from "./text-quality.ts";
import { asksToSupplement, choosesAddition } from "./supplement-words.ts";
import { asksToWithdraw } from "./withdraw-words.ts";
import { tellsOfEarlierReportOnly } from "./earlier-report-words.ts";
import { newPhoneSaid } from "./new-phone-words.ts";
import { numberAlone } from "./phone.ts";
import { newContactIn, offerPhoneChange } from "./phone-change-flow.ts";
import {
  addOfferTo,
  addsDetailTo,
  casesToAddTo,
  offerSupplement,
  suggestAddition,
} from "./addition-flow.ts";
import { acceptDescription, tellsSomething } from "./description-step.ts";
import { givesUp, startDraft } from "./draft-lifecycle.ts";
import { acceptOffer, askWhichWayOnYes, kindMeant } from "./filing-offer.ts";
import { mattersToFile } from "./matters.ts";
import { answerProgressQuestion, answerServiceQuestion } from "./questions.ts";
import {
  answerFeedback,
  latestAnsweredCase,
  offerReview,
  storyAboutAnswer,
  waitToRate,
} from "./rating-flow.ts";
import { asksForReview } from "./review-words.ts";
import { asksForConsultation } from "./consultation-words.ts";
import type { Turn } from "./turn.ts";
import { giveUpWithNoDraft, offerWithdrawal } from "./withdrawal-flow.ts";

/**
 * `text`: the citizen's words as written, kept as the words offered for filing, a rating's
 * reason or remark; `meant`: the same without the caller's opening words and fillers, read for
 * what the citizen asks (opening-words.ts).
 */
export async function onIdleText(turn: Turn, text: string, meant: string): Promise<void> {
  const { s } = turn;
  if (isGenericIntent(meant)) {
    // "我想反映个问题" beside words offered for filing answers the offer: those words are filed,
    // never dropped for an empty draft.
    if (s.pending?.kind === "offer")
      return acceptOffer(turn, s.pending, kindMeant(s.pending, meant));
    startDraft(turn);
    return turn.ask("description");
  }
  if (asksToWithdraw(meant) && (await offerWithdrawal(turn))) return;
  // "我不想反映了", "算了不弄了" with no draft open: no matter to file.
  if (givesUp(meant)) return giveUpWithNoDraft(turn);
  // "电话换了，新号是…": the number goes to the running cases, never into a matter to file.
  const newPhone = newPhoneSaid(meant, turn.deps.phoneParser);
  if (newPhone && (await offerPhoneChange(turn, newContactIn(meant, newPhone)))) return;
  // "我要申请复查" is no matter to file: the review is offered, or when none may be asked for
  // now, the service's answer about 复查 says why (its last day passed, or no answer yet).
  if (asksForReview(meant)) {
    if (await offerReview(turn, text)) return;
    return answerServiceQuestion(turn, { topic: "dissatisfied", alone: true });
  }
  // "我去年在12345反映过的事到现在也没解决", with no case here: told again, with these words kept.
  if (!s.pending && tellsOfEarlierReportOnly(meant) && (await noCasesHere(turn))) {
    s.pending = {
      kind: "offer",
      text: cleanText(text),
      ...(turn.messageId !== null && { messageId: turn.messageId }),
    };
    turn.say({ text: turn.tr("earlierReportNotHere") });
    return;
  }
  // "13838281234" before any matter: the draft starts with it as the contact, and the matter is
  // asked. From a citizen with a case running it may be a new number for it: offered as ever.
  const phone = s.pending ? null : numberAlone(meant, turn.deps.phoneParser);
  if (phone && !(await casesToAddTo(turn))) {
    startDraft(turn).contact = { kind: "named", phone: phone.display, name: null };
    turn.say({ text: turn.tr("phoneBeforeMatter", { phone: phone.display }) });
    return turn.ask("description");
  }
  if (s.pending?.kind === "offer") {
    // "补充到原来那个里", "是上次那件事" to words offered beside running cases: the offered words
    // are the addition (to the one case, or to the one the citizen then picks).
    if (s.pending.addTo?.length && choosesAddition(meant)) return addOfferTo(turn, s.pending);
    if (askWhichWayOnYes(turn, s.pending, meant)) return;
  } else {
    const asked = asksToSupplement(meant);
    if (asked && (await offerSupplement(turn, asked.words))) return;
  }
  // Otherwise "补充一下：…" while words are offered for filing adds to those words (read on).
  // An offer left unanswered before the answer came does not take words about the answer.
  const aboutAnswer = !s.pending || s.pending.kind === "offer";
  // "还没给钱呢，等20号再说吧": not yet a rating, though its words would read as one.
  if (aboutAnswer && waitsToRate(meant) && (await waitToRate(turn))) return;
  if (aboutAnswer && isFeedbackOnAnswer(meant)) {
    const answered = await latestAnsweredCase(turn);
    if (answered && (await answerFeedback(turn, answered, text))) return;
  }
  if (isThanksAlone(meant)) {
    turn.say({ text: turn.tr("thanksAcknowledged") });
    if (s.pending) return turn.reask();
    turn.say({ text: turn.tr("idleHint"), choices: menuButtons(turn.locale) });
    return;
  }
  // Asked while words wait to be filed, the question is answered and the words stay offered:
  // "还要等多久？" is not more of the matter.
  const mayAskProgress = !s.pending || s.pending.kind === "offer";
  if (mayAskProgress && isProgressQuestion(meant) && (await answerProgressQuestion(turn, meant))) {
    if (s.pending) turn.reask();
    return;
  }
  const check = checkDescription(text, turn.deps.withoutInstructions);
  // Asked to file in so many words, with the matter: no offer to tap first.
  if (!s.pending && check.ok && opensWithIntent(meant)) {
    startDraft(turn);
    return acceptDescription(turn, check.text, turn.messageId);
  }
  // A few sentences on how the answer went are its rating, not a matter to file.
  if (mayAskProgress && check.ok && (await storyAboutAnswer(turn, check.text))) return;
  const offered = s.pending?.kind === "offer" ? s.pending : null;
  // Words too few to tell a matter ("路不平") are kept as the words offered, and more asked for.
  if (!offered && !check.ok && check.problem === "too_short" && tellsSomething(text)) {
    s.pending = {
      kind: "offer",
      text: cleanText(text),
      ...(turn.messageId !== null && { messageId: turn.messageId }),
    };
    return tellProblem(turn, check);
  }
  // A short addition to the message offered ("昨儿黑", "七一路口") is kept with it.
  const words = check.ok ? check.text : offered && check.problem === "too_short" ? text : null;
  if (words === null) {
    if (!check.ok && check.problem === "too_long") return tellProblem(turn, check);
    if (offered) return turn.reask();
    turn.say({ text: turn.tr("idleHint"), choices: menuButtons(turn.locale) });
    return;
  }
  // "新农合一年交多少钱": a question about a public matter is offered as a consultation, not
  // as more of a running case.
  const consultation = offered ? offered.consultation : asksForConsultation(words);
  const addTo = offered ? offered.addTo : consultation ? undefined : await casesToAddTo(turn);
  const [only] = addTo ?? [];
  if (!offered && only && addTo?.length === 1 && (await addsDetailTo(turn.deps, words, only))) {
    return suggestAddition(turn, words, only);
  }
  // The same words sent again: the offer is asked again as it stands.
  if (offered && saidAlready(offered.text, words)) return turn.reask();
  const combined = offered === null ? words : `${offered.text}\n${words}`;
  const fits = charLength(combined) <= MAX_DESCRIPTION_LENGTH;
  // Words of one message can be edited there: the message's id goes with them.
  const oneMessage = offered === null || !fits;
  const offeredText = fits ? combined : words;
  const matters = await mattersToFile(turn, offeredText);
  s.pending = {
    kind: "offer",
    text: offeredText,
    ...(oneMessage && turn.messageId !== null && { messageId: turn.messageId }),
    // The recordings the offered words came from, and the photos sent with them, stay with them.
    ...(offered?.recordings && { recordings: offered.recordings }),
    ...(offered?.photos && { photos: offered.photos }),
    ...(addTo && { addTo }),
    ...(consultation && { consultation: true as const }),
    // Read once: the draft the yes starts files them as read here.
    ...(matters && { matters }),
  };
  turn.reask();
}

/** True when the citizen has filed or joined no case here (and their cases could be read). */
async function noCasesHere(turn: Turn): Promise<boolean> {
  const cases = await turn.citizenCases();
  return cases !== null && cases.length === 0;
}

/** What is wrong with words offered as a matter: too few to tell it, or too many at once. */
function tellProblem(turn: Turn, check: { problem: DescriptionProblem; length: number }): void {
  turn.say({
    text: turn.tr("descriptionProblem", {
      problem: check.problem,
      length: check.length,
      max: MAX_DESCRIPTION_LENGTH,
    }),
  });
}
