/**
 * A location or photos sent before any words, outside a draft: kept, the citizen told so, and
 * taken by the draft their words start (draft-lifecycle.ts) — never asked for a second time.
 */
import { menuButtons } from "./prompts.ts";
import { MAX_PHOTOS, inSitting, type DialogueState, type SentBeforeWords } from "./state.ts";
import type { Turn } from "./turn.ts";

type Sent =
  { readonly location: NonNullable<SentBeforeWords["location"]> } | { readonly photo: string };

/** Keeps what was sent, says so, and asks again what was being asked (or shows the menu). */
export function keepBeforeWords(turn: Turn, sent: Sent): void {
  const kept = keptBeforeWords(turn.s, turn.now) ?? {
    at: turn.now.toISOString(),
    location: null,
    photos: [],
  };
  if ("location" in sent) kept.location = sent.location;
  else if (kept.photos.length < MAX_PHOTOS) kept.photos.push(sent.photo);
  turn.s.sentBeforeWords = kept;
  const what = "location" in sent ? "location" : "photo";
  const pending = turn.s.pending;
  if (pending === null) {
    turn.say({ text: turn.tr("keptBeforeWords", { what }), choices: menuButtons(turn.locale) });
    return;
  }
  const withOffer = pending.kind === "offer";
  turn.say({ text: turn.tr(withOffer ? "keptWithOfferedWords" : "keptBeforeWords", { what }) });
  turn.reask();
}

/** What was sent before the words, while it still waits for them; null once too old. */
export function keptBeforeWords(s: DialogueState, now: Date): SentBeforeWords | null {
  const kept = s.sentBeforeWords;
  return kept !== null && inSitting(kept.at, now) ? kept : null;
}
