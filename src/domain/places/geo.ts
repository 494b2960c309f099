/** Distances and boxes on the earth, for places within a city. */
import type { GeoPoint } from "./places.ts";

/** The earth's mean radius, as @turf/distance measures on it. */
const EARTH_RADIUS_METRES = 6_371_008.8;

function radiansOf(degrees: number): number {
  return ((degrees % 360) * Math.PI) / 180;
}

/**
 * Great-circle (haversine) distance in metres: @turf/distance's formula, step by step, so the
 * same number to the last bit. Written out because clustering a month's cases measures hundreds
 * of thousands of pairs, and turf's checks and copies of its arguments cost more than the sum.
 */
export function metresBetween(a: GeoPoint, b: GeoPoint): number {
  return metresBetweenDegrees(a.latitude, a.longitude, b.latitude, b.longitude);
}

/** metresBetween of two points given as numbers, for callers holding coordinates in columns. */
export function metresBetweenDegrees(
  latitudeA: number,
  longitudeA: number,
  latitudeB: number,
  longitudeB: number,
): number {
  const dLat = radiansOf(latitudeB - latitudeA);
  const dLon = radiansOf(longitudeB - longitudeA);
  const h =
    Math.pow(Math.sin(dLat / 2), 2) +
    Math.pow(Math.sin(dLon / 2), 2) *
      Math.cos(radiansOf(latitudeA)) *
      Math.cos(radiansOf(latitudeB));
  return 2 * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h)) * EARTH_RADIUS_METRES;
}

export interface LatLngBox {
  readonly minLatitude: number;
  readonly maxLatitude: number;
  readonly minLongitude: number;
  readonly maxLongitude: number;
}

const METRES_PER_DEGREE_LATITUDE = 111_320;

/**
 * The box of latitudes and longitudes within `metres` of `center`, to select
 * candidates with an indexed range query before measuring exact distances.
 * It holds every point within `metres` (the corners hold a little more).
 */
export function boxAround(center: GeoPoint, metres: number): LatLngBox {
  const dLat = metres / METRES_PER_DEGREE_LATITUDE;
  const dLng = metres / (METRES_PER_DEGREE_LATITUDE * Math.cos((center.latitude * Math.PI) / 180));
  return {
    minLatitude: center.latitude - dLat,
    maxLatitude: center.latitude + dLat,
    minLongitude: center.longitude - dLng,
    maxLongitude: center.longitude + dLng,
  };
}

/** The smallest box holding every point (a point's own box for one); null for none. */
export function boxOf(points: readonly GeoPoint[]): LatLngBox | null {
  if (points.length === 0) return null;
  const box = {
    minLatitude: Infinity,
    maxLatitude: -Infinity,
    minLongitude: Infinity,
    maxLongitude: -Infinity,
  };
  for (const { latitude, longitude } of points) {
    box.minLatitude = Math.min(box.minLatitude, latitude);
    box.maxLatitude = Math.max(box.maxLatitude, latitude);
    box.minLongitude = Math.min(box.minLongitude, longitude);
    box.maxLongitude = Math.max(box.maxLongitude, longitude);
  }
  return box;
}
