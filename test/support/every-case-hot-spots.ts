/**
 * The hot spots as the domain finds them among every case, none left out by a grouping: the
 * reference that the database's narrowed candidates (src/storage/queries/hot-spots.ts) must
 * give the same findings as (test/storage/queries/hot-spots.test.ts; bench/hot-spots.ts at a
 * city's volume).
 */
import { IGNORED_DUPLICATE_STATUSES } from "../../src/domain/lifecycle/possible-duplicates.ts";
import { placeKeyOf, type DuplicateScorer } from "../../src/domain/places/duplicates.ts";
import {
  FIRST_FINDINGS,
  hotSpotReport,
  likelyRepeats,
  listedOf,
  orderedPlaceGroups,
  placeGroupsOf,
  type CategoryCount,
  type FindingsPage,
  type HotSpotReport,
} from "../../src/domain/places/hot-spots.ts";
import type { Db } from "../../src/storage/database.ts";
import { duplicateFactsOf } from "../../src/storage/queries/duplicates.ts";
import { REPEAT_WINDOW_DAYS } from "../../src/storage/queries/hot-spots.ts";

const DAY_MS = 86_400_000;

/**
 * The domain's report over every live case of the period (located, naming a place) and of the
 * repeat window, each read whole through Prisma, none left out by a grouping, the repeats
 * scored now; of each kind the page `page`, sliced from all its findings.
 */
export async function everyCaseHotSpots(
  db: Db,
  scorer: DuplicateScorer,
  now: Date,
  days: number,
  page: FindingsPage = FIRST_FINDINGS,
): Promise<HotSpotReport> {
  const from = new Date(now.getTime() - days * DAY_MS);
  const live = { status: { notIn: [...IGNORED_DUPLICATE_STATUSES] } };
  const inPeriod = { ...live, submittedAt: { gte: from, lte: now } };
  const order = [{ submittedAt: "asc" as const }, { trackingNo: "asc" as const }];
  const [counted, cases, citizens] = await Promise.all([
    db.case.findMany({
      where: { ...live, submittedAt: { gte: new Date(from.getTime() - days * DAY_MS), lte: now } },
      select: { categoryCode: true, submittedAt: true },
      orderBy: order,
    }),
    db.case.findMany({ where: inPeriod, include: { placeKeys: true }, orderBy: order }),
    db.case.findMany({
      where: {
        ...live,
        submittedAt: {
          gte: new Date(now.getTime() - Math.max(days, REPEAT_WINDOW_DAYS) * DAY_MS),
          lte: now,
        },
      },
      orderBy: order,
    }),
  ]);
  const counts = new Map<string, CategoryCount & { first: number }>();
  for (const c of counted) {
    const count = counts.get(c.categoryCode) ?? {
      category: c.categoryCode,
      current: 0,
      previous: 0,
      first: Infinity,
    };
    const current = c.submittedAt >= from;
    counts.set(c.categoryCode, {
      ...count,
      current: count.current + (current ? 1 : 0),
      previous: count.previous + (current ? 0 : 1),
      first: current ? Math.min(count.first, c.submittedAt.getTime()) : count.first,
    });
  }
  // Scored now, not read from the pairs stored at filing: what those must agree with.
  const repeaters = citizens.map((c) => ({ id: c.trackingNo, facts: duplicateFactsOf(c) }));
  const asHotSpotCase = (c: (typeof cases)[number], withRegion: boolean) => ({
    id: c.trackingNo,
    category: c.categoryCode,
    region: withRegion ? c.regionCode : null,
    point:
      c.latitude !== null && c.longitude !== null
        ? { latitude: c.latitude, longitude: c.longitude }
        : null,
    placeKeys: withRegion
      ? c.placeKeys
          .map((k) => k.key)
          .sort()
          .map(placeKeyOf)
      : [],
    submittedAt: c.submittedAt,
  });
  return hotSpotReport(
    {
      from,
      to: now,
      categoryCounts: [...counts.values()]
        .sort((a, b) => a.first - b.first || (a.category < b.category ? -1 : 1))
        .map(({ category, current, previous }) => ({ category, current, previous })),
      located: cases.filter((c) => c.latitude !== null).map((c) => asHotSpotCase(c, false)),
      places: listedOf(
        orderedPlaceGroups(placeGroupsOf(cases.map((c) => asHotSpotCase(c, true)))),
        page,
      ),
      repeats: {
        cases: repeaters.map(({ id, facts }) => ({
          id,
          citizen: facts.citizen,
          submittedAt: facts.submittedAt,
          point: facts.point,
        })),
        links: likelyRepeats(repeaters, scorer),
      },
    },
    page,
  );
}
