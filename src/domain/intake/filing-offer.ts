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
import { NO_WORDS, YES_WORDS, type Confirmation } from "./confirmation.ts";
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
 * button a case to add the words to instead (补充), which then asks its own yes.
 */
export function offerConfirmation(
  state: DialogueState,
  offer: Extract<Pending, { kind: "offer" }>,
  directory: Directory,
): Confirmation {
  const { locale } = state;
  if (offer.consultation) return consultationOrComplaint(locale);
  const yes = { id: globalChoice("offer", "yes"), words: YES_WORDS };
  const no = { id: globalChoice("offer", "no"), words: NO_WORDS };
  const addTo = offer.addTo ?? [];
  const excerptShown = excerpt(offer.text, 120);
  const orAdd = addTo.length > 0;
  const question = offer.laterMatter
    ? "offerLaterMatter"
    : orAdd
      ? "offerStartOrAdd"
      : "offerStart";
  const count = mattersOffered(offer);
  const text = count
    ? t(locale, "offerSeveral", { excerpt: excerptShown, count })
    : t(locale, question, { excerpt: excerptShown });
  return {
    message: {
      text,
      choices: [
        [{ id: yes.id, label: t(locale, orAdd ? "offerAsNew" : "offerYes") }],
        ...caseChoiceButtons(locale, directory, "supplement", addTo),
        [{ id: no.id, label: t(locale, "offerNo") }],
      ],
    },
    yes,
    no,
  };
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
