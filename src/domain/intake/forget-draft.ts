import { createDialogueState, DialogueStateSchema, type DialogueState } from "./state.ts";

/**
 * The dialogue a citizen with a case keeps once silent for CHAT_KEEP_DAYS (个人信息保护法
 * 第十九条): what it needs to go on correctly — whose it is, the count of drafts (it names each
 * submission, `<citizen>#<draft>`: a count started again would take the next complaint for one
 * filed before), the last submission (an old "submit" button still says it was filed), and
 * the language and whether it was chosen. Forgotten: the unfinished draft (words, place, time,
 * photos, contact, name), the open question, the matters told to file later, what was sent
 * before words, the photos by message and the last case's place — the citizen who comes back
 * starts afresh. The same state when there was nothing of that to forget.
 *
 * Null when `stored` is not a state this version reads (a newer version's schema): it is left
 * as it is rather than guessed at, as its count of drafts would be lost.
 */
export function forgetDraft(stored: unknown): DialogueState | null {
  const parsed = DialogueStateSchema.safeParse(stored);
  if (!parsed.success) return null;
  const state = parsed.data;
  return {
    ...createDialogueState(state.citizenRef, state.locale),
    version: state.version,
    localeChosen: state.localeChosen,
    draftCount: state.draftCount,
    lastSubmitted: state.lastSubmitted,
  };
}
