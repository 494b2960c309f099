/**
 * Photos: the photo question, photos sent at any question or outside a draft, and the words sent
 * under a photo.
 */
import { isUnknownTimeAnswer, undatedTimeAnswer } from "./occurred-at.ts";
import { readTypedContact } from "./phone.ts";
import { isFeedbackOnAnswer, isThanksAlone } from "./rating-words.ts";
import { keepBeforeWords } from "./before-words.ts";
import type { Draft, Pending } from "./state.ts";
import { MAX_PHOTOS } from "./state.ts";
import {
  captionOfTheMatter,
  checkDescription,
  cleanText,
  isStatusQuestion,
  meaningfulChars,
  moreOfTheMatter,
  type DescriptionProblem,
} from "./text-quality.ts";
import { withoutFillers } from "../opening-words.ts";
import { serviceQuestionIn } from "./service-questions.ts";
import { casesToAddTo } from "./addition-flow.ts";
import { addToDescription } from "./description-step.ts";
import { answerBesideLaterMatter, laterMatterIn } from "./matters.ts";
import { knownRegion } from "./place-steps.ts";
import { keepRatingPhotos, reasonStillAsked } from "./rating-flow.ts";
import type { Turn } from "./turn.ts";
import { takeWhereSaid } from "./where-said.ts";

const NO_MORE_PHOTOS =
  /^(?:(?:没有|没|无|不用|不要|不需要|不发)(?:照片|图片|相片|拍)?了?|发完了|完了|好了|就这些|done|none|finished|(?:(?:sorry,? )?(?:no|i have no|i don['’]?t have any)(?: (?:photos?|pics?|pictures?|images?))?(?:,? sorry)?))[。.!！]*$/iu;

/**
 * Words at the photo question: "没有" ends it; more of where ("对了，就在学校东门旁边，文昌大道上")
 * is added to the address, more about the matter to the description, as the citizen meant it
 * to be, and the question stays; photos the citizen cannot send ("我不会发照片") are not needed,
 * photos promised for later ("等会儿让我儿子发") are told how they may follow the filing, and
 * other words about the photos are answered with the buttons. The reply is read in `meant`
 * (without the caller's fillers: "那个，没有照片"); words kept are `text` as written.
 */
export function onPhotosText(turn: Turn, draft: Draft, text: string, meant: string): void {
  if (NO_MORE_PHOTOS.test(meant)) {
    draft.photosDone = true;
    return turn.advance();
  }
  if (takeWhereSaid(turn, draft, text)) return turn.reask();
  // "不记得了" typed after the time question was answered: nothing of the matter, nor a photo.
  if (saysOnlyNotKnown(meant)) {
    return turn.sayWithButtons(
      turn.tr("photosUseButtons", { count: draft.photos.length, max: MAX_PHOTOS }),
    );
  }
  const more = checkDescription(text, turn.deps.withoutInstructions);
  if (moreOfTheMatter(more) && !ABOUT_PHOTOS.test(meant)) {
    addToDescription(turn, draft, cleanText(text));
    return turn.reask();
  }
  if (draft.photos.length === 0 && PHOTOS_LATER.test(meant)) {
    return turn.sayWithButtons(turn.tr("photosLater"));
  }
  if (CANNOT_SEND_PHOTOS.test(meant)) {
    draft.photosDone = true;
    turn.say({ text: turn.tr("photosNotNeeded") });
    return turn.advance();
  }
  turn.sayWithButtons(turn.tr("photosUseButtons", { count: draft.photos.length, max: MAX_PHOTOS }));
}

/** Letters from which words tell more than that the citizen does not know ("俺也记不清了"). */
const MAX_NOT_KNOWN_LETTERS = 6;

function saysOnlyNotKnown(text: string): boolean {
  return meaningfulChars(text).length <= MAX_NOT_KNOWN_LETTERS && isUnknownTimeAnswer(text);
}

/** "等会儿让我儿子发", "回头拍了再发": photos promised for later, which may follow the filing. */
const PHOTOS_LATER =
  /(?:再|等|回头|晚上|明天|一会|待会|过会|稍后).{0,6}(?:发|拍|传)|\blater\b|\btomorrow\b/iu;

/**
 * "手机拍不了", "俺不会发照片", "I can't send pictures": no photos to wait for, and none needed; the
 * citizen, often elderly, is not sent looking for a button.
 */
const CANNOT_SEND_PHOTOS =
  /(?:不会|没法|没办法|不知道怎么|弄不来)(?:拍|发|弄|传|用)|(?:拍|发|传)不(?:了|成|上)|(?:can['’]?t|cannot|don['’]?t know how to) (?:take|send|upload)/iu;

/** Words at the photo question about the photos, promised later among them: no more matter. */
const ABOUT_PHOTOS = new RegExp(
  `照片|相片|图片|拍|图|视频|录像|发(?:给|过来|不了|不上)|photo|picture|pic\\b|image|video|send|upload|${PHOTOS_LATER.source}`,
  "iu",
);

/**
 * A photo sent with words ("人民路和七一路口的井盖没了" under the picture). Where words are what
 * is asked — outside a draft, or at the description — the words are taken as if typed, and the
 * photo is kept with what they start: the draft they start or describe, the words offered for
 * filing, or the question whether the problem of an answered case is back ("路灯又坏了"). At a
 * later question, see {@link onPhotoWithWords}. Words outside a draft too few to tell a matter
 * ("你看") leave the photo answered as one without words. The photo goes with a rating the
 * words give, or a reason they are, as evidence; words that keep no photo (a status question,
 * thanks) are answered, and the citizen told the photo was not kept.
 */
export async function onCaptionedPhoto(turn: Turn, fileId: string, caption: string): Promise<void> {
  const { s } = turn;
  if (s.draft && s.step !== "description") return onPhotoWithWords(turn, s.draft, fileId, caption);
  if (!s.draft && tooFewToRead(turn, caption)) return onPhoto(turn, fileId);
  turn.captionedPhoto = fileId;
  await turn.onText(caption);
  if (turn.captionedPhoto === null) return;
  turn.captionedPhoto = null;
  const photos = s.draft ? s.draft.photos : waitingPhotos(s.pending);
  if (photos === null) {
    turn.say({ text: turn.tr("photoNotKept") });
    return;
  }
  if (photos.length < MAX_PHOTOS) photos.push(fileId);
}

/**
 * Whether words under a photo outside a draft are too few to tell a matter ("你看"), and are
 * no answer of their own either: not the reason asked for, thanks, words about an answer, a
 * status question.
 */
function tooFewToRead({ s, deps }: Turn, caption: string): boolean {
  const check = checkDescription(caption, deps.withoutInstructions);
  const tooFew: readonly DescriptionProblem[] = ["too_short", "no_words", "numbers_only"];
  if (check.ok || !tooFew.includes(check.problem)) return false;
  const text = withoutFillers(cleanText(caption));
  return (
    s.pending?.kind !== "reason" &&
    !isThanksAlone(text) &&
    !isFeedbackOnAnswer(text) &&
    !isStatusQuestion(text) &&
    !serviceQuestionIn(text)?.alone
  );
}

/**
 * The photos kept with a question outside a draft until it is answered: words offered for
 * filing, "not solved, or new?", a rating waiting for its yes, an addition to a case (补充)
 * waiting for its words or its yes. Null for other questions.
 */
export function waitingPhotos(pending: Pending | null): string[] | null {
  return pending?.kind === "offer" ||
    pending?.kind === "again" ||
    pending?.kind === "rate" ||
    pending?.kind === "supplement"
    ? (pending.photos ??= [])
    : null;
}

/**
 * A photo with words at a question after the description. Words that answer the question on
 * their own — a place at the place question ("就在人民路口"), a time at the time question, a
 * phone number at the contact question, any words at the category question (read there as
 * typed) — are that answer, as if typed. Other words ("你看，都塌成这样了") are added to the
 * description, where the clerk reads them, and the citizen is told. The photo is kept either way.
 */
async function onPhotoWithWords(
  turn: Turn,
  draft: Draft,
  fileId: string,
  caption: string,
): Promise<void> {
  const text = cleanText(caption);
  // "还有个事，小区门口烧烤摊天天半夜吵" under the photo: the photo shows that matter.
  const later = await laterMatterIn(turn, text);
  if (later) return answerBesideLaterMatter(turn, later, [fileId]);
  if (!answersQuestion(turn, text)) {
    const check = checkDescription(text, turn.deps.withoutInstructions);
    if (captionOfTheMatter(check)) addToDescription(turn, draft, text);
    return onPhoto(turn, fileId);
  }
  if (draft.photos.length < MAX_PHOTOS) {
    draft.photos.push(fileId);
    turn.say({ text: turn.tr("photoKept", { count: draft.photos.length }) });
  } else {
    turn.say({ text: turn.tr("photoLimit", { max: MAX_PHOTOS }) });
  }
  return turn.onText(text);
}

/** Whether words answer the current question on their own (see onPhotoWithWords). */
function answersQuestion(turn: Turn, text: string): boolean {
  const { deps } = turn;
  switch (turn.s.step) {
    case "category":
    case "category_list":
      return true;
    case "place":
    case "street":
      // Read as a description reads them: only words that look like a place count.
      return deps.placeReader.readDescription(text).precision !== "none";
    case "region":
      return knownRegion(turn, deps.regionDetector.detect(text)) !== null;
    case "time":
      return deps.timeParser.parse(text, turn.now) !== null || undatedTimeAnswer(text) !== null;
    case "contact":
      return readTypedContact(text, deps.phoneParser).phone !== null;
    default:
      return false;
  }
}

export async function onPhoto(turn: Turn, fileId: string): Promise<void> {
  const { s } = turn;
  const draft = s.draft;
  if (!draft) return onPhotoOutsideDraft(turn, fileId);
  if (draft.photos.length >= MAX_PHOTOS) {
    turn.sayWithButtons(turn.tr("photoLimit", { max: MAX_PHOTOS }));
    return;
  }
  draft.photos.push(fileId);
  const count = draft.photos.length;
  if (s.step !== "photos") {
    turn.say({ text: turn.tr("photoKept", { count }) });
    return turn.reask();
  }
  if (count >= MAX_PHOTOS) {
    turn.say({ text: turn.tr("photoReceived", { count, max: MAX_PHOTOS }) });
    draft.photosDone = true;
    return turn.advance();
  }
  turn.sayWithButtons(turn.tr("photoReceived", { count, max: MAX_PHOTOS }));
}

/**
 * A photo without words outside a draft: evidence while "what was not solved?" is asked (kept
 * with the rating, the question asked again); kept with a question that keeps photos until it
 * is answered (words offered for filing, a rating waiting for its yes); else the citizen is
 * asked for words first.
 */
async function onPhotoOutsideDraft(turn: Turn, fileId: string): Promise<void> {
  const pending = turn.s.pending;
  if (pending?.kind === "reason" && reasonStillAsked(turn, pending)) {
    await keepRatingPhotos(turn, pending.trackingNo, [fileId]);
    return turn.reask();
  }
  const photos = waitingPhotos(pending);
  if (photos !== null) {
    // An album sent with the words offered: each photo is told, and one beyond what a case
    // holds is said not kept (kept aside, it was told to be filed and never was).
    if (photos.length >= MAX_PHOTOS) {
      turn.say({ text: turn.tr("photoLimit", { max: MAX_PHOTOS }) });
      return turn.reask();
    }
    photos.push(fileId);
    if (pending?.kind === "offer") {
      turn.say({ text: turn.tr("keptWithOfferedWords", { what: "photo" }) });
    }
    return turn.reask();
  }
  // Beside a running case of the citizen's own, a photo alone is most likely more of it (the
  // broken thing seen again): the words to add it with are asked; a no to adding them offers
  // the words and the photo for filing as a new matter.
  const addTo = pending === null ? await casesToAddTo(turn) : undefined;
  if (addTo) {
    turn.s.pending = { kind: "supplement", cases: addTo, text: null, photos: [fileId] };
    turn.say({ text: turn.tr("photoForAddition") });
    return turn.reask();
  }
  keepBeforeWords(turn, { photo: fileId });
}
