/**
 * Derives the areas of a city's regions and towns from the seats of its towns,
 * for a city that has no official boundaries at hand: each town gets the part
 * of the city nearer to its seat than to any other (its Voronoi cell), a
 * region is the union of its towns' cells, and the city is the convex hull of
 * all seats widened by a margin. Good enough to tell which county a GPS point
 * lies in away from the borders; an operator with official boundaries puts
 * those in the places file instead (see src/directory/README.md).
 */
import { Delaunay } from "d3-delaunay";
import type { MultiPolygon, Position } from "geojson";
import { intersection, union, type Geom } from "polyclip-ts";
import type { GeoPoint, Places, TownPlace } from "../domain/places/places.ts";

export interface DeriveOptions {
  /** How far the city outline reaches beyond the outermost seats, in km. */
  readonly marginKm: number;
}

export const DEFAULT_DERIVE_OPTIONS: DeriveOptions = { marginKm: 6 };

/** Vertices of the circle drawn around each outer seat for the city outline. */
const CIRCLE_STEPS = 24;
/** Decimal places kept: 1e-5 degrees is about a metre. */
const DECIMALS = 5;

/**
 * Returns `places` with every area replaced by one derived from the town seats.
 * Regions without towns (the city level) get the whole city outline.
 * @throws Error when a town has no seat or two towns share one position.
 */
export function derivePlaceAreas(
  places: Places,
  options: DeriveOptions = DEFAULT_DERIVE_OPTIONS,
): Places {
  const sites = places.towns.map((town) => {
    if (!town.seat) throw new Error(`town ${town.region}/${town.town} has no seat`);
    return { town, seat: town.seat };
  });
  if (sites.length < 3) throw new Error("at least three town seats are needed");
  const projection = localProjection(sites.map((site) => site.seat));
  const points = sites.map((site) => projection.forward(site.seat));
  assertDistinct(points, sites);

  const outline = cityOutline(points, options.marginKm);
  const [minX, minY, maxX, maxY] = bounds(outline);
  const voronoi = Delaunay.from(points).voronoi([minX - 1, minY - 1, maxX + 1, maxY + 1]);
  const cells: Geom[] = sites.map((_, i) => {
    const cell = voronoi.cellPolygon(i) as [number, number][];
    return intersection([cell], [outline]);
  });

  const toArea = (geom: Geom): MultiPolygon => ({
    type: "MultiPolygon",
    coordinates: asMultiPolygon(geom).map((polygon) =>
      polygon.map((ring) => ring.map((xy) => projection.inverse(xy))),
    ),
  });
  const townAreas = new Map<TownPlace, MultiPolygon>(
    sites.map((site, i) => [site.town, toArea(cells[i]!)]),
  );
  const cityArea = toArea([outline]);
  return {
    regions: places.regions.map((region) => {
      const own = sites.flatMap((site, i) =>
        site.town.region === region.region ? [cells[i]!] : [],
      );
      const [first, ...rest] = own;
      return { ...region, area: first ? toArea(union(first, ...rest)) : cityArea };
    }),
    towns: places.towns.map((town) => ({ ...town, area: townAreas.get(town)! })),
  };
}

type XY = [number, number];

/** Equirectangular kilometres around the seats' mean latitude: Voronoi cells need equal units. */
function localProjection(seats: readonly GeoPoint[]) {
  const lat0 = seats.reduce((sum, seat) => sum + seat.latitude, 0) / seats.length;
  const kmPerDegreeLat = 110.574;
  const kmPerDegreeLng = 111.32 * Math.cos((lat0 * Math.PI) / 180);
  const round = (value: number) => Number(value.toFixed(DECIMALS));
  return {
    forward: (point: GeoPoint): XY => [
      point.longitude * kmPerDegreeLng,
      point.latitude * kmPerDegreeLat,
    ],
    inverse: ([x, y]: readonly number[]): Position => [
      round(x! / kmPerDegreeLng),
      round(y! / kmPerDegreeLat),
    ],
  };
}

function assertDistinct(points: readonly XY[], sites: readonly { town: TownPlace }[]): void {
  const seen = new Map<string, TownPlace>();
  points.forEach(([x, y], i) => {
    const key = `${x.toFixed(3)},${y.toFixed(3)}`;
    const other = seen.get(key);
    const town = sites[i]!.town;
    if (other) {
      throw new Error(
        `towns ${other.region}/${other.town} and ${town.region}/${town.town} share a seat`,
      );
    }
    seen.set(key, town);
  });
}

/** The convex hull of circles of `marginKm` around every seat, as a closed ring. */
function cityOutline(points: readonly XY[], marginKm: number): XY[] {
  const around: XY[] = points.flatMap(([x, y]) =>
    Array.from({ length: CIRCLE_STEPS }, (_, k): XY => {
      const angle = (2 * Math.PI * k) / CIRCLE_STEPS;
      return [x + marginKm * Math.cos(angle), y + marginKm * Math.sin(angle)];
    }),
  );
  return Delaunay.from(around).hullPolygon() as XY[]; // closed: it ends where it starts
}

function bounds(ring: readonly XY[]): [number, number, number, number] {
  const xs = ring.map(([x]) => x);
  const ys = ring.map(([, y]) => y);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function asMultiPolygon(geom: Geom): XY[][][] {
  // polyclip-ts returns a MultiPolygon from its operations; a single Polygon only as input.
  const first = geom[0]?.[0]?.[0];
  return (typeof first === "number" ? [geom] : geom) as XY[][][];
}
