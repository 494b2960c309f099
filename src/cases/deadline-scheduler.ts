/**
 * Runs the deadline rules of reminders.ts periodically: reminds the holder of
 * a case 3 days before its due date and escalates an overdue case to the
 * clerks once a day, each alert recorded through caseActions (commands remind
 * and escalate) by a system actor, so it lands in the timeline and the outbox
 * like any decision. A round reads only the cases whose next alert time has
 * come (CaseAlert.nextAlertAt, kept by every change), in batches, and records each
 * batch's alerts together (caseActions.recordAlerts: a few statements per batch,
 * not a transaction per alert), so it costs what is due, not what is running.
 * A round also asks the citizen of each answered, unrated case whose follow-up time has come
 * (the day after its promised day, 承诺办结日期, or a week after the answer) whether it solved
 * their problem (command follow_up_answer, once: it clears the case's follow-up time, as a
 * rating does).
 * Every instance runs a scheduler, but a round runs under a lease in the shared
 * database, so that two instances do not read and decide the same cases twice.
 */
import type { Actor } from "../domain/lifecycle/actor.ts";
import { dueAlerts, nextAlertAt } from "../domain/lifecycle/reminders.ts";
import { isAppError } from "../errors.ts";
import type { Logger } from "../logging/logger.ts";
import { createPeriodic } from "../periodic.ts";
import type { AlertReschedule } from "../storage/alert-commits.ts";
import type { LifecycleCaseStore } from "../storage/case-store.ts";
import type { LeaseStore } from "../storage/leases.ts";
import { leaseOwner, withLease } from "../with-lease.ts";
import type { DueAlertsQuery } from "../storage/queries/due-alerts.ts";
import type { AnswerFollowUpsQuery } from "../storage/queries/answer-follow-ups.ts";
import type { AlertOutcome, AlertRequest, CaseActions } from "./case-actions.ts";

export interface DeadlineSchedulerDeps {
  /** The cases whose alert time has come (an indexed column kept with every change). */
  readonly due: Pick<DueAlertsQuery, "due">;
  /** The answered cases to be followed up (an indexed column too). */
  readonly followUps: Pick<AnswerFollowUpsQuery, "due">;
  readonly store: Pick<LifecycleCaseStore, "rescheduleAlerts">;
  readonly actions: CaseActions;
  /** Where the instances agree which one runs a round. */
  readonly leases: LeaseStore;
  readonly clock: { now(): Date };
  readonly logger: Logger;
  /** Time between rounds of a started scheduler. Default 10 minutes. */
  readonly intervalMs?: number;
  /**
   * Cases read, and their alerts recorded in one transaction, at a time. Default 1,000: the
   * 2,111 alerts after midnight at 1M cases in 3 batches. Under 3,000: a batch's statements
   * carry up to 10 parameters per alert, and SQLite takes 32,766.
   */
  readonly batchSize?: number;
}

/** What one round did. */
export interface DeadlineRoundResult {
  /** Cases whose alert time had come. */
  readonly checked: number;
  readonly reminded: number;
  readonly escalated: number;
  /** Citizens asked whether an unrated answer solved their problem. */
  readonly followedUp: number;
  /** Alerts (and follow-ups) another instance recorded first, or that failed (logged). */
  readonly skipped: number;
}

export interface DeadlineScheduler {
  /** Runs a round now and then every interval; does nothing when already started. */
  start(): void;
  /** Stops and waits for the round in progress. */
  stop(): Promise<void>;
  /**
   * One round at the clock's current time; null when another instance is running one.
   * Store errors reject.
   */
  runOnce(): Promise<DeadlineRoundResult | null>;
}

/** The actor every alert is recorded by. */
const DEADLINE_ACTOR: Actor = { kind: "system", id: "deadline-scheduler" };

export function createDeadlineScheduler(deps: DeadlineSchedulerDeps): DeadlineScheduler {
  const { due, store, actions, clock } = deps;
  const logger = deps.logger.child({ component: "deadlines" });
  const intervalMs = deps.intervalMs ?? 600_000;
  const batchSize = deps.batchSize ?? 1000;

  const lease = {
    name: "deadline-scheduler",
    owner: leaseOwner(),
    ttlMs: 5 * 60_000,
    now: () => clock.now().getTime(),
    logger,
  };

  async function runOnce(): Promise<DeadlineRoundResult | null> {
    let result: DeadlineRoundResult | null = null;
    const ran = await withLease(deps.leases, lease, async () => {
      result = await round();
    });
    if (!ran) logger.debug("another instance is running the deadline round");
    return result;
  }

  async function round(): Promise<DeadlineRoundResult> {
    const now = clock.now();
    const result = { checked: 0, reminded: 0, escalated: 0, followedUp: 0, skipped: 0 };
    for await (const batch of due.due(now, batchSize)) {
      result.checked += batch.length;
      const requests: AlertRequest[] = [];
      const notDue: AlertReschedule[] = [];
      for (const read of batch) {
        const found = dueAlerts(read.subject, read.alerts, now);
        requests.push(...found.map((alert) => ({ due: read, alert })));
        // Nothing due after all (a case from before the column, or a clock moved by a
        // decision that raced the read): wait for its real time.
        if (found.length === 0) {
          const at = nextAlertAt(read.subject, read.alerts);
          notDue.push({ caseId: read.id, version: read.version, at });
        }
      }
      await store.rescheduleAlerts(notDue);
      const outcomes = await actions.recordAlerts(requests, DEADLINE_ACTOR);
      for (const outcome of outcomes) count(outcome, result);
    }
    // One batch a round: the rest, if any, in the next.
    for (const trackingNo of await deps.followUps.due(now, batchSize)) {
      if (await followUpAnswer(trackingNo)) result.followedUp++;
      else result.skipped++;
    }
    return result;
  }

  /** Asks the case's citizen whether the answer solved the problem; false when it was not due after all. */
  async function followUpAnswer(caseNo: string): Promise<boolean> {
    try {
      await actions.act(caseNo, { type: "follow_up_answer" }, DEADLINE_ACTOR);
      logger.info({ caseNo }, "answer followed up");
      return true;
    } catch (error) {
      skipped(caseNo, "answer follow-up", error);
      return false;
    }
  }

  function count(
    outcome: AlertOutcome,
    result: { reminded: number; escalated: number; skipped: number },
  ): void {
    const { alert, due } = outcome.request;
    const caseNo = due.subject.trackingNo;
    if (outcome.recorded) {
      if (alert.kind === "reminder") result.reminded++;
      else result.escalated++;
      logger.info({ caseNo, alert: alert.kind, clock: alert.clock }, "deadline alert recorded");
      return;
    }
    result.skipped++;
    skipped(caseNo, "deadline alert", outcome.reason);
  }

  function skipped(caseNo: string, what: string, reason: unknown): void {
    // The case moved on since it was read, or another instance recorded the alert.
    if (isAppError(reason, "storage.conflict") || isAppError(reason, "case.illegal_transition")) {
      logger.debug({ caseNo, code: reason.code }, `${what} skipped`);
    } else {
      logger.error({ err: reason, caseNo }, `${what} failed`);
    }
  }

  const periodic = createPeriodic(runOnce, intervalMs, (error) =>
    logger.error({ err: error }, "deadline round failed"),
  );

  return {
    ...periodic,
    runOnce,
  };
}
