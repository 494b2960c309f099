/**
 * Where a shared point lies, as staff read it on the cards and the case page: the region's
 * name and the town whose areas (the directory's places file) hold it.
 */
import type { Directory } from "../domain/directory.ts";
import type { PlaceLocator } from "../domain/places/locate.ts";
import type { GeoPoint } from "../domain/places/places.ts";

/** `town` null: the point is in the region but in no town's area. */
export type LocatedIn =
  | { readonly inCity: true; readonly regionName: string; readonly town: string | null }
  | { readonly inCity: false; readonly regionName: null; readonly town: null };

/** Where a point lies, for staff; null for no point. */
export type LocatedInReader = (point: GeoPoint | null) => LocatedIn | null;

/**
 * The reader over `locator`, the directory's (null without a places file: the reader then
 * gives null for any point); it never throws.
 */
export function createLocatedIn(
  directory: Directory,
  locator: PlaceLocator | null,
): LocatedInReader {
  return (point) => {
    if (point === null || locator === null) return null;
    const placed = locator.locate(point);
    if (!placed.inCity) return { inCity: false, regionName: null, town: null };
    const region = directory.regions.find((r) => r.code === placed.region);
    return { inCity: true, regionName: region?.name ?? placed.region, town: placed.town };
  };
}
