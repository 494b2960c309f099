/**
 * The clerks' weekly hot-spot digest: at the configured weekday and Shanghai time
 * (HOT_SPOT_DIGEST_AT), the hot spots of the 7 days before (the first few of each kind and
 * each kind's total) go to every clerks' address
 * (the Telegram group, clerks on WeCom) through the outbox. Every instance checks every
 * 10 minutes, one at a time under a lease (as the deadline round); the week's mark moves in
 * the transaction that enqueues, so the digest goes once per week whatever the number of
 * instances or restarts. A service down for the
 * whole day after the time skips that week (a late digest would be read as this week's).
 */
import { localDateOf } from "../domain/calendar.ts";
import type { Directory } from "../domain/directory.ts";
import { DAY_MS, latestWeekly, type WeeklyTime } from "../domain/shanghai-time.ts";
import type { Logger } from "../logging/logger.ts";
import { createPeriodic } from "../periodic.ts";
import { hotSpotDigestText } from "../notifications/hot-spot-digest-zh.ts";
import { STAFF_DIGEST_KIND, type NewStaffDigest } from "../notifications/staff-digest.ts";
import type { AddressBook } from "../storage/case-rows.ts";
import type { LeaseStore } from "../storage/leases.ts";
import { leaseOwner, withLease } from "../with-lease.ts";
import type { PeriodMarks } from "../storage/period-marks.ts";
import type { HotSpotQuery } from "../storage/queries/hot-spots.ts";
import { withConsoleLinks } from "./hot-spot-links.ts";

/** The period of the digest, in days up to its time. */
export const DIGEST_DAYS = 7;

/** Findings of each kind the digest names (the first, with their total); the page has the rest. */
const DIGEST_TOP = 3;

/** How long after its time a digest not yet sent still goes. */
const CATCH_UP_MS = DAY_MS;

/** The week last sent (its Shanghai date), beside the lease of the same job. */
const MARK = "hot-spot-digest-week";

export interface HotSpotDigestDeps {
  readonly hotSpots: Pick<HotSpotQuery, "report">;
  readonly addresses: AddressBook;
  readonly marks: PeriodMarks;
  /** Where the instances agree which one checks. */
  readonly leases: LeaseStore;
  readonly directory: Directory;
  readonly schedule: WeeklyTime;
  /** PUBLIC_URL: the digest links to the console under it. */
  readonly publicUrl?: string | undefined;
  readonly clock: { now(): Date };
  readonly logger: Logger;
  /** Time between checks of a started job. Default 10 minutes. */
  readonly intervalMs?: number;
}

/**
 * What a check did: sent this week's digest, found it sent already, found none due, or left
 * it to another instance checking at the same time.
 */
export type DigestOutcome = "sent" | "sent_already" | "not_due" | "busy";

export interface HotSpotDigest {
  start(): void;
  stop(): Promise<void>;
  /** One check at the clock's time. Store errors reject. */
  runOnce(): Promise<DigestOutcome>;
}

export function createHotSpotDigest(deps: HotSpotDigestDeps): HotSpotDigest {
  const logger = deps.logger.child({ component: "hot-spot-digest" });

  const lease = {
    name: "hot-spot-digest",
    owner: leaseOwner(),
    ttlMs: 5 * 60_000,
    now: () => deps.clock.now().getTime(),
    logger,
  };

  async function runOnce(): Promise<DigestOutcome> {
    let outcome: DigestOutcome = "busy";
    await withLease(deps.leases, lease, async () => {
      outcome = await check();
    });
    return outcome;
  }

  async function check(): Promise<DigestOutcome> {
    const now = deps.clock.now();
    const due = latestWeekly(now, deps.schedule);
    if (now.getTime() - due.getTime() >= CATCH_UP_MS) return "not_due";
    const week = localDateOf(due);
    if (await deps.marks.isDone(MARK, week)) return "sent_already";
    const report = withConsoleLinks(
      await deps.hotSpots.report(due, DIGEST_DAYS, { offset: 0, limit: DIGEST_TOP }),
    );
    const text = hotSpotDigestText(report, deps);
    const rows = (await deps.addresses({ to: { kind: "clerks" } }, null)).map(
      (address): NewStaffDigest => ({
        ...address,
        caseId: null,
        kind: STAFF_DIGEST_KIND,
        payload: { v: 1, text },
      }),
    );
    if (!(await deps.marks.enqueueOnce(MARK, week, rows))) return "sent_already";
    logger.info(
      {
        week,
        recipients: rows.length,
        clusters: report.clusters.total,
        places: report.repeatedPlaces.total,
        repeats: report.repeatComplaints.total,
        rising: report.risingCategories.total,
      },
      "hot-spot digest enqueued",
    );
    return "sent";
  }

  const periodic = createPeriodic(runOnce, deps.intervalMs ?? 600_000, (error) =>
    logger.error({ err: error }, "hot-spot digest failed"),
  );

  return {
    ...periodic,
    runOnce,
  };
}
