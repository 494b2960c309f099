/**
 * The citizen's own cases as the flows about them read them: listed, running, newest first.
 */
import { RUNNING_CITIZEN_STATUSES } from "./ports.ts";
import type { CitizenCaseDetail, CitizenCaseSummary } from "./ports.ts";
import type { Turn } from "./turn.ts";

/**
 * One of the citizen's cases by its number, null when they have none such; undefined when it
 * cannot be read now (the failure reported, the words to the citizen left to the caller).
 */
export async function citizenCase(
  turn: Turn,
  trackingNo: string,
): Promise<CitizenCaseDetail | null | undefined> {
  try {
    return await turn.deps.cases.get(turn.s.citizenRef, trackingNo, turn.locale);
  } catch (error) {
    turn.deps.problems.casesUnreadable?.(error);
    return undefined;
  }
}

/** The citizen's cases; null when they cannot be read now (the citizen told). */
export async function listedCases(turn: Turn): Promise<readonly CitizenCaseSummary[] | null> {
  const cases = await turn.citizenCases();
  if (cases === null) turn.say({ text: turn.tr("casesUnavailable") });
  return cases;
}

// ---------------------------------------------------------------- withdrawal (撤回)

/**
 * A case still being decided on or handled, of the citizen's own or one they joined (附议):
 * one they may withdraw (a supporter their support).
 */
export function isRunning(found: CitizenCaseSummary): boolean {
  return RUNNING_CITIZEN_STATUSES.includes(found.status);
}

/** A running case of the citizen's own (not one they joined): one they may add to. */
export function isOwnRunning(found: CitizenCaseSummary): boolean {
  return !found.supported && isRunning(found);
}

/** The cases of `cases` that `may` (be withdrawn, be added to), newest first. */
export function newestOf(
  cases: readonly CitizenCaseSummary[],
  may: (found: CitizenCaseSummary) => boolean,
): CitizenCaseSummary[] {
  return cases.filter(may).sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime());
}

/** The day the answer (or the review's opinion) is due while the citizen waits for it; else null. */
export function answerAwaitedBy(c: CitizenCaseDetail): Date | null {
  return c.status === "accepted" || c.status === "in_progress" ? c.answerDueAt : null;
}
