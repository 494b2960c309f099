/**
 * Hot spots: the problems that keep coming back (源头治理, 每月一题). Pure
 * functions over the cases of a period, for the console page and the clerks'
 * weekly digest: clusters of one category in space and time, places named
 * again and again, citizens repeating one matter (重复信访), and categories
 * rising against the previous period. Each result lists its cases (a repeated place
 * its count and its newest LISTED_CASES).
 */
import {
  DEFAULT_DUPLICATE_SETTINGS,
  type DuplicateFacts,
  type DuplicateScorer,
  type PreparedCase,
} from "./duplicates.ts";
import { boxOf, metresBetween, metresBetweenDegrees, type LatLngBox } from "./geo.ts";
import type { PlaceKey } from "./place-text.ts";
import type { GeoPoint } from "./places.ts";
import { DAY_MS } from "../shanghai-time.ts";

/** What hot-spot detection reads of a case. */
export interface HotSpotCase {
  /** The case's id or tracking number; results list these. */
  readonly id: string;
  readonly category: string;
  readonly region: string | null;
  readonly point: GeoPoint | null;
  /** From the place reader (place-text.ts): crossings, landmarks, roads named. */
  readonly placeKeys: readonly PlaceKey[];
  readonly submittedAt: Date;
}

export interface ClusterSettings {
  readonly radiusMetres: number;
  readonly windowDays: number;
  /** Cases of one category within the radius and window that make a hot spot. */
  readonly minCases: number;
}

export const DEFAULT_CLUSTER_SETTINGS: ClusterSettings = {
  radiusMetres: 500,
  windowDays: 30,
  minCases: 3,
};

export interface SpatialCluster {
  readonly category: string;
  /** Oldest first. */
  readonly caseIds: readonly string[];
  /** The mean position, to zoom the map to. */
  readonly center: GeoPoint;
  /** The farthest case from the centre, in metres. */
  readonly radiusMetres: number;
  /** The box of its cases, to zoom the map to. */
  readonly bounds: LatLngBox;
  readonly from: Date;
  readonly to: Date;
}

/** A degree of latitude on the sphere of the haversine distance (radius 6,371.0088 km). */
const METRES_PER_DEGREE = 111_195;

/**
 * Located cases as columns, the i-th of each one case's: what the clustering reads, handed over
 * without an object per case (a month at 1M cases locates about 15,000, read from the database
 * as columns).
 */
export interface LocatedCases {
  readonly ids: readonly string[];
  readonly categories: readonly string[];
  readonly latitudes: ArrayLike<number>;
  readonly longitudes: ArrayLike<number>;
  /** submittedAt, in milliseconds since the epoch. */
  readonly times: ArrayLike<number>;
}

/**
 * Density clusters (DBSCAN) of cases with coordinates, per category: a case with at
 * least `minCases - 1` others of its category within `radiusMetres` and `windowDays`
 * starts or extends a cluster; its neighbours join it. Written here rather than
 * taken from a package: the neighbourhood is in space and time at once, and the
 * packages at hand (density-clustering) compare every pair with a planar distance.
 * Cases are bucketed in a grid of `radiusMetres` cells, so a neighbourhood looks
 * at nine cells, not at every case.
 */
export function findClusters(
  cases: readonly HotSpotCase[],
  settings: ClusterSettings = DEFAULT_CLUSTER_SETTINGS,
): SpatialCluster[] {
  return clustersIn(locatedColumnsOf(cases), EVERY_FINDING, settings).items.slice();
}

/** The cases of `cases` with coordinates as columns, in their order (what clustersIn reads). */
export function locatedColumnsOf(cases: readonly HotSpotCase[]): LocatedCases {
  const own = located(cases);
  return {
    ids: own.map((c) => c.id),
    categories: own.map((c) => c.category),
    latitudes: own.map((c) => c.point.latitude),
    longitudes: own.map((c) => c.point.longitude),
    times: own.map((c) => c.submittedAt.getTime()),
  };
}

/**
 * The page `page` of findClusters' clusters among `cases` (the order given decides, as there,
 * which of two clusters a case between them joins), with their number: every cluster is found
 * and ordered, only the page's are described (their cases sorted, centre, radius and box).
 */
export function clustersIn(
  cases: LocatedCases,
  page: FindingsPage,
  settings: ClusterSettings = DEFAULT_CLUSTER_SETTINGS,
): Listed<SpatialCluster> {
  const { ids, times } = cases;
  const byCategory = groupBy(
    Array.from({ length: ids.length }, (_, i) => i),
    (i) => cases.categories[i]!,
  );
  const found: { readonly category: string; readonly members: number[]; readonly first: number }[] =
    [];
  for (const [category, group] of byCategory) {
    for (const members of dbscan(cases, group, settings)) {
      found.push({ category, members, first: members.reduce((a, b) => earlierOf(cases, a, b)) });
    }
  }
  found.sort(
    (a, b) =>
      b.members.length - a.members.length ||
      times[a.first]! - times[b.first]! ||
      (ids[a.first]! < ids[b.first]! ? -1 : 1),
  );
  return {
    total: found.length,
    offset: page.offset,
    items: found
      .slice(page.offset, page.offset + page.limit)
      .map(({ category, members }) => describeCluster(cases, category, members)),
  };
}

/** Of two cases (indexes), the one filed first; of two filed at once, the lower id. */
function earlierOf(
  cases: { readonly ids: readonly string[]; readonly times: ArrayLike<number> },
  a: number,
  b: number,
): number {
  const { ids, times } = cases;
  return times[a]! < times[b]! || (times[a] === times[b] && ids[a]! < ids[b]!) ? a : b;
}

type Located = HotSpotCase & { readonly point: GeoPoint };

function located(cases: readonly HotSpotCase[]): Located[] {
  return cases.filter((c): c is Located => c.point !== null);
}

/** The clusters among `group` (indexes of `cases` of one category), each its cases' indexes. */
function dbscan(
  cases: LocatedCases,
  group: readonly number[],
  settings: ClusterSettings,
): number[][] {
  const window = settings.windowDays * DAY_MS;
  // The group's columns copied side by side: the neighbourhoods read them hundreds of thousands
  // of times.
  const latitudes = Float64Array.from(group, (i) => cases.latitudes[i]!);
  const longitudes = Float64Array.from(group, (i) => cases.longitudes[i]!);
  const times = Float64Array.from(group, (i) => cases.times[i]!);
  const grid = new Grid(latitudes, longitudes, settings.radiusMetres);
  // Cases by their index in `group`, neighbours in the grid's order: the order a border case
  // between two clusters is met in decides which one it joins.
  const neighbours = (i: number): number[] => {
    const [latitude, longitude, time] = [latitudes[i]!, longitudes[i]!, times[i]!];
    const found: number[] = [];
    grid.forEachNear(latitude, longitude, (j) => {
      if (
        Math.abs(times[j]! - time) <= window &&
        metresBetweenDegrees(latitude, longitude, latitudes[j]!, longitudes[j]!) <=
          settings.radiusMetres
      )
        found.push(j);
    });
    return found;
  };
  const clusterOf = new Int32Array(group.length).fill(-1);
  const clusters: number[][] = [];
  for (let seed = 0; seed < group.length; seed++) {
    if (clusterOf[seed]! >= 0) continue;
    const around = neighbours(seed);
    if (around.length < settings.minCases) continue;
    const cluster: number[] = [];
    const index = clusters.push(cluster) - 1;
    const queue = [seed];
    while (queue.length > 0) {
      const current = queue.pop()!;
      if (clusterOf[current]! >= 0) continue;
      clusterOf[current] = index;
      cluster.push(group[current]!);
      // The seed is taken first and once: its neighbours are those just found.
      const reach = current === seed ? around : neighbours(current);
      // Only a core case (dense around it) spreads the cluster; a border case just joins.
      if (reach.length < settings.minCases) continue;
      for (const other of reach) if (clusterOf[other]! < 0) queue.push(other);
    }
  }
  return clusters;
}

/**
 * The cell sizes of the grid that buckets cases for `findClusters`: two cases within `metres` of each
 * other always lie in the same or adjacent cells, for latitudes up to
 * `maxAbsLatitude`. Cells are a little larger than `metres` so that this holds
 * for the haversine distance (a degree of latitude is 111.195 km on its sphere).
 */
function clusterCells(
  metres: number,
  maxAbsLatitude: number,
): { readonly latitude: number; readonly longitude: number } {
  const widest = Math.min(maxAbsLatitude + 0.1, 89);
  return {
    latitude: metres / METRES_PER_DEGREE,
    longitude: metres / (METRES_PER_DEGREE * Math.cos((widest * Math.PI) / 180)),
  };
}

/** The indexes of points (latitudes[i], longitudes[i]) in cells of a grid, by row, then column. */
class Grid {
  private readonly rows = new Map<number, Map<number, number[]>>();
  private readonly size: { readonly latitude: number; readonly longitude: number };

  constructor(latitudes: Float64Array, longitudes: Float64Array, metres: number) {
    const maxAbsLat = latitudes.reduce((max, latitude) => Math.max(max, Math.abs(latitude)), 0);
    this.size = clusterCells(metres, maxAbsLat);
    for (let index = 0; index < latitudes.length; index++) {
      const [row, column] = [this.row(latitudes[index]!), this.column(longitudes[index]!)];
      const columns = this.rows.get(row) ?? new Map<number, number[]>();
      this.rows.set(row, columns);
      const cell = columns.get(column);
      if (cell) cell.push(index);
      else columns.set(column, [index]);
    }
  }

  /**
   * Each item of the point's cell and the eight around it (the point itself included), cell by
   * cell (row, then column), each cell's in the order given.
   */
  forEachNear(latitude: number, longitude: number, visit: (index: number) => void): void {
    const [row, column] = [this.row(latitude), this.column(longitude)];
    for (let dr = -1; dr <= 1; dr++) {
      const columns = this.rows.get(row + dr);
      if (!columns) continue;
      for (let dc = -1; dc <= 1; dc++) columns.get(column + dc)?.forEach(visit);
    }
  }

  private row(latitude: number): number {
    return Math.floor(latitude / this.size.latitude);
  }

  private column(longitude: number): number {
    return Math.floor(longitude / this.size.longitude);
  }
}

function describeCluster(
  cases: LocatedCases,
  category: string,
  members: readonly number[],
): SpatialCluster {
  const { ids, times, latitudes, longitudes } = cases;
  const sorted = [...members].sort((a, b) => times[a]! - times[b]! || (ids[a]! < ids[b]! ? -1 : 1));
  // Summed in the cases' order, not the order the clustering met them: that order follows the
  // grid, whose cells depend on the other cases handed over, and a sum's last digit on its order.
  const center = {
    latitude: mean(sorted.map((i) => latitudes[i]!)),
    longitude: mean(sorted.map((i) => longitudes[i]!)),
  };
  const points = members.map((i) => ({ latitude: latitudes[i]!, longitude: longitudes[i]! }));
  return {
    category,
    caseIds: sorted.map((i) => ids[i]!),
    center,
    radiusMetres: Math.round(
      points.reduce((max, point) => Math.max(max, metresBetween(center, point)), 0),
    ),
    bounds: boxOf(points)!,
    from: new Date(times[sorted[0]!]!),
    to: new Date(times[sorted.at(-1)!]!),
  };
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * How many of a repeated place's cases the report lists: the newest. A place named by thousands
 * of cases is one finding a clerk reads, not thousands of tracking numbers; its count is the
 * true one, and the map link shows them all.
 */
export const LISTED_CASES = 20;

export interface RepeatedPlace {
  readonly region: string | null;
  /** The crossing, landmark or road named. */
  readonly place: PlaceKey;
  /** How many cases name it. */
  readonly caseCount: number;
  /** The newest LISTED_CASES of those cases (by submittedAt, then tracking number), newest first. */
  readonly caseIds: readonly string[];
  /** The categories of those cases, most frequent first. */
  readonly categories: readonly string[];
  /** The box of those of its cases with coordinates; null when none has. */
  readonly bounds: LatLngBox | null;
}

/**
 * The cases of a period naming one place in one region (the same name in two regions is two
 * places), counted: what storage aggregates of them, so that the report handles places, not
 * the cases naming them.
 */
export interface PlaceGroup {
  readonly region: string | null;
  /** Its kind and name; a party is no place. */
  readonly place: PlaceKey;
  readonly caseCount: number;
  /** The submittedAt of its oldest case, to order places named by as many cases. */
  readonly firstAt: Date;
  /** Its cases per category. */
  readonly categories: readonly { readonly category: string; readonly cases: number }[];
  /** The box of those of its cases with coordinates; null when none has. */
  readonly bounds: LatLngBox | null;
  /** At least its newest LISTED_CASES cases' ids, newest first (submittedAt, then id, descending). */
  readonly newest: readonly string[];
}

/**
 * The places the cases name (crossings, landmarks, roads; a case naming a place twice counts
 * once), each with its count, categories, box and newest cases: what a database groups itself.
 */
export function placeGroupsOf(cases: readonly HotSpotCase[]): PlaceGroup[] {
  const groups = new Map<
    string,
    { region: string | null; place: PlaceKey; cases: HotSpotCase[] }
  >();
  for (const c of cases) {
    const named = new Set<string>();
    for (const key of c.placeKeys) {
      if (key.kind === "party") continue;
      const id = `${c.region ?? ""}|${key.kind}|${key.name}`;
      if (named.has(id)) continue;
      named.add(id);
      const group = groups.get(id) ?? {
        region: c.region,
        place: { ...key, detail: null },
        cases: [],
      };
      group.cases.push(c);
      groups.set(id, group);
    }
  }
  return [...groups.values()].map(({ region, place, cases: own }) => {
    const newestFirst = [...own].sort(
      (a, b) => b.submittedAt.getTime() - a.submittedAt.getTime() || (a.id < b.id ? 1 : -1),
    );
    const counts = new Map<string, number>();
    for (const c of own) counts.set(c.category, (counts.get(c.category) ?? 0) + 1);
    return {
      region,
      place,
      caseCount: own.length,
      firstAt: newestFirst.at(-1)!.submittedAt,
      categories: [...counts].map(([category, n]) => ({ category, cases: n })),
      bounds: boxOf(located(own).map((c) => c.point)),
      newest: newestFirst.map((c) => c.id),
    };
  });
}

/**
 * The places named by at least `minCases` of their groups (placeGroupsOf, or a database's),
 * in the report's order: the most named first, then the one named first, then by region (none
 * first) and key (kind, then name), each compared by UTF-16 code units, as a database orders
 * them byte by byte (PostgreSQL's "C" collation, SQLite's default). Parties are no places.
 */
export function orderedPlaceGroups(
  groups: readonly PlaceGroup[],
  minCases = DEFAULT_CLUSTER_SETTINGS.minCases,
): PlaceGroup[] {
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return groups
    .filter((g) => g.caseCount >= minCases && g.place.kind !== "party")
    .sort(
      (a, b) =>
        b.caseCount - a.caseCount ||
        a.firstAt.getTime() - b.firstAt.getTime() ||
        compare(a.region ?? "", b.region ?? "") ||
        compare(a.place.kind, b.place.kind) ||
        compare(a.place.name, b.place.name),
    );
}

/**
 * A place named again as the report lists it: its newest LISTED_CASES cases and its categories,
 * most frequent first. Roads count separately from the crossings on them.
 */
export function repeatedPlaceOf(group: PlaceGroup): RepeatedPlace {
  return {
    region: group.region,
    place: group.place,
    caseCount: group.caseCount,
    caseIds: group.newest.slice(0, LISTED_CASES),
    categories: [...group.categories]
      .sort((a, b) => b.cases - a.cases || (a.category < b.category ? -1 : 1))
      .map((c) => c.category),
    bounds: group.bounds,
  };
}

/**
 * Streets, crossings and landmarks named by at least `minCases` cases (whatever
 * their category: a crossing with a missing cover, a dark lamp and a flooded
 * drain is one place to look at), in orderedPlaceGroups' order.
 */
export function findRepeatedPlaces(
  cases: readonly HotSpotCase[],
  minCases = DEFAULT_CLUSTER_SETTINGS.minCases,
): RepeatedPlace[] {
  return orderedPlaceGroups(placeGroupsOf(cases), minCases).map(repeatedPlaceOf);
}

export interface RepeatComplaint {
  readonly citizen: string;
  /** The cases one citizen filed on one matter, oldest first. */
  readonly caseIds: readonly string[];
  /** The box of those of its cases with coordinates; null when none has. */
  readonly bounds: LatLngBox | null;
}

/** A later case of one citizen that the duplicate scorer finds likely repeats an earlier one. */
export interface RepeatLink {
  readonly earlier: string;
  readonly later: string;
}

/**
 * The pairs of one citizen's cases (`id` names each) that the duplicate scorer calls likely
 * one matter, the earlier first (by submittedAt, then the order given); with `involving`, only
 * the pairs that case is in. Only cases within the scorer's citizen window of each other are
 * paired (a citizen may have thousands of cases). A case is prepared for the scorer (its text
 * read, the costly part) only when a pair it is in cannot be told apart by its columns.
 */
export function likelyRepeats(
  cases: readonly { readonly id: string; readonly facts: DuplicateFacts }[],
  scorer: DuplicateScorer,
  involving?: string,
): RepeatLink[] {
  const window = DEFAULT_DUPLICATE_SETTINGS.citizenWindowDays * DAY_MS;
  const links: RepeatLink[] = [];
  for (const own of groupBy(cases, (c) => c.facts.citizen).values()) {
    const sorted = [...own].sort(
      (a, b) => a.facts.submittedAt.getTime() - b.facts.submittedAt.getTime(),
    );
    const prepared = new Map<number, PreparedCase>();
    const prepare = (i: number): PreparedCase => {
      const made = prepared.get(i) ?? scorer.prepare(sorted[i]!.facts);
      prepared.set(i, made);
      return made;
    };
    const apart = (earlier: number, later: number) =>
      sorted[later]!.facts.submittedAt.getTime() - sorted[earlier]!.facts.submittedAt.getTime() >
      window;
    const pair = (earlier: number, later: number) => {
      const [a, b] = [sorted[earlier]!, sorted[later]!];
      if (scorer.cannotBeLikely(a.facts, b.facts)) return;
      if (scorer.compare(prepare(earlier), prepare(later)).verdict === "likely") {
        links.push({ earlier: a.id, later: b.id });
      }
    };
    if (involving !== undefined) {
      const k = sorted.findIndex((c) => c.id === involving);
      if (k < 0) continue;
      for (let earlier = k - 1; earlier >= 0 && !apart(earlier, k); earlier--) pair(earlier, k);
      for (let later = k + 1; later < sorted.length && !apart(k, later); later++) pair(k, later);
      continue;
    }
    for (let later = 1; later < sorted.length; later++) {
      for (let earlier = later - 1; earlier >= 0 && !apart(earlier, later); earlier--) {
        pair(earlier, later);
      }
    }
  }
  return links;
}

/** What grouping a citizen's repeats reads of a case. */
export interface RepeatCase {
  readonly id: string;
  readonly citizen: string;
  readonly submittedAt: Date;
  readonly point: GeoPoint | null;
}

/**
 * Citizens who filed one matter again and again (重复信访): the cases joined by `links`
 * (likelyRepeats, or the pairs stored when the cases were filed; those naming a case not in
 * `cases` are left out), groups of at least `minCases`, the largest first (then the earliest).
 */
export function repeatComplaintsOf(
  cases: readonly RepeatCase[],
  links: readonly RepeatLink[],
  minCases = 2,
): RepeatComplaint[] {
  return repeatComplaintsIn(repeatPairsOf(cases, links), EVERY_FINDING, minCases).items.slice();
}

/**
 * `cases` as columns, in their order, and the `links` between two of them as their indexes
 * (what repeatComplaintsIn reads); a link to a case not among them is left out.
 */
export function repeatPairsOf(
  cases: readonly RepeatCase[],
  links: readonly RepeatLink[],
): RepeatPairs {
  const index = new Map(cases.map((c, i) => [c.id, i]));
  const known = links.filter((link) => index.has(link.earlier) && index.has(link.later));
  return {
    ids: cases.map((c) => c.id),
    citizens: cases.map((c) => c.citizen),
    times: cases.map((c) => c.submittedAt.getTime()),
    latitudes: cases.map((c) => c.point?.latitude ?? NaN),
    longitudes: cases.map((c) => c.point?.longitude ?? NaN),
    earlier: known.map((link) => index.get(link.earlier)!),
    later: known.map((link) => index.get(link.later)!),
  };
}

/**
 * Cases as columns, the i-th of each one case's, and the likely repeats among them as indexes:
 * what grouping a citizen's repeats reads, handed over without an object per case or pair (90
 * days at 1M cases hold about 11,000 pairs of 21,000 cases).
 */
export interface RepeatPairs {
  readonly ids: readonly string[];
  readonly citizens: readonly string[];
  /** submittedAt, in milliseconds since the epoch. */
  readonly times: ArrayLike<number>;
  /** NaN for a case without coordinates. */
  readonly latitudes: ArrayLike<number>;
  readonly longitudes: ArrayLike<number>;
  /** The k-th pair's earlier case is `earlier[k]`, its later one `later[k]`. */
  readonly earlier: ArrayLike<number>;
  readonly later: ArrayLike<number>;
}

/**
 * The page `page` of repeatComplaintsOf's groups among `pairs`, with their number: every group
 * is found (a union-find over the cases' indexes), counted and ordered by its size and first
 * case; only the page's groups list their cases (oldest first, then by id) and box.
 */
export function repeatComplaintsIn(
  pairs: RepeatPairs,
  page: FindingsPage,
  minCases = 2,
): Listed<RepeatComplaint> {
  const { ids, times } = pairs;
  const parent = Int32Array.from({ length: ids.length }, (_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let k = 0; k < pairs.earlier.length; k++) {
    parent[root(pairs.later[k]!)] = root(pairs.earlier[k]!);
  }
  const sizes = new Int32Array(ids.length);
  const firsts = new Int32Array(ids.length).fill(-1);
  for (let i = 0; i < ids.length; i++) {
    const r = root(i);
    sizes[r]!++;
    firsts[r] = firsts[r]! < 0 ? i : earlierOf(pairs, firsts[r]!, i);
  }
  const groups: number[] = [];
  for (let r = 0; r < ids.length; r++) if (parent[r] === r && sizes[r]! >= minCases) groups.push(r);
  // Ties in the order of their first cases, whatever other cases were handed over.
  groups.sort(
    (a, b) =>
      sizes[b]! - sizes[a]! ||
      times[firsts[a]!]! - times[firsts[b]!]! ||
      (ids[firsts[a]!]! < ids[firsts[b]!]! ? -1 : 1),
  );
  const listed = groups.slice(page.offset, page.offset + page.limit);
  const members = new Map<number, number[]>(listed.map((r) => [r, []]));
  for (let i = 0; i < ids.length; i++) members.get(root(i))?.push(i);
  return {
    total: groups.length,
    offset: page.offset,
    items: listed.map((r) => {
      const own = members.get(r)!.sort((a, b) => (earlierOf(pairs, a, b) === a ? -1 : 1));
      const points = own
        .filter((i) => !Number.isNaN(pairs.latitudes[i]!) && !Number.isNaN(pairs.longitudes[i]!))
        .map((i) => ({ latitude: pairs.latitudes[i]!, longitude: pairs.longitudes[i]! }));
      return {
        citizen: pairs.citizens[own[0]!]!,
        caseIds: own.map((i) => ids[i]!),
        bounds: boxOf(points),
      };
    }),
  };
}

/**
 * Citizens who filed one matter again and again (重复信访) among `cases`, scored now: the
 * citizen's cases linked when the duplicate scorer finds a later one likely repeats an earlier
 * one (likelyRepeats); groups of at least `minCases`, the largest first (then the earliest).
 */
export function findRepeatComplaints(
  cases: readonly { readonly id: string; readonly facts: DuplicateFacts }[],
  scorer: DuplicateScorer,
  minCases = 2,
): RepeatComplaint[] {
  return repeatComplaintsOf(
    cases.map(({ id, facts }) => ({
      id,
      citizen: facts.citizen,
      submittedAt: facts.submittedAt,
      point: facts.point,
    })),
    likelyRepeats(cases, scorer),
    minCases,
  );
}

export interface RisingSettings {
  /** Fewer cases than this in the period is noise, whatever the ratio. */
  readonly minCount: number;
  /** At least this many times the previous period's count. */
  readonly minRatio: number;
  /** And at least this many more cases than before. */
  readonly minIncrease: number;
}

export const DEFAULT_RISING_SETTINGS: RisingSettings = {
  minCount: 5,
  minRatio: 1.5,
  minIncrease: 3,
};

export interface RisingCategory {
  readonly category: string;
  readonly current: number;
  readonly previous: number;
  /** current / previous; null when there were none before. */
  readonly ratio: number | null;
}

/** How many cases of a category the period and the period before it had. */
export interface CategoryCount {
  readonly category: string;
  readonly current: number;
  readonly previous: number;
}

/** Categories whose count rose against the previous period of the same length, steepest first. */
export function findRisingCategories(
  counts: readonly CategoryCount[],
  settings: RisingSettings = DEFAULT_RISING_SETTINGS,
): RisingCategory[] {
  const rising: RisingCategory[] = [];
  for (const { category, current: n, previous: m } of counts) {
    if (n < settings.minCount || n - m < settings.minIncrease || n < m * settings.minRatio)
      continue;
    rising.push({
      category,
      current: n,
      previous: m,
      ratio: m === 0 ? null : Math.round((n / m) * 100) / 100,
    });
  }
  return rising.sort(
    (a, b) => (b.ratio ?? Infinity) - (a.ratio ?? Infinity) || b.current - a.current,
  );
}

/** Map.groupBy, which Node 20 lacks. */
function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * How many findings of each kind a report lists unless asked for another page: the largest
 * (or steepest) first. A month of a city's cases finds thousands of repeated places and
 * repeating citizens; a clerk reads the first, and pages on for the rest.
 */
export const LISTED_FINDINGS = 50;

/** The `limit` findings of a kind from `offset` (0 the first), in the kind's order. */
export interface FindingsPage {
  readonly offset: number;
  readonly limit: number;
}

export const FIRST_FINDINGS: FindingsPage = { offset: 0, limit: LISTED_FINDINGS };

/** Every finding of a kind, as one page. */
const EVERY_FINDING: FindingsPage = { offset: 0, limit: Infinity };

/** A page of a kind's findings with how many there are in all: no finding left out unsaid. */
export interface Listed<T> {
  readonly total: number;
  readonly offset: number;
  readonly items: readonly T[];
}

/** The page `page` of `all`, with their number. */
export function listedOf<T>(all: readonly T[], page: FindingsPage): Listed<T> {
  return {
    total: all.length,
    offset: page.offset,
    items: all.slice(page.offset, page.offset + page.limit),
  };
}

/** The kinds of finding, as the report names its lists. */
export const FINDING_KINDS = [
  "clusters",
  "repeatedPlaces",
  "repeatComplaints",
  "risingCategories",
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface HotSpotReport {
  readonly from: Date;
  readonly to: Date;
  /** The largest first (then the earliest). */
  readonly clusters: Listed<SpatialCluster>;
  /** The most named first (orderedPlaceGroups). */
  readonly repeatedPlaces: Listed<RepeatedPlace>;
  /** The most cases first (then the earliest). */
  readonly repeatComplaints: Listed<RepeatComplaint>;
  /** The steepest first. */
  readonly risingCategories: Listed<RisingCategory>;
}

/**
 * What each finding is looked for among, as storage selects it. Each list must hold
 * every case that can belong to a finding of its kind; more only costs time. So a
 * city's database narrows them (the period's located cases and those naming a place, the
 * pairs of repeats stored when they were filed, counts per day and category) and the
 * findings stay the same.
 */
export interface HotSpotCandidates {
  /** Cases of the period with coordinates: at least those with dense surroundings. */
  readonly located: readonly HotSpotCase[];
  /**
   * A page of the places the period's cases name again (orderedPlaceGroups of placeGroupsOf,
   * each counted over all its cases), with their number: what a database groups, orders, counts
   * and pages itself.
   */
  readonly places: Listed<PlaceGroup>;
  /**
   * Cases of the repeat window (the period and the weeks before it), at least those in a pair of
   * `links` within it, and the likely repeats among them (likelyRepeats).
   */
  readonly repeats: {
    readonly cases: readonly RepeatCase[];
    readonly links: readonly RepeatLink[];
  };
  /** Every category with cases in the period, against the period of the same length before. */
  readonly categoryCounts: readonly CategoryCount[];
}

/**
 * The hot spots of the period [from, to]: clusters and places named again among
 * its cases, citizens repeating a matter among the repeat window (a repeat may
 * follow months later), and categories rising against the period before; of each kind the
 * page `page` (the places: the page the candidates hold) and their number. Every
 * list names tracking numbers; a repeated place its newest LISTED_CASES and its count.
 */
export function hotSpotReport(
  input: HotSpotCandidates & { readonly from: Date; readonly to: Date },
  page: FindingsPage = FIRST_FINDINGS,
): HotSpotReport {
  return {
    from: input.from,
    to: input.to,
    clusters: clustersIn(locatedColumnsOf(input.located), page),
    repeatedPlaces: repeatedPlacesOf(input.places),
    repeatComplaints: repeatComplaintsIn(
      repeatPairsOf(input.repeats.cases, input.repeats.links),
      page,
    ),
    risingCategories: listedOf(findRisingCategories(input.categoryCounts), page),
  };
}

/** The repeated places of a page of place groups (orderedPlaceGroups'), with their number. */
export function repeatedPlacesOf(places: Listed<PlaceGroup>): Listed<RepeatedPlace> {
  return { ...places, items: places.items.map(repeatedPlaceOf) };
}
