/**
 * A case's place outside the city in its two columns, and back: `outsideCity` says the matter
 * lies outside, `placeElsewhere` the place the words named (null for a point shared outside).
 * The columns are the fact the intake read, never words to parse again.
 */
import type { PlaceOutsideCity } from "../domain/places/elsewhere.ts";

export interface OutsideCityColumns {
  readonly outsideCity: boolean;
  readonly placeElsewhere: string | null;
}

/** The columns of `outside` (false and null when the matter is in the city). */
export function outsideCityColumns(
  outside: PlaceOutsideCity | null | undefined,
): OutsideCityColumns {
  return { outsideCity: outside != null, placeElsewhere: outside?.place ?? null };
}

/** The place outside the city a case's columns keep; null when in the city. */
export function outsideCityOf(row: OutsideCityColumns): PlaceOutsideCity | null {
  return row.outsideCity ? { place: row.placeElsewhere } : null;
}

/** The columns to select for `outsideCityOf`. */
export const OUTSIDE_CITY_SELECT = { outsideCity: true, placeElsewhere: true } as const;
