import { createCaseActions, type CaseActions } from "../../src/cases/case-actions.ts";
import {
  createDeadlineScheduler,
  type DeadlineScheduler,
  type DeadlineSchedulerDeps,
} from "../../src/cases/deadline-scheduler.ts";
import { loadCalendar } from "../../src/calendar/load-calendar.ts";
import type { WorkingCalendar } from "../../src/domain/calendar.ts";
import type { Directory } from "../../src/domain/directory.ts";
import type { ComplaintSubmission } from "../../src/domain/intake/ports.ts";
import { loadDirectory } from "../../src/directory/load-directory.ts";
import { createOutboxStore } from "../../src/notifications/outbox-store.ts";
import { createAddressBook, type AddressBookSettings } from "../../src/storage/address-book.ts";
import { createCaseStore, type LifecycleCaseStore } from "../../src/storage/case-store.ts";
import { createComplaintSubmitter } from "../../src/storage/complaint-submitter.ts";
import type { Db } from "../../src/storage/database.ts";
import type { DatabaseProvider, DatabaseTarget } from "../../src/storage/database-url.ts";
import { ensureDirectory } from "../../src/storage/directory-store.ts";
import { createIdentityStore } from "../../src/storage/identity-store.ts";
import { createLeaseStore } from "../../src/storage/leases.ts";
import { loadDuplicateScorer } from "../../src/classification/duplicate-scorer.ts";
import { createReadQueries, type ReadQueries } from "../../src/storage/queries/read-queries.ts";
import { quietLogger } from "../notifications/helpers.ts";
import { MovableClock } from "./clock.ts";
import { freshDatabaseTarget, openTestDatabase } from "./databases.ts";

/** The storage and case actions on a fresh real database, with a movable clock. */
export interface CaseWorld {
  readonly db: Db;
  /** Where `db` points, for tests that run the migrations again. */
  readonly target: DatabaseTarget;
  readonly directory: Directory;
  readonly calendar: WorkingCalendar;
  readonly clock: MovableClock;
  readonly store: LifecycleCaseStore;
  readonly queries: ReadQueries;
  readonly actions: CaseActions;
  /** Files a complaint as Telegram citizen `userId`; resolves with its tracking number. */
  file(userId: number, overrides?: Partial<ComplaintSubmission>): Promise<string>;
  /**
   * The deadline scheduler of one instance on this world (its own lease store, the world's
   * clock); `options` replace its due query or batch size.
   */
  deadlineScheduler(
    options?: Partial<Pick<DeadlineSchedulerDeps, "due" | "batchSize">>,
  ): DeadlineScheduler;
}

export async function createCaseWorld(
  provider: DatabaseProvider,
  settings: AddressBookSettings = { staffChatId: "-100500" },
): Promise<CaseWorld> {
  const target = await freshDatabaseTarget(provider);
  const [db, directory, calendar] = await Promise.all([
    openTestDatabase(target),
    loadDirectory(),
    loadCalendar(),
  ]);
  await ensureDirectory(db, directory);
  const clock = new MovableClock();
  const notifications = {
    outbox: createOutboxStore(db, clock),
    directory,
    addresses: createAddressBook(db, settings),
  };
  const scorer = await loadDuplicateScorer(directory);
  const store = createCaseStore(db, notifications, scorer);
  const submitter = createComplaintSubmitter({
    db,
    directory,
    calendar: () => calendar,
    notifications,
    scorer,
  });
  const identities = createIdentityStore(db);
  const queries = createReadQueries(db, provider, scorer);
  const actions = createCaseActions({ store, directory, calendar: () => calendar, clock });
  let drafts = 0;
  return {
    db,
    target,
    directory,
    calendar,
    clock,
    store,
    queries,
    actions,
    deadlineScheduler: (options = {}) =>
      createDeadlineScheduler({
        due: queries.dueAlerts,
        followUps: queries.answerFollowUps,
        store,
        actions,
        leases: createLeaseStore(db),
        clock,
        logger: quietLogger(),
        ...options,
      }),
    async file(userId, overrides = {}) {
      await identities.touch("telegram", String(userId), String(userId), clock.now());
      const receipt = await submitter.submit({
        idempotencyKey: `telegram:${userId}#${++drafts}`,
        citizenRef: `telegram:${userId}`,
        locale: "zh",
        description: "扶沟县城关镇建设路上的井盖丢了，晚上很危险",
        category: "municipal",
        classification: null,
        region: "fugou",
        regionSource: "text",
        address: "建设路",
        location: null,
        occurredAt: null,
        photos: [],
        contact: { kind: "named", name: "王大爷", phone: "13812345678" },
        isEmergency: false,
        startedAt: clock.now(),
        submittedAt: clock.now(),
        ...overrides,
      });
      return receipt.trackingNo;
    },
  };
}
