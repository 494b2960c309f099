/** Distances and boxes on the earth, for places within a city. */
import distance from "@turf/distance";
import type { GeoPoint } from "./places.ts";

/** Great-circle (haversine) distance in metres. */
export function metresBetween(a: GeoPoint, b: GeoPoint): number {
  return distance([a.longitude, a.latitude], [b.longitude, b.latitude], { units: "meters" });
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
