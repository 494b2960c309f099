/**
 * The likely repeats of one citizen's cases (CaseRepeat, src/domain/places/hot-spots.ts
 * likelyRepeats), kept beside the cases so that the hot spots read pairs instead of scoring
 * a quarter's texts on every request: written when a case is filed, written again when a clerk
 * changes a fact the scorer reads (category, region, the answer's time: see case-store.ts), and
 * for the cases stored before the table existed, once, by a background job after the start.
 * Description, address and position do not change after filing.
 */
import type { Clock } from "../clock.ts";
import { backfillMark, type BackfillMark } from "./backfill-mark.ts";
import { DEFAULT_DUPLICATE_SETTINGS, type DuplicateScorer } from "../domain/places/duplicates.ts";
import { likelyRepeats, type RepeatLink } from "../domain/places/hot-spots.ts";
import { Prisma } from "../generated/sqlite/client.ts";
import { insertsIgnoringDuplicates } from "./insert-ignoring-duplicates.ts";
import type { Logger } from "../logging/logger.ts";
import type { Db } from "./database.ts";
import type { PlainStatements } from "./plain-sql.ts";
import { duplicateFactsOf, type DuplicateFactColumns } from "./queries/duplicates.ts";
import { DAY_MS } from "../domain/shanghai-time.ts";

type FactRow = DuplicateFactColumns & { id: string };

const FACT_COLUMNS = Prisma.sql`c."id", c."description", c."categoryCode", c."regionCode",
  c."address", c."latitude", c."longitude", c."submittedAt", c."citizenId", c."answeredAt",
  c."closedAt"`;

/** What a case's pairs are found from: its citizen's cases of its category around its filing. */
export interface RepeatSubject {
  readonly id: string;
  readonly citizenId: string;
  readonly categoryCode: string;
  readonly submittedAt: Date;
}

/**
 * Writes the pairs `subject` is in, in the caller's transaction: those it was in go, and its
 * citizen's cases of its category within the scorer's citizen window (before and after) are
 * scored against it. The scorer never calls cases of two categories likely one matter.
 */
export async function relinkRepeats(
  tx: PlainStatements,
  scorer: DuplicateScorer,
  subject: RepeatSubject,
): Promise<void> {
  await tx.execute(Prisma.sql`DELETE FROM "CaseRepeat"
    WHERE "earlierId" = ${subject.id} OR "laterId" = ${subject.id}`);
  const window = DEFAULT_DUPLICATE_SETTINGS.citizenWindowDays * DAY_MS;
  const at = subject.submittedAt.getTime();
  const [citizenFrom, citizenTo] = [new Date(at - window), new Date(at + window)];
  const rows = await tx.query<FactRow>(Prisma.sql`SELECT ${FACT_COLUMNS} FROM "Case" c
    WHERE c."citizenId" = ${subject.citizenId} AND c."categoryCode" = ${subject.categoryCode}
      AND c."submittedAt" >= ${citizenFrom} AND c."submittedAt" <= ${citizenTo}
    ORDER BY c."submittedAt", c."trackingNo"`);
  for (const insert of insertions(linksOf(rows, scorer, subject.id))) await tx.execute(insert);
}

function linksOf(rows: readonly FactRow[], scorer: DuplicateScorer, involving?: string) {
  const cases = rows.map((row) => ({ id: row.id, facts: duplicateFactsOf(row) }));
  const submitted = new Map(cases.map((c) => [c.id, c.facts.submittedAt]));
  return likelyRepeats(cases, scorer, involving).map((link) => ({
    ...link,
    submittedAt: submitted.get(link.later)!,
  }));
}

/**
 * The statements writing `links` (none when there are none). A pair already there (the
 * submitter's, beside the background job) stays.
 */
function insertions(links: readonly (RepeatLink & { readonly submittedAt: Date })[]) {
  return insertsIgnoringDuplicates(
    Prisma.sql`"CaseRepeat" ("earlierId", "laterId", "submittedAt")`,
    links.map((link) => Prisma.sql`(${link.earlier}, ${link.later}, ${link.submittedAt})`),
    LINKS_PER_STATEMENT,
  );
}

/**
 * The hot spots read the pairs of at most the last 366 days (the longest period the console and
 * the command ask for): the background job links the cases of those days only.
 */
export const LINKED_DAYS = 366;

/** Changes when the scorer or likelyRepeats changes: every case's pairs are then written again. */
const REPEAT_LINKS_VERSION = "1";

/** Whether every stored case's pairs were written by this version (the seed writes them too). */
export function repeatLinksMark(db: Db): BackfillMark {
  return backfillMark(db, "hot-spots:repeat-links-version", REPEAT_LINKS_VERSION);
}
const CITIZENS_PER_BATCH = 1_000;
/** Prisma's SQLite driver takes at most 999 parameters a statement. */
const IDS_PER_STATEMENT = 900;
const LINKS_PER_STATEMENT = 300;

/**
 * Writes the pairs of every case of the last LINKED_DAYS, citizen by citizen, unless this version wrote them already
 * (one lookup at each start). Runs beside the service: until it ends, the hot spots miss the
 * repeats of the cases not yet scored. Each batch replaces the pairs of the cases it read (so a
 * new version's pairs replace the old), not those of a case filed meanwhile. Stops between two
 * batches when `signal` aborts (the next start begins again). Resolves with how many pairs it
 * wrote.
 */
export async function linkStoredRepeats(
  db: Db,
  scorer: DuplicateScorer,
  clock: Clock,
  logger: Logger,
  signal?: AbortSignal,
): Promise<number> {
  const mark = repeatLinksMark(db);
  if (await mark.isDone()) return 0;
  const since = new Date(clock.now().getTime() - LINKED_DAYS * DAY_MS);
  let linked = 0;
  let after = "";
  for (;;) {
    if (signal?.aborted) return linked;
    const citizens = await db.citizen.findMany({
      where: { id: { gt: after } },
      orderBy: { id: "asc" },
      take: CITIZENS_PER_BATCH,
      select: { id: true },
    });
    if (citizens.length === 0) break;
    const last = citizens.at(-1)!.id;
    // The batch's citizens' cases, from the (citizenId, submittedAt) index.
    const rows = await db.$queryRaw<FactRow[]>`SELECT ${FACT_COLUMNS} FROM "Case" c
      WHERE c."citizenId" > ${after} AND c."citizenId" <= ${last} AND c."submittedAt" >= ${since}
      ORDER BY c."citizenId", c."submittedAt", c."trackingNo"`;
    const links = linksOf(rows, scorer);
    const ids = rows.map((row) => row.id);
    const deletions = [];
    for (let start = 0; start < ids.length; start += IDS_PER_STATEMENT) {
      const some = ids.slice(start, start + IDS_PER_STATEMENT);
      deletions.push(
        db.$executeRaw`DELETE FROM "CaseRepeat" WHERE "laterId" IN (${Prisma.join(some)})`,
      );
    }
    await db.$transaction([
      ...deletions,
      ...insertions(links).map((insert) => db.$executeRaw(insert)),
    ]);
    linked += links.length;
    after = last;
  }
  await mark.markDone();
  if (linked > 0) logger.info({ linked }, "repeats of stored cases linked");
  return linked;
}
