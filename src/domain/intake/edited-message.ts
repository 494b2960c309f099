/**
 * A message the citizen changed after sending it: a photo replaced, or the description's words.
 */
import type { CitizenEvent } from "./events.ts";
import { isConfidentGuess } from "./prompts.ts";
import type { DialogueState, Draft } from "./state.ts";
import { MAX_PHOTO_MESSAGES } from "./state.ts";
import { MAX_DESCRIPTION_LENGTH, checkDescription, cleanText } from "./text-quality.ts";
import { analyseDescription, warnOfHazards } from "./description-step.ts";
import { waitingPhotos } from "./photo-steps.ts";
import type { Turn } from "./turn.ts";

/**
 * The citizen changed an earlier message. A photo message whose picture changed has its photo
 * replaced where it is still kept (the draft, or words waiting to be filed), and the citizen is
 * told. While the draft is open and its description is that message's words alone — or was,
 * until the citizen replaced it with other words (描述改成…): the later change wins — changed
 * words become the description (read afresh, and the kind asked again, while it is still being
 * asked). Any other change (a message answering a later question, a filed complaint's) leaves
 * what was noted, and the change is asked for as a new message.
 */
export async function onEdited(
  turn: Turn,
  edit: Extract<CitizenEvent, { type: "edited" }>,
): Promise<void> {
  const photoReplaced =
    edit.photo !== undefined && replaceMessagePhoto(turn.s, edit.messageId, edit.photo);
  if (photoReplaced) turn.say({ text: turn.tr("photoReplaced") });
  const { draft } = turn.s;
  const { messageId, text } = edit;
  if (draft && text !== undefined) {
    const corrected = draft.correctedMessageId === messageId;
    const describes = corrected || draft.descriptionMessageId === messageId;
    // A new picture under the same caption changes the photo only.
    const sameWords = photoReplaced && cleanText(text) === draft.description;
    if (describes && !sameWords)
      return editDescription(turn, draft, { messageId, text }, corrected);
  }
  if (!photoReplaced) turn.say({ text: turn.tr("unsupported", { kind: "edited" }) });
  return turn.reask();
}

/**
 * The description's message was edited: its words, read afresh, become the description —
 * also when the citizen had since replaced them with other words (`overWords`: told so).
 */
async function editDescription(
  turn: Turn,
  draft: Draft,
  edit: { readonly messageId: string; readonly text: string },
  overWords: boolean,
): Promise<void> {
  const check = checkDescription(cleanText(edit.text), turn.deps.withoutInstructions);
  if (!check.ok) {
    const { problem, length } = check;
    turn.say({
      text: turn.tr("descriptionProblem", { problem, length, max: MAX_DESCRIPTION_LENGTH }),
    });
    return turn.reask();
  }
  draft.description = check.text;
  draft.descriptionMessageId = edit.messageId;
  draft.correctedMessageId = null;
  warnOfHazards(turn, check.text);
  turn.say({ text: turn.tr(overWords ? "descriptionEditedOverWords" : "descriptionEdited") });
  if (turn.s.step !== "category" && turn.s.step !== "category_list") return turn.reask();
  await analyseDescription(turn, draft);
  return turn.ask(isConfidentGuess(draft, turn.deps.directory) ? "category" : "category_list");
}

/** Notes the photo a photo message brought, for an edit of its picture; the oldest forgotten. */
export function rememberPhotoMessage(s: DialogueState, messageId: string, photo: string): void {
  s.photoMessages[messageId] = photo;
  const remembered = Object.keys(s.photoMessages);
  for (const old of remembered.slice(0, Math.max(0, remembered.length - MAX_PHOTO_MESSAGES))) {
    delete s.photoMessages[old];
  }
}

/**
 * Puts `photo` where the photo message `messageId` brought another picture, in the draft or
 * with words waiting to be filed; false when it brought this picture, or its photo is kept there
 * no more (filed, cancelled, or never a photo message noted).
 */
function replaceMessagePhoto(s: DialogueState, messageId: string, photo: string): boolean {
  const previous = s.photoMessages[messageId];
  if (previous === undefined || previous === photo) return false;
  const photos = s.draft ? s.draft.photos : waitingPhotos(s.pending);
  const index = photos?.indexOf(previous) ?? -1;
  if (index === -1) return false;
  photos![index] = photo;
  s.photoMessages[messageId] = photo;
  return true;
}
