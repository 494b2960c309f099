/**
 * The place keys (CasePlaceKey) of the cases stored before they were kept, or before a kind of
 * key was (roads: `road:人民路`), written once by a background job after the start, with the
 * function filing uses (storedPlaceKeys): without them the duplicate candidates, the nearby
 * reports and the hot spots' places named again miss those cases.
 */
import type { Clock } from "../clock.ts";
import type { Directory } from "../domain/directory.ts";
import { PLACE_KEYS_VERSION, storedPlaceKeys } from "../domain/places/duplicates.ts";
import { createPlaceReader, type PlaceReader } from "../domain/places/place-text.ts";
import { Prisma } from "../generated/sqlite/client.ts";
import { insertsIgnoringDuplicates } from "./insert-ignoring-duplicates.ts";
import type { Logger } from "../logging/logger.ts";
import { leaseOwner, withLease } from "../with-lease.ts";
import { resumableBackfillMark, type ResumableBackfillMark } from "./backfill-mark.ts";
import type { Db } from "./database.ts";
import type { LeaseStore } from "./leases.ts";

/** Whether every stored case has the keys of this version, and how far an unfinished run got. */
export function placeKeysMark(db: Db): ResumableBackfillMark {
  return resumableBackfillMark(db, "case-place-keys:version", PLACE_KEYS_VERSION);
}

const CASES_PER_BATCH = 1_000;
/** Prisma's SQLite driver takes at most 999 parameters a statement (3 a key). */
const KEYS_PER_STATEMENT = 300;
/** The lease of the instance running the backfill (leases.ts). */
export const PLACE_KEYS_LEASE = "case-place-keys:lease";
const LEASE_TTL_MS = 60_000;
/** A progress line every this many cases read. */
const LOGGED_EVERY = 50_000;

/** What one batch did: the cases it read and the keys it wrote. */
export interface PlaceKeyBatch {
  readonly read: number;
  readonly added: number;
}

interface StoredCasePlace {
  readonly id: string;
  readonly description: string;
  readonly address: string | null;
  readonly submittedAt: Date;
}

/**
 * The backfill, a batch at a time in the order of the cases' ids (keyset pages: memory stays a
 * batch whatever the table holds), each batch's missing keys and its position written in one
 * transaction: a run stopped or crashed between two batches (or within one, rolled back) goes
 * on after the last committed batch. Each yield is a committed batch; when the cases run out
 * the version is marked done. Nothing when it is done already. A key stored meanwhile (a case
 * filed with its keys, another run) stays as it is and is not counted: the inserts skip a key
 * already there. Keys an earlier version stored and this one does not read stay.
 */
export async function* placeKeyBatches(
  db: Db,
  reader: PlaceReader,
  casesPerBatch = CASES_PER_BATCH,
): AsyncGenerator<PlaceKeyBatch> {
  const mark = placeKeysMark(db);
  if (await mark.isDone()) return;
  let after = (await mark.resumeAfter()) ?? "";
  for (;;) {
    const cases: StoredCasePlace[] = await db.case.findMany({
      where: { id: { gt: after } },
      orderBy: { id: "asc" },
      take: casesPerBatch,
      select: { id: true, description: true, address: true, submittedAt: true },
    });
    if (cases.length === 0) break;
    const last = cases.at(-1)!.id;
    const missing = await missingKeys(db, reader, cases, after, last);
    const written = await db.$transaction([
      ...insertions(missing).map((insert) => db.$executeRaw(insert)),
      mark.advance(last),
    ]);
    after = last;
    const added = written.slice(0, -1).reduce<number>((sum, count) => sum + Number(count), 0);
    yield { read: cases.length, added };
  }
  await mark.markDone();
}

interface NewKey {
  readonly caseId: string;
  readonly key: string;
  readonly submittedAt: Date;
}

/** The keys of `cases` (ids `after` < id <= `last`) that are not stored. */
async function missingKeys(
  db: Db,
  reader: PlaceReader,
  cases: readonly StoredCasePlace[],
  after: string,
  last: string,
): Promise<NewKey[]> {
  // The batch's stored keys from the primary key (caseId, key): one range, whatever its size.
  const stored = await db.casePlaceKey.findMany({
    where: { caseId: { gt: after, lte: last } },
    select: { caseId: true, key: true },
  });
  const have = new Set(stored.map((row) => `${row.caseId} ${row.key}`));
  return cases.flatMap((c) =>
    storedPlaceKeys(reader, c.description, c.address)
      .filter((key) => !have.has(`${c.id} ${key}`))
      .map((key) => ({ caseId: c.id, key, submittedAt: c.submittedAt })),
  );
}

/**
 * The statements writing `keys`. The triggers of migrations hot_spot_summaries and
 * hot_spot_places give each written row its case's columns and its HotSpotPlace, as at filing.
 */
function insertions(keys: readonly NewKey[]): Prisma.Sql[] {
  return insertsIgnoringDuplicates(
    Prisma.sql`"CasePlaceKey" ("caseId", "key", "submittedAt")`,
    keys.map((k) => Prisma.sql`(${k.caseId}, ${k.key}, ${k.submittedAt})`),
    KEYS_PER_STATEMENT,
  );
}

export interface PlaceKeyBackfillDeps {
  readonly db: Db;
  readonly directory: Directory;
  readonly leases: LeaseStore;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Runs the backfill (placeKeyBatches) to its end beside the service, on one instance at a time
 * (a lease: another instance's start finds it held and leaves the work to it; if its holder
 * dies, the next start goes on where it stopped). Stops between two batches when `signal`
 * aborts. Logs a line every LOGGED_EVERY cases and one at the end: counts only. Resolves with
 * what this run did (nothing when done already or held elsewhere).
 */
export async function backfillPlaceKeys(
  deps: PlaceKeyBackfillDeps,
  signal?: AbortSignal,
): Promise<PlaceKeyBatch> {
  const { db, leases, clock, logger } = deps;
  let read = 0;
  let added = 0;
  // The usual start: one read, no lease taken.
  if (await placeKeysMark(db).isDone()) return { read, added };
  const reader = createPlaceReader(deps.directory);
  const lease = { name: PLACE_KEYS_LEASE, owner: leaseOwner(), ttlMs: LEASE_TTL_MS, logger };
  await withLease(leases, { ...lease, now: () => clock.now().getTime() }, async () => {
    if (signal?.aborted) return;
    for await (const batch of placeKeyBatches(db, reader)) {
      const before = read;
      read += batch.read;
      added += batch.added;
      if (Math.floor(read / LOGGED_EVERY) > Math.floor(before / LOGGED_EVERY))
        logger.info({ read, added }, "writing the place keys of stored cases");
      if (signal?.aborted) return;
    }
    if (read > 0) logger.info({ read, added }, "place keys of stored cases written");
  });
  return { read, added };
}
