/**
 * Point-in-region: which region and town of the directory a shared location
 * (GPS) lies in, from the areas of the places file.
 */
import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import type { BBox } from "geojson";
import { cityRegion, type Directory } from "../directory.ts";
import type { Area, GeoPoint, Places } from "./places.ts";

/** Where coordinates put a complaint. `source` says coordinates decided it (not text or a clerk). */
export type PointPlace =
  | {
      readonly source: "coordinates";
      readonly inCity: true;
      readonly region: string;
      /** Null when no town area holds the point (a town without an area in the file). */
      readonly town: string | null;
    }
  | {
      readonly source: "coordinates";
      readonly inCity: false;
      readonly region: null;
      readonly town: null;
    };

export interface PlaceLocator {
  /** Never throws; a point in no region's area (or not a valid position) is outside the city. */
  locate(point: GeoPoint): PointPlace;
}

interface Indexed<T> {
  readonly item: T;
  readonly area: Area;
  readonly bbox: BBox;
}

const OUTSIDE: PointPlace = { source: "coordinates", inCity: false, region: null, town: null };

/**
 * Builds a locator over the areas of `places`. The city-level region's area is
 * the outline only; a point is placed in the first other region (in directory
 * order) whose area holds it, borders included, so a point on a shared border
 * always gets the same one of the two.
 */
export function createPlaceLocator(places: Places, cityRegion: string): PlaceLocator {
  const regions = indexAreas(places.regions.filter((place) => place.region !== cityRegion));
  const towns = indexAreas(places.towns);

  return {
    locate(point) {
      if (!isPosition(point)) return OUTSIDE;
      const position = [point.longitude, point.latitude];
      const holds = ({ area, bbox }: Indexed<unknown>) =>
        inBox(bbox, point) && booleanPointInPolygon(position, area);
      const region = regions.find(holds)?.item.region;
      if (region === undefined) return OUTSIDE;
      const town = towns.find((entry) => entry.item.region === region && holds(entry));
      return { source: "coordinates", inCity: true, region, town: town?.item.town ?? null };
    },
  };
}

/** The locator over the directory's places; null when the directory names no places file. */
export function directoryLocator(directory: Directory): PlaceLocator | null {
  return directory.places ? createPlaceLocator(directory.places, cityRegion(directory).code) : null;
}

function indexAreas<T extends { readonly area: Area | null }>(items: readonly T[]): Indexed<T>[] {
  return items.flatMap((item) =>
    item.area ? [{ item, area: item.area, bbox: areaBox(item.area) }] : [],
  );
}

function areaBox(area: Area): BBox {
  const positions = area.type === "Polygon" ? area.coordinates.flat() : area.coordinates.flat(2);
  const lngs = positions.map((position) => position[0]!);
  const lats = positions.map((position) => position[1]!);
  return [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)];
}

function inBox([west, south, east, north]: BBox, point: GeoPoint): boolean {
  return (
    point.longitude >= west &&
    point.longitude <= east &&
    point.latitude >= south &&
    point.latitude <= north
  );
}

function isPosition(point: GeoPoint): boolean {
  return (
    Number.isFinite(point.latitude) &&
    Number.isFinite(point.longitude) &&
    Math.abs(point.latitude) <= 90 &&
    Math.abs(point.longitude) <= 180
  );
}
