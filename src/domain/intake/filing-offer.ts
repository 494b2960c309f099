/**
 * Words typed outside a draft offered for filing ("Start a new report with these words?"):
 * the question, its yes and its no.
 */
import type { Directory } from "../directory.ts";
import type { Locale } from "../locale.ts";
import type { RequestKind } from "../vocabulary.ts";
import { excerpt } from "../../i18n/format.ts";
import { t } from "../../i18n/t.ts";
import { globalChoice } from "./choice-id.ts";
import { menuButtons } from "./prompts.ts";
import { NO_WORDS, YES_WORDS, saysOneOf, type Confirmation } from "./confirmation.ts";
import type { ChoiceButton } from "./replies.ts";
import { NEW_MATTER_WORDS } from "./supplement-words.ts";
import { MAX_PHOTOS, type DialogueState, type Pending } from "./state.ts";
import { caseChoiceButtons } from "./case-choice.ts";
import { acceptDescription } from "./description-step.ts";
import { startDraft } from "./draft-lifecycle.ts";
import { offerNextMatter } from "./matters.ts";
import type { Turn } from "./turn.ts";

/**
 * "咨询" typed: the answer to 咨询 or 反映 that files a consultation. Words wanting to ask or
 * tell ("我想咨询一下", "我要反映") answer it too, read as such (isGenericIntent, kindMeant).
 */
const CONSULT_WORDS: readonly string[] = [
  "咨询",
  "是咨询",
  "问问",
  "想问问",
  "就是问问",
  "我就问问",
  "consult",
  "ask",
  "just asking",
];
/** "反映" typed: the answer to 咨询 or 反映 that files a complaint. */
const COMPLAIN_WORDS: readonly string[] = ["反映", "反映问题", "投诉", "complain", "report"];

/**
 * "Start a new report with these words?" — beside it, when the citizen has cases running, one
 * button a case to add the words to instead (补充), which then asks its own yes. Asked that way
 * (new, or added to …?), a yes answers neither: only words choosing a new report file it.
 */
export function offerConfirmation(
  state: DialogueState,
  offer: Extract<Pending, { kind: "offer" }>,
  directory: Directory,
): Confirmation {
  const { locale } = state;
  if (offer.consultation) return consultationOrComplaint(locale);
  const yes = {
    id: globalChoice("offer", "yes"),
    words: asksWhichWay(offer) ? NEW_MATTER_WORDS : YES_OR_NEW,
  };
  const no = { id: globalChoice("offer", "no"), words: NO_WORDS };
  const excerptShown = excerpt(offer.text, 120);
  const question = offer.laterMatter
    ? "offerLaterMatter"
    : offer.addTo?.length
      ? "offerStartOrAdd"
      : "offerStart";
  const count = mattersOffered(offer);
  const text = count
    ? t(locale, "offerSeveral", { excerpt: excerptShown, count })
    : t(locale, question, { excerpt: excerptShown });
  return { message: { text, choices: offerChoices(locale, offer, directory) }, yes, no };
}

/** A yes to "要把这件事作为一条新的反映吗？", or words choosing a new report ("新的"). */
const YES_OR_NEW: readonly string[] = [...YES_WORDS, ...NEW_MATTER_WORDS];

/**
 * True when the offer asks which way the words go — a new report, or an addition to a running
 * case (offerStartOrAdd) — rather than a yes or no.
 */
function asksWhichWay(offer: Extract<Pending, { kind: "offer" }>): boolean {
  return (
    (offer.addTo?.length ?? 0) > 0 &&
    !offer.laterMatter &&
    !offer.consultation &&
    mattersOffered(offer) === undefined
  );
}

/** The offer's buttons: file as new, add to each running case offered, or neither. */
function offerChoices(
  locale: Locale,
  offer: Extract<Pending, { kind: "offer" }>,
  directory: Directory,
): ChoiceButton[][] {
  const addTo = offer.addTo ?? [];
  const yes = t(locale, addTo.length > 0 ? "offerAsNew" : "offerYes");
  return [
    [{ id: globalChoice("offer", "yes"), label: yes }],
    ...caseChoiceButtons(locale, directory, "supplement", addTo),
    [{ id: globalChoice("offer", "no"), label: t(locale, "offerNo") }],
  ];
}

/**
 * "对" to "作为新的反映，还是补充到…？": the two ways asked for again, with their buttons, the
 * words still offered. True when the offer asks which way and the words are a bare yes.
 */
export function askWhichWayOnYes(
  turn: Turn,
  offer: Extract<Pending, { kind: "offer" }>,
  text: string,
): boolean {
  if (!asksWhichWay(offer) || !saysOneOf(YES_WORDS, text)) return false;
  const trackingNos = (offer.addTo ?? []).map((c) => c.trackingNo);
  turn.say({
    text: turn.tr("offerWhichWay", { trackingNos }),
    choices: offerChoices(turn.locale, offer, turn.deps.directory),
  });
  return true;
}

/**
 * "您是想咨询（由主管部门答复您），还是要反映问题？" — words asking about a public matter are filed
 * as the citizen means them: a consultation (yes) or a complaint (no, which files all the same).
 */
function consultationOrComplaint(locale: Locale): Confirmation {
  const yes = { id: globalChoice("offer", CONSULT), words: CONSULT_WORDS };
  const no = { id: globalChoice("offer", "yes"), words: COMPLAIN_WORDS };
  return {
    message: {
      text: t(locale, "offerConsultation"),
      choices: [
        [{ id: yes.id, label: t(locale, "offerConsult") }],
        [{ id: no.id, label: t(locale, "offerComplain") }],
      ],
    },
    yes,
    no,
  };
}

/**
 * What words wanting to tell something ("我想咨询个事", "我要反映") file the offered words as: a
 * consultation where they were read as a question and the citizen says 咨询 or 问, else a
 * complaint.
 */
export function kindMeant(offer: Extract<Pending, { kind: "offer" }>, words: string): RequestKind {
  return offer.consultation && /咨询|问(?!题)/u.test(words) ? "consultation" : "complaint";
}

/** The value of the button that files the words offered as a consultation ("offer:consult"). */
export const CONSULT = "consult";

/** How many matters the offered words number, when more than one (see PendingSchema). */
function mattersOffered(offer: Extract<Pending, { kind: "offer" }>): number | undefined {
  return typeof offer.matters === "number" ? offer.matters : offer.matters?.length;
}

/**
 * The offered message becomes the new draft's description (with its recordings and photos),
 * the first of its matters when it numbers several, as read when it was offered.
 */
export async function acceptOffer(
  turn: Turn,
  offer: Extract<Pending, { kind: "offer" }>,
  requestKind: RequestKind = "complaint",
): Promise<void> {
  const draft = startDraft(turn, requestKind);
  draft.recordings = [...(offer.recordings ?? [])];
  // Photos sent before the words (startDraft took them) come first, as they were sent.
  draft.photos = [...draft.photos, ...(offer.photos ?? [])].slice(0, MAX_PHOTOS);
  // An offer stored before the matters were kept with it has their count alone: the words are
  // read again (matters.ts) — the count says nothing of where each matter begins.
  const matters = Array.isArray(offer.matters) ? offer.matters : undefined;
  return acceptDescription(turn, offer.text, offer.messageId ?? null, matters);
}

export function declineOffer(turn: Turn): void {
  turn.s.pending = null;
  // What was sent before words that are not filed goes with them.
  turn.s.sentBeforeWords = null;
  // Told with the same message, the next matter is asked about on its own.
  if (turn.s.laterMatters.length > 0) return offerNextMatter(turn);
  turn.say({ text: turn.tr("offerDeclined"), choices: menuButtons(turn.locale) });
}
