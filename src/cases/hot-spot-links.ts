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
  FindingKind,
  HotSpotReport,
  Listed,
  RepeatComplaint,
  RepeatedPlace,
  RisingCategory,
  SpatialCluster,
} from "../domain/places/hot-spots.ts";

/** A finding with the console path of the map zoomed to it. */
export type OnMap<T> = T & { readonly mapPath: string };

/** Each kind's findings with their console paths. */
export interface LinkedFindings {
  readonly clusters: OnMap<SpatialCluster>;
  /**
   * `listPath`: the case list of the period and region searched for the place's name (a road or
   * landmark; null for a crossing, whose two names a search does not find together).
   */
  readonly repeatedPlaces: OnMap<RepeatedPlace & { readonly listPath: string | null }>;
  readonly repeatComplaints: OnMap<RepeatComplaint>;
  /** `listPath`: the case list of the category in the period. */
  readonly risingCategories: OnMap<RisingCategory & { readonly listPath: string }>;
}

/** The report (a page of each kind and its total) with the console paths of every finding. */
export type LinkedHotSpotReport = { readonly from: Date; readonly to: Date } & {
  readonly [K in FindingKind]: Listed<LinkedFindings[K]>;
};

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

type Period = { readonly from: Date; readonly to: Date };

/** How each kind's finding is linked, within the report's period. */
const linkers: {
  [K in FindingKind]: (
    finding: HotSpotReport[K]["items"][number],
    period: Period,
  ) => LinkedFindings[K];
} = {
  clusters: (c) => ({
    ...c,
    mapPath: mapPath({ category: c.category, from: c.from, to: c.to, bounds: c.bounds }),
  }),
  repeatedPlaces: (p, period) => ({
    ...p,
    mapPath: mapPath({ ...period, bounds: p.bounds }),
    listPath:
      p.place.kind === "crossing"
        ? null
        : `/console/cases?${query({ ...period, region: p.region, q: p.place.name })}`,
  }),
  repeatComplaints: (r) => ({ ...r, mapPath: mapPath({ bounds: r.bounds }) }),
  risingCategories: (r, period) => ({
    ...r,
    mapPath: mapPath({ ...period, category: r.category }),
    listPath: `/console/cases?${query({ ...period, category: r.category })}`,
  }),
};

/** A page of one kind's findings of `period` with their console paths. */
export function linkedFindings<K extends FindingKind>(
  kind: K,
  findings: HotSpotReport[K],
  period: Period,
): Listed<LinkedFindings[K]> {
  const link = linkers[kind] as (
    finding: HotSpotReport[K]["items"][number],
    period: Period,
  ) => LinkedFindings[K];
  return { ...findings, items: findings.items.map((finding) => link(finding, period)) };
}

/** The report with the console paths of every finding. */
export function withConsoleLinks(report: HotSpotReport): LinkedHotSpotReport {
  const period = { from: report.from, to: report.to };
  return {
    ...period,
    clusters: linkedFindings("clusters", report.clusters, period),
    repeatedPlaces: linkedFindings("repeatedPlaces", report.repeatedPlaces, period),
    repeatComplaints: linkedFindings("repeatComplaints", report.repeatComplaints, period),
    risingCategories: linkedFindings("risingCategories", report.risingCategories, period),
  };
}
