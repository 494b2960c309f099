/**
 * Questions typed beside the matter: of the service ("要多久才有结果"), of a running case's
 * progress ("还要等多久？"), and a greeting.
 */
import { caseButtons, menuButtons } from "./prompts.ts";
import {
  CASE_ASKED_ABOUT,
  caseInAnswer,
  type CaseInAnswer,
  type ServiceQuestion,
  type ServiceTopic,
} from "./service-questions.ts";
import { newestOf } from "./citizen-cases.ts";
import { readsAsNewMatter } from "./new-matter.ts";
import type { Turn } from "./turn.ts";

/**
 * "还要等多久？", "咋还没人来修" from a citizen with a case running ask after that case (the
 * newest): it is answered with where it stands, its unit and what is due by when, as
 * "要多久才有结果" is. True when that is all; false when no case runs, or when the words also
 * tell a new matter ({@link readsAsNewMatter}: another kind, a place or a danger named), which
 * are then offered as any words are.
 */
export async function answerProgressQuestion(turn: Turn, text: string): Promise<boolean> {
  const found = await caseAskedAbout(turn, "duration");
  if (!found) return false;
  turn.say({
    text: turn.tr("caseProgress", { case: found }),
    choices: caseButtons(turn.locale, [found]),
  });
  const about = { citizenRef: turn.s.citizenRef, trackingNo: found.trackingNo };
  return !(await readsAsNewMatter(turn.deps, text, about));
}

/**
 * "要多久才有结果", "能不能不留名字": a question of the service is answered with the product's
 * facts and, after filing, the citizen's case it applies to (in a draft it is about the draft).
 * Asked alone, the citizen is then back where they were: the draft and its question, or the
 * question pending, asked again; nothing else changes. Asked with a matter ("工地欠了三个月工资，
 * 要多久才有结果"), the words are then read on as any words: the matter is never swallowed.
 */
export async function answerServiceQuestion(
  turn: Turn,
  { topic, alone }: ServiceQuestion,
): Promise<void> {
  const { s } = turn;
  const found = s.draft ? null : await caseAskedAbout(turn, topic);
  const backToMenu = alone && !s.draft && !s.pending;
  turn.say({
    text: turn.tr("serviceAnswer", {
      topic,
      case: found,
      phone: turn.deps.servicePhone,
      city: turn.deps.directory,
    }),
    ...(backToMenu && { choices: menuButtons(turn.locale) }),
  });
  if (alone && !backToMenu) turn.reask();
}

/** The citizen's newest case the answer to `topic` speaks of; null when none or unreadable. */
async function caseAskedAbout(turn: Turn, topic: ServiceTopic): Promise<CaseInAnswer | null> {
  const applies = CASE_ASKED_ABOUT[topic];
  if (!applies) return null;
  const [newest] = newestOf((await turn.citizenCases()) ?? [], applies);
  if (!newest) return null;
  try {
    const found = await turn.deps.cases.get(turn.s.citizenRef, newest.trackingNo, turn.locale);
    return found && caseInAnswer(found, turn.deps.directory);
  } catch (error) {
    turn.deps.problems.casesUnreadable?.(error);
    return null;
  }
}

/**
 * "等一下", "我想想": the question waits, and the draft or the words offered for filing with it.
 * Told so with the question's buttons, not asked again (the citizen is looking for the
 * answer), nor read as an answer.
 */
export function answerWait(turn: Turn): void {
  const filing = turn.s.draft !== null || turn.s.pending !== null;
  turn.say({ ...turn.question(), text: turn.tr("waiting", { filing }) });
}

/** A greeting reminds where the citizen is; it is no reply to an old question or offer. */
export function answerGreeting(turn: Turn): void {
  const { s } = turn;
  if (s.draft) {
    turn.say({ text: turn.tr("draftInProgress") });
    return turn.reask();
  }
  s.pending = null;
  turn.say({ text: turn.tr("greetingAnswer"), choices: menuButtons(turn.locale) });
}
