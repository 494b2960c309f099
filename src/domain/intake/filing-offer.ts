/**
 * Words typed outside a draft offered for filing ("Start a new report with these words?"):
 * the question, its yes and its no.
 */
import type { Directory } from "../directory.ts";
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
 * "Start a new report with these words?" — beside it, when the citizen has cases running, one
 * button a case to add the words to instead (补充), which then asks its own yes.
 */
export function offerConfirmation(
  state: DialogueState,
  offer: Extract<Pending, { kind: "offer" }>,
  directory: Directory,
): Confirmation {
  const { locale } = state;
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
  const text = offer.matters
    ? t(locale, "offerSeveral", { excerpt: excerptShown, count: offer.matters })
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

/** The offered message becomes the new draft's description (with its recordings and photos). */
export async function acceptOffer(
  turn: Turn,
  offer: Extract<Pending, { kind: "offer" }>,
): Promise<void> {
  const draft = startDraft(turn);
  draft.recordings = [...(offer.recordings ?? [])];
  // Photos sent before the words (startDraft took them) come first, as they were sent.
  draft.photos = [...draft.photos, ...(offer.photos ?? [])].slice(0, MAX_PHOTOS);
  return acceptDescription(turn, offer.text, offer.messageId ?? null);
}

export function declineOffer(turn: Turn): void {
  turn.s.pending = null;
  // What was sent before words that are not filed goes with them.
  turn.s.sentBeforeWords = null;
  // Told with the same message, the next matter is asked about on its own.
  if (turn.s.laterMatters.length > 0) return offerNextMatter(turn);
  turn.say({ text: turn.tr("offerDeclined"), choices: menuButtons(turn.locale) });
}
