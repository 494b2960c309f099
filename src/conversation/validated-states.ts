import type { DialogueState } from "../domain/intake/state.ts";

/**
 * The dialogue states this process saved last, by chat and the row version they were saved
 * at, so the next turn of the chat need not validate again what it wrote (validating a
 * draft's state is a tenth of a turn's CPU). A version is written once per chat (optimistic
 * concurrency), so a state read at the version saved here is the one saved here; any other
 * version (another instance's turn) is validated as read.
 */
export interface ValidatedStates {
  /** The state saved at `version` in the chat; undefined when this process did not save it. */
  get(chatKey: string, version: number): DialogueState | undefined;
  /** Remembers the state saved (or validated) at `version`, forgetting the oldest chat past the limit. */
  set(chatKey: string, version: number, state: DialogueState): void;
}

/** At most `limit` chats (the most recently saved) are remembered. */
export function createValidatedStates(limit: number): ValidatedStates {
  const saved = new Map<string, { readonly version: number; readonly state: DialogueState }>();
  return {
    get(chatKey, version) {
      const entry = saved.get(chatKey);
      return entry?.version === version ? entry.state : undefined;
    },
    set(chatKey, version, state) {
      saved.delete(chatKey);
      saved.set(chatKey, { version, state });
      if (saved.size > limit) saved.delete(saved.keys().next().value!);
    },
  };
}
