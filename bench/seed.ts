/**
 * Writes a city's volume of realistic cases fast, straight through the
 * drivers (better-sqlite3 in large transactions; pg through COPY), with the
 * secondary indexes built once after the load (but those the deadline round writes, grown row by
 * row as a service grows them): citizens and their identities, cases filed at a big city's
 * daily rate up to now (a million: the last two years) in every status with their deadline
 * columns, timelines, routing suggestions, ratings, attachments, search terms, the likely
 * repeats (CaseRepeat, decided by the duplicate scorer as the submitter decides them) and the
 * tracking counters.
 * Deadlines, routing, alert times and search terms come from the product's
 * own functions, so the rows are what the service itself would have written.
 * A seed of fewer cases than a case's whole life holds at that rate (LIFE_DAYS) is a sample of
 * those days instead (sampledLives): a demonstration's few cases are in every stage.
 *
 *   npm run seed -- <cases> [DATABASE_URL…]   (default: the service's DATABASE_URL; several
 *                                              URLs: the same cases into each)
 *
 * The database must be migrated and hold no cases.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { loadCalendar } from "../src/calendar/load-calendar.ts";
import {
  addDays,
  localDateOf,
  startOfLocalDay,
  type WorkingCalendar,
} from "../src/domain/calendar.ts";
import type { CaseStatus } from "../src/domain/lifecycle/case-status.ts";
import {
  acceptanceDeadline,
  DEADLINE_RULES,
  handlingDeadline,
  returnDeadline,
  reviewAnswerDeadline,
} from "../src/domain/lifecycle/deadlines.ts";
import { nextAlertAt, runningClock } from "../src/domain/lifecycle/reminders.ts";
import { TimelineFactSchema } from "../src/domain/lifecycle/timeline.ts";
import {
  DEFAULT_DUPLICATE_SETTINGS,
  storedPlaceKeys,
  type DuplicateFacts,
} from "../src/domain/places/duplicates.ts";
import { likelyRepeats } from "../src/domain/places/hot-spots.ts";
import { loadDuplicateScorer } from "../src/classification/duplicate-scorer.ts";
import { duplicateFactsOf } from "../src/storage/queries/duplicates.ts";
import { LINKED_DAYS, repeatLinksMark } from "../src/storage/repeat-links.ts";
import { placeKeysMark } from "../src/storage/place-key-backfill.ts";
import { createPlaceReader } from "../src/domain/places/place-text.ts";
import type { GeoPoint } from "../src/domain/places/places.ts";
import { routeComplaint } from "../src/domain/routing.ts";
import { loadDirectory } from "../src/directory/load-directory.ts";
import type { Directory } from "../src/domain/directory.ts";
import { caseSearchTerms, searchTermsMark } from "../src/storage/case-search.ts";
import {
  parseDatabaseUrl,
  type DatabaseProvider,
  type DatabaseTarget,
} from "../src/storage/database-url.ts";
import { providerDir } from "../src/storage/prisma-cli.ts";
import { applyMigrations } from "../src/storage/migrate.ts";
import { openDatabase } from "../src/storage/database.ts";
import { ensureDirectory } from "../src/storage/directory-store.ts";

const DAY = 86_400_000;
const HOUR = 3_600_000;
/**
 * Cases filed per day: a city of nine million registering half a million matters a year, so a
 * million cases are its last two years. Every size is seeded at this rate (10k: a week, 100k:
 * ten weeks), so a larger seed is a longer archive of the same city, not a bigger city: a month
 * holds as many cases at 100k as at 1M, and the calls that read a period (the dashboard, the hot
 * spots, the deadline round) measure what the archive's growth costs them.
 */
const CASES_PER_DAY = 1_000_000 / 730;
/**
 * The longest life of a seeded case, in days: routed within 60 hours, started within 2 days,
 * answered within 70 days (a late one), closed when the 30 days to ask for a review have passed.
 */
const LIFE_DAYS = 106;

/** The days `count` cases take at the city's rate: the benchmark's archive of that size. */
export function cityDays(count: number): number {
  return count / CASES_PER_DAY;
}
const BATCH = 10_000;

type Value = string | number | boolean | Date | null;
interface Table {
  readonly name: string;
  /** Column name and PostgreSQL type (for the unnest casts). */
  readonly columns: readonly (readonly [string, string])[];
}

const T = {
  citizen: {
    name: "Citizen",
    columns: [
      ["id", "text"],
      ["name", "text"],
      ["phone", "text"],
      ["locale", "text"],
      ["createdAt", "timestamp(3)"],
    ],
  },
  identity: {
    name: "ChannelIdentity",
    columns: [
      ["id", "text"],
      ["channel", '"Channel"'],
      ["externalId", "text"],
      ["chatId", "text"],
      ["citizenId", "text"],
      ["createdAt", "timestamp(3)"],
    ],
  },
  case: {
    name: "Case",
    columns: [
      ["id", "text"],
      ["trackingNo", "text"],
      ["queryCode", "text"],
      ["citizenId", "text"],
      ["identityId", "text"],
      ["channel", '"Channel"'],
      ["anonymous", "boolean"],
      ["contactName", "text"],
      ["contactPhone", "text"],
      ["description", "text"],
      ["categoryCode", "text"],
      ["regionCode", "text"],
      ["caseClass", '"CaseClass"'],
      ["address", "text"],
      ["latitude", "double precision"],
      ["longitude", "double precision"],
      ["locatedAt", "timestamp(3)"],
      ["isEmergency", "boolean"],
      ["status", '"CaseStatus"'],
      ["unitId", "text"],
      ["submittedAt", "timestamp(3)"],
      ["acceptanceDueAt", "timestamp(3)"],
      ["decidedAt", "timestamp(3)"],
      ["acceptedAt", "timestamp(3)"],
      ["handlingDueAt", "timestamp(3)"],
      ["answeredAt", "timestamp(3)"],
      ["answerOutcome", '"AnswerOutcome"'],
      ["answerText", "text"],
      ["reviewStage", "integer"],
      ["reviewRequestedAt", "timestamp(3)"],
      ["reviewDueAt", "timestamp(3)"],
      ["closedAt", "timestamp(3)"],
      ["notAcceptedReason", "text"],
      ["runningDueAt", "timestamp(3)"],
      ["returnDueAt", "timestamp(3)"],
      ["createdAt", "timestamp(3)"],
      ["updatedAt", "timestamp(3)"],
    ],
  },
  caseAlert: {
    name: "CaseAlert",
    columns: [
      ["caseId", "text"],
      ["lastReminderAt", "timestamp(3)"],
      ["lastEscalationAt", "timestamp(3)"],
      ["nextAlertAt", "timestamp(3)"],
    ],
  },
  timeline: {
    name: "TimelineEntry",
    columns: [
      ["id", "text"],
      ["caseId", "text"],
      ["at", "timestamp(3)"],
      ["kind", "text"],
      ["actorKind", "text"],
      ["actorId", "text"],
      ["fromStatus", '"CaseStatus"'],
      ["toStatus", '"CaseStatus"'],
      ["note", "text"],
      ["data", "jsonb"],
    ],
  },
  suggestion: {
    name: "RoutingSuggestion",
    columns: [
      ["id", "text"],
      ["caseId", "text"],
      ["categoryCode", "text"],
      ["regionCode", "text"],
      ["unitId", "text"],
      ["confidence", "double precision"],
      ["method", "text"],
      ["rationale", "text"],
      ["alternatives", "jsonb"],
      ["flagged", "boolean"],
      ["chosen", "boolean"],
      ["createdAt", "timestamp(3)"],
    ],
  },
  rating: {
    name: "Rating",
    columns: [
      ["id", "text"],
      ["caseId", "text"],
      ["reviewStage", "integer"],
      ["solved", "boolean"],
      ["satisfaction", '"Satisfaction"'],
      ["createdAt", "timestamp(3)"],
    ],
  },
  attachment: {
    name: "Attachment",
    columns: [
      ["id", "text"],
      ["caseId", "text"],
      ["channel", '"Channel"'],
      ["fileId", "text"],
      ["mimeType", "text"],
      ["createdAt", "timestamp(3)"],
    ],
  },
  placeKey: {
    name: "CasePlaceKey",
    columns: [
      ["caseId", "text"],
      ["key", "text"],
      ["submittedAt", "timestamp(3)"],
    ],
  },
  repeat: {
    name: "CaseRepeat",
    columns: [
      ["earlierId", "text"],
      ["laterId", "text"],
      ["submittedAt", "timestamp(3)"],
    ],
  },
  search: {
    name: "CaseSearch",
    columns: [
      ["caseId", "text"],
      ["terms", "text"],
      ["unitTerms", "text"],
    ],
  },
  counter: {
    name: "TrackingCounter",
    columns: [
      ["day", "text"],
      ["last", "integer"],
    ],
  },
} as const satisfies Record<string, Table>;
type TableKey = keyof typeof T;

/** TimelineEntry.data of a seeded entry, as the lifecycle writes it and checked against its kind. */
function seededTimelineData(
  kind: string,
  facts: { readonly unitId: string; readonly mergedInto: string },
): string | null {
  const data: Record<string, unknown> | null =
    kind === "assigned"
      ? { unitId: facts.unitId }
      : kind === "answered"
        ? { outcome: "support" }
        : kind === "review_requested"
          ? { stage: 1 }
          : kind === "merged"
            ? { intoTrackingNo: facts.mergedInto }
            : null;
  const fact = TimelineFactSchema.parse({ kind, data });
  return fact.data === null ? null : JSON.stringify(TimelineFactSchema.encode(fact).data);
}

/** A deterministic pseudo-random source (the same seed, the same city). */
function random(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeedResult {
  readonly cases: number;
  readonly rows: number;
  readonly seconds: number;
}

/**
 * Seeds `count` cases into the migrated, empty database `target` (or the same
 * cases into each of several), filed over `days` days, the newest submitted just before `now`.
 * By default over the days they take at the city's rate ({@link cityDays}), but at least a case's
 * whole life (LIFE_DAYS): then the cases are a sample of those days, in the statuses the city's
 * cases are in, each status the lifecycle reaches at least once (as far as `count` goes) and at
 * least one closed case rated. Returns the rows written into each.
 */
export async function seedCases(
  target: DatabaseTarget | readonly DatabaseTarget[],
  count: number,
  now = new Date(),
  days = Math.max(cityDays(count), LIFE_DAYS),
): Promise<SeedResult> {
  const targets = Array.isArray(target) ? target : [target as DatabaseTarget];
  const started = performance.now();
  const [directory, calendar, texts] = await Promise.all([
    loadDirectory(),
    loadCalendar(),
    corpusTexts(),
  ]);
  const scorer = await loadDuplicateScorer(directory);
  for (const each of targets) {
    const db = await openDatabase(each);
    try {
      await ensureDirectory(db, directory);
    } finally {
      await db.$disconnect();
    }
  }
  const writer = everyWriter(
    await Promise.all(
      targets.map((each) =>
        each.provider === "sqlite" ? sqliteWriter(each.sqliteFile!) : postgresWriter(each.url),
      ),
    ),
  );
  const rand = random(count);
  const buffers = new Map<TableKey, Value[][]>(
    (Object.keys(T) as TableKey[]).map((key) => [key, []]),
  );
  let rows = 0;
  let full = false;
  const push = (table: TableKey, row: Value[]) => {
    const buffer = buffers.get(table)!;
    buffer.push(row);
    if (buffer.length >= BATCH) full = true;
  };
  /** Parents before children (the tables are declared in that order): foreign keys hold. */
  const flushAll = async () => {
    for (const key of Object.keys(T) as TableKey[]) {
      const buffer = buffers.get(key)!;
      if (buffer.length === 0) continue;
      rows += buffer.length;
      buffers.set(key, []);
      await writer.insert(T[key], buffer);
    }
    full = false;
  };

  const counters = new Map<string, number>();
  const categoryWeights = directory.categories.map((c, i) => ({
    c,
    w: c.code === "municipal" ? 6 : c.code === "discipline" ? 0.3 : 1 + ((i * 7) % 5),
  }));
  const regions = directory.regions.filter((r) => r.level !== "city");
  const places = cityPlaces(directory);
  const start = now.getTime() - days * DAY;
  const step = (days * DAY - HOUR) / count;
  // Drawn from a source of their own: a seed at the city's rate draws as it always did.
  const sampled =
    days > cityDays(count) ? sampledLives(count, start, now, calendar, random(count + 1)) : null;
  let ratings = 0;
  const citizens: { citizenId: string; identityId: string }[] = [];
  /** Each case's citizen (an index in `citizens`) and matter, for a citizen who writes again. */
  const caseCitizens = new Int32Array(count);
  const matters: Matter[] = [];
  /** About a month of cases: a citizen who writes again that soon is chasing the same matter. */
  const recentCases = Math.max(1, Math.round((count / days) * 30));
  /** Each citizen's cases of the scorer's citizen window, to decide repeats as the submitter does. */
  const lately = new Map<number, { id: string; facts: DuplicateFacts }[]>();
  const citizenWindow = DEFAULT_DUPLICATE_SETTINGS.citizenWindowDays * DAY;
  /** A merged case is merged into the case filed before it. */
  let previousTrackingNo = `${directory.trackingPrefix}-00000000-0000`;
  await writer.begin();
  for (let i = 0; i < count; i++) {
    // Most citizens file once in two years; about one case in seven is a citizen writing again
    // on the same matter within a month, one in seven someone who filed before, on anything.
    const again = i === 0 ? 1 : rand();
    // (In the seed's first month, among the cases filed so far.)
    const earlier = again < 0.14 ? i - 1 - Math.floor(rand() * Math.min(recentCases, i)) : null;
    const citizen =
      earlier !== null
        ? caseCitizens[earlier]!
        : again < 0.28
          ? Math.floor(rand() * citizens.length)
          : citizens.length;
    caseCitizens[i] = citizen;
    if (citizen === citizens.length) {
      const external = String(100_000_000 + citizen);
      citizens.push({ citizenId: id("ci", rand), identityId: id("id", rand) });
      push("citizen", [
        citizens[citizen]!.citizenId,
        rand() < 0.6 ? "王先生" : null,
        rand() < 0.6 ? `138${String(citizen).padStart(8, "0")}` : null,
        "zh",
        sampled?.[i]!.submittedAt ?? new Date(start + i * step),
      ]);
      push("identity", [
        citizens[citizen]!.identityId,
        "telegram",
        external,
        external,
        citizens[citizen]!.citizenId,
        sampled?.[i]!.submittedAt ?? new Date(start + i * step),
      ]);
    }
    const { citizenId, identityId } = citizens[citizen]!;
    const matter: Matter =
      earlier !== null
        ? matters[earlier]!
        : newMatter(pick(categoryWeights, rand).c, regions, texts, places, rand);
    matters.push(matter);
    const { category, regionCode, text, address } = matter;
    const submittedAt = sampled?.[i]!.submittedAt ?? new Date(start + i * step + rand() * step);
    const route = routeComplaint(directory, category.code, regionCode);
    const day = localDateOf(submittedAt).replaceAll("-", "");
    const seq = (counters.get(day) ?? 0) + 1;
    counters.set(day, seq);
    const trackingNo = `${directory.trackingPrefix}-${day}-${String(seq).padStart(4, "0")}`;
    const caseId = id("ca", rand);
    const description =
      earlier !== null ? `又来反映：${text}` : rand() < 0.5 ? text : `${text}，希望尽快处理`;
    const lifecycle = sampled?.[i]!.life ?? lifecycleOf(submittedAt, now, calendar, rand);
    const subject = {
      status: lifecycle.status,
      unitId:
        lifecycle.decidedAt &&
        lifecycle.status !== "not_accepted" &&
        lifecycle.status !== "returned"
          ? route.unitId
          : null,
      acceptanceDueAt: lifecycle.acceptanceDueAt,
      handlingDueAt: lifecycle.handlingDueAt,
      reviewDueAt: lifecycle.reviewDueAt,
    };
    const history = alertsSentBefore(subject, new Date(now.getTime() - 10 * 60_000));
    const named = rand() < 0.7;
    const contact = named ? { name: "王先生", phone: "13812345678" } : null;
    const queryCode = String(Math.floor(rand() * 1e6)).padStart(6, "0");
    // The same spot again, as the phone's GPS gives it: within about 20 metres.
    const latitude = matter.position ? matter.position.latitude + (rand() - 0.5) * 0.0004 : null;
    const longitude = matter.position ? matter.position.longitude + (rand() - 0.5) * 0.0004 : null;
    push("case", [
      caseId,
      trackingNo,
      queryCode,
      citizenId,
      identityId,
      "telegram",
      !named,
      contact?.name ?? null,
      contact?.phone ?? null,
      description,
      category.code,
      regionCode,
      category.class,
      address,
      latitude,
      longitude,
      matter.position ? submittedAt : null,
      rand() < 0.02,
      lifecycle.status,
      subject.unitId,
      submittedAt,
      lifecycle.acceptanceDueAt,
      lifecycle.decidedAt,
      lifecycle.acceptedAt,
      lifecycle.handlingDueAt,
      lifecycle.answeredAt,
      lifecycle.answeredAt ? "support" : null,
      lifecycle.answeredAt ? "已按规定办理并答复。" : null,
      lifecycle.reviewStage,
      lifecycle.reviewRequestedAt,
      lifecycle.reviewDueAt,
      lifecycle.closedAt,
      lifecycle.status === "not_accepted" ? "不属于信访事项" : null,
      runningClock(subject)?.dueAt ?? null,
      lifecycle.returnDueAt,
      submittedAt,
      lifecycle.updatedAt,
    ]);
    push("caseAlert", [
      caseId,
      history.lastReminderAt,
      history.lastEscalationAt,
      nextAlertAt(subject, history),
    ]);
    for (const [k, [at, kind, from, to]] of lifecycle.timeline.entries()) {
      push("timeline", [
        `${caseId}t${k}`,
        caseId,
        at,
        kind,
        kind === "submitted" ? "citizen" : "clerk",
        null,
        from,
        to,
        null,
        seededTimelineData(kind, { unitId: route.unitId, mergedInto: previousTrackingNo }),
      ]);
    }
    previousTrackingNo = trackingNo;
    // The suggestion shown to the clerk and the classifier's own, as the submitter keeps them.
    for (const chosen of [true, false]) {
      push("suggestion", [
        `${caseId}s${Number(chosen)}`,
        caseId,
        category.code,
        route.regionCode,
        route.unitId,
        0.9,
        "model",
        "bench",
        "[]",
        route.flagged,
        chosen,
        submittedAt,
      ]);
    }
    // The citizen rates the (first) answer a day after it, while the case is answered: of stage
    // 0, and only before a review is requested (rate is a command of answered and closed cases).
    // The draws come before that check, so every later case gets the draws it had before.
    // A sample's first closed case is rated whatever it drew: a demonstration shows a rating.
    const ratedAt = lifecycle.answeredAt && new Date(lifecycle.answeredAt.getTime() + DAY);
    const shown = sampled !== null && ratings === 0 && lifecycle.status === "closed";
    if (ratedAt && (rand() < 0.6 || shown)) {
      const solved = rand() < 0.8;
      const satisfaction = solved
        ? "satisfied"
        : rand() < 0.5
          ? "basically_satisfied"
          : "dissatisfied";
      if (ratedAt < (lifecycle.reviewRequestedAt ?? now)) {
        push("rating", [`${caseId}r`, caseId, 0, solved, satisfaction, ratedAt]);
        ratings++;
      }
    }
    if (rand() < 0.3)
      push("attachment", [
        `${caseId}a`,
        caseId,
        "telegram",
        `AgAC${caseId}`,
        "image/jpeg",
        submittedAt,
      ]);
    for (const key of matter.placeKeys) push("placeKey", [caseId, key, submittedAt]);
    // The pairs the submitter writes at filing, decided on each case's facts as they end (a
    // clerk's later answer only closes a matter for the cases that come after it), for the
    // days the hot spots read (as the service's background job links stored cases).
    const filed = {
      id: caseId,
      facts: duplicateFactsOf({
        description,
        categoryCode: category.code,
        regionCode,
        address,
        latitude: latitude ?? null,
        longitude: longitude ?? null,
        submittedAt,
        citizenId,
        answeredAt: lifecycle.answeredAt,
        closedAt: lifecycle.closedAt,
      }),
    };
    const recent = (lately.get(citizen) ?? []).filter(
      (c) => c.facts.submittedAt.getTime() >= submittedAt.getTime() - citizenWindow,
    );
    recent.push(filed);
    lately.set(citizen, recent);
    const linked = submittedAt.getTime() >= now.getTime() - LINKED_DAYS * DAY;
    for (const link of linked ? likelyRepeats(recent, scorer, caseId) : []) {
      push("repeat", [link.earlier, link.later, submittedAt]);
    }
    if (i % 50_000 === 49_999) {
      for (const [who, own] of lately) {
        if (own.at(-1)!.facts.submittedAt.getTime() < submittedAt.getTime() - citizenWindow)
          lately.delete(who);
      }
    }
    const { terms, unitTerms } = caseSearchTerms({ description, address, contact });
    push("search", [caseId, terms, unitTerms]);
    if (full) await flushAll();
    if (i % 20_000 === 19_999) {
      await flushAll();
      await writer.commitAndBegin();
    }
  }
  for (const [day, last] of counters) push("counter", [day, last]);
  await flushAll();
  await writer.commit();
  await writer.finish();
  for (const each of targets) {
    const done = await openDatabase(each);
    try {
      // Terms, repeats and place keys are written above: the service's background jobs have
      // nothing to do.
      await searchTermsMark(done).markDone();
      await repeatLinksMark(done).markDone();
      await placeKeysMark(done).markDone();
    } finally {
      await done.$disconnect();
    }
  }
  return {
    cases: count,
    rows,
    seconds: (performance.now() - started) / 1000,
  };
}

/** What a complaint is about: a citizen writing again soon repeats it. */
interface Matter {
  readonly category: Directory["categories"][number];
  readonly regionCode: string | null;
  readonly text: string;
  readonly address: string | null;
  /** Where the phone was when the citizen shared a location; null when they typed only. */
  readonly position: GeoPoint | null;
  /** CasePlaceKey rows, as the submitter stores them from the description and address. */
  readonly placeKeys: readonly string[];
}

/** Road and estate names: each region has its own, a few named far more often than the rest. */
const ROAD_STEMS = [
  "建设",
  "人民",
  "交通",
  "七一",
  "八一",
  "中州",
  "文昌",
  "太昊",
  "工农",
  "大庆",
  "川汇",
  "光明",
  "滨河",
  "汉阳",
  "莲花",
  "黄河",
  "长江",
  "天安",
  "金海",
  "富民",
  "育新",
  "新华",
  "解放",
  "和平",
  "文明",
  "庆丰",
  "周商",
  "开元",
  "复兴",
  "迎宾",
  "团结",
  "胜利",
  "朝阳",
  "车站",
  "健康",
  "五一",
  "东风",
  "红旗",
  "站前",
  "府前",
];
const ROAD_ENDINGS = ["路", "街", "大道"];
const ESTATE_STEMS = [
  "阳光",
  "建业",
  "锦绣",
  "东方",
  "幸福",
  "颍河",
  "龙湖",
  "金色",
  "恒大",
  "书香",
  "税务局",
  "纺织厂",
  "棉纺",
  "沙颍",
  "世纪",
  "翰林",
  "盛世",
  "怡和",
  "凤凰",
  "东湖",
  "御景",
  "新城",
  "碧桂园",
  "未来",
  "学府",
  "丽都",
  "水岸",
  "康桥",
  "名门",
  "香榭",
];
const ESTATE_ENDINGS = ["花园", "小区", "家园", "新村", "苑", "家属院", "华庭", "名都"];

/**
 * A name of the region's own (stems shifted per region), the first of them far more often
 * (the square of a uniform draw): a few main roads and big estates, a long tail of small ones.
 */
function regionalName(
  stems: readonly string[],
  endings: readonly string[],
  region: number,
  rand: () => number,
): string {
  const names = stems.length * endings.length;
  const n = (Math.floor(rand() * rand() * names) + region * 37) % names;
  return `${stems[n % stems.length]!}${endings[Math.floor(n / stems.length)]!}`;
}

/** The seats a located complaint is near, per region, and the reader that finds its place keys. */
function cityPlaces(directory: Directory) {
  const seats = new Map<string, GeoPoint[]>();
  for (const place of [...(directory.places?.regions ?? []), ...(directory.places?.towns ?? [])]) {
    if (place.seat) seats.set(place.region, [...(seats.get(place.region) ?? []), place.seat]);
  }
  return { seats, reader: createPlaceReader(directory) };
}

/**
 * A new matter: a category, most often a region (the nearer ones more often), a text from the
 * corpus, an address a citizen types (a house number on a road, a building in a housing
 * estate, a crossing, or none), and for two in five a shared position within about 1.5 km of
 * a town's seat in its region.
 */
function newMatter(
  category: Directory["categories"][number],
  regions: Directory["regions"],
  texts: readonly string[],
  places: ReturnType<typeof cityPlaces>,
  rand: () => number,
): Matter {
  const regionCode =
    rand() < 0.05 ? null : regions[Math.floor(rand() * rand() * regions.length)]!.code;
  const text = texts[Math.floor(rand() * texts.length)]!;
  const region = regionCode ? regions.findIndex((r) => r.code === regionCode) : regions.length;
  const road = () => regionalName(ROAD_STEMS, ROAD_ENDINGS, region, rand);
  const kind = rand();
  const address =
    kind < 0.45
      ? `${road()}${1 + Math.floor(rand() * 300)}号`
      : kind < 0.6
        ? `${regionalName(ESTATE_STEMS, ESTATE_ENDINGS, region, rand)}${1 + Math.floor(rand() * 20)}号楼`
        : kind < 0.7
          ? `${road()}与${road()}交叉口`
          : null;
  const seats = regionCode ? (places.seats.get(regionCode) ?? []) : [];
  const seat = seats.length > 0 && rand() < 0.4 ? seats[Math.floor(rand() * seats.length)]! : null;
  const position = seat && {
    latitude: seat.latitude + (rand() - 0.5) * 0.03,
    longitude: seat.longitude + (rand() - 0.5) * 0.03,
  };
  const placeKeys = storedPlaceKeys(places.reader, text, address);
  return { category, regionCode, text, address, position, placeKeys };
}

interface Lifecycle {
  status: CaseStatus;
  acceptanceDueAt: Date;
  decidedAt: Date | null;
  acceptedAt: Date | null;
  handlingDueAt: Date | null;
  /** Until when the unit may return it, from its assignment, as `route` computes it. */
  returnDueAt: Date | null;
  answeredAt: Date | null;
  reviewStage: number;
  reviewRequestedAt: Date | null;
  reviewDueAt: Date | null;
  closedAt: Date | null;
  updatedAt: Date;
  timeline: [Date, string, CaseStatus | null, CaseStatus | null][];
}

/**
 * Where a case filed at `submittedAt` stands at `now`: routed within hours,
 * answered within weeks, then rated, closed or reviewed; a few not accepted,
 * merged or withdrawn; a few run late (overdue) as in any real bureau.
 */
function lifecycleOf(
  submittedAt: Date,
  now: Date,
  calendar: WorkingCalendar,
  rand: () => number,
): Lifecycle {
  const t = (ms: number) => new Date(Math.min(submittedAt.getTime() + ms, now.getTime() - 60_000));
  const acceptanceDueAt = acceptanceDeadline(calendar, submittedAt).at;
  const life: Lifecycle = {
    status: "submitted",
    acceptanceDueAt,
    decidedAt: null,
    acceptedAt: null,
    handlingDueAt: null,
    returnDueAt: null,
    answeredAt: null,
    reviewStage: 0,
    reviewRequestedAt: null,
    reviewDueAt: null,
    closedAt: null,
    updatedAt: submittedAt,
    timeline: [[submittedAt, "submitted", null, "submitted"]],
  };
  const age = now.getTime() - submittedAt.getTime();
  const late = rand() < 0.01; // left undecided or unanswered past its deadline
  const routeAfter = (rand() < 0.9 ? rand() * 20 : 20 + rand() * 40) * HOUR;
  if (age < routeAfter || (late && age < 20 * DAY)) return life;
  const decidedAt = t(routeAfter);
  const fate = rand();
  if (fate < 0.04)
    return {
      ...life,
      status: "not_accepted",
      decidedAt,
      updatedAt: decidedAt,
      timeline: [...life.timeline, [decidedAt, "not_accepted", "submitted", "not_accepted"]],
    };
  if (fate < 0.06)
    return {
      ...life,
      status: "merged",
      updatedAt: decidedAt,
      timeline: [...life.timeline, [decidedAt, "merged", "submitted", "merged"]],
    };
  if (fate < 0.07)
    return {
      ...life,
      status: "withdrawn",
      updatedAt: decidedAt,
      timeline: [...life.timeline, [decidedAt, "withdrawn", "submitted", "withdrawn"]],
    };
  const handlingDueAt = handlingDeadline(calendar, decidedAt, "complaint").at;
  Object.assign(life, {
    status: "assigned",
    decidedAt,
    acceptedAt: decidedAt,
    handlingDueAt,
    returnDueAt: returnDeadline(calendar, decidedAt).at,
    updatedAt: decidedAt,
  });
  life.timeline.push(
    [decidedAt, "accepted", "submitted", "accepted"],
    [decidedAt, "assigned", "accepted", "assigned"],
  );
  const startAfter = routeAfter + rand() * 2 * DAY;
  if (age < startAfter) return life;
  const started = t(startAfter);
  Object.assign(life, { status: "in_progress", updatedAt: started });
  life.timeline.push([started, "started", "assigned", "in_progress"]);
  const answerAfter = startAfter + (late ? 70 : 3 + rand() * 40) * DAY;
  if (age < answerAfter) return life;
  const answeredAt = t(answerAfter);
  Object.assign(life, { status: "answered", answeredAt, updatedAt: answeredAt });
  life.timeline.push([answeredAt, "answered", "in_progress", "answered"]);
  if (rand() < 0.05 && age < answerAfter + 60 * DAY) {
    const requested = t(answerAfter + rand() * 10 * DAY);
    const reviewDueAt = reviewAnswerDeadline(calendar, requested).at;
    Object.assign(life, {
      status: "under_review",
      reviewStage: 1,
      reviewRequestedAt: requested,
      reviewDueAt,
      updatedAt: requested,
    });
    life.timeline.push([requested, "review_requested", "answered", "under_review"]);
    return life;
  }
  const closeAfter = answerAfter + (DEADLINE_RULES.reviewRequestDays + 1) * DAY;
  if (age < closeAfter) return life;
  const closedAt = t(closeAfter);
  Object.assign(life, { status: "closed", closedAt, updatedAt: closedAt });
  life.timeline.push([closedAt, "closed", "answered", "closed"]);
  return life;
}

/** Lives drawn to learn the shares of statuses a sample keeps. */
const SHARE_DRAWS = 10_000;

/**
 * `count` cases of a seed sparser than the city (filed between `start` and `now`), oldest
 * first: each filed at a time drawn over those days and living as the city's cases do
 * (lifecycleOf), kept in the shares of statuses such lives end in — each status met at least
 * once, the rest shared out in proportion (the largest remainders rounded up) — so a few cases
 * still hold every stage: a chance draw of twenty would often have none withdrawn or merged.
 */
function sampledLives(
  count: number,
  start: number,
  now: Date,
  calendar: WorkingCalendar,
  rand: () => number,
): { submittedAt: Date; life: Lifecycle }[] {
  const draw = () => {
    const submittedAt = new Date(start + rand() * (now.getTime() - HOUR - start));
    return { submittedAt, life: lifecycleOf(submittedAt, now, calendar, rand) };
  };
  const pool = Array.from({ length: SHARE_DRAWS }, draw);
  const shares = new Map<CaseStatus, number>();
  for (const { life } of pool) shares.set(life.status, (shares.get(life.status) ?? 0) + 1);
  const quotas = statusQuotas(shares, count);
  const kept: { submittedAt: Date; life: Lifecycle }[] = [];
  const keep = (each: { submittedAt: Date; life: Lifecycle }) => {
    const left = quotas.get(each.life.status) ?? 0;
    if (left === 0) return;
    quotas.set(each.life.status, left - 1);
    kept.push(each);
  };
  pool.forEach(keep);
  // Every status in the quotas was drawn, so more draws meet what is left of them.
  while (kept.length < count) keep(draw());
  return kept.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
}

/**
 * How many of `count` cases take each status, given how often each was drawn: one each for the
 * most frequent (as far as `count` goes), the rest in proportion, the largest remainders
 * rounded up.
 */
function statusQuotas(drawn: ReadonlyMap<CaseStatus, number>, count: number) {
  const byShare = [...drawn].sort((a, b) => b[1] - a[1]).slice(0, count);
  const total = byShare.reduce((sum, [, n]) => sum + n, 0);
  const rest = count - byShare.length;
  const exact = byShare.map(([status, n]) => [status, (n / total) * rest] as const);
  const quotas = new Map(exact.map(([status, x]) => [status, 1 + Math.floor(x)]));
  const short = rest - exact.reduce((sum, [, x]) => sum + Math.floor(x), 0);
  for (const [status] of [...exact].sort((a, b) => (b[1] % 1) - (a[1] % 1)).slice(0, short))
    quotas.set(status, quotas.get(status)! + 1);
  return quotas;
}

/** The alerts a scheduler running every 10 minutes would have sent by `before`. */
function alertsSentBefore(subject: Parameters<typeof runningClock>[0], before: Date) {
  const history = { lastReminderAt: null as Date | null, lastEscalationAt: null as Date | null };
  const running = runningClock(subject);
  if (!running) return history;
  const opens = startOfLocalDay(
    addDays(localDateOf(running.dueAt), -DEADLINE_RULES.reminderLeadDays),
  );
  if (opens < before && before <= running.dueAt) history.lastReminderAt = opens;
  if (running.dueAt < before) {
    const today = startOfLocalDay(localDateOf(before));
    history.lastEscalationAt = new Date(Math.max(running.dueAt.getTime() + 1, today.getTime()));
  }
  return history;
}

function pick<T extends { w: number }>(items: readonly T[], rand: () => number): T {
  const total = items.reduce((sum, item) => sum + item.w, 0);
  let r = rand() * total;
  for (const item of items) if ((r -= item.w) <= 0) return item;
  return items.at(-1)!;
}

let idSequence = 0;

/** A row id like the service's cuids: unique by its sequence, random-looking by `rand`. */
function id(prefix: string, rand: () => number): string {
  return `${prefix}${Math.floor(rand() * 2 ** 48).toString(36)}${(idSequence++).toString(36)}`;
}

/** The classifier corpus's complaints: texts in citizens' words. */
async function corpusTexts(): Promise<string[]> {
  const dir = path.join(import.meta.dirname, "..", "src", "classification", "corpus");
  const texts: string[] = [];
  for (const file of await readdir(dir)) {
    for (const line of (await readFile(path.join(dir, file), "utf8")).split("\n")) {
      if (line.trim()) texts.push((JSON.parse(line) as { text: string }).text);
    }
  }
  return texts;
}

interface Writer {
  begin(): Promise<void>;
  insert(table: Table, rows: Value[][]): Promise<void>;
  commitAndBegin(): Promise<void>;
  commit(): Promise<void>;
  /** Builds the secondary indexes (and SQLite's text index) and updates the planner's statistics. */
  finish(): Promise<void>;
}

/** One writer for several databases: each step done in all of them at once. */
function everyWriter(writers: readonly Writer[]): Writer {
  const all = (step: (writer: Writer) => Promise<void>) =>
    Promise.all(writers.map(step)).then(() => undefined);
  return {
    begin: () => all((w) => w.begin()),
    insert: (table, rows) => all((w) => w.insert(table, rows)),
    commitAndBegin: () => all((w) => w.commitAndBegin()),
    commit: () => all((w) => w.commit()),
    finish: () => all((w) => w.finish()),
  };
}

/**
 * The counts per status, region, category, unit and class ("CaseCount"), which the triggers on
 * "Case" keep and the load leaves out with them: one GROUP BY over the loaded cases.
 */
const COUNT_CASES = `
  INSERT INTO "CaseCount" ("status", "regionCode", "categoryCode", "unitId", "caseClass", "cases")
  SELECT "status", COALESCE("regionCode", ''), "categoryCode", COALESCE("unitId", ''), "caseClass", COUNT(*)
  FROM "Case" GROUP BY 1, 2, 3, 4, 5`;

/**
 * The copies of their cases' columns on "CasePlaceKey" and "CaseRepeat", the counts per day and
 * category ("CaseCategoryDay") and the places of the keys ("HotSpotPlace", "hotSpotPlaceId"),
 * which triggers keep and the load leaves out with them: the backfill statements of the
 * migrations that added them, read from them (each one's section "The rows stored before", up
 * to its next index), in the order they were added, run before the indexes are built.
 */
async function hotSpotBackfill(provider: DatabaseProvider): Promise<string[]> {
  const dir = path.join(providerDir(provider), "migrations");
  const folders = await readdir(dir);
  const statements: string[] = [];
  for (const name of ["hot_spot_summaries", "hot_spot_places"]) {
    const folder = folders.find((folder) => folder.endsWith(`_${name}`));
    if (!folder) throw new Error(`no ${name} migration in ${dir}`);
    const text = await readFile(path.join(dir, folder, "migration.sql"), "utf8");
    const start = text.indexOf("-- The rows stored before");
    const section = text.slice(start, text.indexOf("-- CreateIndex", start));
    statements.push(
      ...section
        .split(";")
        .map((statement) => statement.replace(/^--.*$/gm, "").trim())
        .filter((statement) => statement.length > 0),
    );
  }
  return statements;
}

/**
 * The tables the seed fills, whose secondary indexes are built once after the load (but those
 * of GROWN_AS_THE_SERVICE_DOES).
 */
const SEEDED_TABLES = Object.values(T).map((table) => table.name);

/**
 * The tables whose indexes the load writes row by row, as a running service grows them: the
 * deadline round inserts timeline entries and moves alert times in every round, and an index
 * built once over sorted keys has leaves packed full, so each of those writes would split one
 * (measured: the round on SQLite 1,104 ms on packed indexes, 947 ms on indexes grown by random
 * inserts). Their ids are random, so the load's inserts land where a service's would.
 */
const GROWN_AS_THE_SERVICE_DOES: readonly string[] = [T.timeline.name, T.caseAlert.name];

const placeholders = (values: readonly unknown[]) => values.map(() => "?").join(", ");

/**
 * SQLite: one transaction per 20,000 cases, with the secondary indexes (but those of
 * GROWN_AS_THE_SERVICE_DOES), the triggers that keep
 * the text index and the case counts, and the foreign-key checks left out during the load (the
 * rows are consistent by construction), the indexes built, the text index rebuilt from
 * CaseSearch and the cases counted afterwards:
 * building an index once over sorted keys is far cheaper than a million scattered inserts.
 */
function sqliteWriter(file: string): Writer {
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("foreign_keys = OFF");
  sqlite.pragma("temp_store = MEMORY");
  sqlite.pragma("cache_size = -1000000");
  const deferred = sqlite
    .prepare(
      `SELECT "name", "type", "sql" FROM sqlite_master
       WHERE "type" IN ('index', 'trigger') AND "sql" IS NOT NULL
         AND "tbl_name" IN (${placeholders(SEEDED_TABLES)})
         AND NOT ("type" = 'index' AND "tbl_name" IN (${placeholders(GROWN_AS_THE_SERVICE_DOES)}))`,
    )
    .all(...SEEDED_TABLES, ...GROWN_AS_THE_SERVICE_DOES) as {
    name: string;
    type: "index" | "trigger";
    sql: string;
  }[];
  for (const { name, type } of deferred) sqlite.exec(`DROP ${type.toUpperCase()} "${name}"`);
  const statements = new Map<string, Database.Statement>();
  const value = (v: Value) =>
    v instanceof Date
      ? v.toISOString().replace("Z", "+00:00")
      : typeof v === "boolean"
        ? v
          ? 1
          : 0
        : v;
  return {
    async begin() {
      sqlite.exec("BEGIN");
    },
    async insert(table, rows) {
      let statement = statements.get(table.name);
      if (!statement) {
        const names = table.columns.map(([name]) => `"${name}"`).join(", ");
        statement = sqlite.prepare(
          `INSERT INTO "${table.name}" (${names}) VALUES (${table.columns.map(() => "?").join(", ")})`,
        );
        statements.set(table.name, statement);
      }
      for (const row of rows) statement.run(row.map(value));
    },
    async commitAndBegin() {
      sqlite.exec("COMMIT; BEGIN");
    },
    async commit() {
      sqlite.exec("COMMIT");
    },
    async finish() {
      const backfill = await hotSpotBackfill("sqlite");
      sqlite.exec("BEGIN");
      for (const statement of backfill) sqlite.exec(statement);
      for (const { sql } of deferred) sqlite.exec(sql);
      sqlite.exec(`INSERT INTO "CaseSearchIndex" ("CaseSearchIndex") VALUES ('rebuild')`);
      sqlite.exec(COUNT_CASES);
      sqlite.exec("COMMIT");
      sqlite.exec("ANALYZE");
      sqlite.pragma("wal_checkpoint(TRUNCATE)");
      sqlite.close();
    },
  };
}

/**
 * PostgreSQL: the rows streamed with COPY (text format), the secondary indexes (but those of
 * GROWN_AS_THE_SERVICE_DOES) dropped before the load and built after it, and the triggers (foreign keys, case counts) off for the session
 * (session_replication_role = replica: the rows are consistent by construction), the cases
 * counted afterwards.
 */
async function postgresWriter(url: string): Promise<Writer> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows: deferred } = await client.query<{ name: string; definition: string }>(
    `SELECT i."indexname" AS "name", i."indexdef" AS "definition" FROM pg_indexes i
     WHERE i."schemaname" = current_schema() AND i."tablename" = ANY($1::text[])
       AND NOT i."tablename" = ANY($2::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k."conname" = i."indexname")`,
    [SEEDED_TABLES, GROWN_AS_THE_SERVICE_DOES],
  );
  for (const { name } of deferred) await client.query(`DROP INDEX "${name}"`);
  await client.query("SET session_replication_role = replica");
  await client.query("SET synchronous_commit = off");
  return {
    async begin() {
      await client.query("BEGIN");
    },
    async insert(table, rows) {
      const names = table.columns.map(([name]) => `"${name}"`).join(", ");
      const copy = client.query(copyFrom(`COPY "${table.name}" (${names}) FROM STDIN`));
      await pipeline(Readable.from([rows.map(copyLine).join("")]), copy);
    },
    async commitAndBegin() {
      await client.query("COMMIT");
      await client.query("BEGIN");
    },
    async commit() {
      await client.query("COMMIT");
    },
    async finish() {
      // The backfills with the triggers still off, as on SQLite: the one copying the cases'
      // columns onto the keys would otherwise number their places row by row first.
      for (const statement of await hotSpotBackfill("postgres")) await client.query(statement);
      await client.query("SET session_replication_role = DEFAULT");
      await client.query("SET maintenance_work_mem = '512MB'");
      for (const { definition } of deferred) await client.query(definition);
      await client.query(COUNT_CASES);
      await client.query("VACUUM ANALYZE");
      await client.end();
    },
  };
}

/** A row in COPY's text format: tab-separated, \N for null, instants in UTC as Prisma stores them. */
function copyLine(row: Value[]): string {
  return `${row.map(copyField).join("\t")}\n`;
}

function copyField(v: Value): string {
  if (v === null) return "\\N";
  if (v instanceof Date) return v.toISOString().replace("Z", "");
  if (typeof v === "boolean") return v ? "t" : "f";
  return String(v).replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!);
}

const COPY_ESCAPES: Record<string, string> = {
  "\\": "\\\\",
  "\t": "\\t",
  "\n": "\\n",
  "\r": "\\r",
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2]);
  const urls = process.argv.slice(3);
  const targets = (
    urls.length > 0 ? urls : [process.env.DATABASE_URL ?? "file:./data/petitions.db"]
  ).map((url) => parseDatabaseUrl(url));
  if (!Number.isInteger(count) || count < 1 || targets.some((target) => !target)) {
    console.error("usage: npm run seed -- <cases> [DATABASE_URL…]");
    process.exitCode = 1;
  } else {
    const valid = targets.filter((target) => target !== null);
    for (const target of valid) await applyMigrations(target);
    const result = await seedCases(valid, count);
    console.log(`${result.cases} cases, ${result.rows} rows in ${result.seconds.toFixed(1)} s`);
  }
}
