/**
 * Runs the deadline rules of reminders.ts periodically: reminds the holder of
 * a case 3 days before its due date and escalates an overdue case to the
 * clerks once a day, each alert recorded through caseActions (commands remind
 * and escalate) by a system actor, so it lands in the timeline and the outbox
 * like any decision. A round reads only the cases whose next alert time has
 * come (Case.nextAlertAt, kept by every change), in batches, so it costs what
 * is due, not what is running. Every instance runs a scheduler, but a round runs under
 * a lease in the shared database: the commit guards the case's status, not its
 * alert history, so two rounds at once could both record the same alert.
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Actor } from "../domain/lifecycle/actor.ts";
import { dueAlerts, nextAlertAt } from "../domain/lifecycle/reminders.ts";
import { isAppError } from "../errors.ts";
import type { Logger } from "../logging/logger.ts";
import type { PrismaCaseStore } from "../storage/case-store.ts";
import type { LeaseStore } from "../storage/leases.ts";
import { withLease } from "../with-lease.ts";
import type { DueAlertsQuery } from "../storage/queries/due-alerts.ts";
import type { CaseActions } from "./case-actions.ts";

export interface DeadlineSchedulerDeps {
  /** The cases whose alert time has come (an indexed column kept with every change). */
  readonly due: DueAlertsQuery;
  readonly store: Pick<PrismaCaseStore, "rescheduleAlert">;
  readonly actions: CaseActions;
  /** Where the instances agree which one runs a round. */
  readonly leases: LeaseStore;
  readonly clock: { now(): Date };
  readonly logger: Logger;
  /** Time between rounds of a started scheduler. Default 10 minutes. */
  readonly intervalMs?: number;
}

/** What one round did. */
export interface DeadlineRoundResult {
  /** Cases whose alert time had come. */
  readonly checked: number;
  readonly reminded: number;
  readonly escalated: number;
  /** Alerts another instance recorded first, or that failed (logged). */
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

/** Cases read and handled at a time. */
const BATCH_SIZE = 200;

/** The actor every alert is recorded by. */
const DEADLINE_ACTOR: Actor = { kind: "system", id: "deadline-scheduler" };

export function createDeadlineScheduler(deps: DeadlineSchedulerDeps): DeadlineScheduler {
  const { due, store, actions, clock } = deps;
  const logger = deps.logger.child({ component: "deadlines" });
  const intervalMs = deps.intervalMs ?? 600_000;
  let timer: NodeJS.Timeout | undefined;
  let inProgress: Promise<unknown> | null = null;

  const lease = {
    name: "deadline-scheduler",
    owner: `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`,
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
    const result = { checked: 0, reminded: 0, escalated: 0, skipped: 0 };
    for await (const batch of due.due(now, BATCH_SIZE)) {
      for (const { id, version, subject, alerts } of batch) {
        result.checked++;
        const found = dueAlerts(subject, alerts, now);
        // Nothing due after all (a case from before the column, or a clock moved by a
        // decision that raced the read): wait for its real time.
        if (found.length === 0)
          await store.rescheduleAlert(id, version, nextAlertAt(subject, alerts));
        for (const alert of found) await record(subject.trackingNo, alert, result);
      }
    }
    return result;
  }

  async function record(
    trackingNo: string,
    alert: ReturnType<typeof dueAlerts>[number],
    result: { reminded: number; escalated: number; skipped: number },
  ): Promise<void> {
    const type = alert.kind === "reminder" ? "remind" : "escalate";
    try {
      await actions.act(trackingNo, { type, clock: alert.clock }, DEADLINE_ACTOR);
      if (type === "remind") result.reminded++;
      else result.escalated++;
      logger.info(
        { caseNo: trackingNo, alert: alert.kind, clock: alert.clock },
        "deadline alert recorded",
      );
    } catch (error) {
      result.skipped++;
      // The case moved on since it was read, or another instance recorded the alert.
      if (isAppError(error, "storage.conflict") || isAppError(error, "case.illegal_transition")) {
        logger.debug({ caseNo: trackingNo, code: error.code }, "deadline alert skipped");
      } else {
        logger.error({ err: error, caseNo: trackingNo }, "deadline alert failed");
      }
    }
  }

  function tick(): void {
    if (inProgress) return;
    inProgress = runOnce()
      .catch((error: unknown) => logger.error({ err: error }, "deadline round failed"))
      .finally(() => {
        inProgress = null;
      });
  }

  return {
    start() {
      if (timer) return;
      timer = setInterval(tick, intervalMs);
      timer.unref();
      tick();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await inProgress;
    },
    runOnce,
  };
}
