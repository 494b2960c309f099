/**
 * Voice messages: the recording kept with the draft, the transcript shown back for a yes.
 */
import { excerpt } from "../../i18n/format.ts";
import { t } from "../../i18n/t.ts";
import { globalChoice } from "./choice-id.ts";
import { NO_WORDS, REDO_WORDS, YES_WORDS, type Confirmation } from "./confirmation.ts";
import type { DialogueState, Draft, Pending } from "./state.ts";
import { MAX_RECORDINGS } from "./state.ts";
import { startDraft } from "./draft-lifecycle.ts";
import type { Turn } from "./turn.ts";

// ---------------------------------------------------------------- voice

/** A no to "I heard: … right?", with the words that ask to say it again. */
const NOT_AS_HEARD_WORDS: readonly string[] = [...NO_WORDS, ...REDO_WORDS];

/** "I heard: … right?": 重说 is a no here (say it again). */
export function voiceConfirmation(state: DialogueState, transcript: string): Confirmation {
  const locale = state.locale;
  const yes = { id: globalChoice("voice", "yes"), words: YES_WORDS };
  const no = { id: globalChoice("voice", "redo"), words: NOT_AS_HEARD_WORDS };
  return {
    message: {
      text: t(locale, "voiceHeard", { transcript: excerpt(transcript, 500) }),
      choices: [
        [
          { id: yes.id, label: t(locale, "voiceYes") },
          { id: no.id, label: t(locale, "voiceRedo") },
        ],
      ],
    },
    yes,
    no,
  };
}

/**
 * A voice message: the recording goes with the draft (or waits with its transcript). Words
 * heard are shown back first; without words the citizen is asked to type, or may skip at the
 * description, where the recording then speaks for them.
 */
export function onVoice(turn: Turn, recordingId: string, transcript: string | null): void {
  const { s } = turn;
  if (s.draft) keepRecording(s.draft, recordingId);
  if (transcript !== null) {
    s.pending = { kind: "voice", transcript, recordingId };
    return turn.reask();
  }
  if (s.pending?.kind === "cancel") s.pending = null;
  if (!s.draft) {
    keepRecording(startDraft(turn), recordingId);
  }
  const draft = turn.draft();
  if (s.step === "description" && draft.description === null) {
    turn.say({
      text: turn.tr("voiceKeptAskText"),
      choices: [[{ id: `d${draft.no}:voice:skip`, label: turn.tr("voiceSkip") }]],
    });
    return;
  }
  turn.say({ text: turn.tr("voiceKeptTypeAnswer") });
  turn.reask();
}

function keepRecording(draft: Draft, recordingId: string): void {
  if (draft.recordings.length < MAX_RECORDINGS && !draft.recordings.includes(recordingId)) {
    draft.recordings.push(recordingId);
  }
}

/** "Right": the transcript is the citizen's words, as if typed, and the recording stays with them. */
export async function confirmVoice(
  turn: Turn,
  heard: { transcript: string; recordingId: string },
): Promise<void> {
  const { s } = turn;
  s.pending = null;
  await turn.onText(heard.transcript);
  // onText may have started a draft or offered one.
  const offered = s.pending as Pending | null;
  if (s.draft) keepRecording(s.draft, heard.recordingId);
  else if (offered?.kind === "offer") {
    const recordings = offered.recordings ?? [];
    if (!recordings.includes(heard.recordingId)) {
      offered.recordings = [...recordings, heard.recordingId].slice(0, MAX_RECORDINGS);
    }
  }
}

export function redoVoice(turn: Turn): void {
  turn.s.pending = null;
  turn.say({ text: turn.tr("voiceSayAgain") });
  turn.reask();
}
