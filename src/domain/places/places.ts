/**
 * Where things are in the city: the seat (a point) and the area (a polygon) of
 * each region and each town, street office or township (乡镇/街道) of the
 * routing directory. Pure data, loaded with the directory (src/directory/load-places.ts).
 */
import type { MultiPolygon, Polygon } from "geojson";

export { REGION_SOURCES, type RegionSource } from "../vocabulary.ts";

/** WGS84 decimal degrees, as the channels deliver a shared location. */
export interface GeoPoint {
  readonly latitude: number;
  readonly longitude: number;
}

/** A GeoJSON polygon or multipolygon, coordinates `[longitude, latitude]`. */
export type Area = Polygon | MultiPolygon;

export interface RegionPlace {
  /** Region code of the directory. */
  readonly region: string;
  /** The seat of its government; for the map's centre and labels. */
  readonly seat: GeoPoint | null;
  /** Its territory; for the city-level region, the outline of the whole city. */
  readonly area: Area | null;
}

export interface TownPlace {
  readonly region: string;
  /** The town's official name, as in the directory's `towns` list. */
  readonly town: string;
  readonly seat: GeoPoint | null;
  readonly area: Area | null;
}

export interface Places {
  readonly regions: readonly RegionPlace[];
  readonly towns: readonly TownPlace[];
}
