/**
 * Addition (补充): words (and photos) added to the citizen's own running case, asked first; and
 * words after filing suggested as an addition when they only add a detail.
 */
import type { Classification } from "../classification.ts";
import type { Directory } from "../directory.ts";
import { QUOTED_WORDS_MAX, excerpt } from "../../i18n/format.ts";
import { t } from "../../i18n/t.ts";
import { globalChoice } from "./choice-id.ts";
import type { CitizenCaseSummary, SupplementDecision, UrgeDecision } from "./ports.ts";
import { categoryName, menuButtons } from "./prompts.ts";
import { NO_WORDS, YES_WORDS, saysOneOf, type Confirmation } from "./confirmation.ts";
import type { OutgoingMessage } from "./replies.ts";
import type { CaseRef, DialogueState, Pending } from "./state.ts";
import { MAX_ADDITION_OFFERS, MAX_OFFERED_CASES } from "./state.ts";
import { MAX_DESCRIPTION_LENGTH, charLength } from "./text-quality.ts";
import { onlyPointsAtPhotos, opensAsDetail, urgesOn } from "./supplement-words.ts";
import { caseChoiceButtons, caseConfirmation, caseOfButton } from "./case-choice.ts";
import { isOwnRunning, listedCases, newestOf } from "./citizen-cases.ts";
import { acceptOffer } from "./filing-offer.ts";
import { classifiedOrNull, surelyAnotherKind } from "./new-matter.ts";
import { placeNamedIn, regionKnown } from "./place-steps.ts";
import { NO_SUPPLEMENTS, sayThenGoOn, stale } from "./turn.ts";
import type { ResolvedDeps, Turn } from "./turn.ts";

/** The citizen's own running cases words offered for filing may add to instead (newest first). */
export async function casesToAddTo(turn: Turn): Promise<CaseRef[] | undefined> {
  if (turn.deps.supplements === NO_SUPPLEMENTS) return undefined;
  // Unreadable cases are reported by citizenCases; the words are then offered for filing alone.
  const cases = await turn.citizenCases();
  const running = newestOf(cases ?? [], isOwnRunning).slice(0, MAX_ADDITION_OFFERS);
  return running.length > 0 ? running.map(caseRefOf) : undefined;
}

/**
 * True when words typed after filing only add to the running case `to`: short, opening as a
 * detail does ("对了", "还有", "忘了说") or urging it on ("能不能快点，老伴冻病了"), naming no
 * place and no other kind of matter than the case's. Otherwise — or when the classifier cannot read them now — they may
 * be a new matter, and both offers stay.
 */
export async function addsDetailTo(
  deps: ResolvedDeps,
  text: string,
  to: CaseRef,
): Promise<boolean> {
  if (!opensAsDetail(text) && !urgesOn(text)) return false;
  if (placeNamedIn(deps, text, regionKnown(deps, deps.regionDetector.detect(text))).named) {
    return false;
  }
  const read = await classifiedOrNull(deps, text);
  return read !== null && !tellsAnotherKind(read, to.category);
}

/**
 * A short detail gives the model few words: "忘了说，是晚上十点以后" reads as 生态环境 at 0.85.
 * Its reading tells another kind only from this confidence on, or when words of the text are
 * a keyword of another category ("工资" beside a street lamp).
 */
const DETAIL_OTHER_KIND_FROM = 0.9;

function tellsAnotherKind(read: Classification, category: string): boolean {
  const keyword = read.explanation.some(
    (fact) => fact.kind === "keyword" && fact.category !== category,
  );
  return keyword || surelyAnotherKind(read, category, DETAIL_OTHER_KIND_FROM);
}

/** "要把这句话补充到 ZK-…（类别）吗？" — the addition suggested, a new matter the other answer. */
export function suggestAddition(turn: Turn, text: string, to: CaseRef): void {
  const photo = turn.captionedPhoto;
  turn.captionedPhoto = null;
  turn.s.pending = {
    kind: "supplement",
    cases: [to],
    text,
    ...(photo !== null && { photos: [photo] }),
    suggested: true,
  };
  turn.reask();
}

// ---------------------------------------------------------------- addition (补充)

type SupplementPending = Extract<Pending, { kind: "supplement" }>;

function caseRefOf(found: CitizenCaseSummary): CaseRef {
  return { trackingNo: found.trackingNo, category: found.category };
}

/**
 * Words offered for filing become an addition (补充) to one of the running cases offered beside
 * them (`cases`, or all of them to choose from): asked about before anything is stored.
 */
export function addOfferTo(
  turn: Turn,
  offer: Extract<Pending, { kind: "offer" }>,
  cases: readonly CaseRef[] = offer.addTo ?? [],
): void {
  turn.s.pending = {
    kind: "supplement",
    cases: [...cases],
    text: offer.text,
    ...(offer.photos && { photos: offer.photos }),
  };
  turn.reask();
}

/**
 * Words asking to add to a case ("补充一下：…", `words` the addition, or null when it is still to
 * come): the one running case is asked about, several are offered as buttons. With none the
 * citizen is told so; words said with it are then read on as any words (false), the bare ask
 * ends there.
 */
export async function offerSupplement(turn: Turn, words: string | null): Promise<boolean> {
  if (turn.deps.supplements === NO_SUPPLEMENTS) return false;
  const cases = await listedCases(turn);
  if (cases === null) return true;
  const open = newestOf(cases, isOwnRunning).slice(0, MAX_OFFERED_CASES);
  if (open.length === 0) {
    if (words !== null) {
      turn.say({ text: turn.tr("supplementNothing") });
      return false;
    }
    turn.say({ text: turn.tr("supplementNothing"), choices: menuButtons(turn.locale) });
    return true;
  }
  // A photo whose caption asks to add goes with the addition, and the question says so.
  const photo = turn.captionedPhoto;
  turn.captionedPhoto = null;
  turn.s.pending = {
    kind: "supplement",
    cases: open.map(caseRefOf),
    text: words,
    ...(photo !== null && { photos: [photo] }),
  };
  turn.reask();
  return true;
}

/**
 * What the addition waits for, other than a yes or no: the case to add to, or the words — with
 * photos, beside a button that adds the photos alone, for a citizen who will not or cannot
 * write. Null once both are known (the yes/no question of supplementConfirmation).
 */
export function supplementPrompt(turn: Turn, pending: SupplementPending): OutgoingMessage | null {
  const [only] = pending.cases;
  if (pending.cases.length > 1 || !only) {
    return {
      text: turn.tr("supplementWhich"),
      choices: caseChoiceButtons(turn.locale, turn.deps.directory, "supplement", pending.cases),
    };
  }
  if (pending.text === null) {
    const photos = pending.photos?.length ?? 0;
    const text = turn.tr("supplementWordsAsk", { trackingNo: only.trackingNo, photos });
    if (photos === 0) return { text };
    const label = turn.tr("supplementPhotosOnly", { photos });
    return { text, choices: [[{ id: globalChoice("supplement", PHOTOS_ONLY), label }]] };
  }
  return null;
}

/** The supplement button's value that adds the photos waiting without words. */
const PHOTOS_ONLY = "photos";

/** "Add these words to no. …?" — nothing is stored before the citizen's yes. */
export function supplementConfirmation(
  state: DialogueState,
  pending: SupplementPending,
  directory: Directory,
): Confirmation | null {
  const [only] = pending.cases;
  if (pending.cases.length > 1 || !only || pending.text === null) return null;
  const { locale } = state;
  const asked = {
    trackingNo: only.trackingNo,
    categoryName: categoryName(directory, locale, only.category),
    // Quoted back cut short, as on the summary: long words would push the question and its
    // buttons out of what a chat shows at once (WeCom sends 5 messages a turn at most).
    text: excerpt(pending.text, QUOTED_WORDS_MAX),
    photos: pending.photos?.length ?? 0,
  };
  if (!pending.suggested) {
    return caseConfirmation(locale, "supplement", t(locale, "supplementAsk", asked), NO_WORDS);
  }
  // "能不能快点，老伴冻病了": the yes urges the case on (see `supplement`), and says so.
  const urging = urgesOn(pending.text);
  const question = t(locale, urging ? "urgeSuggest" : "supplementSuggest", asked);
  return caseConfirmation(locale, "supplement", question, NO_WORDS, {
    yes: t(locale, urging ? "urgeSuggestYes" : "supplementSuggestYes"),
    no: t(locale, "supplementSuggestNo"),
  });
}

/**
 * A supplement button: a case's ("supplement:ZK-…", under its page or among several offered)
 * picks the case; the question's yes adds the words, its no keeps them for a new matter.
 */
export async function onSupplementChoice(turn: Turn, value: string): Promise<void> {
  const { s } = turn;
  const pending = s.pending?.kind === "supplement" ? s.pending : null;
  if (value === PHOTOS_ONLY) {
    const only = pending?.cases.length === 1 ? pending.cases[0] : undefined;
    if (!pending || !only || pending.text !== null || !pending.photos?.length) return stale(turn);
    s.pending = null;
    return supplement(turn, pending, only.trackingNo, null);
  }
  if (value === "yes" || value === "no") {
    const only = pending?.cases.length === 1 ? pending.cases[0] : undefined;
    if (!pending || !only || pending.text === null) return stale(turn);
    s.pending = null;
    if (value === "yes") return supplement(turn, pending, only.trackingNo, pending.text);
    // "不是，这是新的事" to an addition suggested unasked: the words are the new matter's.
    if (pending.suggested && !s.draft) {
      return acceptOffer(turn, {
        kind: "offer",
        text: pending.text,
        ...(pending.photos && { photos: pending.photos }),
      });
    }
    // Words not added are not lost: they are offered as a new matter, as any words would be,
    // with the photos sent with them.
    turn.say({ text: turn.tr("supplementDeclined") });
    if (s.draft) {
      if (pending.photos?.length) turn.say({ text: turn.tr("photoNotKept") });
      return turn.reask();
    }
    s.pending = {
      kind: "offer",
      text: pending.text,
      ...(pending.photos && { photos: pending.photos }),
    };
    return turn.reask();
  }
  const offered = s.pending?.kind === "offer" ? s.pending : null;
  const found = await caseOfButton(turn, value, isOwnRunning, "supplementRefused");
  if (!found) return;
  if (offered) return addOfferTo(turn, offered, [caseRefOf(found)]);
  s.pending = {
    kind: "supplement",
    cases: [caseRefOf(found)],
    text: pending?.text ?? null,
    ...(pending?.photos && { photos: pending.photos }),
  };
  turn.reask();
}

/**
 * The words asked for ("请说要补充的内容"): a no word ends the addition; with photos waiting, a
 * yes ("是的", to "是补充您正在办理的事吗？") or words that only point at them ("就是这个") add
 * the photos alone; other words are the words, kept as written (`text`; the yes and no are read
 * in `meant`, without the caller's fillers).
 */
export async function takeSupplementWords(
  turn: Turn,
  pending: SupplementPending,
  text: string,
  meant: string,
): Promise<void> {
  const { s } = turn;
  if (saysOneOf(NO_WORDS, meant)) {
    s.pending = null;
    return sayThenGoOn(turn, turn.tr("supplementDeclined"));
  }
  const [only] = pending.cases;
  const photosAlone =
    (pending.photos?.length ?? 0) > 0 && (saysOneOf(YES_WORDS, meant) || onlyPointsAtPhotos(meant));
  if (photosAlone) {
    // With several cases the one to add to is asked first (its words question then offers
    // the photos alone again): the pointing words are no words to add.
    if (!only || pending.cases.length > 1) return turn.reask();
    s.pending = null;
    return supplement(turn, pending, only.trackingNo, null);
  }
  const length = charLength(text);
  if (length > MAX_DESCRIPTION_LENGTH) {
    turn.say({
      text: turn.tr("descriptionProblem", {
        problem: "too_long",
        length,
        max: MAX_DESCRIPTION_LENGTH,
      }),
    });
    return;
  }
  s.pending = { ...pending, text };
  turn.reask();
}

/**
 * Adds the words (null: the photos alone) — as an urge (催办) when they urge the case on
 * ("麻烦抓紧给处理一下"), counted and told to the unit as one; when that fails they stay asked
 * about, for the citizen's yes again later.
 */
async function supplement(
  turn: Turn,
  asked: SupplementPending,
  trackingNo: string,
  text: string | null,
): Promise<void> {
  const urging = text !== null && urgesOn(text);
  const { supplements } = turn.deps;
  let added: SupplementDecision & Partial<UrgeDecision>;
  try {
    const args = [turn.s.citizenRef, trackingNo, text, asked.photos ?? []] as const;
    added = urging ? await supplements.urge(...args) : await supplements.supplement(...args);
  } catch (error) {
    turn.deps.problems.supplementFailed?.(error);
    turn.say({ text: turn.tr("supplementFailed") });
    turn.s.pending = asked;
    return turn.reask();
  }
  const photos = asked.photos?.length ?? 0;
  const { decision, grownTo } = added;
  if (decision === "refused") {
    return sayThenGoOn(turn, turn.tr(urging ? "urgeRefused" : "supplementRefused", { trackingNo }));
  }
  const done = urging
    ? turn.tr("urgeDone", { trackingNo, ordinal: added.ordinal ?? null, words: true })
    : turn.tr("supplementDone", { trackingNo, words: text !== null, photos });
  sayThenGoOn(
    turn,
    grownTo === null ? done : `${done}\n${turn.tr("supplementGroupGrown", { group: grownTo })}`,
  );
}
