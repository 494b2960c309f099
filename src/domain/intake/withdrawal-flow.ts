/**
 * Withdrawal (撤回): the citizen withdrawing their own running case, or their support of one
 * they joined (附议), asked first.
 */
import type { Directory } from "../directory.ts";
import { t } from "../../i18n/t.ts";
import type { CitizenCaseSummary } from "./ports.ts";
import { categoryName, menuButtons } from "./prompts.ts";
import { KEEP_CASE_WORDS, NO_WORDS, type Confirmation } from "./confirmation.ts";
import type { DialogueState, Pending } from "./state.ts";
import { MAX_OFFERED_CASES } from "./state.ts";
import { caseChoiceButtons, caseConfirmation, caseOfButton } from "./case-choice.ts";
import { isRunning, listedCases, newestOf } from "./citizen-cases.ts";
import { NO_WITHDRAWALS, sayThenGoOn, stale } from "./turn.ts";
import type { Turn } from "./turn.ts";

function withdrawalOf(found: CitizenCaseSummary): Extract<Pending, { kind: "withdraw" }> {
  return {
    kind: "withdraw",
    trackingNo: found.trackingNo,
    category: found.category,
    ...(found.supported && { supported: true }),
  };
}

/**
 * Words asking to withdraw: the one case that may be is asked about, several are offered as
 * buttons; with none, the citizen is told so — unless an answered case makes the words
 * feedback on its answer ("修好了，不用管了"; false: read on).
 */
export async function offerWithdrawal(turn: Turn): Promise<boolean> {
  if (turn.deps.withdrawals === NO_WITHDRAWALS) return false;
  const cases = await listedCases(turn);
  if (cases === null) return true;
  if (offerRunning(turn, newestOf(cases, isRunning))) return true;
  if (cases.some((c) => c.status === "answered" && !c.supported)) return false;
  turn.say({ text: turn.tr("withdrawNothing"), choices: menuButtons(turn.locale) });
  return true;
}

/**
 * A running case of the citizen's asked about as a withdrawal, where the words may also mean
 * something else to give up: "嗯撤了吧" in a draft (asked beside it, whose question follows the
 * answer), "我不想反映了" with none open; false when no case runs (the words then give up the
 * draft, or nothing).
 */
export async function offerRunningWithdrawal(turn: Turn): Promise<boolean> {
  if (turn.deps.withdrawals === NO_WITHDRAWALS) return false;
  const cases = await listedCases(turn);
  if (cases === null) return true;
  return offerRunning(turn, newestOf(cases, isRunning));
}

/**
 * "我不想反映了", "算了不弄了" said with no draft open: what there is to give up is a running
 * case, asked about as a withdrawal; with none, nothing is filed (the words are no matter to
 * offer for filing) and the citizen is told they may come back.
 */
export async function giveUpWithNoDraft(turn: Turn): Promise<void> {
  if (await offerRunningWithdrawal(turn)) return;
  turn.say({ text: turn.tr("offerDeclined"), choices: menuButtons(turn.locale) });
}

/** The one running case asked about, several offered as buttons; false when none runs. */
function offerRunning(turn: Turn, open: CitizenCaseSummary[]): boolean {
  const [only] = open;
  if (only && open.length === 1) {
    turn.s.pending = withdrawalOf(only);
    turn.reask();
    return true;
  }
  if (open.length > 1) {
    turn.say({
      text: turn.tr("withdrawWhich"),
      choices: caseChoiceButtons(
        turn.locale,
        turn.deps.directory,
        "withdraw",
        open.slice(0, MAX_OFFERED_CASES),
      ),
    });
    return true;
  }
  return false;
}

/** "Withdraw …?" — nothing changes before the citizen's yes. */
export function withdrawConfirmation(
  state: DialogueState,
  pending: Extract<Pending, { kind: "withdraw" }>,
  directory: Directory,
): Confirmation {
  const { locale } = state;
  const text = t(locale, "withdrawAsk", {
    trackingNo: pending.trackingNo,
    categoryName: categoryName(directory, locale, pending.category),
    supported: pending.supported === true,
  });
  return caseConfirmation(locale, "withdraw", text, [...NO_WORDS, ...KEEP_CASE_WORDS]);
}

/** A withdraw button: a case's ("withdraw:ZK-…") asks first; the question's yes or no answers it. */
export async function onWithdrawChoice(turn: Turn, value: string): Promise<void> {
  const { s } = turn;
  if (value === "yes" || value === "no") {
    const pending = s.pending;
    if (pending?.kind !== "withdraw") return stale(turn);
    s.pending = null;
    if (value === "yes") return withdraw(turn, pending);
    const supported = pending.supported === true;
    return sayThenGoOn(
      turn,
      turn.tr("withdrawKept", { trackingNo: pending.trackingNo, supported }),
    );
  }
  const found = await caseOfButton(turn, value, isRunning, "withdrawRefused");
  if (!found) return;
  s.pending = withdrawalOf(found);
  turn.reask();
}

async function withdraw(
  turn: Turn,
  { trackingNo, supported = false }: Extract<Pending, { kind: "withdraw" }>,
): Promise<void> {
  const { withdrawals } = turn.deps;
  let decision;
  try {
    decision = await (supported
      ? withdrawals.withdrawSupport(turn.s.citizenRef, trackingNo)
      : withdrawals.withdraw(turn.s.citizenRef, trackingNo));
  } catch (error) {
    turn.deps.problems.withdrawalFailed?.(error);
    return sayThenGoOn(turn, turn.tr("withdrawFailed"));
  }
  if (decision === "done") {
    return sayThenGoOn(turn, turn.tr("withdrawDone", { trackingNo, supported }));
  }
  sayThenGoOn(turn, turn.tr("withdrawRefused", { trackingNo }));
}
