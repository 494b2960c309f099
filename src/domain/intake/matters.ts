/**
 * Several matters told in one message ("两件事：一是路灯坏了…；二是烧烤摊半夜吵…"): each goes to
 * the unit competent for it (谁主管、谁负责), so each is filed as a case of its own, one after
 * the other. The first becomes the draft's description; the others wait in the state and are
 * offered for filing when the first is submitted. A matter told later, at a question of the
 * draft ("在七一路。还有个事，烧烤摊天天半夜吵"), waits the same way.
 */
import { detectHazards } from "./emergency.ts";
import { MAX_MATTERS, type LaterMatter } from "./state.ts";
import { checkDescription, cleanText } from "./text-quality.ts";
import type { Turn } from "./turn.ts";

const ORDINALS = ["一", "二", "三", "四"] as const;

const ANOTHER_MATTER =
  /(?:还有|另外(?:还有)?|再(?:说)?)一?(?:件|个)(?:事儿?|事情|问题)(?:要(?:反映|说))?[，,：:。]?/;

/**
 * The ways a citizen numbers matters; `{n}` is the matter's ordinal (1-based), written as the
 * style writes it. Each style is read alone: "一是…二是…", "第一…第二…", "1、…2、…",
 * "（1）…（2）…", "①…②…". A 第一 must be followed by a pause or a word for a matter (件, 点,
 * 条, 个事) — "第一次来修，第二次…" tells one matter twice, not two.
 */
const NUMBERING_STYLES: readonly ((n: number) => RegExp)[] = [
  (n) => new RegExp(`${ORDINALS[n - 1]}是`),
  (n) => new RegExp(`第${ORDINALS[n - 1]}(?:(?:件事?|个事儿?|个问题|点|条)[，,、：:]?|[，,、：:])`),
  (n) => new RegExp(`(?:^|[\\s。；;，,：:])${ORDINALS[n - 1]}、`),
  (n) => new RegExp(`(?:^|[\\s。；;，,：:])${n}[、.．)）](?!\\d)`),
  (n) => new RegExp(`[（(]${n}[）)]`),
  (n) => new RegExp("①②③④"[n - 1]!),
  // "…路灯坏了。还有个事，烧烤摊…": the words before the first "还有个事" are the first matter.
  (n) => (n === 1 ? /^/ : ANOTHER_MATTER),
];

/** "两件事：", "反映三个问题，", "two things:" — the count before a list, part of no matter. */
const COUNT_HEADER =
  /(?:(?:有|反映|说|想说|要说)?[两二三四几]\s*(?:件|个|点|条)\s*(?:事儿?|事情|问题)|\b(?:two|three|four|[234])\s+(?:things|matters|issues|problems))\s*[：:，,。.]?\s*$/i;

/**
 * The matters of a numbered list in `text`, in order: the words before the first number (a
 * count like "两件事：" left out) go with each, as they say whose or where ("俺是幸福小区的，");
 * a single matter when no style numbers two or more.
 */
export function splitMatters(text: string): readonly string[] {
  const list = numberedList(text);
  if (list === null) return [text];
  const { preamble, matters } = list;
  return matters.map((matter) => (preamble ? withPreamble(preamble, matter) : matter));
}

/** The words before a numbered list and its matters alone; null when nothing numbers two. */
function numberedList(text: string): { preamble: string; matters: string[] } | null {
  for (const style of NUMBERING_STYLES) {
    const starts = numberedStarts(text, style);
    if (starts.length < 2) continue;
    return {
      preamble: text.slice(0, starts[0]!.at).replace(COUNT_HEADER, "").trim(),
      matters: starts.map(({ end }, i) =>
        text
          .slice(end, starts[i + 1]?.at ?? text.length)
          .trim()
          .replace(/[；;，,、]+$/, ""),
      ),
    };
  }
  return null;
}

/** "I live at …," before an English matter takes a space; Chinese words take a comma. */
function withPreamble(preamble: string, matter: string): string {
  if (/[\x21-\x7e]$/.test(preamble)) return `${preamble} ${matter}`;
  return /[，。：；]$/.test(preamble) ? `${preamble}${matter}` : `${preamble}，${matter}`;
}

/** Where each number of one style begins and its words start, for 1, 2, … in order. */
function numberedStarts(text: string, style: (n: number) => RegExp): { at: number; end: number }[] {
  const starts: { at: number; end: number }[] = [];
  let from = 0;
  for (let n = 1; n <= MAX_MATTERS; n++) {
    const found = style(n).exec(text.slice(from));
    if (!found) break;
    const at = from + found.index;
    starts.push({ at, end: at + found[0].length });
    from = at + found[0].length;
  }
  return starts;
}

/**
 * "还有个事，…", "对了还有…", "另外…", "one more thing: …" opening a clause of words said at a
 * draft's question: the words after it may tell another matter than the draft's. A bare "还有"
 * does not: "路灯坏了，还有电线露着" goes on with the same matter more often than not.
 */
const LATER_MATTER = new RegExp(
  "(?:^|[。；;！!？?，,.\\s])\\s*(?:" +
    [
      `(?:哦?对了[，,]?\\s*)?${ANOTHER_MATTER.source}`,
      "哦?对了[，,]?\\s*还有(?:就是)?[，,：:]?",
      "(?:哦?对了[，,]?\\s*)?(?:另外(?:还有)?(?:就是)?|还有就是)[，,：:]?",
      "(?:and |oh,? )?(?:another|one more) (?:thing|matter|issue|problem)(?: is)?[,:.]?",
    ].join("|") +
    ")",
  "i",
);

/** A matter told beside the answer to a draft's question: the answer, and the matter alone. */
export interface LaterMatterSaid {
  /** The words before the matter ("在七一路幸福小区门口"); empty when the matter came alone. */
  readonly answer: string;
  readonly matter: string;
}

/**
 * The matter `text` tells after a mark of another one ({@link LATER_MATTER}) at a question of
 * a draft already described, when it would be filed alone and the classifier reads it in
 * another category than the draft's (as a list's matters are told apart, see
 * {@link firstOfMatters}); null otherwise — and while a question waits beside the draft, or
 * the draft and the matters waiting already make {@link MAX_MATTERS} — so that the words are
 * read as before, and nothing said is lost.
 */
export async function laterMatterIn(turn: Turn, text: string): Promise<LaterMatterSaid | null> {
  const { s } = turn;
  const draft = s.draft;
  if (!draft || draft.description === null || s.step === "description" || s.pending !== null) {
    return null;
  }
  if (1 + s.laterMatters.length >= MAX_MATTERS) return null;
  const mark = LATER_MATTER.exec(text);
  if (!mark) return null;
  const matter = withoutTrailingPause(cleanText(text.slice(mark.index + mark[0].length)));
  const draftCategory = draft.category ?? draft.classification?.category;
  if (draftCategory === undefined || !fileableAlone(turn, matter)) return null;
  const read = await categoriesOf(turn, [matter]);
  if (read === null || read[0] === draftCategory) return null;
  return { answer: withoutTrailingPause(text.slice(0, mark.index).trim()), matter };
}

/**
 * "在七一路幸福小区门口。还有个事，烧烤摊天天半夜吵", typed or under a photo: the other matter
 * waits for its own case (its dangers warned of now), with the photo whose words told it, and the
 * words before it are read as if typed alone — the answer to the question, most often; with
 * none, the question is asked again.
 */
export async function answerBesideLaterMatter(
  turn: Turn,
  { answer, matter }: LaterMatterSaid,
  photos: readonly string[],
): Promise<void> {
  adviseOnHazards(turn, matter);
  keepForLater(turn, matter, photos);
  // The answer is part of the message: an edit of it is no new answer.
  turn.messageId = null;
  if (answer === "") return turn.reask();
  return turn.onText(answer);
}

/**
 * The emergency advice for each danger the words name, the draft left as it is (the words may
 * tell of another matter than the draft's); true when they name any.
 */
export function adviseOnHazards(turn: Turn, text: string): boolean {
  const hazards = detectHazards(text);
  if (hazards.length > 0) turn.say({ text: turn.tr("emergency", { hazards }) });
  return hazards.length > 0;
}

/**
 * A matter told at a draft's question ({@link laterMatterIn}) waits to be offered after the
 * draft is filed, as a list's later matters do (a dangerous one first), with the photos sent
 * with its words; the citizen is told.
 */
function keepForLater(turn: Turn, matter: string, photos: readonly string[]): void {
  const { s } = turn;
  s.laterMatters = dangerousFirst([...s.laterMatters, { text: matter, photos: [...photos] }]);
  turn.say({ text: turn.tr("laterMatterKept", { matter, photos: photos.length }) });
}

/**
 * The description a new draft takes from `text`: its first matter when the text numbers
 * matters of different categories (the rest then wait in the state, the citizen told why),
 * else the whole text. `read`: the matters {@link mattersToFile} read in the text when it was
 * offered, taken as they are (reading them again would ask the classifier once more a matter);
 * without them the text is read now. A matter that tells of danger is filed first, as the
 * urgent case it is.
 */
export async function firstOfMatters(
  turn: Turn,
  text: string,
  read?: readonly string[],
): Promise<string> {
  const matters = read ?? (await mattersToFile(turn, text));
  if (matters === null) return text;
  const waiting = matters.map((matter) => ({ text: matter, photos: [] }));
  const [first, ...later] = dangerousFirst(waiting) as [LaterMatter, ...LaterMatter[]];
  turn.s.laterMatters = later;
  turn.say({ text: turn.tr("mattersSeparated", { count: matters.length, first: first.text }) });
  return first.text;
}

/**
 * The matters of a numbered list in `text` to file one by one, in the order told; null when it
 * is one case. Matters of one category stay one case: one unit handles them; a matter too short
 * to file alone ("一是路灯") keeps the text whole, so that nothing said is lost.
 */
export async function mattersToFile(turn: Turn, text: string): Promise<string[] | null> {
  const list = numberedList(text);
  if (list === null) return null;
  if (!list.matters.every((matter) => fileableAlone(turn, matter))) return null;
  const matters = splitMatters(text).map(cleanText);
  const categories = await categoriesOf(turn, matters);
  if (categories === null || new Set(categories).size < 2) return null;
  return matters;
}

/** Words a case could be filed with alone ("一是路灯" could not: it keeps the words whole). */
function fileableAlone(turn: Turn, matter: string): boolean {
  return checkDescription(matter, turn.deps.withoutInstructions).ok;
}

/** The matters that tell of danger first, each group in the order told. */
function dangerousFirst(matters: readonly LaterMatter[]): LaterMatter[] {
  const dangerous = (matter: LaterMatter) => detectHazards(matter.text).length > 0;
  return [...matters.filter(dangerous), ...matters.filter((matter) => !dangerous(matter))];
}

function withoutTrailingPause(words: string): string {
  return words.replace(/[；;，,、。.\s]+$/, "");
}

/**
 * The category the classifier reads in each matter alone; null when it failed (told to
 * problems), so the words are kept as one case, as before this reading: the clerk still sees
 * every word of it.
 */
async function categoriesOf(turn: Turn, matters: readonly string[]): Promise<string[] | null> {
  try {
    const read = await Promise.all(
      matters.map((matter) => turn.deps.classifier.classify(matter, { region: null })),
    );
    return read.map((classification) => classification.category);
  } catch (error) {
    turn.deps.problems.classifierFailed(error);
    return null;
  }
}

/**
 * After a case is filed: the next matter the citizen told with it, offered for filing (with
 * its yes and no, as any words offered); nothing when none waits.
 */
export function offerNextMatter(turn: Turn): void {
  const { s } = turn;
  const [next, ...rest] = s.laterMatters;
  if (next === undefined) return;
  s.laterMatters = rest;
  // The photos sent with its words go with it, as any words offered keep theirs.
  const { text, photos } = next;
  s.pending = { kind: "offer", text, laterMatter: true, ...(photos.length > 0 && { photos }) };
  turn.reask();
}
