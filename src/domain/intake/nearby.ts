/**
 * Nearby reports before filing (附议): what the engine asks the NearbyCases port, what it
 * keeps of an offered case, and how a typed answer picks one.
 */
import { toHalfWidth } from "../half-width.ts";
import { storedPlaceKeys } from "../places/duplicates.ts";
import { FALLBACK_CATEGORY } from "../routing.ts";
import type { PlaceReader } from "../places/place-text.ts";
import type { NearbyCase, NearbyQuestion } from "./ports.ts";
import type { Draft, NearbyOffer } from "./state.ts";

/** Place keys asked about per draft: a bounded query whatever the citizen wrote. */
const MAX_PLACE_KEYS = 5;

/**
 * The question for the draft's category and place; null when there is nothing to match:
 * no category yet, "other" (no kind of problem to be the same as), or neither a point nor
 * a named street, crossing or landmark (a district alone is too wide to be "nearby").
 */
export function nearbyQuestion(
  citizenRef: string,
  draft: Draft,
  reader: PlaceReader,
): NearbyQuestion | null {
  if (draft.category === null || draft.category === FALLBACK_CATEGORY) return null;
  const placeKeys = storedPlaceKeys(reader, draft.description ?? "", draft.address).slice(
    0,
    MAX_PLACE_KEYS,
  );
  if (draft.location === null && placeKeys.length === 0) return null;
  return {
    citizenRef,
    category: draft.category,
    point: draft.location,
    region: draft.region?.code ?? null,
    placeKeys,
  };
}

/** What the draft keeps of an offered case: its street or landmark words, not its address. */
export function offerOf(found: NearbyCase, reader: PlaceReader): NearbyOffer {
  return {
    trackingNo: found.trackingNo,
    category: found.category,
    place: found.address === null ? null : reader.readAddress(found.address).place,
    region: found.region,
    submittedAt: found.submittedAt.toISOString(),
    status: found.status,
    supporters: found.supporters,
  };
}

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3 };

/** "2", "２", "第二件", "No. 2" → 1 (0-based); null for anything else or out of range. */
export function offerIndex(text: string, count: number): number | null {
  const match = /^(?:第|no\.?\s*|#)?\s*([1-9]|[一二两三])\s*(?:件|个|号)?[。.!]*$/iu.exec(
    toHalfWidth(text).trim(),
  );
  if (!match) return null;
  const n = DIGITS[match[1]!] ?? Number(match[1]);
  return n >= 1 && n <= count ? n - 1 : null;
}
