/**
 * Where a shared point lies, as staff read it on the cards and the case page: the region's
 * name and the town whose areas (the directory's places file) hold it.
 */
import type { Directory } from "../domain/directory.ts";
import { directoryLocator } from "../domain/places/locate.ts";
import type { GeoPoint } from "../domain/places/places.ts";

/** `town` null: the point is in the region but in no town's area. */
export type LocatedIn =
  | { readonly inCity: true; readonly regionName: string; readonly town: string | null }
  | { readonly inCity: false; readonly regionName: null; readonly town: null };

/**
 * Builds the reader once (it indexes the areas). The reader gives null for no point, and for
 * any point when the directory has no places file; it never throws.
 */
export function createLocatedIn(
  directory: Directory,
): (point: GeoPoint | null) => LocatedIn | null {
  const locator = directoryLocator(directory);
  return (point) => {
    if (point === null || locator === null) return null;
    const placed = locator.locate(point);
    if (!placed.inCity) return { inCity: false, regionName: null, town: null };
    const region = directory.regions.find((r) => r.code === placed.region);
    return { inCity: true, regionName: region?.name ?? placed.region, town: placed.town };
  };
}
