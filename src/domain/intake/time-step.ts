/**
 * The time question ("when did it start?"), and a time said before it is asked.
 */
import {
  isUnknownTimeAnswer,
  liesAhead,
  type OccurredAt,
  saysOnlyTimeOfDay,
  saysYetToCome,
  undatedTimeAnswer,
} from "./occurred-at.ts";
import { addPlaceSaid } from "./address-words.ts";
import type { Draft } from "./state.ts";
import { TIME_PRECISIONS } from "../vocabulary.ts";
import { meaningfulChars } from "./text-quality.ts";
import type { Turn } from "./turn.ts";

/**
 * A time said before it is asked — in the description, or with the place ("建业小区，有一个
 * 多月了") — answers the time question, unless one is known already or it lies ahead.
 */
export function takeTimeSaid(turn: Turn, draft: Draft, text: string): void {
  if (draft.occurredAt === null) draft.occurredAt = pastTimeIn(turn, text);
}

/**
 * A time said later, with words added to the description ("是大前天晚上开始的" at the photo
 * question), replaces the one kept when it says more: a day where the words kept none ("有一阵子
 * 了"), a month where a year was ("去年" then "去年8月"), an exact day where a vague one was
 * ("好几天了"), a clock time on a day. Never a vaguer one, nor over a time that goes on and on
 * ("天天都这样": how often, not a start); and only words that give the time, not ones that
 * mention a day in passing ("上周三我还打过电话").
 */
export function takeMorePreciseTime(turn: Turn, draft: Draft, text: string): void {
  const said = pastTimeIn(turn, text);
  if (said === null || !givesTheTime(text, said)) return;
  const kept = draft.occurredAt;
  if (kept !== null && "unknown" in kept && kept.ongoing) return;
  if (precisionOf(said) > precisionOf(kept)) draft.occurredAt = said;
}

/**
 * How much a time kept says: none or no day (0); only its year, season or month (1–3); a vague
 * day (4), a day (5), a day and hour (6).
 */
function precisionOf(when: Draft["occurredAt"]): number {
  if (when === null || "unknown" in when) return 0;
  const coarser = TIME_PRECISIONS.indexOf(when.precision);
  if (coarser > 0) return TIME_PRECISIONS.length - coarser;
  if (when.approximate) return 4;
  return when.time === null ? 5 : 6;
}

/** Words that say when it began: the time and a few words around it ("是…开始的", "从…就这样了"). */
const STARTED = /开始|以来|就这样|发生|^从/u;

function givesTheTime(text: string, said: OccurredAt): boolean {
  const rest = text.replace(said.text, "");
  return meaningfulChars(rest).length <= 4 || STARTED.test(rest);
}

export function pastTimeIn(turn: Turn, text: string): OccurredAt | null {
  const when = turn.deps.timeParser.parse(text, turn.now);
  return when && !liesAhead(when, turn.now) ? when : null;
}

export async function onTimeText(turn: Turn, draft: Draft, text: string): Promise<void> {
  const timeOfDay = timeOfDayKept(draft);
  // "昨天" after "晚上" was asked about: the day and the time of day together, "昨天晚上".
  const when =
    (timeOfDay !== null && pastTimeIn(turn, `${text}${timeOfDay}`)) ||
    // A time said beside "记不清" ("具体哪天记不清了，反正上个月就开始了") is still a time.
    turn.deps.timeParser.parse(text, turn.now);
  const future = when !== null && liesAhead(when, turn.now);
  // "还没拆呢，说是下周一来拆": a matter yet to come has no day it happened; the words are its time.
  if ((when === null || future) && saysYetToCome(text)) {
    draft.occurredAt = { unknown: true, text: text.trim() };
    return turn.advance();
  }
  const undated = when ? null : undatedTimeAnswer(text);
  // "晚上" alone: which day's evening is asked once; the words are kept whatever comes next.
  if (undated && timeOfDay === null && saysOnlyTimeOfDay(text)) {
    draft.occurredAt = { unknown: true, text: undated.text };
    return turn.sayWithButtons(turn.tr("timeWhichDay", { words: undated.text }));
  }
  if (undated) {
    draft.occurredAt = {
      unknown: true,
      text: undated.text,
      ...(undated.ongoing && { ongoing: true }),
    };
    return turn.advance();
  }
  if (!when && isUnknownTimeAnswer(text)) {
    forgetDay(draft);
    return turn.advance();
  }
  if (!when) {
    if (placeSaidInstead(turn, draft, text)) return;
    return turn.sayWithButtons(turn.tr("timeNotUnderstood"));
  }
  if (future) return turn.sayWithButtons(turn.tr("timeFuture"));
  draft.occurredAt = when;
  turn.advance();
}

/**
 * The time of day said alone ("晚上") and kept while its day is asked for; null when none is.
 */
function timeOfDayKept(draft: Draft): string | null {
  const kept = draft.occurredAt;
  if (kept === null || !("unknown" in kept) || kept.text === undefined) return null;
  return saysOnlyTimeOfDay(kept.text) ? kept.text : null;
}

/** "不记得了": no day — a time of day said before it is kept ("晚上" stays "晚上"). */
export function forgetDay(draft: Draft): void {
  if (timeOfDayKept(draft) === null) draft.occurredAt = { unknown: true };
}

/**
 * Words that say no time but more of where ("就在万达广场旁边那一段": the citizen is still on the
 * place): added to the address and the time asked again, instead of "没看懂这个时间" and the
 * words lost.
 */
function placeSaidInstead(turn: Turn, draft: Draft, text: string): boolean {
  if (!addPlaceSaid(turn, draft, text)) return false;
  turn.reask();
  return true;
}
