/**
 * A new phone number (电话换了): the citizen's own running cases are called about on it from
 * now on — all of them, in one question, asked first.
 */
import { t } from "../../i18n/t.ts";
import { menuButtons, nameSaidIn } from "./prompts.ts";
import { NO_WORDS, type Confirmation } from "./confirmation.ts";
import { contactShownToReporter } from "../../i18n/format.ts";
import { numberHolderIn, type PhoneNumber } from "./phone.ts";
import type { DialogueState, Draft, Pending } from "./state.ts";
import type { CitizenCaseSummary, CitizenContact } from "./ports.ts";
import { MAX_PHONE_CASES } from "./state.ts";
import { caseConfirmation } from "./case-choice.ts";
import { isOwnRunning, listedCases, newestOf } from "./citizen-cases.ts";
import { NO_CONTACT_CHANGES, sayThenGoOn, stale } from "./turn.ts";
import type { Turn } from "./turn.ts";

type PhonePending = Extract<Pending, { kind: "phone" }>;

/**
 * The number said as the one to call from now on, and whose it is when a relative's ("电话换了，
 * 打我女儿的吧 158…": the daughter's).
 */
export function newContactIn(words: string, phone: PhoneNumber): CitizenContact {
  return { phone: phone.display, holder: numberHolderIn(words) };
}

/**
 * Words giving a new number (`contact`): the citizen's running cases of their own (those they may
 * add to or withdraw; a case they joined keeps its reporter's contact) are asked about. With
 * none, the citizen is told there is nothing to change: the words are no matter to file.
 * False without the port: the words are read on as any words.
 */
export async function offerPhoneChange(turn: Turn, contact: CitizenContact): Promise<boolean> {
  if (turn.deps.contactChanges === NO_CONTACT_CHANGES) return false;
  const cases = await listedCases(turn);
  if (cases === null) return true;
  if (!askToChange(turn, contact, cases)) {
    turn.say({ text: turn.tr("phoneNothing"), choices: menuButtons(turn.locale) });
    return true;
  }
  turn.reask();
  return true;
}

/**
 * "我电话换了，新号是…" at a draft's question (but the contact, which it answers, and the
 * description when the words also tell the matter): the number is this draft's contact (its
 * name kept), said back masked; the citizen's running cases are asked about at once, beside the
 * draft, whose question follows the answer (see sayThenGoOn) — or follows now, with none.
 */
export async function takeNewPhoneInDraft(
  turn: Turn,
  draft: Draft,
  contact: CitizenContact,
): Promise<void> {
  takePhoneForDraft(turn, draft, contact, null);
  if (turn.deps.contactChanges !== NO_CONTACT_CHANGES) {
    const cases = await turn.citizenCases();
    if (cases !== null) askToChange(turn, contact, cases);
  }
  turn.reask();
}

/**
 * The draft's contact phone from now on (told, with whose it is when a relative's). Its name is
 * the one said with the number ("俺姓王 电话139…"), else the citizen's own, never the
 * relative's: one left before, else the one the description introduced ("我叫张桂兰"), since the
 * contact question that would offer it is not asked now.
 */
export function takePhoneForDraft(
  turn: Turn,
  draft: Draft,
  contact: CitizenContact,
  nameSaidWith: string | null,
): void {
  const name =
    nameSaidWith ??
    (draft.contact?.kind === "named" ? draft.contact.name : null) ??
    nameSaidIn(draft);
  const { phone, holder } = contact;
  draft.contact = { kind: "named", phone, name, ...(holder && { holder }) };
  turn.say({
    text: turn.tr("phoneTakenForDraft", { phone: contactShownToReporter(turn.locale, contact) }),
  });
}

/** The question about the running cases of the citizen's own set beside; false with none. */
function askToChange(
  turn: Turn,
  { phone, holder }: CitizenContact,
  cases: readonly CitizenCaseSummary[],
): boolean {
  const running = newestOf(cases, isOwnRunning).slice(0, MAX_PHONE_CASES);
  if (running.length === 0) return false;
  turn.s.pending = {
    kind: "phone",
    phone,
    ...(holder && { holder }),
    trackingNos: running.map((c) => c.trackingNo),
  };
  return true;
}

/** "Change the number of … to 137****5678?" — nothing changes before the citizen's yes. */
export function phoneConfirmation(state: DialogueState, pending: PhonePending): Confirmation {
  const { locale } = state;
  const text = t(locale, "phoneAsk", {
    trackingNos: pending.trackingNos,
    phone: contactShownToReporter(locale, pending),
  });
  return caseConfirmation(locale, "phone", text, NO_WORDS);
}

/** The question's yes changes the number of every case it names; its no changes nothing. */
export async function onPhoneChoice(turn: Turn, value: string): Promise<void> {
  const pending = turn.s.pending;
  if (pending?.kind !== "phone" || (value !== "yes" && value !== "no")) return stale(turn);
  turn.s.pending = null;
  if (value === "no") return sayThenGoOn(turn, turn.tr("phoneKept"));
  return changePhone(turn, pending);
}

/**
 * Each case in turn: what was changed, what its rules refused (answered meanwhile), and, when
 * the storage fails, what was not reached, are each said.
 */
async function changePhone(turn: Turn, pending: PhonePending): Promise<void> {
  const { trackingNos } = pending;
  const contact = { phone: pending.phone, holder: pending.holder ?? null };
  const changed: string[] = [];
  const refused: string[] = [];
  let unreached: string[] = [];
  for (const [i, trackingNo] of trackingNos.entries()) {
    try {
      const decision = await turn.deps.contactChanges.changePhone(
        turn.s.citizenRef,
        trackingNo,
        contact,
      );
      (decision === "done" ? changed : refused).push(trackingNo);
    } catch (error) {
      turn.deps.problems.contactChangeFailed?.(error);
      unreached = trackingNos.slice(i);
      break;
    }
  }
  const lines = [
    changed.length > 0 &&
      turn.tr("phoneDone", {
        trackingNos: changed,
        phone: contactShownToReporter(turn.locale, contact),
      }),
    refused.length > 0 && turn.tr("phoneRefused", { trackingNos: refused }),
    unreached.length > 0 && turn.tr("phoneFailed", { trackingNos: unreached }),
  ];
  sayThenGoOn(turn, lines.filter((line) => line !== false).join("\n"));
}
