/**
 * Where each hot-spot finding is seen in the console: the case map filtered to the
 * finding's category and days and zoomed to the box of its cases (`bounds=` south,
 * west, north, east, honoured by /console/map); for a rising category the case
 * list of its period, and for a road or landmark named again the case list searched
 * for its name (the report lists only a place's newest cases). The console page and the clerks' weekly digest link to these.
 */
import { localDateOf } from "../domain/calendar.ts";
import type { LatLngBox } from "../domain/places/geo.ts";
import type {
  HotSpotReport,
  RepeatComplaint,
  RepeatedPlace,
  RisingCategory,
  SpatialCluster,
} from "../domain/places/hot-spots.ts";

/** A finding with the console path of the map zoomed to it. */
export type OnMap<T> = T & { readonly mapPath: string };

export interface LinkedHotSpotReport {
  readonly from: Date;
  readonly to: Date;
  readonly clusters: readonly OnMap<SpatialCluster>[];
  /**
   * `listPath`: the case list of the period and region searched for the place's name (a road or
   * landmark; null for a crossing, whose two names a search does not find together).
   */
  readonly repeatedPlaces: readonly OnMap<RepeatedPlace & { readonly listPath: string | null }>[];
  readonly repeatComplaints: readonly OnMap<RepeatComplaint>[];
  /** `listPath`: the case list of the category in the period. */
  readonly risingCategories: readonly OnMap<RisingCategory & { readonly listPath: string }>[];
}

interface MapView {
  readonly category?: string;
  readonly region?: string | null;
  readonly q?: string;
  readonly from?: Date;
  readonly to?: Date;
  readonly bounds?: LatLngBox | null;
}

/** The console path of the case map showing `view`. */
export function mapPath(view: MapView): string {
  return `/console/map?${query(view)}`;
}

function query({ category, region, q, from, to, bounds }: MapView): string {
  const params = new URLSearchParams();
  if (from) params.set("from", localDateOf(from));
  if (to) params.set("to", localDateOf(to));
  if (category) params.set("category", category);
  if (region) params.set("region", region);
  if (q) params.set("q", q);
  if (bounds) {
    const { minLatitude, minLongitude, maxLatitude, maxLongitude } = bounds;
    params.set(
      "bounds",
      [minLatitude, minLongitude, maxLatitude, maxLongitude].map((n) => n.toFixed(5)).join(","),
    );
  }
  return params.toString();
}

/** The report with the map path of every finding. */
export function withConsoleLinks(report: HotSpotReport): LinkedHotSpotReport {
  const period = { from: report.from, to: report.to };
  return {
    from: report.from,
    to: report.to,
    clusters: report.clusters.map((c) => ({
      ...c,
      mapPath: mapPath({ category: c.category, from: c.from, to: c.to, bounds: c.bounds }),
    })),
    repeatedPlaces: report.repeatedPlaces.map((p) => ({
      ...p,
      mapPath: mapPath({ ...period, bounds: p.bounds }),
      listPath:
        p.place.kind === "crossing"
          ? null
          : `/console/cases?${query({ ...period, region: p.region, q: p.place.name })}`,
    })),
    repeatComplaints: report.repeatComplaints.map((r) => ({
      ...r,
      mapPath: mapPath({ bounds: r.bounds }),
    })),
    risingCategories: report.risingCategories.map((r) => ({
      ...r,
      mapPath: mapPath({ ...period, category: r.category }),
      listPath: `/console/cases?${query({ ...period, category: r.category })}`,
    })),
  };
}
