/**
 * One of the citizen's cases chosen by a button (to withdraw it, to add to it) and the yes/no
 * question about it.
 */
import type { Directory } from "../directory.ts";
import type { Locale } from "../../i18n/catalog.ts";
import { t } from "../../i18n/t.ts";
import { globalChoice } from "./choice-id.ts";
import type { CitizenCaseSummary } from "./ports.ts";
import { categoryName } from "./prompts.ts";
import { YES_WORDS, type Confirmation, type ConfirmationAnswer } from "./confirmation.ts";
import { choosesAddition } from "./supplement-words.ts";
import { asksToWithdraw } from "./withdraw-words.ts";
import type { ChoiceButton } from "./replies.ts";
import { normaliseTrackingNo } from "./text-quality.ts";
import { citizenCase } from "./citizen-cases.ts";
import { sayThenGoOn } from "./turn.ts";
import type { Turn } from "./turn.ts";

/** A button per case, to withdraw it or add to it ("withdraw:ZK-…", "补充到 ZK-…（类别）"). */
export function caseChoiceButtons(
  locale: Locale,
  directory: Directory,
  action: "withdraw" | "supplement",
  cases: readonly (Pick<CitizenCaseSummary, "trackingNo" | "category"> & { supported?: boolean })[],
): ChoiceButton[][] {
  return cases.map((c) => [
    {
      id: globalChoice(action, c.trackingNo),
      label: t(locale, `${action}CaseButton`, {
        trackingNo: c.trackingNo,
        categoryName: categoryName(directory, locale, c.category),
        supported: c.supported === true,
      }),
    },
  ]);
}

/** A question about one of the citizen's cases: withdraw it, add to it, change its number. */
type CaseAction = "withdraw" | "supplement" | "phone";

/**
 * The action said back to its question, beside a plain yes: "嗯，撤了吧" to "withdraw no. …?"
 * (read as asking to withdraw), "补充进去" to "add this to no. …?" (read as choosing the
 * addition, and the everyday 加上), "换吧" to "change its number to …?".
 */
const SAID_BACK: Readonly<Record<CaseAction, Omit<ConfirmationAnswer, "id">>> = {
  withdraw: { words: YES_WORDS, reads: asksToWithdraw },
  supplement: { words: [...YES_WORDS, "补上", "加上", "加上去"], reads: choosesAddition },
  phone: {
    words: [
      ...YES_WORDS,
      "换",
      "换了",
      "换成这个",
      "换这个",
      "改",
      "改了",
      "改成这个",
      "改这个",
      "change it",
      "update it",
    ],
  },
};

/**
 * The yes/no question about the citizen's cases (withdraw one, add to one, change their phone
 * number): the buttons `<action>:yes` and `<action>:no`, labelled by the catalogue's `<action>Yes` and `<action>No`;
 * the action said back ("撤了吧", "补充进去", "换吧") answers yes too.
 */
export function caseConfirmation(
  locale: Locale,
  action: CaseAction,
  text: string,
  noWords: readonly string[],
  labels = { yes: t(locale, `${action}Yes`), no: t(locale, `${action}No`) },
): Confirmation {
  const yes = { id: globalChoice(action, "yes"), ...SAID_BACK[action] };
  const no = { id: globalChoice(action, "no"), words: noWords };
  return {
    message: {
      text,
      choices: [
        [
          { id: yes.id, label: labels.yes },
          { id: no.id, label: labels.no },
        ],
      ],
    },
    yes,
    no,
  };
}

/**
 * The citizen's case a button names ("withdraw:ZK-…"), when `may` allows what the button
 * does to it; null otherwise, the citizen told so (`refused`), or that their cases cannot be
 * read now.
 */
export async function caseOfButton(
  turn: Turn,
  value: string,
  may: (found: CitizenCaseSummary) => boolean,
  refused: "withdrawRefused" | "supplementRefused",
): Promise<CitizenCaseSummary | null> {
  const trackingNo = normaliseTrackingNo(value);
  const found = await citizenCase(turn, trackingNo);
  if (found === undefined) {
    sayThenGoOn(turn, turn.tr("casesUnavailable"));
    return null;
  }
  if (found && may(found)) return found;
  sayThenGoOn(turn, turn.tr(refused, { trackingNo }));
  return null;
}
