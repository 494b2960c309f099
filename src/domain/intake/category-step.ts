/**
 * The kind of matter: the classifier's guess confirmed, one chosen from the list, or left to the
 * clerk.
 */
import type { Category, Directory } from "../directory.ts";
import { FALLBACK_CATEGORY } from "../routing.ts";
import { isUnknownTimeAnswer } from "./occurred-at.ts";
import { isConfidentGuess } from "./prompts.ts";
import { NO_WORDS, YES_WORDS, saysOneOf } from "./confirmation.ts";
import type { Draft } from "./state.ts";
import { checkDescription, meaningfulChars, moreOfTheMatter } from "./text-quality.ts";
import { analyseDescription, appendToDescription } from "./description-step.ts";
import { takeMorePreciseTime } from "./time-step.ts";
import type { Turn } from "./turn.ts";
import { takeWhereSaid } from "./where-said.ts";
import { withoutNotKnowing } from "./place-steps.ts";

/**
 * 其他 / 不确定 (tapped, or "不知道" typed at the list): no kind of matter of the citizen's. The
 * case is filed under the directory's 其他, which the clerks triage, with the classifier's
 * own answer kept for them.
 */
export function leaveKindToClerk(turn: Turn, draft: Draft): void {
  draft.category = FALLBACK_CATEGORY;
  draft.categoryLeftToClerk = true;
  turn.advance();
}

/**
 * The one category a text names: by its name ("水电气暖", "Utilities"), else, in a few words
 * that choose rather than tell, by a word of what its button says it covers ("是物业的事",
 * "street lights"; more words tell the matter and are added to it). Null for none or several.
 */
function categoryNamedIn(directory: Directory, text: string): string | null {
  const lower = text.toLowerCase();
  const only = (names: (c: Category) => boolean) => {
    const named = directory.categories.filter(names);
    return named.length === 1 ? named[0]!.code : null;
  };
  return (
    only((c) => text.includes(c.name) || lower.includes(c.nameEn.toLowerCase())) ??
    only((c) => coveredWords(c).some((word) => choosesBy(word, lower)))
  );
}

// The words around a kind named as a choice: "就是物业的事情吧", "跟电梯有关", "it's about the lifts".
const AROUND_A_CHOICE = /[是就属于跟和与的事情问题方面有关相关吧啊呀呢这那个类]/gu;
const AROUND_A_CHOICE_EN =
  /\b(?:it['’]?s|it is|about|the|an?|is|with|problem|issue|of|my|this)\b/gu;

/** Whether words name `word` as the kind and say nothing else ("小区物业不给修电梯" tells more). */
function choosesBy(word: string, lower: string): boolean {
  if (!lower.includes(word)) return false;
  const rest = lower
    .replace(word, " ")
    .replace(AROUND_A_CHOICE, "")
    .replace(AROUND_A_CHOICE_EN, "");
  return meaningfulChars(rest).length === 0;
}

/** The words of what a category covers ("物业、电梯…等" → 物业, 电梯, …; "lifts", …). */
function coveredWords(category: Category): string[] {
  const zh = category.plain.replace(/等.*$/u, "").split("、");
  const en = category.plainEn.toLowerCase().split(/,\s*|\s+(?:and|or)\s+/u);
  return [...zh, ...en].filter((word) => word.length >= 2);
}

/**
 * Words at the category's question: the reply read in `meant` (without the caller's fillers,
 * "那个，对"), words of the matter added to the description as written (`text`).
 */
export async function onCategoryText(
  turn: Turn,
  draft: Draft,
  text: string,
  meant: string,
): Promise<void> {
  if (turn.s.step === "category" && saysOneOf(YES_WORDS, meant)) {
    draft.category = draft.classification?.category ?? FALLBACK_CATEGORY;
    draft.categoryLeftToClerk = false;
    return turn.advance();
  }
  if (turn.s.step === "category_list" && isUnknownTimeAnswer(meant)) {
    // "不清楚，就在人民路万达广场附近": the kind not known, the place said beside it kept.
    takeWhereSaid(turn, draft, withoutNotKnowing(meant));
    return leaveKindToClerk(turn, draft);
  }
  if (saysOneOf(NO_WORDS, meant)) return turn.ask("category_list");
  const named =
    turn.s.step === "category_list" ? categoryNamedIn(turn.deps.directory, meant) : null;
  if (named) {
    draft.category = named;
    draft.categoryLeftToClerk = false;
    return turn.advance();
  }
  // "城关镇建设路幸福小区" typed under "对吗？": the place, not the matter.
  if (takeWhereSaid(turn, draft, text)) return turn.reask();
  const more = checkDescription(text, turn.deps.withoutInstructions);
  if (moreOfTheMatter(more) && draft.description !== null) {
    if (!appendToDescription(turn, draft, text, (problem) => turn.sayWithButtons(problem))) return;
    await analyseDescription(turn, draft);
    // "前天开始的" after "堵了好几天了": the more precise time is the case's, as at any later
    // question; never a vaguer one, nor a day mentioned in passing ("上周三我还打过电话").
    takeMorePreciseTime(turn, draft, text);
    turn.say({ text: turn.tr("descriptionAdded") });
    return turn.ask(isConfidentGuess(draft, turn.deps.directory) ? "category" : "category_list");
  }
  turn.sayWithButtons(turn.tr("categoryUseButtons"));
}
