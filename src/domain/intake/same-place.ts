/**
 * The place of the case just filed, offered at the next draft's place question ("还是刚才那个
 * 地方"): matters told in one sitting — several in a message, another remembered while filing —
 * are often of one place, which the citizen would otherwise say or share again.
 */
import { inSitting, type DialogueState, type Draft, type LastPlace } from "./state.ts";
import type { Turn } from "./turn.ts";

// "同上", "还是那个地方", "一样的地方", "就刚才那个地方", "same place".
const SAME_PLACE_SAID =
  /^\s*(?:就|也|还)?(?:同上|(?:是|在)?(?:刚才|上面|前面)?(?:那个|一样的?|同一个|的)地方|(?:是|在)?(?:刚才|上面|前面)那个?(?:地方|地址|位置)?|一样(?:的)?|(?:the )?same(?: place| address| as before)?)(?:吧|呗|啊|呀|的)?[。.!！~～]*\s*$/iu;

/** Keeps where a filed draft is, when it says more than nothing. */
export function rememberPlace(s: DialogueState, draft: Draft, now: Date): void {
  const region = draft.region;
  const known = draft.address !== null || draft.location !== null || region?.code != null;
  s.lastPlace =
    region !== null && known
      ? {
          at: now.toISOString(),
          address: draft.address,
          location: draft.location,
          region,
          placePrecision: draft.placePrecision,
        }
      : null;
}

/** Forgets the place of a case filed too long ago to be this sitting's (at a draft's start). */
export function forgetOldPlace(s: DialogueState, now: Date): void {
  if (s.lastPlace !== null && !inSitting(s.lastPlace.at, now)) s.lastPlace = null;
}

/** True for words that say the place is the one before ("同上", "还是刚才那个地方"). */
export function saysSamePlace(text: string): boolean {
  return SAME_PLACE_SAID.test(text);
}

/** The draft takes the place of the case just filed, and goes on to what it still lacks. */
export function takeSamePlace(turn: Turn, draft: Draft, place: LastPlace): void {
  draft.address = place.address;
  draft.location = place.location;
  draft.region = { ...place.region };
  draft.placePrecision = place.placePrecision;
  draft.placeInDescription = false;
  // The place was asked in full for the case before: its road is not asked again.
  draft.streetAsked = true;
  draft.nearby = null;
  turn.advance();
}
